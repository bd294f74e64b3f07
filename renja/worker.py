"""Extract one document in a separate process, with a time limit and a memory cap.

A hostile or pathological PDF (a decompression bomb, thousands of pages, a parser loop) can only
exhaust its own worker: the worker is killed at the time limit, its memory is capped with
``RLIMIT_DATA``, and the run goes on with the document rejected and the reason recorded. The
worker hands back JSON and Parquet files written by this project's code, never a pickle, so
nothing a document contains is ever executed or unpickled by the parent.

Run as ``python -m renja.worker PDF RESULT_DIR``.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from transform.fields import TABLES

__all__ = ["DocumentOutcome", "Limits", "extract_isolated"]

_RESULT = "result.json"
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
    return DocumentOutcome(
        {
            "doc_id": sha256[:16] if sha256 else "",
            "sha256": sha256,
            "source_file": path.name,
            "status": "rejected",
            "reason": reason,
            "opd": None,
            "tahun": None,
            "table_pages": [],
            "pages_not_read": [],
            "stated_totals": [],
        }
    )


def extract_isolated(path: Path, limits: Limits, sha256: str | None = None) -> DocumentOutcome:
    """Extract ``path`` in a worker process; any failure of the worker rejects the document."""
    with tempfile.TemporaryDirectory(prefix="renja-worker-") as tmp:
        command = [sys.executable, "-m", "renja.worker", str(path), tmp, str(limits.memory_mb)]
        process = subprocess.Popen(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: a timeout kills all it started
        )
        try:
            _, stderr = process.communicate(timeout=limits.timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return rejected(
                path, f"timed out after {limits.timeout_s:g} s (limit --timeout)", sha256
            )
        result = Path(tmp) / _RESULT
        if process.returncode != 0 or not result.exists():
            reason = _death(process.returncode, stderr, limits)
            log.warning("%s: %s\n%s", path, reason, stderr.decode("utf-8", "replace")[-2000:])
            return rejected(path, reason, sha256)
        entry = json.loads(result.read_text(encoding="utf-8"))
        if str(entry.get("reason") or "").startswith("could not be processed"):
            # an internal error, not a fault of the document: keep the worker's traceback
            log.error("%s (%s): %s\n%s", path, entry.get("doc_id"), entry["reason"],
                      stderr.decode("utf-8", "replace")[-4000:])  # fmt: skip
        frames = {
            name: pd.read_parquet(Path(tmp) / f"{name}.parquet", dtype_backend="pyarrow")
            for name in TABLES
            if (Path(tmp) / f"{name}.parquet").exists()
        }
        return DocumentOutcome(entry, frames)


def _death(returncode: int, stderr: bytes, limits: Limits) -> str:
    text = stderr.decode("utf-8", "replace")
    if "MemoryError" in text or returncode == -signal.SIGKILL:
        return f"worker ran out of memory (cap {limits.memory_mb} MB, limit --memory-mb)"
    if returncode < 0:  # a native parser aborts when an allocation fails under the cap
        return (
            f"worker died of signal {signal.Signals(-returncode).name} (a parser crash, or memory "
            f"over the cap of {limits.memory_mb} MB, limit --memory-mb)"
        )
    last = text.strip().splitlines()[-1:] or ["no message"]
    return f"worker failed (exit {returncode}): {last[0][:200]}"


def main(argv: list[str]) -> int:
    """Worker entry point: extract one PDF and write its outcome into a folder."""
    path, out, memory_mb = Path(argv[0]), Path(argv[1]), int(argv[2])
    cap = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    from renja.process import process_pdf

    result = process_pdf(path)
    for name, frame in result.frames.items():
        frame.to_parquet(out / f"{name}.parquet", index=False)
    (out / _RESULT).write_text(json.dumps(result.summary(), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
