"""Progress over the documents of a run: a bar on a terminal, one plain line per document in a
log (key=value pairs, for schedulers), and the counts for the final summary line.

Within a document being read, the bar shows a second line per document with its pages (text
layer, OCR, tables); in a log, a document that takes long gets a ``pages`` line every
``heartbeat_s`` seconds, so that a scheduler sees it is still moving.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from renja.files import printable
from renja.worker import DocumentOutcome

__all__ = ["ProgressReporter", "progress_reporter"]

_STAGES = {"text": "text layer", "ocr": "OCR", "tables": "tables"}


class ProgressReporter:
    """Told by the flow of each document (``processed``, ``skipped`` or ``rejected``) and of the
    pages of the documents being read."""

    def __init__(
        self,
        console: Console,
        bar: Progress | None = None,
        task: Any = None,
        heartbeat_s: float = 10.0,
    ) -> None:
        self.console = console
        self.bar = bar
        self.task = task
        self.heartbeat_s = heartbeat_s
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()  # documents are read on several threads
        self._page_tasks: dict[str, Any] = {}
        self._last_line: dict[str, float] = {}  # per document read: its start, then its last line
        self.current_stage = ""

    def __call__(self, event: str, outcome: DocumentOutcome) -> None:
        with self._lock:
            self.counts[event] += 1
            name = outcome.source_file
            self._last_line.pop(name, None)
            if self.bar is not None:
                page_task = self._page_tasks.pop(name, None)
                if page_task is not None:
                    self.bar.remove_task(page_task)
                description = escape(f"reading: {event} {printable(name)}")
                self.bar.update(self.task, advance=1, description=description)
                return
        # Until validation has run a document read is only that: its status (ok, invalid,
        # suspect) is told on the lines written after it.
        stage = "rejected" if outcome.status == "rejected" else "read"
        self._line(f"event={event} file={name!r} doc_id={outcome.doc_id} status={stage}")

    def pages(self, source_file: str, stage: str, done: int, total: int) -> None:
        label = _STAGES.get(stage, stage)
        with self._lock:
            if self.bar is not None:
                description = escape(f"  {printable(source_file)}: {label}")
                page_task = self._page_tasks.get(source_file)
                if page_task is None:
                    self._page_tasks[source_file] = self.bar.add_task(
                        description, total=total, completed=done
                    )
                else:
                    self.bar.update(page_task, description=description, total=total,
                                    completed=done)  # fmt: skip
                return
            now = time.monotonic()
            if now - self._last_line.setdefault(source_file, now) < self.heartbeat_s:
                return
            self._last_line[source_file] = now
        self._line(f"event=pages file={source_file!r} stage={stage} done={done} total={total}")

    def stage(self, text: str) -> None:
        """The stage the run is at: the bar's first line on a terminal, a line otherwise."""
        with self._lock:
            self.current_stage = text
            if self.bar is not None:
                self.bar.update(self.task, description=text)
                return
        self._line(f"event=stage stage={text!r}")

    def _line(self, text: str) -> None:
        self.console.print(f"renja {text}", markup=False, highlight=False)


class _StageHandler(logging.Handler):
    """Passes the stages the run logs (``renja.stage``) to the reporter."""

    def __init__(self, reporter: ProgressReporter) -> None:
        super().__init__(logging.INFO)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        self.reporter.stage(record.getMessage())


@contextmanager
def _stages_to(reporter: ProgressReporter) -> Iterator[ProgressReporter]:
    logger = logging.getLogger("renja.stage")
    handler = _StageHandler(reporter)
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        yield reporter
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


@contextmanager
def _prefect_logs_through(console: Console) -> Iterator[None]:
    """While the bar is drawn, Prefect's console log lines go through the bar's console, which
    prints them above the bar instead of into it."""
    swapped = []
    for logger in [
        logging.getLogger(),
        *map(logging.getLogger, list(logging.Logger.manager.loggerDict)),
    ]:
        for handler in getattr(logger, "handlers", []):
            if hasattr(handler, "console") and isinstance(handler.console, Console):
                swapped.append((handler, handler.console))
                handler.console = console
    try:
        yield
    finally:
        for handler, own in swapped:
            handler.console = own


@contextmanager
def progress_reporter(console: Console, total: int | None = None) -> Iterator[ProgressReporter]:
    """A reporter with a progress bar when ``console`` is a terminal, plain lines otherwise;
    either way it shows the stage the run is at (starting Prefect's server, reading, validating,
    writing reports)."""
    if not console.is_terminal:
        with _stages_to(ProgressReporter(console)) as reporter:
            yield reporter
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    reporter = ProgressReporter(console, bar, bar.add_task("starting", total=total))
    with bar, _prefect_logs_through(console), _stages_to(reporter):
        yield reporter
