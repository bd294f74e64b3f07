"""Open a PDF safely, identify it by content, and read the text of its pages cheaply."""

from __future__ import annotations

import ctypes
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

__all__ = [
    "FOOT_SHARE",
    "OCR_THREADS_VARIABLE",
    "DocumentError",
    "PageProgress",
    "PageText",
    "content_hash",
    "counted",
    "keeps_empty_lines",
    "page_texts",
    "plain",
    "probe_pdf",
    "running_feet",
]

# The cores a document's scanned pages may use (the run sets it for its workers).
OCR_THREADS_VARIABLE = "RENJA_OCR_THREADS"

# Told how far the reading of a document has got: (stage, pages done, pages in the stage).
PageProgress = Callable[[str, int, int], None]


# Makers of PDFs, named in a document's Creator or Producer: office programs, which print a
# cell's lines as typed, an empty line that ends it too, and web browsers and the tools that
# print web pages, which drop a line break that ends a cell (a ``<br>`` closing a block).
_OFFICE = re.compile(r"\b(?:Microsoft|Word|Excel|LibreOffice|OpenOffice|Writer|Calc|WPS)\b", re.I)
_WEB = re.compile(r"Mozilla|Chrome|Chromium|Skia|WebKit|Gecko|Firefox|wkhtmltopdf|WeasyPrint", re.I)


def keeps_empty_lines(metadata: dict[str, Any]) -> bool:
    """Whether a PDF of this metadata (its Creator and Producer) was made by an office program
    (Word, Excel, LibreOffice, WPS), which prints a cell's empty lines as typed, one that ends
    the cell too: a cell set at its row's foot then shows which line each value is on. A web
    browser drops a line break that ends a cell, so that every value of a cell ending in one
    stands a line lower; and a PDF whose maker is not named (rewritten by a tool that drops
    it) may be either."""
    text = " ".join(str(metadata.get(key) or "") for key in ("Creator", "Producer"))
    return bool(_OFFICE.search(text)) and not _WEB.search(text)


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
    # printable characters of ``text`` that a page with an image does not show: drawn invisible
    # (render mode 3) or under an opaque image painted after them; the OCR text that a scanner
    # or another program laid over or under a scan, not what the page prints
    hidden: int = 0
    # the share of the page its images cover (pieces of a tiled scan together), and how many
    # lines the text it shows stands on
    covered: float = 0.0
    lines: int = 0
    # the shapes (path objects) the page draws: rules and fills, and the glyphs of text that
    # was turned into outlines (printed "text as curves"), one shape a glyph or a line
    shapes: int = 0
    # the pieces of text in the page's foot (its lowest sixth as shown, turned as the page
    # is), each with its height over the page's lower edge, in points
    foot: tuple[tuple[float, str], ...] = ()

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
                kinds = Counter(obj.type for obj in page.get_objects())
                images = kinds[pdfium_c.FPDF_PAGEOBJ_IMAGE]
                try:
                    text = textpage.get_text_bounded()
                    foot = _foot(page, textpage)
                    layers = _layers(page, textpage) if images else {}
                finally:
                    textpage.close()
                width, height = page.get_size()
            finally:
                page.close()
            shapes = kinds[pdfium_c.FPDF_PAGEOBJ_PATH]
            pages.append(
                PageText(index + 1, text, width, height, images, shapes=shapes, foot=foot, **layers)
            )
        return pages
    finally:
        pdf.close()


_Box = tuple[float, float, float, float]  # left, bottom, right, top, in points


FOOT_SHARE = 1 / 6  # of a page's height as shown: its foot, where a running foot is printed


def _foot(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> tuple[tuple[float, str], ...]:
    """The pieces of text (PDFium's runs of characters on a line) in the page's foot as shown,
    each with its height over the page's lower edge: a page turned a quarter clockwise
    (``/Rotate 90``) shows its right side at the foot."""
    left, bottom, right, top = page.get_bbox()
    turn = page.get_rotation() % 360
    shown = right - left if turn in (90, 270) else top - bottom
    out = []
    for index in range(textpage.count_rects()):
        box = textpage.get_rect(index)  # left, bottom, right, top
        height = {
            0: box[1] - bottom,
            90: right - box[2],
            180: top - box[3],
            270: box[0] - left,
        }[turn]
        if height < FOOT_SHARE * shown:
            out.append((round(height, 1), textpage.get_text_bounded(*box)))
    return tuple(out)


def _layers(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> dict[str, Any]:
    """How the page's text stands to its images (``PageText.hidden``, ``covered``, ``lines``).
    A scan made searchable carries another program's OCR as text the page does not show:
    invisible (render mode 3), as scanners, Acrobat's text recognition, ocrmypdf and Tesseract
    lay it over the image, or painted before the image, which then covers it. A page that
    shows a few lines besides, over images that cover most of it, holds what it prints in the
    images: a scan stamped since, a table pasted as a picture."""
    objects = list(page.get_objects())  # in the order they are painted
    opaque = [
        (order, obj.get_bounds())
        for order, obj in enumerate(objects)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE
        and not pdfium_c.FPDFPageObj_HasTransparency(obj.raw)
    ]
    hidden, shown = 0, []
    for order, obj in enumerate(objects):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        count = _printable(obj, textpage)
        if not count:
            continue
        bounds = obj.get_bounds()
        invisible = pdfium_c.FPDFTextObj_GetTextRenderMode(obj.raw) == (
            pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
        )
        if invisible or any(later > order and _inside(bounds, image) for later, image in opaque):
            hidden += count
        else:
            shown.append(bounds)
    images = [obj.get_bounds() for obj in objects if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
    return {"hidden": hidden, "covered": _covered(page, images), "lines": _lines(shown)}


def _printable(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> int:
    """How many printable characters a text object draws."""
    size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # bytes, UTF-16
    if size <= 2:
        return 0
    buffer = ctypes.create_string_buffer(size)
    pointer = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, pointer, size)
    text = buffer.raw[: size - 2].decode("utf-16-le", errors="replace")
    return len("".join(text.split()))


def _inside(inner: _Box, outer: _Box, slack: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


_GRID = 100  # cells a side of the grid a page's image cover is measured on


def _covered(page: pdfium.PdfPage, images: list[_Box]) -> float:
    """The share of the page that its images cover together (a scan may come in tiles)."""
    left, bottom, right, top = page.get_bbox()  # the page as shown, unturned, as the images
    grid = np.zeros((_GRID, _GRID), dtype=bool)
    for box in images:
        x0, x1 = (round(min(max((x - left) / (right - left), 0), 1) * _GRID) for x in box[::2])
        y0, y1 = (round(min(max((y - bottom) / (top - bottom), 0), 1) * _GRID) for y in box[1::2])
        grid[y0:y1, x0:x1] = True
    return float(grid.mean())


def _lines(boxes: list[_Box]) -> int:
    """How many lines the text objects' boxes stand on: their middles one above the other,
    apart by more than half the height of the text."""
    lines, last = 0, None
    for middle, half in sorted(((box[1] + box[3]) / 2, (box[3] - box[1]) / 2) for box in boxes):
        if last is None or middle - last > max(half, 1.0):
            lines += 1
        last = middle
    return lines


def running_feet(texts: list[PageText]) -> frozenset[str]:
    """The lines of sixteen letters or more that two thirds of the document's pages or more,
    and two at least, print alike in their foot, at the same height (digits aside,
    ``plain``): a running foot, such as the note an electronic signature stamps on every page
    ("Dokumen ini telah ditandatangani secara elektronik ..."), or a page number in words.
    Under a table without rules it reads as the last row's text (``extract.stream``). A
    table's wrapped cells repeat their words from page to page too (``Jumlah Bulan
    Pelayanan``), at one height on two pages at times (``Kabupaten/Kota``, ``Kabupaten
    Lebak``: fewer letters, as a cell's line in a narrow column has; ``Jumlah Orang yang
    Mengikuti`` on two pages of four, html 8006, whose line was dropped), and its amounts
    have no letters."""
    counts: Counter[tuple[str, int]] = Counter()
    for page in texts:
        counts.update(
            {
                (line, round(height / _FOOT_HEIGHT))
                for height, text in page.foot
                for line in map(plain, text.splitlines())  # a piece's box may hold another's
                if sum(map(str.isalpha, line)) >= _FOOT_LETTERS
            }
        )
    least = max(_FOOT_PAGES, math.ceil(len(texts) * 2 / 3))
    return frozenset(line for (line, _), count in counts.items() if count >= least)


def plain(text: str) -> str:
    """A line's text without its spaces and with its digits as ``#``: a running foot's page
    number changes from page to page."""
    return _DIGIT.sub("#", "".join(text.split()))


_DIGIT = re.compile(r"\d")
_FOOT_LETTERS = 16  # a line with fewer letters (a unit, a page number) is no running foot to go by
_FOOT_HEIGHT = 2.0  # points: a running foot's heights on its pages, rounded to this
_FOOT_PAGES = 2
