"""A picture of what was read on one page: ``renja inspect PDF --page N``.

Drawn on the page image (pdfplumber's ``PageImage``), from the same stage outputs as ``renja
debug``: the area and column bounds of each table read on the page, the band of each plan row
that became a node, coloured by its level and labelled with its ``level_source``, and the
amounts printed in the plan table that landed in no output row (``validation/unread.csv``), in
red. It is the way to see why a layout went wrong, as camelot's ``plot`` and pdfplumber's
``debug_tablefinder`` are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pdfplumber
from pdfplumber.display import PageImage, get_page_image
from PIL import Image, ImageDraw, ImageFont

from extract.model import Box, RawTable
from extract.tables import upright_page
from renja.process import process_pdf
from transform.rows import LogicalTable

__all__ = [
    "COLUMN_COLOUR",
    "LEVEL_COLOURS",
    "TABLE_COLOUR",
    "UNREAD_COLOUR",
    "Band",
    "InspectError",
    "PageReading",
    "draw_page",
    "inspect_page",
    "read_page",
]

# Each level's colour: the band's outline and label in full, its fill faint.
LEVEL_COLOURS: dict[str, tuple[int, int, int]] = {
    "program": (0, 90, 200),
    "kegiatan": (0, 150, 60),
    "sub_kegiatan": (230, 140, 0),
}
TABLE_COLOUR = (120, 0, 160)  # the table's area
COLUMN_COLOUR = (0, 170, 190)  # the column bounds
UNREAD_COLOUR = (220, 0, 0)  # amounts printed in the plan table and in no output row
_BAND_FILL = 40  # alpha of a band's fill (0-255): the printed text stays readable
_OUTLINE = 2  # pixels


class InspectError(Exception):
    """The page cannot be drawn (a page number outside the document, a file that is no PDF)."""


@dataclass(frozen=True)
class Band:
    """A plan row that became a node: its box on the page, level and what decided it."""

    box: Box
    level: str
    level_source: str
    label: str  # node id with the printed number or code


@dataclass
class PageReading:
    """What was read on one page of a document, in PDF points from the page's top left."""

    page: int
    status: str
    reason: str | None
    tables: list[tuple[Box, tuple[float, ...]]] = field(default_factory=list)  # area, bounds
    bands: list[Band] = field(default_factory=list)
    unread: list[dict[str, Any]] = field(default_factory=list)  # box and printed text

    @property
    def has_table(self) -> bool:
        return bool(self.tables)


def _page_count(pdf: Path) -> int:
    try:
        with pdfplumber.open(pdf) as document:
            return len(document.pages)
    except Exception as exc:  # any parser error is a file that cannot be drawn
        raise InspectError(f"{pdf.name} cannot be opened as a PDF: {exc}") from exc


def read_page(pdf: Path, number: int) -> PageReading:
    """Read the whole document (as ``renja run`` does) and keep what concerns page ``number``."""
    pages = _page_count(pdf)
    if not 1 <= number <= pages:
        raise InspectError(f"page {number} is out of range: {pdf.name} has {pages} pages")
    raw: list[RawTable] = []
    plans: list[LogicalTable] = []
    rows: list[pd.DataFrame] = []

    def observe(stage: str, value: Any) -> None:
        if stage == "raw_table" and value.page == number:
            raw.append(value)
        elif stage == "tables":
            plans.extend(t for t in value if t.is_plan)
        elif stage == "rows":
            rows.append(value)

    result = process_pdf(pdf, observe=observe)
    reading = PageReading(number, result.status, result.reason)
    for table in raw:
        area = (table.bbox, table.edges)
        if area not in reading.tables:  # a page searched twice gives its tables twice
            reading.tables.append(area)
    segments = [t for plan in plans for t, _, _ in plan.segments if t.page == number]
    if result.frames and rows:
        reading.bands = _bands(result.frames, rows[-1], segments, number)
    if result.reading is not None:
        reading.unread = [u for u in result.reading.unread if u["page"] == number]
    return reading


def _row_box(table: RawTable, row: int, bottom: float | None = None) -> Box | None:
    """A printed row across the table, down to ``bottom`` (the foot of the node's amount cell,
    which spans its indicator rows) or else to the foot of its shortest cell (a cell merged
    down over the rows after it, a Penanggung Jawab for a whole program, stays out)."""
    boxes = [b for b in (table.boxes[row] if row < len(table.boxes) else []) if b is not None]
    if not boxes:
        return None
    top = min(b[1] for b in boxes)
    return (table.bbox[0], top, table.bbox[2], bottom or min(b[3] for b in boxes))


def _bands(
    frames: dict[str, pd.DataFrame], rows: pd.DataFrame, segments: list[RawTable], number: int
) -> list[Band]:
    """The box of each node printed on the page: its row of the plan table, found by the box of
    its amount cell (every amount cell is in one row), else by its name."""
    programs = frames["programs"]
    nodes = programs[programs["page"] == number]
    budgets = frames["budgets"]
    plan = budgets[(budgets["table_kind"] == "rumusan") & (budgets["page"] == number)]
    page_rows = rows[rows["page"] == number]
    bands = []
    used: set[int] = set()
    for _, node in nodes.iterrows():
        box = _amount_row(node, plan, segments) or _named_row(node, page_rows, segments, used)
        if box is None:
            continue
        source = node["level_source"] if isinstance(node["level_source"], str) else ""
        bands.append(Band(box, str(node["level"]), source, _label(node)))
    return bands


def _amount_row(node: pd.Series, plan: pd.DataFrame, segments: list[RawTable]) -> Box | None:
    cells = plan[(plan["node_id"] == node["node_id"]) & plan["top"].notna()]
    for _, cell in cells.iterrows():
        middle = (float(cell["top"]) + float(cell["bottom"])) / 2
        x = (float(cell["x0"]) + float(cell["x1"])) / 2
        for table in segments:
            for index, boxes in enumerate(table.boxes):
                for b in boxes:
                    if b is not None and b[0] <= x <= b[2] and b[1] <= middle <= b[3]:
                        return _row_box(table, index, b[3])
    return None


def _named_row(
    node: pd.Series, rows: pd.DataFrame, segments: list[RawTable], used: set[int]
) -> Box | None:
    """A node without an amount cell: the first row of its page not yet used that prints its
    name (rows are listed in printed order)."""
    printed = zip(rows["nama"].tolist(), rows["row"].tolist(), strict=True)
    for position, (nama, index) in enumerate(printed):
        if position in used or nama != node["nama"]:
            continue
        used.add(position)
        for table in segments:
            if int(index) < len(table.grid):
                return _row_box(table, int(index))
    return None


def _label(node: pd.Series) -> str:
    printed = [v for v in (node.get("kode"), node.get("nomor")) if isinstance(v, str) and v]
    return " ".join([str(node["node_id"]), *printed[:1]])


def _page_image(pdf: Path, number: int, resolution: float) -> PageImage:
    """The page as an image, turned as the reader turned it (a landscape table on a page whose
    text runs sideways is read, and drawn, upright)."""
    with pdfplumber.open(pdf) as document:
        page = document.pages[number - 1]
        upright = upright_page(document, page)
        original = get_page_image(
            document.stream, document.path, number - 1, resolution, document.password
        )
        turn = (upright.rotation - page.rotation) % 360
        if turn:
            original = original.rotate(-turn, expand=True)
        return PageImage(upright, original=original, resolution=resolution)


def draw_page(pdf: Path, reading: PageReading, resolution: float = 100) -> Image.Image:
    """The page at ``resolution`` dpi with what was read on it drawn over."""
    image = _page_image(pdf, reading.page, resolution)
    for area, edges in reading.tables:
        image.draw_rect(area, fill=(0, 0, 0, 0), stroke=TABLE_COLOUR, stroke_width=_OUTLINE + 1)
        for x in edges[1:-1]:
            image.draw_line(
                ((x, area[1]), (x, area[3])), stroke=COLUMN_COLOUR, stroke_width=_OUTLINE
            )
    font = _font(resolution)
    for band in reading.bands:
        colour = LEVEL_COLOURS.get(band.level, (90, 90, 90))
        image.draw_rect(band.box, fill=(*colour, _BAND_FILL), stroke=colour, stroke_width=_OUTLINE)
        _caption(image, band.box, f"{band.level} ({band.level_source}) {band.label}", colour, font)
    for value in reading.unread:
        box = (value["x0"] - 1, value["top"] - 1, value["x1"] + 1, value["bottom"] + 1)
        image.draw_rect(box, fill=(*UNREAD_COLOUR, 60), stroke=UNREAD_COLOUR, stroke_width=3)
    return image.annotated


def _font(resolution: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=max(8, round(7 * resolution / 72)))


def _caption(
    image: PageImage,
    box: Box,
    text: str,
    colour: tuple[int, int, int],
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
) -> None:
    """The band's level written at its top right, white on the level's colour."""
    x1 = (box[2] - image.bbox[0]) * image.scale
    top = (box[1] - image.bbox[1]) * image.scale
    draw = ImageDraw.Draw(image.annotated)
    left, upper, right, lower = draw.textbbox((0, 0), text, font=font)
    x = x1 - (right - left) - 6
    draw.rectangle((x - 2, top + 1, x1 - 2, top + (lower - upper) + 5), fill=colour)
    draw.text((x - left, top + 3 - upper), text, fill=(255, 255, 255), font=font)


def inspect_page(pdf: Path, number: int, out: Path, resolution: float = 100) -> PageReading:
    """Read ``pdf``, draw page ``number`` with what was read on it, and write it to ``out``
    (PNG); returns what was drawn."""
    reading = read_page(pdf, number)
    picture = draw_page(pdf, reading, resolution)
    out.parent.mkdir(parents=True, exist_ok=True)
    picture.save(out, format="PNG", dpi=(resolution, resolution), optimize=True)
    return reading
