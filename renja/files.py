"""Files written whole or not at all: each goes to a temporary file first, then is renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["SUMMARY_PATH", "atomic_write", "atomic_write_text"]

SUMMARY_PATH = Path("validation") / "summary.json"
_UMASK = os.umask(0)
os.umask(_UMASK)


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` on a temporary path beside ``target``, then rename it into place."""
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


def atomic_write_text(target: Path, text: str) -> None:
    """Write UTF-8 text to ``target`` atomically."""
    atomic_write(target, lambda p: p.write_text(text, encoding="utf-8"))
