"""Write a run's tables, validate them, and write the summary last.

Every file goes to a temporary name first and is renamed into place, and ``summary.json`` is
renamed last, recording the SHA-256 of each table it describes: a run killed at any point leaves
every file complete and readable, and a summary that does not match its tables tells the next run
to extract everything again instead of trusting them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from renja import __version__
from renja.files import SUMMARY_PATH, NotARegularFile, file_sha256
from renja.fingerprint import fingerprint
from renja.timing import Stopwatch, write_timings
from renja.worker import DocumentOutcome, limit_rejection
from transform.fields import TABLES, empty_frame, file_schema, file_table, read_file_table

if TYPE_CHECKING:  # the extraction's modules: not imported in the run's process
    from renja.process import DocumentResult

__all__ = ["previous_outcomes", "remove_leftovers", "write_outputs"]


def _table(outcomes: list[DocumentOutcome], name: str) -> pa.Table:
    frames = [o.frames[name] for o in outcomes if o.frames.get(name) is not None]
    frames = [f for f in frames if not f.empty]
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame(name)
    frame = frame.sort_values([c for c in ("doc_id", "node_id") if c in frame.columns],
                              kind="stable")  # fmt: skip
    return file_table(frame, name)


def _without_repeats(outcomes: list[DocumentOutcome]) -> list[DocumentOutcome]:
    """The same document under two names (same content hash) gives its rows once; the
    repeat is listed with ``duplicate_of`` so that every input stays accounted for."""
    first: dict[str, DocumentOutcome] = {}
    for outcome in outcomes:
        outcome.entry.pop("duplicate_of", None)
        if not outcome.doc_id or outcome.status == "rejected":
            continue
        if outcome.doc_id in first:
            outcome.entry["duplicate_of"] = first[outcome.doc_id].source_file
            outcome.frames = {}
        else:
            first[outcome.doc_id] = outcome
    return outcomes


_LEFTOVER = re.compile(
    r"^\.(?:[\w.-]+\.(?:parquet|json|html|csv)\.\w+|data_docs\.\w+|data_docs\.old)$"
)


def remove_leftovers(out_dir: Path) -> None:
    """Delete the temporary files and folders a killed run left in an output folder."""
    for folder in (out_dir, out_dir / "validation", out_dir / "validation" / "reports"):
        if not folder.is_dir():
            continue
        for item in folder.iterdir():
            if _LEFTOVER.match(item.name):
                if item.is_dir():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink(missing_ok=True)


def _outcome(item: DocumentOutcome | DocumentResult) -> DocumentOutcome:
    if isinstance(item, DocumentOutcome):
        return item
    return DocumentOutcome(item.summary(), item.frames, item.seconds.rounded())


def write_outputs(
    results: Iterable[DocumentOutcome | DocumentResult],
    out_dir: Path,
    *,
    code_list: Path | None = None,
    data_docs: bool = True,
    seconds: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Write the tables (programs, indicators, budgets, proposals) over all documents, validate
    them, and write the summary, Data Docs (see ``data_docs`` of
    :func:`renja.validate.validate_dir`), audit reports, data package and the timings of the
    run (``seconds``: its stages so far) and of each document extracted.

    Returns the summary. Rejected documents contribute no rows but are listed with their reason.
    """
    clock = Stopwatch()
    started = time.perf_counter()
    outcomes = [_outcome(r) for r in results]
    outcomes = _without_repeats(sorted(outcomes, key=lambda o: (o.source_file, o.doc_id)))
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir)
    staged: list[tuple[Path, Path]] = []
    try:
        for name in TABLES:  # write every table first, then rename them one after the other
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.parquet.", dir=out_dir)
            os.close(fd)
            staged.append((Path(tmp_name), out_dir / f"{name}.parquet"))
            pq.write_table(_table(outcomes, name), tmp_name)
        hashes = {target.name: file_sha256(tmp) for tmp, target in staged}
        for tmp, target in staged:
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
    summary = {
        "pipeline_version": __version__,
        "pipeline_fingerprint": fingerprint(),
        "documents": [o.entry for o in outcomes],
        "tables": hashes,
    }
    clock.add("write_tables", time.perf_counter() - started)
    from renja.validate import validate_dir  # Great Expectations: loaded once it is needed

    summary = validate_dir(
        out_dir, code_list=code_list, summary=summary, data_docs=data_docs, clock=clock
    )
    remove_stale_reports(out_dir, summary)
    documents = [
        {"doc_id": o.doc_id, "source_file": o.source_file, "status": o.status, "seconds": o.seconds}
        for o in outcomes
        if o.seconds
    ]
    write_timings(out_dir, {**(seconds or {}), **clock.rounded()}, documents)
    return summary


_REPORT = re.compile(r"^[0-9a-f]{16}\.html$")


def remove_stale_reports(out_dir: Path, summary: dict[str, Any]) -> None:
    """Delete the audit reports of documents the summary no longer lists (dropped inputs)."""
    reports = out_dir / "validation" / "reports"  # renja.validate.REPORTS_PATH
    if not reports.is_dir():
        return
    kept = {f"{d.get('doc_id')}.html" for d in summary["documents"] if "checks" in d}
    for item in reports.iterdir():
        if _REPORT.match(item.name) and item.name not in kept:
            item.unlink(missing_ok=True)


def _same_columns(path: Path, table: str) -> bool:
    """Whether a written table has the columns and types the field dictionary gives now."""
    found = pq.read_schema(path)
    return [(f.name, f.type) for f in found] == [(f.name, f.type) for f in file_schema(table)]


def previous_outcomes(out_dir: Path) -> dict[str, DocumentOutcome]:
    """The documents an earlier run of this pipeline (same fingerprint: same sources, PDF
    libraries and Tesseract, see ``renja.fingerprint``) extracted into ``out_dir``, by SHA-256,
    with their rows; empty when there is none, when it was another pipeline, or when the tables
    are not those its summary describes (a run killed while writing). A document rejected by a
    limit (time, memory) is not among them: the next run tries it again."""
    try:
        summary = json.loads((out_dir / SUMMARY_PATH).read_text(encoding="utf-8"))
        if summary.get("pipeline_fingerprint") != fingerprint():
            return {}
        recorded = summary.get("tables", {})
        if any(file_sha256(out_dir / f"{t}.parquet") != recorded.get(f"{t}.parquet")
               for t in TABLES):  # fmt: skip
            return {}
        if not all(_same_columns(out_dir / f"{t}.parquet", t) for t in TABLES):
            return {}  # written with other columns (an earlier pipeline): extract again
        tables = {t: read_file_table(out_dir / f"{t}.parquet") for t in TABLES}
    except (OSError, NotARegularFile, ValueError, KeyError, pa.ArrowException):
        return {}  # a table missing, unreadable or replaced: extract again
    previous: dict[str, DocumentOutcome] = {}
    for entry in summary.get("documents", []):
        sha = entry.get("sha256")
        if not sha or entry.get("duplicate_of") or sha in previous:
            continue
        if entry["status"] == "rejected" and limit_rejection(entry.get("reason") or ""):
            continue
        # what validation adds is made again on every write, in the same order as the first time
        entry = {k: v for k, v in entry.items() if k not in ("checks", "first_reason")}
        if entry["status"] in ("invalid", "suspect"):
            entry["status"] = "ok"
        frames = {}
        if entry["status"] != "rejected":
            frames = {
                name: table[table["doc_id"] == entry["doc_id"]].reset_index(drop=True)
                for name, table in tables.items()
            }
        previous[sha] = DocumentOutcome(entry, frames)
    return previous
