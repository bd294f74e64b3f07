"""Raw tables -> the rows of the plan table, one record per printed row, cells named by meaning.

The plan table (form T-C.33, "Rumusan Rencana Program dan Kegiatan ... Tahun N dan Prakiraan Maju
Tahun N+1") is found by its title and its header, wherever it is, and followed over the pages it
runs on: a page that repeats the header, or prints rows under no header with the same columns,
continues it; a new title or a different header ends it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from extract.tables import RawTable
from transform.headers import HeaderMap, is_number_row, map_header, title_kind

__all__ = ["PlanTable", "clean_text", "plan_rows", "select_plan_tables"]

ROW_COLUMNS = [
    "page", "row", "kode_parts", "nomor", "nama", "indikator", "satuan", "lokasi", "target_raw",
    "target_next_raw", "pagu_raw", "pagu_next_raw", "sumber_dana", "penanggung_jawab",
    "id_merged", "bold", "source_table",
]  # fmt: skip


@dataclass
class PlanTable:
    """The pages of one plan table, each with the header map that applies to it."""

    label: str | None
    segments: list[tuple[RawTable, HeaderMap, int]]  # table, header, first data row

    @property
    def header(self) -> HeaderMap:
        return self.segments[0][1]


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


def select_plan_tables(tables: Iterable[RawTable]) -> list[PlanTable]:
    """Group page tables into logical tables and keep those that are the plan table."""
    found: list[PlanTable] = []
    current: PlanTable | None = None
    pending_title = ""
    for table in tables:
        kind, label = title_kind(pending_title + "\n" + table.text_before)
        header = map_header(table)
        continues = current is not None and _continues(current, table, header)
        if kind is not None or (header.n_header_rows and not continues):
            if header.n_header_rows == 0 or not header.roles:
                current = None
            else:
                is_plan = header.is_plan_table and kind != "other"
                current = PlanTable(label, [(table, header, header.n_header_rows)])
                if is_plan:
                    found.append(current)
        elif continues and current is not None:
            inherited = current.header if header.n_header_rows == 0 else header
            current.segments.append((table, inherited, header.n_header_rows))
        else:
            current = None
        pending_title = table.text_after
    return found


def _continues(current: PlanTable, table: RawTable, header: HeaderMap) -> bool:
    last_table, last_header, _ = current.segments[-1]
    if table.n_cols != last_table.n_cols:
        return False
    if header.n_header_rows == 0:
        return True
    return header.signature == current.header.signature


def _cell(row: list[str | None], col: int | None) -> str | None:
    if col is None or col >= len(row):
        return ""
    return row[col]


def plan_rows(plan: PlanTable) -> pd.DataFrame:
    """One record per printed data row of a plan table, cells named by their column's meaning."""
    records = []
    for table, header, first_row in plan.segments:
        kode_cols = header.columns("kode")
        name_col = header.first("nama")
        nomor_col = header.first("nomor")
        for index in range(first_row, len(table.grid)):
            row = table.grid[index]
            if is_number_row(row) or not any(c and c.strip() for c in row):
                continue
            id_cells = [_cell(row, c) for c in [*kode_cols, nomor_col, name_col] if c is not None]
            records.append(
                {
                    "page": table.page,
                    "row": index,
                    "kode_parts": [re.sub(r"\s+", "", row[c] or "") for c in kode_cols],
                    "nomor": clean_text(_cell(row, nomor_col)),
                    "nama": clean_text(_cell(row, name_col)),
                    "indikator": clean_text(_cell(row, header.first("indikator"))),
                    "satuan": clean_text(_cell(row, header.first("satuan"))),
                    "lokasi": clean_text(_cell(row, header.first("lokasi"))),
                    "target_raw": clean_text(_cell(row, header.first("target", "plan"))),
                    "target_next_raw": clean_text(_cell(row, header.first("target", "next"))),
                    "pagu_raw": _cell(row, header.first("pagu", "plan")) or "",
                    "pagu_next_raw": _cell(row, header.first("pagu", "next")) or "",
                    "sumber_dana": clean_text(_cell(row, header.first("sumber_dana"))),
                    "penanggung_jawab": clean_text(_cell(row, header.first("penanggung_jawab"))),
                    "id_merged": bool(id_cells) and all(c is None for c in id_cells),
                    "bold": table.bold[index] if index < len(table.bold) else False,
                    "source_table": plan.label or "",
                }
            )
    return pd.DataFrame.from_records(records, columns=ROW_COLUMNS)
