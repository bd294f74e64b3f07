"""A logical table -> its rows, one record per printed row, cells named by their column's meaning.

A ``LogicalTable`` is one printed table of any kind followed over its pages
(``transform.grouping`` finds them); its rows are read the same way for every kind, the value
columns of an evaluation or service performance table named by measure and year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import pandas as pd

from extract.model import RawTable
from extract.paragraphs import EITHER, START, WRAP, runs_on
from transform.headers import HeaderMap, is_number_row
from transform.numbers import DIGIT_GAP
from transform.vocabulary import continues_phrase, opens_indicator, shared_head

__all__ = [
    "LogicalTable",
    "Segment",
    "TableRow",
    "ValueCell",
    "cells_box",
    "clean_text",
    "row_records",
    "table_rows",
]

ROW_COLUMNS = [
    "page", "row", "kode_parts", "nomor", "nama", "indikator", "satuan", "lokasi", "target_raw",
    "target_next_raw", "pagu_raw", "pagu_next_raw",
    # a Renja Perubahan's plan-year target and amount before the change (SEBELUM)
    "target_before_raw", "pagu_before_raw", "sumber_dana", "penanggung_jawab",
    "id_merged", "bold", "fill", "source_table", "page_top", "measures", "amounts",
    # lowest OCR confidence (0-100) of the cell's words; None when the page had a text layer
    "target_conf", "target_next_conf", "pagu_conf", "pagu_next_conf", "target_before_conf",
    "pagu_before_conf", "nama_conf",
    # box (x0, top, x1, bottom) in PDF points of the cells that print something: the amounts,
    # the targets and the name
    "pagu_bbox", "pagu_next_bbox", "pagu_before_bbox", "target_bbox", "target_next_bbox",
    "target_before_bbox", "nama_bbox",
    # the page of the next year's and the before target where not the row's (a row that a page
    # break cut, its target cells going on over the break: ``_joined_records``), else None
    "target_next_page", "target_before_page",
]  # fmt: skip

# Value columns of an evaluation or service performance table: column -> (measure, year).
MeasureColumns = dict[int, tuple[str, int]]


class Segment(NamedTuple):
    """One page's part of a logical table: the page's table, the header map that applies to it
    and its first data row. A named tuple, so that ``table, header, first_row = segment``
    reads it too."""

    table: RawTable
    header: HeaderMap
    first_row: int


@dataclass
class LogicalTable:
    """One printed table of any kind (the plan or another), followed over the pages it runs on:
    each page's table with the header map that applies to it."""

    label: str | None
    segments: list[Segment]
    is_plan: bool = True
    kind: str | None = "rumusan"  # its kind's name in transform.kinds: rumusan is the plan

    @property
    def header(self) -> HeaderMap:
        return self.segments[0].header


@dataclass(frozen=True, slots=True)
class ValueCell:
    """A value cell of an evaluation or service performance row: what it holds (a measure, or a
    budget's jenis), its year, its text and the lowest OCR confidence of its words."""

    name: str
    year: int | None
    text: str
    confidence: float | None
    box: tuple[float, ...] | None = None  # where it is printed, rounded to 0.1 pt


@dataclass(frozen=True, slots=True)
class TableRow:
    """One record of the rows frame (``ROW_COLUMNS``), typed, as the level and hierarchy rules
    read it: texts are strings ("" when empty), flags booleans, OCR confidences and boxes None
    when the page had a text layer or the cell is empty."""

    page: int
    kode_parts: tuple[str, ...]
    nomor: str
    nama: str
    indikator: str
    satuan: str
    lokasi: str
    target_raw: str
    target_next_raw: str
    target_before_raw: str
    pagu_raw: str
    pagu_next_raw: str
    pagu_before_raw: str
    sumber_dana: str
    penanggung_jawab: str
    id_merged: bool
    bold: bool
    fill: str
    source_table: str
    page_top: bool
    measures: tuple[ValueCell, ...] | None  # None for a plan row
    amounts: tuple[ValueCell, ...] | None
    target_conf: float | None
    target_next_conf: float | None
    pagu_conf: float | None
    pagu_next_conf: float | None
    target_before_conf: float | None
    pagu_before_conf: float | None
    nama_conf: float | None
    pagu_bbox: tuple[float, ...] | None  # rounded to 0.1 pt
    pagu_next_bbox: tuple[float, ...] | None
    pagu_before_bbox: tuple[float, ...] | None
    target_bbox: tuple[float, ...] | None
    target_next_bbox: tuple[float, ...] | None
    target_before_bbox: tuple[float, ...] | None
    nama_bbox: tuple[float, ...] | None
    target_next_page: int | None = None
    target_before_page: int | None = None


def row_records(rows: pd.DataFrame) -> list[TableRow]:
    """The rows frame as typed records, in order (a column the frame lacks reads as empty)."""
    return [_record(r) for r in rows.to_dict("records")]


def _record(row: dict[Any, Any]) -> TableRow:
    def text(column: str) -> str:
        value = row.get(column)
        return value if isinstance(value, str) else ""

    return TableRow(
        page=int(row["page"]),
        kode_parts=_texts(row.get("kode_parts")),
        nomor=text("nomor"),
        nama=text("nama"),
        indikator=text("indikator"),
        satuan=text("satuan"),
        lokasi=text("lokasi"),
        target_raw=text("target_raw"),
        target_next_raw=text("target_next_raw"),
        target_before_raw=text("target_before_raw"),
        pagu_raw=text("pagu_raw"),
        pagu_next_raw=text("pagu_next_raw"),
        pagu_before_raw=text("pagu_before_raw"),
        sumber_dana=text("sumber_dana"),
        penanggung_jawab=text("penanggung_jawab"),
        id_merged=bool(row.get("id_merged")),
        bold=bool(row.get("bold")),
        fill=text("fill"),  # no fill: None in the records, NaN in a column of strings
        source_table=text("source_table"),
        page_top=bool(row.get("page_top")),
        measures=_value_cells(row.get("measures")),
        amounts=_value_cells(row.get("amounts")),
        target_conf=_confidence_of(row.get("target_conf")),
        target_next_conf=_confidence_of(row.get("target_next_conf")),
        pagu_conf=_confidence_of(row.get("pagu_conf")),
        pagu_next_conf=_confidence_of(row.get("pagu_next_conf")),
        target_before_conf=_confidence_of(row.get("target_before_conf")),
        pagu_before_conf=_confidence_of(row.get("pagu_before_conf")),
        nama_conf=_confidence_of(row.get("nama_conf")),
        pagu_bbox=_bbox(row.get("pagu_bbox")),
        pagu_next_bbox=_bbox(row.get("pagu_next_bbox")),
        pagu_before_bbox=_bbox(row.get("pagu_before_bbox")),
        target_bbox=_bbox(row.get("target_bbox")),
        target_next_bbox=_bbox(row.get("target_next_bbox")),
        target_before_bbox=_bbox(row.get("target_before_bbox")),
        nama_bbox=_bbox(row.get("nama_bbox")),
        target_next_page=_page_of(row.get("target_next_page")),
        target_before_page=_page_of(row.get("target_before_page")),
    )


def _page_of(value: Any) -> int | None:
    """A page number (None, or NaN in a frame, where the row's own page holds)."""
    number = _confidence_of(value)
    return None if number is None else int(number)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, Iterable) and not isinstance(value, str) else ()


def _value_cells(value: Any) -> tuple[ValueCell, ...] | None:
    """The ``(name, year, text, confidence, box)`` cells a row lists; None when it lists none (a
    plan row's column holds None, or "" in a hand-built frame)."""
    if not isinstance(value, list):
        return None
    return tuple(
        ValueCell(cell[0], cell[1], cell[2], cell[3], _bbox(cell[4]) if len(cell) > 4 else None)
        for cell in value
    )


def _kode_part(text: str | None) -> str:
    """A code cell's text without its spaces and line breaks, but for one space between two
    digits, which may stand for a dot OCR did not read (``codes.join_kode``)."""
    return " ".join(re.sub(r"\s+", "", piece) for piece in DIGIT_GAP.split(text or ""))


def _confidence_of(value: Any) -> float | None:
    """An OCR confidence (None, or NaN in a frame, when the page had a text layer)."""
    return None if value is None or value == "" or pd.isna(value) else float(value)


def _bbox(value: Any) -> tuple[float, ...] | None:
    """A cell box (a tuple, or a list after a round trip), rounded to 0.1 pt."""
    if value is None or isinstance(value, float) or len(value) != 4:
        return None
    return tuple(round(float(v), 1) for v in value)


def clean_text(text: str | None) -> str:
    """One line of text from a wrapped cell: a line ending in a hyphen joins without a space."""
    if not text:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out = ""
    for line in lines:
        if out.endswith("-") and not out.endswith(" -") and line[:1].isalpha():
            out += line
        else:
            out = f"{out} {line}" if out else line
    return re.sub(r"\s+", " ", out).strip()


# A list bullet that Word or Excel prints before an indicator set as a list item ("- Jumlah
# ...", "-Persentase ...", "• Persentase ..."): the list's formatting, not the indicator's text.
# A dash before a digit is a sign, and stays; a quote or bracket that opens the text stays.
_BULLET = re.compile(r"^[-\u2013\u2022\u00b7\u25aa\u25cf*]\s*(?=[\"'(\u2018\u201c]?[^\W\d_])")
# The form's own label printed in the cell before the indicator, as older forms do on program
# rows: "Indikator Kinerja Program: Persentase ...", also glued ("...ProgramPersentase").
_LABEL = re.compile(
    r"^indikator\s*kinerja\s*(?:program|kegiatan|sub\s*kegiatan)"
    r"(?:\s*/\s*(?:program|kegiatan|sub\s*kegiatan))*\s*:?\s*",
    re.IGNORECASE,
)


def _indicator_text(text: str) -> str:
    return _BULLET.sub("", _LABEL.sub("", text))


def _cell(row: list[str | None], col: int | None) -> str | None:
    if col is None or col >= len(row):
        return ""
    return row[col]


def _row_text(table: RawTable, index: int, col: int | None) -> str | None:
    """A cell's text, or that of a merged cell from the left that covers it in this row
    (a grand-total label spanning the code and name columns)."""
    text = _cell(table.grid[index], col)
    if text is None and col is not None:
        cell = table.covering(index, col)
        if cell is not None and cell.row0 == index:
            return cell.text
    return text


def _nomor_text(row: list[str | None], nomor_col: int | None, name_col: int | None) -> str:
    """The row number's cell text; none where one cell spans the number and name columns (an
    OPD's or a total's label, ``DINAS PEMBERDAYAAN ...`` over both): that label is no number."""
    text = clean_text(_cell(row, nomor_col))
    spans = (
        nomor_col is not None and name_col is not None and nomor_col < name_col
        and _cell(row, name_col) is None
        and not any(_cell(row, c) for c in range(nomor_col + 1, name_col))
    )  # fmt: skip
    return "" if spans and text else text


def _amount_text(row: list[str | None], cols: list[int]) -> str:
    """The amount cell's text; a currency sign printed in a column of its own under the same
    heading ("Rp" | "2.730.000.000") is joined to the number that follows it."""
    text = ""
    for col in cols:
        text = f"{text} {_cell(row, col) or ''}".strip()
        if re.search(r"\d", text):
            break
    return text


def _bold(table: RawTable, index: int, col: int | None) -> bool:
    if col is None or index >= len(table.bold) or col >= len(table.bold[index]):
        return False
    return table.bold[index][col]


def _fill(table: RawTable, index: int, cols: list[int | None]) -> str | None:
    """A row's background colour: that of its first cell (name, number) that has one."""
    fills = table.fill[index] if index < len(table.fill) else []
    found = [fills[col] for col in cols if col is not None and col < len(fills) and fills[col]]
    return found[0] if found else None


def _confidence(table: RawTable, index: int, cols: list[int]) -> float | None:
    """The lowest OCR confidence over a row's cells in the given columns (None: not OCR)."""
    if index >= len(table.confidence):
        return None
    row = table.confidence[index]
    found = [row[c] for c in cols if c < len(row) and row[c] is not None]
    return min(v for v in found if v is not None) if found else None


def cells_box(table: RawTable, index: int, cols: Iterable[int]) -> tuple[float, ...] | None:
    """The box around a row's cells in the given columns that print something."""
    if index >= len(table.boxes):
        return None
    row, texts = table.boxes[index], table.grid[index]
    found = [
        box
        for c in cols
        if c < len(row) and (box := row[c]) is not None and (texts[c] or "").strip()
    ]
    if not found:
        return None
    return (
        min(b[0] for b in found), min(b[1] for b in found),
        max(b[2] for b in found), max(b[3] for b in found),
    )  # fmt: skip


def _cols(col: int | None) -> list[int]:
    return [] if col is None else [col]


def table_rows(
    plan: LogicalTable,
    measures: list[MeasureColumns] | None = None,
    amounts: list[MeasureColumns] | None = None,
) -> pd.DataFrame:
    """One record per printed data row of a table, cells named by their column's meaning.

    ``measures`` (one per segment) names the value columns of an evaluation or service
    performance table: each record then lists ``(measure, year, text, ocr confidence, box)`` of
    its non-empty ones; ``amounts`` likewise its money columns, as ``(jenis, year, text, ocr
    confidence, box)``.
    """
    records: list[dict[str, Any]] = []
    openers = _openers(plan)
    cut_rows = _cut_rows(plan)
    joins = _joins(plan, openers, cut_rows) if measures is None else {}
    for segment, (table, header, first_row) in enumerate(plan.segments):
        values = measures[segment] if measures is not None else None
        money = amounts[segment] if amounts is not None else None
        page_top = True
        taken = len(joins[segment - 1].rest) if segment - 1 in joins else 0
        body = _body(table, first_row)
        unsure = (
            _unsure_runs(table, header, body[taken:], openers, cut_rows, segment)
            if measures is None and not table.rows_ruled
            else {}
        )
        folded: dict[str, Any] | None = None  # the record of an unsure run, its rows folded in
        for at, index in enumerate(body):
            if at < taken:
                page_top = False  # read with the row above, which the page break cut
                continue
            if folded is not None and index in unsure.get(folded["row"], ()):
                _fold(folded, _row_record(plan, segment, index, values, money, False))
                continue
            folded = None
            cut = page_top and _is_rest(table.grid[index], header)
            record = _row_record(plan, segment, index, values, money, page_top)
            page_top = False
            if segment in joins and (segment, index) in cut_rows:
                records += _joined_records(record, joins[segment], plan, segment)
                continue
            if index in unsure:
                folded = record
                records.append(record)
                continue
            # a row that a page break cut prints only part of its indicators' text on this
            # page: its cells are not parted, unless read with the rest (``_joins``)
            stacked = (
                _stacked_indicators(table, index, header, openers, cut)
                if measures is None and (segment, index) not in cut_rows
                else None
            )
            records += _each_indicator(record, stacked, header) if stacked else [record]
    return pd.DataFrame.from_records(records, columns=ROW_COLUMNS)


def _unsure_runs(
    table: RawTable,
    header: HeaderMap,
    body: list[int],
    openers: _Openers,
    cut_rows: set[tuple[int, int]],
    segment: int,
) -> dict[int, list[int]]:
    """The rows of a page whose rows no rules part that may as well be one printed row as
    several, and whose targets the two readings pair differently, each as its first row and
    the rows after it. A node's row, and after it rows that print an indicator and its
    targets but no id, amount nor name (its further indicators), with no more space between
    their indicator lines than a cell's own line pitch: a node's indicators one under another
    in one cell, whose lines the borderless reader parted where a target starts, look the
    same as a row per indicator. Read as one cell, each target cell's lines say by their
    own flow which paragraph is left empty (``_aligned``); read as rows, each value goes to
    the indicator level with it. Where a cell leaves a paragraph empty and another cell's
    value wraps, the two disagree (html 1210: the next year's target of the third
    indicator stood level with the second), and nothing on the page says which holds: such a
    run is read as one row, unparted, and its target cells of several values are reported
    (``folded_rows``)."""
    indicator = header.first("indikator")
    name = header.first("nama")
    targets = [
        col for year in ("plan", "next", "before")
        if (col := header.first("target", year)) is not None
    ]  # fmt: skip
    if indicator is None or not targets:
        return {}
    runs: list[list[int]] = []  # each a node's row and the further indicators' after it
    for index in body:
        row = table.grid[index]
        further = _is_rest(row, header) and not clean_text(_cell(row, name))
        if further and runs and (segment, index) not in cut_rows:
            runs[-1].append(index)
        elif not further:
            runs.append([index])
    out: dict[int, list[int]] = {}
    for run in runs:
        if len(run) < 2 or (segment, run[-1]) in cut_rows:
            continue
        if not _one_flow(table, run, indicator):
            continue
        merged = _rest_row(table, run)
        if merged is None:
            continue
        texts, kinds, tops = merged
        parts = _stacked_indicators(_one_row(table, texts, kinds, tops), 0, header, openers)
        if parts is None or len(parts) != len(run):
            continue
        by_rows = [[clean_text(_cell(table.grid[i], c)) for c in targets] for i in run]
        by_flow = [[clean_text(part.get(c)) for c in targets] for part in parts]
        if by_rows != by_flow:
            out[run[0]] = run[1:]
    return out


def _one_flow(table: RawTable, run: list[int], col: int) -> bool:
    """Whether a column's lines over these rows stand one line pitch apart, as one cell's
    lines do (the least step between two lines of a cell of these rows)."""
    cells = [_cell_tops(table, index, col) for index in run]
    steps = [
        b - a
        for index in run
        for tops in _row_tops(table, index)
        for a, b in zip(tops, tops[1:], strict=False)
        if b > a
    ]
    if not steps or not all(cells):
        return False
    pitch = min(steps)
    return all(
        abs(lower[0] - upper[-1] - pitch) <= _SAME_FLOW_PT
        for upper, lower in zip(cells, cells[1:], strict=False)
    )


# Points: the lines of one cell stand one line pitch apart within this (a browser sets lines
# on whole pixels, 0.75 pt); rows of their own stand further apart by their cells' padding,
# where they have any.
_SAME_FLOW_PT = 1.0


def _fold(record: dict[str, Any], other: dict[str, Any]) -> None:
    """A row's indicator and targets added to the record of the row above it (``_unsure_runs``)."""
    for field_name in ("indikator", "satuan", "target_raw", "target_next_raw", "target_before_raw"):
        record[field_name] = " ".join(t for t in (record[field_name], other[field_name]) if t)


def _row_record(
    plan: LogicalTable,
    segment: int,
    index: int,
    values: MeasureColumns | None,
    money: MeasureColumns | None,
    page_top: bool,
) -> dict[str, Any]:
    """One printed row's record (``ROW_COLUMNS``)."""
    table, header, _ = plan.segments[segment]
    row = table.grid[index]
    kode_cols = header.columns("kode")
    name_col = header.first("nama")
    nomor_col = header.first("nomor")
    id_cells = [_cell(row, c) for c in [*kode_cols, nomor_col, name_col] if c is not None]
    measured = [
        (name, year, text, _confidence(table, index, [col]), cells_box(table, index, [col]))
        for col, (name, year) in sorted((values or {}).items())
        if (text := clean_text(_cell(row, col)))
    ]
    paid = [
        (name, year, text, _confidence(table, index, [col]), cells_box(table, index, [col]))
        for col, (name, year) in sorted((money or {}).items())
        if (text := clean_text(_cell(row, col)))
    ]
    target = clean_text(_cell(row, header.first("target", "plan")))
    pagu = _amount_text(row, header.columns("pagu", "plan"))
    return {
        "page": table.page,
        "row": index,
        "kode_parts": [_kode_part(row[c]) for c in kode_cols],
        "nomor": _nomor_text(row, nomor_col, name_col),
        "nama": clean_text(_row_text(table, index, name_col)),
        "indikator": _indicator_text(clean_text(_cell(row, header.first("indikator")))),
        "satuan": clean_text(_cell(row, header.first("satuan"))),
        "lokasi": clean_text(_cell(row, header.first("lokasi"))),
        "target_raw": target or (measured[0][2] if measured else ""),
        "target_next_raw": clean_text(_cell(row, header.first("target", "next"))),
        "pagu_raw": pagu or (paid[0][2] if paid else ""),
        "pagu_next_raw": _amount_text(row, header.columns("pagu", "next")),
        "target_before_raw": clean_text(_cell(row, header.first("target", "before"))),
        "pagu_before_raw": _amount_text(row, header.columns("pagu", "before")),
        "sumber_dana": clean_text(_cell(row, header.first("sumber_dana"))),
        "penanggung_jawab": clean_text(_cell(row, header.first("penanggung_jawab"))),
        "id_merged": bool(id_cells) and all(c is None for c in id_cells),
        "bold": _bold(table, index, name_col),
        "fill": _fill(table, index, [name_col, nomor_col]),
        "source_table": plan.label or "",
        "page_top": page_top,
        "measures": measured if values is not None else None,
        "amounts": paid if money is not None else None,
        "target_conf": _confidence(table, index, _cols(header.first("target", "plan"))),
        "target_next_conf": _confidence(table, index, _cols(header.first("target", "next"))),
        "pagu_conf": _confidence(table, index, header.columns("pagu", "plan")),
        "pagu_next_conf": _confidence(table, index, header.columns("pagu", "next")),
        "target_before_conf": _confidence(table, index, _cols(header.first("target", "before"))),
        "pagu_before_conf": _confidence(table, index, header.columns("pagu", "before")),
        "nama_conf": _confidence(table, index, _cols(name_col)),
        "pagu_bbox": cells_box(table, index, header.columns("pagu", "plan")),
        "pagu_next_bbox": cells_box(table, index, header.columns("pagu", "next")),
        "pagu_before_bbox": cells_box(table, index, header.columns("pagu", "before")),
        "target_bbox": cells_box(table, index, _cols(header.first("target", "plan"))),
        "target_next_bbox": cells_box(table, index, _cols(header.first("target", "next"))),
        "target_before_bbox": cells_box(table, index, _cols(header.first("target", "before"))),
        "nama_bbox": cells_box(table, index, _cols(name_col)),
    }


# The columns that hold one value per indicator, and the record field each fills.
_PER_INDICATOR = (
    ("indikator", None, "indikator"),
    ("satuan", None, "satuan"),
    ("target", "plan", "target_raw"),
    ("target", "next", "target_next_raw"),
    ("target", "before", "target_before_raw"),
)
# A node's own cells: its further indicators' rows leave them empty, as merged rows do.
_NODE_FIELDS = {
    "nomor": "", "nama": "", "lokasi": "", "pagu_raw": "", "pagu_next_raw": "",
    "pagu_before_raw": "", "sumber_dana": "", "penanggung_jawab": "", "id_merged": True,
    "page_top": False, "pagu_conf": None, "pagu_next_conf": None, "pagu_before_conf": None,
    "nama_conf": None, "pagu_bbox": None, "pagu_next_bbox": None, "pagu_before_bbox": None,
    "nama_bbox": None,
}  # fmt: skip
# A target's value starts with a figure (or a comparison or sign before it): ``12 bulan``,
# ``82,5 %``, ``>= 80 %``.
_VALUE_START = re.compile(r"^(?:[<>\u2264\u2265\u00b1+-]=?\s*)?\d")
# A target in percent: its value or its unit says so (``83,04 %``, ``persen``).
_RATE = re.compile(r"%|\bpersen\b", re.IGNORECASE)


def _each_indicator(
    record: dict[str, Any], stacked: list[dict[int, str]], header: HeaderMap
) -> list[dict[str, Any]]:
    """A row holding a node's indicators one under another in its cells, as one record per
    indicator: the first with the node's cells, the others with its indicator's alone."""
    out = []
    for i, parts in enumerate(stacked):
        own = {**record} if i == 0 else {**record, **_NODE_FIELDS}
        if i:
            own["kode_parts"] = ["" for _ in record["kode_parts"]]
        for name, year, field_name in _PER_INDICATOR:
            col = header.first(name, year)
            if col is not None and col in parts:
                text = clean_text(parts[col])
                own[field_name] = _indicator_text(text) if name == "indikator" else text
        out.append(own)
    return out


def _has_id(row: list[str | None], header: HeaderMap) -> bool:
    """Whether a row prints a code or a row number of its own."""
    kode = any(_kode_part(_cell(row, c)) for c in header.columns("kode"))
    return kode or bool(_nomor_text(row, header.first("nomor"), header.first("nama")))


def _body(table: RawTable, first_row: int) -> list[int]:
    """The indices of a page table's body rows that print something."""
    return [
        i for i in range(first_row, len(table.grid))
        if not is_number_row(table.grid[i]) and any(c and c.strip() for c in table.grid[i])
    ]  # fmt: skip


def _cut_rows(plan: LogicalTable) -> set[tuple[int, int]]:
    """The (segment, row) of each page's last row that the page break cut: the next page's
    first row is the rest of it (``_is_rest``)."""
    cut = set()
    for segment, (table, _, first_row) in enumerate(plan.segments[:-1]):
        following, header, start = plan.segments[segment + 1]
        body, rest = _body(table, first_row), _body(following, start)
        if body and rest and _is_rest(following.grid[rest[0]], header):
            cut.add((segment, body[-1]))
    return cut


def _is_rest(row: list[str | None], header: HeaderMap) -> bool:
    """Whether a page's first row may be the rest of a row that the page break cut: it prints
    no code or number of its own, and states no amount (a node states its amount on its row's
    first line: in a table that prints no code nor number, a row stating one is a node's)."""
    return not _has_id(row, header) and not any(
        clean_text(_cell(row, c)) for c in header.columns("pagu")
    )


@dataclass
class _Join:
    """A row that a page break cut, read with its rest on the next page (``_joins``)."""

    parts: list[dict[int, str]]  # the joined cells parted, one per indicator
    rest: list[int]  # the rows of the next page that the rest came out as
    above: int  # how many of the indicators print their targets on the first page


def _joins(
    plan: LogicalTable, openers: _Openers, cut_rows: set[tuple[int, int]]
) -> dict[int, _Join]:
    """Per segment, its last row that the page break cut (``_cut_rows``), read with the rest
    of it that opens the next page, where together they hold a node's indicators one under
    another in one cell (``_stacked_indicators``): each page alone prints part of an
    indicator's text, or its target apart from it, and neither can be parted. The rest states
    no amount (a node's row states its amount on its first line), and the two pages' columns
    mean the same. A line break between the pages runs on after a word no indicator ends with
    (``extract.paragraphs.runs_on``: ``dalam``, ``dan``, a comma), else may do either.
    On a page whose rows no rules part, the borderless reader may have made the rest several
    rows (a line that prints a target opens one): the rows after it that print no id nor
    amount are taken with it, all of them where the cells so part, else as many as do."""
    joins: dict[int, _Join] = {}
    for segment, (table, header, first_row) in enumerate(plan.segments[:-1]):
        following, lower_header, start = plan.segments[segment + 1]
        body, rest = _body(table, first_row), _body(following, start)
        if not body or (segment, body[-1]) not in cut_rows or not rest:
            continue
        if len(body) == 1 and segment - 1 in joins:
            continue  # the page's one row is the rest of the row above
        roles = {c: (r.name, r.year) for c, r in header.roles.items()}
        if roles != {c: (r.name, r.year) for c, r in lower_header.roles.items()}:
            continue
        upper = table.grid[body[-1]]
        if body[-1] >= len(table.breaks):
            continue
        # rules part the next page's rows: its first row is the whole rest
        most = 1 if following.rows_ruled else len(rest)
        runs: list[list[int]] = []
        for taken in range(1, most + 1):
            if (segment + 1, rest[taken - 1]) in cut_rows:
                break  # the rest runs on over a third page
            if taken > 1 and not _is_rest(following.grid[rest[taken - 1]], header):
                break
            runs.append(rest[:taken])
        # every row of the longest run is the cut node's: taken with fewer, the others would
        # be read as an indicator row of their own (docx 7972: the rest came out as two rows,
        # and with the first alone the cells parted, each indicator given the next one's
        # target, status ``ok``)
        for rows in reversed(runs):
            lower = _rest_row(following, rows)
            if lower is None or len(upper) != len(lower[0]):
                continue
            parts = _joined_parts(table, body[-1], lower, header, openers)
            if parts is not None:
                plan_target = header.first("target", "plan")
                above = (
                    len(_values(_cell(upper, plan_target)) or []) if plan_target is not None else 0
                )
                joins[segment] = _Join(parts, rows, above)
                break
    return joins


_Rest = tuple[list[str | None], list[tuple[str, ...]], list[tuple[float, ...]]]


def _rest_row(table: RawTable, rows: list[int]) -> _Rest | None:
    """The cells of these rows of a page as one row: each cell's texts one under another, with
    the kinds of their line breaks (one between two rows may do either) and their lines' tops.
    None where a row's breaks were not measured."""
    width = len(table.grid[rows[0]])
    if any(index >= len(table.breaks) or len(table.grid[index]) != width for index in rows):
        return None
    texts: list[str | None] = []
    kinds: list[tuple[str, ...]] = []
    tops: list[tuple[float, ...]] = []
    for col in range(width):
        found = [
            (index, text)
            for index in rows
            if (text := _cell(table.grid[index], col)) and text.strip()
        ]
        texts.append("\n".join(text for _, text in found) if found else None)
        cell_kinds = [
            kind for at, (index, _) in enumerate(found)
            for kind in ([EITHER] if at else []) + list(_kinds(table, index, col))
        ]  # fmt: skip
        cell_tops = [top for index, _ in found for top in _cell_tops(table, index, col)]
        kinds.append(tuple(cell_kinds))
        tops.append(tuple(cell_tops))
    return texts, kinds, tops


def _joined_parts(
    table: RawTable, index: int, lower: _Rest, header: HeaderMap, openers: _Openers
) -> list[dict[int, str]] | None:
    """A cut row's cells read with its rest (``_joins``), parted one per indicator; None where
    they do not part."""
    upper = table.grid[index]
    lower_row, lower_kinds, lower_tops = lower
    row: list[str | None] = []
    breaks: list[tuple[str, ...]] = []
    for col, (a, b) in enumerate(zip(upper, lower_row, strict=True)):
        kinds_a, kinds_b = _kinds(table, index, col), lower_kinds[col]
        if a is None or b is None or not a.strip() or not b.strip():
            row.append(a if a and a.strip() else b)
            breaks.append(kinds_a if a and a.strip() else kinds_b)
            continue
        row.append(f"{a}\n{b}")
        # only the last word says the text runs on over the page: a row of its own may
        # open the next page in lower case (``jumlah pakaian seragam``, the seed's review)
        between = WRAP if runs_on(a.split()[-1], b.split()[0], False) else EITHER
        measured = len(kinds_a) == a.count("\n") and len(kinds_b) == b.count("\n")
        breaks.append((*kinds_a, between, *kinds_b) if measured else ())
    tops = _joined_tops(_row_tops(table, index), lower_tops, row)
    return _stacked_indicators(_one_row(table, row, breaks, tops), 0, header, openers)


def _one_row(
    table: RawTable,
    row: list[str | None],
    breaks: list[tuple[str, ...]],
    tops: list[tuple[float, ...]],
) -> RawTable:
    """A table of one row, its cells' texts with their line breaks and lines' tops, on the
    page of ``table``: rows read together as one (``_joins``, ``_unsure_runs``)."""
    return RawTable(table.page, table.bbox, [row], [], breaks=[breaks], tops=[tops])


def _row_tops(table: RawTable, index: int) -> list[tuple[float, ...]]:
    return list(table.tops[index]) if index < len(table.tops) else []


def _joined_tops(
    upper: list[tuple[float, ...]], lower: list[tuple[float, ...]], row: list[str | None]
) -> list[tuple[float, ...]]:
    """The tops of a cut row's lines read with its rest (``_joins``), as if one page printed
    both: a page break cuts every cell of the row at one height, so the rest's lines go on
    one line pitch (the least step between two lines of one cell) below the lowest line of
    a cell that runs on over the break. Empty where either page's lines were not measured,
    or no cell runs on."""
    none: list[tuple[float, ...]] = [() for _ in row]
    if len(upper) != len(row) or len(lower) != len(row):
        return none
    steps = [
        b - a for cell in (*upper, *lower) for a, b in zip(cell, cell[1:], strict=False) if b > a
    ]
    going_on = [a[-1] for a, b in zip(upper, lower, strict=True) if a and b]
    firsts = [cell[0] for cell in lower if cell]
    if not steps or not going_on or not firsts:
        return none
    shift = max(going_on) + min(steps) - min(firsts)
    out = [(*a, *(top + shift for top in b)) for a, b in zip(upper, lower, strict=True)]
    lines = [len((text or "").split("\n")) if (text or "").strip() else 0 for text in row]
    return [cell if len(cell) == n else () for cell, n in zip(out, lines, strict=True)]


def _cell_tops(table: RawTable, index: int, col: int) -> tuple[float, ...]:
    tops = _row_tops(table, index)
    return tops[col] if col < len(tops) else ()


def _kinds(table: RawTable, index: int, col: int) -> tuple[str, ...]:
    breaks = table.breaks[index] if index < len(table.breaks) else []
    return breaks[col] if col < len(breaks) else ()


def _joined_records(
    record: dict[str, Any], join: _Join, plan: LogicalTable, segment: int
) -> list[dict[str, Any]]:
    """The records of a row read with its rest on the next page (``_joins``): the node's name
    and lokasi whole, one record per indicator; an indicator whose target the next page
    prints gives that page and the box of its cell there, and so each of its other targets
    (the next year's, the one before the change) where the next page prints it: its box
    there, and that page where not the indicator's (``target_next_page``)."""
    header = plan.segments[segment].header
    following = plan.segments[segment + 1].table
    taken = join.rest
    lowers = [_row_record(plan, segment + 1, index, None, None, True) for index in taken]

    def holders(col: int | None) -> list[dict[str, Any]]:
        """The record of the next page's row that prints each of a column's values there."""
        if col is None:
            return []
        return [
            lower for lower, index in zip(lowers, taken, strict=True)
            for _ in _values(_cell(following.grid[index], col)) or []
        ]  # fmt: skip

    def holder(found: list[dict[str, Any]], at: int) -> dict[str, Any]:
        return found[at] if 0 <= at < len(found) else lowers[0]

    whole = {
        **record,
        "nama": " ".join(t for t in (record["nama"], *(r["nama"] for r in lowers)) if t),
        "lokasi": " ".join(t for t in (record["lokasi"], *(r["lokasi"] for r in lowers)) if t),
    }
    out = _each_indicator(whole, join.parts, header)
    below_plan = holders(header.first("target", "plan"))
    for at in range(join.above, len(out)):
        lower = holder(below_plan, at - join.above)
        out[at].update({key: lower[key] for key in ("page", "row", "target_bbox")})
    upper = plan.segments[segment].table.grid[record["row"]]
    for year, key in (("next", "target_next"), ("before", "target_before")):
        col = header.first("target", year)
        if col is None:
            continue
        printed = len(_values(_cell(upper, col)) or [])  # the values the first page prints
        below = holders(col)
        seen = 0
        for own, parts in zip(out, join.parts, strict=True):
            if not clean_text(parts.get(col)):
                continue
            source = holder(below, seen - printed) if seen >= printed else record
            own[f"{key}_bbox"] = source[f"{key}_bbox"]
            if source["page"] != own["page"]:
                own[f"{key}_page"] = source["page"]
            seen += 1
    return out


class _Openers(NamedTuple):
    """The words a table's indicators open with (``_openers``), and the words it prints inside
    a line of a name or an indicator."""

    words: frozenset[str] = frozenset()
    inside: frozenset[str] = frozenset()
    # those of them printed inside a line of an indicator
    inside_indicators: frozenset[str] = frozenset()


_NO_OPENERS = _Openers()


def _openers(plan: LogicalTable) -> _Openers:
    """The words the table's indicator cells open with (``Jumlah``, ``Persentase``) on the
    rows of a code or number (a node's own row, not the rest of one that a page cut): a
    cell's first line starts a paragraph, whatever else its lines do. Not a word the table
    also prints inside a line of a name or an indicator (``Tingkat``, in ``... Tingkat
    Kecamatan``): a line may then open with it where a name wrapped; those words are kept
    beside them, and apart those printed inside a line of an indicator."""
    found: set[str] = set()
    inside: set[str] = set()
    in_indicators: set[str] = set()
    for table, header, first_row in plan.segments:
        col = header.first("indikator")
        ids = [*header.columns("kode"), *header.columns("nomor")]
        texts = [c for c in (col, header.first("nama")) if c is not None]
        for row in table.grid[first_row:] if col is not None else []:
            for c in texts:
                lines = [line.split() for line in (_cell(row, c) or "").split("\n")]
                inside |= {w for words in lines for w in words[1:]}
                if c == col:
                    in_indicators |= _inside_indicator(lines)
            if not any(clean_text(_cell(row, c)) for c in ids):
                continue
            words = _indicator_text(clean_text(_cell(row, col))).split()
            if words and words[0][:1].isupper() and words[0].isalpha():
                found.add(words[0])
    return _Openers(frozenset(found - inside), frozenset(inside), frozenset(in_indicators))


def _inside_indicator(lines: list[list[str]]) -> set[str]:
    """The words an indicator cell of these lines (each a list of words) prints inside a line;
    not a shared head that continues a phrase naming a level (``... Anggaran Tingkat`` /
    ``Kecamatan``): it opens no indicator, and says nothing of a line that opens with it."""
    words = [(w, at > 0) for line in lines for at, w in enumerate(line)]
    after = [w for w, _ in words[1:]] + [""] if words else []
    return {
        word for (word, inside), next_word in zip(words, after, strict=True)
        if inside and not continues_phrase(word, next_word)
    }  # fmt: skip


def _stacked_indicators(
    table: RawTable,
    index: int,
    header: HeaderMap,
    openers: _Openers = _NO_OPENERS,
    cut: bool = False,
) -> list[dict[int, str]] | None:
    """A row's indicator cells parted into one per indicator, where the row holds a node's
    indicators one under another in one cell and their targets so beside them (a word
    processor's table with a line break between indicators, rather than a row each): a
    target cell prints two values or more, one a line (a unit wrapped under its number runs
    on), and the indicator cell as many paragraphs, told by where its lines could not have
    wrapped (``RawTable.breaks``, ``extract.paragraphs``; ``_paragraphs``); the units print
    as many, or none. The target cell of most values counts them; another target cell that
    leaves a line empty (an indicator with no target for that year) gives each of its values
    to the paragraph its height says it is (``_aligned``, ``RawTable.tops``). On the first
    row of a page with no code or number of its own (``cut``), the rest of such a row that
    the page break cut, the cell may open with one paragraph more, with no target: the rest of
    the indicator whose target the page before printed, parted off only where a line cannot
    have wrapped.
    None where any of this does not hold, or it holds both ways: the row stays one, and a
    cell of several targets is then read as no target and reported."""
    indicator = header.first("indikator")
    if indicator is None or index >= len(table.breaks):
        return None
    row = table.grid[index]
    columns = [
        col for year in ("plan", "next", "before")
        if (col := header.first("target", year)) is not None and clean_text(_cell(row, col))
    ]  # fmt: skip
    tops = table.tops[index] if index < len(table.tops) else []
    values: dict[int, list[_Value]] = {}
    for col in columns:
        found = _values(_cell(row, col), tops[col] if col < len(tops) else ())
        if found is None:
            return None
        values[col] = found
    if not values:
        return None
    most = max(values, key=lambda col: len(values[col]))  # the first, where several have most
    targets = values[most]
    upright = _set_at_top(list(tops), columns)
    if not upright and _set_at_foot(list(tops), columns):
        # a row set at its foot, turned upside down, is one set at its top
        turned = {
            col: _aligned(_upside_down(found), _upside_down(targets), True)
            if table.empty_lines_kept or _fills_the_row(found, targets)
            else None
            for col, found in values.items()
        }
        aligned = {col: None if texts is None else texts[::-1] for col, texts in turned.items()}
    elif not upright and _set_at_middle(list(tops), columns):
        aligned = {col: _centred(found, targets) for col, found in values.items()}
    else:
        aligned = {col: _aligned(found, targets, upright) for col, found in values.items()}
    per_column = {col: texts for col, texts in aligned.items() if texts is not None}
    if len(per_column) < len(aligned):
        # rows that one ruled box holds with no rule between them: each value stands level
        # with its own indicator's first line
        levels = (
            _level_pairs(table, index, header, indicator, values, targets, openers)
            if upright
            else None
        )
        if levels is None:
            return None
        per_column = levels
    parted = [
        parts
        for lead in ((0, 1) if cut else (0,))
        if len(targets) + lead >= 2
        and (parts := _parted(table, index, header, per_column, lead, openers)) is not None
    ]
    return parted[0] if len(parted) == 1 else None


def _level_pairs(
    table: RawTable,
    index: int,
    header: HeaderMap,
    indicator: int,
    values: dict[int, list[_Value]],
    targets: list[_Value],
    openers: _Openers,
) -> dict[int, list[str]] | None:
    """A row's target values, one list per column, each given to the indicator whose first line
    it stands level with, where their own lines do not say it (``_aligned``): rows that no
    rule parts from each other in one ruled box (rules over each program's rows only), each
    cell of each row set at its top, look like one row whose target cells leave lines empty,
    at no one advance. The indicator cell parted into as many paragraphs as the cell of most
    values holds (``_paragraphs``), each of those values stands level with one paragraph's
    first line, in order, and every other value with one of them; else None (docx 5800: a
    page's one node and its three indicators, the first wrapped, in one box)."""
    row, breaks = table.grid[index], table.breaks[index]
    tops = table.tops[index] if index < len(table.tops) else []
    lines = tops[indicator] if indicator < len(tops) else ()
    text = _cell(row, indicator) or ""
    # as ``_parted`` parts the cell: a paragraph in percent is told by its target or its unit
    unit = header.first("satuan")
    units = (_cell(row, unit) or "").split("\n") if unit is not None else []
    if len(units) != len(targets):
        units = [""] * len(targets)
    rates = [bool(_RATE.search(f"{v.text} {u}")) for v, u in zip(targets, units, strict=True)]
    paragraphs = _paragraphs(text, breaks, indicator, len(targets), openers, True, rates)
    if paragraphs is None or len(lines) != len(text.split("\n")):
        return None
    starts, at = [], 0
    for paragraph in paragraphs:
        starts.append(lines[at])
        at += len(paragraph.split("\n"))
    if not all(_level_with(v.first, top) for v, top in zip(targets, starts, strict=True)):
        return None
    out: dict[int, list[str]] = {}
    for col, found in values.items():
        texts = [""] * len(starts)
        for value in found:
            level = [i for i, top in enumerate(starts) if _level_with(value.first, top)]
            if len(level) != 1 or texts[level[0]]:
                return None
            texts[level[0]] = value.text
        out[col] = texts
    return out


class _Value(NamedTuple):
    """A target cell's value: its text, and the tops of its first and last lines (None where
    not known)."""

    text: str
    first: float | None
    last: float | None


def _set_at_top(tops: list[tuple[float, ...]], targets: list[int]) -> bool:
    """Whether a row's cells are set at its top, as a word processor's are by default: each
    cell of one line but the ``targets`` (whose first line may be an empty one) starts level
    with the row's first line. A sheet may set them at the bottom or the middle, and a
    cell's first line then says nothing of which paragraph it is."""
    firsts = [cell[0] for cell in tops if cell]
    if not firsts:
        return False
    top = min(firsts)
    return all(
        _level_with(cell[0], top)
        for col, cell in enumerate(tops)
        if len(cell) == 1 and col not in targets
    )


def _set_at_foot(tops: list[tuple[float, ...]], targets: list[int]) -> bool:
    """Whether a row's cells are set at its foot, as a sheet's are by default: every cell but
    the ``targets`` ends level with the row's last line, and the row has two lines or more."""
    lasts = [cell[-1] for col, cell in enumerate(tops) if cell and col not in targets]
    lines = {top for cell in tops for top in cell}
    if not lasts or len(lines) < 2:
        return False
    foot = max(lines)
    return min(lines) < foot - _SAME_LINE_PT and all(_level_with(last, foot) for last in lasts)


def _set_at_middle(tops: list[tuple[float, ...]], targets: list[int]) -> bool:
    """Whether a row's cells are set at its middle, as a sheet's often are: every cell but the
    ``targets`` stands centred on the row's middle (the mid-height of its first and last lines),
    one at least shorter than the row, and the row has two lines or more."""
    cells = [cell for col, cell in enumerate(tops) if cell and col not in targets]
    lines = {top for cell in tops for top in cell}
    if not cells or len(lines) < 2:
        return False
    top, foot = min(lines), max(lines)
    middle = (top + foot) / 2
    return all(_level_with((cell[0] + cell[-1]) / 2, middle) for cell in cells) and any(
        not _level_with(cell[0], top) for cell in cells
    )


def _centred(values: list[_Value], targets: list[_Value]) -> list[str] | None:
    """A target cell's values, one per target of ``targets`` (the cell of most values), in a
    row set at its middle: the same count, in order; or fewer, each given to the target it
    stands level with, where the cell holds as many lines as that of most values
    (:func:`_fills_the_row`): its values then stand where that one's do (xlsx 10393: a next
    year's ``15`` for the first of three indicators, its two empty lines after it). Else None,
    as where a value stands between two targets' lines."""
    if len(values) == len(targets):
        return [value.text for value in values]
    if not _fills_the_row(values, targets, middle=True):
        return None
    return _aligned(values, targets, upright=True)


def _fills_the_row(values: list[_Value], targets: list[_Value], middle: bool = False) -> bool:
    """Whether a target cell of a row set at its foot (or ``middle``) holds as many lines as
    the cell of most values, ``targets``: as many values, or its first value level with their
    first line (or, at the middle, its last with their last). A cell of fewer lines stands at
    the foot, or the middle, of the row, and its values then say nothing of which indicators
    they are: Word and a sheet keep an empty line typed after the last value, but a web page
    drops a line break that ends a cell (html 8295: a next year's ``1477`` for the first of
    three indicators, printed level with the second), and a value centred alone may be meant
    for any of them. At the foot, a PDF that an office program made
    (``RawTable.empty_lines_kept``) prints each value on its own line, and needs none of this;
    nor does a row set at its top, which shows each value's line from the first."""
    if len(values) == len(targets):
        return True
    if not values or not targets:
        return False
    first = _level_with(values[0].first, targets[0].first)
    return first or (middle and _level_with(values[-1].last, targets[-1].last))


def _upside_down(values: list[_Value]) -> list[_Value]:
    """A target cell's values from the last up, each line's height turned over."""
    return [
        _Value(v.text, None if v.last is None else -v.last, None if v.first is None else -v.first)
        for v in reversed(values)
    ]


def _aligned(
    values: list[_Value], targets: list[_Value], upright: bool = False
) -> list[str] | None:
    """A target cell's values, one per target of ``targets`` (the cell of most values): the
    same count, in order; or fewer, in a row whose cells are set at its top (``upright``),
    each given to the paragraph its height says it is. An indicator with no target for a
    year leaves an empty paragraph, one line high, in that cell: a paragraph starts one
    advance (the line pitch and any space after a paragraph) below the last line of the one
    before, so a value whose first line stands k advances below the last line of the value
    above (or k below the row's first line, less one) has k - 1 empty paragraphs before it.
    The advance is measured in ``targets``, whose paragraphs leave none empty. None where
    those advances differ, a value stands between two, or past the last target; and where
    as many values as targets open at two heights in a row set at its top: one paragraph
    of either cell was left empty, and which one its order does not say (html 1175: the
    next year's cell left the first indicator's line empty, and a page break cut the row
    before its third value)."""
    if len(values) == len(targets) and values:
        first, top = values[0].first, targets[0].first
        if upright and first is not None and top is not None and not _level_with(first, top):
            return None
        return [value.text for value in values]
    lines = [top for v in [*values, *targets] for top in (v.first, v.last)]
    if not upright or any(top is None for top in lines) or len(targets) < 2:
        return None
    steps = [
        b.first - a.last
        for a, b in zip(targets, targets[1:], strict=False)
        if a.last is not None and b.first is not None
    ]
    advance = sorted(steps)[len(steps) // 2]
    if advance <= 0 or max(steps) - min(steps) > _SAME_LINE_PT:
        return None
    assert targets[0].first is not None
    out = [""] * len(targets)
    at, above = 0, targets[0].first - advance
    for value in values:
        assert value.first is not None and value.last is not None
        span = (value.first - above) / advance
        skipped = round(span) - 1  # empty paragraphs before the value
        if skipped < 0 or abs(span - round(span)) > _OFF_STEP:
            return None
        at += skipped
        if at >= len(targets):
            return None
        out[at] = value.text
        at, above = at + 1, value.last
    return out


# Share of an advance by which a value's line may stand off the step it is counted at.
_OFF_STEP = 0.25
_SAME_LINE_PT = 2.0  # points: two lines' tops closer than this stand at one height


def _level_with(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and abs(a - b) <= _SAME_LINE_PT


def _parted(
    table: RawTable,
    index: int,
    header: HeaderMap,
    targets: dict[int, list[str]],
    lead: int,
    openers: _Openers,
) -> list[dict[int, str]] | None:
    """The row's per-indicator cells parted as ``_stacked_indicators`` says: ``targets`` per
    column, one per indicator after ``lead`` paragraphs of the indicator cell that have none."""
    row, breaks = table.grid[index], table.breaks[index]
    counted = len(next(iter(targets.values())))
    count = counted + lead
    indicator = header.first("indikator")
    assert indicator is not None
    blank = [""] * lead
    found: dict[int, list[str]] = {col: blank + texts for col, texts in targets.items()}
    unit = header.first("satuan")
    if unit is not None and clean_text(_cell(row, unit)):
        lines = (_cell(row, unit) or "").split("\n")
        units = (
            lines if len(lines) == counted
            else _paragraphs(_cell(row, unit), breaks, unit, counted)
        )  # fmt: skip
        if units is None:
            return None
        found[unit] = blank + units
    rates = [any(_RATE.search(parts[i] or "") for parts in found.values()) for i in range(count)]
    # the rest of a cut indicator is parted off only where a line cannot have wrapped: one
    # target alone does not say there are two, and the rest of a name may open with a word
    # indicators open with (``Tingkat Daerah``)
    paragraphs = _paragraphs(
        _cell(row, indicator), breaks, indicator, count, openers, lead == 0, rates
    )
    if paragraphs is None:
        return None
    found[indicator] = paragraphs
    return [{col: parts[i] for col, parts in found.items()} for i in range(count)]


def _values(text: str | None, tops: tuple[float, ...] = ()) -> list[_Value] | None:
    """A target cell's values, one per line that opens with a figure, each with the tops of
    its first and last lines (from ``tops``, one per line of ``text``; None where not
    known); a line without a figure (the unit wrapped under its number) runs on. None when a
    line holds figures but does not open with one, or the first opens with none."""
    lines = (text or "").split("\n")
    known = len(tops) == len(lines)
    values: list[_Value] = []
    for at, line in enumerate(part.strip() for part in lines):
        if not line:
            continue
        top = tops[at] if known else None
        if _VALUE_START.match(line):
            values.append(_Value(line, top, top))
        elif values and not re.search(r"\d", line):
            values[-1] = values[-1]._replace(text=f"{values[-1].text} {line}", last=top)
        else:
            return None
    return values


def _paragraphs(
    text: str | None,
    breaks: list[tuple[str, ...]],
    col: int,
    count: int,
    openers: _Openers = _NO_OPENERS,
    any_either: bool = True,
    rates: Sequence[bool] = (),
) -> list[str] | None:
    """A cell's text parted into ``count`` paragraphs, at the line breaks that start one; where
    those are too few, also at those that may (``EITHER``) whose next line opens with a word
    the table's indicators open with (``openers``: ``Jumlah``; first leaving out a word that
    opens the rest of names too, ``Tingkat``; never before a level: ``... Kantor`` /
    ``Tingkat Daerah``), then also with a word any indicator may open
    with (``transform.vocabulary.opens_indicator``: ``Persentase``; not one the table prints
    inside a line), then also with a word that opens indicators and the rest of names alike
    (``Tingkat``; not before a level, ``Tingkat Kecamatan``, nor one the table prints inside a
    line of an indicator, ``_inside_indicator``) where each
    paragraph it opens has a target in percent (``rates``, one per paragraph: a ``Tingkat``
    indicator measures a rate, the rest of a wrapped line counts nothing), or
    else at every one that may, where only so do they come to ``count``; all but the first
    only with ``any_either``. None where no way comes to it, or the breaks were not
    measured."""
    lines = (text or "").split("\n")
    kinds = breaks[col] if col < len(breaks) else ()
    if len(kinds) != len(lines) - 1:
        return None

    def opens(kind: str, line: str, way: str) -> bool:
        word = line.split(" ", 1)[0]
        if kind != EITHER:
            return False
        after = (line.split()[1:2] or [""])[0]  # ``Tingkat Kecamatan`` runs on
        if word in openers.words:
            return (way != "own" or not shared_head(word)) and not continues_phrase(word, after)
        if way == "shared" and shared_head(word):
            return not continues_phrase(word, after) and word not in openers.inside_indicators
        # a word any indicator may open with, but that the table prints inside a line, may
        # open a line where a name or an indicator wrapped (``Kualitas``, ``... Paket Kualitas
        # Air Sungai``: html 912)
        return way in ("heads", "shared") and opens_indicator(word) and word not in openers.inside

    def rated(way: list[bool]) -> bool:
        """Whether each paragraph that ``way`` opens with a shared head has a rate."""
        heads = [lines[i + 1].split(" ", 1)[0] for i, start in enumerate(way) if start]
        return len(rates) == count == len(heads) + 1 and all(
            rates[n]
            for n, word in enumerate(heads, start=1)
            if shared_head(word) and word not in openers.words
        )

    pairs = list(zip(kinds, lines[1:], strict=True))
    ways = [[kind == START for kind in kinds]]
    if any_either:
        ways += [
            [kind == START or opens(kind, line, way) for kind, line in pairs]
            for way in ("own", "openers", "heads")
        ]
        shared = [kind == START or opens(kind, line, "shared") for kind, line in pairs]
        if rated(shared):
            ways.append(shared)
        ways.append([kind in (START, EITHER) for kind in kinds])
    starts = next((way for way in ways if sum(way) + 1 == count), None)
    if starts is None:
        return None
    out = [lines[0]]
    for start, line in zip(starts, lines[1:], strict=True):
        if start:
            out.append(line)
        else:
            out[-1] += f"\n{line}"
    return out
