"""``documents.parquet``: one row per document, the table the others' ``doc_id`` points at.

Built from the validated summary (status, reason, OPD, plan year, pages, counts, the totals the
document states) and the tables (the pages of the other tables and the computed totals), so that
a researcher finds in the dataset itself what ``validation/summary.json`` says of each document.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from expectations.frames import plain_objects
from renja.files import atomic_write
from transform.fields import FIELDS, enforce_schema, file_table
from transform.numbers import format_rupiah

__all__ = ["DOCUMENTS_PATH", "documents_frame", "plan_totals", "write_documents"]

DOCUMENTS_PATH = Path("documents.parquet")

# The table_kind whose pages each pages column lists.
_OTHER_PAGES = {
    "review_pages": "review",
    "evaluasi_pages": "evaluasi",
    "kinerja_pelayanan_pages": "kinerja_pelayanan",
}


def _pages(pages: Any) -> str | None:
    found = sorted({int(p) for p in pages if p is not None})
    return ", ".join(str(p) for p in found) or None


def _of_kind(tables: dict[str, pd.DataFrame], doc_id: str, kind: str) -> list[int]:
    pages: list[int] = []
    for name in ("indicators", "budgets"):
        frame = tables[name]
        mine = frame[(frame["doc_id"] == doc_id) & (frame["table_kind"] == kind)]
        pages.extend(int(p) for p in mine["page"])
    return pages


def _program_total(budgets: pd.DataFrame, doc_id: str, jenis: str) -> Decimal | None:
    rows = budgets[
        (budgets["doc_id"] == doc_id)
        & (budgets["table_kind"] == "rumusan")
        & (budgets["level"] == "program")
        & (budgets["jenis"] == jenis)
    ]
    amounts = [a for a in rows["amount"] if a is not None]
    return sum(amounts, Decimal(0)) if amounts else None


def _stated(doc: dict[str, Any], key: str) -> Decimal | None:
    """The total the document states: its grand-total row first, else its text."""
    totals = sorted(doc.get("stated_totals", []), key=lambda t: t["source"] != "table")
    return next((Decimal(t[key]) for t in totals if t.get(key) is not None), None)


def _failures(doc: dict[str, Any], severity: str) -> int:
    return sum(len(c["failures"]) for c in doc.get("checks", []) if c["severity"] == severity)


def documents_frame(summary: dict[str, Any], tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per distinct document (by content) of a validated summary.

    A file whose bytes could not be read has no doc_id and is listed in the summary only; a
    repeat of a document under another name is counted in ``duplicate_files``.
    """
    budgets = plain_objects(tables["budgets"])
    proposals = tables["proposals"]
    repeats: dict[str, int] = {}
    for doc in summary["documents"]:
        if doc.get("duplicate_of") and doc.get("doc_id"):
            repeats[doc["doc_id"]] = repeats.get(doc["doc_id"], 0) + 1
    rows = []
    for doc in summary["documents"]:
        doc_id = doc.get("doc_id")
        if not doc_id or doc.get("duplicate_of"):
            continue
        counts = doc.get("counts", {})
        row = {
            "doc_id": doc_id,
            "sha256": doc.get("sha256"),
            "source_file": doc["source_file"],
            "duplicate_files": repeats.get(doc_id, 0),
            "opd": doc.get("opd"),
            "tahun_rencana": doc.get("tahun"),
            "status": doc["status"],
            "reason": doc.get("reason"),
            "plan_pages": _pages(doc.get("table_pages", [])),
            **{
                column: _pages(_of_kind(tables, doc_id, kind))
                for column, kind in _OTHER_PAGES.items()
            },
            "usulan_pages": _pages(proposals.loc[proposals["doc_id"] == doc_id, "page"]),
            "pages_not_read": _pages(doc.get("pages_not_read", [])),
            "ocr_pages": _pages(doc.get("ocr_pages", [])),
            "n_program": counts.get("program"),
            "n_kegiatan": counts.get("kegiatan"),
            "n_sub_kegiatan": counts.get("sub_kegiatan"),
            "n_unreadable": doc.get("unreadable_values"),
            "n_errors": _failures(doc, "error"),
            "n_warnings": _failures(doc, "warning"),
            "pagu_stated": _stated(doc, "plan"),
            "pagu_computed": _program_total(budgets, doc_id, "pagu_indikatif"),
            "prakiraan_maju_stated": _stated(doc, "next"),
            "prakiraan_maju_computed": _program_total(budgets, doc_id, "prakiraan_maju"),
        }
        rows.append(row)
    frame = pd.DataFrame.from_records(rows, columns=[f.name for f in FIELDS["documents"]])
    return enforce_schema(frame.sort_values("doc_id", kind="stable"), "documents")


def write_documents(
    out_dir: Path, summary: dict[str, Any], tables: dict[str, pd.DataFrame]
) -> Path:
    """Write ``documents.parquet`` into ``out_dir``."""
    path = out_dir / DOCUMENTS_PATH
    table = file_table(documents_frame(summary, tables), "documents")
    atomic_write(path, lambda tmp: pq.write_table(table, tmp))
    return path


def plan_totals(out_dir: Path) -> dict[str, str]:
    """Each document's pagu indikatif of the plan year (sum of its programs), formatted the
    Indonesian way, from ``documents.parquet``; empty when it cannot be read."""
    try:
        table = pq.read_table(out_dir / DOCUMENTS_PATH, columns=["doc_id", "pagu_computed"])
    except (OSError, ValueError):
        return {}
    return {
        row["doc_id"]: format_rupiah(row["pagu_computed"])
        for row in table.to_pylist()
        if row["pagu_computed"] is not None
    }
