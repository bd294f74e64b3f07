"""Write a run's tables and summary, each to a temporary file first, then renamed into place."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from renja import __version__
from renja.files import atomic_write
from renja.process import DocumentResult
from renja.validate import validate_dir
from transform.fields import TABLES, arrow_schema, empty_frame

__all__ = ["write_outputs"]


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


def write_outputs(
    results: Iterable[DocumentResult], out_dir: Path, *, code_list: Path | None = None
) -> dict[str, Any]:
    """Write the three tables over all documents, validate them, and write the summary,
    Data Docs, audit reports and data package (see :func:`renja.validate.validate_dir`).

    Returns the summary. Rejected documents contribute no rows but are listed with their reason.
    """
    results = _without_repeats(sorted(results, key=lambda r: (r.source_file, r.doc_id)))
    for name in TABLES:
        table = _table(results, name)
        atomic_write(out_dir / f"{name}.parquet", partial(pq.write_table, table))
    summary = {
        "pipeline_version": __version__,
        "documents": [r.summary() for r in results],
    }
    return validate_dir(out_dir, code_list=code_list, summary=summary)
