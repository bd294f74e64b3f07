"""The community proposals (Tabel 2.5/2.8, "Usulan Program dan Kegiatan dari Para Pemangku
Kepentingan") -> one record per printed row: program, kegiatan, lokasi, indicator, size.

Proposals are data of their own kind (what the community asked for, not what the agency plans),
so they form the ``proposals`` table rather than plan nodes. Documents print the program and the
kegiatan in one column (numbered program rows, kegiatan rows under them) or in two.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from extract.model import RawTable
from transform.headers import compact, header_rows, is_number_row
from transform.hierarchy import box_columns, parse_target
from transform.levels import PROGRAM_NAME
from transform.rows import LogicalTable, cells_box, clean_text
from transform.vocabulary import PROPOSAL_TERMS, role_of

__all__ = ["proposal_rows"]


def _columns(table: RawTable) -> dict[str, int]:
    n_rows = header_rows(table)
    columns: dict[str, int] = {}
    for col in range(table.n_cols):
        texts = {
            cell.text
            for row in range(n_rows)
            if not is_number_row(table.grid[row]) and (cell := table.covering(row, col)) is not None
        }
        text = compact(" ".join(sorted(texts)))
        role = role_of(text, PROPOSAL_TERMS)
        if role is not None and role not in columns:
            columns[role] = col
    return columns


def proposal_rows(table: LogicalTable) -> pd.DataFrame:
    """The proposals of one table, in printed order, each with the box of its printed row."""
    records: list[dict[str, Any]] = []
    program: str | None = None
    kegiatan: str | None = None
    columns: dict[str, int] = {}
    for raw, header, first_row in table.segments:
        if header.n_header_rows or not columns:
            columns = _columns(raw)
        if "kegiatan" not in columns:
            continue

        def cell(row: list[str | None], role: str, columns: dict[str, int] = columns) -> str:
            col = columns.get(role)
            return clean_text(row[col]) if col is not None and col < len(row) else ""

        for index in range(first_row, len(raw.grid)):
            row = raw.grid[index]
            if is_number_row(row) or not any(c and c.strip() for c in row):
                continue
            name = cell(row, "kegiatan")
            if "program" in columns:
                if cell(row, "program"):
                    program, kegiatan = cell(row, "program"), None
                kegiatan = name or kegiatan
            elif name and (cell(row, "nomor") or PROGRAM_NAME.match(name)):
                program, kegiatan = name, None
            else:
                kegiatan = name or kegiatan
            indikator, besaran_raw = cell(row, "indikator"), cell(row, "besaran")
            if not (indikator or besaran_raw or name):
                continue
            besaran, satuan = parse_target(besaran_raw, "")
            records.append(
                {
                    "usulan_no": len(records) + 1,
                    "program": program,
                    "kegiatan": kegiatan,
                    "lokasi": cell(row, "lokasi") or None,
                    "indikator": indikator or None,
                    "besaran": float(besaran.value) if besaran.value is not None else None,
                    "besaran_raw": besaran.raw or None,
                    "besaran_flag": besaran.flag,
                    "satuan": satuan or None,
                    "catatan": cell(row, "catatan") or None,
                    "source_table": table.label or "",
                    "page": raw.page,
                    **box_columns(cells_box(raw, index, range(len(row)))),
                }
            )
    return pd.DataFrame.from_records(records)
