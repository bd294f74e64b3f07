"""Where a run's time goes: seconds per stage, of each document and of the run.

A run writes them to ``validation/timings.json`` (see docs/validation.md, Timings), beside the
summary rather than in it: the summary of a second run over the same inputs stays
byte-identical, and the timings are the one record of a run that never is.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from renja.files import atomic_write_text

__all__ = ["TIMINGS_PATH", "Stopwatch", "merge_timings", "process_age", "write_timings"]

TIMINGS_PATH = Path("validation") / "timings.json"


def process_age() -> float:
    """Seconds since this process started (its interpreter's start-up included); 0.0 where the
    system does not tell (``/proc`` is Linux's)."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # since boot
        with open("/proc/uptime", encoding="ascii") as uptime:
            return max(0.0, float(uptime.read().split()[0]) - started)
    except (OSError, ValueError, IndexError):
        return 0.0


class Stopwatch:
    """Seconds spent per named stage; a stage timed twice adds up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] = self.seconds.get(stage, 0.0) + seconds

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - start)

    def rounded(self) -> dict[str, float]:
        """The stages in the order they were first timed, to the millisecond."""
        return {name: round(seconds, 3) for name, seconds in self.seconds.items()}


def write_timings(out_dir: Path, run: dict[str, float], documents: list[dict[str, Any]]) -> None:
    """Write ``validation/timings.json``: the run's stages and each extracted document's."""
    record = {"run": run, "documents": documents}
    atomic_write_text(out_dir / TIMINGS_PATH, json.dumps(record, indent=2) + "\n")


def merge_timings(out_dir: Path, run: dict[str, float]) -> None:
    """Add stages of the run measured outside the flow (start-up, the whole) to its timings."""
    path = out_dir / TIMINGS_PATH
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    before = {k: v for k, v in run.items() if k != "total"}
    after = {k: v for k, v in run.items() if k == "total"}
    record["run"] = {**before, **record.get("run", {}), **after}
    atomic_write_text(path, json.dumps(record, indent=2) + "\n")
