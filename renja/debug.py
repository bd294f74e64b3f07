"""Each stage's output for one document, written to a folder to be looked at stage by stage.

``renja debug PDF --out DIR`` writes, in the order the stages run:

- ``1-pages.json``: the pages, those read by OCR, and the pages chosen for each kind of table;
- ``2-raw-tables.json``: every page table as read (grid, merged cells, bold, column edges,
  the text above and below it, and whether each line break in a cell starts a paragraph);
- ``3-tables.json``: the logical tables (kind, label, pages) with the header map of each page;
- ``4-rows.csv``: one record per printed row of the plan table, cells named by meaning;
- ``5-<table>.csv``: the tidy tables (programs, indicators, budgets, proposals);
- ``result.json``: the document's summary entry (status, reason, counts, stated totals).

A stage that was not reached (a rejected document) writes no file.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from extract.locate import PageChoice
from extract.model import RawTable
from extract.pages import DocumentPages
from renja.process import DocumentResult, process_pdf
from transform.headers import HeaderMap, Role
from transform.rows import LogicalTable

__all__ = ["write_stages"]


def write_stages(pdf: Path, out: Path) -> DocumentResult:
    """Process one PDF and write each stage's output to ``out``; returns the result."""
    out.mkdir(parents=True, exist_ok=True)
    seen: dict[str, Any] = {}
    raw: list[dict[str, Any]] = []
    logical: list[dict[str, Any]] = []

    def observe(stage: str, value: Any) -> None:
        if stage == "raw_table":
            raw.append(_raw_table(value))
        elif stage == "tables":  # twice when the plan is searched for again on more pages
            logical.extend(_logical_table(t) for t in value)
        else:
            seen[stage] = value

    result = process_pdf(pdf, observe=observe)
    if "pages" in seen:
        _write_json(out / "1-pages.json", _pages(*seen["pages"]))
        _write_json(out / "2-raw-tables.json", raw)
    if logical:
        _write_json(out / "3-tables.json", logical)
    if "rows" in seen:
        seen["rows"].to_csv(out / "4-rows.csv", index=False)
    for name, frame in seen.get("frames", {}).items():
        frame.to_csv(out / f"5-{name}.csv", index=False)
    _write_json(out / "result.json", result.summary())
    return result


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n")


def _pages(pages: DocumentPages, choice: PageChoice) -> dict[str, Any]:
    return {
        "pages": len(pages.texts),
        "ocr_pages": sorted(pages.ocr_pages),
        "plan_pages": choice.plan,
        "other_table_pages": choice.other,
        "pages_opening_inside_other_tables": sorted(choice.inside_other),
        "amount_tokens": {p.number: p.amount_tokens for p in pages.texts if p.amount_tokens},
    }


def _raw_table(table: RawTable) -> dict[str, Any]:
    return {
        "page": table.page,
        "bbox": table.bbox,
        "edges": table.edges,
        "text_before": table.text_before,
        "text_after": table.text_after,
        "grid": table.grid,
        "merged": [asdict(c) for c in table.cells if c.row1 > c.row0 or c.col1 > c.col0],
        "bold": table.bold,
        "confidence": table.confidence,
        "breaks": table.breaks,
    }


def _header(header: HeaderMap) -> dict[str, Any]:
    return {
        "n_header_rows": header.n_header_rows,
        "plan_year": header.plan_year,
        "next_year": header.next_year,
        "roles": {col: _role(role) for col, role in sorted(header.roles.items())},
        "texts": header.texts,
    }


def _role(role: Role) -> str:
    """``pagu (plan)``, ``kode 2``: a column's role in one short text."""
    year = f" ({role.year})" if role.year else ""
    part = f" {role.part}" if role.name == "kode" else ""
    return f"{role.name}{part}{year}"


def _logical_table(table: LogicalTable) -> dict[str, Any]:
    return {
        "kind": table.kind,
        "label": table.label,
        "is_plan": table.is_plan,
        "segments": [
            {"page": raw.page, "first_data_row": first, "header": _header(header)}
            for raw, header, first in table.segments
        ],
    }
