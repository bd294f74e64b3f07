"""The evaluation of the previous Renja (T-C.29) and the service performance (T-C.30) -> indicators
(and the evaluation's amounts -> budgets).

Both print indicators with values by year: the Renstra target, targets, realisations, the level of
realisation (%), projections. Each value column becomes a measure with the year its heading names
(``transform.headers.measure_columns``), so that a researcher can set ``realisasi`` beside
``target`` for the same indicator and year; the evaluation's Rp sub columns become budget rows.
The evaluation's rows form the same program / kegiatan / sub kegiatan tree as the plan (read
with its machinery, kept apart from it); the service performance indicators belong to no node.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from extract.model import RawTable
from transform.headers import HeaderMap, Role, ValueColumns, measure_columns
from transform.hierarchy import box_columns, build_plan, parse_target
from transform.numbers import trust_ocr
from transform.rows import LogicalTable, Segment, table_rows
from transform.vocabulary import ColumnRole

__all__ = ["measured_frames"]


_NUMBER = re.compile(r"^(?:[IVXLC]+|\d+|\(\d+\))\.?$")


def _outline_span(raw: RawTable, header: HeaderMap) -> tuple[int, int, int] | None:
    """The columns of a numbering printed as an outline: the "No" heading spans several
    columns and so does the name heading beside it, each level printing its number one
    column further right (I | PROGRAM ..., then 1 | Kegiatan ..., then 1 | Sub ...)."""
    nomor, nama = header.first("nomor"), header.first("nama")
    if nomor is None or nama is None or not header.n_header_rows:
        return None
    number_cell, name_cell = raw.covering(0, nomor), raw.covering(0, nama)
    if number_cell is None or name_cell is None or number_cell.col1 + 1 != name_cell.col0:
        return None
    if number_cell.col1 == number_cell.col0 or name_cell.col1 == name_cell.col0:
        return None
    return number_cell.col0, name_cell.col0, name_cell.col1


def _flatten_outline(
    raw: RawTable, span: tuple[int, int, int], first_row: int, path: list[str]
) -> RawTable:
    """The table with each outline row's number (made whole: I, I.1, I.1.1 from I, 1, 1) in
    the first column of the span and its name in the column after the numbers. ``path`` holds
    the numbers of the rows above, carried from page to page."""
    lo, name_col, hi = span
    grid = [list(row) for row in raw.grid]
    for index in range(first_row, len(grid)):
        row = grid[index]
        texts = [(c, (row[c] or "").strip()) for c in range(lo, hi + 1)]
        texts = [(c, t) for c, t in texts if t]
        number, name = "", " ".join(t for _, t in texts)
        if texts and _NUMBER.match(re.sub(r"\s+", "", texts[0][1])):
            depth = texts[0][0] - lo
            printed = re.sub(r"\s+", "", texts[0][1]).rstrip(".")
            path[:] = [*path[:depth], printed] if depth <= len(path) else [*path, printed]
            number = ".".join(path)
            name = " ".join(t for _, t in texts[1:])
        for col in range(lo, hi + 1):
            row[col] = ""
        row[lo], row[name_col] = number, name
    cells = [c for c in raw.cells if c.row0 < first_row or not lo <= c.col0 <= hi]
    return replace(raw, grid=grid, cells=cells)


def _segments(table: LogicalTable) -> tuple[list[Segment], list[ValueColumns]]:
    """Each page's table with the header map of its identifying columns and its value
    columns; a page that prints no header takes those of the page before it."""
    segments: list[Segment] = []
    values: list[ValueColumns] = []
    previous: ValueColumns | None = None
    span: tuple[int, int, int] | None = None
    path: list[str] = []
    for raw, _, first_row in table.segments:
        if first_row:  # the page prints its own header
            previous = measure_columns(raw)
            first_row += previous.extra_rows
            span = _outline_span(raw, previous.header)
            if span is not None:  # the names now stand in the span's name column alone
                roles = previous.header.roles
                previous.header.roles = {c: r for c, r in roles.items() if r.name != "nama"}
                previous.header.roles[span[1]] = Role(ColumnRole.NAMA)
        if previous is None:
            continue
        if span is not None:
            raw = _flatten_outline(raw, span, first_row, path)
        segments.append(Segment(raw, previous.header, first_row))
        values.append(previous)
    return segments, values


def measured_frames(table: LogicalTable, prefix: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators (one row per indicator, measure and year) and budgets (the Rp columns of an
    evaluation) of an evaluation or service performance table, ``table_kind`` the table's
    kind; node ids carry ``prefix``."""
    segments, values = _segments(table)
    empty = (pd.DataFrame(), pd.DataFrame())
    if not segments or not any(v.measures for v in values):
        return empty
    plan = LogicalTable(table.label, segments, False, table.kind)
    rows = table_rows(plan, [v.measures for v in values], [v.amounts for v in values])
    rows = rows[rows["measures"].map(bool) | (rows["nama"] != "")]
    if rows.empty:
        return empty
    if table.kind == "kinerja_pelayanan":
        return _unattached(rows, table, prefix), pd.DataFrame()
    header = segments[0].header
    id_columns = bool(header.columns("kode")) or header.first("nomor") is not None
    built = build_plan(rows, plan_year=None, has_next=False, id_columns=id_columns)
    frames = []
    for frame in (built.indicators, built.budgets):
        if not frame.empty:
            frame = frame.assign(table_kind=table.kind, node_id=prefix + frame["node_id"])
        frames.append(frame)
    return frames[0], frames[1]


def _unattached(rows: pd.DataFrame, table: LogicalTable, prefix: str) -> pd.DataFrame:
    """Service performance indicators: one per printed row with an indicator, in no node."""
    records = []
    number = 0
    for _, row in rows.iterrows():
        indikator = row["indikator"] or row["nama"]
        if not indikator or not row["measures"]:
            continue
        number += 1
        satuan = row["satuan"]
        for measure, year, raw, confidence, box in row["measures"]:
            value, satuan = parse_target(raw, satuan)
            value = trust_ocr(value, confidence)
            records.append(
                {
                    "table_kind": table.kind,
                    "node_id": f"{prefix}I{number:02d}",
                    "level": None,
                    "kode": None,
                    "nama": None,
                    "measure": measure,
                    "indikator_no": 1,
                    "indikator": indikator,
                    "satuan": None,  # set below, from the unit column or the value cells
                    "lokasi": None,
                    "tahun": year,
                    "target": float(value.value) if value.value is not None else None,
                    "target_raw": value.raw or None,
                    "target_flag": value.flag,
                    "ocr_confidence": confidence,
                    "source_table": table.label or "",
                    "page": int(row["page"]),
                    **box_columns(box),
                }
            )
        for record in records[-len(row["measures"]) :]:
            record["satuan"] = satuan or None
    return pd.DataFrame.from_records(records)
