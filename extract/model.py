"""What the readers hand on: one table as printed on one page, before any interpretation.

The ruled reader (``extract.tables``), the borderless reader (``extract.stream``) and the OCR
route all produce ``RawTable``; ``transform`` reads nothing else of the PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["TEXT", "Box", "Cell", "KeyColumns", "RawTable", "TextSettings"]

# From a table's header texts, the columns whose cells start a new row (a code or row number).
KeyColumns = Callable[[list[str]], set[int]]


Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Cell:
    """A cell of the grid: rows ``row0..row1`` and columns ``col0..col1`` (inclusive)."""

    row0: int
    row1: int
    col0: int
    col1: int
    text: str


@dataclass
class RawTable:
    """One table as printed on one page, before any interpretation."""

    page: int
    bbox: tuple[float, float, float, float]
    grid: list[list[str | None]]
    cells: list[Cell]
    text_before: str = ""
    text_after: str = ""
    bold: list[list[bool]] = field(default_factory=list)  # per cell: mostly bold type
    fill: list[list[str | None]] = field(default_factory=list)  # per cell: its background colour
    edges: tuple[float, ...] = ()  # x of each column's left side, then the table's right side
    # Per cell, on a page read by OCR: the lowest confidence (0-100) of its words; else empty.
    confidence: list[list[float | None]] = field(default_factory=list)
    # Per cell of the grid: its box (x0, top, x1, bottom) in PDF points; None where no cell is.
    boxes: list[list[Box | None]] = field(default_factory=list)
    # Lines broken after a slash that were read as two words with nothing in the document to
    # tell whether a space stood there (``PageChars.slash_break``): ``KABUPATEN/ KOTA``.
    unsure_slashes: list[str] = field(default_factory=list)
    # Whether the borderless reader found the cells set at the middle or foot of their rows
    # (``extract.stream._set_off_the_top``, ``_unparted``): its rows were parted by the gaps
    # between them, or by nothing, and a row's first lines may have gone to the row above.
    unparted: bool = False
    # Of a table read from the foot up or from its rows' middles (``extract.stream._foot_rows``,
    # ``_middle_rows``), the kind of each row, a letter a row (``_foot_kinds``): N or M a node,
    # T a total, F a further indicator (f: from the middles; e: from the foot up, no row showing
    # whether the table is set at the foot or the middle), R the rest of a row a page break cut;
    # empty where the table was read from the top.
    row_kinds: str = ""
    # Per cell of the grid: for each line break left in its text, whether the next line starts
    # a paragraph, runs on, or may do either (``extract.paragraphs``); empty where not known.
    breaks: list[list[tuple[str, ...]]] = field(default_factory=list)
    # Per cell of the grid: the top (y, PDF points) of each line of its text; empty where not
    # known.
    tops: list[list[tuple[float, ...]]] = field(default_factory=list)
    # The lines of text that fill their cell to its edge beside the next cell's text, or that
    # the PDF clips there: in a sheet printed with wrap off, cut at the cell's edge, their rest
    # not in the PDF; and whether the table shows it printed so: a text runs on over a
    # column's rule, as such a sheet prints a text over empty cells, or is clipped
    # (``extract.tables.PageChars.run_over``, ``clipped_lines``).
    cut_texts: list[str] = field(default_factory=list)
    ran_over: bool = False
    # Whether rules part its rows (the ruled reader); the borderless reader parts them by their
    # lines, so that one printed row may come out as several.
    rows_ruled: bool = False
    # Whether the PDF's maker prints a cell's lines as typed, an empty line that ends the cell
    # too, as an office program does (``extract.document.keeps_empty_lines``): a web browser
    # drops a line break that ends a cell, and a maker not named may be either.
    empty_lines_kept: bool = False

    @property
    def n_cols(self) -> int:
        return len(self.grid[0]) if self.grid else 0

    def covering(self, row: int, col: int) -> Cell | None:
        """The cell that covers a grid position (itself or a merged cell from above or left)."""
        for cell in self.cells:
            if cell.row0 <= row <= cell.row1 and cell.col0 <= col <= cell.col1:
                return cell
        return None


@dataclass(frozen=True)
class TextSettings:
    """How both readers, ruled and borderless, group words into lines and call a cell bold."""

    # Words whose tops differ by at most this share of their height stand on one line (a page's
    # width of words in the borderless reader, where a tighter tolerance keeps rows apart).
    line_tolerance: float = 0.4
    # The same for the ruled reader (inside one cell, and where it looks for words printed inside
    # a line), whose rules already keep the rows apart.
    cell_line_tolerance: float = 0.5
    # A cell is bold when more than this share of its characters is set in a bold face
    # (a bold word or two inside a plain name does not make a heading).
    bold_share: float = 0.6
    # A gap between two glyphs wider than this share of the font size starts a new word: some
    # PDF producers place each word on its own and print no space glyphs (a space is 0.22-0.28
    # em wide, the gap between the letters of a word about nothing).
    word_gap: float = 0.18


TEXT = TextSettings()
