"""The evaluation of the previous Renja (T-C.29) and the service performance (T-C.30) -> indicators.

Both print indicators with values by year: the Renstra target, targets, realisations, the level of
realisation (%), projections. Each value column becomes a measure with the year its heading names
(``transform.headers.measure_columns``), so that a researcher can set ``realisasi`` beside
``target`` for the same indicator and year. The evaluation's rows form the same program /
kegiatan / sub kegiatan tree as the plan (read with its machinery, kept apart from it); the
service performance indicators belong to no node.
"""

from __future__ import annotations

import pandas as pd

from transform.headers import HeaderMap, measure_columns
from transform.hierarchy import build_plan, parse_target
from transform.rows import MeasureColumns, PlanTable, plan_rows

__all__ = ["measured_indicators"]


def _segments(table: PlanTable) -> tuple[list[tuple], list[MeasureColumns]]:
    """Each page's table with the header map of its identifying columns and its value
    columns; a page that prints no header takes those of the page before it."""
    segments: list[tuple] = []
    measures: list[MeasureColumns] = []
    previous: tuple[MeasureColumns, HeaderMap] | None = None
    for raw, header, first_row in table.segments:
        if header.n_header_rows:
            previous = measure_columns(raw)
        if previous is None:
            continue
        segments.append((raw, previous[1], first_row))
        measures.append(previous[0])
    return segments, measures


def measured_indicators(table: PlanTable, prefix: str) -> pd.DataFrame:
    """Indicators of an evaluation or service performance table, one row per indicator,
    measure and year, ``table_kind`` the table's kind; node ids carry ``prefix``."""
    segments, measures = _segments(table)
    if not segments or not any(measures):
        return pd.DataFrame()
    rows = plan_rows(PlanTable(table.label, segments, False, table.kind), measures)
    rows = rows[rows["measures"].map(bool) | (rows["nama"] != "")]
    if rows.empty:
        return pd.DataFrame()
    if table.kind == "kinerja_pelayanan":
        return _unattached(rows, table, prefix)
    header = segments[0][1]
    id_columns = bool(header.columns("kode")) or header.first("nomor") is not None
    built = build_plan(rows, plan_year=None, has_next=False, id_columns=id_columns)
    if built.indicators.empty:
        return pd.DataFrame()
    frame = built.indicators
    return frame.assign(table_kind=table.kind, node_id=prefix + frame["node_id"])


def _unattached(rows: pd.DataFrame, table: PlanTable, prefix: str) -> pd.DataFrame:
    """Service performance indicators: one per printed row with an indicator, in no node."""
    records = []
    number = 0
    for _, row in rows.iterrows():
        indikator = row["indikator"] or row["nama"]
        if not indikator or not row["measures"]:
            continue
        number += 1
        satuan = row["satuan"]
        for measure, year, raw in row["measures"]:
            value, satuan = parse_target(raw, satuan)
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
                    "source_table": table.label or "",
                    "page": int(row["page"]),
                }
            )
        for record in records[-len(row["measures"]) :]:
            record["satuan"] = satuan or None
    return pd.DataFrame.from_records(records)
