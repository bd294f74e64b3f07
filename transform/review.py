"""The review of the draft RKPD (form T-C.31, "Review terhadap Rancangan Awal RKPD") -> indicators
and budgets beside the plan's.

The table prints each program, kegiatan and sub kegiatan twice: as the draft RKPD has it
(rancangan awal) and as the agency's needs analysis has it (hasil analisis kebutuhan), each half
with lokasi, indicator, target and pagu. Each half is read with the plan table's machinery (rows,
hierarchy, codes, numbers); its rows never become plan nodes and its totals are not the plan's.
"""

from __future__ import annotations

import pandas as pd

from transform.headers import HeaderMap, review_halves
from transform.hierarchy import build_plan
from transform.rows import LogicalTable, Segment, table_rows
from transform.vocabulary import title_year

__all__ = ["node_prefix", "review_frames"]

_TITLE_YEAR = title_year("tahun", r"ta\.?")


def node_prefix(table: LogicalTable, unnumbered: int) -> str:
    """The prefix of the node ids of a table other than the plan: ``T2.4/``, or, for an
    unnumbered table, its kind and its order among the unnumbered tables of that kind
    (``review#1/``), so that its rows can never be taken for plan nodes."""
    return f"T{table.label}/" if table.label else f"{table.kind}#{unnumbered}/"


def _half_segments(table: LogicalTable) -> dict[str, list[Segment]]:
    """Each half's segments (page table, header map of the half's columns, first data row).
    A page that prints no header takes the halves of the page before it."""
    halves: dict[str, list[Segment]] = {}
    previous: list[tuple[str, HeaderMap]] = []
    for raw, _, first_row in table.segments:
        current = review_halves(raw) if first_row else []  # the page prints its own header
        if not current or not any(h.roles for _, h in current):
            current = [(name, h) for name, h in previous] if previous else []
        for name, half in current:
            halves.setdefault(name, []).append(Segment(raw, half, first_row))
        previous = current or previous
    return halves


def _year(table: LogicalTable, header: HeaderMap, default: int | None) -> int | None:
    if header.plan_year is not None:
        return header.plan_year
    match = _TITLE_YEAR.search(table.segments[0].table.text_before)
    return int(match[1]) if match else default


def review_frames(
    table: LogicalTable, plan_year: int | None, prefix: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Indicators and budgets of a review table, ``table_kind="review"``: the targets as
    ``target_rancangan_awal`` / ``target_hasil_analisis`` and the amounts as
    ``pagu_rancangan_awal`` / ``pagu_hasil_analisis``, for the year the table reviews."""
    indicators, budgets = [], []
    for half, segments in _half_segments(table).items():
        header = segments[0].header
        rows = table_rows(LogicalTable(table.label, segments, is_plan=False, kind="review"))
        if rows.empty:
            continue
        id_columns = bool(header.columns("kode")) or header.first("nomor") is not None
        year = _year(table, header, plan_year)
        built = build_plan(rows, plan_year=year, has_next=False, id_columns=id_columns)
        if built.nodes.empty:
            continue
        if not built.indicators.empty:
            indicators.append(_relabel(built.indicators, prefix, measure=f"target_{half}"))
        budgets.append(_relabel(built.budgets, prefix, jenis=f"pagu_{half}"))
    return _concat(indicators), _concat(budgets)


def _relabel(frame: pd.DataFrame, prefix: str, **values: str) -> pd.DataFrame:
    return frame.assign(table_kind="review", node_id=prefix + frame["node_id"], **values)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
