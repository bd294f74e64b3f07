"""One pdfplumber parse per page: the readers of a document share its open PDF.

pdfplumber parses a page's content stream the first time its objects are asked for and keeps
them with the page, but only for that ``PDF`` object: the table reader and the checks of the
reading (``extract.coverage``) each opening the file parsed every table page again, most of a
document's time. Inside ``shared_parse()`` every ``open_pdf(path)`` of the same file gives one
PDF, which ``release`` leaves open and the context closes when it ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfplumber

__all__ = ["open_pdf", "release", "shared_parse"]

_shared: dict[Path, Any] | None = None  # the open PDFs of the current scope, by path


@contextmanager
def shared_parse() -> Iterator[None]:
    """Share one open PDF per file among the ``open_pdf`` calls made inside."""
    global _shared
    outer, _shared = _shared, {}
    try:
        yield
    finally:
        opened, _shared = _shared, outer
        for pdf in opened.values():
            pdf.close()


def open_pdf(path: Path) -> Any:
    """``pdfplumber.open(path)``, or inside ``shared_parse()`` the file's shared PDF. Give it
    back with ``release``."""
    if _shared is None:
        return pdfplumber.open(path)
    key = Path(path).resolve()
    if key not in _shared:
        _shared[key] = pdfplumber.open(path)
    return _shared[key]


def release(pdf: Any) -> None:
    """Close a PDF of ``open_pdf`` unless it is shared (its scope closes it)."""
    if pdf is not None and (_shared is None or all(pdf is not p for p in _shared.values())):
        pdf.close()
