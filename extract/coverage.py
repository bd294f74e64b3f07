"""The values a table prints, located on its pages, so that the reading can be held against them.

A table runs from its caption (or header) to its own end: the next table caption, the next
chapter (``BAB ...``), a signature or closing block, or the end of the document. Every
amount-like word inside that span is listed with its page and box; ``transform.reading`` then
accounts for each one (read into a row, or not).

Only amounts of at least two thousand groups (``1.250.000``) are listed: column-number rows
(``1 2 3 ... 12``), page numbers, dates (``12 Januari 2023``, ``12-01-2023``) and years in
headers (``2023``) never have that form, so they are told apart by their shape alone.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.locate import END_OF_TABLE
from extract.parsed import open_pdf, page_words, release
from extract.tables import upright_page

__all__ = [
    "PrintedValue",
    "TableSpan",
    "printed_amounts",
    "printed_numbers",
    "table_span",
]

# An amount: 1.250.000 or 1,250,000 or 1.250.000,00, with Rp and a closing ",-" allowed.
# The decimals' separator is never the thousands' one ("91.846.500.00" is a broken number).
_AMOUNT = re.compile(
    r"^(?:Rp\.?)?\(?\d{1,3}(?:([.,])\d{3})(?:\1\d{3})+(?:(?!\1)[.,]\d{1,2})?(?:,-)?\)?$"
)
# The parts of an amount broken across lines: "43.000.00" over "0,-", "1.250." over "000".
_HEAD = re.compile(r"^(?:Rp\.?)?\d[\d.,]*[.,][\d.,]*$")
_TAIL = re.compile(r"^[.,]?\d[\d.,]*(?:,-)?$")

# A year as a word ("2023", "(2022)", "2023:"): a heading or part of a name, never a target.
_YEAR = re.compile(r"^\(?(?:19|20)\d\d\)?[.,:;]?$")
# A cell of a column-number row: "1", "(12)", "8=(7/6)".
_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?(?:=.*)?$")


@dataclass(frozen=True)
class PrintedValue:
    """An amount printed on a page, with its box (points from the page's top left)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass(frozen=True)
class TableSpan:
    """The pages a table runs over and where on its first and last page it starts and ends."""

    pages: list[int]
    start_top: float  # on the first page: the top of the table's caption or header
    end_top: float | None  # on the last page: the top of the line that ends it (None: page end)
    ended_by: str  # what ended it: the line's text, or "end of document"


def _amount_words(
    words: list[dict[str, Any]], used: set[int] | None = None
) -> list[dict[str, Any]]:
    """Amount-like words, an amount broken over two lines (``43.000.00`` over ``0,-``, or
    ``6.899.089`` over ``.000,-``) joined into one word. ``used`` is given the indices of
    the words that make them."""
    found = []
    used = set() if used is None else used
    for i, word in enumerate(words):
        if i in used:
            continue
        rest = _continuation(words, i) if _HEAD.match(word["text"]) else None
        if rest is not None and rest not in used:
            used.add(rest)
            other = words[rest]
            word = {
                "text": word["text"] + other["text"],
                "x0": min(word["x0"], other["x0"]),
                "top": word["top"],
                "x1": max(word["x1"], other["x1"]),
                "bottom": other["bottom"],
            }
        if _AMOUNT.match(word["text"]):
            found.append(word)
            used.add(i)
    return found


def _continuation(words: list[dict[str, Any]], index: int) -> int | None:
    """The word just below ``words[index]`` in the same column that completes its number: the
    two make an amount, and the first is none by itself or the second opens with a separator."""
    word = words[index]
    height = word["bottom"] - word["top"]
    # "896.420.000,0" over "0": one decimal printed, the other on the next line
    whole = bool(_AMOUNT.match(word["text"])) and not re.search(r"[.,]\d$", word["text"])
    best = None
    for j, other in enumerate(words):
        text = other["text"]
        if j == index or not _TAIL.match(text) or (whole and text[0].isdigit()):
            continue
        below = other["top"] - word["bottom"]
        overlaps = other["x0"] < word["x1"] and other["x1"] > word["x0"]
        if not (overlaps and -1 <= below <= height * 1.5):
            continue
        if _AMOUNT.match(word["text"] + text) and (best is None or other["top"] < best[0]):
            best = (other["top"], j)
    return best[1] if best else None


def table_span(
    path: Path, first_page: int, start_top: float, last_read: int, last_bottom: float
) -> TableSpan:
    """Where a table ends that starts at ``start_top`` on ``first_page`` and was read down to
    ``last_bottom`` on page ``last_read``: at the first line after that which ends a table, or
    before the first later page that prints no amount, or at the end of the document. The
    pages after ``last_read`` that print amounts before such a line belong to the table."""
    pages = list(range(first_page, last_read + 1))
    pdf = open_pdf(path)
    try:
        for number in range(last_read, len(pdf.pages) + 1):
            page = upright_page(pdf, pdf.pages[number - 1])
            below = last_bottom if number == last_read else -1.0
            amounts = False
            for line in page.extract_text_lines():
                if line["top"] < below - 1:
                    continue
                if END_OF_TABLE.match(line["text"]):
                    if number > last_read and not amounts:
                        return TableSpan(pages, start_top, None, line["text"].strip())
                    if number not in pages:
                        pages.append(number)
                    return TableSpan(pages, start_top, line["top"], line["text"].strip())
                amounts = amounts or any(_AMOUNT.match(w) for w in line["text"].split())
            if number > last_read:
                if not amounts:
                    return TableSpan(pages, start_top, None, f"page {number} prints no amount")
                pages.append(number)
    finally:
        release(pdf)
    return TableSpan(pages, start_top, None, "end of document")


def printed_amounts(
    path: Path,
    span: TableSpan,
    text_layer: Path | None = None,
    ocr_pages: Collection[int] = (),
) -> list[PrintedValue]:
    """Every amount printed inside a table's span, page by page."""
    found: list[PrintedValue] = []
    pdf = open_pdf(path)
    layer = open_pdf(text_layer) if text_layer is not None and ocr_pages else None
    try:
        for number in span.pages:
            source = layer if layer is not None and number in ocr_pages else pdf
            page = upright_page(source, source.pages[number - 1])
            top = span.start_top if number == span.pages[0] else -1.0
            bottom = span.end_top if number == span.pages[-1] else None
            found += _values(page, number, page_words(page), top, bottom)
    finally:
        release(layer)
        release(pdf)
    return found


def _values(
    page: Any, number: int, words: Iterable[dict[str, Any]], top: float, bottom: float | None
) -> list[PrintedValue]:
    inside = [w for w in words if w["top"] >= top and (bottom is None or w["top"] < bottom)]
    return [
        PrintedValue(
            number, float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]), w["text"]
        )  # fmt: skip
        for w in _amount_words(inside)
    ]


Box = tuple[float, float, float, float]


def printed_numbers(
    path: Path,
    areas: dict[int, list[Box]],
    text_layer: Path | None = None,
    ocr_pages: Collection[int] = (),
) -> list[PrintedValue]:
    """Every number-like word (a target, a row number, a code, a number inside a name) printed
    inside the given areas (page -> boxes of a table's body, below its header), other than
    the amounts ``printed_amounts`` counts, the parts of those amounts, years, and the cells
    of a row of column numbers."""
    found: list[PrintedValue] = []
    pdf = open_pdf(path)
    layer = open_pdf(text_layer) if text_layer is not None and ocr_pages else None
    try:
        for number, boxes in sorted(areas.items()):
            source = layer if layer is not None and number in ocr_pages else pdf
            page = upright_page(source, source.pages[number - 1])
            inside = [w for w in page_words(page) if any(_within(w, box) for box in boxes)]
            found += _numbers(number, inside)
    finally:
        release(layer)
        release(pdf)
    return found


def _within(word: dict[str, Any], box: Box) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _numbers(number: int, words: list[dict[str, Any]]) -> list[PrintedValue]:
    used: set[int] = set()
    _amount_words(words, used)
    for i in list(used):  # the second line of a broken amount
        rest = _continuation(words, i) if _HEAD.match(words[i]["text"]) else None
        if rest is not None:
            used.add(rest)
    column_numbers = _column_number_words(words)
    return [
        PrintedValue(
            number, float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]), w["text"]
        )  # fmt: skip
        for i, w in enumerate(words)
        if i not in used and i not in column_numbers and re.search(r"\d", w["text"])
        and not _YEAR.match(w["text"])
    ]  # fmt: skip


def _column_number_words(words: list[dict[str, Any]]) -> set[int]:
    """The words of a line of three or more column numbers rising from left to right, and
    nothing else (``1 2 3 ... 12``, ``(1) (2) (3)``)."""
    lines: dict[int, list[int]] = {}
    for i, word in enumerate(words):
        lines.setdefault(round(word["top"] / 3), []).append(i)
    found: set[int] = set()
    for indices in lines.values():
        row = sorted(indices, key=lambda i: words[i]["x0"])
        matches = [_COLUMN_NUMBER.match(words[i]["text"]) for i in row]
        if len(row) < 3 or not all(matches):
            continue
        values = [int(m[1]) for m in matches if m]
        if all(b > a for a, b in zip(values, values[1:], strict=False)):
            found.update(row)
    return found
