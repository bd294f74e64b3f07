"""The run as a Prefect flow: which documents, one task each, then the outputs.

No parsing happens here; see ``renja.process`` for what a task does to one document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from renja.output import write_outputs
from renja.process import DocumentResult, process_pdf

__all__ = ["discover_pdfs", "renja_run"]


def discover_pdfs(inputs: list[Path]) -> list[Path]:
    """PDF files named directly or found (recursively) in the given folders, without duplicates."""
    found: dict[Path, None] = {}
    for item in inputs:
        if item.is_dir():
            for path in sorted(item.rglob("*")):
                if path.is_file() and path.suffix.lower() == ".pdf":
                    found[path.resolve()] = None
        else:
            found[item.resolve()] = None
    return list(found)


# No result caching: a document's identity is its content hash, handled by the run itself.
@task(name="process-document", task_run_name="{path.name}", cache_policy=NO_CACHE)
def process_document(path: Path) -> DocumentResult:
    """Extract one document; bad input comes back as a rejected result, never as an exception."""
    return process_pdf(path)


@task(name="write-outputs", cache_policy=NO_CACHE)
def write_run_outputs(
    results: list[DocumentResult], out_dir: Path, code_list: Path | None = None
) -> dict[str, Any]:
    """Write the tables, validate them, and write the summary, reports and data package."""
    return write_outputs(results, out_dir, code_list=code_list)


@flow(name="renja-run", log_prints=False)
def renja_run(inputs: list[Path], out_dir: Path, code_list: Path | None = None) -> dict[str, Any]:
    """Process every PDF under ``inputs``; write validated tables and reports into ``out_dir``."""
    paths = discover_pdfs(inputs)
    results = [process_document(path) for path in paths]
    return write_run_outputs(results, out_dir, code_list)
