"""A document's status from its checks, the reading checks from what its reading left in doubt,
and ``validation/unread.csv``.

- ``ok``: complete and consistent;
- ``invalid``: the reading is complete and trusted, and the document's own numbers do not hold;
- ``suspect``: the reading itself is in doubt (a printed amount in no row, a page of the table
  not read, or another ``reading`` check failed); the rows are written and every doubt listed;
- ``rejected``: the document could not be read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from renja.files import atomic_write_text
from transform.fields import STATUSES
from transform.reading import READING_CHECKS, READING_WARNINGS

__all__ = [
    "STATUSES",
    "UNREAD_COLUMNS",
    "UNREAD_PATH",
    "document_status",
    "explain_failures",
    "first_reason",
    "reading_checks",
    "write_unread",
]

UNREAD_PATH = Path("validation") / "unread.csv"
UNREAD_COLUMNS = ("doc_id", "page", "x0", "top", "x1", "bottom", "text", "reason")
_RECORD_KEYS = ("level", "kode", "nama", "tahun", "jenis", "stated", "computed", "difference")
# Checks whose failure a misreading can explain: the roll-up sums and the stated totals.
_SUM_CHECKS = ("sum_sub_kegiatan", "sum_kegiatan", "stated_total")


def reading_checks(
    doc: dict[str, Any], more: Iterable[dict[str, Any]] = ()
) -> list[dict[str, Any]]:
    """One check entry per reading check, failed by each doubt the extraction recorded and by
    those of ``more`` (the validation's own, such as codes against a code list). A document
    extracted before these checks existed (no ``coverage``) gets none."""
    if "coverage" not in doc:
        return []
    doubts = [*doc.get("reading_doubts", []), *more]
    entries = []
    for name in READING_CHECKS:
        severity = "warning" if name in READING_WARNINGS else "error"
        failures = [
            {
                "check": name,
                "severity": severity,
                **dict.fromkeys(_RECORD_KEYS),
                "node_id": d["node_ids"][0] if d["node_ids"] else None,
                "page": d["page"],
                "message": d["message"],
            }
            for d in doubts
            if d["check"] == name
        ]
        checked = doc["coverage"].get("printed", 0) if name == "coverage" else 1
        entries.append({"check": name, "group": "reading", "severity": severity,
                        "success": not failures, "checked": checked,
                        "failures": failures})  # fmt: skip
    return entries


def document_status(checks: list[dict[str, Any]]) -> str:
    """``suspect`` when a reading check failed, else ``invalid`` when an error check failed."""
    failed = [c for c in checks if not c["success"] and c["severity"] == "error"]
    if any(c["group"] == "reading" for c in failed):
        return "suspect"
    return "invalid" if failed else "ok"


def first_reason(doc: dict[str, Any]) -> str | None:
    """The first reason of a document's status: its rejection, or the first failure of the
    checks that decided it (a reading check first)."""
    if doc.get("status") == "rejected":
        return doc.get("reason")
    failed = [c for c in doc.get("checks", []) if not c["success"] and c["severity"] == "error"]
    failed.sort(key=lambda c: c["group"] != "reading")
    for check in failed:
        message = check["failures"][0]["message"] if check["failures"] else ""
        page = check["failures"][0].get("page") if check["failures"] else None
        where = f" (page {page})" if page else ""
        return f"{check['check']}{where}: {message}"
    return None


def explain_failures(doc: dict[str, Any]) -> None:
    """Beside each failed sum, say whether a misreading explains it: a page of the table not
    read, an amount left unread, or another grouping of the same rows that adds up."""
    pages = doc.get("pages_not_read_reasons", {})
    unread = doc.get("unread", [])
    regrouped = doc.get("regroupings", {})
    hints = [f"page {p} not read ({r})" for p, r in pages.items()]
    hints += [f"amount {u['text']} on page {u['page']} unread" for u in unread[:3]]
    for check in doc.get("checks", []):
        if check["check"] not in _SUM_CHECKS:
            continue
        for failure in check["failures"]:
            own = regrouped.get(f"{failure.get('node_id')}/{failure.get('jenis')}")
            found = list(hints)
            if own:
                found.insert(0, f"it is the sum of {', '.join(own)}, grouped otherwise")
            if found:
                failure["message"] += "; possibly a misreading: " + "; ".join(found[:4])


def write_unread(summary: dict[str, Any], path: Path) -> None:
    """``validation/unread.csv``: every printed amount that landed in no output row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(UNREAD_COLUMNS)
    for doc in summary["documents"]:
        if doc.get("duplicate_of"):
            continue
        for value in doc.get("unread", []):
            writer.writerow([doc["doc_id"], *(value[k] for k in UNREAD_COLUMNS[1:])])
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, buffer.getvalue())
