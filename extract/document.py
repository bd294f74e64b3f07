"""Open a PDF safely, identify it by content, and read the text of its pages cheaply."""

from __future__ import annotations

import ctypes
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = [
    "DocumentError",
    "PageProgress",
    "PageText",
    "content_hash",
    "counted",
    "page_texts",
    "probe_pdf",
]

# Told how far the reading of a document has got: (stage, pages done, pages in the stage).
PageProgress = Callable[[str, int, int], None]


def counted(items: Iterable[int], stage: str, progress: PageProgress | None) -> Iterator[int]:
    """``items`` (pages), telling ``progress`` how many were done each time the next one is
    taken, and once more when all are."""
    numbers = list(items)
    for done, number in enumerate(numbers):
        if progress is not None:
            progress(stage, done, len(numbers))
        yield number
    if progress is not None:
        progress(stage, len(numbers), len(numbers))


# Control codes but white space, private use, the replacement character (and pdfminer's
# ``(cid:7)``, one per glyph, where a text layer is read by it).
_UNMAPPED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000-\uf8ff\ufffd]|\(cid:\d+\)")
_AMOUNT_TOKEN = re.compile(r"\d{1,3}(?:[.,]\d{3}){2,}")


class DocumentError(Exception):
    """A document that cannot be processed; the message is the reason shown to the user."""


@dataclass(frozen=True)
class PageText:
    """The text layer of one page (1-based number) and its size in points."""

    number: int
    text: str
    width: float
    height: float
    images: int = 0
    # printable characters of ``text`` drawn invisible (render mode 3) on a page with an image:
    # the OCR text that a scanner or another program laid over a scan, not what the page prints
    hidden: int = 0

    @property
    def printed(self) -> int:
        """How many printable characters the page's text layer shows."""
        return len("".join(self.text.split())) - self.hidden

    @property
    def unmapped(self) -> int:
        """How many characters of the text layer are no character a page prints: control
        codes, private use, the replacement character. A font embedded without a map from its
        glyph codes to characters (no ``ToUnicode``) gives its codes instead."""
        return len(_UNMAPPED.findall(self.text))

    @property
    def amount_tokens(self) -> int:
        """How many amount-like numbers (``2.730.000.000``) the page prints."""
        return len(_AMOUNT_TOKEN.findall(self.text))


def content_hash(path: Path) -> str:
    """The SHA-256 of the file's bytes, hex: the document's identity whatever its name."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def probe_pdf(path: Path) -> None:
    """Reject what is not a readable PDF before any parser spends time on it."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror}") from exc
    if size == 0:
        raise DocumentError("empty file")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise DocumentError("not a PDF (no %PDF- header)")


def page_texts(path: Path, progress: PageProgress | None = None) -> list[PageText]:
    """Text of every page through PDFium, which is fast enough to scan a whole document;
    ``progress`` is told of each page as stage ``text``."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise DocumentError("encrypted PDF (password required)") from exc
        raise DocumentError(f"unreadable PDF: {message}") from exc
    try:
        pages = []
        for index in counted(range(len(pdf)), "text", progress):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
                try:
                    text = textpage.get_text_bounded()
                    hidden = _hidden_characters(page, textpage) if images else 0
                finally:
                    textpage.close()
                width, height = page.get_size()
            finally:
                page.close()
            pages.append(PageText(index + 1, text, width, height, images, hidden))
        return pages
    finally:
        pdf.close()


def _hidden_characters(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> int:
    """The printable characters of the page's text objects drawn invisible (render mode 3), as
    scanners, Acrobat's text recognition, ocrmypdf and Tesseract lay their OCR over a scan's
    image: the text is searchable, and what the page prints is the image."""
    count = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw)
        if mode != pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE:
            continue
        size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes, UTF-16
        if size <= 2:
            continue
        buffer = ctypes.create_string_buffer(size)
        pointer = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
        pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, pointer, size)
        text = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
        count += len("".join(text.split()))
    return count
