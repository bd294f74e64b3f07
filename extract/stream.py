"""Borderless tables: columns and rows recovered from the text layout of a page.

Text exports and some spreadsheet prints draw no ruling lines. The table is then anchored on the
row of column numbers (``1 2 3 ...`` or ``(1) (2) ...``) that forms print under the header: each
number stands over its column, and the boundary between two columns is put where the fewest words
cross. Header lines above the numbers name the columns; data lines below are grouped into rows by
the vertical gaps between them. A page that prints no number row continues the columns of the
previous borderless page.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from extract.document import FOOT_SHARE, plain
from extract.model import TEXT, Box, Cell, KeyColumns, RawTable, TextSettings
from extract.ocr import char_confidence
from extract.paragraphs import EITHER, START, WRAP, line_breaks
from extract.parsed import line_tolerance
from extract.tables import PageChars
from transform.headers import MISREAD_NUMBERS
from transform.vocabulary import (
    BORDERLESS_HEADER_TERMS,
    NEEDS_YEAR,
    TOTAL_LABEL,
    TOTAL_WORDS,
    YEAR_TOKEN,
    YEAR_WORD,
    ColumnRole,
    continues_phrase,
    join_broken_labels,
    opens_indicator,
    role_of,
)

__all__ = ["STREAM", "StreamColumns", "StreamSettings", "stream_tables"]

_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


@dataclass(frozen=True)
class StreamSettings:
    """Every threshold of the borderless reader, with the reason for its value. Lengths are in
    points, or in shares of a line's height or of the line pitch where a layout scales them."""

    text: TextSettings = TEXT  # line grouping and bold cells, shared with the ruled reader
    # A table has at least this many columns (a row of 1 2 3 4 counts a list, not a table).
    min_columns: int = 5
    # Words closer than this share of their height are one phrase ("Kota Serang"); a wider gap
    # is a column gap.
    phrase_gap: float = 0.8
    # Inside a phrase, a gap this many times its narrowest one parts two cells set close, when
    # column edges are placed (a space is never narrower than ``min_space`` of the size).
    cell_gap_spaces: float = 2.0
    min_space: float = 0.2
    # A gap between column labels of more than this share of a line's height ends the header
    # above the number row. Spreadsheet prints merge a header cell over several sheet rows and
    # centre its label in it, so a label can stand three or four line heights from the labels
    # or the column numbers beside it; a title over the table is told by its own marks (a line
    # across the columns, set larger, or worded as a title), not by its distance.
    header_gap: float = 4.5
    # The most lines a header runs to above a row of column numbers: three rows of wrapped
    # labels make a dozen, more when letter-spaced, and the number row vouches for them.
    max_header_lines: int = 16
    # The most lines of a header found by its words alone (no number row) that stand over one
    # another (``_stack_depth``): without that row to vouch, a longer stack of lines without
    # numbers is more likely narrative text or a list.
    max_worded_header_lines: int = 12
    # A lone phrase over more than this share of the column centres is a title, not a label.
    title_span: float = 0.4
    # A line this many times taller than the labels under it is a title set larger.
    title_size: float = 1.2
    # A lone phrase longer than this (characters) is a sentence or title over the header.
    title_chars: int = 60
    # Lines closer than this share of a line's height belong to one worded header block.
    header_block_gap: float = 1.5
    # A worded header names at least this many kinds of column (amounts or targets among them).
    header_kinds: int = 4
    # Labels of one column overlap by at least this share of the narrower one (a wrapped label);
    # labels of neighbouring columns merely touch.
    label_overlap: float = 1 / 3
    # A gap wider than this (points) between words lets a boundary sit where centred labels put
    # it; in a narrower one it goes in the middle.
    free_gap: float = 2.0
    # The table's sides stand this far (points) outside its outermost words; the centred-label
    # boundaries are reckoned from a further ``prior_margin`` out.
    table_margin: float = 1.0
    prior_margin: float = 2.0
    # Body phrases carried to the next page: enough rows to show the alignment, few enough to
    # stay quick.
    carried_phrases: int = 800
    # The body ends at a gap wider than this many line pitches, and at least ``body_gap``
    # points (a footnote or the next section).
    body_gap_pitches: float = 4.0
    body_gap: float = 30.0
    # A bare number set apart by more than this many pitches is a page number, not a value.
    folio_gap_pitches: float = 2.0
    # A gap between lines wider than this share of the line height starts a new row (where
    # no code or row number says so).
    row_gap: float = 0.6
    # The line height assumed when a table has no lines to measure.
    default_line_height: float = 8.0
    # A row number ("II.1") is set apart from what follows by more than this share of the line
    # height; a letter-spaced label's first fragment touches the next.
    row_number_gap: float = 0.05
    # Two pages whose widths differ by less than this (points) can carry one table's columns.
    page_width_tolerance: float = 1.0
    # A lone phrase crossing this many column boundaries is running text above a continued
    # table.
    running_text_edges: int = 2
    # A horizontal rule is a stroke or a filled rectangle at most this thick (points); a
    # thicker rectangle is a cell's shading.
    rule_thickness: float = 3.0
    # Strokes whose middles round to the same multiple of this (points) are one rule, drawn
    # cell by cell.
    rule_join: float = 0.5
    # A rule that separates rows runs across at least this share of the table's width; a
    # rule under a group heading or an underlined word is shorter.
    rule_span: float = 0.6


STREAM = StreamSettings()


@dataclass(frozen=True)
class StreamColumns:
    """Column boundaries of a borderless table, carried to the pages it continues on."""

    edges: tuple[float, ...]  # len = columns + 1
    page_width: float
    header: tuple[str, ...]
    # (x0, x1) of the body phrases the edges were placed by, for a page that repeats the header
    # and adds its own rows: one row alone tells little of where values align
    body: tuple[tuple[float, float], ...] = ()
    # whether the page drew a rule under every row (``_banded``): the next page's table then
    # does so too wherever its bands, however few, hold a code or number each at most
    banded: bool = False
    # "foot" or "middle" where the page's table was read as set at the foot or the middle of
    # its rows with nothing between them (``_foot_rows``, ``_middle_rows``): the next page's,
    # set alike, is read so too
    set_at: str = ""
    # whether the page's table set its cells off the top of its rows (``_set_off_the_top``):
    # the next page's, set alike, does too however few of its rows show it
    set_off: bool = False

    def column_of(self, x: float) -> int | None:
        for i in range(len(self.edges) - 1):
            if self.edges[i] <= x < self.edges[i + 1]:
                return i
        return None

    def of_role(self, role: ColumnRole) -> list[int]:
        """The columns whose header names them ``role``, left to right."""
        return [i for i, text in enumerate(self.header) if role_of(text) == role]

    def column_of_word(self, word: dict[str, Any]) -> int | None:
        """The column a word stands in: the one its middle falls in, or the one
        ``_settle_straddlers`` gave a word an edge crosses."""
        settled = word.get("column")
        if settled is not None:
            return int(settled)
        return self.column_of((word["x0"] + word["x1"]) / 2)


@dataclass
class _Line:
    words: list[dict[str, Any]]

    @property
    def top(self) -> float:
        return min(w["top"] for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w["bottom"] for w in self.words)

    @property
    def text(self) -> str:
        """The line's words, a space apart."""
        return " ".join(w["text"] for w in self.words)

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _lines(words: list[dict[str, Any]], settings: StreamSettings = STREAM) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        size = word["bottom"] - word["top"]
        if (
            lines
            and abs(lines[-1].words[0]["top"] - word["top"]) <= settings.text.line_tolerance * size
        ):
            lines[-1].words.append(word)
        else:
            lines.append(_Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w["x0"])
    return lines


def _number_row(
    lines: list[_Line], settings: StreamSettings = STREAM, ocr: bool = False
) -> int | None:
    """The line that numbers the columns (1, 2, 3, ...) under the header. OCR may misread a
    number of it (``Ss`` for 5), read a speck's mark beside one (``4.``) or lose one
    (``_lost_numbers``, placed by ``_number_centres``): on such a page the
    line counts when its words are all as short as column numbers, the first and the last read
    as numbers that span the run, and no more than one in ``MISREAD_NUMBERS`` (as in a ruled
    table's number row) reads otherwise than its place in the run says."""
    for index, line in enumerate(lines):
        if len(line.words) < settings.min_columns:
            continue
        texts = [w["text"].strip(_SPECK_MARKS) if ocr else w["text"] for w in line.words]
        numbers = [_NUMBER.match(t) for t in texts]
        if all(numbers):
            values = [int(m[1]) for m in numbers if m]
            if values == list(range(values[0], values[0] + len(values))):
                return index
        if ocr and (_misread_number_row(texts, numbers) or _lost_numbers(numbers)):
            return index
    return None


def _lost_numbers(numbers: list[re.Match[str] | None]) -> list[int]:
    """The numbers missing from a column-number line that OCR read with gaps: a lone digit
    between wide gaps is the glyph Tesseract most often drops (``1 2 3 5 6 7 8 9 10``). The
    line's words must all read as numbers, rising by one or, where one is lost, by two; at
    most one in ``MISREAD_NUMBERS`` lost. Empty where none is lost or the line is no such."""
    if not all(numbers):
        return []
    values = [int(m[1]) for m in numbers if m]
    steps = [b - a for a, b in zip(values, values[1:], strict=False)]
    if any(step not in (1, 2) for step in steps):
        return []
    lost = [a + 1 for a, step in zip(values, steps, strict=False) if step == 2]
    return lost if len(lost) <= max(1, len(values) // MISREAD_NUMBERS) else []


def _number_centres(
    numbers: list[dict[str, Any]], header: list[_Line], ocr: bool, settings: StreamSettings
) -> list[float] | None:
    """The column centres the number line gives, a number OCR lost (``_lost_numbers``) put at
    the centre of the one header label standing between its neighbours (column numbers and
    labels are both centred in their columns). None where a lost number's column has no such
    label, or more than one."""
    centres = [(w["x0"] + w["x1"]) / 2 for w in numbers]
    if not ocr:
        return centres
    found = [_NUMBER.match(w["text"].strip(_SPECK_MARKS)) for w in numbers]
    if not _lost_numbers(found):
        return centres
    labels = _label_centres(header, settings)
    out = [centres[0]]
    for m, n, b in zip(found, found[1:], centres[1:], strict=False):
        assert m is not None and n is not None
        if int(n[1]) - int(m[1]) == 2:
            a = out[-1]
            margin = _LOST_LABEL_MARGIN * (b - a)
            inside = [c for c in labels if a + margin < c < b - margin]
            if len(inside) != 1:
                return None
            out.append(inside[0])
        out.append(b)
    return out


# A lost number's label stands this share of the gap between its neighbours' centres clear of
# them: their own labels stand over them.
_LOST_LABEL_MARGIN = 0.2


_SPECK_MARKS = ".,:;'`"


def _misread_number_row(texts: list[str], numbers: list[re.Match[str] | None]) -> bool:
    """Whether OCR words read as a column-number line with some numbers misread (see
    ``_number_row``)."""
    first, last = numbers[0], numbers[-1]
    if first is None or last is None or any(not t or len(t) > 3 for t in texts):
        return False
    start = int(first[1])
    if int(last[1]) != start + len(texts) - 1:
        return False
    misread = sum(1 for i, m in enumerate(numbers) if m is None or int(m[1]) != start + i)
    return misread <= len(texts) // MISREAD_NUMBERS


def _crossings(x: float, words: list[dict[str, Any]]) -> int:
    return sum(1 for w in words if w["x0"] < x < w["x1"])


def _aligned(words: list[dict[str, Any]]) -> tuple[set[int], set[int]]:
    """The x (rounded) where words of differing lengths start together, and where they end
    together: the left side of a column of left-aligned values, the right side of a column of
    right-aligned ones. (Words of one length, "APBD" every time, tell no alignment.)"""
    ends_by_start: dict[int, set[int]] = {}
    starts_by_end: dict[int, set[int]] = {}
    for w in words:
        ends_by_start.setdefault(round(w["x0"]), set()).add(round(w["x1"]))
        starts_by_end.setdefault(round(w["x1"]), set()).add(round(w["x0"]))
    return (
        {x for x, ends in ends_by_start.items() if len(ends) >= 2},
        {x for x, starts in starts_by_end.items() if len(starts) >= 2},
    )


def _boundary(
    lo: float,
    hi: float,
    words: list[dict[str, Any]],
    prior: float,
    aligned: tuple[set[int], set[int]] = (set(), set()),
    settings: StreamSettings = STREAM,
    labels: list[dict[str, Any]] | None = None,
) -> float:
    """The x between two column centres that the fewest words cross; among those, one next to
    where a column of aligned values starts or ends (``aligned``), then the one nearest to
    ``prior`` (where the boundary falls if the column labels are centred); moved off a
    column's own label (``labels``) where it can be."""
    points = sorted(
        {lo, hi, *(w["x0"] for w in words if lo < w["x0"] < hi)}
        | {w["x1"] for w in words if lo < w["x1"] < hi}
    )
    starts, ends = aligned
    best: tuple[int, int, float, float] | None = None
    for a, b in zip(points, points[1:], strict=False):
        mid = min(max(prior, a), b) if b - a > settings.free_gap else (a + b) / 2
        support = (round(b) in starts and b < hi) + (round(a) in ends and a > lo)
        key = (_crossings(mid, words), -support, abs(mid - prior), mid)
        if best is None or key < best:
            best = key
    if best is None:
        return (lo + hi) / 2
    if labels and _crossings(best[3], labels):
        return _clear_of_labels(best, lo, hi, words, prior, labels, settings)
    return best[3]


def _clear_of_labels(
    best: tuple[int, int, float, float],
    lo: float,
    hi: float,
    words: list[dict[str, Any]],
    prior: float,
    labels: list[dict[str, Any]],
    settings: StreamSettings = STREAM,
) -> float:
    """A boundary moved off a column's own label (``labels``: the header's lowest labels, no
    heading over others) to where it crosses no more values and no label, nearest to
    ``prior``: the values of two narrow columns may leave a wide gap that the label of one
    reaches into ("Sesudah" beside "Sebelum" under "Target"), and a column's edge never runs
    through its label. Kept where every such place crosses a label too."""
    crossed = best[0]
    points = sorted(
        {lo, hi} | {x for w in [*words, *labels] for x in (w["x0"], w["x1"]) if lo < x < hi}
    )
    found: tuple[float, float] | None = None
    for a, b in zip(points, points[1:], strict=False):
        mid = min(max(prior, a), b) if b - a > settings.free_gap else (a + b) / 2
        if _crossings(mid, words) > crossed or _crossings(mid, labels):
            continue
        key = (abs(mid - prior), mid)
        if found is None or key < found:
            found = key
    return found[1] if found else best[3]


def _centred_edges(centres: list[float], left: float, right: float) -> list[float]:
    """Boundaries implied by labels centred over their columns, from either table side:
    each boundary mirrors the previous one about the column centre; the two passes are
    averaged so that an error in either side's position does not carry through."""
    from_left = [left]
    for c in centres:
        from_left.append(2 * c - from_left[-1])
    from_right = [right]
    for c in reversed(centres):
        from_right.append(2 * c - from_right[-1])
    from_right.reverse()
    return [(a + b) / 2 for a, b in zip(from_left, from_right, strict=True)]


def _phrases(line: _Line, settings: StreamSettings = STREAM) -> list[list[dict[str, Any]]]:
    phrases: list[list[dict[str, Any]]] = []
    for word in line.words:
        size = word["bottom"] - word["top"]
        if phrases and word["x0"] - phrases[-1][-1]["x1"] <= settings.phrase_gap * size:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return phrases


def _label_phrases(line: _Line, settings: StreamSettings = STREAM) -> list[list[dict[str, Any]]]:
    """A header line's phrases, each before/after label a phrase of its own: a Renja
    Perubahan heads two columns "Sebelum" and "Sesudah" (or "Setelah") under each of Target
    and Pagu, set one space apart in narrow columns."""
    parts: list[list[dict[str, Any]]] = []
    for phrase in _phrases(line, settings):
        start = 0
        for i in range(1, len(phrase)):
            if _CHANGE_LABEL.match(phrase[i - 1]["text"]) and _CHANGE_LABEL.match(
                phrase[i]["text"]
            ):
                parts.append(phrase[start:i])
                start = i
        parts.append(phrase[start:])
    return parts


_CHANGE_LABEL = re.compile(r"^(?:sebelum|sesudah|setelah)$", re.I)


def _cell_parts(
    phrase: list[dict[str, Any]], settings: StreamSettings = STREAM
) -> list[list[dict[str, Any]]]:
    """A phrase parted where its words stand much further apart than its narrowest word gap:
    two cells set close (a browser pads a cell by a millimetre a side, less than a phrase
    gap), "Simpan Pinjam" at the end of a name and "Jumlah Bulan" opening the indicator."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(phrase, phrase[1:], strict=False)]
    if len(gaps) < 2:
        return [phrase]
    size = max(w["bottom"] - w["top"] for w in phrase)
    space = max(min(gaps), settings.min_space * size)
    parts = [[phrase[0]]]
    for word, gap in zip(phrase[1:], gaps, strict=True):
        if gap > settings.cell_gap_spaces * space:
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _header_lines(
    lines: list[_Line], number_index: int, settings: StreamSettings = STREAM
) -> list[_Line]:
    """The label lines above the number row, up to a gap or a title line (or the most a header
    runs to); the lines above them are titles."""
    header: list[_Line] = []
    numbers = lines[number_index].words
    centres = [(w["x0"] + w["x1"]) / 2 for w in numbers]
    below = lines[number_index]
    for line in reversed(lines[:number_index]):
        gap = below.top - line.bottom
        too_far = gap > settings.header_gap * max(line.height, 1.0)
        if too_far or len(header) >= settings.max_header_lines:
            break
        phrases = _phrases(line, settings)
        x0, x1 = phrases[0][0]["x0"], phrases[0][-1]["x1"]
        text = " ".join(w["text"] for w in phrases[0])
        wide = sum(x0 <= c <= x1 for c in centres) > settings.title_span * len(centres)
        # set larger than the column headings under it: a title line, which stands clear of
        # them; a label that reaches down into the line under it is one of them, its cell's
        # label centred at another height (OCR's boxes of one size of type differ by a fifth)
        larger = (
            bool(header)
            and gap > 0
            and line.height > settings.title_size * max(h.height for h in header)
        )
        if len(phrases) == 1 and (wide or larger or _TITLE_LINE.match(text)):
            break  # a title or agency line over the table, not a column heading
        header.insert(0, line)
        below = line
    return header


_TITLE_LINE = re.compile(
    r"^(tabel\b|nama\s+perangkat|(dinas|badan|sekretariat|inspektorat|satuan\s+polisi|kantor|"
    r"kecamatan|rumah\s+sakit)\s+[A-Z])",
    re.IGNORECASE,
)


def _share_group_headings(
    parts: list[list[str]],
    centres: list[float] | None = None,
    spans: list[tuple[float, float] | None] | None = None,
) -> None:
    """A measure heading ("Realisasi", "Target Renstra Perangkat Daerah") is narrower than the
    year columns under it: a column headed by a year alone takes the heading of the nearest
    column that has one and a year of its own; between two as near, the one whose years run on
    into this column's (2022 then 2023, not 2023 then 2019), then the one whose heading stands
    nearer to the column's centre (``centres``; ``spans``: where each column's heading is
    printed)."""

    def years(i: int) -> list[int]:
        return [int(y) for p in parts[i] for y in YEAR_WORD.findall(p)]

    def heading(i: int) -> list[str]:
        return [p for p in parts[i] if re.search(r"[A-Za-z]", p)]

    headed = [i for i in range(len(parts)) if heading(i) and years(i)]
    shared: dict[int, list[str]] = {}
    for i in range(len(parts)):
        if heading(i) or len(years(i)) != 1 or not headed:
            continue
        year = years(i)[0]

        def rank(j: int, i: int = i, year: int = year) -> tuple[int, int, float]:
            runs_on = year - years(j)[0] == i - j  # the years count up with the columns
            span = spans[j] if spans else None
            apart = 0.0
            if span is not None and centres is not None:
                apart = max(span[0] - centres[i], centres[i] - span[1], 0.0)
            return abs(i - j), 0 if runs_on else 1, apart

        shared[i] = [YEAR_WORD.sub("", p).strip() for p in heading(min(headed, key=rank))]
    for i, words in shared.items():
        parts[i] = [*words, *parts[i]]


def _header_texts(
    header: list[_Line], columns: StreamColumns, settings: StreamSettings = STREAM
) -> list[str]:
    n = len(columns.edges) - 1
    centres = [(columns.edges[i] + columns.edges[i + 1]) / 2 for i in range(n)]
    # A phrase over several columns is a group heading; the lines of a column's own label are
    # one leaf text, as a ruled header cell's would be ("Tingkat Realisasi (%)").
    groups: list[list[str]] = [[] for _ in range(n)]
    leaves: list[list[str]] = [[] for _ in range(n)]
    year_phrases: list[tuple[float, float, str]] = []
    headings: list[tuple[float, float] | None] = [None] * n  # where a column's words stand
    for at, line in enumerate(header):
        phrases = [
            part
            for phrase in _label_phrases(line, settings)
            for part in _split_at_edges(phrase, columns, header[at + 1 :])
        ]
        for phrase in phrases:
            x0, x1 = phrase[0]["x0"], phrase[-1]["x1"]
            text = " ".join(w["text"] for w in phrase)
            covered = [i for i, c in enumerate(centres) if x0 <= c <= x1]
            if len(covered) <= 1:  # a label over a column centre is that column's, or a
                # group's; one centred on an edge heads the two columns beside it, though it
                # reach over one of their centres (narrow Sebelum | Sesudah columns)
                covered = _straddled(phrase, phrases, header[at + 1 :], columns) or covered
            if len(covered) >= 2:
                for i in covered:
                    groups[i].append(text)
            elif (col := columns.column_of((x0 + x1) / 2)) is not None:
                leaves[col].append(text)
                covered = [col]
            if re.search(r"[A-Za-z]", YEAR_WORD.sub("", text)):
                for i in covered:
                    headings[i] = headings[i] or (x0, x1)
            if YEAR_WORD.search(text):
                year_phrases.append((x0, x1, text))
    parts = [[*g, _leaf_text(leaf)] if leaf else g for g, leaf in zip(groups, leaves, strict=True)]
    _share_group_headings(parts, centres, headings)
    # A year group heading ("Rencana Tahun 2022") is narrower than the columns it stands over:
    # a target or amount column without a year takes the nearest one.
    for i, centre in enumerate(centres):
        joined = " ".join(parts[i])
        letters = re.sub(r"[^a-z]", "", joined.lower())
        digits = re.sub(r"(?<=\d) (?=\d)", "", joined)  # a letter-spaced year: "2 0 23"
        if (
            year_phrases
            and NEEDS_YEAR.search(letters)
            and not (YEAR_WORD.search(joined) or YEAR_WORD.search(digits))
        ):
            nearest = min(year_phrases, key=lambda p: max(p[0] - centre, centre - p[1], 0))
            parts[i].insert(0, nearest[2])
    return [" | ".join(p) for p in parts]


def _split_at_edges(
    phrase: list[dict[str, Any]], columns: StreamColumns, below: list[_Line] | None = None
) -> list[list[dict[str, Any]]]:
    """A phrase cut where a column edge falls in a gap wider than its other word gaps: two
    labels set close in neighbouring columns ("Target Capaian" | "Kebutuhan Dana/Pagu"), not
    one heading over both, whose words stand one space apart throughout. Two words with a
    column edge between them and no label under either column (``below``: the header's
    lower lines) are the two columns' own labels ("Sebelum" | "Sesudah" under "Target" in
    narrow columns): a heading over two columns heads labels under them."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(phrase, phrase[1:], strict=False)]
    if below and (parts := _wrapped_labels(phrase, columns, below)):
        return parts
    if len(gaps) == 1 and below is not None:
        left, right = phrase[0]["x1"], phrase[1]["x0"]
        between = [e for e in columns.edges[1:-1] if left - 1.0 <= e <= right + 1.0]
        pair = {columns.column_of_word(w) for w in phrase}
        labelled = {columns.column_of_word(w) for lower in below for w in lower.words}
        if len(between) == 1 and len(pair) == 2 and None not in pair and not pair & labelled:
            return [phrase[:1], phrase[1:]]

    def edge(left: dict[str, Any], right: dict[str, Any], strings: bool) -> bool:
        """Whether a column edge parts the two words: in the gap between them, or, where the
        page draws them as two strings, anywhere between their middles (a label centred in a
        narrow cell overflows it: "Sumber Dana" starts left of its cell's edge)."""
        a, b = (left["x0"] + left["x1"]) / 2, (right["x0"] + right["x1"]) / 2
        if strings:
            return any(a < e < b for e in columns.edges[1:-1])
        return any(left["x1"] - 1.0 <= e <= right["x0"] + 1.0 for e in columns.edges[1:-1])

    return _wide_gap_parts(phrase, edge)


def _wrapped_labels(
    phrase: list[dict[str, Any]], columns: StreamColumns, below: list[_Line]
) -> list[list[dict[str, Any]]]:
    """A phrase parted at word gaps where each part stands over the rest of a label of its
    own, centred on it or starting with it (the first label under the part, in ``below``,
    the header's lower lines), in a column of its own: the first lines of two labels a sheet
    wrapped and set one space apart (``Target Capaian`` over ``Kinerja``, ``Kebutuhan
    Dana/Pagu`` over ``Indikatif (Rp)``), each line centred in its cell. A heading over the
    two stands centred over both, not over each. The fewest parts; empty if none."""
    if len(phrase) < 2 or len(phrase) > _MAX_WRAPPED_WORDS:
        return []
    height = max(w["bottom"] - w["top"] for w in phrase)
    close = _ALIGNED * height
    top = phrase[0]["top"]
    lower = [
        (p[0]["x0"], p[-1]["x1"], line.top) for line in below for p in _label_phrases(line)
    ]  # by line, top down

    def column(part: list[dict[str, Any]]) -> int | None:
        """The column of the label this part's line stands over, the next line of its cell
        (within ``_NEXT_LINE`` line heights), None if it stands over none."""
        x0, x1 = part[0]["x0"], part[-1]["x1"]
        under = [(a, b, t) for a, b, t in lower if a < x1 and b > x0]
        if not under:
            return None
        a, b, t = under[0]
        if t - top > _NEXT_LINE * height:
            return None
        if abs((a + b) / 2 - (x0 + x1) / 2) > close and abs(a - x0) > close:
            return None
        return columns.column_of((a + b) / 2)

    n = len(phrase)
    for count in range(1, n):
        for cuts in itertools.combinations(range(1, n), count):
            parts = [phrase[a:b] for a, b in zip([0, *cuts], [*cuts, n], strict=True)]
            found = [column(part) for part in parts]
            if None not in found and len(set(found)) == len(found):
                return parts
    return []


# A cell's next line stands within this many line heights under the line before.
_NEXT_LINE = 1.6

# At most this many words in a phrase tried as several wrapped labels' first lines.
_MAX_WRAPPED_WORDS = 8

# A part of a header phrase stands over the next line of its label when their centres, or
# their starts, stand within this share of the line height.
_ALIGNED = 0.3


def _wide_gap_parts(
    phrase: list[dict[str, Any]],
    edge: Callable[[dict[str, Any], dict[str, Any], bool], bool] = lambda left, right, s: True,
) -> list[list[dict[str, Any]]]:
    """A header phrase parted where a word gap is much wider than its others (``_WIDE_GAP``)
    and wider than a space (``_LABEL_GAP``), or where the page draws the two words as two
    strings, and ``edge`` allows a cut between the two words (given whether they are two
    strings): labels of neighbouring columns set close (``Capaian`` | ``Kebutuhan Dana (Rp)``,
    one line of a wrapped label beside a label of one line), where the words of one label
    stand a space apart throughout. Column centres are found from such parts; once the edges
    are known, ``_split_at_edges`` parts the texts only where an edge falls."""
    gaps = [b["x0"] - a["x1"] for a, b in zip(phrase, phrase[1:], strict=False)]
    height = max(w["bottom"] - w["top"] for w in phrase)
    joined = [_joined(a, b) for a, b in zip(phrase, phrase[1:], strict=False)]
    if len(gaps) == 1 and joined[0] is False and gaps[0] > _LABEL_GAP * height:
        # two words give no usual gap to weigh theirs by: two strings further apart than a
        # space are two cells' labels (``KEGIATAN`` of a narrow Sub Kegiatan column set
        # beside the name column's label, three quarters of a letter's height apart)
        return [phrase[:1], phrase[1:]] if edge(phrase[0], phrase[1], True) else [phrase]
    if len(gaps) < 2:
        return [phrase]
    spaces = [g for g, j in zip(gaps, joined, strict=True) if j]
    parts, start = [], 0
    for i, gap in enumerate(gaps):
        others = sorted(g for j, g in enumerate(gaps) if j != i)
        wide = gap > _WIDE_GAP * others[len(others) // 2] and gap > _LABEL_GAP * height
        # two strings: where the page sets a label's words one string with space glyphs, a
        # gap as wide that no space glyph joins ends one cell's text and starts the next's
        apart = joined[i] is False and bool(spaces) and gap >= min(spaces) - _SPACE_SLACK
        if (wide or apart) and edge(phrase[i], phrase[i + 1], apart):
            parts.append(phrase[start : i + 1])
            start = i + 1
    parts.append(phrase[start:])
    return parts


# A gap this many times the phrase's usual word gap, and more than this share of the line
# height (a space is about a quarter), parts two labels.
_WIDE_GAP = 1.5
_LABEL_GAP = 0.45
# A gap without a space glyph parts two labels when it is at least as wide as the phrase's
# spaces, less this much (points): two cells' texts set flush are a space apart or more.
_SPACE_SLACK = 0.1


def _straddled(
    phrase: list[dict[str, Any]],
    line: list[list[dict[str, Any]]],
    below: list[_Line],
    columns: StreamColumns,
) -> list[int]:
    """The two columns a short group label is centred over ("Target" over Sebelum | Sesudah):
    it covers at most one column's centre, and their boundary runs through it, its middle nearer
    to that boundary than to either column's centre (the boundary may stand anywhere in the
    gap between the two columns' values, not always under the label's middle), no other
    label of its line stands over either column, and both have labels under it. (A label
    that a misplaced boundary cuts has a label of the next column beside it, or none under
    the other column.)"""
    x0, x1 = phrase[0]["x0"], phrase[-1]["x1"]
    middle = (x0 + x1) / 2
    edges = columns.edges
    inner = [i for i in range(1, len(edges) - 1) if x0 < edges[i] < x1]
    if len(inner) != 1:
        return []
    at = inner[0]
    left, right = (edges[at - 1] + edges[at]) / 2, (edges[at] + edges[at + 1]) / 2
    if abs(middle - edges[at]) >= min(middle - left, right - middle):
        return []
    pair = {inner[0] - 1, inner[0]}
    for other in line:
        if (
            other is not phrase
            and columns.column_of((other[0]["x0"] + other[-1]["x1"]) / 2) in pair
        ):
            return []
    labelled = {columns.column_of_word(w) for lower in below for w in lower.words}
    return sorted(pair) if pair <= labelled else []


def _leaf_text(lines: list[str]) -> str:
    """A column's own label from its lines, a word a narrow column broke over lines joined
    back ("Penangg" / "ung Jawab" is "Penanggung Jawab")."""
    return join_broken_labels("\n".join(lines)).replace("\n", " ")


def _columns(
    centres: list[float],
    header: list[_Line],
    body_lines: list[_Line],
    page_width: float,
    earlier: tuple[tuple[float, float], ...] = (),
    settings: StreamSettings = STREAM,
) -> StreamColumns:
    """Column edges between the given centres, where the fewest body and header words cross;
    ``earlier`` adds the body phrases of the table's pages before, in the same columns."""
    # Phrases, not words: the space inside "Kota Serang" is no column gap.
    body = [
        {"x0": p[0]["x0"], "x1": p[-1]["x1"]}
        for line in body_lines
        for phrase in _phrases(line, settings)
        for p in _cell_parts(phrase, settings)
    ]
    body += [{"x0": x0, "x1": x1} for x0, x1 in earlier]
    margin, prior_margin = settings.table_margin, settings.prior_margin
    left = min([w["x0"] for w in body] + [centres[0]]) - margin
    right = max([w["x1"] for w in body] + [centres[-1]]) + margin
    priors = _centred_edges(centres, left - prior_margin, right + prior_margin)
    aligned = _aligned(body)
    labels = _own_labels(header, centres, settings)
    edges = [left]
    for i, (a, b) in enumerate(zip(centres, centres[1:], strict=False)):
        prior = priors[i + 1] if a < priors[i + 1] < b else (a + b) / 2
        edges.append(_boundary(a, b, body, prior, aligned, settings, labels))
    edges.append(right)
    extents = tuple((w["x0"], w["x1"]) for w in body)[: settings.carried_phrases]
    return StreamColumns(tuple(edges), page_width, (), extents)


def _own_labels(
    header: list[_Line], centres: list[float], settings: StreamSettings = STREAM
) -> list[dict[str, Any]]:
    """The labels of the header's lowest line that reach over no more than one column centre:
    each heads its own column. (A heading stands over other labels, so never on the lowest
    line; one narrower than the columns it heads may have a single label under it. Two
    labels set close read as one phrase reach over both centres.)"""
    if not header:
        return []
    return [
        {"x0": p[0]["x0"], "x1": p[-1]["x1"]}
        for p in _label_phrases(header[-1], settings)
        if sum(p[0]["x0"] < x < p[-1]["x1"] for x in centres) <= 1
    ]


# Header labels carry no numbers but years; a line with any other number is table body.
_ROW_NUMBER = re.compile(r"^[IVX]+(?:\.\d+)*$")


def _body_word(text: str) -> bool:
    """A word that header labels do not print: a number other than a year."""
    return bool(re.search(r"\d", text)) and not YEAR_TOKEN.match(text)


# A currency word on its own is printed before an amount (its number wrapped onto the next
# line); header labels put it in brackets ("Pagu Indikatif (Rp)").
_CURRENCY = re.compile(r"^rp\.?$", re.IGNORECASE)


def _body_line(line: _Line, settings: StreamSettings = STREAM) -> bool:
    """A line of table body: it prints numbers or a lone currency word, or starts with a row
    number (I, II.1)."""
    return _starts_with_row_number(line, settings) or any(
        _body_word(w["text"]) or _CURRENCY.match(w["text"]) for w in line.words
    )


def _starts_with_row_number(line: _Line, settings: StreamSettings = STREAM) -> bool:
    """Whether the line opens with a row number (I, II.1) set apart from what follows; a
    letter-spaced label ("I ND IK AT O R") opens with a fragment that touches the next one."""
    words = line.words
    if not _ROW_NUMBER.match(words[0]["text"]):
        return False
    return (
        len(words) == 1 or words[1]["x0"] - words[0]["x1"] > settings.row_number_gap * line.height
    )


def _header_block(lines: list[_Line], settings: StreamSettings = STREAM) -> tuple[int, int] | None:
    """First and last line of a column header recognised by its words, when no number row is
    printed: a run of close lines without numbers (years aside) that together name at least
    four kinds of column, amounts or targets among them."""
    start = None
    for index in range(len(lines) + 1):
        line = lines[index] if index < len(lines) else None
        wordy = line is not None and not _body_line(line, settings)
        close = (
            line is not None
            and start is not None
            and _header_neighbours(lines[index - 1], line, settings)
        )
        if wordy and (start is None or close):
            if start is None:
                start = index
            continue
        if start is not None:
            found = _as_header(lines, start, index - 1, settings)
            if found is not None:
                return found
        start = index if wordy else None
    return None


def _repeated_header(
    lines: list[_Line], block: tuple[int, int], previous: StreamColumns
) -> tuple[int, int]:
    """A header repeated from the page before ends at its last line of the earlier header's
    words, each standing over a column whose label holds it: the lines after it that print
    other words are the rest of a row broken over the page (Word lets a row break), close
    under the labels and as free of numbers; so is a word of the header printed under another
    column (``Tahun``, the rest of an indicator, where only the amount columns' labels say
    ``Rencana Tahun 2025``)."""
    start, end = block
    # squeezed, as a label broken mid-word ("Catat" / "an") is joined in the header texts
    known = re.sub(r"[\s|]+", "", " ".join(previous.header)).lower()
    if not known:
        return block
    labels = [re.sub(r"[\s|]+", "", text).lower() for text in previous.header]
    edges = previous.edges

    def repeated(line: _Line) -> bool:
        for word in line.words:
            over = [
                labels[i]
                for i in range(min(len(labels), len(edges) - 1))
                if edges[i] < word["x1"] and word["x0"] < edges[i + 1]
            ]
            if not any(word["text"].lower() in label for label in over or [known]):
                return False
        return True

    while end > start and not repeated(lines[end]):
        end -= 1
    return (start, end) if repeated(lines[end]) else block


def _header_neighbours(upper: _Line, lower: _Line, settings: StreamSettings = STREAM) -> bool:
    """Whether two lines stand close enough to be one worded header: within a line and a half,
    or, where either is a row of labels (two phrases or more), within the reach of labels
    centred in a spreadsheet's tall header cells (``header_gap``)."""
    gap = lower.top - upper.bottom
    height = max(lower.height, 1.0)
    if gap <= settings.header_block_gap * height:
        return True
    labels = max(len(_phrases(upper, settings)), len(_phrases(lower, settings))) >= 2
    return labels and gap <= settings.header_gap * height


def _as_header(
    lines: list[_Line], start: int, end: int, settings: StreamSettings = STREAM
) -> tuple[int, int] | None:
    while start <= end:  # titles and agency lines above the labels are not part of them
        text = lines[start].text
        lone = len(_phrases(lines[start], settings)) == 1
        if not (_TITLE_LINE.match(text) or lone and len(text) > settings.title_chars):
            break
        start += 1
    text = " ".join(line.text for line in lines[start : end + 1])
    letters = re.sub(r"[^a-z() ]", "", text.lower())
    squeezed = re.sub(r"\s+", "", letters)
    kinds = {k for k, pattern in BORDERLESS_HEADER_TERMS.items() if pattern.search(squeezed)}
    if len(kinds) < settings.header_kinds or not kinds & {ColumnRole.PAGU, ColumnRole.TARGET}:
        return None
    # a run no taller than the limit stacks no more; only a taller one is measured (a page of
    # prose can be a long run, and measuring it costs lines times words squared)
    block = lines[start : end + 1]
    if len(block) > settings.max_worded_header_lines and (
        _stack_depth(block) > settings.max_worded_header_lines
    ):
        return None
    return start, end


def _stack_depth(lines: list[_Line]) -> int:
    """The most of ``lines`` that stand over one another: for each word, the lines with a word
    across its width. A sheet centres each header cell's label in its own cell, so the labels
    of a three-row header stand on many more lines across the page than one column stacks
    (a label broken letter by letter in a narrow cell adds its lines to its own column only);
    running text stacks every line."""
    return max(
        (
            sum(
                any(v["x0"] < w["x1"] and v["x1"] > w["x0"] for v in other.words) for other in lines
            )
            for line in lines
            for w in line.words
        ),
        default=0,
    )


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """How much two spans overlap, as a share of the narrower one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(1.0, min(a[1] - a[0], b[1] - b[0]))


def _clusters(
    spans: list[tuple[float, float]], settings: StreamSettings = STREAM
) -> list[tuple[float, float]]:
    """Spans merged where they overlap by a third or more (one label wrapped over lines);
    labels of neighbouring columns that merely touch stay apart."""
    merged: list[tuple[float, float]] = []
    for span in sorted(spans):
        if merged and _overlap(merged[-1], span) >= settings.label_overlap:
            merged[-1] = (min(merged[-1][0], span[0]), max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return merged


def _label_centres(header: list[_Line], settings: StreamSettings = STREAM) -> list[float]:
    """Column centres from the header's own labels: a heading that stands over two or more
    separate labels is a group heading and set aside; a label wrapped over lines is one."""
    return [(a + b) / 2 for a, b in _clusters(_leaf_spans(header, settings), settings)]


def _leaf_spans(
    header: list[_Line], settings: StreamSettings = STREAM
) -> list[tuple[float, float]]:
    """The spans of the header's labels that head one column each, each line of a wrapped
    label apart; group headings, over two or more separate labels, left out."""
    leaves: list[tuple[float, float]] = []
    leaf_lines: list[list[tuple[float, float]]] = []  # the leaves of each line below, by line
    by_line = [
        [
            (p[0]["x0"], p[-1]["x1"])
            for phrase in _label_phrases(line, settings)
            for p in _wide_gap_parts(phrase)
        ]
        for line in header
    ]
    for at in range(len(header) - 1, -1, -1):  # bottom up: a heading is judged by the
        found = []  # labels under it
        spans = by_line[at]
        elsewhere = [s for i, other in enumerate(by_line) if i != at for s in other]
        for a, b in spans:
            # labels that touch it edge to edge stand beside it, not under it (a sheet or a
            # browser centres "Target" over narrow Sebelum | Sesudah cells, flush with both,
            # their glyph boxes overlapping by a side bearing)
            under = [(c, d) for c, d in leaves if _overlap((a, b), (c, d)) > _TOUCH]
            # a heading over a pair stands clear of the labels under it, or reaches a little
            # into them where it is wider than the gap between them (less than
            # ``label_overlap`` of the narrower); a label of its own column may go on under
            # itself (a sheet centres a wrapped label around the single-line labels beside it)
            clear = all(_overlap((a, b), u) < settings.label_overlap for u in under)
            pair = clear and any(
                _over_pair((a, b), spans, lower, elsewhere, settings) for lower in leaf_lines
            )
            if len(_clusters(under, settings)) < 2 and not pair:
                found.append((a, b))
        leaves.extend(found)
        leaf_lines.append(found)
    return leaves


# Labels whose spans overlap by no more than this share of the narrower one touch; they do
# not stand one over the other (a label over another overlaps it by most of the narrower).
_TOUCH = 0.1


def _over_pair(
    span: tuple[float, float],
    line: list[tuple[float, float]],
    under: list[tuple[float, float]],
    elsewhere: list[tuple[float, float]],
    settings: StreamSettings = STREAM,
) -> bool:
    """Whether a short label is a heading centred over the two labels under it ("Pagu (Rp)" over
    Sebelum | Sesudah, a merged header cell): it stands in the gap between two neighbouring
    labels of a line under it (``under``: the next, or further down where a sheet centres
    the one-line labels beside it in between), touching neither by ``label_overlap``, in the
    middle third of the two, no label of another line (``elsewhere``) stands in that gap, and
    it is the label nearest to each (their own line aside). A label of its own column
    between two sub-labels of other headings has those headings nearer."""
    centre = (span[0] + span[1]) / 2
    ordered = sorted(under)
    for left, right in zip(ordered, ordered[1:], strict=False):
        if not left[1] <= centre <= right[0]:
            continue
        if any(left[1] < (a + b) / 2 < right[0] for a, b in elsewhere):
            return False  # another column's label between the two: they are no pair
        if max(_overlap(span, left), _overlap(span, right)) >= settings.label_overlap:
            return False
        third = (right[1] - left[0]) / 3
        if not left[0] + third <= centre <= right[1] - third:
            return False
        # the labels of other lines but the two's own, its own line's but itself
        rest = [s for s in elsewhere if s not in under] + [s for s in line if s != span]
        for child in (left, right):
            middle = (child[0] + child[1]) / 2
            # a piece within the child's width is the rest of its own label, broken by a
            # narrow column ("Sebelu" over "m")
            others = [(a + b) / 2 for a, b in rest if not (child[0] <= a and b <= child[1])]
            if any(abs(c - middle) <= abs(centre - middle) for c in others):
                return False
        return True
    return False


def _body_lines(
    lines: list[_Line],
    settings: StreamSettings = STREAM,
    rules: tuple[float, ...] = (),
    columns: StreamColumns | None = None,
    sides: Sequence[tuple[float, float, float]] = (),
) -> list[_Line]:
    """Lines of the table body: up to the first gap much larger than the line pitch, unless
    the table's row rules (``rules``) run on through it: a rule between the two lines and
    another under the lower one frame a row of the table (a sheet's rows may stand much
    taller than their text), where a footnote under the table has no rule of its own; or
    two of its upright rules (``sides``: x, top, bottom) run on through it, down past the
    lower line: a table ruled between its columns, or round each program's rows, whose last
    program runs on over the page, has no rule under it (a sheet's rows stand tall there
    too: xlsx 1135 lost all but a page's first program), and a footnote stands under the
    rules' end.
    Else a line after the gap with figures in two or more of the ``columns`` where the body
    above has figures is a row of the table too (a sheet's row set taller than its text),
    where a title, header, footnote or signature under a table has none; so is one with a
    figure in one of them and words in three columns or more (another indicator of the row
    above, under a page's first row, which had no next year's target)."""
    if not lines:
        return []
    pitch = _pitch(lines)
    body = [lines[0]]
    figures: set[int] = set(_lone_numbers(lines[0], columns)) if columns else set()
    for line in lines[1:]:
        gap = line.top - body[-1].bottom
        far = gap > max(settings.body_gap_pitches * pitch, settings.body_gap)
        through = sum(
            1 for _, top, bottom in sides if top <= body[-1].bottom and bottom >= line.bottom
        )
        if far and through >= 2:
            far = False
        elif far and _rule_between(body[-1], line, rules):
            far = not any(y > (line.top + line.bottom) / 2 for y in rules)
        elif far and columns is not None:
            shared = figures & set(_lone_numbers(line, columns))
            # figures in two columns of the body's figures, or in one where the line's words
            # stand in three columns or more (an indicator, its target and unit, the next
            # year's target): a row of the table; a footnote, title or signature has neither
            far = len(shared) < 2 and not (shared and len(_columns_of(line, columns)) >= 3)
        if far or _is_folio(line, alone=gap > settings.folio_gap_pitches * pitch):
            break
        body.append(line)
        if columns is not None:
            figures |= set(_lone_numbers(line, columns))
    return body


def _before_sign_off(lines: list[_Line], body_start: int) -> list[_Line]:
    """The page's lines above what ends its table, whose body starts at line ``body_start``:
    a note under it ("Sumber: ...", "Keterangan: ...", "*) ..."), or the sign-off a Renja ends
    with under its last table (Permendagri 86's forms end so): the closing words ("Demikian
    ...") and the signature block, the place and date, "Mengetahui", the signer's office
    ("KEPALA DINAS ..."), name and NIP, set under the table's last columns. Under a table
    without rules their lines went into the last row (a name ran on into a note or the closing
    words, the NIP was read as a target), made a row of their own, or made the columns (a
    page's next-year targets lost), and their numbers were counted as printed in the table. A
    sign-off line, or a note opened by its mark ("*) ..."), follows a gap of half a line at
    least: a cell's wrapped line that happens to start so ("Kepala Dinas" in a name, a name's
    mark "*)" wrapped alone) follows its line closer; a note's label and colon are no cell's
    start."""
    for index in range(max(1, body_start), len(lines)):
        upper, line = lines[index - 1], lines[index]
        text = line.text
        if _NOTE.match(text):
            return lines[:index]
        apart = line.top - upper.bottom >= _SIGN_OFF_GAP * line.height
        if apart and _MARKED_NOTE.match(text):
            return lines[:index]
        if apart and _SIGN_OFF.match(text):
            while index - 1 >= max(1, body_start) and _DATE_PART.match(lines[index - 1].text):
                index -= 1  # "Serang," over "2021" over "Kepala Dinas": the date left to write
            return lines[:index]
    return lines


# A note under a table: its source, a remark, the meaning of its marks ("*) ...").
_NOTE = re.compile(r"^\s*(?:sumber(?:\s+data)?|keterangan|catatan|ket)\s*:", re.IGNORECASE)
_MARKED_NOTE = re.compile(r"^\s*\*{1,3}\)")
_MONTHS = (
    "januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    "nopember|november|desember"
)
# The first line of a sign-off: the place and date of the signature ("Cilegon, 14 Januari
# 2022", the day or the month left blank for the pen), the closing words, "Mengetahui" or
# "Ditetapkan di", an electronic signature's note ("Dokumen ini telah ditandatangani secara
# elektronik ...", in the foot of a page too short to tell it as a running foot), the
# signer's office (the head of a dinas, badan, kantor, satuan, bagian, of a kecamatan, a
# hospital or the inspectorate; signed for, "a.n.", or acting, "Plt.", "Plh.") or NIP.
_SIGN_OFF = re.compile(
    rf"^\s*(?:[A-Z][\w.'-]*(?:\s+[\w.'-]+){{0,3}},\s*(?:\d{{1,2}}\s+)?(?:(?:{_MONTHS})\s+)?"
    r"(?:19|20)\d\d\s*$|demikian\b|mengetahui\b|ditetapkan\s+di\b|"
    r"(?:dokumen\s+ini\s+(?:telah\s+)?)?ditandatangani\s+secara\s+(?:elektronik|digital)|"
    r"(?:a\.\s?n\.?\s+|plt\.?\s+|plh\.?\s+)?(?:kepala\s+(?:dinas|badan|kantor|satuan|bagian|"
    r"pelaksana)|camat|direktur|inspektur|sekretaris\s+(?:daerah|dinas|badan|dprd))\b|"
    r"nip\.?\s*[:.]?\s*\d)",
    re.IGNORECASE,
)
# A part of the date printed on a line of its own over the office, the rest left to write:
# the place ("Serang,"), the year, the month and year.
_DATE_PART = re.compile(
    rf"^\s*(?:[A-Z][\w.'-]*(?:\s+[\w.'-]+){{0,3}},|(?:\d{{1,2}}\s+)?(?:(?:{_MONTHS})\s+)?"
    r"(?:19|20)\d\d)\s*$",
    re.IGNORECASE,
)
_SIGN_OFF_GAP = 0.5  # line heights


def _running_foot(line: _Line, page: Any, feet: Collection[str]) -> bool:
    """Whether ``line`` stands in the page's foot (``extract.document.FOOT_SHARE``) and prints
    a running foot (``feet``), or most of one (a page number may stand on the line of either):
    an electronic signature's note under the table, which its last row took for the rest of
    its cells, with status ``ok``. A cell's line that prints a few words of a running foot
    (the agency's name) is none, nor is a line that prints more words than a page number
    beside one (a row's line whose indicator cell prints what two pages' feet print alike)."""
    if not feet or line.top < (1 - FOOT_SHARE) * float(page.height):
        return False
    text = plain(line.text)
    return any(
        (foot in text and _letters(text) - _letters(foot) < _BESIDE_A_FOOT)
        or (text in foot and len(text) >= _MOST_OF_A_FOOT * len(foot))
        for foot in feet
    )


def _letters(text: str) -> int:
    return sum(map(str.isalpha, text))


# letters: as many beside a running foot on its line are a row's words, not a page number's
# ("Halaman 3 dari 12")
_BESIDE_A_FOOT = 16


_MOST_OF_A_FOOT = 0.8


def _pitch(lines: list[_Line]) -> float:
    """The median distance from one line's top to the next's."""
    pitches = sorted(b.top - a.top for a, b in zip(lines, lines[1:], strict=False))
    return pitches[len(pitches) // 2] if pitches else lines[0].height


def _above_folio(lines: list[_Line], settings: StreamSettings = STREAM) -> list[_Line]:
    """The lines above the page's folio (``_is_folio``), as ``_body_lines`` ends the body
    there: a page number centred on the page may stand in the gap between two columns, and
    no column edge is to be placed around it."""
    if not lines:
        return []
    pitch = _pitch(lines)
    for i in range(1, len(lines)):
        gap = lines[i].top - lines[i - 1].bottom
        if _is_folio(lines[i], alone=gap > settings.folio_gap_pitches * pitch):
            return lines[:i]
    return lines


_FOLIO = re.compile(r"^(?:halaman|hal\.?|page)\s*\d+(?:\s*(?:dari|of)\s*\d+)?$|^-\s*\d+\s*-$", re.I)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")


# A browser's print of a web page: the page's address and "page of pages" in its footer.
_ADDRESS = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.I)
_PAGE_OF = re.compile(r"^(\d{1,4})/(\d{1,4})$")


# The first line of a page a browser printed: the date and time ("12/3/26, 3:56 PM",
# "03/12/2026 15.56"), then the page's title.
_PRINT_STAMP = re.compile(
    r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[AP]M)?(?:\s|$)",
    re.I,
)


def _is_folio(line: _Line, alone: bool) -> bool:
    """A page number in the footer: "Halaman 3", "- 12 -", or a bare number set apart; or a
    browser's footer: the page's address, with "3/12" (page 3 of 12) beside it or set apart."""
    text = line.text
    if _FOLIO.match(text) or (alone and _BARE_NUMBER.match(text)):
        return True
    words = [w["text"] for w in line.words]
    counters = [m for m in map(_PAGE_OF.match, words) if m and 0 < int(m[1]) <= int(m[2])]
    address = any(_ADDRESS.match(w) for w in words)
    return len(counters) + address == len(words) and (address or alone)


def _rows(
    lines: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    settings: StreamSettings = STREAM,
    rules: tuple[float, ...] = (),
    name_columns: frozenset[int] = frozenset(),
    by_figures: list[bool] | None = None,
    set_off: list[bool] | None = None,
    banded: bool = False,
    off_before: bool = False,
) -> list[list[_Line]]:
    """The body's lines grouped into rows. A line starts a row when it holds an id cell (code
    or row number), stands under the line above by more than ``row_gap``, holds a number under
    a number of the row's lines (``_stacked``), has a horizontal rule (y in ``rules``) between
    it and the line above (a table printed with horizontal rules only draws one under every
    row, and a wrapped cell's lines have none between them; the sides of a row's shading
    count as rules), or opens a total's label (Jumlah, Total) in a name column
    (``name_columns``) that the row so far leaves empty (a further indicator of a node has
    no name of its own to wrap into the label) or that holds the label alone beside amounts.
    ``by_figures`` is given, per row, whether its figures alone started it (``_stacked`` or a
    figure in a column the row above left empty); ``set_off``, whether the table sets its
    cells off the top of their rows (``_set_off_the_top``, or ``off_before``: the page before
    did). In a table ruled under every row (``banded``), a rule alone starts a row."""
    rows: list[list[_Line]] = []
    line_height = _line_height(lines, settings)
    numbers = [_lone_numbers(line, columns) for line in lines]  # read once per line
    row_numbers: list[dict[int, str]] = []  # those of the current row's lines
    row_columns: set[int] = set()  # the columns the current row's lines print in
    row_words: dict[int, list[str]] = {}  # the words the current row's lines print, by column
    offset = _set_off_the_top(
        lines, columns, id_columns, numbers, settings.row_gap * line_height,
        _padded(lines, settings),
    ) or off_before  # fmt: skip
    if set_off is not None:
        set_off.append(offset)
    # whether the current row was opened by a gap wider than a row's lines stand apart (or is
    # the first), and holds no code or row number yet
    opened_apart = False
    for line, found in zip(lines, numbers, strict=True):
        words = _words_by_column(line, columns)
        in_columns = set(words)  # the columns the line prints in
        starts_id = bool(in_columns & id_columns)
        gap = line.top - rows[-1][-1].bottom if rows else 0.0
        stacked = any(_stacked(above, found) for above in row_numbers)
        ruled = bool(rows) and _rule_between(rows[-1][-1], line, rules)
        total = bool(rows) and _opens_total(line, rows[-1], columns, name_columns, found)
        # A table's cells are set at the top of their row (the default of a word processor's
        # table): each cell's text starts on the row's first line. A line with figures that
        # prints in a column the row has left empty, under lines that print no figure, is the
        # first line of the next row: a node or a further indicator under the rest of a row
        # that a page break cut, or under a heading, where rows stand as close as lines.
        opens = (
            bool(rows)
            and bool(found)
            and gap >= 0
            and not any(row_numbers)
            and (
                bool(in_columns - row_columns)
                or any(_rest_of_a_target(row_words.get(c), words[c]) for c in found)
            )
        )
        apart = gap > settings.row_gap * line_height
        # A table may set its cells at the middle or the foot of their row instead (a web
        # page's default, a sheet's): a row's code, number and figures then stand beside the
        # middle or last line of its name or indicator, under their first lines, which a gap
        # parts from the row above. In a table so set (``_set_off_the_top``), a code, figures
        # or a total's label so met within the lines of a row the gap opened, which holds no
        # code yet, are that row's.
        centred = offset and opened_apart and (starts_id or opens or total or stacked)
        centred = centred and not (apart or ruled)
        # a table that draws a rule under every row: what stands between two rules is a row
        inside = banded and bool(rows) and not ruled
        starts = not rows or starts_id or stacked or ruled or total or opens or apart
        if not (centred or inside) and starts:
            if by_figures is not None:
                by_figures.append(
                    bool(rows) and not (starts_id or ruled or total)
                    and gap <= settings.row_gap * line_height
                )  # fmt: skip
            rows.append([line])
            row_numbers = [found]
            row_columns = set()
            row_words = {}
            opened_apart = (apart or len(rows) == 1) and not starts_id
        else:
            row_numbers.append(found)
            rows[-1].append(line)
            opened_apart = opened_apart and not starts_id
        row_columns |= in_columns
        for c, texts in words.items():
            row_words.setdefault(c, []).extend(texts)
    return rows


def _first_row_in_header(
    lines: list[_Line],
    first: int,
    body_start: int,
    columns: StreamColumns,
    keys: set[int],
    rules: tuple[float, ...],
    least: int,
    settings: StreamSettings = STREAM,
) -> int | None:
    """Where the header found by its words (``_header_block``, ``lines[first:body_start]``)
    ends at a rule across the table above its last lines, and the body is ruled under every
    row (``_banded``) or the band under that rule is closed by a rule and holds one code or
    row number (``_one_row_band``: a shaded first row under an unshaded header, the fill's
    edges its rules): the index of the first line under that rule, where the header without
    the lines below it gives every column the role it gave (those lines are the first row's
    first lines, set over its code at the middle or foot of the row, no labels); else None."""
    if body_start >= len(lines) or _rule_between(lines[body_start - 1], lines[body_start], rules):
        return None
    ruled = (
        k for k in range(body_start - 1, first, -1) if _rule_between(lines[k - 1], lines[k], rules)
    )
    cut = next(ruled, None)
    if cut is None:
        return None
    if not (
        _banded(lines[cut:], columns, keys, rules, least)
        or _one_row_band(lines[cut:], columns, keys, rules)
    ):
        return None
    shorter = _header_texts(lines[first:cut], columns, settings)
    if [role_of(t) for t in shorter] != [role_of(t) for t in columns.header]:
        return None
    return cut


def _banded(
    lines: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    rules: tuple[float, ...],
    least: int = 3,
) -> bool:
    """Whether the table draws a rule under every row (a web page's or a word processor's
    table with horizontal borders): of the bands of lines between two rules, none holds two
    lines that print a code or row number (an amount, in a table with neither: levels shown
    by type and shading alone), and ``least`` or more hold one (three; one on a page after a
    page so ruled). Such a table's rows are its bands, wherever in them a row's code stands:
    at the foot of a row set at its foot, under the first lines of its name."""
    marks = _node_columns(columns, id_columns)
    if not rules or not marks:
        return False
    bands = _marked_per_band(lines, columns, marks, rules)
    return bool(bands) and max(bands) <= 1 and sum(bands) >= least


def _one_row_band(
    lines: list[_Line], columns: StreamColumns, id_columns: set[int], rules: tuple[float, ...]
) -> bool:
    """Whether the first band of ``lines`` (up to the first rule between two of them) is
    closed by a rule and holds exactly one line that prints a code or row number: one row,
    since a rule parts rows and a row prints one code. A word processor, a spreadsheet and a
    browser paint a shaded cell's fill over the whole cell, so a shaded row is such a band
    where the rows around it are not ruled."""
    if not id_columns:
        return False
    bands = _marked_per_band(lines, columns, id_columns, rules)
    return len(bands) > 1 and bands[0] == 1


def _marked_per_band(
    lines: list[_Line], columns: StreamColumns, marks: set[int], rules: tuple[float, ...]
) -> list[int]:
    """For each band of ``lines`` between two rules, how many of its lines print in a column
    of ``marks``; every band but the last is closed by a rule."""
    bands: list[int] = []
    for index, line in enumerate(lines):
        if not bands or _rule_between(lines[index - 1], line, rules):
            bands.append(0)
        if {columns.column_of_word(w) for w in line.words} & marks:
            bands[-1] += 1
    return bands


_BANDS = 3  # bands holding a code or number each that show a table ruled under every row


def _words_by_column(line: _Line, columns: StreamColumns) -> dict[int, list[str]]:
    """The words a line prints in each column."""
    out: dict[int, list[str]] = {}
    for word in line.words:
        col = columns.column_of_word(word)
        if col is not None:
            out.setdefault(col, []).append(word["text"])
    return out


def _rest_of_a_target(above: list[str] | None, cell: list[str]) -> bool:
    """Whether the words a row printed so far in a column, with no figure among them, are the
    rest of a target that a page break cut (``13`` / ``Dokumen``: the unit alone at the top of
    the next page) rather than the first line of the target ``cell`` below them: that prints
    a number with its own unit (``339 org``). A unit set above its number in a narrow cell
    (``orang`` / ``82``) leaves the number alone."""
    if not above or any(ch.isdigit() for word in above for ch in word):
        return False
    return len(cell) >= 2 and not any(ch.isdigit() for word in cell[1:] for ch in word)


def _opens_total(
    line: _Line,
    row: list[_Line],
    columns: StreamColumns,
    name_columns: frozenset[int],
    numbers: dict[int, str] | None = None,
) -> bool:
    """Whether ``line`` opens a total's label in a name column that ``row`` leaves empty, or
    prints a total's label alone in a name column beside numbers of its own (``numbers``,
    the line's ``_lone_numbers``): no name wraps into a line that says only "Jumlah" next to
    the amounts (the rest of a row broken over a page, then the subtotal under it)."""
    for col in name_columns:

        def text_in(part: _Line, col: int = col) -> str:
            return " ".join(w["text"] for w in part.words if columns.column_of_word(w) == col)

        label = text_in(line)
        if TOTAL_WORDS.match(label) and not any(text_in(part) for part in row):
            return True
        if TOTAL_LABEL.match(label) and any(c != col for c in numbers or {}):
            return True
    return False


def _rule_between(upper: _Line, lower: _Line, rules: tuple[float, ...]) -> bool:
    """Whether a rule runs between two lines: below the middle of the upper one and above the
    middle of the lower one (glyph boxes reach into the cell padding, so a rule may touch
    them; an underline under a word is no rule across the table, see ``_row_rules``)."""
    above = (upper.top + upper.bottom) / 2
    below = (lower.top + lower.bottom) / 2
    return any(above < y < below for y in rules)


def _row_rules(
    page: Any, left: float, right: float, settings: StreamSettings = STREAM
) -> tuple[float, ...]:
    """The y of each horizontal rule that runs across most of the table (``rule_span`` of its
    width between ``left`` and ``right``): stroked lines and thin filled rectangles, pieced
    together where a printer draws a rule cell by cell; and the top and bottom sides of
    shaded cells, pieced together in the same way: a word processor, a spreadsheet and a
    browser all paint a cell's fill over the whole cell, so where a row's fill starts or ends
    one row ends and the next begins (a shaded program under an unshaded total), while a
    cell's wrapped lines share one fill."""
    segments: dict[float, list[tuple[float, float]]] = {}
    strokes = [*getattr(page, "lines", []), *getattr(page, "rects", [])]
    for item in strokes:
        height = abs(item["bottom"] - item["top"])
        if height <= settings.rule_thickness:
            ys = [(item["top"] + item["bottom"]) / 2]
        elif item.get("fill") or item.get("stroke"):
            ys = [item["top"], item["bottom"]]
        else:
            continue
        x0, x1 = max(item["x0"], left), min(item["x1"], right)
        for at in ys:
            y = round(at / settings.rule_join) * settings.rule_join
            if x1 > x0:
                segments.setdefault(y, []).append((x0, x1))
    width = max(right - left, 1.0)
    found = []
    for y, spans in segments.items():
        covered, reach = 0.0, left
        for x0, x1 in sorted(spans):
            covered += max(0.0, x1 - max(x0, reach))
            reach = max(reach, x1)
        if covered >= settings.rule_span * width:
            found.append(y)
    return tuple(sorted(found))


def _upright_rules(
    page: Any, left: float, right: float, settings: StreamSettings = STREAM
) -> list[tuple[float, float, float]]:
    """The table's upright rules, each as (x, top, bottom): stroked lines and thin filled
    rectangles between ``left`` and ``right`` (a point of slack), pieced together where a
    printer draws a rule cell by cell (pieces at one x that meet)."""
    pieces: dict[float, list[tuple[float, float]]] = {}
    for item in [*getattr(page, "lines", []), *getattr(page, "rects", [])]:
        width = abs(item["x1"] - item["x0"])
        x = (item["x0"] + item["x1"]) / 2
        if width > settings.rule_thickness or not left - 1 <= x <= right + 1:
            continue
        if item["bottom"] - item["top"] <= settings.rule_thickness:
            continue
        at = round(x / settings.rule_join) * settings.rule_join
        pieces.setdefault(at, []).append((item["top"], item["bottom"]))
    out = []
    for x, spans in pieces.items():
        spans.sort()
        top, bottom = spans[0]
        for a, b in spans[1:]:
            if a > bottom + 1:
                out.append((x, top, bottom))
                top = a
            bottom = max(bottom, b)
        out.append((x, top, bottom))
    return out


# a whole number as Renja print them: ``2.730.000.000``, ``82,5``, an amount typed with its
# dash or its currency glued on, ``2.730.000.000,-``, ``Rp245.652.000`` (``transform.numbers``
# reads them so)
_WHOLE_NUMBER = re.compile(
    r"^(?:Rp\.?)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?:[,.]?[-\u2013\u2014])?$", re.IGNORECASE
)


def _whole_number(text: str) -> bool:
    """Whether a word is one whole number as Renja print them (``_WHOLE_NUMBER``)."""
    return _WHOLE_NUMBER.match(text) is not None


_SHORT = 6  # characters: a target (``21``, ``82,5``, ``2.079``), not an amount


def _columns_of(line: _Line, columns: StreamColumns) -> set[int]:
    """The columns a line's words stand in."""
    found = (columns.column_of_word(w) for w in line.words)
    return {c for c in found if c is not None}


def _lone_numbers(line: _Line, columns: StreamColumns) -> dict[int, str]:
    """The columns where a line holds one whole number, alone, after a currency word (``Rp
    1.500.000``) or followed by its unit (``13 unit``, ``51 %``: a target with no satuan
    column of its own), with the number."""
    by_column = _words_by_column(line, columns)
    for col, words in by_column.items():
        if len(words) > 1 and _CURRENCY.match(words[0]):
            by_column[col] = words[1:]  # "Rp 1.500.000": the amount after its currency word
    return {
        c: w[0]
        for c, w in by_column.items()
        if _whole_number(w[0])
        and len(w) <= 1 + _UNIT_WORDS
        and not any(ch.isdigit() for unit in w[1:] for ch in unit)
    }


_UNIT_WORDS = 2  # a unit printed after its target: "orang", "%", "unit kerja"


def _stacked(upper: dict[int, str], lower: dict[int, str]) -> bool:
    """Whether a line's numbers stand under numbers of a line above in the same column as a
    second value, not as the rest of a wrapped one; the lower line then starts a row: the
    next indicator of a node, or a total under a subtotal, in sheets whose rows stand as
    close as a cell's lines. A target cell does not wrap into a second number, hence two
    short ones are two values. A long amount wraps at a separator (``1.618.`` / ``507.000``,
    ``2.051.745.000`` / ``,00``) or inside its decimals (``310.791.000,0`` / ``0``): the rest
    is never a whole number with a separator of its own, hence ``54.171.000`` over
    ``49.550.618.906`` are two."""
    for column, below in lower.items():
        above = upper.get(column)
        if above is None:
            continue
        if len(above) <= _SHORT and len(below) <= _SHORT:
            return True
        if any(mark in below for mark in ".,"):
            return True
    return False


def _stacked_rows(
    rows: list[list[_Line]],
    by_figures: list[bool],
    columns: StreamColumns,
    indicators: list[int],
    widths: list[float],
    id_columns: set[int],
    rules: tuple[float, ...] = (),
) -> list[list[_Line]]:
    """Rows that figures alone parted, put back into one where the indicator column says they
    are one cell's lines: a node's indicators one under another in one cell and their targets
    so beside them, with no rules to box them. Figures part the rows line by line, and where
    an indicator wraps, the next target stands beside the wrapped line: the indicators and
    targets go out paired wrongly. A run of rows parted by figures is one row again where a
    line of the indicator column that cannot have wrapped (``extract.paragraphs.START``), or
    that may not have and opens with a word the node rows' indicators open with
    (``Jumlah``; the node rows: those a code or a number opens, or in a table with neither,
    those that state an amount), stands inside one of its rows; or one of its rows starts on
    a line that runs on (``WRAP``), or that may and opens with a word none of them opens
    with, nor any indicator (``transform.vocabulary.opens_indicator``); or a target
    cell's value is cut between two of its rows (``_value_cut``); or a row after its first
    prints figures with nothing beside them in the indicator or name columns
    (``_targets_alone``). A row that states an amount
    on its first line opens a run of its own: a node prints its amount once, on its first
    line. In a table that draws a rule over the row of every node (``rules``: each row that
    states an amount, two or more, has one above it), a row that figures alone parted has
    none, and is one with the row above whatever its lines say. The reader of the rows then
    parts the cell by its paragraphs, or reports it."""
    if not indicators or len(by_figures) != len(rows):
        return rows
    # the words a node's indicators open with (``Jumlah``): those of the rows a code or a
    # number opens (``id_columns``), whose indicator cell starts with the node; not a word
    # printed inside a line of a name or an indicator (``... Tingkat Kecamatan``)
    openers: set[str] = set()
    names = columns.of_role(ColumnRole.NAMA)
    inside = {
        word for row in rows for line in row for col in {*indicators, *names}
        for word in _column_words(line, columns, col)[1:]
    }  # fmt: skip
    # in a table with no code nor number, the rows of nodes are those that state an amount
    # (a node's row prints it on its first line; a further indicator's row has none)
    marks = _node_columns(columns, id_columns)
    for row in rows:
        opened = any(columns.column_of_word(w) in marks for w in row[0].words)
        for col in indicators if opened else []:
            words = _column_words(row[0], columns, col)
            if words and words[0][:1].isupper() and words[0].isalpha():
                openers.add(words[0])
    openers -= inside
    # the rows that state an amount on their first line: each opens a node
    amounts = set(columns.of_role(ColumnRole.PAGU))
    stated = [bool(set(_lone_numbers(row[0], columns)) & amounts) for row in rows]
    nodes = [i for i in range(1, len(rows)) if stated[i]]
    framed = len(nodes) >= 2 and all(
        _rule_between(rows[i - 1][-1], rows[i][0], rules) for i in nodes
    )
    out: list[list[_Line]] = []
    run: list[list[_Line]] = []

    def close() -> None:
        if len(run) > 1 and (framed or _parted_wrongly(run, columns, indicators, widths, openers)):
            out.append([line for row in run for line in row])
        else:
            out.extend(run)

    for row, figures, opens in zip(rows, by_figures, stated, strict=True):
        # a row that states an amount on its first line opens a node: the rows a target
        # parted inside one node's cells state none
        if not figures or opens:
            close()
            run = []
        run.append(row)
    close()
    return out


def _names_carried(
    rows: list[list[_Line]],
    by_figures: list[bool],
    columns: StreamColumns,
    names: frozenset[int],
    widths: list[float],
) -> list[list[_Line]]:
    """Rows whose name words are the rest of the name above, moved up to it. A node's row
    prints its amount on its first line (cells are set at the top of their row), and a name
    cell wraps beside the node's further indicators; without rules, the figures of the next
    indicator start a row whose name column holds the name's next line. That line is the
    name's rest, not a node of its own, where the row states no amount, its first name line
    starts where the name above starts, in the same weight, and it cannot have begun a
    paragraph of its own (``extract.paragraphs``: its first word would not have fitted on the
    line above). Tables with a code or a number on each node's row read the rest so; a table
    whose levels show by style alone made it a node of its own."""
    amounts = set(columns.of_role(ColumnRole.PAGU))
    if not names or not amounts or len(by_figures) != len(rows):
        return rows
    out = [list(row) for row in rows]
    for i in range(1, len(out)):
        if not by_figures[i]:
            continue
        row, above = out[i], out[i - 1]
        if any(columns.column_of_word(w) in amounts for line in row for w in line.words):
            continue
        for col in names:
            mine, theirs = _cell_lines(row, columns, col), _cell_lines(above, columns, col)
            if not mine or not theirs:
                continue
            last, first = theirs[-1], mine[0]
            bold = "bold" in first[0].get("fontname", "").lower()
            if (
                abs(first[0]["x0"] - theirs[0][0]["x0"]) > _SAME_START
                or bold != ("bold" in last[0].get("fontname", "").lower())
                or line_breaks([last, first], widths[col])[0] == START
            ):
                continue
            kept = [_Line([w for w in ln.words if columns.column_of_word(w) != col]) for ln in row]
            out[i] = [ln for ln in kept if ln.words]
            out[i - 1] = [*above, *(_Line(words) for words in mine)]
            row, above = out[i], out[i - 1]
    return out


# Points: the lines of one left-aligned cell start at the same x.
_SAME_START = 1.5


def _parted_wrongly(
    run: list[list[_Line]],
    columns: StreamColumns,
    indicators: list[int],
    widths: list[float],
    openers: set[str],
) -> bool:
    for col in indicators:
        lines: list[list[dict[str, Any]]] = []
        firsts: set[int] = set()  # the lines that open a row
        for row in run:
            opened = False
            for line in row:
                words = [w for w in line.words if columns.column_of_word(w) == col]
                if not words:
                    continue
                if not opened:
                    firsts.add(len(lines))
                    opened = True
                lines.append(words)
        kinds = line_breaks(lines, widths[col])
        for at, kind in enumerate(kinds, start=1):
            opener = lines[at][0]["text"] in openers
            opens = kind == START or (kind == EITHER and opener)
            # a row a target started, on a line after a full one that opens as no node's
            # indicator does, nor any indicator (``opens_indicator``), may as well start on a
            # wrapped line
            unlike = kind == EITHER and bool(openers) and not opener
            # ``Tingkat Kecamatan`` ("at the level of") runs on, where ``Tingkat Kepuasan``
            # may open an indicator
            head = [w["text"] for w in lines[at][:2]]
            phrase = len(head) == 2 and continues_phrase(head[0], head[1])
            unlike = unlike and (phrase or not opens_indicator(head[0], shared=True))
            if (opens and at not in firsts) or ((kind == WRAP or unlike) and at in firsts):
                return True
    return _value_cut(run, columns) or _targets_alone(run, columns, indicators)


def _targets_alone(run: list[list[_Line]], columns: StreamColumns, indicators: list[int]) -> bool:
    """Whether a row of the run after its first prints its figures with no word beside them in
    the indicator or name columns: a target stands beside its indicator's text, so one that
    stands alone belongs to an indicator above it, whose target wrapped lower than its text
    (``21`` / ``Dokumen`` beside a one-line indicator, the next target a line below the next
    indicator)."""
    texts = [*indicators, *columns.of_role(ColumnRole.NAMA)]
    return any(
        not any(_column_words(line, columns, col) for line in row for col in texts)
        for row in run[1:]
    )


def _value_cut(run: list[list[_Line]], columns: StreamColumns) -> bool:
    """Whether a row of the run opens, in a target column, with the rest of a value the row
    above printed (its unit wrapped under its number: ``22`` / ``Dokumen``), or prints a
    value in a target column below its first line where that line has none (an empty line
    above it in a cell, and a wrapped value beside it): a row's cells all start on its first
    line, so the rows were parted inside a cell."""
    targets = columns.of_role(ColumnRole.TARGET)
    for row in run:
        for col in targets:  # a value below the row's first line where that line has none
            filled = [bool(_column_words(line, columns, col)) for line in row]
            if any(filled) and not filled[0]:
                return True
    for above, row in zip(run, run[1:], strict=False):
        for col in targets:
            printed = [words for line in above if (words := _column_words(line, columns, col))]
            opening = _column_words(row[0], columns, col)
            if not printed or not opening or not printed[-1][0][:1].isdigit():
                continue
            if not any(ch.isdigit() for word in opening for ch in word):
                return True
    return False


def _cell_lines(row: list[_Line], columns: StreamColumns, col: int) -> list[list[dict[str, Any]]]:
    """The words a row prints in column ``col``, line by line, its lines without any left out."""
    return [
        words
        for line in row
        if (words := [w for w in line.words if columns.column_of_word(w) == col])
    ]


def _column_words(line: _Line, columns: StreamColumns, col: int) -> list[str]:
    return [w["text"] for w in line.words if columns.column_of_word(w) == col]


def _row_boxes(row: list[_Line], columns: StreamColumns) -> list[Box | None]:
    """Each cell's box: its column's band between the row's first and last lines."""
    top, bottom = row[0].top, row[-1].bottom
    edges = columns.edges
    return [(edges[c], top, edges[c + 1], bottom) for c in range(len(edges) - 1)]


def _reach(lines: list[_Line], columns: StreamColumns) -> list[float]:
    """Per column, the furthest right its words reach on these lines: the right side of the
    column's text, up to which a word too long for its cell fills the line."""
    reach = [columns.edges[c] for c in range(len(columns.edges) - 1)]
    for word in (w for line in lines for w in line.words):
        col = columns.column_of_word(word)
        if col is not None:
            reach[col] = max(reach[col], word["x1"])
    return reach


def _text_width(lines: list[_Line], columns: StreamColumns, reach: list[float]) -> list[float]:
    """Per column, how wide its text runs on these lines: from its leftmost word's start to
    ``reach`` (``_reach``), the width a line of the column fills."""
    left = list(reach)
    for word in (w for line in lines for w in line.words):
        col = columns.column_of_word(word)
        if col is not None:
            left[col] = min(left[col], word["x0"])
    return [max(0.0, r - x) for r, x in zip(reach, left, strict=True)]


def _cells(
    row: list[_Line],
    columns: StreamColumns,
    chars: PageChars | None = None,
    reach: list[float] | None = None,
    widths: list[float] | None = None,
) -> tuple[list[str], list[tuple[str, ...]], list[tuple[float, ...]]]:
    """Each cell's text, its lines parted by newlines; with the page's ``chars``, a line
    broken after the slash of a word (``Kabupaten/`` over ``Kota``) joins the next as the
    ruled reader joins it (``PageChars.slash_break``), and so, given the column's ``reach``
    (``_reach``), does a line holding only part of a word too long for its cell
    (``PENYELENGGARAA`` over ``N TERMINAL``, ``PageChars.word_break``). And each cell's line
    breaks so left, each called a paragraph's start, a wrap or either
    (``extract.paragraphs.line_breaks``) given each column's text ``widths``
    (``_text_width``); none without them, or on an OCR text layer. And the top of each
    line of each cell's text."""
    n = len(columns.edges) - 1
    cells: list[list[list[dict[str, Any]]]] = [[] for _ in range(n)]
    for line in row:
        per_column: dict[int, list[dict[str, Any]]] = {}
        for word in line.words:
            col = columns.column_of_word(word)
            if col is not None:
                per_column.setdefault(col, []).append(word)
        for col, words in per_column.items():
            cells[col].append(words)
    texts = []
    breaks: list[tuple[str, ...]] = []
    tops: list[tuple[float, ...]] = []
    for col, lines in enumerate(cells):
        text = " ".join(w["text"] for w in lines[0]) if lines else ""
        kept = lines[:1]  # the lines that start a line of the text
        for prev, words in zip(lines, lines[1:], strict=False):
            joined = chars is not None and (
                chars.slash_break(prev[-1], words[0]["text"])
                or (reach is not None and chars.word_break(prev, words[0], reach[col]))
            )
            text += ("" if joined else "\n") + " ".join(w["text"] for w in words)
            if joined:  # the line the break after it is measured by
                kept[-1] = words
            else:
                kept.append(words)
        texts.append(text)
        measured = widths is not None and not (chars is not None and chars.ocr)
        breaks.append(line_breaks(kept, widths[col]) if measured and widths else ())
        tops.append(tuple(min(w["top"] for w in words) for words in kept))
    return texts, breaks, tops


def _bold_cells(
    row: list[_Line], columns: StreamColumns, settings: StreamSettings = STREAM
) -> list[bool]:
    n = len(columns.edges) - 1
    total, bold = [0] * n, [0] * n
    for word in (w for line in row for w in line.words):
        col = columns.column_of_word(word)
        if col is not None:
            total[col] += len(word["text"])
            if "bold" in word.get("fontname", "").lower():
                bold[col] += len(word["text"])
    share = settings.text.bold_share
    return [t > 0 and b > share * t for t, b in zip(total, bold, strict=True)]


def _confidence_cells(row: list[_Line], columns: StreamColumns) -> list[float | None]:
    """Per column, the lowest OCR confidence of the row's words in it."""
    lowest: list[float | None] = [None] * (len(columns.edges) - 1)
    for word in (w for line in row for w in line.words):
        col = columns.column_of_word(word)
        conf = char_confidence(word)
        if col is not None and conf is not None:
            current = lowest[col]
            lowest[col] = conf if current is None else min(current, conf)
    return lowest


def _same_columns(
    previous: StreamColumns,
    centres: list[float],
    width: float,
    settings: StreamSettings = STREAM,
) -> bool:
    """Whether a page's column centres fall one in each column of the page before."""
    if abs(previous.page_width - width) >= settings.page_width_tolerance:
        return False
    edges = previous.edges
    return len(edges) - 1 == len(centres) and all(
        edges[i] < c < edges[i + 1] for i, c in enumerate(centres)
    )


def _page_words(page: Any, ocr: bool, settings: StreamSettings = STREAM) -> list[dict[str, Any]]:
    """The page's words. They are split where the gap passes a share of the font size, as in
    ruled cells: a fixed 3 pt glues the words of a table set small to fit the page
    ("DaerahJumlah" at 4.9 pt). OCR text keeps pdfplumber's default, its glyph boxes being the
    scanner's."""
    attrs = ["fontname", "non_stroking_color"] if ocr else ["fontname"]
    if ocr:
        return list(
            page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=attrs)
        )
    chars = getattr(page, "chars", [])
    words = list(
        page.extract_words(
            keep_blank_chars=False,
            use_text_flow=False,
            extra_attrs=attrs,
            x_tolerance_ratio=settings.text.word_gap,
            y_tolerance=line_tolerance(chars, settings.text.line_tolerance),
            return_chars=True,
        )
    )
    order = {id(c): i for i, c in enumerate(chars)}
    for word in words:
        glyphs = word.pop("chars", None)
        if not glyphs or id(glyphs[0]) not in order or id(glyphs[-1]) not in order:
            continue
        first, last = order[id(glyphs[0])], order[id(glyphs[-1])]
        spaced = last + 1 < len(chars) and chars[last + 1]["text"] == " "
        word["run"] = (first, last, spaced)
        if len(glyphs) == len(word["text"]) and _CAMEL.search(word["text"]):
            word["starts"] = tuple(float(g["x0"]) for g in glyphs)
    return words


_CAMEL = re.compile(r"[a-z][A-Z]")


def _split_at_edges_glued(lines: list[_Line], columns: StreamColumns) -> None:
    """Split a word that a column edge crosses where a small letter meets a capital right at
    the edge: the text of two cells drawn with no gap, a sheet's cell clipped at its edge
    (wrap off) against the next cell's text ("Tenaga Kependidikan" against "Jumlah Orang":
    ``KependidikanJumlah``; the name took the indicator's first word, with status ``ok``).
    The edge falls between the two glyphs, and nowhere else in the word does a capital
    follow a small letter so."""
    inner = columns.edges[1:-1]
    for line in lines:
        split: list[dict[str, Any]] = []
        for word in line.words:
            starts = word.get("starts")
            crossed = [e for e in inner if word["x0"] < e < word["x1"]]
            if starts is None or len(crossed) != 1:
                split.append(word)
                continue
            edge, text = crossed[0], word["text"]
            at = [
                i
                for i in range(1, len(text))
                if text[i - 1].islower() and text[i].isupper() and starts[i - 1] < edge
                and edge <= starts[i] + _GLUED_SLACK
            ]  # fmt: skip
            if len(at) != 1:
                split.append(word)
                continue
            i = at[0]
            first, last, spaced = word["run"]
            left = {**word, "text": text[:i], "x1": min(starts[i], edge), "starts": None}
            right = {**word, "text": text[i:], "x0": max(starts[i], edge), "starts": None}
            left["run"] = (first, first + i - 1, False)
            right["run"] = (first + i, last, spaced)
            split += [left, right]
        line.words[:] = split


_GLUED_SLACK = 1.0  # points: a glyph starting this far left of the edge still starts the cell


def _touching(lines: list[_Line], columns: StreamColumns) -> list[str]:
    """The lines of name and indicator cells whose text runs up to the next column's text,
    nearer than a space (``_NEAR_TEXT``): the text fills its cell to the edge, as a sheet printed
    with wrap off leaves a text it cut there (see ``extract.tables.PageChars.run_over``);
    each as the cell's line."""
    texts = set(columns.of_role(ColumnRole.NAMA)) | set(columns.of_role(ColumnRole.INDIKATOR))
    found = []
    for line in lines:
        words = sorted(line.words, key=lambda w: w["x0"])
        for a, b in pairwise(words):
            column = columns.column_of_word(a)
            size = a["bottom"] - a["top"]
            if (
                column in texts
                and columns.column_of_word(b) != column
                and b["x0"] - a["x1"] < _NEAR_TEXT * size
            ):
                found.append(
                    " ".join(w["text"] for w in words if columns.column_of_word(w) == column)
                )
    return found


_NEAR_TEXT = 0.3  # of the type size: nearer than a space


def _at_reach(rows: list[list[_Line]], columns: StreamColumns, reach: list[float]) -> list[str]:
    """The last lines of name and indicator cells that end where their column's text reaches
    furthest on the page (``_reach``, within ``_AT_REACH``): a sheet printed with wrap off
    drops the glyphs of a text too long for its cell that do not fit whole, without a clip
    (``... Perangkat Da``, xlsx 8610, the next cell's figure standing well to the right), so
    the longest texts end at the cell's edge, and the column's text reaches no further. A
    text that wraps in its cell ends its last line where its words end; each is kept only
    where it ends inside a word (``renja.reading``)."""
    texts = set(columns.of_role(ColumnRole.NAMA)) | set(columns.of_role(ColumnRole.INDIKATOR))
    found = []
    for row in rows:
        for col in texts:
            lines = _cell_lines(row, columns, col)
            if lines and max(w["x1"] for w in lines[-1]) >= reach[col] - _AT_REACH:
                found.append(" ".join(w["text"] for w in sorted(lines[-1], key=lambda w: w["x0"])))
    return found


_AT_REACH = 0.5  # points


def _settle_straddlers(lines: list[_Line], columns: StreamColumns) -> None:
    """Give a word that a column edge crosses the column of the word the page draws it in one
    string with, after a space glyph, where that is so on one side only and that word stands
    on that side of the edge. A cell's text overflowing its narrow cell (an Excel sheet prints
    it over the next cell while that one's own text starts further right) ends in a word whose
    middle can pass the edge placed between the columns' texts (``Tipe C`` beside
    ``Kabupaten Lebak``: the ``C`` would go out with the lokasi); the word drawn next to it in
    the other cell is a string of its own. Without the glyphs (OCR) words stay by their
    middle."""
    inner = columns.edges[1:-1]
    for line in lines:
        words = line.words
        for i, word in enumerate(words):
            crossed = [e for e in inner if word["x0"] < e < word["x1"]]
            if len(crossed) != 1:
                continue
            edge = crossed[0]
            left = words[i - 1] if i > 0 else None
            right = words[i + 1] if i + 1 < len(words) else None
            with_left = left is not None and bool(_joined(left, word)) and left["x1"] <= edge
            with_right = right is not None and bool(_joined(word, right)) and right["x0"] >= edge
            if with_left == with_right:
                continue
            beside = left if with_left else right
            assert beside is not None
            word["column"] = columns.column_of_word(beside)


def _settle_currency(lines: list[_Line], columns: StreamColumns) -> None:
    """Give a currency sign standing alone ("Rp") the column of the amount right after it on
    its line, where the table so prints half its amounts of that column or more (two at
    least). Excel's accounting format sets the sign at the cell's left edge and the number at
    its right, and the widest gap of the line, between the two, drew the column's edge: the
    sign went into the cell on its left, a target's unit read ``% Rp`` with status ``ok``. A
    unit "Rp" of a target's own stands beside amounts in a few rows, not in most."""
    signs: dict[int, list[dict[str, Any]]] = {}
    amounts: Counter[int] = Counter()
    for line in lines:
        words = line.words
        for i, word in enumerate(words):
            column = columns.column_of_word(word)
            if column is None:
                continue
            if _AMOUNT_WORD.match(word["text"]):
                amounts[column] += 1
            after = words[i + 1] if i + 1 < len(words) else None
            if (
                after is not None
                and _CURRENCY.match(word["text"])
                and _AMOUNT_WORD.match(after["text"])
                and columns.column_of_word(after) == column + 1
            ):
                signs.setdefault(column + 1, []).append(word)
    for column, found in signs.items():
        if len(found) >= max(_CURRENCY_ROWS, _CURRENCY_SHARE * amounts[column]):
            for word in found:
                word["column"] = column


_CURRENCY = re.compile(r"^(?:Rp\.?|IDR)$", re.IGNORECASE)
# An amount as a word: "1.250.000", "1,250,000.00", "(5.000)", or a dash for nothing
_AMOUNT_WORD = re.compile(r"^(?:\(?\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?\)?|-)$")
_CURRENCY_ROWS = 2
_CURRENCY_SHARE = 0.5


def _joined(left: dict[str, Any], right: dict[str, Any]) -> bool | None:
    """Whether ``right`` goes on ``left``'s text after a space glyph, in the order the page
    draws its glyphs: one string, as a cell's label is ("Pagu Indikatif (Rp)"). None when the
    glyphs are not known (OCR, or words given without them)."""
    a, b = left.get("run"), right.get("run")
    if a is None or b is None:
        return None
    return bool(a[2]) and b[0] == a[1] + 2


def stream_tables(
    page: Any,
    number: int,
    previous: StreamColumns | None = None,
    key_columns: KeyColumns | None = None,
    ocr: bool = False,
    settings: StreamSettings = STREAM,
    inline_words: set[str] | None = None,
    feet: Collection[str] = (),
) -> tuple[list[RawTable], StreamColumns | None]:
    """Read a table printed without ruling lines; returns the tables and the columns to carry on.

    ``key_columns`` names, from the header texts, the columns whose cells start a new row (a
    code or row number); without it rows are told apart by vertical gaps only. On a page
    read by OCR (``ocr``), each cell carries the lowest confidence of its words. ``settings``
    holds the reader's thresholds; ``inline_words`` gathers the words printed inside a line
    over the pages read, as for the ruled reader (``PageChars.is_word``); the lines of the
    page's foot that print one of ``feet`` (``extract.document.running_feet``) are no rows.
    """
    words = _page_words(page, ocr, settings)
    lines = [line for line in _lines(words, settings) if not _running_foot(line, page, feet)]
    if lines and _PRINT_STAMP.match(lines[0].text):
        lines = lines[1:]  # a browser's header: the date and time it printed, the page title
    number_index = _number_row(lines, settings, ocr)
    if number_index is not None:
        header = _header_lines(lines, number_index, settings)
        centres_by_number = _number_centres(lines[number_index].words, header, ocr, settings)
        if centres_by_number is None:
            number_index = None  # a lost number with no label to place it: read by the labels
    block = _header_block(lines, settings) if number_index is None else None
    if (
        block is not None
        and previous is not None
        and abs(previous.page_width - page.width) < settings.page_width_tolerance
    ):  # a page of another width (landscape after portrait) starts a table of its own
        block = _repeated_header(lines, block, previous)
    head_rows: list[list[str | None]]
    if number_index is not None or block is not None:
        if number_index is not None:
            assert centres_by_number is not None
            centres = centres_by_number
            body_start = number_index + 1
        else:
            assert block is not None
            header = lines[block[0] : block[1] + 1]
            centres = _label_centres(header, settings)
            body_start = block[1] + 1
        if len(centres) < settings.min_columns:
            return [], previous
        lines = _before_sign_off(lines, body_start)
        carry_on = previous is not None and _same_columns(previous, centres, page.width, settings)
        earlier = previous.body if carry_on and previous is not None else ()
        banded_before = carry_on and previous is not None and previous.banded
        set_before = previous.set_at if carry_on and previous is not None else ""
        off_before = carry_on and previous is not None and previous.set_off
        below = _above_folio(lines[body_start:], settings)
        columns = _columns(centres, header, below, page.width, earlier, settings)
        texts = _header_texts(header, columns, settings)
        columns = StreamColumns(columns.edges, columns.page_width, tuple(texts), columns.body)
        top = header[0].top if header else lines[body_start - 1].top
        text_before = "\n".join(line.text for line in lines if line.bottom < top)
        head_rows = [list(texts)]
        if number_index is not None:
            head_rows.append([str(i + 1) for i in range(len(texts))])
    elif previous is not None and abs(previous.page_width - page.width) < (
        settings.page_width_tolerance
    ):
        columns, body_start, text_before = previous, 0, ""
        banded_before = previous.banded
        set_before = previous.set_at
        off_before = previous.set_off
        head_rows = []
        # Running heads and titles above the table: skip lines that sit in no single column.
        while body_start < len(lines) and _spans_page(lines[body_start], columns, settings):
            text_before += lines[body_start].text + "\n"
            body_start += 1
        lines = _before_sign_off(lines, body_start)
    else:
        return [], previous
    rules = _row_rules(page, columns.edges[0], columns.edges[-1], settings)
    if block is not None and number_index is None and head_rows:
        # a table ruled under every row, set at the middle or foot of its rows: its first
        # row's first lines stand under the header's rule, over the row's code
        ids = key_columns(list(columns.header)) if key_columns else set()
        least = 1 if banded_before else _BANDS
        cut = _first_row_in_header(
            lines, block[0], body_start, columns, ids, rules, least, settings
        )
        if cut is not None:
            texts = _header_texts(lines[block[0] : cut], columns, settings)
            columns = StreamColumns(columns.edges, columns.page_width, tuple(texts), columns.body)
            head_rows = [list(texts)]
            body_start = cut
    _split_at_edges_glued(lines[body_start:], columns)
    _settle_straddlers(lines[body_start:], columns)
    _settle_currency(lines[body_start:], columns)
    sides = _upright_rules(page, columns.edges[0], columns.edges[-1], settings)
    body = _body_lines(lines[body_start:], settings, rules, columns, sides)
    if not body:
        return [], columns
    keys = key_columns(list(columns.header)) if key_columns else set()
    names = frozenset(columns.of_role(ColumnRole.NAMA))
    by_figures: list[bool] = []
    set_off: list[bool] = []
    banded = _banded(body, columns, keys, rules, 1 if banded_before else _BANDS)
    rows = _rows(
        body, columns, keys, settings, rules, names, by_figures, set_off, banded, off_before
    )
    late = _starts_late(rows, columns) or _target_below_indicator(body, columns, keys, settings)
    # rows that stand level show them parted right, but not on a page whose header was found
    # by its words (no row of column numbers: the first row's first lines may have gone to
    # it), nor on one that draws rules over groups of rows (another page may box rows
    # together, read by the ruled reader as set at the top)
    height = _line_height(body, settings)
    bare = block is None and not rules
    chars = PageChars(page, ocr, inline_words)
    reach = _reach(body, columns)
    widths = _text_width(body, columns, reach)
    if not ocr:
        indicators = columns.of_role(ColumnRole.INDIKATOR)
        rows = _names_carried(rows, by_figures, columns, names, widths)
        rows = _stacked_rows(rows, by_figures, columns, indicators, widths, keys, rules)
    unparted = (any(set_off) or _unparted(body, settings) or late) and not (
        banded or (bare and _aligned_rows(rows, columns, height, keys))
    )
    unparted = unparted or not (ocr or banded) and _run_together(rows, columns, widths, keys)
    kinds = ""
    set_at = ""
    if (unparted or set_before) and not (ocr or banded):
        # read from the top, the rows are in doubt: a table set at the foot of its rows reads
        # right from the foot up, where each row ends level on its code's line, and one set
        # at the middle from each row's middle, where its code or figure stands; either where
        # no cell runs two rows together (a page after one so read is read so again)
        foot = _foot_rows(body, columns, keys, settings, rules, names)
        foot = None if foot is None else _set_at_foot(foot, columns, height, keys, widths)
        if foot is None and set_before != "foot":
            foot = _middle_rows(body, columns, keys, height, widths)
            set_at = "middle" if foot is not None else ""
        else:
            set_at = "foot" if foot is not None else ""
        if foot is not None:
            # a header found by its words may have taken the first row's first lines, which
            # print no code nor figure: its last line, printed in text columns alone with no
            # rule under it, may be the first row's
            last = lines[body_start - 1] if body_start else None
            taken = (
                number_index is None
                and last is not None
                and not _rule_between(last, body[0], rules)
                and _columns_of(last, columns) <= _text_columns(columns)
            )
            if taken and block is not None and set_at == "middle":
                found = _first_lines_in_header(lines, block[0], body_start, foot[0], columns,
                                               keys, rules, height, settings)  # fmt: skip
                if found is not None:
                    given, shorter = found
                    first = lines[body_start - given : body_start]
                    columns = replace(columns, header=tuple(shorter))
                    head_rows = [list(shorter)]
                    body_start -= given
                    body = [*first, *body]
                    foot = [[*first, *foot[0]], *foot[1:]]
                    taken = False
            rows, unparted = foot, taken
            kinds = _foot_kinds(foot, columns, keys)
            if set_at == "middle":
                # a node's cells merged over its indicators' rows and set at their middle
                # print its code amid them
                kinds = kinds.replace("F", "f")
            elif not _shown_at_foot(foot, columns, keys, height):
                # no row shows the table set at the foot rather than the middle: it may be
                # either (a node's indicators stacked in one cell, read as rows of their own
                # from the foot up, show neither)
                kinds = kinds.replace("F", "e")
        else:
            # a page of a table the page before read from the foot or the middle, read from
            # the top: its rows are in doubt
            unparted = unparted or bool(set_before)
    # values listed one a line in one cell whose lines stand apart: two rows read as one
    unparted = unparted or not (ocr or banded) and _listed_apart(rows, columns, height)
    read = [_cells(r, columns, chars, reach, widths) for r in rows]
    grid: list[list[str | None]] = [*head_rows, *(list[str | None](r[0]) for r in read)]
    unmeasured: list[tuple[str, ...]] = [() for _ in range(len(columns.edges) - 1)]
    breaks = [list(unmeasured) for _ in head_rows] + [list(r[1]) for r in read]
    no_tops: list[tuple[float, ...]] = [() for _ in range(len(columns.edges) - 1)]
    tops = [list(no_tops) for _ in head_rows] + [list(r[2]) for r in read]
    n = len(columns.edges) - 1
    cells = [Cell(r, r, c, c, grid[r][c] or "") for r in range(len(grid)) for c in range(n)]
    bold = [[False] * n for _ in head_rows] + [_bold_cells(r, columns, settings) for r in rows]
    # each cell's fill under its middle, as a ruled cell's: a level may be shaded in its colour
    boxes = [_row_boxes(r, columns) for r in rows]
    no_fill: list[str | None] = [None] * n
    fill = [list(no_fill) for _ in head_rows] + [
        [None if box is None else chars.cell_fill(box) for box in row_boxes] for row_boxes in boxes
    ]
    bbox = (columns.edges[0], body[0].top, columns.edges[-1], body[-1].bottom)
    clipped, at_clip = ([], []) if ocr else chars.clipped_lines(bbox)
    confidence: list[list[float | None]] = []
    if ocr:
        empty: list[float | None] = [None] * n
        confidence = [list(empty) for _ in head_rows] + [
            _confidence_cells(r, columns) for r in rows
        ]
    no_boxes: list[Box | None] = [None] * n
    table = RawTable(
        number, bbox, grid, cells, text_before=text_before, bold=bold, fill=fill,
        edges=columns.edges, confidence=confidence,
        boxes=[list(no_boxes) for _ in head_rows] + [list(b) for b in boxes],
        unsure_slashes=chars.unsure_slashes, breaks=breaks, tops=tops,
        unparted=unparted,
        row_kinds=kinds,
        cut_texts=[]
        if ocr
        else _touching(body, columns) + _at_reach(rows, columns, reach) + clipped + at_clip,
        ran_over=bool(clipped),
    )  # fmt: skip
    after = [line for line in lines[body_start + len(body) :]]
    table.text_after = "\n".join(line.text for line in after)
    return [table], replace(columns, banded=banded, set_at=set_at, set_off=any(set_off))


def _set_off_the_top(
    lines: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    numbers: list[dict[int, str]],
    row_gap: float,
    padded: bool = False,
) -> bool:
    """Whether the table sets its cells at the middle or foot of their rows: of its blocks of
    lines (parted by gaps wider than ``row_gap``) of two lines or more, a quarter or more, and
    two at least, open with a line that prints no code and no figure, while a later line of
    the block prints one. A table whose cells stand at the top prints them on its rows' first
    lines, whatever gaps part its rows (of 42 pages of Word, Excel and web tables so set
    without rules, one has one such block, none two). In a table whose rows the gaps part
    (``padded``), a block is one row, and one that opens with figures but no code or row
    number while a later line prints the code counts too: a node whose indicators stand one
    under another in one cell, set at the foot, prints its first indicator's target over its
    code (a sheet's cells are set at the foot unless told otherwise), or over its amount in a
    table with no code nor row number. So does a single row that prints a cell's line over its
    code where the table's rows stand further apart than a cell's lines (``_cell_over_code``:
    every two lines that print a code each ``_PADDED`` pitches apart or more, twice at least)."""
    blocks: list[list[int]] = []
    for index, line in enumerate(lines):
        if not blocks or line.top - lines[index - 1].bottom > row_gap:
            blocks.append([])
        blocks[-1].append(index)

    def marked(index: int) -> bool:
        in_columns = {columns.column_of_word(w) for w in lines[index].words}
        return bool(numbers[index]) or bool(in_columns & id_columns)

    nodes = _node_columns(columns, id_columns)

    def coded(index: int) -> bool:
        return bool({columns.column_of_word(w) for w in lines[index].words} & nodes)

    # how far apart two lines stand that print a code each, so two rows: a table whose rows
    # stand no further apart than a cell's lines (``_cell_pitch``) pads none of them (a Word
    # table's row whose empty cell holds a paragraph of a larger type stands taller than its
    # text, the gap over it no padding: docx 10039)
    pitch = _cell_pitch(lines)
    apart = [
        lines[i].top - lines[i - 1].top for i in range(1, len(lines)) if coded(i) and coded(i - 1)
    ]
    unpadded = pitch is not None and any(step < _PADDED * pitch for step in apart)
    long = [block for block in blocks if len(block) > 1]
    late = sum(
        1
        for block in long
        if (not marked(block[0]) and any(map(marked, block[1:])))
        or (padded and not unpadded and not coded(block[0]) and any(map(coded, block[1:])))
    )
    if late >= max(2, len(long) / 4):
        return True
    # set at the foot, a row ends on its code's line, and the next line opens the next row:
    # the table pads its rows where every line after a code's stands further than a pitch (a
    # Word table's rows of one line that stand taller, the rest touching, do not: docx 10188)
    after = [lines[i + 1].top - lines[i].top for i in range(len(lines) - 1) if coded(i)]
    return (
        pitch is not None
        and len(after) >= 2
        and min(after) >= _PADDED * pitch
        and not unpadded
        and _cell_over_code(lines, coded, pitch)
    )


def _cell_over_code(lines: list[_Line], coded: Callable[[int], bool], pitch: float) -> bool:
    """Whether a row, past the page's first, prints a cell's line over its code, in a table
    whose rows stand further apart than its cells' lines (``pitch``): lines one pitch apart
    are one cell's, so one row's; a row so read whose first line prints no code (``coded``:
    or no amount, in a table with neither code nor number) while a later one does is set at
    its foot or middle, as no row of a table set at the top is."""
    start = None  # the first line of the lines one pitch apart so far, past the page's first
    for index in range(1, len(lines)):
        if lines[index].top - lines[index - 1].top > _ONE_PITCH * pitch:
            start = index
        elif start is not None and not coded(start) and coded(index):
            return True
    return False


def _cell_pitch(lines: list[_Line]) -> float | None:
    """The pitch of a cell's lines: the least step from one line's top to the next's, of
    those over half a line's height, where it is a line's height and a leading, as single
    spacing sets lines (at most ``_LINE_PITCH`` heights); None where no two lines stand so
    close (rows of one line each, whose steps are the rows' heights)."""
    if not lines:
        return None
    heights = sorted(line.bottom - line.top for line in lines)
    height = heights[len(heights) // 2]
    steps = [b.top - a.top for a, b in pairwise(lines) if b.top - a.top > height / 2]
    pitch = min(steps, default=None)
    return pitch if pitch is not None and pitch <= _LINE_PITCH * height else None


# Single spacing sets a cell's lines 1.0-1.2 heights apart (pdfplumber's height of a word is
# its font's size): two lines further apart are two rows' (1.7 heights and more in sheets).
_LINE_PITCH = 1.35


def _one_pitch(lines: list[_Line], pitch: float) -> bool:
    """Whether the lines stand one after another at one pitch, as a cell's lines do."""
    return all(b.top - a.top <= _ONE_PITCH * pitch for a, b in pairwise(lines))


def _aligned_rows(
    rows: list[list[_Line]], columns: StreamColumns, height: float, id_columns: set[int]
) -> bool:
    """Whether every row as read sets its cells' texts at one height, as a table does that
    sets them at the middle of their rows (each cell's lines centred on the row's middle) or at
    its foot (each cell's last line on the row's last): every row prints in two columns or
    more, and the texts of all its columns stand with their middles level, in every row, or
    with their feet level, in every row. A row's first line read as the row above's last (what
    a table set so leaves ``_rows`` unsure of) moves the middle of that column's text in both
    rows by half a line and its foot by a whole one, while the one-line cells beside it stay:
    the rows as read show it. In sheets so set, their middles stand within 0.1 point, and
    those of a row that took the next one's first line 3 points apart. Every row prints a
    code, row number or figure too: a row without one is the rest of a row (a page break's,
    at the page's top) or its first lines, whatever their heights."""
    spreads = _spreads(rows, columns, id_columns)
    if spreads is None:
        return False
    middles, feet = spreads
    level = _LEVEL * height
    return max(middles) <= level or max(feet) <= level


def _node_columns(columns: StreamColumns, id_columns: set[int]) -> set[int]:
    """The columns that mark a node's row: its code or row number, or, in a table with
    neither, its amount (a further indicator's row states none)."""
    return id_columns or set(columns.of_role(ColumnRole.PAGU))


def _text_columns(columns: StreamColumns) -> set[int]:
    """The columns of texts that wrap: names, indicators, locations and units."""
    return {
        col
        for role in (ColumnRole.NAMA, ColumnRole.INDIKATOR, ColumnRole.LOKASI, ColumnRole.SATUAN)
        for col in columns.of_role(role)
    }


def _spreads(
    rows: list[list[_Line]], columns: StreamColumns, id_columns: set[int], listed: bool = False
) -> tuple[list[float], list[float]] | None:
    """For each row, how far apart the middles of its columns' texts stand, and how far apart
    their feet; None where a row prints in one column only, or prints no code, row number
    nor figure (see ``_aligned_rows``). With ``listed``, a row that prints a code (or an
    amount, in a table with neither code nor number) and figures on two lines or more lists
    several indicators' values, one a line, and the columns of targets and units count not:
    a value left out for the last indicator ends its column higher."""
    texts = _text_columns(columns)
    values = {
        col for role in (ColumnRole.TARGET, ColumnRole.SATUAN) for col in columns.of_role(role)
    }
    nodes = _node_columns(columns, id_columns)
    middles: list[float] = []
    feet: list[float] = []
    for row in rows:
        spans: dict[int, tuple[float, float]] = {}
        # a node's row (its code, or its amount in a table with neither code nor number)
        # listing values on two lines or more
        skip = (
            values
            if listed
            and any(_columns_of(line, columns) & nodes for line in row)
            and sum(1 for line in row if _lone_numbers(line, columns)) > 1
            else set()
        )
        for line in row:
            for word in line.words:
                col = columns.column_of_word(word)
                if col is None or col in skip:
                    continue
                top, bottom = spans.get(col, (word["top"], word["bottom"]))
                spans[col] = (min(top, word["top"]), max(bottom, word["bottom"]))
        marked = any(
            col in id_columns or (col not in texts and any(ch.isdigit() for ch in word["text"]))
            for line in row
            for word in line.words
            if (col := columns.column_of_word(word)) is not None
        )
        if len(spans) < 2 or not marked:
            return None  # a cell's lines alone, or no code nor figure: part of a row
        centres = [(top + bottom) / 2 for top, bottom in spans.values()]
        bottoms = [bottom for _, bottom in spans.values()]
        middles.append(max(centres) - min(centres))
        feet.append(max(bottoms) - min(bottoms))
    return (middles, feet) if middles else None


def _foot_rows(
    body: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    settings: StreamSettings,
    rules: tuple[float, ...],
    names: frozenset[int],
) -> list[list[_Line]] | None:
    """The body's lines grouped into rows as a table set at the foot of its rows: each cell's
    last line on its row's last line, where the row's code and figures stand. Read from the
    foot up, such a table is one set at the top, and ``_rows`` groups it so: its lines turned
    upside down, then its rows turned back. A row that figures alone part (a target, not a
    code or row number) is a node's further indicator, which prints no name, or a total's,
    which states an amount; None where one prints a name and no amount: several indicators
    stacked in one cell, each beside its target, whose lines the paragraphs part
    (``_stacked_rows``, for a table read from the top), unless the table's padding shows them
    one cell's (``_listed_in_one_cell``)."""
    flip = body[0].top + body[-1].bottom
    mirrored = [
        _Line([{**w, "top": flip - w["bottom"], "bottom": flip - w["top"]} for w in line.words])
        for line in reversed(body)
    ]
    by_figures: list[bool] = []
    upside = tuple(flip - y for y in rules)
    rows = _rows(mirrored, columns, id_columns, settings, upside, names, by_figures)
    back = {id(m): line for m, line in zip(mirrored, reversed(body), strict=True)}
    parts: list[tuple[list[_Line], bool]] = []  # rows, and whether figures alone part them
    for row, figures in zip(reversed(rows), reversed(by_figures), strict=True):
        # a figure alone ends its cell on its row's last line: one above the foot that its
        # cell does not wrap under (``20`` / ``dokumen``) ends a row of its own (a further
        # indicator's, over a total's row that its label opened)
        lines = [back[id(m)] for m in reversed(row)]
        ends = [
            i
            for i, line in enumerate(lines[:-1])
            if any(
                not any(_column_words(below, columns, col) for below in lines[i + 1 :])
                for col in _lone_numbers(line, columns)
            )
        ]
        for start, end in zip([0, *(i + 1 for i in ends)], [*ends, len(lines) - 1], strict=True):
            parts.append((lines[start : end + 1], figures or end < len(lines) - 1))
    parts = _units_up(parts, columns)
    # a node's indicators listed in one cell, its name beside the last of them
    rows = _listed_in_one_cell([part for part, _ in parts], columns, id_columns)
    kept = {id(row) for row in rows}
    # (the page's first row may open with the rest of a row a page break cut: see
    # ``_set_at_foot``)
    if any(
        alone and id(part) in kept and _named_alone(part, columns, id_columns, True)
        for part, alone in parts[1:]
    ):
        return None
    return rows


def _middle_rows(
    body: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    height: float,
    widths: list[float],
) -> list[list[_Line]] | None:
    """The body's lines grouped into rows as a table set at the middle of its rows, with no
    gap nor rule between them: each cell's lines centred on its row's middle, where a code,
    row number or figure stands (one line). Rows so set touch, or stand apart by a padding
    alike over and under their texts, so each row ends as far under its middle as it starts
    over it: from the top of the first row, the middle of each row gives its foot, which is
    the next row's top (a place between two lines). None where a
    row so found does not centre all its cells' texts on its middle (``_spreads``), or runs
    two rows together (``_run_together``). The page's first lines may be the rest of a row a
    page break cut: up to ``_REST_LINES`` of them stand as a row of their own where the rows
    then hold."""
    gaps = [
        (upper.bottom + lower.top) / 2
        for upper, lower in pairwise(body)
        if lower.top >= upper.bottom - _TOUCH * height
    ]
    level = _LEVEL * height
    for skip in range(min(_REST_LINES, len(body) - 1) + 1):
        rows = _centred_from(body[skip:], columns, id_columns, gaps, level, widths)
        if rows is None:
            continue
        # a row with no code nor amount that prints a name: a node's cells merged over its
        # indicators' rows, its name centred beside them
        if any(_named_alone(row, columns, id_columns) for row in rows):
            return None
        rows = [body[:skip], *rows] if skip else rows
        if not _run_together(rows, columns, widths, id_columns):
            return rows
    return None


def _first_lines_in_header(
    lines: list[_Line],
    first: int,
    body_start: int,
    row: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    rules: tuple[float, ...],
    height: float,
    settings: StreamSettings = STREAM,
) -> tuple[int, list[str]] | None:
    """How many of the last lines of the header found by its words (``lines[first:
    body_start]``) are the first lines of ``row``, the first row of a table set at the middle
    of its rows: the fewest, up to ``_REST_LINES``, printed in text columns alone with no rule
    under them, with which the row's texts stand centred on one middle (``_spreads`` within
    ``_LEVEL``) and without which they do not, the header without them giving every column the
    role it gave. A name or indicator that wraps sets its first lines over the row's code,
    which stands at its middle. With the header's texts without them; None where none."""
    level = _LEVEL * height
    alone = _spreads([row], columns, id_columns)
    if alone is None or alone[0][0] <= level:
        return None
    roles = [role_of(t) for t in columns.header]
    texts = _text_columns(columns)
    for given in range(1, min(_REST_LINES, body_start - first - 1) + 1):
        taken = lines[body_start - given : body_start]
        if not _columns_of(taken[0], columns) <= texts:
            return None
        if _rule_between(taken[0], taken[1] if given > 1 else row[0], rules):
            return None
        joined = _spreads([[*taken, *row]], columns, id_columns)
        if joined is not None and joined[0][0] <= level:
            shorter = _header_texts(lines[first : body_start - given], columns, settings)
            return (given, shorter) if [role_of(t) for t in shorter] == roles else None
    return None


def _named_alone(
    row: list[_Line], columns: StreamColumns, id_columns: set[int], at_foot: bool = False
) -> bool:
    """Whether a row prints a name but no code, row number nor amount (on its last line,
    ``at_foot``): in a row that figures alone parted, a piece of a node whose indicators stand
    one under another in one cell, not a further indicator's row (no name) nor a total's (an
    amount)."""
    names = set(columns.of_role(ColumnRole.NAMA))
    marks = id_columns | set(columns.of_role(ColumnRole.PAGU))
    found = {c for line in row for c in _columns_of(line, columns)}
    marked = _columns_of(row[-1], columns) if at_foot else found
    return bool(found & names) and not marked & marks


_TOUCH = 0.1  # of a line's height: lines that overlap by less than this touch, not overlap
_REST_LINES = 3  # lines at a page's top that may be the rest of a row a page break cut
_CANDIDATES = 3  # lines with a figure tried, from a row's top, for the one at its middle


def _centred_from(
    lines: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    gaps: list[float],
    level: float,
    widths: list[float],
) -> list[list[_Line]] | None:
    """The rows of ``_middle_rows`` from the first row at ``lines[0]``. Rows may stand apart
    by a padding above and below their cells' text, alike in every row: the first row's foot
    is the first place between lines under its middle that gives it a top over its first
    line and its cells centred on it; each next row's follows from its top."""
    if not lines:
        return None
    rows: list[list[_Line]] = []
    top = lines[0].top - level
    at = 0
    end = lines[-1].bottom
    while at < len(lines):
        marked = [i for i in range(at, len(lines)) if _marked(lines[i], columns, id_columns)]
        middles = [m for i in marked[:_CANDIDATES] for m in _cell_middles(lines, i, columns)]
        found = None
        for middle in dict.fromkeys(middles):
            for cut in _row_feet(middle, top if rows else None, lines[at], gaps, end, level):
                row = [line for line in lines[at:] if (line.top + line.bottom) / 2 < cut]
                spreads = _spreads([row], columns, id_columns)
                if spreads is not None and spreads[0][0] <= level:
                    found = row, cut
                    break
            if found:
                break
        if found:
            rows.append(found[0])
            at += len(found[0])
            top = found[1]
        else:
            # the page's last row, which a page break cut (its rest opens the next page): its
            # lines from its code's or figures' on, one code or row number at most; lines
            # left with none, whose texts run on from the row above's, are that row's
            ids = [line for line in lines[at:] if _columns_of(line, columns) & id_columns]
            if len(ids) > 1:
                return None
            if marked and marked[0] == at:
                rows.append(lines[at:])
            elif not marked and rows and _runs_on(rows[-1], lines[at:], columns, widths):
                rows[-1] = [*rows[-1], *lines[at:]]
            else:
                return None
            break
    return rows


def _row_feet(
    middle: float, top: float | None, first: _Line, gaps: list[float], end: float, level: float
) -> list[float]:
    """Where a row with its middle at ``middle`` may end: as far under it as its ``top`` is
    over it, at the place between two lines nearest there (or the body's end); for the first
    row (``top`` None), at the places between lines under its middle that give it a top over
    its ``first`` line, nearest first."""
    if top is None:
        feet = [g for g in gaps if g > middle and 2 * middle - g <= first.top + level]
        feet = feet[:_CANDIDATES]
        return [*feet, end + level] if 2 * middle - end <= first.top + level else feet
    foot = 2 * middle - top
    if foot >= end - level:
        return [end + level]  # the last row
    # a sheet's rows are a whole number of its units high, its cells centred in them: a
    # row's top and foot stand off its text by up to a point more on one side
    height = level / _LEVEL
    near = [g for g in gaps if middle < g and abs(g - foot) <= _SNAP * height]
    return [min(near, key=lambda g: abs(g - foot))] if near else []


_SNAP = 0.75  # of a line's height: how far a row's foot may stand from where its top puts it


def _runs_on(
    row: list[_Line], rest: list[_Line], columns: StreamColumns, widths: list[float]
) -> bool:
    """Whether the first line of every text cell of ``rest`` runs on from the row's text in
    its column (``extract.paragraphs.line_breaks``: no paragraph starts there)."""
    found = False
    for col in sorted(_text_columns(columns)):
        mine, theirs = _cell_lines(rest, columns, col), _cell_lines(row, columns, col)
        if not mine:
            continue
        if not theirs or line_breaks([theirs[-1], mine[0]], widths[col])[0] == START:
            return False
        found = True
    return found


def _cell_middles(lines: list[_Line], at: int, columns: StreamColumns) -> list[float]:
    """Where the row of a line with a figure may have its middle: the middle of the figure's
    cell, its unit wrapped under it (``219`` / ``dokumen``: the lines under it in its column
    that print no figure of their own, within half a line), then the line's own."""
    own = (lines[at].top + lines[at].bottom) / 2
    middles = []
    for col in _lone_numbers(lines[at], columns):
        bottom = lines[at].bottom
        for line in lines[at + 1 :]:
            if not _column_words(line, columns, col):
                continue
            if col in _lone_numbers(line, columns) or line.top - bottom > line.height / 2:
                break
            bottom = line.bottom
        middles.append((lines[at].top + bottom) / 2)
    return [*middles, own]


def _shown_at_foot(
    rows: list[list[_Line]], columns: StreamColumns, id_columns: set[int], height: float
) -> bool:
    """Whether a row shows its table set at the foot of its rows rather than the middle: its
    texts end level while their middles do not (a cell of more lines beside a shorter one)."""
    level = _LEVEL * height
    for row in rows:
        spreads = _spreads([row], columns, id_columns)
        if spreads is not None and spreads[1][0] <= level < spreads[0][0]:
            return True
    return False


def _listed_apart(rows: list[list[_Line]], columns: StreamColumns, height: float) -> bool:
    """Whether a row as read lists values one a line in one column on two lines that stand
    farther apart than a cell's lines (the tightest pitch of two lines in one row on the
    page, plus ``_LOOSE``): a cell's lines stand one leading apart, so the two are rows of
    their own (a further indicator's row set at its foot, close over the next node's row,
    read as that node's first listed indicator: xlsx 11033)."""
    pitches = [
        lower.top - upper.top
        for row in rows
        for upper, lower in pairwise(row)
        if lower.top - upper.top >= _LEADING * height
    ]
    if not pitches:
        return False
    leading = min(pitches)
    for row in rows:
        numbers = [_lone_numbers(line, columns).keys() for line in row]
        for (upper, lower), (above, below) in zip(pairwise(row), pairwise(numbers), strict=True):
            if above & below and lower.top - upper.top > leading + _LOOSE * height:
                return True
    return False


_LEADING = 0.8  # of a line's height: the least pitch of two lines that do not overlap
_LOOSE = 0.25  # of a line's height: more than a cell's leading between two of its lines


def _foot_kinds(rows: list[list[_Line]], columns: StreamColumns, id_columns: set[int]) -> str:
    """The kind of each row of a table read from the foot up or the middle, a letter a row
    (``RawTable.row_kinds``): ``N`` a node (a code or row number), ``M`` a node whose first
    line prints its name and none of its indicator's cells (indicator, target, unit), which
    a later line prints (the name is the row's tallest cell), ``T`` a total (an amount, no
    code), ``F`` a further indicator (a figure, neither; ``f`` where the table is set at its
    rows' middles, ``e`` where no row shows whether at their feet or middles), ``R`` the rest
    of a row a page break cut (none)."""
    amounts = set(columns.of_role(ColumnRole.PAGU))
    names = set(columns.of_role(ColumnRole.NAMA))
    own = {
        col
        for role in (ColumnRole.INDIKATOR, ColumnRole.TARGET, ColumnRole.SATUAN)
        for col in columns.of_role(role)
    }
    nodes = _node_columns(columns, id_columns)
    kinds = ""
    for row in rows:
        found = {c for line in row for c in _columns_of(line, columns)}
        first = _columns_of(row[0], columns)
        if found & nodes:
            higher = first & names and not first & own and found & own
            kinds += "M" if higher else "N"
        elif found & amounts:
            kinds += "T"
        elif any(_lone_numbers(line, columns) for line in row):
            kinds += "F"
        else:
            kinds += "R"
    return kinds


def _units_up(
    parts: list[tuple[list[_Line], bool]], columns: StreamColumns
) -> list[tuple[list[_Line], bool]]:
    """A target cell prints its figure first and its unit after it, wrapped under it where the
    column is narrow (``2.934`` / ``Dokumen``): read from the foot up, the unit under the
    figure of a row opens the row below. A target cell whose words stand over its figure
    holds the row above's unit: the lines down to the last of them go back to that row (or,
    at the page's top, stand as a row of their own: the rest of a row a page break cut); so
    do words with no figure under them, under a figure that ends its row above bare, where
    no column of units prints them apart (a target may be words: ``Tersedia``)."""
    targets = columns.of_role(ColumnRole.TARGET)
    units = not columns.of_role(ColumnRole.SATUAN)
    out: list[tuple[list[_Line], bool]] = []
    for lines, alone in parts:
        cut = 0
        for col in targets:
            at = [i for i, line in enumerate(lines) if _column_words(line, columns, col)]
            figure = next((i for i in at if col in _lone_numbers(lines[i], columns)), None)
            if figure is not None and at[0] < figure:
                cut = max(cut, max(i for i in at if i < figure) + 1)
            elif figure is None and at and out and units and _bare_figure(out[-1][0], columns, col):
                cut = max(cut, at[-1] + 1)
        if cut and out:
            above, was_alone = out[-1]
            out[-1] = ([*above, *lines[:cut]], was_alone)
        elif cut:
            out.append((lines[:cut], True))
        if lines[cut:]:
            out.append((lines[cut:], alone))
    return out


def _bare_figure(row: list[_Line], columns: StreamColumns, col: int) -> bool:
    """Whether the row's cell in column ``col`` ends with a figure alone, no unit after it."""
    lines = _cell_lines(row, columns, col)
    last = [w["text"] for w in lines[-1]] if lines else []
    return len(last) == 1 and _whole_number(last[0])


def _set_at_foot(
    rows: list[list[_Line]],
    columns: StreamColumns,
    height: float,
    id_columns: set[int],
    widths: list[float],
) -> list[list[_Line]] | None:
    """The rows of a table set at the foot of its rows (``_foot_rows``), where every row
    prints a code, row number or figure, a code or row number on its last line, and the texts
    of all its columns end level there (``_spreads``; but the targets and units of a row that
    lists several indicators' values), and no cell runs two rows together
    (``_run_together``); None where the rows say otherwise. The lines at the page's top
    that are the rest of a row a page break cut (its cells' last lines, under the foot the
    row printed on the page before) are a row of their own, as read from the top: those
    before the first line from which the page's first row ends level and is one paragraph
    in each cell."""
    first, rest = rows[0], rows[1:]
    for cut in range(len(first) + 1):
        head, tail = first[:cut], first[cut:]
        if any(_marked(line, columns, id_columns) for line in head):
            return None
        if tail:
            spreads = _spreads([tail], columns, id_columns)
            if spreads is None or spreads[1][0] > _LEVEL * height:
                continue
            if _run_together([tail], columns, widths, id_columns):
                continue
            if _named_alone(tail, columns, id_columns, at_foot=True):
                return None
        body = [tail, *rest] if tail else rest
        if not body or any(
            _columns_of(line, columns) & id_columns for row in body for line in row[:-1]
        ):
            return None
        spreads = _spreads(body, columns, id_columns, listed=True)
        if spreads is None or max(spreads[1]) > _LEVEL * height:
            return None
        body = [head, *body] if head else body
        return None if _run_together(body, columns, widths, id_columns) else body
    return None


def _listed_in_one_cell(
    rows: list[list[_Line]], columns: StreamColumns, id_columns: set[int]
) -> list[list[_Line]]:
    """The rows of a table read from the foot up, each run of further indicators' rows that
    is the first lines of the node's row under it joined to that row. A node whose
    indicators stand one under another in one cell, set at the foot, prints its first
    indicators and their targets over its code, and ``_foot_rows`` reads them as rows of
    their own. A table that pads its rows shows which they are: its cells' lines stand one
    pitch apart (``_cell_pitch``), its rows further (every row after a node's or a total's
    ``_PADDED`` pitches or more, twice at least); a run whose rows stand one pitch apart, and
    from the node's row under it, while padded from the row over it, is that node's."""
    kinds = _foot_kinds(rows, columns, id_columns)
    pitch = _cell_pitch([line for row in rows for line in row])
    if pitch is None:
        return rows
    nodes = "NMT"
    apart = [
        b[0].top - a[-1].top
        for a, b, above in zip(rows, rows[1:], kinds, strict=False)
        if above in nodes
    ]
    if len(apart) < 2 or min(apart) < _PADDED * pitch:
        return rows

    joined: list[list[_Line]] = []
    run: list[list[_Line]] = []  # further indicators' rows since the last other row
    for row, kind in zip(rows, kinds, strict=True):
        if kind == "F":
            run.append(row)
            continue
        listed = [line for part in run for line in part]
        padded = bool(listed) and (
            not joined or listed[0].top - joined[-1][-1].top >= _PADDED * pitch
        )
        if kind in "NM" and padded and _one_pitch([*listed, *row], pitch):
            joined.append([*listed, *row])
        else:
            joined.extend([*run, row])
        run = []
    return joined + run


# A table pads its rows where they stand this many of its lines' pitch apart or more, and a
# cell's lines stand within this many of one another.
_PADDED = 1.15
_ONE_PITCH = 1.05


def _marked(line: _Line, columns: StreamColumns, id_columns: set[int]) -> bool:
    """Whether a line prints a code or row number (``id_columns``) or a figure alone."""
    return bool(_columns_of(line, columns) & id_columns or _lone_numbers(line, columns))


_LEVEL = 0.15  # of a line's height: texts whose middles or feet stand this close are level


def _run_together(
    rows: list[list[_Line]], columns: StreamColumns, widths: list[float], id_columns: set[int]
) -> bool:
    """Whether a row as read runs two rows together in its name or indicator cells."""
    names = frozenset(columns.of_role(ColumnRole.NAMA))
    return _names_run_together(rows, columns, names, widths) or _indicators_run_together(
        rows, columns, widths, id_columns
    )


def _names_run_together(
    rows: list[list[_Line]], columns: StreamColumns, names: frozenset[int], widths: list[float]
) -> bool:
    """Whether the rows as read part a table's rows inside their name cells. A node's name is
    one paragraph, wrapped, and a line breaks only where the next word does not fit
    (``extract.paragraphs.line_breaks``): a name cell with a line whose first word would have
    fitted on the line above holds two names; a row whose name's first line runs on from the
    name above (``... dan`` / ``Lembaga Kerja Sama``) holds the rest of the row above; a row
    of name lines alone, which the rows downstream take for the rest of the name above,
    cannot be that where its first line starts a paragraph. A table that sets its cells at the
    foot of its rows with no gap nor rule between them reads so when taken as set at the top
    (each row's first lines go to the row above): its lines stand level, and nothing else
    shows it."""
    for col in names:
        last: list[dict[str, Any]] | None = None  # the name's last line in the row above
        for row in rows:
            lines = _cell_lines(row, columns, col)
            if lines and last is not None:
                # a row of name lines alone is taken downstream for the rest of the name above,
                # which it cannot be if it starts a paragraph; a row of its own cannot open
                # with a line that runs on from the name above (``... dan`` / ``Lembaga``)
                alone = all(columns.column_of_word(w) in names for ln in row for w in ln.words)
                if line_breaks([last, lines[0]], widths[col])[0] == (START if alone else WRAP):
                    return True
            if len(lines) > 1 and START in line_breaks(lines, widths[col]):
                return True
            last = lines[-1] if lines else None
    return False


def _indicators_run_together(
    rows: list[list[_Line]], columns: StreamColumns, widths: list[float], id_columns: set[int]
) -> bool:
    """Whether a row as read holds more indicators than targets: its indicator cell starts
    more paragraphs (``extract.paragraphs.line_breaks``) than any of its target cells prints
    lines. A cell may list a node's indicators one a line, each with its target beside it;
    two indicators beside one target are a row's and the next one's (``Jumlah Dokumen ...
    Akhir Tahun`` / ``Jumlah Orang yang ...``), as a table set at the foot of its rows reads
    from the top."""
    targets = columns.of_role(ColumnRole.TARGET)
    if not targets:
        return False
    for col in columns.of_role(ColumnRole.INDIKATOR):
        for at, row in enumerate(rows):
            if at == 0 and not any(
                columns.column_of_word(w) in id_columns for line in row for w in line.words
            ):
                continue  # the rest of a row a page break cut, its cells' lines parted by it
            lines = _cell_lines(row, columns, col)
            if len(lines) < 2:
                continue
            starts = 1 + sum(kind == START for kind in line_breaks(lines, widths[col]))
            # the lines of the target cells: a value each, or a wrapped value's rest (the most
            # of any target column: a plan's change may print no target before it)
            values = max(len(_cell_lines(row, columns, target)) for target in targets)
            if starts > max(values, 1):
                return True
    return False


def _unparted(body: list[_Line], settings: StreamSettings = STREAM) -> bool:
    """Whether the body's cells stand at the middle or foot of their rows (a one-line cell half
    a line off the lines of a longer one beside it: lines that overlap, three times or more and
    in a tenth of the body's gaps) while no gap wider than a cell's lines parts its rows
    (``_padded``): ``_rows`` then cannot tell a row's first lines from the rest of the row
    above. A table whose cells stand at the top prints every cell's first line on its row's."""
    gaps = [b.top - a.bottom for a, b in pairwise(body)]
    height = _line_height(body, settings)
    overlapping = sum(1 for gap in gaps if gap < -_OVERLAP * height)
    return overlapping >= max(3, len(gaps) / 10) and not _padded(body, settings)


_OVERLAP = 0.2  # of a line's height


def _target_below_indicator(
    lines: list[_Line],
    columns: StreamColumns,
    id_columns: set[int],
    settings: StreamSettings = STREAM,
) -> bool:
    """Whether a block of lines (parted from the one above by a gap wider than ``row_gap``)
    opens with an indicator's line that prints no code and no figure, and a later line of the
    block prints the indicator's rest beside its target: a table whose cells stand at the top
    prints an indicator's target on its first line. The page's first block is left out (the
    rest of a row a page break cut). Of some 70 pages of Word, Excel and web tables set at the
    top, none; of sheets set at the foot whose rows stand as close as their lines, most of
    those whose first lines went to the row above unsaid."""
    height = _line_height(lines, settings)
    indicators = set(columns.of_role(ColumnRole.INDIKATOR))
    targets = set(columns.of_role(ColumnRole.TARGET))
    blocks: list[list[_Line]] = []
    for above, line in zip([None, *lines], lines, strict=False):
        if above is None or line.top - above.bottom > settings.row_gap * height:
            blocks.append([])
        blocks[-1].append(line)
    for block in blocks[1:]:
        opening = set(_words_by_column(block[0], columns))
        if not opening & indicators or opening & id_columns or _lone_numbers(block[0], columns):
            continue
        for line in block[1:]:
            beside = set(_words_by_column(line, columns)) & indicators
            if beside and set(_lone_numbers(line, columns)) & targets:
                return True
    return False


def _starts_late(rows: list[list[_Line]], columns: StreamColumns) -> bool:
    """Whether a row as read holds a text cell (a name, indicator, unit or location) that
    starts below the row's first line: a table whose cells stand at the top of their rows
    starts every cell's text on the row's first line, so a cell that prints nothing there and
    prints further down was read from the middle or foot of its row, where a table so set
    prints a row's code and figures beside its longer cells' last lines (with no gap or
    overlap between its rows to tell). Of some 1,400 rows of 36 Word, Excel and web documents
    set at the top, none; of such tables set at the foot, a row in three or four. So is a
    row, past the page's first, that prints a location or unit alone: a row of a table set at
    the top prints its code, name, indicator or figures on its first line, and a cell's
    wrapped lines stay in its row, while a rule or gap over a row set at the foot stands over
    its longest cell's first line (docx 9556: a shaded row's edge over ``Kota`` /
    ``Tangerang`` / ``Selatan``, the location of a row whose indicators stand in one cell,
    read with the first indicator as the row above's, ``ok``)."""
    texts = _text_columns(columns)
    aside = {
        col for role in (ColumnRole.LOKASI, ColumnRole.SATUAN) for col in columns.of_role(role)
    }
    for index, row in enumerate(rows):
        first = set(_words_by_column(row[0], columns))
        below = {c for line in row[1:] for c in _words_by_column(line, columns)}
        if (below - first) & texts:
            return True
        printed = first | below
        if (
            index
            and printed
            and printed <= aside
            and not any(_lone_numbers(line, columns) for line in row)
        ):
            return True
    return False


def _line_height(lines: list[_Line], settings: StreamSettings = STREAM) -> float:
    heights = sorted(line.height for line in lines)
    return heights[len(heights) // 2] if heights else settings.default_line_height


def _padded(lines: list[_Line], settings: StreamSettings = STREAM) -> bool:
    """Whether the table's rows stand apart by more than a cell's lines do: such gaps part a
    third of its rows or more (its lines that print a figure count them), twice at least."""
    height = _line_height(lines, settings)
    apart = sum(1 for a, b in pairwise(lines) if b.top - a.bottom > settings.row_gap * height)
    rows = sum(1 for line in lines if any(_FIGURE.match(w["text"]) for w in line.words))
    return apart >= max(2, rows / 3)


_FIGURE = re.compile(r"^(?:Rp\.?)?\d[\d.,]*[-\u2013\u2014]?$")


def _spans_page(line: _Line, columns: StreamColumns, settings: StreamSettings = STREAM) -> bool:
    """A line of running text above a continued table: one phrase crossing column boundaries."""
    phrases = _phrases(line, settings)
    if len(phrases) != 1:
        return False
    x0, x1 = phrases[0][0]["x0"], phrases[0][-1]["x1"]
    inner = columns.edges[1:-1]
    crossed = sum(1 for e in inner if x0 < e < x1)
    return crossed >= settings.running_text_edges or x1 < columns.edges[0]
