"""The pipeline's fingerprint: what the rows of a document depend on besides the document.

An output folder records it; a later run reuses a document's rows only under the same
fingerprint, so that a fix to a reader, or another version of a PDF library or of Tesseract,
reaches the outputs already written.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterable
from functools import lru_cache
from importlib import metadata
from pathlib import Path

__all__ = ["LIBRARIES", "fingerprint", "source_digest"]

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("renja", "flows", "extract", "transform", "expectations")
LIBRARIES = ("pdfplumber", "pdfminer.six", "pypdfium2", "pytesseract")
# Tesseract's language data that OCR reads with (``extract.ocr.OcrSettings``: ``lang`` for the
# page, ``digits_lang`` for the second, digits-only reading)
LANGUAGES = ("ind", "eng")
_SOURCE_SUFFIXES = {".py", ".yml", ".yaml", ".json", ".csv", ".toml", ".txt"}


def source_digest(folders: Iterable[Path]) -> str:
    """SHA-256 over the source files under ``folders``: their paths and their bytes."""
    digest = hashlib.sha256()
    for folder in folders:
        files = sorted(p for p in folder.rglob("*") if p.suffix in _SOURCE_SUFFIXES)
        for path in files:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(path.relative_to(folder.parent).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _tesseract() -> list[str]:
    """Tesseract's version and the SHA-256 of the language data OCR reads with, or "absent"."""
    binary = shutil.which("tesseract")
    if binary is None:
        return ["tesseract absent"]
    try:
        version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                 timeout=60).stdout  # fmt: skip
        langs = subprocess.run([binary, "--list-langs"], capture_output=True, text=True,
                               timeout=60)  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return ["tesseract unusable"]
    first = version.strip().splitlines()[:1] or ["tesseract ?"]
    folder = re.search(r'"([^"]+)"', langs.stdout + langs.stderr)
    out = [first[0]]
    for lang in LANGUAGES:
        data = Path(folder[1]) / f"{lang}.traineddata" if folder else None
        if data is None or not data.is_file():
            out.append(f"{lang} absent")
        else:
            out.append(f"{lang} " + hashlib.sha256(data.read_bytes()).hexdigest())
    return out


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The fingerprint of this installation: its own sources, the PDF libraries' versions,
    Tesseract's version and its language data (first 16 hex digits of a SHA-256)."""
    parts = [source_digest(ROOT / p for p in PACKAGES)]
    parts += [f"{name} {_version(name)}" for name in LIBRARIES]
    parts += _tesseract()
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]
