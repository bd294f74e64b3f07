"""PDF pages -> raw tables with provenance: cell grid, merged-cell spans, page, and nearby text.

Only ruling lines and text positions are used here; what the columns mean is decided in
``transform.headers``. Tables are read with pdfplumber's lattice strategy (ruling lines and cell
rectangles); pages that print a table without rules are read by ``extract.stream``, and
``extract.pages`` chooses between the two.
"""

from __future__ import annotations

import copy
import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import Any

import numpy as np
from pdfplumber.utils import extract_words, rect_to_edges

from extract.model import TEXT, Cell, RawTable
from extract.ocr import char_confidence
from extract.paragraphs import line_breaks
from extract.spelling import dictionary
from transform.headers import is_number_row
from transform.numbers import GROUPED_AMOUNT
from transform.vocabulary import TOTAL_LABEL, role_of

__all__ = ["PageChars", "ruled_tables", "slash_words", "upright_page"]

# A filled rectangle thinner than this (points) is a rule; a larger one is a cell background.
_RULE_THICKNESS = 3.0
_MIN_TABLE_COLUMNS = 3
# A single row is kept: the last row of a long table (often its grand total) may be all that a
# page holds of it. Whether such a row carries on a table is decided in transform.rows.
_MIN_TABLE_ROWS = 1
# A grid line within this many points before a cell's edge still starts inside the cell
# (pdfplumber's cell boxes and the distinct grid lines differ by rounding).
_GRID_SLACK = 0.5
# A word that ends within the cell's left padding, and at least this many points, of its right
# edge ran out of room: the line below may carry on the same word.
_MIN_CELL_PAD = 0.5
# Glyphs either side of a column's rule nearer than this (points) are one text run on across
# it (see PageChars.run_over); a kerned pair overlaps by up to _KERN of the type size, glyphs
# of one text part by up to _WORD_SPACE of it, and a letter is about _LETTER of it wide.
_ACROSS_RULE = 0.3
_KERN = 0.2
_WORD_SPACE = 0.6
_LETTER = 0.6
# A cell's text that starts more than this (points) off its left edge is not set at the left.
_LEFT_SET = 3.0
# A sheet pads its cells' text by a point or so; a word processor and a browser, which wrap
# a text and never cut it, by two or more (a text set off its cell's left edge by more is no
# sheet's, or not set at the left).
_SHEET_PAD = 2.0
# A text that reaches this near its clip's right edge (points) ends at it; one whose glyphs
# run this far past it is clipped there.
_CLIPPED = 0.5
_HIDDEN = 0.25
# Another text that starts this near (of the type size) after a clip's edge stands against it.
_NEXT_TEXT = 0.3
# Marks that close a word or a phrase: a capitalised word right after one starts a text.
_CLOSING = ").]"
# A colour whose every component is at least this is white; a CMYK colour whose every
# component is at most _NO_INK prints nothing. Neither marks a level.
_WHITE = 0.99
_NO_INK = 0.01
# A strip between two tables lower than this (points) holds no line of text.
_MIN_TEXT_HEIGHT = 1.0
# A page reads left to right when at least this share of its characters is upright and forward.
_FORWARD_SHARE = 0.5

LATTICE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def _index_within(lo: float, hi: float, starts: list[float]) -> list[int]:
    """Grid lines (column x0 or row top) that start inside ``[lo, hi)``: the span of a cell."""
    return [i for i, start in enumerate(starts) if lo - _GRID_SLACK <= start < hi - _GRID_SLACK]


# A slash between two letters or digits: ``Kabupaten/Kota``, ``2023/2024``.
_INNER_SLASH = re.compile(r"[^\W_]/[^\W_]")


_EDGE_PUNCTUATION = ".,;:()/\"'"


def _slash_word(token: str) -> str | None:
    """A printed token as a word with a slash inside that ``PageChars.is_word`` counts wherever
    it stands (``Kabupaten/Kota``), stripped of its punctuation; None for any other token, and
    for one that opens in lower case (the rest of a word broken by a narrow cell)."""
    word = token.strip(_EDGE_PUNCTUATION)
    if _INNER_SLASH.search(word) and not word[:1].islower():
        return word
    return None


def slash_words(text: str) -> set[str]:
    """The words with a slash inside (``Kabupaten/Kota``) that a page's text prints within its
    lines, as ``PageChars.is_word`` counts them (``_slash_word``)."""
    return {word for token in text.split() if (word := _slash_word(token))}


def _bare(word: str) -> str:
    """A word without the punctuation around it, in lower case."""
    return word.strip(_EDGE_PUNCTUATION).lower()


_WORD_PART = 3  # letters of the shortest part of a broken word read as a word of its own


def _two_words(line_end: str, rest: str) -> bool:
    """Whether a line's last word and the next line's first are two words of the language
    (Tesseract's word list, :func:`extract.spelling.dictionary`) that joined make none: a
    wrap between words, not a word broken inside. Parts shorter than ``_WORD_PART`` letters
    tell nothing (the list holds abbreviations: ``sh``); no word list, no evidence."""
    words = dictionary()
    head = line_end.lower()
    tail = re.sub(r"\W+$", "", rest).lower()
    if min(len(head), len(tail)) < _WORD_PART or not (head.isalpha() and tail.isalpha()):
        return False
    return head in words and tail in words and head + tail not in words


# Words a name or an indicator never ends in: a text that does was cut after it.
_NEVER_LAST = frozenset(
    {"dan", "di", "pada", "yang", "dalam", "serta", "untuk", "bagi", "ke", "dari", "atau",
     "dengan", "oleh", "&"}
)  # fmt: skip


def ends_inside_a_word(
    line: str,
    printed: Callable[[str], bool] | None = None,
    begins: Callable[[str], bool] | None = None,
) -> bool:
    """Whether a text's last word is a word's first letters, or a word no text ends in: one
    or two letters (a Roman numeral, or a letter after a word that names a type or class,
    ``Tipe C``, aside), or not in the language's word list, nor its stem, nor a word the
    document prints elsewhere (``printed``: ``Bipartit``) (an acronym in capitals inside a
    text in small letters, and a word in closed brackets, aside; with no word list, no
    evidence), or a conjunction or preposition (``dan``, ``di``), or a word cut after its
    slash or hyphen or inside its brackets. A word of the list, or with its stem there
    (``Ting``, ``Perangka``: ``pe`` + ``rangka``), is a word's first letters too where the
    document prints it nowhere else and prints a longer word that begins with it
    (``begins``: ``Tingkat``, ``Perangkat``)."""
    words = line.split()
    if not words:
        return False
    last = words[-1]
    bare = _bare(last)
    if bare in _NEVER_LAST or last.endswith(("/", "-", ",")):
        return True
    if last.endswith(")"):
        return False  # closed: an abbreviation or a name in brackets, whole (``(Andalalin)``)
    if "(" in last:
        return True  # a bracket opened and not closed
    if not bare.isalpha() or (len(bare) > 1 and last.isupper() and not line.isupper()):
        return False
    if len(bare) < _WORD_PART:
        after = _bare(words[-2]) if len(words) > 1 else ""
        return not (_ROMAN.match(last) or (last.isupper() and after in _TYPE_WORDS))
    known = dictionary()
    if printed is not None and begins is not None and not printed(bare) and begins(bare):
        return True
    if not known or any(stem in known for stem in _stems(bare)):
        return False
    return printed is None or not printed(bare)


def printed_words(texts: Iterable[str]) -> Counter[str]:
    """How many of ``texts`` print each word, keyed as ``ends_inside_a_word`` looks a word up
    (without the punctuation around it, in lower case)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({_bare(word) for word in text.split()})
    return counts


_ROMAN = re.compile(r"^[IVX]+$")
# Words a type or class follows, a letter in capitals (``Terminal Penumpang Tipe C``).
_TYPE_WORDS = frozenset(
    {"tipe", "kelas", "tahap", "golongan", "kategori", "blok", "zona", "gedung", "lantai",
     "paket", "jalur", "grade", "level", "vitamin", "seri", "model"}
)  # fmt: skip


_PREFIXES = ("", "di", "ke", "se", "ter", "ber", "per", "pe", "pem", "pen", "peng", "me", "mem",
             "men", "meng")  # fmt: skip
_SUFFIXES = ("", "an", "kan", "i", "nya")
_STEM = 4  # letters of the shortest stem told a word


def _stems(word: str) -> list[str]:
    """The word, and what is left of it without one of the language's prefixes or suffixes
    (``terfasilitasi``: ``fasilitasi``), ``_STEM`` letters or more: the word list holds a
    word's stem where it lacks a form of it."""
    return [
        word[len(head) : len(word) - len(tail)]
        for head in _PREFIXES
        for tail in _SUFFIXES
        if word.startswith(head) and word.endswith(tail)
        and len(word) - len(head) - len(tail) >= _STEM
    ]  # fmt: skip


class PageChars:
    """The page's characters, indexed for fast lookup by cell; ``ocr`` for an OCR text layer.
    Both readers, ruled and borderless, join a cell's lines by its rules (``slash_break``)."""

    def __init__(self, page: Any, ocr: bool = False, inline_words: set[str] | None = None) -> None:
        self.ocr = ocr
        # words printed inside a line, on this page and the pages read before (see is_word)
        self.inline_words = inline_words if inline_words is not None else set()
        # lines broken after a slash read as two words on no evidence (see slash_break)
        self.unsure_slashes: list[str] = []
        self.fills = [
            r
            for r in page.rects
            if r.get("fill") and min(r["width"], r["height"]) > _RULE_THICKNESS
        ]
        self.chars = list(page.chars)
        self.cx = np.array([(c["x0"] + c["x1"]) / 2 for c in self.chars])
        self.cy = np.array([(c["top"] + c["bottom"]) / 2 for c in self.chars])
        # where each glyph is drawn (``cx`` is the cell it is read in: see run_over)
        self.drawn_x = self.cx.copy()
        self._read_inline_words()

    def _inside(self, bbox: tuple[float, float, float, float]) -> list[dict[str, Any]]:
        return [self.chars[i] for i in self._indices(bbox)]

    def _indices(self, bbox: tuple[float, float, float, float], drawn: bool = False) -> list[int]:
        """The glyphs read in the cell ``bbox`` (``drawn``: the glyphs drawn inside it)."""
        x0, top, x1, bottom = bbox
        cx = self.drawn_x if drawn else self.cx
        mask = (cx >= x0) & (cx < x1) & (self.cy >= top) & (self.cy < bottom)
        return [int(i) for i in np.nonzero(mask)[0]]

    def run_over(self, boxes: list[list[Any]]) -> tuple[bool, list[str]]:
        """Read the glyphs of a text that runs on over its row's next cells in the cell the
        text starts in; return whether any did, and the texts that may have been cut at their
        cell's edge.

        A sheet printed with wrap off lets a text too long for its cell run on across the
        column's rule over the next cells while they are empty: the rule cuts a word there
        (``Kabupaten/K`` | ``ota``) or parts two words, and the next cell was read as holding
        the rest. A renderer sets each cell's text inside its padding, so two glyphs on either
        side of a rule stand apart by both cells' padding at least: glyphs that touch across
        it (``_ACROSS_RULE``) are one text. The next cell's glyphs are that text's rest where
        they stand on the one line and run on at a word's spacing or less from a text set at
        the left of the cell it starts in; a small letter touching a capital across the rule,
        a letter, digit or closing bracket touching a word that opens there with a capital
        (``(LPTKS)`` | ``Jumlah``), or a text in capitals
        touching one in small letters, is two texts (a text cut at its cell's edge against the
        next cell's), left as read.

        Where the next cell holds text, a sheet that prints with wrap off cuts what does not
        fit the cell, and the rest of the text is not in the PDF. A text of one line that fills
        its cell to the edge beside the next cell's text, no room left for one more letter, in
        a cell padded as a sheet's (``_SHEET_PAD``), may be so cut: those are returned, each as
        its line (``renja.reading`` doubts them where the document printed with wrap off, or
        where they end inside a word: ``ends_inside_a_word``)."""
        if self.ocr:
            return False, []
        carried = False
        cut = []
        for row in boxes:
            cells = sorted((b for b in row if b is not None), key=lambda b: b[0])
            into = None
            for left, right in pairwise(cells):
                shared = abs(left[2] - right[0]) <= _GRID_SLACK
                if shared and self._carry(into or left, right):
                    into, carried = into or left, True
                else:
                    into = None
        for row in boxes:
            cells = sorted((b for b in row if b is not None), key=lambda b: b[0])
            for left, right in pairwise(cells):
                line = self._cut_against(left, right)
                if line:
                    cut.append(line)
        return carried, cut

    def clipped_lines(self, bbox: tuple[float, float, float, float]) -> tuple[list[str], list[str]]:
        """The lines of text inside ``bbox`` that reach the right edge of the clipping path
        they are drawn under, where that edge lies inside ``bbox`` (a cell's clip, not the
        page's), each as its line (as ``run_over`` gives a cut): those the PDF clips, a glyph
        crossing the edge (``_HIDDEN``), and those that end at it (``_CLIPPED``), or within a
        letter of it where the next cell's text starts at the edge (``_cut_at``).

        A sheet printed with wrap off clips a text too long for its cell at the next cell's
        text, and draws under the clip a glyph or two of what does not show (the rest is not
        in the PDF); a text that wraps in its cell ends inside it. A clip drawn around a text
        as tight as the text itself (a word processor's page number, a header label) ends
        where the text ends, and clips nothing: a line that ends at its clip's edge without
        crossing it is cut only if its words show it (``renja.reading``)."""
        x0, top, x1, bottom = bbox
        by_clip: dict[tuple[float, float], list[dict[str, Any]]] = {}
        for char in self.chars:
            clip = char.get("clip")
            if clip is None or not x0 < clip[1] < x1 - _GRID_SLACK or not char["text"].strip():
                continue
            if x0 <= char["x0"] and char["top"] >= top and char["bottom"] <= bottom:
                by_clip.setdefault(clip, []).append(char)
        crossing: list[str] = []
        ending: list[str] = []
        for clip, glyphs in by_clip.items():
            right = clip[1]
            reach = max(_CLIPPED, _LETTER * max(c["bottom"] - c["top"] for c in glyphs))
            if max(c["x1"] for c in glyphs) < right - reach:
                continue  # no line comes within a letter of the edge (a cell's clip, as Excel's)
            for line in _lines_of(glyphs):
                end = max(c["x1"] for c in line)
                if end < right - _CLIPPED and not self._cut_at(line, clip):
                    continue
                words = extract_words(line, x_tolerance_ratio=TEXT.word_gap)
                text = " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))
                (crossing if end > right + _HIDDEN else ending).append(text)
        return crossing, ending

    def _cut_at(self, line: list[dict[str, Any]], clip: tuple[float, float]) -> bool:
        """Whether ``line`` ends within a letter of its clip's right edge, with room for no
        more, and another text starts at that edge on the same line (a sheet drops a glyph
        that does not fit the clip whole: ``... Perangkat Daera`` 1.1 points short of the edge,
        ``Kabupaten`` the next cell's text from it)."""
        last = max(line, key=lambda c: c["x1"])
        size = last["bottom"] - last["top"]
        if last["x1"] < clip[1] - _LETTER * size:
            return False
        return any(
            c.get("clip") != clip
            and c["text"].strip()
            and abs(c["top"] - last["top"]) <= TEXT.cell_line_tolerance * size
            and clip[1] - _CLIPPED <= c["x0"] < clip[1] + _NEXT_TEXT * size
            for c in self.chars
        )

    def _line_at(self, indices: list[int]) -> list[dict[str, Any]] | None:
        """The glyphs, in drawing order, when they stand on one line; None when on several."""
        glyphs = sorted((self.chars[i] for i in indices), key=lambda c: c["x0"])
        first = glyphs[0]
        size = first["bottom"] - first["top"]
        if any(abs(c["top"] - first["top"]) > TEXT.cell_line_tolerance * size for c in glyphs):
            return None
        return glyphs

    def _carry(
        self, into: tuple[float, float, float, float], right: tuple[float, float, float, float]
    ) -> bool:
        """Read the glyphs drawn in ``right`` in ``into`` when they are the rest of a text
        that runs on over the rule between (see run_over)."""
        indices = self._indices(right, drawn=True)
        if not indices:
            return False
        glyphs = self._line_at(indices)
        if glyphs is None:
            return False
        first = glyphs[0]
        size = first["bottom"] - first["top"]
        # the glyphs drawn before the rule on the same line, from the cell the text starts in
        span = (into[0], right[1], right[0], right[3])
        start = sorted(
            (
                self.chars[i]
                for i in self._indices(span, drawn=True)
                if abs(self.chars[i]["top"] - first["top"]) <= TEXT.cell_line_tolerance * size
            ),
            key=lambda c: c["x0"],
        )
        last = max((c for c in start if c["x0"] < first["x0"]), key=lambda c: c["x1"], default=None)
        if last is None:
            return False
        gap = first["x0"] - last["x1"]
        if not -_KERN * size <= gap <= _ACROSS_RULE:
            return False
        # one text from the left of the cell it starts in (a centred label too wide for its
        # cell spills over both rules, and is its own cell's) on to the end of the glyphs
        run = start + glyphs
        if run[0]["x0"] - into[0] > _LEFT_SET:
            return False
        own = self._indices(into)
        if not own or self._line_at(own) is None:
            return False  # a text that wraps in its cell (its lines' last spaces may cross)
        if any(b["x0"] - a["x1"] > _WORD_SPACE * size for a, b in pairwise(run)):
            return False
        if any(b["x0"] - a["x1"] < -_KERN * size for a, b in pairwise(run)):
            return False  # glyphs drawn over each other: a text cut against the next cell's
        if last["text"][-1:].islower() and first["text"][:1].isupper():
            return False  # a text cut at its cell's edge, against the next cell's
        opens = len(glyphs) > 1 and glyphs[1]["text"][:1].islower()
        ends = last["text"][-1:]
        if (ends.isalnum() or ends in _CLOSING) and first["text"][:1].isupper() and opens:
            return False  # a word or a bracket touching a word that starts there (``D`` |
            # ``Jumlah``, ``(LPTKS)`` | ``Jumlah``)
        ours = "".join(c["text"] for c in start)
        theirs = "".join(c["text"] for c in glyphs)
        if ours.isupper() and not theirs.isupper() and any(c.isalpha() for c in theirs):
            return False  # a name in capitals cut against a text in small letters
        middle = (into[0] + into[2]) / 2
        for i in indices:
            self.cx[i] = middle
        return True

    def _cut_against(
        self, left: tuple[float, float, float, float], right: tuple[float, float, float, float]
    ) -> str | None:
        """The line of ``left``'s text that fills the cell to its edge, no room for one more
        letter, beside the text of ``right`` on the same line; None if none (see run_over)."""
        ours = [self.chars[i] for i in self._indices(left) if self.chars[i]["text"].strip()]
        theirs = [self.chars[i] for i in self._indices(right) if self.chars[i]["text"].strip()]
        if not ours or not theirs:
            return None
        pad = min(c["x0"] for c in ours) - left[0]
        if pad > _SHEET_PAD:
            return None  # padded as a word processor's or a browser's cell, which wraps
        lines = _lines_of(ours)
        if len(lines) > 1:
            return None  # a text that wraps in its cell is not cut at its edge
        [line] = lines
        last = line[-1]
        size = last["bottom"] - last["top"]
        if right[0] - last["x1"] >= pad + _LETTER * size:
            return None  # room left for a letter
        if not any(abs(c["top"] - last["top"]) <= TEXT.cell_line_tolerance * size for c in theirs):
            return None  # nothing beside it
        words = extract_words(line, x_tolerance_ratio=TEXT.word_gap)
        return " ".join(w["text"] for w in sorted(words, key=lambda w: w["x0"]))

    def is_word(self, text: str) -> bool:
        """Whether the document prints ``text`` as a word inside a line (after another word of
        the same line), on this page or one read before: the rest of a line that starts with
        it is then a word of its own, not the end of a word the cell was too narrow for
        (``perangkat`` / ``daerah``, but ``Perkembang`` / ``an``). A word with a slash inside
        that opens with a capital or a digit (``Kabupaten/Kota``) counts wherever it stands, a
        line's first word too, as printed, letter case and all: printed whole, it shows that
        the document writes it without a space after the slash (a document may print
        ``Listrik/penerangan`` in a name and ``Listrik/ Penerangan`` in an indicator), and it
        is no rest of a word broken by a narrow cell, which opens in lower case (``Kepemim`` /
        ``pinan/Hukum``). Such a word set in capitals (a program's name) counts in whatever
        case the document prints it elsewhere: capitals are the row's style, not a spelling."""
        printed = text.strip(_EDGE_PUNCTUATION)
        if _bare(text) in self.inline_words or printed in self.inline_words:
            return True
        return (
            _INNER_SLASH.search(printed) is not None
            and printed.isupper()
            and any(w.upper() == printed for w in self.inline_words if "/" in w)
        )

    def _read_inline_words(self) -> None:
        words = extract_words(
            self.chars,
            keep_blank_chars=False,
            use_text_flow=False,
            x_tolerance_ratio=TEXT.word_gap,
        )
        ordered = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
        # as printed (see is_word); a lower-case entry is inline
        self.inline_words.update(slash_words(" ".join(w["text"] for w in ordered)))
        for left, word in zip(ordered, ordered[1:], strict=False):
            size = word["bottom"] - word["top"]
            same_line = abs(left["top"] - word["top"]) <= TEXT.cell_line_tolerance * size
            if same_line and 0 < word["x0"] - left["x1"] < size:
                self.inline_words.add(_bare(word["text"]))

    def cell_bold(self, bbox: tuple[float, float, float, float]) -> bool:
        """Whether most of a cell's characters are set in a bold face."""
        chars = [c for c in self._inside(bbox) if c["text"].strip()]
        bold = sum(1 for c in chars if "bold" in c["fontname"].lower())
        return bool(chars) and bold > TEXT.bold_share * len(chars)

    def cell_fill(self, bbox: tuple[float, float, float, float]) -> str | None:
        """The colour of the smallest filled rectangle under a cell's centre, None for white
        or no fill (a level of a plan table is often shaded in a colour of its own)."""
        x = (bbox[0] + bbox[2]) / 2
        y = (bbox[1] + bbox[3]) / 2
        under = [r for r in self.fills if r["x0"] <= x <= r["x1"] and r["top"] <= y <= r["bottom"]]
        if not under:
            return None
        colour = min(under, key=lambda r: r["width"] * r["height"]).get("non_stroking_color")
        if colour is None:
            return None
        values = tuple(
            round(float(v), 2) for v in (colour if isinstance(colour, (list, tuple)) else [colour])
        )
        white = all(v >= _WHITE for v in values)
        if white or (len(values) == 4 and all(v <= _NO_INK for v in values)):
            return None  # white (gray, RGB, or CMYK with no ink)
        return ",".join(f"{v:.2f}" for v in values)

    def cell_confidence(self, bbox: tuple[float, float, float, float]) -> float | None:
        """The lowest OCR confidence of a cell's characters (None: no text, or not OCR)."""
        if not self.ocr or not self.chars:
            return None
        found = [char_confidence(c) for c in self._inside(bbox) if c["text"].strip()]
        values = [v for v in found if v is not None]
        return min(values) if values else None

    def cell_text(self, bbox: tuple[float, float, float, float]) -> str:
        """Text of a cell, lines separated by newlines; a word the cell was too narrow for and
        that continues on the next line (``peru`` / ``sh``, no space printed after ``peru``) is
        joined back without a break, and so is a word that a line broke after its slash
        (``Kabupaten/`` / ``Kota``) where the page prints no space after the slash
        (``Daerah/ Lembaga`` keeps its space)."""
        return self.cell_lines(bbox)[0]

    def cell_lines(
        self, bbox: tuple[float, float, float, float]
    ) -> tuple[str, tuple[str, ...], tuple[float, ...]]:
        """The cell's text (``cell_text``); for each line break left in it, whether the next
        line starts a paragraph (``extract.paragraphs.line_breaks``; none on an OCR text
        layer, whose glyph boxes do not measure a line's fill); and the top of each of its
        lines."""
        if not self.chars:
            return "", (), ()
        x0, top, x1, bottom = bbox
        chars = self._inside(bbox)
        if not chars:
            return "", (), ()
        words = extract_words(
            chars, keep_blank_chars=False, use_text_flow=False, x_tolerance_ratio=TEXT.word_gap
        )
        lines: list[list[dict[str, Any]]] = []
        for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
            if lines and abs(lines[-1][0]["top"] - word["top"]) <= TEXT.cell_line_tolerance * (
                word["bottom"] - word["top"]
            ):
                lines[-1].append(word)
            else:
                lines.append([word])
        if not lines:
            return "", (), ()
        for line in lines:
            line.sort(key=lambda w: w["x0"])
        pad = max(_MIN_CELL_PAD, min(line[0]["x0"] for line in lines) - x0)
        out = " ".join(w["text"] for w in lines[0])
        # the characters out to the right padding, for a space after a line's last word
        alone = any(len(prev) == 1 for prev in lines[:-1])
        beside = self._inside((x0, top, x1 + pad, bottom)) if alone else []
        kept = [lines[0]]  # the lines that start a line of the text
        tops = [min(w["top"] for w in lines[0])]
        for prev, line in zip(lines, lines[1:], strict=False):
            joined = self.word_break(
                prev, line[0], x1 - pad, beside if alone else None
            ) or self.slash_break(prev[-1], line[0]["text"], chars)
            out += ("" if joined else "\n") + " ".join(w["text"] for w in line)
            if joined:  # the line the break after it is measured by
                kept[-1] = line
            else:
                kept.append(line)
                tops.append(min(w["top"] for w in line))
        if self.ocr:
            return out, (), tuple(tops)
        return out, line_breaks(kept, x1 - x0 - 2 * pad), tuple(tops)

    def word_break(
        self,
        line: list[dict[str, Any]],
        first: dict[str, Any],
        right: float,
        chars: list[Any] | None = None,
    ) -> bool:
        """Whether a word too long for its cell broke at the end of ``line`` and runs on in
        ``first``, the next line's first word (``peru`` / ``sh``, ``PENYELENGGARAA`` / ``N``):
        a word processor breaks a word inside only when the word alone is wider than the cell,
        so the line holds that word alone, filled up to ``right`` (the cell's text edge) with
        no room for the next letter, and no space glyph after it among ``chars`` (a line
        wrapped between words keeps its space). The rest carries on the word's letter case
        (lower case, or upper case after a word all in capitals) and is printed nowhere as a
        word of its own (``is_word``). Nor did a word break where both sides are words of the
        language and the two joined are none (``PENYELENGGARAAN`` / ``LIMBAH`` where a browser
        sets the first word alone on a line it fills, and prints no space at a line's end):
        the language tells then what the glyphs do not.

        A renderer may break a word inside where other words share its line too (LibreOffice
        sets ``Informasi Skala Kabupaten/Kot`` over ``a``): that is taken only where the
        document prints the two joined as a word elsewhere (``is_word``), the rest is none,
        and the line is filled as above."""
        word, rest = line[-1]["text"], first["text"]
        if len(line) != 1 and not self.is_word(word + rest):
            return False
        case = rest[:1].islower() or (word.isupper() and rest[:1].isupper())
        char_width = (first["x1"] - first["x0"]) / max(1, len(rest))
        return (
            case
            and word[-1:].isalpha()
            and line[-1]["x1"] + char_width > right
            and not self.is_word(rest)
            and not self._space_after(line[-1], self.chars if chars is None else chars)
            and not _two_words(word, rest)
        )

    def slash_break(
        self, word: dict[str, Any], next_word: str, chars: list[Any] | None = None
    ) -> bool:
        """Whether a line that ends in ``word`` broke inside a word after its slash
        (``Kabupaten/`` over ``Kota``): a letter or digit on both sides of the slash, and no
        space glyph after it among ``chars`` (the cell's; the page's when not given): a space
        printed there, as a word processor leaves at a line's end, makes ``Daerah/ Lembaga``
        two words. Not on an OCR text layer, whose spaces are not printed glyphs."""
        text = word["text"]
        if self.ocr or not text.endswith("/") or len(text) < 2 or not text[-2].isalnum():
            return False
        if not next_word[:1].isalnum():
            return False
        # No space there tells only where the producer prints the spaces that end a line;
        # elsewhere the document's own inline use of the joined word decides, and where the
        # document does not print it, the two words are read as two and the doubt is kept.
        if self._space_after(word, self.chars if chars is None else chars):
            return False
        if self.line_end_spaces or self.is_word(text + next_word):
            return True
        self.unsure_slashes.append(f"{text} {next_word}")
        return False

    @staticmethod
    def _space_after(word: dict[str, Any], chars: list[Any]) -> bool:
        """Whether a space glyph follows ``word`` on its line: a word processor keeps the space
        where it wrapped a line, so a line that ends in one ended a word, however near the
        cell's edge it ran."""
        size = word["bottom"] - word["top"]
        return any(
            not c["text"].strip()
            and word["x1"] - 0.5 <= c["x0"] <= word["x1"] + size
            and abs(c["top"] - word["top"]) <= TEXT.cell_line_tolerance * size
            for c in chars
        )

    @functools.cached_property
    def line_end_spaces(self) -> bool:
        """Whether the page prints the space glyph that ends a wrapped line (as word
        processors do): a space with no character after it on its line."""
        lines: dict[int, list[dict[str, Any]]] = {}
        for c in self.chars:
            lines.setdefault(round(c["top"]), []).append(c)
        for line in lines.values():
            line.sort(key=lambda c: c["x0"])
            for c, after in zip(line, line[1:] + [None], strict=True):
                gap = (c["bottom"] - c["top"]) * 2
                if not c["text"].strip() and (after is None or after["x0"] - c["x1"] > gap):
                    return True
        return False


def _lines_of(glyphs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Glyphs grouped in their lines, top to bottom, each line in drawing order."""
    lines: list[list[dict[str, Any]]] = []
    for glyph in sorted(glyphs, key=lambda c: (c["top"], c["x0"])):
        size = glyph["bottom"] - glyph["top"]
        if lines and abs(lines[-1][0]["top"] - glyph["top"]) <= TEXT.cell_line_tolerance * size:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [sorted(line, key=lambda c: c["x1"]) for line in lines]


def _column_groups(boxes: list[Any], starts: list[float], right: float) -> list[int]:
    """For each column rule of a grid (the x0 of each column, then the table's right side), the
    rule of the table it draws. A Word table whose rows were given other cell widths draws a
    column's rule at one place in some rows and a little aside in others, so that the grid gets
    a sliver column that no row prints on its own. Two neighbouring rules of which no row draws
    both are one rule moved: they are read as one, and the table keeps its columns."""
    rules = [*starts, right]
    drawn: dict[float, set[int]] = {x: set() for x in rules}  # rule -> the rows that draw it
    row_tops = sorted({box[1] for box in boxes})
    for box in boxes:
        rows = set(_index_within(box[1], box[3], row_tops))
        for side in (box[0], box[2]):
            for x in rules:
                if abs(x - side) <= _GRID_SLACK:
                    drawn[x] |= rows
    groups = [0]
    members = [drawn[rules[0]]]
    for x in rules[1:]:
        if groups[-1] > 0 and not (drawn[x] & members[-1]) and x != right:
            members[-1] = members[-1] | drawn[x]
            groups.append(groups[-1])
        else:
            members.append(set(drawn[x]))
            groups.append(groups[-1] + 1)
    return groups


def _merged_rows(rows: list[list[Any]], groups: list[int]) -> list[list[Any]]:
    """Per-cell values of the grid's rows, on the columns of the table's rules (see
    ``_column_groups``): each cell stands in the column where it starts."""
    merged = []
    for row in rows:
        out: list[Any] = [None] * groups[-1]
        for c, value in enumerate(row):
            if value is not None:
                out[groups[c]] = value
        merged.append(out)
    return merged


def _rest_above(
    read: list[list[tuple[str, tuple[str, ...], tuple[float, ...]] | None]],
    boxes: list[list[Any]],
) -> tuple[int, float] | None:
    """The first ruled row stating an amount, and the height to part it at, where it holds
    another printed row above its amounts that no rule parts from it. A word processor sets a
    row's cells at its top: the number, the amounts and a name of two lines start on one line.
    A row that a page break cut carries the rest of its text to the next page, above the first
    row there; where the table rules only some rows (a rule over each program's rows), no rule
    parts the two, and that text stands above the line the row's amounts start on. A sheet
    sets its cells at their bottom, or in their middle: there, a cell of two lines starts above
    the one-line cells beside it. So a row is parted at its amounts' line only where no cell
    starts below it, nor runs on over and under it with no line on it, text stands above it in
    other cells than the amounts', and a cell of two
    lines or more other than the amounts' starts on that line, or a cell's line on it follows
    the cell's line above after an empty line (a ``Jumlah`` row under the rest of a cut row:
    ``Daerah`` / / / ``Jumlah``; the line pitch is the cells' lower median). A word processor may
    set one cell at the top and another in the middle: a cell ending above the amounts' line
    says nothing."""
    for r, row in enumerate(read):
        cells = [(cell[0].splitlines(), cell[2]) for cell in row if cell is not None and cell[2]]
        if not any(_amount_line(line) for lines, _ in cells for line in lines):
            continue
        if len({(b[1], b[3]) for b in boxes[r] if b is not None}) != 1:
            return None  # a cell spanning rows: no row of its own
        pitches = [b - a for _, tops in cells for a, b in zip(tops, tops[1:], strict=False)]
        half = sorted(pitches)[(len(pitches) - 1) // 2] / 2 if pitches else _SAME_LINE
        near = min(half, _SAME_LINE)
        amounts = [
            (lines, tops)
            for lines, tops in cells
            if len(lines) == len(tops) and any(map(_amount_line, lines))
        ]
        if len(amounts) != sum(1 for lines, _ in cells if any(map(_amount_line, lines))):
            return None  # lines not measured
        at = min(
            top for lines, tops in amounts for line, top in zip(lines, tops, strict=True)
            if _amount_line(line)
        )  # fmt: skip
        if any(tops[0] < at - near for _, tops in amounts):
            return None  # the amounts' own cells print above them (``Rp`` / ``1.500.000``)
        if any(tops[0] > at + near for _, tops in cells):
            return None  # a cell starting below the amounts: not set at the top
        if any(
            tops[0] < at - near and tops[-1] > at + near and all(abs(t - at) >= near for t in tops)
            for _, tops in cells
        ):
            # a cell whose lines run on over and under the amounts' line, none on it: the row
            # is set at its middle or foot, its tallest cell over all it prints, and no row
            # starts there, whose every cell would (xlsx 10553: a node's indicators listed in
            # one cell, a next year's cell of two values under an empty line, read as a row
            # of its own under the rest of a cut one)
            return None
        above = any(tops[0] < at - half for _, tops in cells)
        opens = any(
            abs(tops[0] - at) < near and len(tops) >= 2 and not any(map(_amount_line, lines))
            for lines, tops in cells
        )
        # a cell whose line on the amounts' line follows its line above after an empty one
        parted = any(
            abs(b - at) < near and b - a > _EMPTY_LINE * 2 * half
            for _, tops in cells
            for a, b in zip(tops, tops[1:], strict=False)
        )
        # no cell runs over the amounts' line, and a label starts on it (a row's cells set at
        # its top, bottom or middle: its tallest cell runs over every line the row prints)
        apart = all(tops[-1] < at - half for _, tops in cells if tops[0] < at - half) and any(
            abs(tops[0] - at) < near and not any(map(_amount_line, lines)) for lines, tops in cells
        )
        # a total's label alone on the amounts' line, under other lines of its cell: no name
        # wraps into a line that says only ``Jumlah`` beside the amounts
        labelled = any(
            tops[0] < at - half
            and any(
                abs(top - at) < near and TOTAL_LABEL.match(line.strip())
                for line, top in zip(lines, tops, strict=True)
            )
            for lines, tops in cells
            if len(lines) == len(tops)
        )
        return (r, at) if above and (opens or parted or apart or labelled) else None
    return None


# Line pitches between two lines of a cell that leave an empty line between them.
_EMPTY_LINE = 1.8
# Points: the first lines of cells set at the top of one row start within this of each other.
_SAME_LINE = 1.5


def _table_from_plumber(page: Any, table: Any, number: int, chars: PageChars) -> RawTable | None:
    boxes = [list(row.cells) for row in table.rows]
    # pdfplumber aligns row.cells on the distinct x0 of all cells, and rows on distinct tops.
    col_starts = sorted({bbox[0] for bbox in table.cells})
    row_starts = sorted({bbox[1] for bbox in table.cells})
    groups = _column_groups(table.cells, col_starts, table.bbox[2])
    boxes = _merged_rows(boxes, groups)
    ran_over, cut = chars.run_over(boxes)
    clipped, at_clip = chars.clipped_lines(table.bbox)
    read = [[None if c is None else chars.cell_lines(c) for c in row] for row in boxes]
    rest = _rest_above(read, boxes)
    if rest is not None:  # the rows a missing rule left in one, read apart
        r, y = rest
        upper = [None if b is None else (b[0], b[1], b[2], y) for b in boxes[r]]
        lower = [None if b is None else (b[0], y, b[2], b[3]) for b in boxes[r]]
        boxes[r : r + 1] = [upper, lower]
        read[r : r + 1] = [
            [None if b is None else chars.cell_lines(b) for b in upper],
            [None if b is None else chars.cell_lines(b) for b in lower],
        ]
        row_starts = sorted([*row_starts, y])
    texts = [[None if c is None else c[0] for c in row] for row in read]
    if len(texts) < _MIN_TABLE_ROWS or len(texts[0]) < _MIN_TABLE_COLUMNS:
        return None
    rules = [*col_starts, table.bbox[2]]
    cells: list[Cell] = []
    for r, row in enumerate(boxes):
        for c, bbox in enumerate(row):
            if bbox is None:
                continue
            cols = _index_within(bbox[0], bbox[2], col_starts)
            first = groups[min(cols)] if cols else c
            last = groups[max(cols) + 1] - 1 if cols else c
            rows = _index_within(bbox[1], bbox[3], row_starts) or [r]
            text = texts[r][c] or ""
            cells.append(Cell(min(rows), max(rows), first, max(first, last), text))
    grid: list[list[str | None]] = [list(row) for row in texts]
    # A moved rule stands where it is drawn on average.
    edges = [
        sum(x for x, g in zip(rules, groups, strict=True) if g == group) / groups.count(group)
        for group in range(groups[-1] + 1)
    ]
    return RawTable(
        edges=tuple(edges),
        page=number,
        bbox=tuple(table.bbox),
        grid=grid,
        cells=cells,
        bold=[[c is not None and chars.cell_bold(c) for c in row] for row in boxes],
        fill=[[None if c is None else chars.cell_fill(c) for c in row] for row in boxes],
        confidence=[[None if c is None else chars.cell_confidence(c) for c in row] for row in boxes]
        if chars.ocr
        else [],
        boxes=[[None if c is None else tuple(c) for c in row] for row in boxes],
        breaks=[[() if c is None else c[1] for c in row] for row in read],
        tops=[[() if c is None else c[2] for c in row] for row in read],
        rows_ruled=True,
        cut_texts=cut + clipped + at_clip,
        ran_over=ran_over or bool(clipped),
    )


def _with_slashes(
    chars: PageChars, read: Callable[..., RawTable | None], *args: Any
) -> RawTable | None:
    """The table ``read`` gives, with the slash breaks it left unsure (``unsure_slashes``)."""
    before = len(chars.unsure_slashes)
    table = read(*args, chars)
    if table is not None:
        table.unsure_slashes = chars.unsure_slashes[before:]
    return table


def _text_between(page: Any, top: float, bottom: float) -> str:
    if bottom - top < _MIN_TEXT_HEIGHT:
        return ""
    region = page.within_bbox((0, max(0, top), page.width, min(page.height, bottom)), strict=False)
    return region.extract_text() or ""


def _is_rule(edge: dict[str, Any]) -> bool:
    """Whether an edge is a drawn rule, not the side of a coloured cell background."""
    if edge.get("object_type") != "rect_edge" or edge.get("stroke"):
        return True
    width = edge.get("rect_width", 0.0)
    height = edge.get("rect_height", 0.0)
    return min(width, height) <= _RULE_THICKNESS


# Column rules that start (or end) within this many points of each other are one table's.
_RULE_END_TOLERANCE = 2.0
_MIN_COLUMN_RULES = 3


def _column_rule_ends(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A rule across the highest top and the lowest bottom that several column rules share: a
    row printed at a page break without its top rule is still framed by the column rules, and
    is then read as a row of the table, not lost above it."""
    verticals = [e for e in rules if e["orientation"] == "v"]
    added = []
    for side in ("top", "bottom"):
        heights = sorted({round(e[side]) for e in verticals}, reverse=side == "bottom")
        for height in heights:  # the highest top and the lowest bottom shared by the columns
            near = [e for e in verticals if abs(e[side] - height) <= _RULE_END_TOLERANCE]
            columns = {round(e["x0"]) for e in near}
            if len(columns) < _MIN_COLUMN_RULES:
                continue
            x0, x1 = min(e["x0"] for e in near), max(e["x0"] for e in near)
            y = min(e[side] for e in near) if side == "top" else max(e[side] for e in near)
            added.append(
                {
                    "x0": x0,
                    "x1": x1,
                    "top": y,
                    "bottom": y,
                    "width": x1 - x0,
                    "height": 0.0,
                    "orientation": "h",
                    "object_type": "line",
                }  # fmt: skip
            )
            break
    return added


def _ruling_settings(page: Any) -> dict[str, Any]:
    edges = []
    for rect in page.rects:
        for edge in rect_to_edges(rect):
            edge["rect_width"], edge["rect_height"] = rect["width"], rect["height"]
            edges.append(edge)
    edges += [e for e in page.edges if e.get("object_type") != "rect_edge"]
    rules = [e for e in edges if _is_rule(e)]
    rules += _column_rule_ends(rules)
    return {
        **LATTICE_SETTINGS,
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": [e for e in rules if e["orientation"] == "v"],
        "explicit_horizontal_lines": [e for e in rules if e["orientation"] == "h"],
    }


def ruled_tables(
    page: Any, number: int, ocr: bool = False, inline_words: set[str] | None = None
) -> list[RawTable]:
    """The ruled tables of a page, top to bottom, each with the text above and below it.
    ``inline_words`` gathers the words printed inside a line over the pages read (see
    ``PageChars.is_word``)."""
    settings = _ruling_settings(page)
    if (
        min(len(settings["explicit_vertical_lines"]), len(settings["explicit_horizontal_lines"]))
        < 2
    ):
        return []
    found = sorted(page.find_tables(settings), key=lambda t: (t.bbox[1], t.bbox[0]))
    chars = PageChars(page, ocr, inline_words)
    tables = [
        t
        for t in (_with_slashes(chars, _table_from_plumber, page, f, number) for f in found)
        if t is not None
    ]
    # Keep tables that are not nested in another one (coloured cell fills form small "tables").
    outer = [
        t
        for t in tables
        if not any(
            o is not t
            and o.bbox[0] <= t.bbox[0]
            and o.bbox[1] <= t.bbox[1]
            and o.bbox[2] >= t.bbox[2]
            and o.bbox[3] >= t.bbox[3]
            for o in tables
        )
    ]
    if any(_rows_in_one(t, ocr) for t in outer) or (len(outer) == 1 and _boxed_header(outer[0])):
        return []  # ruled between its columns only: read as a borderless table
    previous_bottom = 0.0
    for table in outer:
        table.text_before = _text_between(page, previous_bottom, table.bbox[1])
        previous_bottom = table.bbox[3]
    if outer:
        outer[-1].text_after = _text_between(page, previous_bottom, page.height)
    return outer


def _amount_line(line: str) -> bool:
    """Whether a cell's line holds a whole amount (``Rp 1.500.000``, or beside the row's other
    values where a heading's columns are ruled as one: ``17 unit 233.292.000 APBD``)."""
    return any(GROUPED_AMOUNT.match(part) for part in line.split())


def _rows_in_one(table: RawTable, ocr: bool = False) -> bool:
    """Whether a ruled table boxes several rows in one: a table ruled between its columns only
    (a word processor's or a sheet's borders left off between the rows, a web page's cells
    with side borders) is found as rules around the whole body, one row of tall cells under
    the header, if that is ruled; one ruled over each program only boxes a program's rows in
    one. A cell of such a row holds amounts on several lines, each a row's; a ruled row's cell
    holds one (a long amount wraps into parts that are no amounts each, ``1.618.`` /
    ``507.000``). So a table of whose rows that print amounts half or more hold several in a
    cell boxes its rows: one rule lost in a scan leaves one such row among many. Boxed in one
    with its header, a single row's amount stands under the labels in its cell, as no ruled
    cell has words over its amount but a currency word. On a page with a text layer, where
    no rule is lost, one row whose first cell holds a code or number a line for several rows,
    beside several amounts in a cell, boxes the rows of a program that a rule was drawn over
    alone; so does one that prints three amounts or more in each of two cells, where the rows
    print no code nor number (levels by style alone: docx 5717)."""
    with_amounts = several = 0
    for row in table.grid:
        counts = [
            [i for i, line in enumerate((text or "").splitlines()) if _amount_line(line)]
            for text in row
        ]
        if not any(counts):
            continue
        with_amounts += 1
        if any(len(found) >= 2 for found in counts):
            several += 1
            if not ocr and (_ids_stacked(row) or _amounts_stacked(counts)):
                return True
        if len(table.grid) == 1:
            lines = [(text or "").splitlines() for text in row]
            if any(
                found and any(map(_words_line, cell[: found[0]]))
                for found, cell in zip(counts, lines, strict=True)
            ):
                return True
    return several > 0 and 2 * several >= with_amounts


def _amounts_stacked(counts: list[list[int]]) -> bool:
    """Whether two cells of a row print ``_STACKED_AMOUNTS`` amounts or more each, one a line
    (``counts``: per cell, the lines that are amounts): a node states one amount a column, so
    these are as many rows' amounts, boxed in one; two amounts in a cell may be one node's
    funds from two sources."""
    return sum(1 for found in counts if len(found) >= _STACKED_AMOUNTS) >= 2


_STACKED_AMOUNTS = 3


# A row's code or number alone on its line: ``1.03.04.1.01``, ``03``, ``II``, ``IV.1.1``,
# ``(2)``, ``1.``.
_ID_LINE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+(?:\.\d+)*\.?|\(\d+\))$")


def _ids_stacked(row: list[str | None]) -> bool:
    """Whether the first cell of a row that holds text prints two codes or numbers or more, one
    a line and nothing else: the ids of as many rows, one under another."""
    first = next((text for text in row if text and text.strip()), None)
    lines = [line.strip() for line in (first or "").splitlines() if line.strip()]
    return len(lines) >= 2 and all(_ID_LINE.match(line) for line in lines)


# Column roles the first lines of a row's cells name that make it a plan table's header.
_HEADER_ROLES = 3


def _boxed_header(table: RawTable) -> bool:
    """Whether a page's one ruled table boxes its header with its body: a single row that opens
    with a plan table's header labels, a table ruled between its columns only (with perhaps a
    row or two of no amount under it: another indicator's targets); a ruled header has a rule
    under it, and a ruled page's row under no header opens with its values. So too where the
    header's labels stand in cells that reach down beside a row of values (a rule under the
    labels of a spanning column only, ``Sebelum`` / ``Sesudah``; or a word processor's borders
    drawn around groups of rows, where a page opens inside a group: the rest of a row cut at
    the page break and its sub kegiatan's other indicators, with targets but no amount): a
    header's cell ends at the rule under the header."""
    if len(table.grid) != 1:
        valued = {r for r, row in enumerate(table.grid) if r and _states_values(row)}
        reaching = {
            role_of(first[0])
            for cell in table.cells
            if (first := cell.text.splitlines()) and any(cell.row0 < r <= cell.row1 for r in valued)
        }
        return len(reaching - {None}) >= _HEADER_ROLES
    roles = {role_of(first[0]) for text in table.grid[0] if (first := (text or "").splitlines())}
    return len(roles - {None}) >= _HEADER_ROLES


def _states_values(row: list[str | None]) -> bool:
    """Whether a row states a body's values: an amount, or a target's number (no year, which
    heads a column: ``2026``) in a row none of whose cells opens with a column's label and
    that does not number the columns."""
    texts = [text for text in row if text and text.strip()]
    lines = [line.strip() for text in texts for line in text.splitlines()]
    if any(map(_amount_line, lines)):
        return True
    if any(role_of(text.splitlines()[0]) is not None for text in texts) or is_number_row(row):
        return False
    return any((value := _VALUE_LINE.match(line)) and not _YEAR.match(value[1]) for line in lines)


# A cell's line that is a target: a number, perhaps with its unit (``3``, ``2.277``, ``92,5``,
# ``80 %``, ``10 bulan``, ``12 orang/bulan``).
_VALUE_LINE = re.compile(r"^(\d[\d.,]*)\s*(?:%|[^\W\d_]+(?:[ /][^\W\d_]+)?)?$")
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def _words_line(line: str) -> bool:
    """Whether a cell's line holds a word of three letters or more other than a currency's."""
    return any(w.lower() != "rupiah" for w in _LETTERS.findall(line))


def _reads_forward(page: Any) -> bool:
    chars = [c for c in page.chars if c["text"].strip()]
    forward = sum(1 for c in chars if c["upright"] and c["matrix"][0] > 0)
    return bool(chars) and forward >= _FORWARD_SHARE * len(chars)


def upright_page(pdf: Any, page: Any) -> Any:
    """The page turned so that most of its text reads left to right.

    A landscape table is often printed on a page whose text runs up or down (a /Rotate entry,
    or a rotated content stream); reading it needs the page turned a quarter the other way.
    The page, turned or not, is kept with ``pdf``, so that every reader of the page parses it
    once and the later ones need not parse it again to know its direction.
    """
    turned_pages = pdf.__dict__.setdefault("_upright_pages", {})
    if page.page_number in turned_pages:
        return turned_pages[page.page_number]
    turned_pages[page.page_number] = page  # known again without its chars (parsed.done_with)
    chars = [c for c in page.chars if c["text"].strip()]
    if not chars or _reads_forward(page):
        return page
    for turn in _turns(chars):
        page_obj = copy.copy(page.page_obj)
        page_obj.attrs = dict(page_obj.attrs)
        rotation = (page.rotation + turn) % 360
        page_obj.attrs["Rotate"] = rotation
        page_obj.rotate = rotation
        turned = type(page)(  # the reader's kind of page (extract.parsed.QuickPage)
            pdf, page_obj, page_number=page.page_number, initial_doctop=page.initial_doctop
        )
        if _reads_forward(turned):
            turned_pages[page.page_number] = turned
            return turned
    return page


def _turns(chars: list[dict[str, Any]]) -> list[int]:
    """The quarter turns to try, the one that the text's own direction asks for first: text
    running down the page is turned 270 degrees, up the page 90, upside down 180."""
    down = sum(1 for c in chars if c["matrix"][1] < 0)
    up = sum(1 for c in chars if c["matrix"][1] > 0)
    backward = sum(1 for c in chars if c["matrix"][0] < 0 and c["matrix"][1] == 0)
    likely = max((down, 270), (up, 90), (backward, 180))[1]
    return [likely] + [t for t in (90, 270, 180) if t != likely]
