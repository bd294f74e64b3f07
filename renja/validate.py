"""Validate a run's output folder: the checks, each document's status, and what auditors read.

``validate_tables`` is pure (tables and summary in, summary with checks out); ``validate_dir``
reads an output folder, validates it, and writes ``validation/summary.json``, the Great
Expectations Data Docs, one HTML report per document and ``datapackage.json``.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from expectations.codelist import load_code_list
from expectations.frames import StatedTotal
from expectations.runner import CheckOutcome, Failure, build_frames, run_checks
from expectations.suites import CHECKS
from renja.datapackage import write_datapackage
from renja.documents import write_documents
from renja.files import SUMMARY_PATH, atomic_write_text
from renja.report import write_reports
from renja.status import (
    STATUSES,
    UNREAD_PATH,
    document_status,
    explain_failures,
    first_reason,
    reading_checks,
    write_unread,
)
from renja.timing import Stopwatch
from transform.fields import TABLES, file_schema, read_file_table

__all__ = [
    "DATA_DOCS_PATH",
    "REPORTS_PATH",
    "read_tables",
    "schema_failures",
    "stated_totals",
    "validate_dir",
    "validate_tables",
]

# The stage a run is at ("validating", "writing reports"), for the command line's status line.
stages = logging.getLogger("renja.stage")

DATA_DOCS_PATH = Path("validation") / "data_docs"
REPORTS_PATH = Path("validation") / "reports"


def stated_totals(documents: list[dict[str, Any]]) -> list[StatedTotal]:
    """The totals each document states, as recorded in the summary by the extraction."""
    totals = []
    for doc in documents:
        if doc.get("status") == "rejected" or doc.get("tahun") is None:
            continue
        for total in doc.get("stated_totals", []):
            for key, offset, jenis in (
                ("plan", 0, "pagu_indikatif"),
                ("next", 1, "prakiraan_maju"),
            ):
                if total.get(key) is None:
                    continue
                totals.append(
                    StatedTotal(
                        doc["doc_id"],
                        total["label"],
                        total["source"],
                        total.get("page"),
                        int(doc["tahun"]) + offset,
                        jenis,
                        Decimal(total[key]),
                    )
                )
    return totals


def schema_failures(out_dir: Path) -> list[Failure]:
    """Each Parquet file's column types against the field dictionary."""
    failures = []
    for table in TABLES:
        path = out_dir / f"{table}.parquet"
        expected = file_schema(table)
        try:
            actual = pq.read_schema(path)
        except (OSError, ValueError) as exc:
            failures.append(Failure("parquet_schema", "error", None, f"{path.name}: {exc}"))
            continue
        for want in expected:
            index = actual.get_field_index(want.name)
            got = actual.field(index).type if index >= 0 else None
            if got != want.type:
                failures.append(
                    Failure(
                        "parquet_schema",
                        "error",
                        None,
                        f"{table}.{want.name}: type {got}, field dictionary says {want.type}",
                    )
                )
    return failures


def validate_tables(
    tables: dict[str, pd.DataFrame],
    summary: dict[str, Any],
    *,
    reference: pd.DataFrame | None = None,
    extra_failures: list[Failure] | None = None,
    docs_dir: Path | None = None,
    clock: Stopwatch | None = None,
) -> dict[str, Any]:
    """Run every check and return the summary with each document's checks and status
    (``clock`` is given the seconds of its stages, see ``expectations.runner.run_checks``).

    A document is ``invalid`` when an error-severity check fails on its rows (or on the whole
    output, such as a column of the wrong type); warnings are reported but do not change it.
    """
    documents = summary["documents"]
    started = time.perf_counter()
    frames = build_frames(tables, stated_totals(documents), reference)
    if clock is not None:
        clock.add("check_frames", time.perf_counter() - started)
    outcomes = run_checks(frames, docs_dir, clock)
    global_failures = list(extra_failures or [])
    global_failures += [fail for o in outcomes for fail in o.failures if fail.doc_id is None]
    status: dict[str, str] = {}
    for doc in documents:
        doc.pop("checks", None)
        if doc["status"] == "rejected" or doc.get("duplicate_of"):
            continue
        doc["checks"] = _document_checks(doc["doc_id"], outcomes, global_failures)
        doc["checks"] += reading_checks(doc, _misread_against_list(doc, frames.get("nomenclature")))
        explain_failures(doc)
        doc["status"] = status[doc["doc_id"]] = document_status(doc["checks"])
        doc["first_reason"] = first_reason(doc)
    for doc in documents:  # a repeat has the status of the document it repeats
        if doc.get("duplicate_of") and doc["doc_id"] in status:
            doc["status"] = status[doc["doc_id"]]
    summary["validation"] = {
        "code_list": summary.get("validation", {}).get("code_list"),
        "checks": [
            {
                "check": c.name,
                "group": c.group,
                "severity": c.severity,
                "description": c.description,
            }
            for c in CHECKS
            if reference is not None or c.group != "code_list"
        ],
    }
    summary["totals"] = {
        status: sum(1 for d in documents if d["status"] == status) for status in STATUSES
    }
    return summary


def _misread_against_list(
    doc: dict[str, Any], nomenclature: pd.DataFrame | None
) -> list[dict[str, Any]]:
    """Reading doubts of the codes read by OCR that the code list lacks while it has a code one
    digit off: a likely misread digit (``misread_codes``), not the document's own fault. Codes of
    a text layer are the document's own and are never doubted so."""
    ocr_pages = set(doc.get("ocr_pages") or [])
    if nomenclature is None or nomenclature.empty or not ocr_pages:
        return []
    rows = nomenclature[
        (nomenclature["doc_id"] == doc["doc_id"])
        & ~nomenclature["found"].astype(bool)
        & nomenclature["one_digit_off"].map(lambda off: isinstance(off, str))
        & nomenclature["page"].isin(ocr_pages)
    ]
    return [
        {
            "check": "misread_codes",
            "page": int(row["page"]),
            "node_ids": [row["node_id"]],
            "message": f"kode {row['kode']}, read by OCR, is not in the code list, which has "
            f"{row['one_digit_off']} (one digit off): a likely misread digit; the code is kept "
            "as read",
        }
        for _, row in rows.iterrows()
    ]


def _document_checks(
    doc_id: str, outcomes: list[CheckOutcome], global_failures: list[Failure]
) -> list[dict[str, Any]]:
    checks: dict[str, dict[str, Any]] = {}
    for outcome in outcomes:
        check = outcome.check
        entry = checks.setdefault(
            check.name,
            {
                "check": check.name,
                "group": check.group,
                "severity": check.severity,
                "success": True,
                "checked": 0,
                "failures": [],
            },
        )
        entry["checked"] += outcome.checked.get(doc_id, 0)
        if outcome.error:
            entry["success"] = False
            entry["failures"].append(
                Failure(
                    check.name, check.severity, doc_id, f"check failed to run: {outcome.error}"
                ).record()
            )
        for failure in outcome.failures:
            if failure.doc_id == doc_id:
                entry["failures"].append(failure.record())
    for failure in global_failures:
        entry = checks.setdefault(
            failure.check,
            {"check": failure.check, "group": "schema", "severity": failure.severity,
             "success": True, "checked": 0, "failures": []},
        )  # fmt: skip
        entry["failures"].append(failure.record())
    for entry in checks.values():
        entry["success"] = entry["success"] and not entry["failures"]
    return list(checks.values())


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The output tables of a folder, with their Arrow types."""
    return {t: read_file_table(out_dir / f"{t}.parquet") for t in TABLES}


def validate_dir(
    out_dir: Path,
    *,
    code_list: Path | None = None,
    summary: dict[str, Any] | None = None,
    data_docs: bool = True,
    clock: Stopwatch | None = None,
) -> dict[str, Any]:
    """Validate the tables in ``out_dir`` and write the summary, Data Docs, reports and package.

    ``summary`` is the extraction's summary when called from a run; otherwise the folder's
    ``validation/summary.json`` is read (its documents, statuses and stated totals). The Data
    Docs are built when ``data_docs``, and otherwise only to keep Data Docs already there true
    to changed tables or code list. ``clock`` is given the seconds of each stage.
    """
    clock = clock or Stopwatch()
    previous = _recorded_summary(out_dir)
    if summary is None:
        summary = json.loads((out_dir / SUMMARY_PATH).read_text(encoding="utf-8"))
        for doc in summary["documents"]:  # validation starts again from the extraction's status
            if doc["status"] in ("invalid", "suspect"):
                doc["status"] = "ok"
    stages.info("validating")
    reference = load_code_list(code_list) if code_list else None
    summary.setdefault("validation", {})["code_list"] = str(code_list) if code_list else None
    with clock.stage("read_tables"):
        tables = read_tables(out_dir)
    docs = out_dir / DATA_DOCS_PATH
    build = data_docs or (docs.is_dir() and _changed(previous, summary))
    with tempfile.TemporaryDirectory(prefix=".data_docs.", dir=out_dir) as tmp:
        docs_tmp = Path(tmp) / "site"
        summary = validate_tables(
            tables,
            summary,
            reference=reference,
            extra_failures=schema_failures(out_dir),
            docs_dir=docs_tmp if build else None,
            clock=clock,
        )
        if build:
            _replace_dir(docs_tmp, docs)
    stages.info("writing reports")
    with clock.stage("reports"):
        write_unread(summary, out_dir / UNREAD_PATH)
        write_reports(tables, summary, out_dir / REPORTS_PATH)
    with clock.stage("documents_and_package"):
        write_documents(out_dir, summary, tables)
        write_datapackage(out_dir, summary)
    with clock.stage("summary"):
        text = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
        atomic_write_text(out_dir / SUMMARY_PATH, text)
    return summary


def _recorded_summary(out_dir: Path) -> dict[str, Any]:
    """The folder's ``validation/summary.json``, empty when there is none or it is unreadable."""
    try:
        found = json.loads((out_dir / SUMMARY_PATH).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _changed(previous: dict[str, Any], summary: dict[str, Any]) -> bool:
    """Whether the tables or the code list differ from those of the recorded summary (a
    revalidation of the same folder has the same tables: checked against a new code list, its
    results change)."""
    if summary.get("tables") is not None and previous.get("tables") != summary.get("tables"):
        return True
    return previous.get("validation", {}).get("code_list") != summary["validation"]["code_list"]


def _replace_dir(new: Path, target: Path) -> None:
    """Put a freshly built folder in place of ``target``, never leaving it half written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
