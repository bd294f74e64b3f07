"""The run as a Prefect flow: which documents, which of them need extracting, one task each, then
the outputs.

No parsing happens here; see ``renja.process`` for what happens to one document and
``renja.worker`` for the process it happens in.
"""

from __future__ import annotations

import importlib
import logging
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError
from prefect.futures import PrefectFuture, as_completed
from prefect.runtime import deployment, flow_run
from prefect.states import Completed, Failed, State

from renja.documents import plan_totals
from renja.files import (
    NotARegularFile,
    discover_pdfs,
    display_name,
    file_sha256,
    output_folder_problem,
    output_lock,
    printable,
    regular_file_problem,
)
from renja.output import previous_outcomes, write_outputs
from renja.timing import Stopwatch
from renja.worker import DocumentOutcome, Limits, extract_isolated, rejected
from transform.fields import enforce_schema

if TYPE_CHECKING:
    from extract.document import PageProgress

__all__ = [
    "Listener",
    "NoInput",
    "OutputUnwritable",
    "RunOptions",
    "discover_pdfs",
    "headline",
    "listening",
    "renja_run",
    "run_name",
]

log = logging.getLogger("renja")
# The stage a run is at, for the command line's status line (as ``renja.validate.stages``).
stages = logging.getLogger("renja.stage")


class Listener(Protocol):
    """Told of each document as it is done, and of the pages of those being read."""

    def __call__(self, event: str, outcome: DocumentOutcome) -> None:
        """``event`` is ``processed``, ``skipped`` or ``rejected``."""

    def pages(self, source_file: str, stage: str, done: int, total: int) -> None:
        """How far the reading of ``source_file`` has got (see ``renja.process.process_pdf``)."""


@dataclass(frozen=True)
class RunOptions:
    """How a run treats its documents (the command line's options)."""

    force: bool = False
    limits: Limits = Limits()
    quarantine: Path | None = None
    code_list: Path | None = None
    data_docs: bool = False


class NoInput(Exception):
    """The inputs hold no PDF: the outputs are left as they are (an empty or unmounted folder
    must not empty the published tables)."""


class OutputUnwritable(Exception):
    """The output folder cannot be written (checked before any work)."""


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only what may succeed a second time: I/O errors, not a document's own faults."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


def _run_name(prefix: str) -> str:
    """A task run's name: its document's file name, escaped (a name that is not UTF-8 cannot
    travel in Prefect's events)."""
    from prefect.runtime import task_run

    return prefix + printable(display_name(Path(task_run.parameters["path"])))


# No result caching: a document's identity is its content hash, handled by the run itself.
@task(name="identify-document", task_run_name=lambda: _run_name("hash "), cache_policy=NO_CACHE,
      retries=3, retry_delay_seconds=[1, 2, 4], retry_condition_fn=_transient)  # fmt: skip
def identify_document(path: Path) -> str:
    """The SHA-256 of the file: the document's identity whatever its name. Only a regular
    file is read (a FIFO or a device would never end): others raise ``NotARegularFile``."""
    return file_sha256(path)


@task(name="extract-document", task_run_name=lambda: _run_name(""), cache_policy=NO_CACHE,
      retries=3, retry_delay_seconds=[1, 2, 4], retry_condition_fn=_transient)  # fmt: skip
def extract_document(path: Path, sha256: str, limits: Limits) -> DocumentOutcome:
    """Extract one document in a worker process; bad input comes back rejected, never raised."""
    return extract_isolated(path, limits, sha256, _page_progress(path.name))


@task(name="write-outputs", cache_policy=NO_CACHE)
def write_run_outputs(
    outcomes: list[DocumentOutcome],
    out_dir: Path,
    code_list: Path | None = None,
    data_docs: bool = False,
    seconds: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Write the tables, validate them, and write the summary, reports and data package."""
    return write_outputs(
        outcomes, out_dir, code_list=code_list, data_docs=data_docs, seconds=seconds
    )


def _reuse(previous: DocumentOutcome, path: Path) -> DocumentOutcome:
    entry = {**previous.entry, "source_file": display_name(path)}
    frames = dict(previous.frames)
    if "programs" in frames:
        renamed = frames["programs"].assign(source_file=display_name(path))
        frames["programs"] = enforce_schema(renamed, "programs")  # the dtypes of a fresh run
    return DocumentOutcome(entry, frames)


def _failed(future: PrefectFuture, path: Path, sha256: str | None) -> DocumentOutcome:
    try:
        return future.result()
    except Exception as exc:  # retries exhausted: the document is reported, the run goes on
        log.warning("%s: %s", display_name(path), exc, exc_info=True)
        return rejected(path, f"could not be read: {type(exc).__name__}: {exc}"[:300], sha256)


def run_name() -> str:
    """The flow run's name: what ran, e.g. ``renja-2026-12-02-3-docs``."""
    inputs = [Path(p) for p in flow_run.parameters.get("inputs", [])]
    count = len(discover_pdfs([p for p in inputs if p.exists()]))
    today = datetime.now(UTC).date().isoformat()
    return f"renja-{today}-{count}-doc{'' if count == 1 else 's'}"


@flow(name="renja-run", flow_run_name=run_name, log_prints=False, validate_parameters=False)
def renja_run(
    inputs: list[str],
    out_dir: str,
    force: bool = False,
    timeout_s: float = Limits.timeout_s,
    memory_mb: int = Limits.memory_mb,
    quarantine: str | None = None,
    code_list: str | None = None,
    strict: bool = False,
    data_docs: bool = False,
) -> State:
    """Extract every PDF under ``inputs`` that this pipeline version has not extracted into
    ``out_dir`` yet (all of them with ``force``); write validated tables and reports.

    Parameters are plain values so that a deployment can carry them (``renja serve``). The
    run ends Completed with the counts (``1 ok, 1 invalid, 0 rejected``) as its message and
    the summary as its result; with ``strict``, Failed unless every document is ok. The
    Great Expectations Data Docs are built with ``data_docs``, or when those already in
    ``out_dir`` would otherwise describe other tables.
    """
    options = RunOptions(
        force=force,
        limits=Limits(timeout_s=timeout_s, memory_mb=memory_mb),
        quarantine=Path(quarantine) if quarantine else None,
        code_list=Path(code_list) if code_list else None,
        data_docs=data_docs,
    )
    summary = _run([Path(p) for p in inputs], Path(out_dir), options)
    return _final_state(summary, Path(out_dir), strict)


def headline(summary: dict[str, Any]) -> str:
    """The counts of a run: ``1 ok, 1 invalid, 0 rejected``."""
    totals = summary["totals"]
    return f"{totals['ok']} ok, {totals['invalid']} invalid, {totals['rejected']} rejected"


def _final_state(summary: dict[str, Any], out_dir: Path, strict: bool) -> State:
    """Tell the run's story where Prefect shows it (artifacts, one log line), and end the run
    Failed under ``strict`` when a document is not ok, else Completed."""
    from renja.validate import REPORTS_PATH

    message = headline(summary)
    reports = out_dir.resolve() / REPORTS_PATH / "index.html"
    totals = plan_totals(out_dir)
    documents = [
        {
            "file": doc["source_file"],
            "status": doc["status"],
            "reason": doc.get("reason") or (f"same as {doc['duplicate_of']}"
                                            if doc.get("duplicate_of") else ""),
            **{k: (doc.get("counts") or {}).get(k, 0)
               for k in ("program", "kegiatan", "sub_kegiatan")},
            "pagu_indikatif": totals.get(doc.get("doc_id") or "", ""),
            "failures": sum(len(c["failures"]) for c in doc.get("checks", [])),
            "report": str(reports.with_name(f"{doc['doc_id']}.html")) if "checks" in doc else "",
        }
        for doc in summary["documents"]
    ]  # fmt: skip
    create_table_artifact(
        documents, key="renja-documents", description=f"Documents of this run: {message}"
    )
    create_markdown_artifact(
        f"## Renja run: {message}\n\n{len(documents)} documents written to `{out_dir.resolve()}`."
        f"\n\nAudit reports: [{reports}]({reports.as_uri()})\n",
        key="renja-summary",
        description=message,
    )
    failed = strict and summary["totals"]["ok"] != len(summary["documents"])
    _run_logger().log(logging.ERROR if failed else logging.INFO, "%s -> %s", message, out_dir)
    if deployment.id:  # a scheduled run of `renja serve`: one line in its output
        print(f"renja run {flow_run.name}: {message} -> {out_dir}", file=sys.stderr, flush=True)
    return (Failed if failed else Completed)(message=message, data=summary)


# Listeners of per-document events (the command line's progress bar). Not flow parameters:
# parameters travel with the flow run context, to Dask workers too, and a console cannot.
# A task on a Dask worker finds none here, so page progress is told in this process only.
_listeners: list[Listener] = []


@contextmanager
def listening(listener: Listener) -> Iterator[None]:
    """Tell ``listener`` of each document, and its pages, of the runs made meanwhile."""
    _listeners.append(listener)
    try:
        yield
    finally:
        _listeners.remove(listener)


def _page_progress(source_file: str) -> PageProgress | None:
    if not _listeners:
        return None
    return partial(_tell_pages, list(_listeners), source_file)


def _tell_pages(
    listeners: list[Listener], source_file: str, stage: str, done: int, total: int
) -> None:
    for listener in listeners:
        listener.pages(source_file, stage, done, total)


def _run(inputs: list[Path], out_dir: Path, options: RunOptions) -> dict[str, Any]:
    paths = discover_pdfs(inputs, exclude=options.quarantine)
    if not paths:
        raise NoInput(f"no PDF files in {', '.join(str(p) for p in inputs)}")
    problem = output_folder_problem(out_dir)
    if problem:
        raise OutputUnwritable(problem)
    with output_lock(out_dir, waiting=partial(_waiting_for, out_dir)):
        return _extract_and_write(paths, out_dir, options)


def _waiting_for(out_dir: Path) -> None:
    log.warning("another run is writing to %s: waiting for it to end", out_dir)


def _extract_and_write(paths: list[Path], out_dir: Path, options: RunOptions) -> dict[str, Any]:
    stages.info("reading")
    # Validation's libraries (Great Expectations: seconds) load while the workers extract.
    validation = threading.Thread(target=importlib.import_module, args=("renja.validate",))
    validation.start()
    clock = Stopwatch()
    with clock.stage("previous"):
        previous = {} if options.force else previous_outcomes(out_dir)
    extracting = time.perf_counter()
    done: list[tuple[Path, DocumentOutcome]] = []
    pending: dict[PrefectFuture, tuple[Path, str]] = {}
    readable = []
    for path in paths:
        problem = regular_file_problem(path)
        if problem is None or problem.startswith("cannot read"):  # an I/O error is retried
            readable.append(path)
        else:  # a FIFO, a device, a folder, a dangling link: never opened
            done.append((path, rejected(path, problem)))
            _tell("rejected", done[-1][1])
    hashes = {identify_document.submit(path): path for path in readable}
    for future in as_completed(list(hashes)):
        path = hashes[future]
        try:
            sha256 = future.result()
        except NotARegularFile as exc:
            done.append((path, rejected(path, str(exc))))
            _tell("rejected", done[-1][1])
            continue
        except Exception as exc:
            reason = f"cannot read file: {getattr(exc, 'strerror', None) or exc}"
            done.append((path, rejected(path, reason[:300])))
            _tell("rejected", done[-1][1])
            continue
        if sha256 in previous:
            done.append((path, _reuse(previous[sha256], path)))
            _tell("skipped", done[-1][1])
        else:
            pending[extract_document.submit(path, sha256, options.limits)] = (path, sha256)
    for future in as_completed(list(pending)):
        path, known = pending[future]
        done.append((path, _failed(future, path, known)))
        _tell("processed", done[-1][1])
    clock.add("extraction", time.perf_counter() - extracting)
    if options.quarantine is not None:
        _quarantine(done, options.quarantine)
    _record_source_paths(done, out_dir)
    with clock.stage("validation_imports"):  # what is left of the import started above
        validation.join()
    stages.info("writing tables")
    outcomes = [outcome for _, outcome in done]
    return write_run_outputs(
        outcomes, out_dir, options.code_list, options.data_docs, clock.rounded()
    )


def _record_source_paths(done: list[tuple[Path, DocumentOutcome]], out_dir: Path) -> None:
    """Each document's input path relative to ``out_dir`` (``source_path`` in the summary), so
    that the reports link to the PDF and show its pages. A path that is no text (a file name
    that is not UTF-8) is left out: the summary is UTF-8, and its report then shows no link."""
    base = out_dir.resolve()
    for path, outcome in done:
        relative = Path(os.path.relpath(path.resolve(), base)).as_posix()
        encoded = relative.encode("utf-8", errors="surrogateescape")
        if encoded.decode("utf-8", errors="replace") != relative:
            continue
        outcome.entry["source_path"] = relative


def _tell(what: str, outcome: DocumentOutcome) -> None:
    for listener in _listeners:
        listener(what, outcome)
    reason = f" ({outcome.entry['reason']})" if outcome.entry.get("reason") else ""
    _run_logger().info("%s %s: %s%s", what, outcome.source_file, outcome.status, reason)


def _run_logger() -> logging.Logger | logging.LoggerAdapter:
    """The flow run's logger, or the module's outside a flow run.

    Its lines go to the Prefect server (the UI shows them) at INFO, whatever the console's
    level, and not to the console, where the command line shows its own progress.
    """
    try:
        logger = get_run_logger()
    except MissingContextError:
        return log
    runs = logging.getLogger("prefect.flow_runs")
    runs.setLevel(min(runs.getEffectiveLevel(), logging.INFO))
    runs.propagate = False
    return logger


def _quarantine(done: list[tuple[Path, DocumentOutcome]], folder: Path) -> None:
    """Copy each rejected input into ``folder`` as ``<doc_id>-<file name>`` (cut to the 255
    bytes a file name may have); the name is the input's own file name, never anything read
    from inside the document. A copy that fails is logged, and the run goes on."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.warning("quarantine folder %s: %s", folder, exc)
        return
    for source, outcome in done:
        if outcome.status != "rejected" or not source.is_file():
            continue
        target = os.path.join(os.fsencode(folder), quarantine_name(outcome.doc_id, source))
        try:
            if not os.path.exists(target):
                shutil.copy2(source, os.fsdecode(target))
        except OSError as exc:
            log.warning("%s: not copied to the quarantine: %s", outcome.source_file, exc)


def quarantine_name(doc_id: str, source: Path, limit: int = 255) -> bytes:
    """``<doc_id>-<file name>`` as the bytes of a file name of at most ``limit`` bytes: a
    long name is cut before its suffix."""
    name = f"{doc_id or 'unread'}-".encode() + os.fsencode(source.name)
    if len(name) <= limit:
        return name
    suffix = os.fsencode(source.suffix)[:16]
    return name[: limit - len(suffix)] + suffix
