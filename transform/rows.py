"""Raw tables -> the rows of the plan table, one record per printed row, cells named by meaning.

The plan table (form T-C.33, "Rumusan Rencana Program dan Kegiatan ... Tahun N dan Prakiraan Maju
Tahun N+1") is found by its title and its header, wherever it is, and followed over the pages it
runs on: a page that repeats the header, or prints rows under no header with the same columns,
continues it; a new title or a different header ends it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import pandas as pd

from extract.tables import RawTable
from transform.headers import HeaderMap, is_number_row, map_header, other_kind, title_kind

__all__ = ["PlanTable", "clean_text", "plan_rows", "select_plan_tables", "select_tables"]

ROW_COLUMNS = [
    "page", "row", "kode_parts", "nomor", "nama", "indikator", "satuan", "lokasi", "target_raw",
    "target_next_raw", "pagu_raw", "pagu_next_raw", "sumber_dana", "penanggung_jawab",
    "id_merged", "bold", "source_table", "page_top", "measures", "amounts",
    # lowest OCR confidence (0-100) of the cell's words; None when the page had a text layer
    "target_conf", "target_next_conf", "pagu_conf", "pagu_next_conf",
    # box (x0, top, x1, bottom) in PDF points of the amount cells that print something
    "pagu_bbox", "pagu_next_bbox",
]  # fmt: skip

# Value columns of an evaluation or service performance table: column -> (measure, year).
MeasureColumns = dict[int, tuple[str, int]]


@dataclass
class PlanTable:
    """The pages of one plan table, each with the header map that applies to it."""

    label: str | None
    segments: list[tuple[RawTable, HeaderMap, int]]  # table, header, first data row
    is_plan: bool = True
    kind: str | None = "rumusan"  # rumusan (the plan), or the other table's kind (other_kind)

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


def select_plan_tables(
    tables: Iterable[RawTable], inside_other: Collection[int] = ()
) -> list[PlanTable]:
    """Group page tables into logical tables and keep those that are the plan table."""
    return [t for t in select_tables(tables, inside_other) if t.is_plan]


def select_tables(
    tables: Iterable[RawTable], inside_other: Collection[int] = ()
) -> list[PlanTable]:
    """Group page tables into logical tables; keep the plan table and the other tables whose
    title names their kind (review, evaluation, service performance, proposals).

    ``inside_other`` names pages that open in the middle of another (non-plan) table whose
    title was printed on a page not read here: their first untitled table belongs to it.
    """
    found: list[PlanTable] = []
    current: PlanTable | None = None
    pending_title = ""
    last_page = None
    for table in tables:
        title = pending_title + "\n" + table.text_before
        kind, label = title_kind(title)
        if table.page in inside_other and table.page != last_page and kind is None:
            kind = "other"
        last_page = table.page
        header = map_header(table)
        # A running head ("RENJA DINAS ...") or "Tabel 3.3 (lanjutan)" over a page does not
        # start a new table; another label or another kind of title does.
        same_title = kind is None or (kind == "plan" and label in (None, current and current.label))
        if current is not None and same_title and _continues(current, table, header):
            if header.n_header_rows:
                inherited = header
            else:
                inherited = _carried_header(current.segments[-1][0], current.header, table)
            current.segments.append((table, inherited, header.n_header_rows))
        elif len(table.grid) < 2:
            pass  # a lone row that carries on nothing: a framed line of text, not a table
        elif header.n_header_rows and header.roles:
            is_plan = header.is_plan_table and kind != "other"
            specific = "rumusan" if is_plan else other_kind(title) if kind == "other" else None
            current = PlanTable(label, [(table, header, header.n_header_rows)], is_plan, specific)
            if specific is not None:
                found.append(current)
        else:
            current = None
        pending_title = table.text_after
    return found


def _continues(current: PlanTable, table: RawTable, header: HeaderMap) -> bool:
    """Whether a page's table carries on the current one: same columns, or (for the plan
    table) a repeated header that again reads as a plan table."""
    last_table, _, _ = current.segments[-1]
    if header.n_header_rows == 0:
        return table.n_cols == last_table.n_cols or _same_width(last_table, table)
    if current.is_plan and header.is_plan_table:
        return True
    return table.n_cols == last_table.n_cols and _names(header) == _names(current.header)


def _same_width(a: RawTable, b: RawTable) -> bool:
    """Two tables that span the same width of the page (a stray rule may add a column)."""
    return bool(a.edges and b.edges) and (
        abs(a.edges[0] - b.edges[0]) < 6 and abs(a.edges[-1] - b.edges[-1]) < 6
    )


def _carried_header(source: RawTable, header: HeaderMap, target: RawTable) -> HeaderMap:
    """The header of the page before, for a page that prints none. When a stray rule has
    added or removed a column, each column takes the role of the column above its centre."""
    if target.n_cols == source.n_cols or not (source.edges and target.edges):
        return header
    carried = HeaderMap(plan_year=header.plan_year, next_year=header.next_year)
    taken: set[int] = set()
    for col in range(target.n_cols):
        centre = (target.edges[col] + target.edges[col + 1]) / 2
        above = next(
            (c for c in range(source.n_cols) if source.edges[c] <= centre < source.edges[c + 1]),
            None,
        )
        if above is not None and above in header.roles and above not in taken:
            carried.roles[col] = header.roles[above]
            taken.add(above)
    return carried


def _names(header: HeaderMap) -> list[tuple[int, str]]:
    return [(col, role.name) for col, role in sorted(header.roles.items())]


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


def _confidence(table: RawTable, index: int, cols: list[int]) -> float | None:
    """The lowest OCR confidence over a row's cells in the given columns (None: not OCR)."""
    if index >= len(table.confidence):
        return None
    row = table.confidence[index]
    found = [row[c] for c in cols if c < len(row) and row[c] is not None]
    return min(v for v in found if v is not None) if found else None


def _box(table: RawTable, index: int, cols: list[int]) -> tuple[float, ...] | None:
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


def plan_rows(
    plan: PlanTable,
    measures: list[MeasureColumns] | None = None,
    amounts: list[MeasureColumns] | None = None,
) -> pd.DataFrame:
    """One record per printed data row of a plan table, cells named by their column's meaning.

    ``measures`` (one per segment) names the value columns of an evaluation or service
    performance table: each record then lists ``(measure, year, text, ocr confidence)`` of its
    non-empty ones; ``amounts`` likewise its money columns, as ``(jenis, year, text, ocr
    confidence)``.
    """
    records = []
    for segment, (table, header, first_row) in enumerate(plan.segments):
        values = measures[segment] if measures is not None else {}
        money = amounts[segment] if amounts is not None else {}
        kode_cols = header.columns("kode")
        name_col = header.first("nama")
        nomor_col = header.first("nomor")
        page_top = True
        for index in range(first_row, len(table.grid)):
            row = table.grid[index]
            if is_number_row(row) or not any(c and c.strip() for c in row):
                continue
            id_cells = [_cell(row, c) for c in [*kode_cols, nomor_col, name_col] if c is not None]
            measured = [
                (name, year, text, _confidence(table, index, [col]))
                for col, (name, year) in sorted(values.items())
                if (text := clean_text(_cell(row, col)))
            ]
            paid = [
                (name, year, text, _confidence(table, index, [col]))
                for col, (name, year) in sorted(money.items())
                if (text := clean_text(_cell(row, col)))
            ]
            target = clean_text(_cell(row, header.first("target", "plan")))
            pagu = _amount_text(row, header.columns("pagu", "plan"))
            records.append(
                {
                    "page": table.page,
                    "row": index,
                    "kode_parts": [re.sub(r"\s+", "", row[c] or "") for c in kode_cols],
                    "nomor": clean_text(_cell(row, nomor_col)),
                    "nama": clean_text(_row_text(table, index, name_col)),
                    "indikator": clean_text(_cell(row, header.first("indikator"))),
                    "satuan": clean_text(_cell(row, header.first("satuan"))),
                    "lokasi": clean_text(_cell(row, header.first("lokasi"))),
                    "target_raw": target or (measured[0][2] if measured else ""),
                    "target_next_raw": clean_text(_cell(row, header.first("target", "next"))),
                    "pagu_raw": pagu or (paid[0][2] if paid else ""),
                    "pagu_next_raw": _amount_text(row, header.columns("pagu", "next")),
                    "sumber_dana": clean_text(_cell(row, header.first("sumber_dana"))),
                    "penanggung_jawab": clean_text(_cell(row, header.first("penanggung_jawab"))),
                    "id_merged": bool(id_cells) and all(c is None for c in id_cells),
                    "bold": _bold(table, index, name_col),
                    "source_table": plan.label or "",
                    "page_top": page_top,
                    "measures": measured if measures is not None else None,
                    "amounts": paid if amounts is not None else None,
                    "target_conf": _confidence(table, index, _cols(header.first("target", "plan"))),
                    "target_next_conf": _confidence(
                        table, index, _cols(header.first("target", "next"))
                    ),
                    "pagu_conf": _confidence(table, index, header.columns("pagu", "plan")),
                    "pagu_next_conf": _confidence(table, index, header.columns("pagu", "next")),
                    "pagu_bbox": _box(table, index, header.columns("pagu", "plan")),
                    "pagu_next_bbox": _box(table, index, header.columns("pagu", "next")),
                }
            )
            page_top = False
    return pd.DataFrame.from_records(records, columns=ROW_COLUMNS)
