"""Progress over the documents of a run: a bar on a terminal, one plain line per document in a
log (key=value pairs, for schedulers), and the counts for the final summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from renja.worker import DocumentOutcome

__all__ = ["ProgressReporter", "progress_reporter"]


class ProgressReporter:
    """Called by the flow once per document: ``processed``, ``skipped`` or ``rejected``."""

    def __init__(self, console: Console, bar: Progress | None = None, task: Any = None) -> None:
        self.console = console
        self.bar = bar
        self.task = task
        self.counts: Counter[str] = Counter()

    def __call__(self, event: str, outcome: DocumentOutcome) -> None:
        self.counts[event] += 1
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"{event} {outcome.source_file}")
        else:
            self.console.print(
                f"renja event={event} file={outcome.source_file!r} doc_id={outcome.doc_id} "
                f"status={outcome.status}",
                markup=False,
                highlight=False,
            )


@contextmanager
def progress_reporter(console: Console, total: int | None = None) -> Iterator[ProgressReporter]:
    """A reporter with a progress bar when ``console`` is a terminal, plain lines otherwise."""
    if not console.is_terminal:
        yield ProgressReporter(console)
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    with bar:
        yield ProgressReporter(console, bar, bar.add_task("documents", total=total))
