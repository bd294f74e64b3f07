"""Plan rows -> the program / kegiatan / sub kegiatan tree, its indicators and its budgets.

The level of a row comes from its code (``2.07.03`` program, ``2.07.03.2.01`` kegiatan,
``2.07.03.2.01.01`` sub kegiatan), else from its printed number (``I`` / ``I.1`` / ``I.1.1``),
else from its wording and type (``PROGRAM ...``; bold kegiatan). Rows with no identifier of their
own carry further indicators of the node above (vertically merged cells), the rest of a cell that
a page break cut, or the document's stated total.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pandas as pd

from transform.codes import (
    CODE_GLYPHS,
    KODE_PATTERNS,
    PLAIN_NUMBER,
    Level,
    join_kode,
    kode_readings,
    level_of_kode,
    level_of_nomor,
    nomor_levels,
    normalise_kode,
    one_digit_apart,
    parent_kode,
    split_glued_kode,
)
from transform.levels import (
    PROGRAM_NAME,
    LevelSource,
    RowLevel,
    is_heading,
    level_amount,
    read_by_ocr,
    resolve_levels,
    row_style,
)
from transform.numbering import read_nomors
from transform.numbers import (
    MIN_OCR_CONFIDENCE,
    Parsed,
    parse_amount,
    parse_number,
    split_target,
    trust_ocr,
)
from transform.rows import TableRow, ValueCell, row_records
from transform.vocabulary import TOTAL_WORDS

__all__ = ["BOX_COLUMNS", "Plan", "StatedTotal", "box_columns", "build_plan", "parse_target"]

BOX_COLUMNS = ("x0", "top", "x1", "bottom")

_UNIT_ONLY = re.compile(r"^\D+$")
_UNIT_FIRST = re.compile(r"^(?P<unit>[^\d\s]+)\s+(?P<num>\d[\d.,]*)$")


@dataclass(frozen=True)
class StatedTotal:
    """A total the document states itself, for reconciliation: a grand-total row of the table
    (``source="table"``) or a sentence of the text (``source="text"``)."""

    label: str
    plan: Parsed
    next: Parsed
    page: int
    source: str = "table"
    # a Renja Perubahan's total before the change (SEBELUM); ``plan`` is the total after it
    before: Parsed = Parsed(None, "")


@dataclass(frozen=True, slots=True)
class _Indicator:
    """An indicator row of a node, as printed: its texts, and for an evaluation or service
    performance table its value cells (``measures``; None for a plan row)."""

    indikator: str
    satuan: str
    lokasi: str
    target_raw: str
    target_next_raw: str
    target_before_raw: str
    measures: tuple[ValueCell, ...] | None
    target_conf: float | None
    target_next_conf: float | None
    page: int
    target_before_conf: float | None = None
    target_bbox: tuple[float, ...] | None = None  # where each target is printed, on ``page``
    target_next_bbox: tuple[float, ...] | None = None
    target_before_bbox: tuple[float, ...] | None = None
    # the page of the next year's and the before target where not ``page`` (a row that a page
    # break cut, its cells going on over the break)
    target_next_page: int | None = None
    target_before_page: int | None = None


@dataclass
class _Node:
    level: Level
    kode: str | None
    nomor: str | None
    nama: str
    page: int
    source_table: str
    level_source: LevelSource | None = None
    pagu: str = ""
    pagu_next: str = ""
    pagu_page: int = 0
    pagu_conf: float | None = None  # lowest OCR confidence of the amount cells' words
    pagu_next_conf: float | None = None
    pagu_before_conf: float | None = None
    pagu_bbox: tuple[float, ...] | None = None  # where the amount cells are printed
    pagu_next_bbox: tuple[float, ...] | None = None
    pagu_before_bbox: tuple[float, ...] | None = None
    nama_bbox: tuple[float, ...] | None = None  # where the name cell is printed, on ``page``
    nama_conf: float | None = None  # lowest OCR confidence of the name's words, all its rows
    pagu_before: str = ""  # a Renja Perubahan's amount before the change (SEBELUM)
    sumber_dana: str = ""
    penanggung_jawab: str = ""
    kode_flag: str | None = None  # how a misread code was regrouped, None when read as printed
    node_id: str = ""
    parent_id: str | None = None
    amounts: tuple[ValueCell, ...] | None = None  # the money columns of other tables
    indicators: list[_Indicator] = field(default_factory=list)


@dataclass
class Plan:
    """What one plan table yields, without the document-level columns."""

    nodes: pd.DataFrame
    indicators: pd.DataFrame
    budgets: pd.DataFrame
    stated_totals: list[StatedTotal]
    # subtotal rows that restate a program's own amount: read, but no total of the table
    subtotals: list[StatedTotal] = field(default_factory=list)
    # rows read by OCR with a name and amounts of their own, taken for the rest of the row
    # above (their number or level not read): (page, name)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    # names a page break cut after a slash, joined as two words for want of a sign of the
    # space (``Kabupaten/`` / ``Kota``): (page of the node, ``Kabupaten/ Kota``)
    unsure_slashes: list[tuple[int, str]] = field(default_factory=list)


def _compact(part: str) -> str:
    """A part of a code as printed, without spaces or its end dots."""
    return re.sub(r"\s+", "", part).strip(".")


def _row_kode(row: TableRow) -> tuple[str | None, str]:
    """The row's code (from its code columns, completed by a code glued to the name) and name.

    A code that is no complete program, kegiatan or sub kegiatan code is returned as printed:
    its segments can only be padded once the builder knows where it belongs.
    """
    kode = join_kode(row.kode_parts)
    if kode is not None and level_of_kode(kode) is None:
        kode = ".".join(_compact(p) for p in row.kode_parts if _compact(p)) or None
    nama = row.nama
    glued, rest = split_glued_kode(_spaced_kode(nama)[0] if row.nama_conf is not None else nama)
    if glued is not None:
        glued_norm = normalise_kode(glued)
        segments = glued.count(".") + 1
        if kode is not None and level_of_kode(kode) != "sub_kegiatan" and segments <= 2:
            candidate = normalise_kode(f"{kode}.{glued}")
            if level_of_kode(candidate) is not None:
                return candidate, rest
        if kode is None and glued_norm is not None and segments <= 6:
            # complete, or a part the builder completes from context
            return (glued_norm if level_of_kode(glued_norm) else glued), rest
    return kode, nama


_NUMERIC = re.compile(r"[.,]?\d[\d.,:]*")


def _spaced_kode(nama: str) -> tuple[str, str | None]:
    """A name read by OCR with the code glued before it misread, in parts a space apart (a dot
    read as a space: ``211.01 1.01.01 Fasilitasi``, ``2.11.01 1.02.02 Sosialisasi``), with a
    dot lost (``211.01.1.01.04``) or read as a comma (``211,02``) or a colon (``2.07.01:2.02``,
    a speck over it): the name with the parts
    joined by dots as the one code they can be (``codes.kode_readings``: ``2.11.01.1.01.01``;
    a program's only before a row named ``PROGRAM``, and there only a program's), and the
    parts as read; else the name as read and None. Read as it stood, the first part was taken
    for the code and the rest for the name: a sub kegiatan printed ``2.11.01 1.02.02`` took
    its program's place."""
    tokens = nama.split()
    lead = list(itertools.takewhile(_NUMERIC.fullmatch, tokens))
    if not lead or (len(lead) == 1 and _well_formed(lead[0].strip(".,"))):
        return nama, None  # no code, or one read as printed
    # OCR reads a code's dot as a comma too (``211,02``), or as a colon
    joined = ".".join(t.replace(",", ".").replace(":", ".").strip(".") for t in lead)
    readings = kode_readings(joined, ocr=True)
    reading = readings.pop() if len(readings) == 1 else None
    rest = tokens[len(lead) :]
    program = bool(rest) and rest[0].upper() == "PROGRAM"
    if reading is None or (level_of_kode(reading) == "program") != program:
        return nama, None  # a program's code before a row named so, and only there
    return " ".join([reading, *rest]), " ".join(lead)


def _well_formed(kode: str) -> bool:
    level = level_of_kode(kode)
    return level is not None and re.match(KODE_PATTERNS[level], kode) is not None


# The parts of a code printed over the five columns of the plan form: urusan, bidang, program,
# kegiatan (``2.01``) and sub kegiatan (two digits, or four in the later nomenclature).
_FORM_PARTS = (r"\d", r"\d{2}", r"\d{2}", r"\d\.\d{2}", r"\d{2}|\d{4}")
# A letter in a code part read by OCR: the part is no reading of its digits (``Oo``).
_LETTER = re.compile(r"[^\W\d_]")
# Digits of a sub kegiatan's own segment at most (``0014``): a longer one is no part of a code.
_SUB_KEGIATAN_WIDTH = 4


def _letters_in_program_part(kode: str, read: str) -> bool:
    """Whether a program code read with letters (``2.07.o1``) differs from its reading
    (``2.07.01``) only in its own part: its urusan and bidang read as printed."""
    return kode.split(".")[:2] == read.split(".")[:2] and kode.count(".") == 2


def _form_parts(kode: str) -> list[str] | None:
    """A node's code cut into the form's columns (``2.11.01.1.04`` -> 2 | 11 | 01 | 1.04)."""
    segments = kode.split(".")
    if len(segments) < 3:
        return None
    return [*segments[:3], *([".".join(segments[3:5])] if len(segments) >= 5 else []),
            *segments[5:]]  # fmt: skip


def _set_off(row: TableRow) -> bool:
    """Whether a row under a program is set off as its kegiatan: bold or, read by OCR, filled.
    OCR measures a cell's fill, but judges bold against the stroke widths of the page's own
    text (``levels._style``): a scan's shaded kegiatan was read bold on one page and plain on
    the next, and the plain one became a sub kegiatan."""
    return row.bold or (row.nama_conf is not None and bool(row.fill))


def _has_indicator(row: TableRow) -> bool:
    return bool(row.indikator or row.target_raw or row.target_next_raw or row.satuan)


def _text_only(row: TableRow) -> bool:
    """A row with words but no number of its own: no target, no amount. A target cell that
    prints a word only (``kegiatan``, the unit of a number a page break left on the page
    before) holds no number; such a unit, or the rest of a lokasi, may be all the row says."""
    targets = (row.target_raw, row.target_next_raw, row.target_before_raw)
    amounts = (row.pagu_raw, row.pagu_next_raw)
    words = (row.nama, row.indikator, row.satuan, row.lokasi, *targets)
    return (
        not any(re.search(r"\d", t) for t in targets)
        and not any(a.strip() for a in amounts)
        and any(w.strip() for w in words)
    )


def _has_amount(row: TableRow) -> bool:
    return bool(row.pagu_raw.strip() or row.pagu_next_raw.strip() or row.pagu_before_raw.strip())


class _Builder:
    def __init__(
        self,
        has_next: bool,
        id_columns: bool,
        level_of_number: Callable[[str | None], Level | None] = level_of_nomor,
        min_ocr_confidence: float = MIN_OCR_CONFIDENCE,
        hints: list[RowLevel] | None = None,
        coded: bool = False,
        named: bool = False,
    ) -> None:
        self.hints = hints or []
        self.coded = coded
        self.position = -1
        self.has_next = has_next
        self.min_ocr_confidence = min_ocr_confidence
        self.id_columns = id_columns
        self.level_of_number = level_of_number
        self.named = named  # whether the table names its programs PROGRAM ...
        self.nodes: list[_Node] = []
        self.totals: list[StatedTotal] = []
        self.unplaced: list[tuple[int, str]] = []
        self.unsure_slashes: list[tuple[int, str]] = []
        self.last: dict[Level, _Node | None] = {"program": None, "kegiatan": None}  # type: ignore[dict-item]
        self.counters: dict[str, int] = {}
        self.subtotalled: set[str] = set()  # programs whose subtotal row has been read
        # the last program's subtotal that restates its amount: the table's total when the
        # table has one program and no total row follows
        self.restated: StatedTotal | None = None
        self.subtotals: list[StatedTotal] = []

    def _hint(self, row: TableRow, nomor: str | None) -> RowLevel:
        """The level the table's evidence gives a row without a code of its own. A row with
        no number is a node by its style only in a table without codes; in a numbered table
        only when it states an amount (else it is the rest of the row above); and never when it
        states an amount above the first node (an OPD row there states the total)."""
        hint = (
            self.hints[self.position] if self.position < len(self.hints) else RowLevel(None, None)
        )
        if hint.level is None or nomor is not None:
            return hint
        if self.coded or (self.id_columns and not _has_amount(row)):
            return RowLevel(None, None)
        if not self.nodes and _has_amount(row):
            return RowLevel(None, None)
        return hint

    def add_row(self, row: TableRow) -> None:
        self.position += 1
        kode, nama = _row_kode(row)
        lettered = kode is None and read_by_ocr(row)
        if lettered:  # a code OCR read with a letter for a digit (2.07.0S): no code as it stands
            kode = ".".join(_compact(p) for p in row.kode_parts if _compact(p)) or None
        if kode is not None and level_of_kode(kode) is None:
            kode = self._complete(kode, nama)
        kode, kode_flag = self._regrouped(kode, ocr=lettered)
        # the name read by OCR, as _row_kode weighed it: a code joined from parts is flagged
        spaced = _spaced_kode(row.nama)[1] if row.nama_conf is not None else None
        if spaced is not None and kode_flag is None:
            kode_flag = f"read as {spaced}; its parts joined as the one code they can be"
        if read_by_ocr(row) and not self._fits(kode):
            kode, kode_flag = self._parts_from_tree(row) or (kode, kode_flag)
        nomor = row.nomor or None
        if is_heading(nama, _has_amount(row)) and not (kode or nomor):
            return  # an Urusan / Bidang / UPTD heading: no node, and no part of the one above
        starts_program = nama.upper().startswith("PROGRAM")
        if (
            row.page_top
            and self.nodes
            and not (kode or nomor or starts_program)
            and _text_only(row)
        ):
            self._continue_row(row, nama)
            return
        level = level_of_kode(kode)
        source: LevelSource | None = "kode"
        if level is None and kode is None:
            level, source = self._hint(row, nomor).level, self._hint(row, nomor).source
        if level is None:
            level, source = self.level_of_number(nomor), "numbering"
            if level == "program" and read_by_ocr(row) and self.named and not starts_program:
                level = None  # a number read by OCR as a program's on a row not named one
        if level is None and kode is None and nomor and PLAIN_NUMBER.match(nomor):
            # a plain number under Roman programs that neither the counters, the sums nor the
            # table's styles place: under a program, its bold type tells a kegiatan
            level, source = self._below_program(row), "style"
        if level is None and kode is None and nomor is None and not row.id_merged:
            level, source = self._level_without_id(row, nama), "style"
        if level is not None and kode is None and nomor is None and self._cut_rest(row, level):
            level = None
        if level is None:
            self._add_unidentified(row, nama, kode)
            return
        current = self.nodes[-1] if self.nodes else None
        same = current is not None and kode is not None and kode == current.kode
        if same and current is not None and nama in ("", current.nama):
            self._add_indicator(current, row)
            return
        self._add_node(level, kode, nomor, nama, row, source)
        self.nodes[-1].kode_flag = kode_flag

    def _regrouped(self, kode: str | None, *, ocr: bool = False) -> tuple[str | None, str | None]:
        """A misread code (a dot lost: ``2.07.01.201.02``; a speck read as a dot:
        ``2.07.0.4.2.01.05``; by OCR (``ocr``), a letter for a digit: ``2.07.0S``) put back as
        the one well-formed code it can be (``codes.kode_readings``) when that code fits the
        tree: a kegiatan or sub kegiatan under the node above it, a program in the urusan and
        bidang of the program before it. The reading is kept in the flag. Any other code is
        returned as read, and a code with letters in it is no code."""
        level = level_of_kode(kode)
        if kode is None or (level is not None and re.match(KODE_PATTERNS[level], kode)):
            return kode, None
        readings = kode_readings(kode, ocr=ocr)
        read = readings.pop() if len(readings) == 1 else None
        before = self.last["program"]
        if read is None or not self._fits(read):
            return (None if ocr else kode), None
        if level_of_kode(read) != "program":
            return read, f"read as {kode}; regrouped to the code format under {parent_kode(read)}"
        if before is None and ocr and _letters_in_program_part(kode, read):
            # the first program, its urusan and bidang read as printed and a letter read for
            # a digit of its own part only (2.07.o1): nothing before it to disagree
            return read, f"read as {kode}; read as the program code {read}"
        if before is None or not before.kode:  # no program before it to give its bidang
            return (None if ocr else kode), None
        bidang = ".".join(read.split(".")[:2])
        return read, f"read as {kode}; read as a program code of bidang {bidang}"

    def _fits(self, kode: str | None) -> bool:
        """Whether a code hangs in the tree where it is read: a kegiatan or sub kegiatan under
        the node above it, a program in the bidang of the program before it (or the first)."""
        level = level_of_kode(kode)
        if kode is None or level is None:
            return False
        program = self.last["program"]
        if level == "program":
            return (
                program is None
                or not program.kode
                or (program.kode.split(".")[:2] == kode.split(".")[:2])
            )
        above = [n.kode for n in (program, self.last["kegiatan"]) if n is not None]
        return parent_kode(kode) in above

    def _parts_from_tree(self, row: TableRow) -> tuple[str | None, str | None] | None:
        """A code printed over the form's five columns (urusan | bidang | program | kegiatan |
        sub kegiatan) that OCR read whole in the row's own part but not in a part above it:
        left empty, or read as nothing of the width the form prints (``or`` or ``o1`` for
        ``01``, ``1`` for ``11``: a coarse scan's small digits), or read with letters
        (``Oo`` for ``01``: no reading of its digits). Those parts are the code of
        the node the row hangs under (a sub kegiatan's kegiatan, a kegiatan's program, a
        program's bidang), which the form prints above it: they are taken from there when
        every part read agrees with it, and the reading is kept in the flag. When a part read
        disagrees, the row has no code (``(None, None)``): joined over the gap, its parts
        would make another code. None when no part above the row's own is in doubt."""
        parts = [_compact(p) for p in row.kode_parts]
        if len(parts) != len(_FORM_PARTS):
            return None
        read = ["".join(CODE_GLYPHS.get(c, c) for c in p) for p in parts]
        if re.fullmatch(r"\d{3}", read[3]):  # a kegiatan's part with its one dot lost: 201
            read[3] = f"{read[3][0]}.{read[3][1:]}"
        whole = [re.fullmatch(f, r) is not None for f, r in zip(_FORM_PARTS, read, strict=True)]
        own = max((i for i, p in enumerate(parts) if p), default=0)
        # a part above the row's own read with letters (``Oo`` for ``01``) is no reading of
        # its digits: in doubt, as one left empty, not one that disagrees with the tree
        whole = [
            w and (i >= own or not _LETTER.search(p))
            for i, (w, p) in enumerate(zip(whole, parts, strict=True))
        ]
        if own < 2 or not whole[own] or all(whole[:own]) or not any(parts[:own]):
            return None
        if own == 2:  # a program: the bidang of the program before it
            above = self.last["program"]
        else:
            above = self.last["kegiatan"] if own == 4 else self.last["program"]
        tree = _form_parts(above.kode) if above is not None and above.kode else None
        if above is None or tree is None or len(tree) < own:
            return None, None
        if not all(read[i] == tree[i] for i in range(own) if whole[i]):
            return None, None
        kode = ".".join([*tree[:own], read[own]])
        if level_of_kode(kode) is None:
            return None, None
        shown = " | ".join(p or "-" for p in parts[: own + 1])
        return kode, f"read as {shown}; the parts not read taken from {above.kode} above it"

    def _complete(self, part: str, nama: str) -> str:
        """A code printed in part, each level giving only its own segments (kegiatan ``2.01``
        under program ``2.07.03``, sub kegiatan ``01`` under the kegiatan), made whole from the
        nodes above. Other partial codes (an urusan or bidang heading: ``2.07``, upper case)
        are no node code."""
        segments = part.count(".") + 1
        program, kegiatan = self.last["program"], self.last["kegiatan"]
        if segments == 1 and len(part) > _SUB_KEGIATAN_WIDTH:
            return part  # a whole code read without its dots (``103111010014``), regrouped later
        if segments == 1 and kegiatan is not None and kegiatan.kode:
            return normalise_kode(f"{kegiatan.kode}.{part}") or part
        if segments == 2 and program is not None and program.kode and not nama.isupper():
            return normalise_kode(f"{program.kode}.{part}") or part
        return part  # no node: the row is a heading, kept out of the tree

    def _continue_row(self, row: TableRow, nama: str) -> None:
        """The rest of a row that a page break cut: its text joins the cells above it."""
        current = self.nodes[-1]
        if nama:
            # a word the page break cut after its slash is read as two, as a line so broken
            # where nothing tells whether a space stood there (``PageChars.slash_break``)
            end, first = (current.nama.split() or [""])[-1], nama.split()[0]
            if len(end) > 1 and end.endswith("/") and end[-2].isalnum() and first[0].isalnum():
                self.unsure_slashes.append((current.page, f"{end} {first}"))
            current.nama = f"{current.nama} {nama}"
            current.nama_conf = _lowest(current.nama_conf, row.nama_conf)
        if current.indicators:
            last = current.indicators[-1]
            current.indicators[-1] = replace(
                last,
                indikator=_joined(last.indikator, row.indikator),
                satuan=_joined(last.satuan, row.satuan),
                lokasi=_joined(last.lokasi, row.lokasi),
                target_raw=_joined(last.target_raw, row.target_raw),
                target_next_raw=_joined(last.target_next_raw, row.target_next_raw),
                target_before_raw=_joined(last.target_before_raw, row.target_before_raw),
            )
        elif row.indikator:
            self._add_indicator(current, row)

    def _cut_rest(self, row: TableRow, level: Level) -> bool:
        """Whether a page's first row, with no code nor number, is the rest of the node's row
        above that the page break cut, not a node that only its style or the table's evidence
        places: it states no amount, where a node states its amount on its first line, and
        it stands at the level of the node above (a kegiatan set bold after a sub kegiatan
        is a node of its own). Its name words finish the name (``... Tingkat Daerah`` / ``dan
        Angkutan Umum``), and its indicators are the node's. Not on a page read by OCR, which
        may have lost a printed amount."""
        last = self.nodes[-1] if self.nodes else None
        return (
            row.page_top
            and not (read_by_ocr(row) or row.nama_conf is not None)
            and last is not None
            and level == last.level != "program"
            and not _has_amount(row)
            and not row.nama.upper().startswith("PROGRAM")
        )

    def _below_program(self, row: TableRow) -> Level | None:
        if self.last["program"] is None:
            return None
        return "kegiatan" if _set_off(row) else "sub_kegiatan"

    def _level_without_id(self, row: TableRow, nama: str) -> Level | None:
        if not nama or TOTAL_WORDS.match(nama):
            return None
        if nama.upper().startswith("PROGRAM"):
            return "program"
        if self.id_columns:
            return None
        # No code and no number anywhere: bold rows under a program are its kegiatan.
        if self.last["program"] is None:
            return None
        return "kegiatan" if _set_off(row) else "sub_kegiatan"

    def _add_unidentified(self, row: TableRow, nama: str, kode: str | None) -> None:
        current = self.nodes[-1] if self.nodes else None
        if current is not None and TOTAL_WORDS.match(nama) and self._program_subtotal(row):
            return
        if nama and _has_amount(row) and (current is None or TOTAL_WORDS.match(nama)):
            self.totals.append(self._stated(nama, row))
            self.restated = None
            return
        if current is None or kode is not None:
            return  # urusan / bidang heading rows, or text before the first node
        if not nama and not _has_indicator(row) and _has_amount(row) and self._subtotal(row):
            return
        if self._unnumbered_sub(current, row, nama):
            self._add_node("sub_kegiatan", None, None, nama, row, "numbering")
            return
        if nama and read_by_ocr(row) and _has_amount(row) and (current.pagu or current.pagu_next):
            # a name and amounts of its own under a node that has its amounts: a node whose
            # number or level OCR did not read, its name and amounts lost to the row above
            self.unplaced.append((row.page, nama))
        if nama and not row.id_merged and not _has_indicator(row):
            if nama.isupper() and not current.nama.isupper():
                return  # a heading (bidang urusan) printed without its code, not a name's rest
            current.nama = f"{current.nama} {nama}".strip()  # a name cut by a page break
            current.nama_conf = _lowest(current.nama_conf, row.nama_conf)
            if row.page == current.page:  # the box takes in the rest of the name
                current.nama_bbox = _union(current.nama_bbox, row.nama_bbox)
            return
        if nama and not row.id_merged and not _has_amount(row):
            # The rest of the name beside the node's next indicator: a name cell merged down
            # the node's indicator rows, or one row holding the node's indicators one under
            # another, read without the rules that box it (or a row that a page break cut):
            # its words finish the name, and the indicator is the node's next.
            current.nama = f"{current.nama} {nama}".strip()
            current.nama_conf = _lowest(current.nama_conf, row.nama_conf)
        if _has_indicator(row):
            self._add_indicator(current, row)
        if _has_amount(row) and not (current.pagu or current.pagu_next):
            self._set_amounts(current, row)

    def _stated(self, label: str, row: TableRow) -> StatedTotal:
        minimum = self.min_ocr_confidence
        return StatedTotal(
            label,
            trust_ocr(parse_amount(row.pagu_raw), row.pagu_conf, minimum),
            trust_ocr(parse_amount(row.pagu_next_raw), row.pagu_next_conf, minimum),
            row.page,
            before=trust_ocr(parse_amount(row.pagu_before_raw), row.pagu_before_conf, minimum),
        )

    def _program_subtotal(self, row: TableRow) -> bool:
        """A labelled subtotal row (``Jumlah``, ``Sub Total``) closing a program's kegiatan, as
        Word and Excel tables print one per program: the program's own amount when it states
        none and the row is the sum of its kegiatan in every amount column, or a restatement
        of the amount it states. Only the first such row after a program is its subtotal; a
        further one (the grand total of a one-program table) is a stated total."""
        program = self.last["program"]
        if program is None or program.node_id in self.subtotalled:
            return False
        columns = [("pagu", "pagu_raw"), ("pagu_next", "pagu_next_raw"),
                   ("pagu_before", "pagu_before_raw")]  # fmt: skip
        stated = {attr: parse_amount(getattr(row, col)) for attr, col in columns}
        if stated["pagu"].value is None:
            return False
        if program.pagu or program.pagu_next:
            own = {attr: parse_amount(getattr(program, attr)) for attr, _ in columns}
            if any(own[a].value != stated[a].value for a, _ in columns):
                return False
            self.subtotalled.add(program.node_id)
            self.restated = self._stated(row.nama, row)
            self.subtotals.append(self.restated)
            return True
        kids = [n for n in self.nodes if n.parent_id == program.node_id]
        if not kids:
            return False
        for attr, _ in columns:
            values = [parse_amount(getattr(k, attr)).value for k in kids]
            present = [v for v in values if v is not None]
            if stated[attr].value is None and not present:
                continue
            if len(present) < len(values) or stated[attr].value != sum(present, Decimal(0)):
                return False
        self._set_amounts(program, row)
        self.subtotalled.add(program.node_id)
        return True

    def _subtotal(self, row: TableRow) -> bool:
        """A row with an amount and nothing else, printed after a program's kegiatan (the
        pre-2019 layout): the program's amount when the program states none of its own and
        the amount is the sum of its kegiatan; or, equal to the sum of all programs, the
        table's unlabelled grand total."""
        stated = parse_amount(row.pagu_raw).value
        if stated is None:
            return False
        program = self.last["program"]
        if program is not None and not (program.pagu or program.pagu_next):
            kids = [n for n in self.nodes if n.parent_id == program.node_id]
            total = sum((parse_amount(k.pagu).value or Decimal(0) for k in kids), Decimal(0))
            if kids and total == stated:
                self._set_amounts(program, row)
                return True
        programs = [n for n in self.nodes if n.level == "program"]
        total = sum((parse_amount(n.pagu).value or Decimal(0) for n in programs), Decimal(0))
        if programs and total == stated:
            minimum = self.min_ocr_confidence
            self.totals.append(
                StatedTotal(
                    "",
                    trust_ocr(parse_amount(row.pagu_raw), row.pagu_conf, minimum),
                    trust_ocr(parse_amount(row.pagu_next_raw), row.pagu_next_conf, minimum),
                    row.page,
                )
            )
            return True
        return False

    def _unnumbered_sub(self, current: _Node, row: TableRow, nama: str) -> bool:
        """A row that a numbered table forgot to number: a name of its own, an amount of its
        own and an indicator, under a kegiatan or sub kegiatan whose amount is already given.
        It is the next sub kegiatan, not a further indicator of the node above."""
        return (
            self.id_columns
            and bool(nama)
            and not row.id_merged
            and current.level != "program"
            and bool(current.pagu or current.pagu_next)
            and nama != current.nama
            and _has_amount(row)
            and _has_indicator(row)
        )

    def _add_node(
        self,
        level: Level,
        kode: str | None,
        nomor: str | None,
        nama: str,
        row: TableRow,
        source: LevelSource | None,
    ) -> None:
        node = _Node(level, kode, nomor, nama, row.page, row.source_table, source)
        parent = self._parent_for(level)
        node.parent_id = parent.node_id if parent else None
        prefix = {"program": "P", "kegiatan": "K", "sub_kegiatan": "S"}[level]
        key = node.parent_id or ""
        self.counters[key + prefix] = self.counters.get(key + prefix, 0) + 1
        local = f"{prefix}{self.counters[key + prefix]:02d}"
        node.node_id = f"{node.parent_id}.{local}" if node.parent_id else local
        node.penanggung_jawab = row.penanggung_jawab
        node.nama_bbox = row.nama_bbox
        node.nama_conf = row.nama_conf
        self._set_amounts(node, row)
        if _has_indicator(row):
            self._add_indicator(node, row)
        self.nodes.append(node)
        if level == "program":
            self.last = {"program": node, "kegiatan": None}  # type: ignore[dict-item]
            self.restated = None
        elif level == "kegiatan":
            self.last["kegiatan"] = node

    def _parent_for(self, level: Level) -> _Node | None:
        if level == "program":
            return None
        if level == "kegiatan":
            return self.last["program"]
        return self.last["kegiatan"] or self.last["program"]

    def _set_amounts(self, node: _Node, row: TableRow) -> None:
        node.amounts = row.amounts
        node.pagu = row.pagu_raw
        node.pagu_next = row.pagu_next_raw
        node.pagu_before = row.pagu_before_raw
        node.pagu_page = row.page
        node.pagu_conf = row.pagu_conf
        node.pagu_next_conf = row.pagu_next_conf
        node.pagu_before_conf = row.pagu_before_conf
        node.pagu_bbox = row.pagu_bbox
        node.pagu_next_bbox = row.pagu_next_bbox
        node.pagu_before_bbox = row.pagu_before_bbox
        node.sumber_dana = row.sumber_dana

    def _add_indicator(self, node: _Node, row: TableRow) -> None:
        node.indicators.append(
            _Indicator(
                indikator=row.indikator,
                satuan=row.satuan,
                lokasi=row.lokasi,
                target_raw=row.target_raw,
                target_next_raw=row.target_next_raw,
                target_before_raw=row.target_before_raw,
                measures=row.measures,
                target_conf=row.target_conf,
                target_next_conf=row.target_next_conf,
                target_before_conf=row.target_before_conf,
                target_bbox=row.target_bbox,
                target_next_bbox=row.target_next_bbox,
                target_before_bbox=row.target_before_bbox,
                page=row.page,
                target_next_page=row.target_next_page,
                target_before_page=row.target_before_page,
            )
        )


def _lowest(a: float | None, b: float | None) -> float | None:
    """The lower of two OCR confidences, either None (not read by OCR)."""
    return b if a is None else a if b is None else min(a, b)


def _joined(text: str, more: str) -> str:
    """A cell's text with the rest a page break cut from it."""
    return f"{text} {more}".strip() if more else text


def parse_target(raw: str, satuan: str) -> tuple[Parsed, str]:
    """A target cell, with the unit taken from it when the document prints them together."""
    if not raw:
        return Parsed(None, ""), satuan
    parsed = parse_number(raw)
    if parsed.value is not None or parsed.flag is None:
        return parsed, satuan
    split, unit = split_target(raw)
    if unit is not None and _UNIT_ONLY.match(unit):
        return split, satuan or unit
    # a narrow cell may set the unit on a line above its number ("orang" / "82")
    unit_first = _UNIT_FIRST.match(" ".join(raw.split()))
    if unit_first:
        number = parse_number(unit_first["num"])
        if number.value is not None:
            return Parsed(number.value, " ".join(raw.split())), satuan or unit_first["unit"]
    return parsed, satuan


def _measured(
    base: dict[str, Any],
    nama: str,
    number: int,
    ind: _Indicator,
    source_table: str,
    minimum: float = MIN_OCR_CONFIDENCE,
) -> list[dict[str, Any]]:
    """An indicator of an evaluation or service performance table: one record per value
    column (target, realisasi, capaian ... of a year)."""
    out = []
    satuan = ind.satuan
    for cell in ind.measures or ():
        value, satuan = parse_target(cell.text, satuan)
        value = trust_ocr(value, cell.confidence, minimum)
        out.append(
            _indicator(
                base,
                nama,
                cell.name,
                number,
                ind,
                cell.year,
                value,
                cell.confidence,
                source_table,
                cell.box,
            )
        )
    for record in out:
        record["satuan"] = satuan or None
    return out


def _indicator(
    base: dict[str, Any],
    nama: str,
    measure: str,
    number: int,
    ind: _Indicator,
    tahun: int | None,
    value: Parsed,
    confidence: float | None,
    source_table: str,
    box: Any = None,
    page: int | None = None,
) -> dict[str, Any]:
    """One indicator record: a measure of an indicator of a node, for a year, with the box
    of its cell and its page (the indicator's where not given)."""
    return {
        **base,
        "nama": nama,
        "measure": measure,
        "indikator_no": number,
        "indikator": ind.indikator or None,
        "lokasi": ind.lokasi or None,
        "tahun": tahun,
        "target": float(value.value) if value.value is not None else None,
        "target_raw": value.raw or None,
        "target_flag": value.flag,
        "ocr_confidence": confidence,
        "source_table": source_table,
        "page": page or ind.page,
        **box_columns(box),
    }


def _bbox(value: Any) -> tuple[float, ...] | None:
    """A cell box carried by a row (a tuple, or a list after a round trip), rounded to 0.1 pt."""
    if value is None or isinstance(value, float) or len(value) != 4:
        return None
    return tuple(round(float(v), 1) for v in value)


def _union(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> tuple[float, ...] | None:
    """The box around two boxes (either may be unknown)."""
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def box_columns(value: Any) -> dict[str, float | None]:
    """The output columns ``x0``, ``top``, ``x1``, ``bottom`` of a cell box carried by a row
    (rounded to 0.1 pt; all null when unknown)."""
    box = _bbox(value)
    return dict(zip(BOX_COLUMNS, box or (None, None, None, None), strict=True))


def _frames(builder: _Builder, plan_year: int | None, has_before: bool = False) -> Plan:
    nodes, indicators, budgets = [], [], []
    minimum = builder.min_ocr_confidence
    for node in builder.nodes:
        base = {"node_id": node.node_id, "level": node.level, "kode": node.kode}
        nodes.append(
            {
                **base,
                "nomor": node.nomor,
                "level_source": node.level_source,
                "parent_id": node.parent_id,
                "nama": node.nama,
                "penanggung_jawab": node.penanggung_jawab or None,
                "kode_flag": node.kode_flag,
                "nama_ocr_confidence": node.nama_conf,
                "source_table": node.source_table,
                "page": node.page,
                **box_columns(node.nama_bbox),
            }
        )
        for number, ind in enumerate(node.indicators, start=1):
            if ind.measures is not None:
                indicators += _measured(base, node.nama, number, ind, node.source_table,
                                        minimum)  # fmt: skip
                continue
            plan_target, satuan = parse_target(ind.target_raw, ind.satuan)
            plan_target = trust_ocr(plan_target, ind.target_conf, minimum)
            plan_measure = "target_sesudah" if has_before else "target"
            years = [(plan_measure, plan_year, plan_target, ind.target_conf, ind.target_bbox,
                      ind.page)]  # fmt: skip
            if has_before:
                # the unit is that of the target after the change, as printed
                before, _ = parse_target(ind.target_before_raw, satuan)
                before = trust_ocr(before, ind.target_before_conf, minimum)
                years.append(("target_sebelum", plan_year, before, ind.target_before_conf,
                              ind.target_before_bbox,
                              ind.target_before_page or ind.page))  # fmt: skip
            if builder.has_next:
                next_target, next_satuan = parse_target(ind.target_next_raw, satuan)
                next_target = trust_ocr(next_target, ind.target_next_conf, minimum)
                satuan = satuan or next_satuan
                years.append(("target", plan_year + 1 if plan_year else None, next_target,
                              ind.target_next_conf, ind.target_next_bbox,
                              ind.target_next_page or ind.page))  # fmt: skip
            for measure, tahun, target, confidence, box, page in years:
                record = _indicator(base, node.nama, measure, number, ind, tahun, target,
                                    confidence, node.source_table, box, page)  # fmt: skip
                indicators.append({**record, "table_kind": "rumusan", "satuan": satuan or None})
        amounts = [
            ValueCell("pagu_indikatif", plan_year, node.pagu, node.pagu_conf, node.pagu_bbox)
        ]
        if has_before:  # a Renja Perubahan: the plan year's amount after and before the change
            amounts = [
                ValueCell("pagu_sesudah", plan_year, node.pagu, node.pagu_conf, node.pagu_bbox),
                ValueCell(
                    "pagu_sebelum",
                    plan_year,
                    node.pagu_before,
                    node.pagu_before_conf,
                    node.pagu_before_bbox,
                ),
            ]
        if builder.has_next:
            next_year = plan_year + 1 if plan_year else None
            amounts.append(
                ValueCell(
                    "prakiraan_maju",
                    next_year,
                    node.pagu_next,
                    node.pagu_next_conf,
                    node.pagu_next_bbox,
                )
            )
        if node.amounts is not None:  # the money columns of an evaluation table
            amounts = list(node.amounts)
        for cell in amounts:
            box = cell.box
            parsed = trust_ocr(parse_amount(cell.text), cell.confidence, minimum)
            budgets.append(
                {
                    **base,
                    "table_kind": "rumusan",
                    "nama": node.nama,
                    "tahun": cell.year,
                    "jenis": cell.name,
                    "amount": parsed.value.quantize(Decimal("0.01"))
                    if parsed.value is not None
                    else None,
                    "amount_raw": parsed.raw or None,
                    "amount_flag": parsed.flag,
                    "ocr_confidence": cell.confidence,
                    "sumber_dana": node.sumber_dana or None,
                    "source_table": node.source_table,
                    "page": node.pagu_page or node.page,
                    **box_columns(box),
                }
            )
    return Plan(
        pd.DataFrame.from_records(nodes),
        pd.DataFrame.from_records(indicators),
        pd.DataFrame.from_records(budgets),
        builder.totals,
        builder.subtotals,
        builder.unplaced,
        builder.unsure_slashes,
    )


def _codes_of_children(nodes: list[_Node]) -> None:
    """A program's or kegiatan's code read by OCR that differs in one digit from the code all
    the nodes under it, three or more, print in their own codes' first parts (``2.11.01`` of
    ``2.11.01.1.01``, ``2.11.01.1.01.01``, ...) is read as theirs, flagged: OCR lost a digit's
    stroke in the one (``11`` read ``01``), and a code is what tells a node; left, the node went
    out under another bidang's code, the nodes under it under a parent whose code is not
    theirs. One misread code among many that agree is the one to doubt, not the many."""
    below: dict[str, list[_Node]] = {}
    for node in nodes:
        if node.parent_id:
            below.setdefault(node.parent_id, []).append(node)

    def under(node: _Node) -> list[_Node]:
        return [m for n in below.get(node.node_id, []) for m in (n, *under(n))]

    kegiatan = [n for n in nodes if n.level == "kegiatan"]
    for node in kegiatan + [n for n in nodes if n.level == "program"]:  # kegiatan first
        if not node.kode or node.kode_flag or (node.nama_conf is None and node.pagu_conf is None):
            continue
        parts = len(node.kode.split("."))
        codes = [n.kode for n in under(node) if n.kode]
        above = {".".join(code.split(".")[:parts]) for code in codes}
        if len(codes) < _AGREEING or len(above) != 1:
            continue
        (theirs,) = above
        if one_digit_apart(theirs, node.kode):
            node.kode_flag = (
                f"read as {node.kode}; read as {theirs}, the code the {len(codes)} nodes under "
                "it print"
            )
            node.kode = theirs


_AGREEING = 3  # nodes under a code that, printing another one digit off alike, outvote it


# A program's code read with its urusan and bidang only: its own segment lost or no digits.
_BIDANG_ONLY = re.compile(r"^(\d\.\d{2})(?:\.(?!\d{2}$)[^.]*)?$")


def _programs_of_their_kegiatan(
    records: list[TableRow],
) -> tuple[list[TableRow], list[str | None]]:
    """The rows, with a program's row read by OCR whose code reads as its urusan and bidang
    only (``2 | 07 |``, ``2 | 11 | KU)``: the program's own segment lost, faint or taken into
    its cell's rule, or read as no digits) given the program code of the kegiatan under it
    (``2.07.02`` of ``2.07.02.2.02``), and for each row how its code was so read. The kegiatan
    is the next coded row, before another program's, in the same bidang, and no row prints
    that program code as its own. Left as read, the row was no node: its amounts went out as
    a stated total, and the kegiatan under it under no program."""
    out = list(records)
    flags: list[str | None] = [None] * len(records)
    codes = [_row_kode(row)[0] for row in records]
    printed = {kode for kode in codes if kode is not None and level_of_kode(kode) == "program"}
    for i, row in enumerate(records):
        if not PROGRAM_NAME.match(row.nama) or not read_by_ocr(row):
            continue
        kode = ".".join(_compact(p) for p in row.kode_parts if _compact(p))
        head = _BIDANG_ONLY.match(kode)
        if head is None or (codes[i] is not None and level_of_kode(codes[i]) is not None):
            continue
        for j in range(i + 1, len(records)):
            if PROGRAM_NAME.match(records[j].nama):
                break
            other = codes[j]
            if other is None or level_of_kode(other) not in ("kegiatan", "sub_kegiatan"):
                continue
            program = ".".join(other.split(".")[:3])
            if program.split(".")[:2] == head.group(1).split(".") and program not in printed:
                parts = program.split(".")
                padding = [""] * (len(row.kode_parts) - len(parts))
                out[i] = replace(row, kode_parts=(*parts, *padding) if padding else (program,))
                how = f"read as {kode}; read as {program}"
                flags[i] = f"{how}, the program of the kegiatan under it"
            break
    return out, flags


def build_plan(
    rows: pd.DataFrame,
    *,
    plan_year: int | None,
    has_next: bool,
    id_columns: bool,
    min_ocr_confidence: float = MIN_OCR_CONFIDENCE,
) -> Plan:
    """Build the node tree, indicators and budgets from the rows of a plan table.

    ``id_columns`` says whether the table has a code or number column (rows without either are
    then continuations, not nodes). Numbers read by OCR with a confidence below
    ``min_ocr_confidence`` are left null and flagged.
    """
    records, code_flags = _programs_of_their_kegiatan(row_records(rows))
    scanned = {row.page for row in records if read_by_ocr(row)}
    named = [bool(PROGRAM_NAME.match(r.nama)) for r in records]  # programs by their names
    nodes = [  # rows that print a node's name and amount, whose number OCR may have lost
        bool(r.nama) and not TOTAL_WORDS.match(r.nama)
        and any(re.search(r"\d", raw) for raw in (r.pagu_raw, r.pagu_next_raw))
        for r in records
    ]  # fmt: skip
    readings = read_nomors([row.nomor for row in records], [r.page in scanned for r in records],
                           named, nodes, [row_style(r) for r in records],
                           [level_amount(r) for r in records])  # fmt: skip
    records = [
        replace(row, nomor=nomor or "") if flag else row
        for row, (nomor, flag) in zip(records, readings, strict=True)
    ]
    numbers = nomor_levels(row.nomor for row in records)
    hints = resolve_levels(records)
    coded = any(_row_kode(row)[0] is not None for row in records)
    builder = _Builder(
        has_next, id_columns, numbers, min_ocr_confidence, hints, coded, named=any(named)
    )
    for row, (_, flag), code_flag in zip(records, readings, code_flags, strict=True):
        count = len(builder.nodes)
        builder.add_row(row)
        flag = flag or code_flag
        if flag and len(builder.nodes) > count:  # the row is a node: its number's or code's
            builder.nodes[-1].kode_flag = builder.nodes[-1].kode_flag or flag  # reading
    _codes_of_children(builder.nodes)
    programs = [n for n in builder.nodes if n.level == "program"]
    if builder.restated is not None and len(programs) == 1:
        builder.totals.append(builder.restated)  # one program: its subtotal is the table's total
        builder.subtotals.remove(builder.restated)
    has_before = any(
        str(v).strip()
        for c in ("pagu_before_raw", "target_before_raw")
        if c in rows
        for v in rows[c]
    )
    return _frames(builder, plan_year, has_before)
