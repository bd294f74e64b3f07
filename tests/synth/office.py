"""A second, independent generator: the plan table written as a Word or Excel file and printed to
PDF by LibreOffice, as most real Renja are made.

``office_layout(seed, maker)`` draws a layout; ``office_plan(seed, layout)`` the random plan of
``generator.random_plan`` with the row numbers, and for a Renja Perubahan the amounts and targets
before the change, as that layout prints them (the truth format of ``../shared/real``: ``pagu``
and ``target`` after the change, ``pagu_before`` and ``target_before`` before it);
``render_office(plan, path, layout)`` writes ``path`` (a PDF) through a ``.docx``
(python-docx) or an ``.xlsx`` (openpyxl) converted with ``soffice --headless``, or through an
``.html`` page printed by headless Chromium, as SIPD's web tables are printed from a browser
(the header repeated on every page from ``thead``, and with the browser's own header and footer
when the layout says so: date, page title, address and ``1/12``).

Text without space glyphs (words placed by position only) is made in Word files only: each space
becomes character spacing on the letter before it, with a zero-width space as the break
opportunity, so the PDF has no space character between the words.
"""

from __future__ import annotations

import copy
import random
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .generator import _lokasi, _random_pagu, _random_target, _roman, _thousands, format_number
from .generator import random_plan as _random_plan

__all__ = [
    "OfficeLayout",
    "office_available",
    "office_layout",
    "office_plan",
    "convert",
    "render_office",
    "write_source",
]

Maker = Literal["docx", "xlsx", "html"]
Borders = Literal["grid", "horizontal", "vertical", "columns", "groups", "none"]
Levels = Literal["split5", "kode", "roman_dotted", "roman_paren", "counted", "style"]
# "accounting" (sheets only): amounts stored as numbers in Excel's accounting format, "Rp" at
# the cell's left edge and the number at its right, "Rp -" for nothing; "rp_dash": typed as
# many agencies type them, "Rp. 2.730.000.000,-" (the random layouts draw neither)
Amounts = Literal["plain", "decimals", "rp", "rp_decimals", "accounting", "rp_dash"]
Subtotals = Literal["none", "after_program", "program_amount_on_subtotal"]

PAGES_MM = {"A4": (210.0, 297.0), "F4": (215.0, 330.0)}
FONTS = ["Arial", "Times New Roman", "Arial Narrow", "Liberation Sans", "DejaVu Sans"]
ZWSP = "\u200b"


def _wider(font: str) -> float:
    """How much wider than Helvetica Bold a text in ``font`` may print, with a margin (DejaVu
    Sans Bold's digits are a quarter wider)."""
    return {"DejaVu Sans": 1.32, "Arial Narrow": 1.0}.get(font, 1.15)


@dataclass(frozen=True)
class OfficeLayout:
    maker: Maker = "docx"
    borders: Borders = "grid"
    levels: Levels = "kode"
    amounts: Amounts = "plain"
    page: Literal["A4", "F4"] = "A4"
    landscape: bool = True
    font: str = "Arial"
    font_size: float = 7.0
    narrow_headers: bool = False  # narrow columns break their labels mid-word ("Catat"/"an")
    shading: bool = False  # program and kegiatan rows filled
    perubahan: bool = False  # TARGET and PAGU split into SEBELUM and SESUDAH
    subtotals: Subtotals = "none"
    grand_total: Literal["none", "first", "last"] = "none"
    number_row: bool = True
    satuan_column: bool = True
    no_space_glyphs: bool = False  # Word only
    browser_header_footer: bool = False  # html only: the browser prints date, title, URL, "1/2"
    bold_kegiatan: bool = True  # levels shown by style: kegiatan bold as well as shaded
    # A node's indicators one per line in one cell of its row, their targets so beside them
    stacked_indicators: bool = False
    # where a body cell's text stands in its row: at the top (a word processor's default), the
    # middle (a web page's) or the foot (a sheet's)
    valign: Literal["top", "middle", "bottom"] = "top"
    # (sheets only) False: the body's text cells printed with wrap off, one line a row; a text
    # too long for its cell runs on over an empty neighbour, or is cut at its cell's edge
    wrap: bool = True

    def __post_init__(self) -> None:
        if self.no_space_glyphs and self.maker != "docx":
            raise ValueError("text without space glyphs is made in Word files only")
        if self.browser_header_footer and self.maker != "html":
            raise ValueError("the browser's header and footer are printed from html only")
        if self.amounts == "accounting" and self.maker != "xlsx":
            raise ValueError("the accounting format is a sheet's")
        if not self.wrap and self.maker != "xlsx":
            raise ValueError("wrap is turned off in sheets only")
        if self.levels == "style" and not self.shading:
            raise ValueError("levels shown by style only need the shading")

    def features(self) -> list[str]:
        """The layout's choices that differ from a plain ruled, coded table, for the sweep."""
        out = [self.maker, f"borders={self.borders}", f"levels={self.levels}"]
        if self.amounts != "plain":
            out.append(f"amounts={self.amounts}")
        if self.narrow_headers:
            out.append("narrow_headers")
        if self.perubahan:
            out.append("perubahan")
        if self.subtotals != "none":
            out.append(f"subtotals={self.subtotals}")
        if self.grand_total != "none":
            out.append(f"total={self.grand_total}")
        if not self.number_row:
            out.append("no_number_row")
        if self.no_space_glyphs:
            out.append("no_space_glyphs")
        if self.browser_header_footer:
            out.append("browser_header_footer")
        if not self.bold_kegiatan:
            out.append("plain_kegiatan")
        if self.stacked_indicators:
            out.append("stacked_indicators")
        if self.valign != "top":
            out.append(f"valign={self.valign}")
        if not self.wrap:
            out.append("wrap_off")
        if not self.landscape:
            out.append("portrait")
        out.append(f"{self.page} {self.font} {self.font_size}pt")
        return out


def office_layout(seed: int, maker: Maker) -> OfficeLayout:
    """A random layout for ``seed`` (the same seed gives the same layout)."""
    rng = random.Random(f"office-{maker}-{seed}")
    levels: Levels = rng.choice(
        ["split5", "kode", "roman_dotted", "roman_paren", "counted", "style"]
    )
    perubahan = rng.random() < 0.25
    return OfficeLayout(
        maker=maker,
        borders=rng.choice(["grid", "grid", "horizontal", "none"]),
        levels=levels,
        amounts=rng.choice(["plain", "decimals", "rp", "rp_decimals"]),
        page=rng.choice(["A4", "F4"]),
        landscape=not perubahan or rng.random() < 0.6,
        font=rng.choice(FONTS),
        font_size=rng.choice([6.5, 7.0, 7.5, 8.0]),
        narrow_headers=rng.random() < 0.3,
        shading=levels == "style" or rng.random() < 0.4,
        perubahan=perubahan,
        subtotals=rng.choice(["none", "none", "after_program", "program_amount_on_subtotal"]),
        grand_total=rng.choice(["none", "first", "last"]),
        number_row=rng.random() < 0.6,
        satuan_column=rng.random() < 0.6,
        no_space_glyphs=maker == "docx" and rng.random() < 0.15,
        browser_header_footer=maker == "html" and rng.random() < 0.6,
    )


def office_plan(seed: int, layout: OfficeLayout) -> dict:
    """The random plan of ``seed`` with the numbers as ``layout`` prints them (``nomor``), and for
    a Renja Perubahan the amounts and targets before the change."""
    coded = layout.levels in ("split5", "kode")
    plan = copy.deepcopy(_random_plan(seed, codes=coded, sub_digits=2 + 2 * (seed % 2)))
    plan["document"] = f"office_{layout.maker}_{seed}"
    rng = random.Random(f"office-plan-{seed}")
    # Indicators follow their node by the old number; renumber both together.
    renumber: dict[str, str | None] = {}
    keg_count = sub_count = 0
    keg_no = sub_no = 0
    prog_no = 0
    for node in plan["nodes"]:
        old = node["nomor"]
        if node["level"] == "program":
            prog_no += 1
            keg_no = 0
            new: str | None = _roman(prog_no)
        elif node["level"] == "kegiatan":
            keg_no += 1
            keg_count += 1
            sub_no = 0
            new = {"roman_paren": str(keg_no), "counted": str(keg_count)}.get(layout.levels, old)
        else:
            sub_no += 1
            sub_count += 1
            new = {"roman_paren": f"({sub_no})", "counted": str(sub_count)}.get(layout.levels, old)
        if layout.levels == "style":
            new = None
        renumber[old] = new
        node["nomor"] = new
    for ind in plan["indicators"]:
        ind["nomor"] = renumber[ind["nomor"]]
    if layout.perubahan:
        _make_perubahan(plan, rng)
    return plan


def _make_perubahan(plan: dict, rng: random.Random) -> None:
    """Amounts and targets before the change; the plan's own become those after it."""
    nodes = plan["nodes"]
    for node in nodes:
        node["pagu_next"] = None
        if node["level"] == "sub_kegiatan":
            r = rng.random()
            if r < 0.4:
                node["pagu_before"] = node["pagu"]
            elif r < 0.9:
                node["pagu_before"] = _random_pagu(rng)
            else:
                node["pagu_before"] = node["pagu"] + rng.randint(1, 500) * 100_000
    for level, child in (("kegiatan", "sub_kegiatan"), ("program", "kegiatan")):
        current: dict | None = None
        for node in nodes:
            if node["level"] == level:
                current = node
                current["pagu_before"] = 0
            elif node["level"] == child and current is not None:
                current["pagu_before"] += node["pagu_before"]
    plan["total_pagu_before"] = sum(n["pagu_before"] for n in nodes if n["level"] == "program")
    for ind in plan["indicators"]:
        ind["target_next"] = None
        before = ind["target"] if rng.random() < 0.6 else _random_target(rng, ind["satuan"])
        ind["target_before"] = before
        ind["target_before_raw"] = format_number(before)


# --------------------------------------------------------------------------------------------
# The table as cells, for either maker
# --------------------------------------------------------------------------------------------


@dataclass
class _Column:
    key: str
    label: str
    group: str | None
    width: float  # mm


@dataclass
class _Row:
    cells: dict[str, str]
    kind: str  # program, kegiatan, sub_kegiatan, extra (another indicator), subtotal, total
    bold: bool = False
    fill: str | None = None


class _Targets(str):
    """A cell's targets already printed, one per line."""


def _amount(value: int | None, style: Amounts) -> str:
    if value is None:
        return ""
    text = _thousands(int(value))
    if style == "rp_dash":
        return f"Rp. {text},-"
    if style in ("decimals", "rp_decimals"):
        text += ",00"
    if style in ("rp", "rp_decimals"):
        text = "Rp " + text
    return text


class _Table:
    """Header, columns and rows of the plan table of one plan in one layout."""

    def __init__(self, plan: dict, layout: OfficeLayout) -> None:
        self.plan = plan
        self.layout = layout
        self.year = int(plan["plan_year"])
        self.columns = self._columns()
        self.rows = self._rows()

    def page_mm(self) -> tuple[float, float]:
        w, h = PAGES_MM[self.layout.page]
        return (h, w) if self.layout.landscape else (w, h)

    def text_width_mm(self) -> float:
        return self.page_mm()[0] - 2 * MARGIN_MM

    def title(self) -> list[str]:
        year, lay = self.year, self.layout
        if lay.perubahan:
            first = f"Tabel 7. Program/Kegiatan/Sub Kegiatan Perubahan Tahun {year}"
        else:
            first = (
                f"Tabel 3.3 Rumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun {year} "
                f"dan Prakiraan Maju Tahun {year + 1}"
            )
        return [first, self.plan["opd"]]

    def _columns(self) -> list[_Column]:
        lay, year = self.layout, self.year
        cols: list[_Column] = []
        if lay.levels == "split5":
            for key, label in (("u", "Urusan"), ("b", "Bidang Urusan"), ("p", "Program"),
                               ("k", "Kegiatan"), ("s", "Sub Kegiatan")):  # fmt: skip
                cols.append(_Column(key, label, "Kode", 0.0))
        elif lay.levels == "kode":
            cols.append(_Column("kode", "Kode", None, 0.0))
        elif lay.levels != "style":
            cols.append(_Column("no", "No", None, 0.0))
        cols.append(_Column("nama", "Program/Kegiatan/Sub Kegiatan", None, 0.0))
        cols.append(_Column("ind", "Indikator Kinerja", None, 0.0))
        if lay.perubahan:
            cols += [_Column("tgtb", "Sebelum", "Target", 0.0),
                     _Column("tgt", "Sesudah", "Target", 0.0)]  # fmt: skip
            if lay.satuan_column:
                cols.append(_Column("sat", "Satuan", None, 0.0))
            cols += [_Column("pagub", "Sebelum", "Pagu (Rp)", 0.0),
                     _Column("pagu", "Sesudah", "Pagu (Rp)", 0.0)]  # fmt: skip
        else:
            group = f"Rencana Tahun {year}"
            cols.append(_Column("lok", "Lokasi", group, 0.0))
            cols.append(_Column("tgt", "Target Capaian Kinerja", group, 0.0))
            if lay.satuan_column:
                cols.append(_Column("sat", "Satuan", group, 0.0))
            cols.append(_Column("pagu", "Kebutuhan Dana/Pagu Indikatif (Rp)", group, 0.0))
            cols.append(_Column("sd", "Sumber Dana", group, 0.0))
            cols.append(_Column("cat", "Catatan Penting", None, 0.0))
            group2 = f"Prakiraan Maju Rencana Tahun {year + 1}"
            cols.append(_Column("tgt2", "Target Capaian Kinerja", group2, 0.0))
            cols.append(_Column("pagu2", "Kebutuhan Dana (Rp)", group2, 0.0))
        return self._fill_widths(cols)

    def _width(self, col: _Column, rows: list[_Row]) -> float:
        """A column's width in mm: its longest data word fits; its longest label word fits too,
        unless the layout has narrow columns, which then break their labels mid-word."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = self.layout.font_size
        # Word's cell margins and the html cells' padding are 1 mm a side
        pad_mm = 1.6 if self.layout.maker == "xlsx" else 2.6

        def words_mm(texts: list[str], whole: bool = False) -> float:
            words = [w for t in texts for w in ([t] if whole else t.split())]
            widest = max((stringWidth(w, "Helvetica-Bold", size) for w in words), default=0)
            return widest * _wider(self.layout.font) * 25.4 / 72

        cells = [r.cells.get(col.key, "") for r in rows]
        data = max((words_mm([c], whole=col.key in AMOUNT_KEYS) for c in cells), default=0.0)
        label = words_mm([col.label])
        breaks = self.layout.narrow_headers and col.key in NARROW_KEYS
        return max(data, 0.6 * label if breaks else label, 3.0) + pad_mm

    def _fill_widths(self, cols: list[_Column]) -> list[_Column]:
        rows = self._rows()
        for col in cols:
            if col.key not in ("nama", "ind"):
                col.width = self._width(col, rows)
        rest = self.text_width_mm() - sum(c.width for c in cols)
        if rest < 60:
            raise ValueError(f"layout too wide for the page: {rest:.0f} mm left for the names")
        for col in cols:
            if col.key == "nama":
                col.width = rest * 0.55
            elif col.key == "ind":
                col.width = rest * 0.45
        return cols

    def _code_cells(self, node: dict) -> dict[str, str]:
        lay = self.layout
        kode = node.get("kode")
        if lay.levels == "kode":
            return {"kode": kode or ""}
        if lay.levels == "split5" and kode:
            parts = kode.split(".")
            cells = {"u": parts[0], "b": parts[1], "p": parts[2]}
            if len(parts) >= 5:
                cells["k"] = f"{parts[3]}.{parts[4]}"
            if len(parts) >= 6:
                cells["s"] = parts[5]
            return cells
        if lay.levels in ("roman_dotted", "roman_paren", "counted"):
            return {"no": node["nomor"] or ""}
        return {}

    def _fill(self, kind: str) -> str | None:
        if not self.layout.shading:
            return None
        return {"program": "BDD7EE", "kegiatan": "FFE699", "total": "C6E0B4"}.get(kind)

    def _rows(self) -> list[_Row]:
        lay, plan = self.layout, self.plan
        amounts = lay.amounts
        lokasi = _lokasi(plan["opd"])
        by_node: dict[int, list[dict]] = {}
        key_of = {(n["kode"] or "", n["nama"]): i for i, n in enumerate(plan["nodes"])}
        for ind in plan["indicators"]:
            by_node.setdefault(key_of[(ind["kode"] or "", ind["nama"])], []).append(ind)
        rows: list[_Row] = []
        program: dict | None = None

        def subtotal() -> None:
            if program is None or lay.subtotals == "none":
                return
            cells = {"nama": "Jumlah", "pagu": _amount(program["pagu"], amounts)}
            if lay.perubahan:
                cells["pagub"] = _amount(program["pagu_before"], amounts)
            else:
                cells["pagu2"] = _amount(program["pagu_next"], amounts)
            rows.append(_Row(cells, "subtotal", bold=True))

        for i, node in enumerate(plan["nodes"]):
            level = node["level"]
            if level == "program":
                subtotal()
                program = node
            cells = self._code_cells(node)
            cells["nama"] = node["nama"]
            on_subtotal = level == "program" and lay.subtotals == "program_amount_on_subtotal"
            if not on_subtotal:
                cells["pagu"] = _amount(node["pagu"], amounts)
                if lay.perubahan:
                    cells["pagub"] = _amount(node["pagu_before"], amounts)
                else:
                    cells["pagu2"] = _amount(node["pagu_next"], amounts)
            if level == "sub_kegiatan" and not lay.perubahan:
                cells["lok"] = lokasi
                cells["sd"] = "APBD"
            bold = level == "program" or (
                level == "kegiatan" and lay.levels == "style" and lay.bold_kegiatan
            )
            indicators = by_node.get(i) or [None]
            if lay.stacked_indicators and len(indicators) > 1:
                indicators = [self._stacked(indicators)]
            for j, ind in enumerate(indicators):
                row = _Row(cells, level, bold, self._fill(level)) if j == 0 else None
                if row is None:
                    row = _Row({}, "extra", bold, self._fill(level))
                if ind is not None:
                    row.cells["ind"] = ind["indikator"]
                    row.cells["tgt"] = self._target(ind["target"], ind["satuan"])
                    row.cells["sat"] = ind["satuan"]
                    if lay.perubahan:
                        row.cells["tgtb"] = self._target(ind["target_before"], ind["satuan"])
                    else:
                        row.cells["tgt2"] = self._target(ind["target_next"], ind["satuan"])
                rows.append(row)
        subtotal()
        if lay.grand_total != "none":
            label = plan["opd"] if lay.grand_total == "first" else "JUMLAH"
            cells = {"nama": label, "pagu": _amount(plan["total_pagu"], amounts)}
            if lay.perubahan:
                cells["pagub"] = _amount(plan["total_pagu_before"], amounts)
            else:
                total_next = sum(n["pagu_next"] for n in plan["nodes"] if n["level"] == "program")
                cells["pagu2"] = _amount(total_next, amounts)
            total = _Row(cells, "total", True, self._fill("total"))
            rows.insert(0, total) if lay.grand_total == "first" else rows.append(total)
        return rows

    def _stacked(self, indicators: list[dict]) -> dict:
        """The indicators of a node as one, each field its values one per line."""

        def lines(key: str) -> str:
            return "\n".join(str(ind[key]) for ind in indicators)

        def targets(key: str) -> str:
            return "\n".join(self._target(ind[key], ind["satuan"]) for ind in indicators)

        return {
            "indikator": lines("indikator"),
            "satuan": lines("satuan"),
            **{
                key: _Targets(targets(key))
                for key in ("target", "target_before", "target_next")
                if key in indicators[0]
            },
        }

    def _target(self, value: int | float | None, satuan: str) -> str:
        if isinstance(value, _Targets):
            return str(value)
        if value is None:
            return ""
        raw = format_number(value)
        return raw if self.layout.satuan_column else f"{raw} {satuan}"

    def header_rows(self) -> int:
        return 2 if any(c.group for c in self.columns) else 1


MARGIN_MM = 12.0
AMOUNT_KEYS = {"pagu", "pagu2", "pagub"}
NARROW_KEYS = {"lok", "tgt", "tgt2", "tgtb", "sat", "sd", "cat"}
CENTRED_KEYS = {"u", "b", "p", "k", "s", "no", "tgt", "tgt2", "tgtb", "sat", "sd"}


# --------------------------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------------------------


def _write_docx(table: _Table, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    lay = table.layout
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = lay.font
    style.element.rPr.rFonts.set(qn("w:eastAsia"), lay.font)
    style.font.size = Pt(10)
    fmt = style.paragraph_format
    fmt.space_after = Pt(0)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.0

    # Portrait opening pages, as a Renja has its chapters before the plan table.
    first = doc.sections[0]
    first.page_width, first.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(first, side, Mm(25))
    year, plan = table.year, table.plan
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(f"RENCANA KERJA PERANGKAT DAERAH TAHUN {year}").bold = True
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(plan["opd"]).bold = True
    doc.add_paragraph("BAB I PENDAHULUAN").runs[0].bold = True
    doc.add_paragraph(
        f"Rencana Kerja Perangkat Daerah Tahun {year} memuat program, kegiatan dan sub kegiatan "
        "beserta indikator kinerja, target dan kebutuhan pendanaan, sebagaimana tercantum pada "
        "tabel berikut."
    )

    width_mm, height_mm = table.page_mm()
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE if lay.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    for line in table.title():
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_text(par, line, lay, bold=True, size=lay.font_size + 2)
    doc.add_paragraph()

    cols = table.columns
    nhead = table.header_rows()
    nrows = nhead + int(lay.number_row) + len(table.rows)
    grid = doc.add_table(rows=nrows, cols=len(cols))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for c, col in enumerate(cols):
        grid.columns[c].width = Mm(col.width)
    for row in grid.rows:  # row by row: python-docx finds a table's cells by column slowly
        for cell, col in zip(row.cells, cols, strict=True):
            cell.width = Mm(col.width)
    _set_borders(grid, lay.borders, OxmlElement, qn)

    def put(cell: Any, text: str, *, bold: bool = False, align: str = "left", size: float = 0):
        par = cell.paragraphs[0]
        par.alignment = {
            "left": WD_ALIGN_PARAGRAPH.LEFT,
            "right": WD_ALIGN_PARAGRAPH.RIGHT,
            "center": WD_ALIGN_PARAGRAPH.CENTER,
        }[align]
        _add_text(par, text, lay, bold=bold, size=size or lay.font_size)

    # Header: a group label over its leaves; a leaf without group spans the header rows.
    c = 0
    while c < len(cols):
        col = cols[c]
        if col.group is None:
            cell = grid.cell(0, c)
            if nhead == 2:
                cell = cell.merge(grid.cell(1, c))
            put(cell, col.label, bold=True, align="center")
            c += 1
            continue
        end = c
        while end + 1 < len(cols) and cols[end + 1].group == col.group:
            end += 1
        put(grid.cell(0, c).merge(grid.cell(0, end)), col.group, bold=True, align="center")
        for k in range(c, end + 1):
            put(grid.cell(1, k), cols[k].label, bold=True, align="center")
        c = end + 1
    for r in range(nhead):
        _repeat_header(grid.rows[r], OxmlElement, qn)
    if lay.number_row:
        for c in range(len(cols)):
            put(grid.cell(nhead, c), str(c + 1), align="center", size=lay.font_size - 0.5)
        _repeat_header(grid.rows[nhead], OxmlElement, qn)
    if lay.borders in ("columns", "groups"):  # the header ruled as a grid
        for r in range(nhead + int(lay.number_row)):
            for cell in grid.rows[r].cells:
                _rule_below(cell, OxmlElement, qn)
    start = nhead + int(lay.number_row)
    for r, row in enumerate(table.rows, start=start):
        word_cells = grid.rows[r].cells
        for c, col in enumerate(cols):
            text = row.cells.get(col.key, "")
            align = (
                "right" if col.key in AMOUNT_KEYS else "center" if col.key in CENTRED_KEYS
                else "left"
            )  # fmt: skip
            cell = word_cells[c]
            if text:
                put(cell, text, bold=row.bold, align=align)
            if lay.valign != "top":
                from docx.enum.table import WD_ALIGN_VERTICAL

                cell.vertical_alignment = {
                    "middle": WD_ALIGN_VERTICAL.CENTER,
                    "bottom": WD_ALIGN_VERTICAL.BOTTOM,
                }[lay.valign]
            if lay.borders == "groups" and row.kind in ("program", "total"):
                _rule_below(cell, OxmlElement, qn, edges=("top",))
            if row.fill:
                _shade(cell, row.fill, OxmlElement, qn)
    doc.save(str(path))


def _add_text(par: Any, text: str, lay: OfficeLayout, *, bold: bool, size: float) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    def run(piece: str, spacing: float = 0.0) -> None:
        r = par.add_run(piece)
        r.bold = bold
        r.font.size = Pt(size)
        r.font.name = lay.font
        if spacing:
            rpr = r._element.get_or_add_rPr()
            sp = OxmlElement("w:spacing")
            sp.set(qn("w:val"), str(int(spacing * 20)))  # twentieths of a point
            rpr.append(sp)

    if not lay.no_space_glyphs or " " not in text:
        run(text)
        return
    # Each space becomes spacing after the letter before it, and a zero-width space lets the
    # line break there: no space glyph in the PDF, only the gap.
    words = text.split(" ")
    gap = size * 0.28
    for i, word in enumerate(words):
        if i == len(words) - 1:
            run(word)
            break
        if len(word) > 1:
            run(word[:-1])
        run(word[-1:], spacing=gap)
        run(ZWSP)


def _rule_below(
    cell: Any, element: Any, qn: Any, edges: tuple[str, ...] = ("top", "bottom")
) -> None:
    """Rules over and under a Word table's cell (``edges``), whatever the table's own borders."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = element("w:tcBorders")
    for edge in edges:
        el = element(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tc_pr.append(borders)


def _set_borders(grid: Any, borders: Borders, element: Any, qn: Any) -> None:
    tbl_pr = grid._tbl.tblPr
    node = element("w:tblBorders")
    edges = {
        "grid": ("top", "left", "bottom", "right", "insideH", "insideV"),
        "horizontal": ("top", "bottom", "insideH"),
        "vertical": ("top", "left", "bottom", "right", "insideV"),
        "columns": ("top", "left", "bottom", "right", "insideV"),
        "groups": ("top", "left", "bottom", "right", "insideV"),
        "none": (),
    }[borders]
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = element(f"w:{edge}")
        if edge in edges:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        node.append(el)
    tbl_pr.append(node)
    margins = element("w:tblCellMar")
    for edge in ("left", "right"):
        el = element(f"w:{edge}")
        el.set(qn("w:w"), "57")  # twentieths of a point: 1 mm
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def _repeat_header(row: Any, element: Any, qn: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = element("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _shade(cell: Any, fill: str, element: Any, qn: Any) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = element("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


# --------------------------------------------------------------------------------------------
# Excel
# --------------------------------------------------------------------------------------------


def _lines(text: str | None, width_mm: float, size: float, font: str) -> int:
    """How many lines ``text`` takes in a cell ``width_mm`` wide, wrapped at spaces (a word wider
    than the cell is broken), measured generously with Helvetica Bold."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if not text:
        return 1
    if "\n" in text:  # lines broken in the cell
        return sum(_lines(line, width_mm, size, font) for line in text.split("\n"))
    inner = max((width_mm - 1.6) * 72 / 25.4, 4.0)
    lines, used = 1, 0.0
    space = stringWidth(" ", "Helvetica-Bold", size) * _wider(font)
    for word in text.split():
        w = stringWidth(word, "Helvetica-Bold", size) * _wider(font)
        if used and used + space + w > inner:
            lines += 1
            used = 0.0
        if w > inner:  # broken inside the word
            lines += int(w // inner)
            w = w % inner
        used += (space if used else 0.0) + w
    return lines


# Excel's accounting format in rupiah: the symbol at the cell's left edge, the number at its
# right, a dash for zero
ACCOUNTING = '_-"Rp"* #,##0_-;-"Rp"* #,##0_-;_-"Rp"* "-"_-;_-@_-'


def _write_xlsx(table: _Table, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    lay = table.layout
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Renja"
    cols = table.columns
    for c, col in enumerate(cols, start=1):
        # Excel column width is in characters of the default font (about 1.9 mm at 11 pt).
        sheet.column_dimensions[get_column_letter(c)].width = col.width / 1.9
    thin = Side(style="thin", color="000000")
    none = Side(style=None)

    def border(header: bool = False, opens_group: bool = False) -> Border:
        if lay.borders == "grid" or (header and lay.borders in ("columns", "groups")):
            return Border(left=thin, right=thin, top=thin, bottom=thin)
        if lay.borders == "horizontal":
            return Border(left=none, right=none, top=thin, bottom=thin)
        if lay.borders in ("vertical", "columns"):
            return Border(left=thin, right=thin, top=none, bottom=none)
        if lay.borders == "groups":  # a rule over each program's rows only
            return Border(left=thin, right=thin, top=thin if opens_group else none, bottom=none)
        return Border()

    def font(bold: bool, size: float | None = None) -> Font:
        return Font(name=lay.font, size=size or lay.font_size, bold=bold)

    r = 1
    for line in table.title():
        sheet.cell(r, 1, line).font = font(True, lay.font_size + 2)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(cols))
        sheet.cell(r, 1).alignment = Alignment(horizontal="center")
        r += 1
    r += 1
    head_top = r
    nhead = table.header_rows()
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    c = 0
    while c < len(cols):
        col = cols[c]
        if col.group is None:
            sheet.cell(r, c + 1, col.label)
            if nhead == 2:
                sheet.merge_cells(start_row=r, start_column=c + 1, end_row=r + 1, end_column=c + 1)
            c += 1
            continue
        end = c
        while end + 1 < len(cols) and cols[end + 1].group == col.group:
            end += 1
        sheet.cell(r, c + 1, col.group)
        sheet.merge_cells(start_row=r, start_column=c + 1, end_row=r, end_column=end + 1)
        for k in range(c, end + 1):
            sheet.cell(r + 1, k + 1, cols[k].label)
        c = end + 1
    for rr in range(r, r + nhead):
        for cc in range(1, len(cols) + 1):
            cell = sheet.cell(rr, cc)
            cell.font = font(True)
            cell.alignment = centre
            cell.border = border(header=True)
    line_pt = lay.font_size * 1.3
    lines_of = {c.key: _lines(c.label, c.width, lay.font_size, lay.font) for c in cols}
    if nhead == 2:
        top = max(_lines(c.group, c.width, lay.font_size, lay.font) for c in cols if c.group)
        low = max(lines_of[c.key] for c in cols if c.group)
        low = max([low] + [lines_of[c.key] - top for c in cols if not c.group])
        sheet.row_dimensions[r].height = top * line_pt + 4
        sheet.row_dimensions[r + 1].height = low * line_pt + 4
    else:
        sheet.row_dimensions[r].height = max(lines_of.values()) * line_pt + 4
    r += nhead
    if lay.number_row:
        for cc in range(1, len(cols) + 1):
            cell = sheet.cell(r, cc, f"{cc}")
            cell.data_type = "s"
            cell.font = font(False, lay.font_size - 0.5)
            cell.alignment = Alignment(horizontal="center")
            cell.border = border(header=True)
        r += 1
    sheet.print_title_rows = f"{head_top}:{r - 1}"
    for row in table.rows:
        for cc, col in enumerate(cols, start=1):
            text = row.cells.get(col.key, "")
            cell = sheet.cell(r, cc, text if text else None)
            if text and lay.amounts == "accounting" and col.key in AMOUNT_KEYS:
                cell.value = int(text.replace(".", ""))  # a number, printed by its format
                cell.number_format = ACCOUNTING
            elif text:
                cell.data_type = "s"  # printed as written: "01", "1.250", "Rp 5.000"
            horizontal = (
                "right" if col.key in AMOUNT_KEYS else "center" if col.key in CENTRED_KEYS
                else "left"
            )  # fmt: skip
            vertical = {"top": "top", "middle": "center", "bottom": "bottom"}[lay.valign]
            cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=lay.wrap)
            cell.font = font(row.bold)
            cell.border = border(opens_group=row.kind in ("program", "total"))
            if row.fill:
                cell.fill = PatternFill("solid", fgColor=row.fill)
        # Calc does not always size a row to its wrapped text: set the height it needs.
        lines = max(
            _lines(row.cells.get(c.key, ""), c.width, lay.font_size, lay.font) for c in cols
        )
        if not lay.wrap:  # a cell's own line breaks only
            lines = max(row.cells.get(c.key, "").count("\n") + 1 for c in cols)
        sheet.row_dimensions[r].height = lines * line_pt + 3
        r += 1
    setup = sheet.page_setup
    setup.orientation = "landscape" if lay.landscape else "portrait"
    setup.paperSize = 9 if lay.page == "A4" else 14  # 14: Folio 8.5 x 13 in, the F4 sheet
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    margin = MARGIN_MM / 25.4
    sheet.page_margins.left = sheet.page_margins.right = margin
    sheet.page_margins.top = sheet.page_margins.bottom = margin
    book.save(str(path))


# --------------------------------------------------------------------------------------------
# A web page printed from a browser
# --------------------------------------------------------------------------------------------

PAGE_TITLE = "SIPD - Rencana Kerja Perangkat Daerah"
PRINT_META = "print-header-footer"


def _write_html(table: _Table, path: Path) -> None:
    """The table as a web page, as SIPD shows it: one ``table`` with collapsed borders, its
    header in ``thead`` (the browser repeats it on every page), the page size and margins in
    ``@page``; cell fills printed as shown (``print-color-adjust: exact``)."""
    from html import escape

    lay = table.layout
    cols = table.columns
    width_mm, height_mm = table.page_mm()
    line = "0.5pt solid #000"
    edges = {
        "grid": f"border: {line};",
        "horizontal": f"border-top: {line}; border-bottom: {line};",
        "vertical": f"border-left: {line}; border-right: {line};",
        "columns": f"border-left: {line}; border-right: {line};",
        "groups": f"border-left: {line}; border-right: {line};",
        "none": "border: none;",
    }[lay.borders]
    css = f"""
@page {{ size: {width_mm}mm {height_mm}mm; margin: {MARGIN_MM}mm; }}
body {{ margin: 0; font-family: "{lay.font}"; font-size: {lay.font_size}pt;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
p.title {{ text-align: center; font-weight: bold; font-size: {lay.font_size + 2}pt;
          margin: 0 0 1mm 0; }}
table {{ border-collapse: collapse; table-layout: fixed; margin: 3mm auto 0 auto;
        width: {sum(c.width for c in cols):.2f}mm; }}
th, td {{ {edges} padding: 0.3mm 1mm; line-height: 1.15; }}
th {{ font-weight: bold; text-align: center; vertical-align: middle; overflow-wrap: anywhere; }}
td {{ vertical-align: {lay.valign}; overflow-wrap: break-word; }}
td.right {{ text-align: right; white-space: nowrap; }}
td.center {{ text-align: center; }}
tr.number td {{ text-align: center; font-size: {lay.font_size - 0.5}pt; }}
tr.bold td {{ font-weight: bold; }}
{"thead th, thead td { border: " + line + "; }" if lay.borders in ("columns", "groups") else ""}
{"tr.group td { border-top: " + line + "; }" if lay.borders == "groups" else ""}
"""
    out = [
        "<!DOCTYPE html>",
        '<html lang="id"><head><meta charset="utf-8">',
        f"<title>{escape(PAGE_TITLE)}</title>",
        # How the page is to be printed, read by ``convert`` (the browser's print settings).
        f'<meta name="{PRINT_META}" content="{"yes" if lay.browser_header_footer else "no"}">',
        f"<style>{css}</style></head><body>",
    ]
    out += [f'<p class="title">{escape(text)}</p>' for text in table.title()]
    out.append("<table><colgroup>")
    out += [f'<col style="width: {c.width:.2f}mm">' for c in cols]
    out.append("</colgroup><thead>")
    nhead = table.header_rows()
    top: list[str] = []
    low: list[str] = []
    c = 0
    while c < len(cols):
        col = cols[c]
        if col.group is None:
            span = f' rowspan="{nhead}"' if nhead == 2 else ""
            top.append(f"<th{span}>{escape(col.label)}</th>")
            c += 1
            continue
        end = c
        while end + 1 < len(cols) and cols[end + 1].group == col.group:
            end += 1
        top.append(f'<th colspan="{end - c + 1}">{escape(col.group)}</th>')
        low += [f"<th>{escape(cols[k].label)}</th>" for k in range(c, end + 1)]
        c = end + 1
    out.append("<tr>" + "".join(top) + "</tr>")
    if low:
        out.append("<tr>" + "".join(low) + "</tr>")
    if lay.number_row:
        numbers = "".join(f"<td>{k}</td>" for k in range(1, len(cols) + 1))
        out.append(f'<tr class="number">{numbers}</tr>')
    out.append("</thead><tbody>")
    for row in table.rows:
        style = f' style="background: #{row.fill}"' if row.fill else ""
        cells = []
        for col in cols:
            where = (
                "right" if col.key in AMOUNT_KEYS else "center" if col.key in CENTRED_KEYS
                else ""
            )  # fmt: skip
            klass = f' class="{where}"' if where else ""
            text = escape(row.cells.get(col.key, "")).replace("\n", "<br>")
            cells.append(f"<td{klass}>{text}</td>")
        names = ["bold"] if row.bold else []
        if row.kind in ("program", "total"):
            names.append("group")
        klass = f' class="{" ".join(names)}"' if names else ""
        out.append(f"<tr{klass}{style}>" + "".join(cells) + "</tr>")
    out.append("</tbody></table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Conversion
# --------------------------------------------------------------------------------------------


def office_available() -> bool:
    """Whether LibreOffice can be run (``soffice`` on the PATH); web pages need ``chromium()``."""
    return shutil.which("soffice") is not None


def convert(sources: list[Path], out_dir: Path) -> list[Path]:
    """Print ``sources`` to PDF in ``out_dir``: Word and Excel files with one LibreOffice run, in
    a profile of its own so that conversions can run side by side, web pages with headless
    Chromium; the PDFs are returned in the order of sources."""
    out_dir.mkdir(parents=True, exist_ok=True)
    office = [s for s in sources if s.suffix != ".html"]
    if office:
        _convert_office(office, out_dir)
    for source in sources:
        if source.suffix == ".html":
            _print_html(source, out_dir / (source.stem + ".pdf"))
    return [out_dir / (s.stem + ".pdf") for s in sources]


def _convert_office(sources: list[Path], out_dir: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="renja-lo-") as profile:
        command = [
            "soffice",
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            *[str(s) for s in sources],
        ]
        timeout = 120 + 30 * len(sources)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    pdfs = [out_dir / (s.stem + ".pdf") for s in sources]
    missing = [p.name for p in pdfs if not p.exists()]
    if done.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice did not convert {missing}: {done.stderr.strip()}")


def chromium() -> str | None:
    """The headless browser that prints web pages, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _print_html(source: Path, pdf: Path) -> None:
    """Print a web page to ``pdf`` as a browser does, with its own header and footer (date,
    page title, address, ``1/12``) when the page asks for them."""
    browser = chromium()
    if browser is None:
        raise RuntimeError("chromium is not installed")
    header_footer = f'<meta name="{PRINT_META}" content="yes">' in source.read_text("utf-8")
    pdf.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="renja-chromium-") as profile:
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            *([] if header_footer else ["--no-pdf-header-footer"]),
            source.resolve().as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"chromium did not print {source.name}: {done.stderr.strip()[-500:]}")


def write_source(plan: dict, path: Path, layout: OfficeLayout) -> Path:
    """Write ``plan`` in ``layout`` as a Word or Excel file or a web page at ``path`` (its suffix
    set to the layout's maker)."""
    path = Path(path).with_suffix("." + layout.maker)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = _Table(plan, layout)
    if layout.maker == "docx":
        _write_docx(table, path)
    elif layout.maker == "html":
        _write_html(table, path)
    else:
        _write_xlsx(table, path)
    return path


def render_office(plan: dict, path: Path, layout: OfficeLayout) -> Path:
    """Write ``plan`` as a Word or Excel file or a web page in ``layout`` and print it to the PDF
    ``path``; the source file is kept beside it (``path`` with ``.docx``, ``.xlsx`` or
    ``.html``)."""
    path = Path(path)
    source = write_source(plan, path, layout)
    with tempfile.TemporaryDirectory(prefix="renja-pdf-") as out:
        (pdf,) = convert([source], Path(out))
        shutil.move(str(pdf), path)
    return path
