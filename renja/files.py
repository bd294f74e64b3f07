"""Files: written whole or not at all (each goes to a temporary file first, then is renamed),
inputs checked before they are opened, names made printable, and the output folder held by one
run at a time."""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "SUMMARY_PATH",
    "NotARegularFile",
    "atomic_write",
    "atomic_write_text",
    "discover_pdfs",
    "display_name",
    "file_sha256",
    "output_folder_problem",
    "output_lock",
    "printable",
    "regular_file_problem",
]

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


def display_name(path: Path) -> str:
    """The file name as text: bytes that are not UTF-8 (kept by Python as surrogate escapes)
    become ``\\xff`` escapes, so that the name can be written to JSON, Parquet and a console."""
    raw = os.fsencode(path.name)
    return raw.decode("utf-8", errors="backslashreplace")


def printable(text: str) -> str:
    """``text`` with control characters (a newline in a file name) escaped, for one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class NotARegularFile(Exception):
    """An input named ``*.pdf`` that is not a regular file (a FIFO, a device, a folder)."""


_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a document without opening it, or None when it can."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "dangling symbolic link" if path.is_symlink() else "file not found"
    except OSError as exc:
        return f"cannot read file: {exc.strerror}"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({_KINDS.get(stat.S_IFMT(mode), 'a special file')})"
    if not os.access(path, os.R_OK):
        return "not readable (permission denied)"
    return None


def file_sha256(path: Path) -> str:
    """The SHA-256 of a regular file, hex. Never blocks on a FIFO or reads a device forever: the
    file is opened without waiting and must be a regular file (:class:`NotARegularFile`)."""
    problem = regular_file_problem(path)
    if problem is not None and not problem.startswith("cannot read"):
        raise NotARegularFile(problem)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the look above
            raise NotARegularFile("not a regular file")
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def output_folder_problem(out_dir: Path) -> str | None:
    """Why the run could not write its outputs into ``out_dir``, or None when it can: checked
    before any work, so that a wrong ``--out`` fails at once."""
    if out_dir.exists() and not out_dir.is_dir():
        return f"--out {out_dir} is not a folder"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        # O_TMPFILE where the file system has it: a file with no name, which a run killed
        # at this moment cannot leave behind
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as exc:
        return f"cannot write to --out {out_dir}: {exc.strerror or exc}"
    return None


@contextmanager
def output_lock(out_dir: Path, waiting: Callable[[], object] | None = None) -> Iterator[None]:
    """Hold the output folder for one run at a time (an ``flock`` on the folder itself, so
    nothing is left behind): a second run on the same folder waits for the first to end, after
    calling ``waiting`` once."""
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def discover_pdfs(inputs: list[Path], exclude: Path | None = None) -> list[Path]:
    """PDF files named directly or found (recursively, following symbolic links, each folder
    once) in the given folders, without duplicates, leaving out the folder ``exclude`` (a
    quarantine folder among the inputs). Every entry named ``*.pdf`` is taken, whatever it is:
    one that is not a regular file is rejected with its reason by the run."""
    skip = os.path.realpath(exclude) if exclude is not None else None
    found: dict[str, Path] = {}
    for item in inputs:
        if not item.is_dir():
            found.setdefault(os.path.realpath(item), Path(os.path.abspath(item)))
            continue
        entries: list[str] = []
        seen: set[tuple[int, int]] = set()
        for folder, dirs, files in os.walk(item, followlinks=True):
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen or os.path.realpath(folder) == skip:
                dirs[:] = []  # a link back to a folder already walked, or the quarantine
                continue
            seen.add((info.st_dev, info.st_ino))
            names = files + [d for d in dirs if d.lower().endswith(".pdf")]
            entries += [os.path.join(folder, n) for n in names if n.lower().endswith(".pdf")]
        for entry in sorted(entries):
            found.setdefault(os.path.realpath(entry), Path(os.path.abspath(entry)))
    return list(found.values())
