"""Extract one document in a separate process, with a time limit and a memory cap.

A hostile or pathological PDF (a decompression bomb, thousands of pages, a parser loop) can only
exhaust its own worker: the worker is killed at the time limit, its memory is capped with
``RLIMIT_DATA``, and the run goes on with the document rejected and the reason recorded. The
worker hands back JSON and Parquet files written by this project's code, never a pickle, so
nothing a document contains is ever executed or unpickled by the parent.

Run by hand as ``python -m renja.worker PDF RESULT_DIR MEMORY_MB``.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from renja.files import atomic_write_text, display_name, file_sha256
from transform.fields import TABLES

if TYPE_CHECKING:  # the extraction's modules: imported by the worker alone
    from extract.document import PageProgress

__all__ = [
    "DocumentOutcome",
    "Limits",
    "extract_isolated",
    "limit_rejection",
    "rejected",
    "start_workers",
]

_RESULT = "result.json"  # written last, whole or not at all
# The exit code a forkserver's process gives when its status is lost on the way back (on a
# loaded machine: CPython issue 140867); the worker's own code never exits with it.
_STATUS_LOST = 255
_TIMINGS = "timings.json"  # seconds per stage of the worker
_PROGRESS = "progress.json"  # how far the worker has read: {"stage", "done", "total"}
_POLL_S = 0.25  # how often the parent looks at the worker's progress
log = logging.getLogger("renja")


@dataclass(frozen=True)
class Limits:
    """Per-document limits of a worker process."""

    timeout_s: float = 300.0
    memory_mb: int = 3072

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.memory_mb < 256:
            raise ValueError("timeout must be positive and the memory cap at least 256 MB")


@dataclass
class DocumentOutcome:
    """What the outputs need of one document: its summary entry and its rows."""

    entry: dict[str, Any]
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage, when extracted now

    @property
    def doc_id(self) -> str:
        return str(self.entry.get("doc_id") or "")

    @property
    def status(self) -> str:
        return str(self.entry["status"])

    @property
    def source_file(self) -> str:
        return str(self.entry["source_file"])


def rejected(path: Path, reason: str, sha256: str | None = None) -> DocumentOutcome:
    """The outcome of a document that could not be read."""
    from renja.process import DocumentResult  # the extraction's modules: not in the run's process

    doc_id = sha256[:16] if sha256 else ""
    result = DocumentResult(display_name(path), doc_id, "rejected", reason, sha256=sha256)
    return DocumentOutcome(result.summary())


_LIMIT = "limit --"  # in the reason of a rejection by --timeout or --memory-mb


def limit_rejection(reason: str) -> bool:
    """Whether a document was rejected by a limit of this run rather than for what it is: such
    a rejection is not remembered, and the next run tries the document again."""
    return _LIMIT in reason


# Workers are forked from a server process that has imported the parsers once: a worker starts
# in milliseconds, without inheriting the threads or state of the process that asks for it.
_WORKERS = multiprocessing.get_context("forkserver")
_WORKERS.set_forkserver_preload(["renja.process"])


def start_workers() -> None:
    """Start the process that workers are forked from, so that its imports (the parsers) run
    while the run does other things (its Prefect server starts)."""
    multiprocessing.forkserver.ensure_running()


def extract_isolated(
    path: Path,
    limits: Limits,
    sha256: str | None = None,
    progress: PageProgress | None = None,
) -> DocumentOutcome:
    """Extract ``path`` in a worker process; any failure of the worker rejects the document.

    ``progress`` is told, from this process, how far the worker has read (see ``process_pdf``).
    """
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="renja-worker-") as tmp:
        path = _readable_name(path, Path(tmp))
        watch = _ProgressWatch(Path(tmp) / _PROGRESS, progress)
        exitcode = _run_worker(path, Path(tmp), limits, watch)
        if exitcode not in (0, None) and not (Path(tmp) / "stderr.log").exists():
            # Gone before its first line (which opens its log): it never saw the document. A
            # process that fails to start on a loaded machine is started once more.
            log.warning("%s: worker exited %s before it started; starting another", path, exitcode)
            exitcode = _run_worker(path, Path(tmp), limits, watch)
        started = (Path(tmp) / "stderr.log").exists()
        silent = started and not _read(Path(tmp) / "stderr.log").strip()
        if silent and exitcode == _STATUS_LOST and not (Path(tmp) / _RESULT).exists():
            # lost, not failed: it left no result and said nothing; once more
            log.warning("%s: the worker's exit status was lost; starting another", path)
            _clear(Path(tmp))
            exitcode = _run_worker(path, Path(tmp), limits, watch)
        if exitcode == _STATUS_LOST and (Path(tmp) / _RESULT).exists():
            exitcode = 0  # the worker wrote its result, its last step: only the status was lost
        worked = time.perf_counter()
        if exitcode is None:
            return rejected(
                path, f"timed out after {limits.timeout_s:g} s (limit --timeout)", sha256
            )
        stderr = _read(Path(tmp) / "stderr.log")
        result = Path(tmp) / _RESULT
        if exitcode != 0 and not (Path(tmp) / "stderr.log").exists():
            return rejected(path, f"worker could not start (exit {exitcode}), twice", sha256)
        if exitcode != 0 or not result.exists():
            reason = _death(exitcode, stderr, limits)
            log.warning("%s: %s\n%s", path, reason, stderr[-2000:])
            return rejected(path, reason, sha256)
        entry = json.loads(result.read_text(encoding="utf-8"))
        if str(entry.get("reason") or "").startswith("could not be processed"):
            # an internal error, not a fault of the document: keep the worker's traceback
            log.error("%s (%s): %s\n%s", path, entry.get("doc_id"), entry["reason"],
                      stderr[-4000:])  # fmt: skip
        frames = {
            name: pd.read_parquet(Path(tmp) / f"{name}.parquet", dtype_backend="pyarrow")
            for name in TABLES
            if (Path(tmp) / f"{name}.parquet").exists()
        }
        seconds = {"worker": worked - start, **_timings(Path(tmp) / _TIMINGS)}
        seconds["handoff"] = seconds.get("handoff", 0.0) + time.perf_counter() - worked
        return DocumentOutcome(entry, frames, {k: round(v, 3) for k, v in seconds.items()})


def _timings(path: Path) -> dict[str, float]:
    """The worker's seconds per stage (absent when it wrote none)."""
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): float(v) for k, v in found.items() if isinstance(v, int | float)}


def _readable_name(path: Path, tmp: Path) -> Path:
    """``path``, or a link to it under its printable name when its name is not UTF-8 (the
    name is recorded in every row, and JSON and Parquet hold text only)."""
    name = display_name(path)
    if name == path.name:
        return path
    (tmp / "input").mkdir()
    link = tmp / "input" / name
    link.symlink_to(path.resolve())
    return link


class _ProgressWatch:
    """Passes on what the worker writes into its progress file, each change once."""

    def __init__(self, file: Path, progress: PageProgress | None) -> None:
        self.file = file
        self.progress = progress
        self.seen: tuple[str, int, int] | None = None

    def __call__(self) -> None:
        if self.progress is None:
            return
        try:
            state = json.loads(self.file.read_text(encoding="utf-8"))
            current = (str(state["stage"]), int(state["done"]), int(state["total"]))
        except (OSError, ValueError, KeyError, TypeError):
            return  # not written yet
        if current != self.seen:
            self.seen = current
            self.progress(*current)


def _waiting(
    alive: Callable[[float], bool], kill: Callable[[], None], limits: Limits, watch: _ProgressWatch
) -> bool:
    """Wait for a worker, passing on its progress; False when it was killed at the time limit.
    ``alive(seconds)`` waits up to that long and tells whether the worker still runs."""
    deadline = time.monotonic() + limits.timeout_s
    while True:
        left = deadline - time.monotonic()
        running = alive(max(0.0, min(_POLL_S, left)))
        watch()
        if not running:
            return True
        if left <= _POLL_S:
            kill()
            return False


def _run_worker(path: Path, tmp: Path, limits: Limits, watch: _ProgressWatch) -> int | None:
    """Run the worker to its end and return its exit code; None when it was killed at the
    time limit. A daemonic process (a Dask worker) may not fork children of its own, so there
    the worker is a fresh interpreter instead."""
    if not multiprocessing.current_process().daemon:
        process = _WORKERS.Process(target=_work, args=(str(path), str(tmp), limits.memory_mb))
        process.start()

        def alive(seconds: float) -> bool:
            process.join(seconds)
            return process.is_alive()

        def kill() -> None:
            process.kill()
            process.join()

        return process.exitcode if _waiting(alive, kill, limits, watch) else None
    command = [sys.executable, "-m", "renja.worker", str(path), str(tmp), str(limits.memory_mb)]
    with (tmp / "stderr.log").open("wb") as log_file:
        child = subprocess.Popen(command, stdout=log_file, stderr=log_file, start_new_session=True)

        def waits(seconds: float) -> bool:
            try:
                child.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                return True
            return False

        def killpg() -> None:
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()

        return child.returncode if _waiting(waits, killpg, limits, watch) else None


def _clear(tmp: Path) -> None:
    """Remove what a lost worker left in its folder, before another starts there."""
    for item in tmp.iterdir():
        if item.is_file():  # not the folder that links a name that is not UTF-8
            item.unlink()


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _work(path: str, out: str, memory_mb: int) -> None:
    """The worker: its output goes to a log file, its memory is capped, then it extracts."""
    log_fd = os.open(os.path.join(out, "stderr.log"), os.O_WRONLY | os.O_CREAT, 0o600)
    os.dup2(log_fd, 1)
    os.dup2(log_fd, 2)
    sys.exit(main([path, out, str(memory_mb)]))


def _death(returncode: int, text: str, limits: Limits) -> str:
    if "MemoryError" in text or returncode == -signal.SIGKILL:
        return f"worker ran out of memory (cap {limits.memory_mb} MB, limit --memory-mb)"
    if returncode < 0:  # a native parser aborts when an allocation fails under the cap
        return (
            f"worker died of signal {signal.Signals(-returncode).name} (a parser crash, or memory "
            f"over the cap of {limits.memory_mb} MB, limit --memory-mb)"
        )
    last = text.strip().splitlines()[-1:] or ["no message"]
    return f"worker failed (exit {returncode}): {last[0][:200]}"


class _ProgressFile:
    """The worker's side of progress: the latest state in a small file, replaced atomically,
    at most every ``_POLL_S`` seconds but always at the end of a stage."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.written = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.written < _POLL_S:
            return
        self.written = now
        atomic_write_text(self.file, json.dumps({"stage": stage, "done": done, "total": total}))


def main(argv: list[str]) -> int:
    """Worker entry point: extract one PDF and write its outcome into a folder."""
    from extract.damage import damage
    from renja.process import DocumentResult, process_pdf

    path, out, memory_mb = Path(argv[0]), Path(argv[1]), int(argv[2])
    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    reason = damage(path)
    if reason is not None:
        sha256 = file_sha256(path)
        result = DocumentResult(path.name, sha256[:16], "rejected", reason, sha256=sha256)
    else:
        result = process_pdf(path, _ProgressFile(out / _PROGRESS))
    with result.seconds.stage("handoff"):  # the results' files, read back by the parent
        for name, frame in result.frames.items():
            frame.to_parquet(out / f"{name}.parquet", index=False)
        summary = json.dumps(result.summary(), ensure_ascii=False)
    (out / _TIMINGS).write_text(json.dumps(result.seconds.rounded()), encoding="utf-8")
    atomic_write_text(out / _RESULT, summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
