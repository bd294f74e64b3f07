"""Write a run's tables and summary, each to a temporary file first, then renamed into place."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from renja import __version__
from renja.process import DocumentResult
from transform.fields import TABLES, arrow_schema, empty_frame

__all__ = ["SUMMARY_PATH", "write_outputs"]

SUMMARY_PATH = Path("validation") / "summary.json"
_UMASK = os.umask(0)
os.umask(_UMASK)


def _atomic_write(target: Path, write: Any) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _table(results: list[DocumentResult], name: str) -> pa.Table:
    frames = [r.frames[name] for r in results if r.frames]
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame(name)
    frame = frame.sort_values([c for c in ("doc_id", "node_id") if c in frame.columns],
                              kind="stable")  # fmt: skip
    return pa.Table.from_pandas(frame, schema=arrow_schema(name), preserve_index=False)


def _without_repeats(results: list[DocumentResult]) -> list[DocumentResult]:
    """The same document under two names (same content hash) gives its rows once; the
    repeat is listed with ``duplicate_of`` so that every input stays accounted for."""
    first: dict[str, DocumentResult] = {}
    for result in results:
        if not result.doc_id or result.status != "ok":
            continue
        if result.doc_id in first:
            result.duplicate_of = first[result.doc_id].source_file
            result.frames = {}
        else:
            first[result.doc_id] = result
    return results


def write_outputs(results: Iterable[DocumentResult], out_dir: Path) -> dict[str, Any]:
    """Write the tables (programs, indicators, budgets, proposals) over all documents, and
    ``validation/summary.json``.

    Returns the summary. Rejected documents contribute no rows but are listed with their reason.
    """
    results = _without_repeats(sorted(results, key=lambda r: (r.source_file, r.doc_id)))
    for name in TABLES:
        table = _table(results, name)
        _atomic_write(out_dir / f"{name}.parquet", lambda p, t=table: pq.write_table(t, p))
    documents = [r.summary() for r in results]
    summary = {
        "pipeline_version": __version__,
        "documents": documents,
        "totals": {
            status: sum(1 for d in documents if d["status"] == status)
            for status in ("ok", "invalid", "rejected")
        },
    }
    text = json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    _atomic_write(out_dir / SUMMARY_PATH, lambda p: p.write_text(text, encoding="utf-8"))
    return summary
