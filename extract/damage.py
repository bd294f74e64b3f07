"""Damage that would make a document read as another plan: found before any table is read.

A page whose ``/MediaBox`` or ``/CropBox`` has no area (``[0 0 0 0]``) places every character
outside the page: the readers then disagree on where the page is, and a document so damaged was
read as a different plan (another year, the review table for the plan, every code lost). A page
tree that loops or counts pages it does not hold makes a reader stop at a page that is not
there. Such a document is rejected with a reason a person can act on.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

__all__ = ["damage"]


def _pages(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    more = f" and {len(numbers) - 10} more" if len(numbers) > 10 else ""
    return f"page{'s' if len(numbers) > 1 else ''} {shown}{more}"


def damage(path: Path) -> str | None:
    """Why ``path`` must not be read (a damaged page box or page tree), or None. A file the
    checks cannot open at all is left to the readers, which reject it with their own reason."""
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError:
        return None
    try:
        count = len(document)
        empty = []
        for index in range(count):
            try:
                page = document[index]
            except pdfium.PdfiumError:
                return (
                    f"damaged PDF: page {index + 1} of the {count} its page tree counts cannot "
                    "be loaded (a broken or looping /Pages tree); repair the file (e.g. qpdf) "
                    "and run again"
                )
            boxes = (page.get_mediabox(), page.get_cropbox())
            if any(right - left <= 0 or top - bottom <= 0 for left, bottom, right, top in boxes):
                empty.append(index + 1)
            page.close()
    finally:
        document.close()
    if empty:
        return (
            f"damaged PDF: the page box (/MediaBox or /CropBox) of {_pages(empty)} has no "
            "area, so its content cannot be placed; not read rather than read as another plan"
        )
    try:
        with path.open("rb") as handle:
            parsed = sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(handle))))
    except Exception:  # encryption and syntax errors are the readers' to report
        return None
    if parsed != count:
        return (
            f"damaged PDF: its page tree holds {count} pages for PDFium and {parsed} for "
            "pdfminer (a looping or miscounted /Pages tree); repair the file (e.g. qpdf) and run "
            "again"
        )
    return None
