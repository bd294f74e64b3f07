"""Scanned pages -> words with confidences and ruling lines, written as a text layer the table
reader can read like a born-digital page.

A page without a usable text layer is rendered, deskewed (the angle of its long horizontal rules,
or of its text lines when it has none) and cleaned (median filter against speckle); its ruling
lines are found with morphological openings and removed from the image before Tesseract reads it
(``ind`` language data), so that rules are not read as ``|`` or ``l``. Each word keeps Tesseract's
confidence (0-100). The evidence of a row's level that a born-digital page gives in its fonts and
fills is measured on the image: bold words (their strokes' width and darkness against the page's
median word) and shaded cells (the background of each cell the rules close off).

:func:`write_text_layer` writes the result as a PDF with one page per source page: every word as
text at its place, every rule as a stroked line, so that ``extract.tables`` finds the cells from
the rules and places the words in them exactly as on a born-digital page. The confidence of each
word travels as its fill grey level (``0.87 g`` for 87), which :func:`char_confidence` reads back;
a bold word is set in Courier-Bold, and a shaded cell is a filled rectangle of its grey level.
"""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import subprocess
import threading
import time
from collections import deque
from collections.abc import Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from extract.document import OCR_THREADS_VARIABLE, DocumentError
from extract.spelling import Mended, dictionary, mend_text
from transform.numbers import GROUPED_AMOUNT
from transform.vocabulary import LABEL_WORDS

__all__ = [
    "OCR_THREADS_VARIABLE",
    "OcrPage",
    "OcrSettings",
    "OcrWord",
    "char_confidence",
    "known_words",
    "ocr_pages",
    "ocr_unavailable",
    "pdf_bytes",
    "portable_dotproduct",
    "shared_fills",
    "write_text_layer",
]

# Worker threads of Tesseract's OpenMP build fight over the cores and make it several times
# slower when pages are read one after another; one thread per process is the fast setting.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


# Tesseract's values of `dotproduct`; "native" and the SIMD ones depend on the machine.
_DOTPRODUCTS = {"auto", "generic", "native", "sse", "avx", "avx2", "avx512", "fma"}


@functools.cache
def portable_dotproduct() -> str:
    """The dot-product code that reads the same on every machine that runs it: ``avx2`` where
    the CPU has AVX2 (every x86-64 server since about 2015), else ``generic``, plain C++.

    AVX2's integer products are exact, as are the plain ones, and the two read the same words
    with the same confidences (the scanned sample: 22 pages, 6,943 words), AVX2 in less than half
    the time. ``auto`` would take AVX-512 or SSE where the CPU has them, whose paths round
    differently. AVX2 is pinned only where ``tesseract --version`` finds it, so a CPU without it
    never runs that code."""
    try:
        found = subprocess.run(
            ["tesseract", "--version"], capture_output=True, text=True, timeout=30
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return "generic"
    return "avx2" if re.search(r"^\s*Found AVX2\s*$", found, re.MULTILINE) else "generic"


def _positive(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@dataclass(frozen=True)
class OcrSettings:
    """How scanned pages are read."""

    dpi: int = 300  # rendering resolution; a low-resolution scan is upsampled to it
    lang: str = "ind"
    digits_lang: str = "eng"  # the model of the second, digits-only reading (_reread)
    psm: int = 6  # Tesseract page segmentation: one uniform block (table rows stay lines)
    max_skew: float = 5.0  # degrees; larger angles are not taken for skew
    # Tesseract misses letters smaller than this (pixels, median height of the ink's blobs): a
    # page printed in small type or scanned at a low resolution is rendered larger, up to 600 dpi.
    min_glyph: int = 20
    # Tesseract 5 picks the code of its network's dot products by CPU at run time (SSE, AVX2,
    # AVX-512, ...), and the paths round differently, so one scan read on two machines gives
    # different digits. One path is pinned instead (see :func:`portable_dotproduct`).
    dotproduct: str = field(default_factory=portable_dotproduct)
    # Pages read at once, each by a Tesseract process of its own (``RENJA_OCR_THREADS``, which
    # ``renja run`` sets to the cores each of its documents has; 1 when unset).
    threads: int = field(default_factory=lambda: _positive(os.environ.get(OCR_THREADS_VARIABLE)))

    def __post_init__(self) -> None:
        if not 100 <= self.dpi <= 600:
            raise ValueError(f"dpi must be within 100..600, not {self.dpi}")
        if self.threads < 1:
            raise ValueError(f"threads must be at least 1, not {self.threads}")
        if self.dotproduct not in _DOTPRODUCTS:
            raise ValueError(f"dotproduct must be one of {sorted(_DOTPRODUCTS)}")

    @property
    def engine_config(self) -> str:
        """Tesseract options that make a reading the same on every machine."""
        return f"-c dotproduct={self.dotproduct}"


@dataclass(frozen=True)
class OcrWord:
    """A word read from the image, in PDF points from the page's top left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    conf: float  # Tesseract's confidence, 0-100
    line: tuple[int, int, int]  # block, paragraph, line
    bold: bool = False  # its strokes are wider and darker than the page's text (_mark_bold)


@dataclass
class OcrPage:
    """What OCR read on one page (1-based number) of size ``width`` x ``height`` points."""

    number: int
    width: float
    height: float
    words: list[OcrWord] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)  # x0 top x1 bot
    angle: float = 0.0  # skew corrected, degrees
    seconds: float = 0.0
    # shaded cells: x0, top, x1, bottom, grey level of the background (1 is the paper)
    fills: list[tuple[float, float, float, float, float]] = field(default_factory=list)
    # words misread and mended from the language's dictionary (``extract.spelling``): as read,
    # as mended, and the word's box (x0, top, x1, bottom)
    mended: list[Mended] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The words in reading order, one printed line per text line."""
        lines: dict[tuple[int, int, int], list[OcrWord]] = {}
        for word in self.words:
            lines.setdefault(word.line, []).append(word)
        return "\n".join(" ".join(w.text for w in ws) for ws in lines.values())


def ocr_unavailable(settings: OcrSettings | None = None) -> str | None:
    """Why scanned pages cannot be read here (a missing tool or language), or None."""
    settings = settings or OcrSettings()
    try:
        import cv2  # noqa: F401
        import pytesseract
    except ImportError as exc:
        return f"OCR is needed but {exc.name} is not installed"
    if shutil.which("tesseract") is None:
        return "OCR is needed but tesseract is not installed (Debian: tesseract-ocr)"
    try:
        languages = pytesseract.get_languages(config="")
    except Exception as exc:  # a broken tesseract install reports itself in many ways
        return f"OCR is needed but tesseract does not run: {exc}"
    for lang in (settings.lang, settings.digits_lang):
        if lang not in languages:
            return (f"OCR is needed but tesseract has no '{lang}' language data "
                    f"(tesseract-ocr-{lang})")  # fmt: skip
    return None


_PDFIUM = threading.Lock()  # PDFium may not be entered by two threads at once


def _render(path: Path, number: int, dpi: int) -> tuple[np.ndarray, float, float]:
    import pypdfium2 as pdfium

    with _PDFIUM:
        return _rendered(pdfium, path, number, dpi)


def _rendered(pdfium: Any, path: Path, number: int, dpi: int) -> tuple[np.ndarray, float, float]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[number - 1]
        try:
            width, height = page.get_size()
            bitmap = page.render(scale=dpi / 72, grayscale=True, rotation=0)
            image = bitmap.to_numpy()
        finally:
            page.close()
    finally:
        pdf.close()
    if image.ndim == 3:
        image = image[..., 0]
    return np.ascontiguousarray(image), width, height


# Ink is at least this much darker than the paper (grey levels): on a page that is nearly
# blank, Otsu's threshold would otherwise split the paper's noise into "ink" and paper.
_INK_CONTRAST = 60


def _grey_median(values: np.ndarray, mask: np.ndarray | None = None) -> float:
    """``np.median`` of 8-bit grey levels (those under ``mask`` where given), from their
    histogram: the same value without sorting a page's millions of pixels, and OpenCV's
    histogram without the copy to 64-bit integers that ``np.bincount`` makes (a tenth of the
    time on a page)."""
    import cv2

    image = np.ascontiguousarray(values)
    if image.ndim != 2:
        image = image.reshape(1, -1)
    if mask is not None:
        mask = np.ascontiguousarray(mask, dtype=np.uint8).reshape(image.shape)
    counts = cv2.calcHist([image], [0], mask, [256], [0, 256]).ravel().astype(np.int64).cumsum()
    n = int(counts[-1])
    low = int(np.searchsorted(counts, (n - 1) // 2, side="right"))
    high = int(np.searchsorted(counts, n // 2, side="right"))
    return (low + high) / 2


def _binary(gray: np.ndarray) -> np.ndarray:
    """Ink white on black: Otsu's threshold, but never closer to the paper than _INK_CONTRAST."""
    import cv2

    otsu, _ = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    paper = _grey_median(gray)
    level = min(otsu, paper - _INK_CONTRAST)
    _, inverted = cv2.threshold(gray, level, 255, cv2.THRESH_BINARY_INV)
    return inverted


def _glyph_height(inverted: np.ndarray) -> float | None:
    """The median height of the ink's letter-sized blobs (pixels), or None on a blank page."""
    import cv2

    _, _, stats, _ = cv2.connectedComponentsWithStats(inverted, connectivity=8)
    return _letter_height(stats[1:])


def _letter_height(stats: np.ndarray) -> float | None:
    """The median height of the letter-sized blobs among connected components' ``stats``."""
    import cv2

    heights = stats[:, cv2.CC_STAT_HEIGHT]
    widths = stats[:, cv2.CC_STAT_WIDTH]
    # Blobs under 8 px are dust or punctuation, not letters (2 pt at 300 dpi).
    letters = heights[(heights >= 8) & (heights <= 120) & (widths <= 120)]
    return float(np.median(letters)) if len(letters) >= 50 else None


# Shares of the page's letter height (_glyph_height): a blob of ink no larger than _DUST each way,
# farther than _DUST_ALONE from any larger blob, is dust, not a full stop or a letter's dot.
_DUST = 0.3
_DUST_ALONE = 0.4
# A speck nearer than this to a letter may be a piece of it, torn by the scan (_floating).
_DUST_GAP = 0.15


def _specks(ink: np.ndarray) -> np.ndarray:
    """The pixels of dust on a page: blobs too small for a letter that lie alone, away from
    any text. A scan's specks, upsampled from a coarse scan, are read by Tesseract as words
    of their own (grain read as ``Ta`` or ``0`` beside an amount in its cell, or after a name);
    a full stop, a comma or the dot of an ``i`` lies beside its letters and stays, and a dash
    (a nil amount) is wider than a speck."""
    import cv2

    count, labels, stats, centres = cv2.connectedComponentsWithStats(ink, connectivity=8)
    glyph = _letter_height(stats[1:])
    if glyph is None:
        return np.zeros(ink.shape, dtype=bool)
    size = _DUST * glyph
    small = (stats[:, cv2.CC_STAT_WIDTH] <= size) & (stats[:, cv2.CC_STAT_HEIGHT] <= size)
    small[0] = False
    larger = ((labels > 0) & ~small[labels]).astype(np.uint8)
    reach = 2 * int(_DUST_ALONE * glyph) + 1
    near = cv2.dilate(larger, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (reach, reach)))
    beside = np.bincount(labels[near > 0], minlength=count) > 0
    dust = small & ~beside & ~_stacked(labels, centres, small, glyph)
    for index in np.flatnonzero(small & beside):
        dust[index] = _floating(int(index), labels, stats, small, glyph)
    return dust[labels]


def _stacked(
    labels: np.ndarray, centres: np.ndarray, small: np.ndarray, glyph: float
) -> np.ndarray:
    """Which of the small blobs stand one above another, less than ``_DUST_ALONE`` apart: the
    two dots of a colon set apart from its word (``Sasaran :``)."""
    import cv2

    half = int(_DUST_ALONE * glyph / 2)
    bars = cv2.dilate(
        small[labels].astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_RECT, (1, 2 * half + 1))
    )
    _, groups = cv2.connectedComponents(bars, connectivity=4)
    where = np.flatnonzero(small)
    group = groups[centres[where, 1].astype(int), centres[where, 0].astype(int)]
    sizes = np.bincount(group)
    out = np.zeros(len(small), dtype=bool)
    out[where] = (group > 0) & (sizes[group] >= 2)
    return out


def _floating(index: int, labels: np.ndarray, stats: np.ndarray, small: np.ndarray,
              glyph: float) -> bool:  # fmt: skip
    """Whether the small blob ``index``, near text, floats at the middle of the letters beside
    it, clear of them: no full stop or comma (on the baseline), no dot of an ``i`` or quote
    (at the top), no dot of a colon (one above the other), and no piece of a letter torn by the
    scan (it touches its letter, or nearly), but a speck that Tesseract would read as a ``.``
    or ``·`` inside a name (``Inventaris. Kantor``)."""
    x, y, w, h = stats[index, :4]
    reach, gap = int(1.5 * glyph), _DUST_GAP * glyph  # the letters of its line on either side
    top, left = max(0, y - int(glyph)), max(0, x - reach)
    window = labels[top : y + h + int(glyph), left : x + w + reach]
    letters = []
    for other in np.unique(window):
        if other in (0, index):
            continue
        ox, oy, ow, oh = stats[other, :4]
        if ox <= x + w and x <= ox + ow and (small[other] or oy > y + h or oy + oh < y):
            return False  # above or below a blob: the dot of an i or of a colon, an accent
        if small[other] or oy > y + h or oy + oh < y:
            continue  # not a letter beside it on its line
        if max(ox - (x + w), x - (ox + ow)) < gap:
            return False  # touches a letter: a piece of it, or its full stop
        letters.append((oy, oy + oh))
    if not letters:
        return False
    line_top = float(np.median([t for t, _ in letters]))
    line_bottom = float(np.median([b for _, b in letters]))
    height = line_bottom - line_top
    return bool(y > line_top + 0.25 * height and y + h < line_bottom - 0.2 * height)


def _rule_masks(inverted: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical ruling lines: runs of ink far longer than any letter, and thin.
    Ink that fills a square ``_SOLID`` points wide is a solid area, not a rule: a shading dark
    enough to read as ink (a kegiatan row on a 200 dpi scan) would otherwise be a block in
    both masks, joining every rule it touches into one, and hiding itself from the shading
    found between the rules."""
    import cv2

    h, w = inverted.shape
    horizontal = cv2.morphologyEx(
        inverted, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(25, w // 40), 1))
    )
    vertical = cv2.morphologyEx(
        inverted, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(25, h // 50)))
    )
    side = max(3, int(_SOLID * scale))
    solid = cv2.morphologyEx(
        inverted, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (side, side))
    )
    if solid.any():
        # grown by a rule's width: the blurred fringe of the area is no rule either
        grown = cv2.bitwise_not(cv2.dilate(solid, np.ones((5, 5), np.uint8)))
        horizontal = cv2.bitwise_and(horizontal, grown)
        vertical = cv2.bitwise_and(vertical, grown)
    return horizontal, vertical


# Points: ink filling a square this wide is a solid area; no rule or stroke is half as thick.
_SOLID = 6.0


# Points: a ruling line is thinner than this (a 150 dpi scan blurs a 0.5 pt rule to about 1.5 pt).
_RULE_WIDTH = 2.5
# Points: a rule's darkness is averaged over this length along it, against the scan's noise.
_RULE_SMOOTH = 2.0
# Grey levels: a rule is at least this much darker than the darker of its two sides.
_RULE_CONTRAST = 20


# Grey levels: a shading's edge parts backgrounds at least this far apart.
_EDGE_CONTRAST = 8

# Points: a run of ink shorter than this that meets no column rule at either end is no rule (see
# _off_letters): about the longest word of a table's type, and shorter than any cell a rule of
# its own spans where no column rule stands (there, row rules run across the table).
_LETTER_RUN = 60.0
# Points: a rule meets a column rule when it ends this close to one.
_MEETS = 1.5


def _off_letters(horizontal: np.ndarray, vertical: np.ndarray, scale: float) -> np.ndarray:
    """The horizontal rule mask without the runs that letters give: on a low-resolution scan
    the letters of a bold word touch, and their tops (``erencanaan`` of ``Perencanaan``, at
    the height of the small letters) make a run of ink as long as a rule must be; taken for
    one, it was cleared from the page with the letters' tops, and the word read as
    ``-.......natan``. A row rule of a ruled table ends at a column rule on either side, and a
    table without column rules has its row rules run across it; a short run that meets none
    lies inside a line of text."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal, connectivity=8)
    reach = max(2, round(_MEETS * scale))
    height, width = horizontal.shape
    kept = horizontal.copy()
    for i in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[i])
        if w >= _LETTER_RUN * scale:
            continue
        top, bottom = max(0, y - reach), min(height, y + h + reach)
        if any(
            vertical[top:bottom, max(0, end - reach) : min(width, end + reach + 1)].any()
            for end in (x, x + w - 1)
        ):
            continue
        box = kept[y : y + h, x : x + w]
        box[labels[y : y + h, x : x + w] == i] = 0
    return kept


def _fill_edges(gray: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical edges of shadings, as lines one pixel thick: where the
    background (the page without its text: a grey closing wider than any stroke) steps from one
    level to another and stays there, along a third of the page at least (a shaded row spans
    its table; a bold block of text, which the closing leaves grey, does not). A table
    whose rows are told apart by their fills, with no rule between a shaded row and the white
    one beside it (a born-digital page gives those fills as rectangles, whose edges part the
    cells), is parted there as well; its header ran into its first rows."""
    import cv2

    # at half the resolution: a shading's edge needs no finer grain, and it costs a quarter
    h, w = gray.shape
    half = cv2.resize(gray, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    scale /= 2
    size = max(3, int(_STROKE_MAX * scale) | 1)
    background = cv2.morphologyEx(
        half, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    )
    near, far = max(2, int(_RULE_WIDTH * scale / 2)), 2 * size
    out = []
    for axis, length in ((0, max(38, w // 6)), (1, max(38, h // 6))):
        # averaged along the edge, so that the grain left in the background does not break it
        along = cv2.blur(background, (2 * size + 1, 1) if axis == 0 else (1, 2 * size + 1))
        along = along.astype(np.int16)
        before, after = np.roll(along, near, axis=axis), np.roll(along, -near, axis=axis)
        # the darker side stays dark farther on: a shading, not the grey of a bold line of text
        # that the closing left, which is as thin as the line (the lighter side may hold text)
        darker_after = (before - after >= _EDGE_CONTRAST) & (
            before - np.roll(along, -far, axis=axis) >= _EDGE_CONTRAST
        )
        darker_before = (after - before >= _EDGE_CONTRAST) & (
            after - np.roll(along, far, axis=axis) >= _EDGE_CONTRAST
        )
        jump = (darker_after | darker_before).astype(np.uint8) * 255
        rim = [slice(None), slice(None)]
        for side in (slice(0, far), slice(-far, None)):  # np.roll wraps round the page
            rim[axis] = side
            jump[tuple(rim)] = 0
        kernel = (length, 1) if axis == 0 else (1, length)
        band = cv2.morphologyEx(
            jump, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, kernel)
        )
        edge = np.zeros_like(gray)
        count, _, stats, _ = cv2.connectedComponentsWithStats(band, connectivity=8)
        for x, y, bw, bh, _ in 2 * stats[1:count]:  # back to the page's resolution
            if axis == 0:
                edge[y + bh // 2, x : x + bw] = 255
            else:
                edge[y : y + bh, x + bw // 2] = 255
        out.append(edge)
    return out[0], out[1]


def _thin_lines(gray: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical thin dark lines, measured against the grey on either side of them
    (a black-hat across the line, on the image averaged along it), not against the paper.

    A rule between a shaded row and a white one is, on a 150 dpi scan, only a little darker than
    the shading: it is ink neither after the threshold of the page (the shading is too) nor once
    the shading is lifted (the rule is lifted with it), and the rows it parts were read as one.
    Against the darker of its two sides it still stands out. Letters give such lines too, but
    short ones (see _rules)."""
    import cv2

    across = max(3, int(_RULE_WIDTH * scale) | 1)
    along = max(3, int(_RULE_SMOOTH * scale) | 1)
    rows = cv2.morphologyEx(
        cv2.blur(gray, (along, 1)), cv2.MORPH_BLACKHAT,
        cv2.getStructuringElement(cv2.MORPH_RECT, (1, across)),
    )  # fmt: skip
    columns = cv2.morphologyEx(
        cv2.blur(gray, (1, along)), cv2.MORPH_BLACKHAT,
        cv2.getStructuringElement(cv2.MORPH_RECT, (across, 1)),
    )  # fmt: skip
    return (
        ((rows > _RULE_CONTRAST) * 255).astype(np.uint8),
        ((columns > _RULE_CONTRAST) * 255).astype(np.uint8),
    )


def _skew(inverted: np.ndarray, max_skew: float) -> float:
    """The page's skew in degrees, from its long horizontal rules, or else from its text lines:
    the turn at which they lie level; 0 when neither shows one."""
    import cv2

    h, w = inverted.shape
    rules = cv2.morphologyEx(
        inverted, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(25, w // 40), 1))
    )
    angle = _dominant_angle(rules, w / 6, max_skew)
    return _level_lines(inverted, max_skew) if angle is None else angle


_SKEW_STEP = 0.1  # degrees between the turns tried, then a tenth of it around the best
_SKEW_WIDTH = 1200  # pixels: the page is measured at about this width


def _level_lines(inverted: np.ndarray, max_skew: float) -> float:
    """The turn (degrees) at which a page's text lines lie level: the ink of each line then
    falls in the fewest rows of pixels, and the rows' counts are the most uneven (the largest
    sum of squares; a projection profile). Measured on the ink's pixels sheared, not on turned
    images. Letters smeared into bars and fitted with lines, as rules are, came out 0.4
    degrees short on a table without rules, and its rows were dealt into each other."""
    step = max(1, inverted.shape[1] // _SKEW_WIDTH)
    ys, xs = np.nonzero(inverted[::step, ::step])
    if len(ys) < 100:
        return 0.0
    xs = xs - xs.mean()

    def unevenness(angle: float) -> float:
        rows = np.round(ys - xs * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(rows - rows.min()).astype(np.float64)
        return float(counts @ counts)

    best = 0.0
    for fine in (_SKEW_STEP, _SKEW_STEP / 10):
        span = max_skew if fine == _SKEW_STEP else _SKEW_STEP
        turns = best + np.arange(-span, span + fine / 2, fine)
        best = float(max(turns, key=unevenness))
    return round(best, 2) if abs(best) > fine else 0.0


def _dominant_angle(mask: np.ndarray, min_length: float, max_skew: float) -> float | None:
    """The length-weighted median angle of the long, thin blobs of a mask."""
    import cv2

    angles, weights = [], []
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    for contour in contours:
        _, _, width, height = cv2.boundingRect(contour)
        if width < min_length or height > width / 8:
            continue
        vx, vy, _, _ = cv2.fitLine(contour, cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        angle = float(np.degrees(np.arctan2(vy, vx)))
        angle = (angle + 90) % 180 - 90
        if abs(angle) <= max_skew:
            angles.append(angle)
            weights.append(width)
    if len(angles) < 2:
        return None
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights, dtype=float)[order])
    middle = int(np.searchsorted(cumulative, cumulative[-1] / 2))
    return float(np.asarray(angles)[order][middle])


Segment = tuple[float, float, float, float]


def _segments(mask: np.ndarray, horizontal: bool, scale: float) -> list[Segment]:
    """Each connected run of a rule mask as a line segment (x0, top, x1, bottom) in points."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Segment] = []
    for i in range(1, count):
        x, y, w, h, _ = stats[i]
        if horizontal:
            mid = (y + h / 2) / scale
            out.append((x / scale, mid, (x + w) / scale, mid))
        else:
            mid = (x + w / 2) / scale
            out.append((mid, y / scale, mid, (y + h) / scale))
    return out


def _for_tesseract(image: np.ndarray) -> Any:
    """The image as pytesseract is to hand it to Tesseract: as a PGM file, the same pixels and
    no resolution, as the PNG it writes by default, which takes seconds to compress a page."""
    from PIL import Image

    picture = Image.fromarray(image)
    picture.format = "PPM"  # written as a binary PGM (P5) for a grey image
    return picture


def _read_words(image: np.ndarray, settings: OcrSettings, scale: float) -> list[OcrWord]:
    import pytesseract

    data = pytesseract.image_to_data(
        _for_tesseract(image),
        lang=settings.lang,
        config=f"--psm {settings.psm} -c preserve_interword_spaces=0 {settings.engine_config}",
        output_type=pytesseract.Output.DICT,
    )
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip().strip("|")  # a stroke at a word's end is what is left of a rule
        conf = float(data["conf"][i])
        if not text or conf < 0 or _SPECK.match(text):
            continue  # a speck of noise read as punctuation: a table prints no lone dot
        left, top = data["left"][i] / scale, data["top"][i] / scale
        right = (data["left"][i] + data["width"][i]) / scale
        bottom = (data["top"][i] + data["height"][i]) / scale
        line = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        words.append(OcrWord(text, left, top, right, bottom, conf, line))
    return _apart(words)


# Words of one line overlapping by more than this share of the narrower one are not as printed.
_OVERLAP = 0.25
_SPACE = 0.3  # of a word's height: the room left between two words set apart


def _apart(words: list[OcrWord]) -> list[OcrWord]:
    """Words of one of Tesseract's lines (or of a cell read alone) that overlap each other, set
    apart: the one whose box gives its letters more room than the other's ends (or starts)
    where the other starts (or ends). A line's words follow each other on the page; Tesseract
    now and then gives one word of a bold line the box of several (``PENYELENGGARAAN`` over
    the ``PRODUK UNGGULAN DAERAH`` after it, 11 points a letter against their 4.5), and the
    text layer then deals its letters into theirs (``PENYELEPRNODUGK UGNGAGULRANA``)."""
    out = list(words)
    last: dict[tuple[int, int, int], int] = {}
    for i in sorted(range(len(out)), key=lambda k: out[k].x0):  # a line reads left to right
        word = out[i]
        j = last.get(word.line)
        last[word.line] = i
        if j is None:
            continue
        before = out[j]
        overlap = before.x1 - word.x0
        narrower = min(before.x1 - before.x0, word.x1 - word.x0)
        if word.x0 <= before.x0 or narrower <= 0 or overlap <= _OVERLAP * narrower:
            continue
        room = (before.x1 - before.x0) / len(before.text)
        space = _SPACE * (word.bottom - word.top)  # the text layer's space must fit between
        if room >= (word.x1 - word.x0) / len(word.text) and word.x0 - space > before.x0:
            out[j] = replace(before, x1=word.x0 - space)
        elif before.x1 + space < word.x1:
            out[i] = replace(word, x0=before.x1 + space)
    return out


_SPECK = re.compile(r"^[.,:;'`\"“”‘’|_~^*]+$")
_NUMERIC = re.compile(r"^\(?[\d.,]*\d[\d.,]*\)?[^\w\s]?$")
_MIN_NUMBER = 3  # number-like words at least this long are always read twice
_SHORT = 4  # shorter words read with less than _SURE confidence are read twice too...
_SURE = 85.0
# ...when a lone character, with a digit or a sign, or a capital O and a letter: a code's
# ``01`` at 150 dpi, its 1 read as a letter (``Ot``, ``Or``, ``Oo``), which no name prints
_DIGIT_LIKE = re.compile(r"^.$|[\d\W]|^O[a-z]$")
_SECOND_SURE = 70.0  # a doubtful word takes a restricted read at least this sure...
_CLEARLY_SURER = 10.0  # ...and, when as many sizes read otherwise, this much surer
_DIGITS = re.compile(r"\d")
_DASH_END = re.compile(r"\d[.,]?[-\u2013\u2014]$")  # an amount printed ``1.250.000,-``
_REREAD_ALPHABET = "0123456789.,%"


def _reread(
    image: np.ndarray, words: list[OcrWord], settings: OcrSettings, scale: float
) -> list[OcrWord]:
    """Read number-like and doubtful short words a second time, cut out and set one under the
    other on a clean sheet, with only digits, separators and ``%`` allowed.

    Tesseract's language model drops the dot of a short code (``2.04`` read as ``204``) and
    misreads lone digits stacked in narrow code cells (``0`` as ``DOD`` or ``fo)``); the
    restricted read gets most of them right. For a number, when both reads give the same digits
    the second is kept (its separators are the more reliable), but when one read has a
    separator more than the other (``4,2`` against ``42``), the surer read is kept with the
    lower of the two confidences; when the digits differ, the better read is kept with the
    lower of the two confidences, so that the value is flagged.

    A doubtful short word is read by the model of digits (``OcrSettings.digits_lang``: the
    English data, trained on far more printed digits than the Indonesian, which read a code
    cell's ``01`` as ``1`` with confidence 0), and at twice and three times the size too: a
    code's digits at 150 dpi are too small for Tesseract at the page's size (a bidang ``11``
    read ``1`` at 74 and ``11`` at 94-96 enlarged, a program ``01`` read ``o1`` and ``Ot``); but
    enlarged, a small ``7`` may read ``1`` at 94 where it read ``7`` at 96. It takes the surest
    restricted reading when that is surer than the first reading and, if it is alone, fairly
    sure, and when the sizes that read it outnumber those that read otherwise or are clearly
    surer (by ``_CLEARLY_SURER``); with a size that read otherwise, it keeps the first reading's
    confidence where that is lower. A reading longer than the first is taken only when its
    characters lie inside the first word's box, not in the crop's margin, where a speck or a
    rule may be caught.
    """
    import cv2

    numbers = {
        i for i, w in enumerate(words) if _NUMERIC.match(w.text) and len(w.text) >= _MIN_NUMBER
    }
    doubtful = {
        i
        for i, w in enumerate(words)
        if i not in numbers
        and len(w.text) <= _SHORT
        and w.conf < _SURE
        and _DIGIT_LIKE.search(w.text)
    }
    tall = 30 / 72 * settings.dpi / scale  # points: no word of a table is this tall
    picked = sorted(i for i in numbers | doubtful if words[i].bottom - words[i].top < tall)
    if not picked:
        return words
    crops = dict(zip(picked, _word_crops(image, [words[i] for i in picked], scale), strict=True))
    # All are read on the same sheets by the page's model, though the doubtful words then take
    # the other readings below: Tesseract sizes a sheet's lines by all of them, and the numbers
    # read so are the ones the amounts' rules were measured on (read without the short words
    # beside them, the grand total of a 132 dpi scan lost its exact reading).
    reads = _read_crops(list(crops.values()), settings, _CROP_PAD)
    # Lone characters are read better larger: doubtful words are read at the page's size and at
    # twice and three times it, by the model of digits (``OcrSettings.digits_lang``).
    large = [i for i in picked if i in doubtful]
    sizes = [
        _read_crops(
            [cv2.resize(crops[i], None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC)
             if f > 1 else crops[i] for i in large],
            settings,
            _CROP_PAD * f,
            settings.digits_lang,
        )
        for f in (1, 2, 3)
    ]  # fmt: skip
    out = list(words)
    for slot, i in enumerate(large):
        word = words[i]
        taken = _agreed([r for r in (s.get(slot) for s in sizes) if r is not None], word)
        if taken is not None:
            text, conf = taken
            out[i] = OcrWord(text, word.x0, word.top, word.x1, word.bottom, conf, word.line)
    for slot, i in enumerate(picked):
        word, found = words[i], reads.get(slot)
        if i in doubtful or found is None:
            continue
        text, conf, _ = found
        first = word.text.strip("()")
        if _DASH_END.search(first):
            # The restricted alphabet has no dash: the second read cannot read the ``-`` of an
            # amount's ``,-`` ending, drops it and forces its glyph into the alphabet with a
            # confidence near 0. It confirms the first read when it finds the same digits;
            # otherwise the first read is kept with the lower confidence, so that it is flagged.
            if _DIGITS.findall(text) != _DIGITS.findall(first):
                out[i] = OcrWord(word.text, word.x0, word.top, word.x1, word.bottom,
                                 min(conf, word.conf), word.line)  # fmt: skip
            continue
        if text == first or _same_amount(text, first):
            # read alike, or as the same amount with a separator of the other kind (``,00``
            # read ``.00``, both grouped by three as the grammar groups them): the surer read
            conf = max(conf, word.conf)
        elif _DIGITS.findall(text) != _DIGITS.findall(first):
            text, conf = (text if conf > word.conf else first), min(conf, word.conf)
        elif _separators(text) and GROUPED_AMOUNT.match(first) and not GROUPED_AMOUNT.match(text):
            # the same digits, grouped by the first read as the grammar groups an amount and
            # by the second as it groups none (``10300.000.00``: a thin dot lost): the second
            # read gives the value no other size, and its confidence none of its own (on a
            # separator lost, Tesseract's is often 0)
            text, conf = first, word.conf
        elif _separators(text) != _separators(first):
            # one read saw a separator the other did not (4,2 against 42, or a speck read as
            # a dot): the surer read is kept, and the value, whose size is in doubt, takes
            # the lower confidence
            text = text if conf >= word.conf else first
            conf = min(conf, word.conf)
        if first != word.text:  # keep the brackets of a negative amount
            text = word.text.replace(first, text)
        out[i] = OcrWord(text, word.x0, word.top, word.x1, word.bottom, conf, word.line)
    return out


def _agreed(reads: list[CropRead], word: OcrWord) -> tuple[str, float] | None:
    """The text and confidence a doubtful short word takes from its restricted reads at
    several sizes (``_reread``), or None when it keeps its first reading."""
    if not reads:
        return None
    text, conf, _ = max(reads, key=lambda r: r[1])
    agreeing = [r for r in reads if r[0] == text]
    others = [c for t, c, _ in reads if t != text]
    if others and len(agreeing) <= len(others) and max(others) > conf - _CLEARLY_SURER:
        return None  # read otherwise at as many sizes, about as surely
    if len(agreeing) < 2 and conf < _SECOND_SURE:
        return None
    if conf <= word.conf and not (len(agreeing) >= 3 and _DIGIT_AND_LETTER.match(word.text)):
        return None  # unless every size agrees on digits where one was read a letter (``0g``)
    if len(text) > len(word.text) and not all(inside for _, _, inside in agreeing):
        return None  # the crop's margin caught a speck or a rule
    return text, (min(conf, word.conf) if others else conf)


# A digit and a small letter: a code cell's two digits, one read as a letter (``0g`` for ``09``),
# which no name prints.
_DIGIT_AND_LETTER = re.compile(r"^(?:\d[a-z]|[a-z]\d)$")


def _same_amount(a: str, b: str) -> bool:
    """Whether two readings of a number are the same amount under the grammar of amounts: both
    grouped by three (``GROUPED_AMOUNT``), with the same digits and separators in the same places,
    of whatever kind (``19.070.000,00`` and ``19.070.000.00``)."""
    return (
        GROUPED_AMOUNT.match(a) is not None
        and GROUPED_AMOUNT.match(b) is not None
        and re.sub(r"[.,]", ".", a) == re.sub(r"[.,]", ".", b)
    )


def _separators(text: str) -> int:
    return sum(1 for c in text if c in ".,")


_SHEET_HEIGHT = 8000  # pixels; Tesseract refuses images over 32767


_CROP_PAD = 6  # pixels of the page around a word cut out to be read again


def _word_crops(image: np.ndarray, words: list[OcrWord], scale: float) -> list[np.ndarray]:
    """Each word's part of the page image, with a margin of ``_CROP_PAD`` pixels (``scale``:
    pixels per point)."""
    pad = _CROP_PAD
    crops = []
    for word in words:
        x0, y0 = max(0, int(word.x0 * scale) - pad), max(0, int(word.top * scale) - pad)
        x1, y1 = int(word.x1 * scale + 0.5) + pad, int(word.bottom * scale + 0.5) + pad
        crops.append(image[y0:y1, x0:x1])
    return crops


CropRead = tuple[str, float, bool]  # text, lowest confidence, whether inside the word's box


def _read_crops(
    crops: list[np.ndarray], settings: OcrSettings, margin: float = 0, lang: str | None = None
) -> dict[int, CropRead]:
    """The restricted reading of each crop (by index): its words joined, their lowest
    confidence, and whether they lie inside the word's box rather than reach into the crop's
    ``margin`` (pixels each side); crops with nothing read are left out."""
    options = f"-c tessedit_char_whitelist={_REREAD_ALPHABET}"
    out = {}
    for index, found in _read_on_sheets(crops, settings, options, lang).items():
        found.sort(key=lambda w: w.left)
        width = crops[index].shape[1]
        inside = all(w.left >= margin - 2 and w.left + w.width <= width - margin + 2 for w in found)
        out[index] = ("".join(w.text for w in found), min(w.conf for w in found), inside)
    return out


@dataclass(frozen=True)
class SheetWord:
    """A word read from a crop laid out on a sheet, in pixels from the crop's top left."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int] = (0, 0, 0)  # block, paragraph and line on the sheet


def _read_on_sheets(
    crops: list[np.ndarray], settings: OcrSettings, options: str = "", lang: str | None = None
) -> dict[int, list[SheetWord]]:
    """The words of each crop (by index), read with the crops laid out one under the other on
    as few sheets as they fit (``_sheet``) by Tesseract in one uniform block, with the extra
    ``options`` of its configuration; crops with nothing read are left out."""
    import pytesseract

    reads: dict[int, list[SheetWord]] = {}
    done = 0
    while done < len(crops):
        sheet, slots = _sheet(crops[done:])
        data = pytesseract.image_to_data(
            _for_tesseract(sheet),
            lang=lang or settings.lang,
            config=f"--psm 6 {options} {settings.engine_config}",
            output_type=pytesseract.Output.DICT,
        )
        for k, text in enumerate(data["text"]):
            conf = float(data["conf"][k])
            if not text.strip() or conf < 0:
                continue
            left, top = data["left"][k], data["top"][k]
            width, height = data["width"][k], data["height"][k]
            cx, cy = left + width / 2, top + height / 2
            for j, (a, b, c, d) in enumerate(slots):
                if a - 4 <= cx < c + 4 and b - 4 <= cy < d + 4:
                    line = (int(data["block_num"][k]), int(data["par_num"][k]),
                            int(data["line_num"][k]))  # fmt: skip
                    word = SheetWord(text.strip(), conf, left - a, top - b, width, height, line)
                    reads.setdefault(done + j, []).append(word)
                    break
        done += len(slots)
    return reads


Slot = tuple[int, int, int, int]  # x0, y0, x1, y1 of a crop on a sheet


def _sheet(crops: list[np.ndarray]) -> tuple[np.ndarray, list[Slot]]:
    """Crops laid out one under the other on a white sheet (as many as fit), and their places."""
    gap = 24
    width = max(c.shape[1] for c in crops) + 2 * gap
    slots: list[Slot] = []
    y = gap
    for crop in crops:  # one crop a line: set side by side, they would be read as one line
        h, w = crop.shape
        if slots and y + h + gap > _SHEET_HEIGHT:
            break
        slots.append((gap, y, gap + w, y + h))
        y += h + gap
    sheet = np.full((y, width), 255, np.uint8)
    for crop, (x0, y0, x1, y1) in zip(crops, slots, strict=False):
        sheet[y0:y1, x0:x1] = crop
    return sheet, slots


_DASH_WORD = re.compile(r"^[-\u2013\u2014]$")
_BEFORE_DASH = re.compile(r"\d[.,]$")  # the comma of ``,-`` stays with the number


def _join_dashes(words: list[OcrWord]) -> list[OcrWord]:
    """An amount's ``,-`` ending that Tesseract split off as a word of its own (``1.250.000,``
    and ``-``) joined back to its number: the two are one value of one cell."""
    out: list[OcrWord] = []
    for word in words:
        last = out[-1] if out else None
        if (
            last is not None
            and _DASH_WORD.match(word.text)
            and _BEFORE_DASH.search(last.text)
            and last.line == word.line
            and last.x0 < word.x0  # the dash's box may overlap the number's
            and word.x0 - last.x1 < 0.6 * (last.bottom - last.top)
        ):
            out[-1] = OcrWord(
                last.text + word.text, last.x0, min(last.top, word.top), max(last.x1, word.x1),
                max(last.bottom, word.bottom), min(last.conf, word.conf), last.line,
            )  # fmt: skip
            continue
        out.append(word)
    return out


_HOCR_WORD = re.compile(r"bbox (\d+) (\d+) (\d+) (\d+); x_wconf (\d+)")
_HOCR_CHAR = re.compile(r"x_conf ([\d.]+)'>([^<]*)</span>")


def _confirm(
    image: np.ndarray, words: list[OcrWord], settings: OcrSettings, scale: float
) -> list[OcrWord]:
    """Words that Tesseract gave a confidence of 0 while reading them: it does so for a word it
    split in two while laying out a line (``1.250.000.000,`` / ``-``), whatever its letters'
    confidences. Each is read again alone, and when the second read gives the same text, the
    word takes its confidence (the lowest of its characters', where Tesseract again gives 0)."""
    import pytesseract

    zero = [i for i, w in enumerate(words) if w.conf <= 0]
    if not zero:
        return words
    crops = _word_crops(image, [words[i] for i in zero], scale)
    out = list(words)
    done = 0
    while done < len(crops):
        sheet, slots = _sheet(crops[done:])
        hocr = pytesseract.image_to_pdf_or_hocr(
            _for_tesseract(sheet),
            lang=settings.lang,
            config=f"--psm 6 -c hocr_char_boxes=1 {settings.engine_config}",
            extension="hocr",
        ).decode("utf-8")
        found: dict[int, list[tuple[int, str, float]]] = {}
        for chunk in hocr.split("class='ocrx_word'")[1:]:
            box = _HOCR_WORD.search(chunk)
            chars = _HOCR_CHAR.findall(chunk)
            if box is None or not chars:
                continue
            left, top, right, bottom, wconf = (int(v) for v in box.groups())
            text = html.unescape("".join(c for _, c in chars)).strip()
            conf = float(wconf) if int(wconf) > 0 else min(float(c) for c, _ in chars)
            cx, cy = (left + right) / 2, (top + bottom) / 2
            for j, (a, b, c, d) in enumerate(slots):
                if a - 4 <= cx < c + 4 and b - 4 <= cy < d + 4:
                    found.setdefault(j, []).append((left, text, conf))
                    break
        for j, reads in found.items():
            word = words[zero[done + j]]
            reads.sort()
            if "".join(t for _, t, _ in reads) == word.text:
                conf = min(c for _, _, c in reads)
                out[zero[done + j]] = OcrWord(word.text, word.x0, word.top, word.x1,
                                              word.bottom, conf, word.line)  # fmt: skip
        done += len(slots)
    return out


def _is_label(text: str) -> bool:
    """A word of the column labels of a table's header (``INDIKATOR``, ``Satuan``)."""
    return text.strip(".,:;()/").lower() in LABEL_WORDS


# A word of letters read with less confidence than this is read again alone (_reread_alone).
_DOUBTFUL_WORD = 70.0
_LETTERS = re.compile(r"^[^\W\d_]{3,}[^\w\s]?$")


def _reread_alone(
    image: np.ndarray, words: list[OcrWord], settings: OcrSettings, scale: float
) -> list[OcrWord]:
    """Words of letters read with a low confidence, read again each on its own (cut out and set
    one under the other). A word read again as itself takes the surer confidence (a short
    header word such as ``KODE``, read at 27 on a shading, was dropped as its grain); a word
    read again as one label word of a table's header, surer, takes that reading.

    On a 150 dpi scan Tesseract lays out a page's lines from strokes that are thin and grey,
    and a word in a shaded header cell beside a taller one (``INDIKATOR`` beside a two-line
    ``PROGRAM/KEGIATAN/SUB`` / ``KEGIATAN``) is read as part of the wrong line, its letters
    misjudged (``WDIKATOR``, 45): alone, the same pixels read as the word they print, and the
    column is known by its label again. Other words keep their first reading: read alone, a
    name's word is as often read worse with a higher confidence (``Jumlah`` as ``Jumtah``)."""
    picked = [
        i for i, w in enumerate(words)
        if w.conf < _DOUBTFUL_WORD and _LETTERS.match(w.text)
    ]  # fmt: skip
    if not picked:
        return words
    crops = _word_crops(image, [words[i] for i in picked], scale)
    out = list(words)
    for j, found in _read_on_sheets(crops, settings).items():
        word = words[picked[j]]
        reads = [(w.text, w.conf) for w in found]
        same = [conf for text, conf in reads if text == word.text and conf > word.conf]
        if same:  # the same word again, surer
            text, conf = word.text, max(same)
        elif len(reads) == 1 and reads[0][1] > word.conf and _is_label(reads[0][0]):
            text, conf = reads[0]
        else:
            continue
        out[picked[j]] = OcrWord(text, word.x0, word.top, word.x1, word.bottom, conf,
                                 word.line, word.bold)  # fmt: skip
    return out


def _torn_groups(words: list[OcrWord]) -> list[list[int]]:
    """Groups of words that Tesseract tore from one printed line into two of its lines: words of
    different lines standing on the same line of the page (top and bottom within a quarter of
    their height) that touch or overlap; each group with at least two lines. Words of a cell
    read on its own (_read_cells) are left out: neighbouring cells are not one line."""
    parent = list(range(len(words)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(words)), key=lambda i: words[i].x0)
    for a, i in enumerate(order):
        w = words[i]
        height = w.bottom - w.top
        for j in order[a + 1 :]:
            v = words[j]
            if v.x0 > w.x1 + 0.5 * height:
                break
            same_row = (
                abs(v.top - w.top) < 0.25 * height and abs(v.bottom - w.bottom) < 0.25 * height
            )
            if v.line != w.line and same_row and min(v.line[0], w.line[0]) >= 0:
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(words)):
        groups.setdefault(root(i), []).append(i)
    return [
        sorted(g, key=lambda i: words[i].x0)
        for g in groups.values()
        if len({words[i].line for i in g}) > 1
    ]


def _mend_torn(
    image: np.ndarray, words: list[OcrWord], settings: OcrSettings, scale: float
) -> list[OcrWord]:
    """Words torn apart by Tesseract's layout of lines, read again together.

    A one-line cell printed midway beside a two-line cell (a code beside a wrapped name) lies
    between two of Tesseract's lines, and its characters are dealt out to both: ``120`` read as
    ``1`` and ``20``, a code as ``1.03.11.1.01.`` over ``03`` and ``.01.0009``, whose letters
    the text layer then interleaves. The pieces that stand on one line of the page and touch
    are cut out as one and read again, and the reading replaces them."""

    groups = _torn_groups(words)
    if not groups:
        return words
    pad = 6
    boxes = []
    for group in groups:
        x0 = max(0, int(min(words[i].x0 for i in group) * scale) - pad)
        y0 = max(0, int(min(words[i].top for i in group) * scale) - pad)
        x1 = int(max(words[i].x1 for i in group) * scale + 0.5) + pad
        y1 = int(max(words[i].bottom for i in group) * scale + 0.5) + pad
        boxes.append((x0, y0, x1, y1))
    crops = [image[y0:y1, x0:x1] for x0, y0, x1, y1 in boxes]
    replaced: dict[int, list[OcrWord]] = {}
    for j, found in _read_on_sheets(crops, settings).items():
        x0, y0 = boxes[j][:2]
        for read in found:
            word = _placed(read, x0, y0, scale, words[groups[j][0]].line)
            if word is not None:
                replaced.setdefault(j, []).append(word)
    out: list[OcrWord] = []
    first = {groups[g][0]: g for g in replaced}
    gone = {i for g in replaced for i in groups[g]}
    for i, word in enumerate(words):
        if i in first:
            out.extend(sorted(replaced[first[i]], key=lambda w: w.x0))
        elif i not in gone:
            out.append(word)
    return out


def _page_words(
    image: np.ndarray, settings: OcrSettings, scale: float, cells: Sequence[Region] = ()
) -> list[OcrWord]:
    """The words of a cleaned page image, each with a confidence that is its own.

    The page is read as a whole. Each of the table's ``cells`` whose reading is in doubt
    (_in_doubt) is read on its own too (_read_cells), and takes the reading that gives it more
    letters and digits, weighted by their confidence (_read_mass): read as a whole, lines of
    neighbouring cells run into each other, while read alone a short word may lose the line
    that sized it."""
    words = _read_words(image, settings, scale)
    if cells:
        owner = np.full(image.shape, -1, np.int32)
        for j, (x, y, inside) in enumerate(cells):
            h, w = inside.shape
            owner[y : y + h, x : x + w][inside] = j
        within: dict[int, list[OcrWord]] = {}
        rest = []
        height, width = int(image.shape[0]), int(image.shape[1])
        for word in words:
            cx = min(int((word.x0 + word.x1) / 2 * scale), width - 1)
            cy = min(int((word.top + word.bottom) / 2 * scale), height - 1)
            j = int(owner[cy, cx])
            if j < 0:
                rest.append(word)
            else:
                within.setdefault(j, []).append(word)
        typical = float(np.median([w.bottom - w.top for w in words])) if words else 0.0
        doubtful = [
            j for j in range(len(cells))
            if _in_doubt(cells[j], within.get(j, []), image, scale, typical)
        ]  # fmt: skip
        alone: dict[int, list[OcrWord]] = {j: [] for j in doubtful}
        for word in _read_cells(image, [cells[j] for j in doubtful], settings, scale):
            alone[doubtful[-1 - word.line[0]]].append(word)
        taken: list[OcrWord] = []  # words of a cell's own reading, taken for the cell
        for j in range(len(cells)):
            page = within.get(j, [])
            if j not in alone:
                rest.extend(page)
                continue
            own = alone[j]
            if _read_mass(own) > _read_mass(page):
                taken += _doubted_by(own, page)
                rest.extend(taken[len(taken) - len(own) :])
            else:
                rest.extend(_doubted_by(page, own))
        words = _beside(rest, taken)
    words = _mend_torn(
        image, _confirm(image, _join_dashes(words), settings, scale), settings, scale
    )
    words = _reread_alone(image, words, settings, scale)
    return _reread(image, words, settings, scale)


# A word this many times as tall as the page's median word spans two lines of its cell.
_TWO_LINES = 1.8
# A cell whose ink lies outside its words' boxes by more than this share was not read whole.
_UNREAD_INK = 0.05


def _in_doubt(
    cell: Region, words: list[OcrWord], image: np.ndarray, scale: float, typical: float
) -> bool:
    """Whether the page's reading of a cell is in doubt: a word read with less than _SURE
    confidence, a word as tall as two lines (two lines of the cell read as one), or ink of the
    cell outside every word's box (text not read at all: ``11`` in a narrow code cell, the
    last line of an indicator)."""
    if any(w.conf < _SURE or w.bottom - w.top > _TWO_LINES * typical for w in words):
        return True
    x, y, inside = cell
    h, w = inside.shape
    ink = (image[y : y + h, x : x + w] < 255) & inside
    total = int(ink.sum())
    pad = 2
    for word in words:
        x0, y0 = max(0, int(word.x0 * scale) - x - pad), max(0, int(word.top * scale) - y - pad)
        x1, y1 = int(word.x1 * scale) - x + pad + 1, int(word.bottom * scale) - y + pad + 1
        ink[y0:y1, x0:x1] = False
    return int(ink.sum()) > _UNREAD_INK * total


def _beside(words: list[OcrWord], taken: list[OcrWord]) -> list[OcrWord]:
    """``words`` but those of the page's reading that read the same as a word ``taken`` from a
    cell's own reading, on its ink: a cell is read from the rectangle around it, whose words may
    lie outside the cell as the page's reading placed them (``Terempatan`` twice, on one box),
    and the same ink read alike is one word. A word read otherwise on the same ink stays: the
    two readings are not known to be one word, and dropping one may lose what was printed."""
    mine = {id(word) for word in taken}
    return [
        word for word in words
        if id(word) in mine or not any(_same_word(word, other) for other in taken)
    ]  # fmt: skip


# Two readings of one box this alike (rapidfuzz's ratio, 0-100, case ignored) read one word.
_ALIKE = 80.0


def _same_word(word: OcrWord, other: OcrWord) -> bool:
    if _overlap(word, other) <= 0.5 * min(_area(word), _area(other)):
        return False
    return bool(fuzz.ratio(word.text.lower(), other.text.lower()) >= _ALIKE)


def _area(word: OcrWord) -> float:
    return max(0.0, word.x1 - word.x0) * max(0.0, word.bottom - word.top)


def _overlap(a: OcrWord, b: OcrWord) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0.0


def _doubted_by(words: list[OcrWord], other: list[OcrWord]) -> list[OcrWord]:
    """``words`` with each number that the ``other`` reading of its cell reads otherwise (the
    other's words that overlap it, joined) taking the lower of the two confidences: two
    readings that disagree (``4,2`` against ``42``) leave the value in doubt, and it is
    flagged rather than either guessed."""
    out = []
    for word in words:
        over = sorted(
            (v for v in other
             if v.x0 < word.x1 and word.x0 < v.x1 and v.top < word.bottom and word.top < v.bottom),
            key=lambda v: v.x0,
        )  # fmt: skip
        if over and _NUMERIC.match(word.text) and "".join(v.text for v in over) != word.text:
            conf = min([word.conf] + [v.conf for v in over])
            word = OcrWord(word.text, word.x0, word.top, word.x1, word.bottom, conf, word.line)
        out.append(word)
    return out


_DIGITS_ONLY = re.compile(r"^\d{2,}$")
# A mark of ink between a number's digits this small (shares of the number's height), set in
# its lower half, is a separator; a number read without one it shows takes this confidence.
_MARK = 0.45
_SEPARATOR_DOUBT = 50.0


def _unseen_separators(words: list[OcrWord], ink: np.ndarray, scale: float) -> list[OcrWord]:
    """Numbers read as digits only whose ink shows a separator between the digits (a mark of
    ink under half their height, in their lower half, between the first and last digit):
    each takes a confidence of _SEPARATOR_DOUBT, as likely wrong as right, and is flagged.

    A decimal comma in a small number (``4,2`` of a service target) is a few pixels at 200
    dpi, and both readings of a cell may lose it: ``42`` then goes out ten times too large
    with a high confidence, and no sum checks a target. Only words without a separator are
    looked at: an amount that loses one of its dots no longer fits the grammar of amounts,
    and one with separators could take a broken stroke of a digit for another."""
    import cv2

    out = []
    for word in words:
        if _DIGITS_ONLY.match(word.text) and word.conf > _SEPARATOR_DOUBT:
            height = (word.bottom - word.top) * scale
            x0, y0 = max(0, int(word.x0 * scale) - 2), max(0, int(word.top * scale))
            x1, y1 = int(word.x1 * scale) + 2, int(word.bottom * scale + 0.4 * height)
            count, _, stats, _ = cv2.connectedComponentsWithStats(
                ink[y0:y1, x0:x1].astype(np.uint8), connectivity=8
            )
            blobs = stats[1:]
            digits = blobs[blobs[:, cv2.CC_STAT_HEIGHT] > 0.6 * height]
            if len(digits):
                left = digits[:, cv2.CC_STAT_LEFT].min()
                right = (digits[:, cv2.CC_STAT_LEFT] + digits[:, cv2.CC_STAT_WIDTH]).max()
                marks = blobs[
                    (blobs[:, cv2.CC_STAT_HEIGHT] <= _MARK * height)
                    & (blobs[:, cv2.CC_STAT_WIDTH] <= _MARK * height)
                    & (blobs[:, cv2.CC_STAT_TOP] > 0.5 * height)
                    & (blobs[:, cv2.CC_STAT_LEFT] > left)
                    & (blobs[:, cv2.CC_STAT_LEFT] + blobs[:, cv2.CC_STAT_WIDTH] < right)
                    & (blobs[:, cv2.CC_STAT_AREA] >= 4)
                ]
                if len(marks):
                    word = OcrWord(word.text, word.x0, word.top, word.x1, word.bottom,
                                   _SEPARATOR_DOUBT, word.line, word.bold)  # fmt: skip
        out.append(word)
    return out


# A word of the dictionary read with a full stop after it (``Komunikasi.``), five letters or more
# (an abbreviation that takes a stop is shorter: ``Kab.``, ``Prov.``, ``dll.``).
_STOPPED = re.compile(r"^([A-Za-z]{5,})\.$")
# Shares of the word's height: a comma's mark stands no higher above the baseline than the first,
# reaches down to it within the second, and stands no farther from the last letter than the third.
_COMMA_HIGH, _COMMA_LOW, _COMMA_GAP = 0.4, 0.1, 0.3
# Pixels: the least ink of a comma's mark at the resolution pages are read at (a speck is less).
_COMMA_INK = 8


def _commas(
    words: list[OcrWord], ink: np.ndarray, scale: float, known: Collection[str]
) -> tuple[list[OcrWord], list[Mended]]:
    """Words read with a full stop after them that the ink shows a comma after, given the comma,
    and what was so mended (reported as every mended word is).

    At 150 dpi a comma is a dot, as a full stop is, and Tesseract reads ``Komunikasi, Sumber
    Daya Air dan Listrik`` (a name of the nomenclature) with a stop, which the mending then
    drops as a speck (``extract.spelling._speck_stop``: names print no sentence, and a speck
    beside a word is read as a stop). A name prints a stop after a word of five letters or more
    of the dictionary only where a comma stands: where another word follows on the line, and
    the mark is a comma's, close after the word's last letter, on the baseline, and more ink
    than a speck, the stop is taken for the comma. Only words none of whose letters reaches
    below the line (the box's bottom is then the baseline)."""
    import cv2

    following: set[int] = set()
    by_line: dict[tuple[int, int, int], list[int]] = {}
    for i, word in enumerate(words):
        by_line.setdefault(word.line, []).append(i)
    for line in by_line.values():
        line.sort(key=lambda i: words[i].x0)
        following.update(line[:-1])
    out, mended = [], []
    for i, word in enumerate(words):
        stopped = _STOPPED.match(word.text)
        height = (word.bottom - word.top) * scale
        if (
            i not in following or not stopped or stopped.group(1).lower() not in known
            or set(stopped.group(1)) & set("gjpqy") or height < 4
        ):  # fmt: skip
            out.append(word)
            continue
        x0 = max(0, int(word.x1 * scale - 0.5 * height))
        y0, base = max(0, int(word.top * scale)), int(word.bottom * scale)
        region = ink[y0 : base + int(0.5 * height), x0 : int(word.x1 * scale + 0.2 * height)]
        count, _, stats, _ = cv2.connectedComponentsWithStats(
            region.astype(np.uint8), connectivity=8
        )
        blobs = [tuple(int(v) for v in stats[k]) for k in range(1, count)]
        last = max((left + w for left, _, w, h, _ in blobs if h > 0.5 * height), default=None)
        baseline = base - y0
        if last is not None and any(
            last <= left <= last + _COMMA_GAP * height and w <= _MARK * height
            and h <= 0.5 * height and area >= _COMMA_INK
            and top >= baseline - _COMMA_HIGH * height and top + h >= baseline - _COMMA_LOW * height
            for left, top, w, h, area in blobs
        ):  # fmt: skip
            comma = stopped.group(1) + ","
            mended.append((word.text, comma, (word.x0, word.top, word.x1, word.bottom)))
            word = replace(word, text=comma)
        out.append(word)
    return out, mended


def _read_mass(words: list[OcrWord]) -> float:
    """What a reading of a cell gives: its letters and digits, each weighted by its word's
    confidence (a speck read as a full stop, ``(6).``, adds nothing)."""
    return sum(sum(c.isalnum() for c in w.text) * max(w.conf, 0.0) for w in words)


Region = tuple[int, int, np.ndarray]  # x, y (pixels) and mask of a cell within its bounding box


# A cell narrower than this many letter heights is read with the page (_table_cells).
_NARROW_CELL = 4.0


def _enclosed(walls: np.ndarray) -> Iterator[tuple[int, int, int, int, np.ndarray]]:
    """The regions that the ruling lines (``walls``) close off, as x, y, width, height (pixels)
    and a mask within that box; the region around the tables (it touches the page's edge) is
    left out."""
    import cv2

    h, w = walls.shape
    count, labels, stats, _ = cv2.connectedComponentsWithStats(
        (walls == 0).astype(np.uint8), connectivity=4
    )
    for i in range(1, count):
        x, y, cw, ch, _ = (int(v) for v in stats[i])
        if x > 0 and y > 0 and x + cw < w and y + ch < h:
            yield x, y, cw, ch, labels[y : y + ch, x : x + cw] == i


def _table_cells(walls: np.ndarray, ink: np.ndarray, scale: float) -> list[Region]:
    """The cells that the ruling lines (``walls``) close off and that hold ink: each region of
    the page the rules enclose, without the one around the tables (it touches the page's
    edge), one too tall for a sheet (_SHEET_HEIGHT), or one narrower than a few letters.

    A narrow cell holds a code's digits one a line (``0`` over ``7``); read alone, a lone
    glyph has no line of text to size it by, and ``0`` is read as ``o`` or ``6)``, while the
    page's line through it, across the table, sizes it right."""
    letter = _glyph_height(ink) or 5 * scale  # pixels; 5 pt when the page has too few letters
    return [
        (x, y, inside)
        for x, y, cw, ch, inside in _enclosed(walls)
        if cw >= _NARROW_CELL * letter and letter <= ch <= _SHEET_HEIGHT // 2
        and ink[y : y + ch, x : x + cw][inside].any()
    ]  # fmt: skip


def _read_cells(
    image: np.ndarray, cells: Sequence[Region], settings: OcrSettings, scale: float
) -> list[OcrWord]:
    """The words of each cell, read apart from the rest of the page: cut out (what lies outside
    the cell turned white) and set one under the other on sheets.

    Read as one block, a page's text lines run across the table, and lines of neighbouring
    cells that stand half a line apart are dealt into each other: a header cell printed
    ``Kebutuhan Dana/`` over ``Pagu Indikatif`` beside one printed on three lines was read as
    one tall ``Kebutuhan``, a stray ``9`` and nothing of ``Pagu Indikatif``, and the lines of
    an indicator beside a two-line name came out in the wrong order. Each cell's words keep
    their own lines (block numbers below 0, one a cell), which no other cell's share."""
    if not cells:
        return []
    crops = []
    for x, y, inside in cells:
        h, w = inside.shape
        crop = image[y : y + h, x : x + w].copy()
        crop[~inside] = 255
        crops.append(crop)
    words = []
    for j, found in sorted(_read_on_sheets(crops, settings).items()):
        x, y, _ = cells[j]
        for read in sorted(found, key=lambda r: (r.line, r.left)):
            line = (-1 - j, read.line[0] * 1000 + read.line[1], read.line[2])
            word = _placed(read, x, y, scale, line)
            if word is not None:
                words.append(word)
    return _apart(words)


def _placed(
    read: SheetWord, x: int, y: int, scale: float, line: tuple[int, int, int]
) -> OcrWord | None:
    """A word read from a crop cut out at ``x``, ``y`` (pixels), placed back on the page, or
    None for what is no word: a stroke at a word's end is what is left of a rule, and a lone
    mark of punctuation a speck."""
    text = read.text.strip("|")
    if not text or _SPECK.match(text):
        return None
    left, top = (x + read.left) / scale, (y + read.top) / scale
    return OcrWord(text, left, top, left + read.width / scale, top + read.height / scale,
                   read.conf, line)  # fmt: skip


# Points: wider than any stroke of a letter, so that a grey closing of the page leaves its
# background (the paper, or a shading) without the text.
_STROKE_MAX = 4.0
# A background at least this much darker than the paper (grey levels) is a shading.
_SHADE_CONTRAST = 6
# A cell whose background is at most this share of the paper's brightness is shaded.
_SHADED = 0.97
# Fill levels of a document closer than this are one shading, with noise (see shared_fills).
_FILL_GAP = 0.025


def _backdrop(gray: np.ndarray, scale: float) -> np.ndarray:
    """The page without its text: a grey closing wider than any stroke (the paper, or a
    shading's level)."""
    import cv2

    size = max(3, int(_STROKE_MAX * scale) | 1)
    return cv2.morphologyEx(
        gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size))
    )


def _flatten(gray: np.ndarray, scale: float) -> np.ndarray:
    """The page with its shadings lifted towards the paper's level, so that their grain is less
    often taken for ink and read as letters; unshaded parts are left as they are.

    The background is a grey closing wider than any stroke: it takes the brighter grains of a
    shading for its level, so the shading is lifted less than fully, which keeps the contrast
    of the thin strokes of a low-resolution scan (a full lift, or a smoothing, loses them)."""
    background = _backdrop(gray, scale)
    paper = _grey_median(background)
    shaded = background < paper - _SHADE_CONTRAST
    lifted = gray.astype(np.float32) * (paper / np.maximum(background, 1).astype(np.float32))
    return np.where(shaded, np.clip(lifted, 0, 255), gray).astype(np.uint8)


Cell = tuple[int, int, int, int, np.ndarray, float]  # x, y, width, height (pixels), mask, level


def _shaded_cells(
    gray: np.ndarray, inverted: np.ndarray, walls: np.ndarray, scale: float
) -> list[Cell]:
    """The shaded cells of the page: the regions that the ruling lines (``walls``) close off,
    each with its level, the median grey of its pixels that are not ink (``inverted``: a cell
    filled with digits is not shaded) relative to the paper's; cells lighter than _SHADED, and
    the region around the tables, are left out. A cell with too few such pixels (a shading
    dark enough to pass for ink) takes the level of the page without its text (_backdrop)."""
    paper = _grey_median(gray)
    narrowest = 4 * scale  # points: a narrower fill would be taken for a rule (extract.tables)
    cells = []
    backdrop: np.ndarray | None = None
    for x, y, cw, ch, inside in _enclosed(walls):
        if min(cw, ch) < narrowest:
            continue
        background = inside & (inverted[y : y + ch, x : x + cw] == 0)
        if background.sum() < inside.sum() / 4:
            backdrop = _backdrop(gray, scale) if backdrop is None else backdrop
            grey = _grey_median(backdrop[y : y + ch, x : x + cw], inside)
        else:
            grey = _grey_median(gray[y : y + ch, x : x + cw], background)
        level = min(1.0, grey / paper)
        if level < _SHADED:
            cells.append((x, y, cw, ch, inside, level))
    return cells


# A word read inside a shaded cell that is this short, has no digit, and is read with less than
# this confidence is the shading's grain read as letters (``Kn`` in an empty lokasi cell).
_GRAIN_LENGTH = 4
_GRAIN_CONFIDENCE = 50.0


def _off_grain(words: list[OcrWord], cells: list[Cell], scale: float) -> list[OcrWord]:
    """The words without those that the grain of a shaded cell gives: short, without a digit,
    and read with a low confidence (a word of a name, or any number, is kept)."""
    if not cells:
        return words
    boxes = [
        (x / scale, y / scale, (x + cw) / scale, (y + ch) / scale) for x, y, cw, ch, *_ in cells
    ]
    out = []
    for word in words:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        grain = (
            len(word.text) <= _GRAIN_LENGTH
            and word.conf < _GRAIN_CONFIDENCE
            and not _DIGITS.search(word.text)
            and any(x0 <= cx <= x1 and y0 <= cy <= y1 for x0, y0, x1, y1 in boxes)
        )
        if not grain:
            out.append(word)
    return out


def _fills(cells: list[Cell], scale: float) -> list[tuple[float, float, float, float, float]]:
    """Each shaded cell as a filled rectangle in points, reaching the middle of its rules."""
    margin = 4  # pixels, from the cell's inside to the middle of its rules
    return [
        ((x - margin) / scale, (y - margin) / scale, (x + cw + margin) / scale,
         (y + ch + margin) / scale, round(level, 3))
        for x, y, cw, ch, _, level in cells
    ]  # fmt: skip


# A word is bold when its strokes are this much wider, and its ink this much darker, than the
# median word's of the page (most text of a plan table, indicators and sub kegiatan, is plain).
_BOLD_STROKE = 1.2
_BOLD_INK = 1.1


def _mark_bold(
    words: list[OcrWord], ink: np.ndarray, gray: np.ndarray, scale: float
) -> list[OcrWord]:
    """Each word marked bold or not from the image: its stroke width (twice its ink's area over
    its ink's outline) and the darkness of its ink, against the page's median word."""
    import cv2

    measures: list[tuple[float, float] | None] = []
    for word in words:
        x0, y0 = max(0, int(word.x0 * scale)), max(0, int(word.top * scale))
        x1, y1 = int(word.x1 * scale + 0.5), int(word.bottom * scale + 0.5)
        crop = ink[y0:y1, x0:x1]
        area = int(crop.sum())
        outline = area - int(cv2.erode(crop, np.ones((3, 3), np.uint8)).sum())
        if area == 0 or outline == 0:
            measures.append(None)
            continue
        darkness = float(255 - gray[y0:y1, x0:x1][crop > 0].mean())
        measures.append((2 * area / outline, darkness))
    # the page's plain text: words of two characters or more
    typical = [m for w, m in zip(words, measures, strict=True) if m and len(w.text) >= 2]
    if len(typical) < 10:
        return words
    stroke = float(np.median([m[0] for m in typical]))
    darkness = float(np.median([m[1] for m in typical]))
    return [
        OcrWord(
            w.text,
            w.x0,
            w.top,
            w.x1,
            w.bottom,
            w.conf,
            w.line,
            m[0] > _BOLD_STROKE * stroke and m[1] > _BOLD_INK * darkness,
        )  # fmt: skip
        if m
        else w
        for w, m in zip(words, measures, strict=True)
    ]


_RULE_TEXT = re.compile(r"^[\u2014\u2013_=~-]+$")
_RULE_ENDS = re.compile(r"^[\u2014_]+|[\u2014_]+$")


def _off_rules(words: list[OcrWord], rules: list[Segment]) -> list[OcrWord]:
    """The words without what a ruling line left in the text: a word of dashes or underscores
    lying on a horizontal rule is dropped, and the long dashes or underscores that end a word
    touching one are cut off (a ``-`` elsewhere, a nil amount, stays). A word of dashes taller
    than it is wide is no dash: what is left of a vertical rule (``Rekayasa — Lalu``)."""
    horizontal = [r for r in rules if r[1] == r[3]]
    out = []
    for word in words:
        if _RULE_TEXT.match(word.text) and word.bottom - word.top > word.x1 - word.x0:
            continue  # a "dash" taller than wide: a stroke of a vertical rule, or a speck
        touching = [
            r for r in horizontal
            if r[0] < word.x1 and word.x0 < r[2] and word.top - 1 <= r[1] <= word.bottom + 1
        ]  # fmt: skip
        if not touching:
            out.append(word)
            continue
        if _RULE_TEXT.match(word.text):
            continue
        text = _RULE_ENDS.sub("", word.text)
        if text:
            out.append(OcrWord(text, word.x0, word.top, word.x1, word.bottom, word.conf,
                               word.line, word.bold))  # fmt: skip
    return out


def shared_fills(pages: Iterable[OcrPage]) -> None:
    """Give the cells of one shading the same level over the document's pages: the levels are
    grouped where they lie within _FILL_GAP of each other, and each group takes its median, so
    that the level rules see one fill colour per level of the plan, as on a born-digital page."""
    pages = list(pages)
    levels = sorted({fill[4] for page in pages for fill in page.fills})
    if not levels:
        return
    groups: list[list[float]] = [[levels[0]]]
    for level in levels[1:]:
        if level - groups[-1][-1] <= _FILL_GAP:
            groups[-1].append(level)
        else:
            groups.append([level])
    snapped = {v: round(float(np.median(g)), 2) for g in groups for v in g}
    for page in pages:
        page.fills = [(*fill[:4], snapped[fill[4]]) for fill in page.fills]


def _rules(
    inverted: np.ndarray, scale: float, gray: np.ndarray | None = None
) -> tuple[list[Segment], np.ndarray]:
    """The ruling lines of a page as segments in points, and the mask of the pixels they cover
    (their blurred edges would be read as strokes, ``13`` as ``113``: cleared widely). Given the
    page's ``gray`` (as scanned, shadings and all), rules that are faint against their
    surroundings (_thin_lines) are added where they run on at least three times as far as a
    rule of ink must (letters line up in thin lines of a word or two)."""
    import cv2

    horizontal, vertical = _rule_masks(inverted, scale)
    if gray is not None:
        rows, columns = _thin_lines(gray, scale)
        edge_rows, edge_columns = _fill_edges(gray, scale)
        rows, columns = cv2.bitwise_or(rows, edge_rows), cv2.bitwise_or(columns, edge_columns)
        h, w = inverted.shape
        rows = cv2.morphologyEx(
            rows, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(75, w // 14), 1))
        )
        columns = cv2.morphologyEx(
            columns, cv2.MORPH_OPEN,
            cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(75, h // 17))),
        )  # fmt: skip
        # only where no rule of ink runs: a rule of ink keeps its own pixels (the grey fringe a
        # faint line adds to it would clear the strokes of digits that touch it)
        band = 2 * max(3, int(_RULE_WIDTH * scale)) + 1
        near = cv2.dilate(horizontal, cv2.getStructuringElement(cv2.MORPH_RECT, (1, band)))
        horizontal = cv2.bitwise_or(horizontal, cv2.bitwise_and(rows, cv2.bitwise_not(near)))
        near = cv2.dilate(vertical, cv2.getStructuringElement(cv2.MORPH_RECT, (band, 1)))
        vertical = cv2.bitwise_or(vertical, cv2.bitwise_and(columns, cv2.bitwise_not(near)))
    horizontal = _off_letters(horizontal, vertical, scale)
    rules = _segments(horizontal, True, scale) + _segments(vertical, False, scale)
    mask = cv2.bitwise_or(
        cv2.dilate(horizontal, np.ones((9, 5), np.uint8)),
        cv2.dilate(vertical, np.ones((5, 9), np.uint8)),
    )
    return rules, mask


def ocr_page(path: Path, number: int, settings: OcrSettings | None = None) -> OcrPage:
    """Read one page of a PDF by OCR: deskew, clean, find the rules, read the words."""
    import cv2

    settings = settings or OcrSettings()
    start = time.perf_counter()
    gray, width, height = _render(path, number, settings.dpi)
    glyph = _glyph_height(_binary(cv2.medianBlur(gray, 3)))
    if glyph and glyph < 0.9 * settings.min_glyph:  # a few percent larger is not worth it
        dpi = min(600, round(settings.dpi * settings.min_glyph / glyph))
        gray, width, height = _render(path, number, dpi)
    scale = gray.shape[1] / width
    gray = cv2.medianBlur(gray, 3)
    angle = _skew(_binary(gray), settings.max_skew)
    if abs(angle) > 0.05:
        h, w = gray.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(
            gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
            borderValue=255,
        )  # fmt: skip
    inverted = _binary(gray)
    rules, rules_mask = _rules(inverted, scale, gray)
    # Shaded cells are measured on the page as scanned; a page that has some is then read,
    # rules and text, with its shadings lifted (faint rules are still looked for as scanned).
    shaded = _shaded_cells(gray, inverted, rules_mask, scale)
    if shaded:
        original, ink_before = gray, inverted
        gray = _flatten(gray, scale)
        inverted = _binary(gray)
        rules, rules_mask = _rules(inverted, scale, original)
        shaded = _shaded_cells(original, ink_before, rules_mask, scale)
    # Tesseract reads grey edges better than hard black and white: keep the (filtered) greys,
    # with the background and the rules turned white.
    ink = ((inverted > 0) & (rules_mask == 0)).astype(np.uint8)
    ink[_specks(ink)] = 0
    cleaned = gray.copy()
    cleaned[ink == 0] = 255
    cells = _table_cells(rules_mask, ink, scale)
    words = _off_grain(_page_words(cleaned, settings, scale, cells), shaded, scale)
    words = _unseen_separators(_off_rules(_mark_bold(words, ink, gray, scale), rules), ink, scale)
    fills = _fills(shaded, scale)
    rules = rules + _lost_rules(words, rules)
    words, commas = _commas(words, ink, scale, known_words(settings.lang))
    words, mended = _mended(words, settings.lang)
    mended = commas + mended
    seconds = time.perf_counter() - start
    return OcrPage(number, width, height, words, rules, angle, seconds, fills, mended)


# An amount of a plan table as printed (at least a million: three groups), read by OCR.
_ROW_AMOUNT = re.compile(r"^\d{1,3}(?:[.,]\d{3}){2,}(?:[.,]\d{2}|,-?)?$")
_ROW_GAP = 0.5  # of the median word height: a band free of text this tall parts two rows


def _lost_rules(words: list[OcrWord], rules: list[Segment]) -> list[Segment]:
    """Rules a scan lost between two rows of a ruled table, put back: where two amounts stand
    one above the other in a column with no rule between them, and a band free of text runs
    across the table between them (wider than any other such band there, and half a word's
    height at least). Every row of a plan table prints its amount in its own cell, so two
    amounts of millions in one cell are two rows whose rule the scan lost (sumut-2023 at
    150 dpi: the OPD's row and program I's, both shaded alike, with no rule between); the rule
    spans the table as the rule above them does. Only in a ruled table's column (a rule above
    the two amounts, and column rules beside them): a borderless table parts its rows by space,
    and is read so."""
    horizontal = [r for r in rules if r[1] == r[3]]
    amounts = sorted((w for w in words if _ROW_AMOUNT.match(w.text)), key=lambda w: w.top)
    if len(amounts) < 2 or not horizontal:
        return []
    height = float(np.median([w.bottom - w.top for w in words]))
    added: list[Segment] = []
    for i, upper in enumerate(amounts):
        lower = next(
            (w for w in amounts[i + 1 :]
             if w.top > upper.bottom and min(w.x1, upper.x1) - max(w.x0, upper.x0)
             > 0.5 * min(w.x1 - w.x0, upper.x1 - upper.x0)),
            None,
        )  # fmt: skip
        if lower is None:
            continue
        x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
        between = [r for r in horizontal if r[0] <= x0 and r[2] >= x1]
        if any(upper.bottom <= r[1] <= lower.top for r in between):
            continue  # the rows have their rule
        above = [r for r in between if r[1] < upper.top]
        walls = [r for r in rules if r[0] == r[2] and r[1] < lower.bottom and r[3] > upper.top]
        if not above or not (
            any(r[0] <= x0 for r in walls) and any(r[0] >= x1 for r in walls)
        ):  # fmt: skip
            continue  # not in a ruled table's column: rows of a borderless table
        left, _, right, _ = max(above, key=lambda r: r[1])
        if any(
            abs(r[1] - (upper.bottom + lower.top) / 2) < lower.top - upper.bottom for r in added
        ):
            continue
        # text across the table between the two amounts' lines, and the bands it leaves free
        spans = sorted(
            (w.top, w.bottom) for w in words
            if w.x1 > left and w.x0 < right and w.bottom > upper.bottom and w.top < lower.top
        )  # fmt: skip
        free, at = [], upper.bottom
        for top, bottom in spans:
            if top > at:
                free.append((top - at, at, top))
            at = max(at, bottom)
        if lower.top > at:
            free.append((lower.top - at, at, lower.top))
        if not free:
            continue
        free.sort(reverse=True)
        widest, start, end = free[0]
        if widest < _ROW_GAP * height or (len(free) > 1 and free[1][0] > 0.8 * widest):
            continue  # no band, or several alike: lines of one row's cells, not two rows
        y = (start + end) / 2
        added.append((left, y, right, y))
    return added


@functools.cache
def known_words(lang: str) -> frozenset[str]:
    """``lang``'s dictionary and the project's column words, one set a run: the mending's
    caches (``extract.spelling``) are keyed by it; empty without a dictionary."""
    known = dictionary(lang)
    return known | LABEL_WORDS if known else known


def _mended(words: list[OcrWord], lang: str) -> tuple[list[OcrWord], list[Mended]]:
    """The words with those OCR misread mended from ``lang``'s dictionary and the project's
    column words (``extract.spelling``), and what was mended."""
    known = known_words(lang)
    if not known:
        return words, []
    out, mended = [], []
    starts: dict[tuple[int, int, int], list[float]] = {}
    for word in words:
        starts.setdefault(word.line, []).append(word.x0)
    for word in words:
        # a word with the next of its line a space after it is whole, not cut at a cell's edge
        space = word.bottom - word.top
        whole = any(word.x1 <= x <= word.x1 + space for x in starts[word.line])
        text = mend_text(word.text, known, whole=whole)
        if text != word.text:
            mended.append((word.text, text, (word.x0, word.top, word.x1, word.bottom)))
            word = replace(word, text=text)
        out.append(word)
    return out, mended


def ocr_pages(
    path: Path, numbers: Iterable[int], settings: OcrSettings | None = None
) -> dict[int, OcrPage]:
    """OCR the given pages (1-based) of a PDF; raises DocumentError when OCR is not available."""
    settings = settings or OcrSettings()
    reason = ocr_unavailable(settings)
    if reason:
        raise DocumentError(reason)
    read: dict[int, OcrPage] = {}
    if settings.threads == 1:
        read = {n: ocr_page(path, n, settings) for n in numbers}
    else:
        # Tesseract's time is spent in its own processes, the page images' in OpenCV and numpy,
        # which leave the interpreter free: threads keep ``settings.threads`` pages in reading.
        # ``numbers`` is taken one page at a time, as each can start (its progress counts them).
        with ThreadPoolExecutor(settings.threads, thread_name_prefix="renja-ocr") as pool:
            reading: deque[tuple[int, Future[OcrPage]]] = deque()
            for number in numbers:
                if len(reading) == settings.threads:
                    done, future = reading.popleft()
                    read[done] = future.result()
                reading.append((number, pool.submit(ocr_page, path, number, settings)))
            for done, future in reading:
                read[done] = future.result()
    shared_fills(read.values())
    return read


# --- the text layer -----------------------------------------------------------------------

_COURIER_ADVANCE = 0.6  # every Courier glyph is 600/1000 of the font size wide


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return b"(" + re.sub(rb"([\\()])", rb"\\\1", data) + b")"


def _page_content(page: OcrPage) -> bytes:
    out = [b"0 G 0.5 w"]
    for x0, top, x1, bottom, level in page.fills:  # under the rules and the words
        out.append(
            f"{level:.2f} g {x0:.2f} {page.height - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} "
            "re f".encode()
        )
    for x0, top, x1, bottom in page.rules:
        y0, y1 = page.height - top, page.height - bottom
        out.append(f"{x0:.2f} {y0:.2f} m {x1:.2f} {y1:.2f} l S".encode())
    # Every word of a line gets the line's typical height, centred on the word: ascenders and
    # descenders then no longer split a line, while a word set lower in a cell (a wrapped
    # heading that Tesseract took into the same line) stays on a line of its own.
    heights: dict[tuple[int, int, int], list[float]] = {}
    for word in page.words:
        heights.setdefault(word.line, []).append(word.bottom - word.top)
    for word in page.words:
        size = max(1.0, float(np.median(heights[word.line])))
        bottom = (word.top + word.bottom) / 2 + size / 2
        natural = _COURIER_ADVANCE * size * len(word.text)
        stretch = 100 * max(0.1, word.x1 - word.x0) / natural
        grey = min(max(word.conf, 0.0), 100.0) / 100
        out.append(
            f"BT /{'F2' if word.bold else 'F1'} {size:.2f} Tf {stretch:.2f} Tz {grey:.4f} g "
            f"1 0 0 1 {word.x0:.2f} {page.height - bottom:.2f} Tm ".encode()
            + _pdf_string(word.text + " ")  # the space keeps words apart however close
            + b" Tj ET"
        )
    return b"\n".join(out)


def write_text_layer(
    pages: dict[int, OcrPage], sizes: list[tuple[float, float]], target: Path
) -> None:
    """Write a PDF with a page per source page (``sizes`` in points): the OCR'd pages carry their
    words and rules, the others are blank. Page numbers therefore match the source."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    bold = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier-Bold /Encoding /WinAnsiEncoding >>"
    )
    pages_id = add(b"")  # filled in below, once the kids are known
    kids = []
    for index, (width, height) in enumerate(sizes, start=1):
        page = pages.get(index)
        content = _page_content(page) if page is not None else b""
        stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] "
                f"/Resources << /Font << /F1 {font} 0 R /F2 {bold} 0 R >> >> "
                f"/Contents {stream} 0 R >>".encode()
            )
        )
    kid_refs = " ".join(f"{k} 0 R" for k in kids)
    objects[pages_id - 1] = f"<< /Type /Pages /Kids [{kid_refs}] /Count {len(kids)} >>".encode()
    catalog = add(f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode())
    target.write_bytes(pdf_bytes(objects, catalog))


def pdf_bytes(objects: list[bytes], root: int) -> bytes:
    """A PDF file of numbered objects (1-based, in order) with its cross-reference table."""
    data = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        data += b"%010d 00000 n \n" % offset
    data += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(data)


def char_confidence(char: dict[str, Any]) -> float | None:
    """The OCR confidence (0-100) a character of the text layer carries as its grey level."""
    colour = char.get("non_stroking_color")
    if isinstance(colour, (tuple, list)) and len(colour) == 1:
        return round(float(colour[0]) * 100, 2)
    if isinstance(colour, (int, float)):
        return round(float(colour) * 100, 2)
    return None
