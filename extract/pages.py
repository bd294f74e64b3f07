"""How each page is read: from its text layer or by OCR, and as a ruled or a borderless table.

A document whose pages carry no usable text layer is read by OCR first (``extract.ocr``), and
the words found are written to a PDF text layer beside it; every page is then read as a ruled
table (``extract.tables``) when it draws ruling lines, and as a borderless one
(``extract.stream``) when it does not.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from extract.document import (
    DocumentError,
    PageProgress,
    PageText,
    counted,
    page_texts,
    running_feet,
)
from extract.model import KeyColumns, RawTable
from extract.ocr import OcrSettings, ocr_pages, ocr_unavailable, write_text_layer
from extract.parsed import done_with, open_pdf, parsed_ahead, release
from extract.spelling import Mended
from extract.stream import STREAM, StreamSettings, stream_tables
from extract.tables import ruled_tables, slash_words, upright_page

__all__ = ["DocumentPages", "document_pages", "read_tables"]

log = logging.getLogger(__name__)


@dataclass
class DocumentPages:
    """A document's pages as they are to be read: the text of each (by OCR for scanned pages),
    and the PDF text layer that holds the OCR words (``text_layer``, pages ``ocr_pages``)."""

    path: Path
    texts: list[PageText]
    text_layer: Path | None = None
    ocr_pages: set[int] = field(default_factory=set)
    # per page read by OCR, the words it misread and mended (``OcrPage.mended``)
    mended: dict[int, list[Mended]] = field(default_factory=dict)

    def tables(
        self,
        numbers: Iterable[int],
        key_columns: KeyColumns | None = None,
        progress: PageProgress | None = None,
    ) -> Iterator[RawTable]:
        """The tables of the given pages, in reading order (``progress`` counts the pages); a
        document read alone has its pages parsed on all its cores (``parsed_ahead``)."""
        numbers = list(numbers)
        # the document's own spelling of its slash words, from every page's text: a line
        # that breaks after the slash of one is read by it (``PageChars.slash_break``)
        printed = {
            word
            for page in self.texts
            if page.number not in self.ocr_pages
            for word in slash_words(page.text)
        }
        feet = running_feet(self.texts)
        with parsed_ahead(self.path, numbers, skip=self.ocr_pages) as take:
            pages = map(take, counted(numbers, "tables", progress))  # each page as it is read
            yield from read_tables(
                self.path, pages, key_columns, self.text_layer, self.ocr_pages,
                printed=printed, feet=feet,
            )  # fmt: skip


# A page with fewer printable characters than this in its text layer but with an image on it is
# a scan (a scanner may stamp a page number or a few stray characters).
_USABLE_TEXT = 20


def _scanned(page: PageText) -> bool:
    """A page to be read by OCR: its content an image, with no usable text layer, whose
    misread digits would go out as printed, with no confidence to doubt them by. It has none;
    or mostly one it does not show, another program's OCR laid over the image invisible or
    painted under it (a "searchable" scan); or no more than a few lines shown besides the
    image (:func:`_pictured`). Or a page whose text layer is mostly glyph codes
    (:func:`_unmapped`), or whose text was drawn as outlines (:func:`_outlined`)."""
    if _unmapped(page) or _outlined(page):
        return True
    if not page.images:
        return False
    return page.printed < _USABLE_TEXT or page.hidden > page.printed or _pictured(page)


def _pictured(page: PageText) -> bool:
    """Whether images cover half the page or more (the pieces of a tiled scan together), and
    the text it shows besides stands on a few lines: a scan stamped since (an electronic
    signature's footer, a page number), or a table pasted into a document as a picture, its
    caption above it, between the page's header and footer. What the page holds is in the
    image; the lines shown are kept with its OCR (:func:`_kept`). A page of prose or a table
    stands on a dozen lines and more, beside a picture or over a watermark."""
    return page.covered >= _PICTURED_COVER and page.lines <= _PICTURED_LINES


_PICTURED_COVER = 0.5
_PICTURED_LINES = 6


def _kept(page: PageText) -> str:
    """The text of a page read by OCR that is kept beside its OCR: the lines a pictured page
    shows (its title, a caption: what the page prints, word for word); not another program's
    OCR that it does not show, glyph codes, or a scan's specks."""
    if page.hidden or _unmapped(page) or page.printed < _USABLE_TEXT:
        return ""
    return page.text


def _unmapped(page: PageText) -> bool:
    """Whether a tenth or more of a page's printed characters are glyph codes, not characters
    (``PageText.unmapped``): a font of the page was embedded without a map to characters (the
    bold one alone, perhaps: the table's header and its programs' names), the text layer does
    not say what the page shows, and the page is read by OCR, from its image as rendered. Real
    pages print a few such codes at most (a bullet of a symbol font): 0.7% of a page's
    characters in the documents at hand."""
    return page.printed >= _USABLE_TEXT and _UNMAPPED_SHARE * page.unmapped >= page.printed


_UNMAPPED_SHARE = 10  # one character in this many


def _outlined(page: PageText) -> bool:
    """Whether a page without a usable text layer draws as many shapes as a line of text has
    letters: its text turned into outlines ("text as curves", as a print driver, a design
    program or Ghostscript's ``-dNoOutputFonts`` make it), one shape a glyph or a line, which
    the page shows and its text layer does not hold. It is read by OCR, from the page as
    rendered. Its rules alone draw fewer (the sample's plan-table pages, some 35), and a blank
    page none."""
    return page.printed < _USABLE_TEXT and page.shapes >= _OUTLINED_SHAPES


_OUTLINED_SHAPES = 60


@contextmanager
def document_pages(
    path: Path, ocr: OcrSettings | None = None, progress: PageProgress | None = None
) -> Iterator[DocumentPages]:
    """The pages of a document, scanned pages read by OCR (the text layer lives as long as the
    context). A document without pages, blank, or scanned while OCR is unavailable is a
    ``DocumentError``; one raised inside the context names the pages read by OCR."""
    pages = page_texts(path, progress)
    if not pages:
        raise DocumentError("PDF has no pages")
    scanned = [p.number for p in pages if _scanned(p)]
    if not scanned:
        if not any(p.text.strip() for p in pages):
            raise DocumentError("no text and no images on any page (blank document)")
        yield DocumentPages(path, pages)
        return
    reason = ocr_unavailable(ocr)
    if reason:
        if len(scanned) == len(pages) or not any(p.printed for p in pages):
            if any(map(_outlined, pages)):
                raise DocumentError(
                    f"no text layer (text drawn as outlines, not characters): {reason}"
                )
            if any(map(_unmapped, pages)):
                raise DocumentError(
                    f"text layer of glyph codes, not characters (fonts embedded without a map "
                    f"to characters): {reason}"
                )
            hidden = (
                " under another program's invisible OCR" if any(p.hidden for p in pages) else ""
            )
            raise DocumentError(f"no text layer (scanned pages{hidden}): {reason}")
        log.warning("%s: scanned pages %s not read: %s", path.name, scanned, reason)
        # a scanned page's hidden OCR, if any, is not read for what it prints
        yield DocumentPages(
            path, [replace(p, text=_kept(p)) if p.number in scanned else p for p in pages]
        )
        return
    read = ocr_pages(path, counted(scanned, "ocr", progress), ocr)
    with tempfile.TemporaryDirectory(prefix="renja-ocr-") as folder:
        layer = Path(folder) / "text-layer.pdf"
        write_text_layer(read, [(p.width, p.height) for p in pages], layer)
        pages = [
            replace(p, text="\n".join(filter(None, (_kept(p), read[p.number].text))))
            if p.number in read
            else p
            for p in pages
        ]
        try:
            mended = {n: page.mended for n, page in read.items() if page.mended}
            yield DocumentPages(path, pages, layer, set(read), mended)
        except DocumentError as exc:
            raise DocumentError(
                f"{exc}; scanned pages read by OCR: {_ranges(sorted(read))}"
            ) from exc


def _ranges(numbers: list[int]) -> str:
    """Page numbers as ranges: ``1-11, 14``."""
    out: list[str] = []
    for n in numbers:
        if out and int(out[-1].split("-")[-1]) == n - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def read_tables(
    path: Path,
    pages: Iterable[int],
    key_columns: KeyColumns | None = None,
    text_layer: Path | None = None,
    ocr_pages: Collection[int] = (),
    settings: StreamSettings = STREAM,
    printed: Collection[str] = (),
    feet: Collection[str] = (),
) -> Iterator[RawTable]:
    """Yield the tables of the given pages (1-based), in reading order.

    A page that draws ruling lines is read as ruled tables; a page without is read as a
    borderless table from its text layout, carrying the columns of the borderless page before;
    ``key_columns`` is the hook that tells, from header texts, which columns start a row.
    The pages in ``ocr_pages`` are read from ``text_layer``, the PDF that ``extract.ocr``
    wrote for them (same page numbers), and their cells carry OCR confidences. ``settings``
    are the borderless reader's. ``printed`` holds words the document prints inside its lines
    (``slash_words`` of its text), known before the first page is read; ``feet`` its running
    feet (``running_feet``), which a borderless table's last row does not take.
    """
    try:
        pdf = open_pdf(path)
    except (PdfminerException, PDFSyntaxError) as exc:
        raise DocumentError(f"unreadable PDF: {exc}") from exc
    layer = open_pdf(text_layer) if text_layer is not None and ocr_pages else None
    try:
        columns = None
        # words printed inside a line, on the pages read so far and in ``printed``
        inline_words: set[str] = set(printed)
        before: list[Any] = []  # the page before, read, and the page as printed if turned
        for number in pages:
            ocr = layer is not None and number in ocr_pages
            source = layer if ocr and layer is not None else pdf
            printed_page = source.pages[number - 1]
            page = upright_page(source, printed_page)
            tables = ruled_tables(page, number, ocr, inline_words)
            if tables:
                columns = None
            else:
                tables, columns = stream_tables(
                    page, number, columns, key_columns, ocr, settings, inline_words, feet
                )
            yield from tables
            # the page before is done with: its words kept, its objects let go; the last page
            # read stays parsed, where a table's end is looked for (extract.coverage.table_span)
            if before:
                done_with(before[0])
                for unturned in before[1:]:
                    unturned.flush_cache()
            before = [page] if page is printed_page else [page, printed_page]
    finally:
        release(pdf)
        release(layer)
