"""Documents read once per test run: ``processed(path)`` is ``process_pdf(path)``, computed by
whichever pytest-xdist worker asks first and shared with the others through a file cache.

The same documents (the sample, the real documents of ../shared/real) are read by several test
files; each reading costs seconds to minutes. The cache lives in the run's temporary folder
(``FOLDER``, set by conftest.py), so it never outlives the run, and it is keyed by the
pipeline's fingerprint and the document's bytes and name, the whole input of ``process_pdf``.
Each caller gets its own copy of the result, so a test that changes it changes nobody else's.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
from pathlib import Path

from extract.document import content_hash
from renja.fingerprint import fingerprint
from renja.process import DocumentResult, process_pdf

__all__ = ["FOLDER", "processed"]

# The folder shared by the workers of this run; None outside pytest (no cache).
FOLDER: Path | None = None


def processed(path: Path) -> DocumentResult:
    """``process_pdf(path)``, read at most once per test run (see the module's docstring)."""
    if FOLDER is None:
        return process_pdf(path)
    name = hashlib.sha256(os.fsencode(path.name)).hexdigest()
    key = f"{fingerprint()}-{content_hash(path)[:32]}-{name[:16]}"
    cached = FOLDER / f"{key}.pickle"
    with open(FOLDER / f"{key}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker reading the same document: wait for it
        if not cached.exists():
            result = process_pdf(path)
            partial = cached.with_suffix(f".{os.getpid()}.partial")
            partial.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            partial.replace(cached)
            return result
    return pickle.loads(cached.read_bytes())  # written by this test run only
