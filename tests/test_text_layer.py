"""Cell text as printed, whatever the PDF producer did with spaces and line breaks."""

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pdfplumber
import pytest
from reportlab.lib.pagesizes import landscape
from reportlab.pdfgen import canvas

from extract.model import Cell, RawTable
from extract.pages import document_pages, read_tables
from extract.spelling import dictionary
from extract.tables import PageChars, _boxed_header, _rows_in_one, ends_inside_a_word

FONT, SIZE = "Helvetica", 7.0


def _words_without_spaces(pdf: canvas.Canvas, x: float, y: float, text: str) -> None:
    """Each word drawn on its own at the place it would have had: no space glyph anywhere."""
    for word in text.split():
        pdf.drawString(x, y, word)
        x += pdf.stringWidth(word + " ", FONT, SIZE)


def test_words_placed_without_space_glyphs_keep_their_spaces(tmp_path: Path) -> None:
    path = tmp_path / "nospace.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs, ys = [40, 80, 300, 420], [500, 480, 460, 440]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    rows = [
        ("No", "Program/Kegiatan/Sub Kegiatan", "Pagu Indikatif (Rp)"),
        ("I", "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH", "1.000.000"),
        ("I.1", "Perencanaan, Penganggaran, dan Evaluasi Kinerja", "500.000"),
    ]
    for row, y in zip(rows, ys, strict=False):
        for text, x in zip(row, xs, strict=False):
            _words_without_spaces(pdf, x + 2, y - 13, text)
    pdf.save()
    assert " " not in "".join(c["text"] for c in pdfplumber.open(path).pages[0].chars)
    (table,) = read_tables(path, [1])
    assert table.grid[1][1] == "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
    assert table.grid[2][1] == "Perencanaan, Penganggaran, dan Evaluasi Kinerja"
    assert table.grid[0][2] == "Pagu Indikatif (Rp)"


def test_a_row_without_its_top_rule_at_a_page_break_is_kept(tmp_path: Path) -> None:
    """Sumut 2024 p40: the first row of a continued page has column rules but no top rule."""
    path = tmp_path / "notop.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs, ys = [40, 80, 300, 420], [500, 480, 460]
    for x in xs:
        pdf.line(x, 520, x, ys[-1])  # column rules from the top of the first row
    for y in ys:  # row rules only from the bottom of the first row on
        pdf.line(xs[0], y, xs[-1], y)
    rows = [("III.1.1", "Koordinasi dan Sinkronisasi", "90.945.000"),
            ("III.2", "Penguatan Lembaga", "1.000.000"),
            ("III.2.1", "Peningkatan Kapasitas", "1.000.000")]  # fmt: skip
    for row, y in zip(rows, [520, *ys], strict=False):
        for text, x in zip(row, xs, strict=False):
            pdf.drawString(x + 2, y - 13, text)
    pdf.save()
    (table,) = read_tables(path, [1])
    assert [row[0] for row in table.grid] == ["III.1.1", "III.2", "III.2.1"]


def test_a_word_broken_after_its_slash_is_joined_unless_a_space_is_printed(
    tmp_path: Path,
) -> None:
    """A line broken after the slash of ``Kabupaten/Kota`` carries on the same word; one that
    ends in ``Daerah/`` followed by a printed space glyph ends a word (``Daerah/ Lembaga``)."""
    path = tmp_path / "slash.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs, ys = [40, 80, 300, 420], [500, 470, 440]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    cells = [  # (row top, name lines: how each is drawn), amount
        (500, [("Verifikasi Skala Kabupaten/", _words_without_spaces), ("Kota", None)], "1.000"),
        (470, [("Jumlah Perangkat Daerah/ ", None), ("Lembaga", None)], "2.000"),
    ]
    for y, lines, amount in cells:
        pdf.drawString(xs[0] + 2, y - 10, "1")
        for n, (text, draw) in enumerate(lines):
            if draw is None:
                pdf.drawString(xs[1] + 2, y - 10 - 9 * n, text)
            else:
                draw(pdf, xs[1] + 2, y - 10 - 9 * n, text)
        pdf.drawString(xs[2] + 2, y - 10, amount)
    pdf.save()
    (table,) = read_tables(path, [1])
    assert table.grid[0][1] == "Verifikasi Skala Kabupaten/Kota"
    assert table.grid[1][1] == "Jumlah Perangkat Daerah/\nLembaga"


@pytest.mark.parametrize(("whole", "joined"), [("Kabupaten/Kota", True), ("Kabupaten/kota", False)])
def test_a_slash_word_printed_whole_at_a_line_start_joins_its_break(
    whole: str, joined: bool, tmp_path: Path
) -> None:
    """Text without space glyphs (no space ends a line, so none after a slash tells anything),
    where ``Kabupaten/Kota`` is printed whole only as a line's first word, and broken after
    its slash in another cell: the document writes it as one word, so the break joins (it was
    read ``Kabupaten/ Kota``, status ok: Word held-out seed 1005). The word printed whole is
    the evidence as printed: ``Kabupaten/kota`` tells nothing of ``Kabupaten/`` over ``Kota``
    (a document printed ``Listrik/penerangan`` in a name and ``Listrik/ Penerangan`` in an
    indicator). The rest of a word that a narrow cell broke, in lower case, is no such word
    (``Kepemim`` / ``pinan/Hukum``)."""
    path = tmp_path / "slash_line_start.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    long_word = "Ekonomi/Lestari/Kepemim"  # fills its cell: the word runs on below
    xs = [40, 80, 300, 302 + pdf.stringWidth(long_word, FONT, SIZE) + 1]
    ys = [500, 470, 440]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    cells = [  # row top, the name's lines, amount
        (500, ["Penguatan Sarana Skala", whole], "1.000"),
        (470, ["Fasilitasi Produk Daerah Kabupaten/", "Kota"], "2.000"),
    ]
    for y, lines, amount in cells:
        _words_without_spaces(pdf, xs[0] + 2, y - 10, "1")
        for n, text in enumerate(lines):
            _words_without_spaces(pdf, xs[1] + 2, y - 10 - 9 * n, text)
        _words_without_spaces(pdf, xs[2] + 2, y - 10, amount)
    for n, text in enumerate([long_word, "pinan/Hukum pd"]):
        _words_without_spaces(pdf, xs[2] + 2, 470 - 19 - 9 * n, text)
    pdf.save()
    assert " " not in "".join(c["text"] for c in pdfplumber.open(path).pages[0].chars)
    (table,) = read_tables(path, [1])
    assert table.grid[0][1] == f"Penguatan Sarana Skala\n{whole}"
    assert (
        table.grid[1][1]
        == "Fasilitasi Produk Daerah Kabupaten/" + ("" if joined else "\n") + "Kota"
    )
    assert table.grid[1][2] == "2.000\nEkonomi/Lestari/Kepemimpinan/Hukum pd"


@pytest.mark.parametrize("later", ["Kabupaten/Kota", "Kabupaten/ Kota"])
def test_a_slash_word_printed_on_a_later_page_joins_its_break_in_capitals(
    later: str, tmp_path: Path
) -> None:
    """Text without space glyphs: a program's name in capitals breaks after the slash of
    ``KABUPATEN/KOTA`` on page 1, and the document prints ``Kabupaten/Kota`` whole only on
    page 2. The document's spelling counts from any of its pages, and in capitals whatever
    its case (read ``KABUPATEN/ KOTA``, status ok: Word held-out seeds 1307, 1359); printed
    ``Kabupaten/ Kota``, it tells nothing, and the break keeps its line."""
    path = tmp_path / "slash_later.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    xs, ys = [40, 80, 300, 420], [500, 470]
    for name in (["PROGRAM PENUNJANG URUSAN KABUPATEN/", "KOTA"], [f"Fasilitasi {later} Layak"]):
        pdf.setFont(FONT, SIZE)
        for x in xs:
            pdf.line(x, ys[0], x, ys[-1])
        for y in ys:
            pdf.line(xs[0], y, xs[-1], y)
        _words_without_spaces(pdf, xs[0] + 2, ys[0] - 10, "1")
        for n, text in enumerate(name):
            _words_without_spaces(pdf, xs[1] + 2, ys[0] - 10 - 9 * n, text)
        _words_without_spaces(pdf, xs[2] + 2, ys[0] - 10, "1.000")
        pdf.showPage()
    pdf.save()
    with document_pages(path) as pages:
        first, _ = pages.tables([1, 2])
    rest = "KOTA" if later == "Kabupaten/Kota" else "\nKOTA"  # printed whole: it joins
    assert first.grid[0][1] == "PROGRAM PENUNJANG URUSAN KABUPATEN/" + rest


def test_column_rules_moved_between_rows_keep_the_tables_columns(tmp_path: Path) -> None:
    """A Word table whose lower rows were given other cell widths (Bogor 2020 p67, p79): each
    column rule stands at one place above and a little aside below, and no row draws both. The
    two are one column's side: the table keeps its three columns, each cell in its own."""
    path = tmp_path / "moved.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    left, right = 40, 420
    bands = [  # (top, bottom, inner column rules, rows)
        (500, 460, [80, 300], [("1", "Kegiatan A", "1.000"), ("2", "Kegiatan B", "2.000")]),
        (460, 420, [90, 280], [("II", "PROGRAM C", "5.000"), ("1", "Kegiatan D", "5.000")]),
    ]
    for top, bottom, inner, rows in bands:
        for x in (left, *inner, right):
            pdf.line(x, top, x, bottom)
        for n, row in enumerate(rows):
            pdf.line(left, top - 20 * n, right, top - 20 * n)
            for text, x in zip(row, (left, *inner), strict=True):
                pdf.drawString(x + 2, top - 20 * n - 13, text)
    pdf.line(left, 420, right, 420)
    pdf.save()
    (table,) = read_tables(path, [1])
    assert table.grid == [
        ["1", "Kegiatan A", "1.000"], ["2", "Kegiatan B", "2.000"],
        ["II", "PROGRAM C", "5.000"], ["1", "Kegiatan D", "5.000"],
    ]  # fmt: skip
    assert table.edges == (40, 85, 290, 420)  # a moved rule where it stands on average
    assert {(c.row0, c.col0, c.col1) for c in table.cells} == {
        (r, c, c) for r in range(4) for c in range(3)
    }


def test_a_column_that_some_rows_split_stays_two_columns(tmp_path: Path) -> None:
    """A rule that some rows draw and others span (a merged name cell over No and Nama) is a
    column of its own, not a moved rule: both rules it stands beside are drawn in its rows."""
    path = tmp_path / "spanned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs, ys = [40, 80, 300, 420], [500, 480, 460]
    for x in (xs[0], xs[2], xs[3]):
        pdf.line(x, ys[0], x, ys[-1])
    pdf.line(xs[1], ys[1], xs[1], ys[2])  # the first row spans No and Nama
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    pdf.drawString(xs[0] + 2, ys[0] - 13, "URUSAN PERDAGANGAN")
    pdf.drawString(xs[2] + 2, ys[0] - 13, "9.000")
    for text, x in zip(("1", "Kegiatan A", "1.000"), xs, strict=False):
        pdf.drawString(x + 2, ys[1] - 13, text)
    pdf.save()
    (table,) = read_tables(path, [1])
    assert table.grid == [["URUSAN PERDAGANGAN", None, "9.000"], ["1", "Kegiatan A", "1.000"]]


def test_a_line_that_ends_in_a_printed_space_ends_its_word(tmp_path: Path) -> None:
    """Word keeps the space where it wraps a line, and prints none where a narrow cell breaks a
    word (Bogor 2020 p75: ``Terpenuhin`` / ``ya`` / ``masyarakat `` / ``menjelang``): a line
    that ran to the cell's edge joins the next only when no space follows its last word."""
    path = tmp_path / "wrapped.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs, ys = [40, 80, 0.0, 420], [500, 440]
    lines = ["Terpenuhin", "ya ", "masyarakat ", "menjelang"]
    xs[2] = xs[1] + 2 + max(pdf.stringWidth(line.strip(), FONT, SIZE) for line in lines) + 1
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    pdf.drawString(xs[0] + 2, ys[0] - 10, "1")
    for n, line in enumerate(lines):
        pdf.drawString(xs[1] + 2, ys[0] - 10 - 9 * n, line)
    pdf.drawString(xs[2] + 2, ys[0] - 10, "1.000")
    pdf.save()
    (table,) = read_tables(path, [1])
    assert table.grid[0][1] == "Terpenuhinya\nmasyarakat\nmenjelang"


def _name_in_a_cell_as_wide_as(word: str, lines: list[str], path: Path) -> str:
    """The name cell's text of a one-row ruled table whose name column is as wide as ``word``,
    its name printed as ``lines`` (each drawn as a string of its own, as Word and browsers
    draw a cell's lines)."""
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs = [40, 80, 82 + pdf.stringWidth(word, FONT, SIZE) + 2, 300]
    ys = [500, 460]
    for x in xs:
        pdf.line(x, ys[0], x, ys[-1])
    for y in ys:
        pdf.line(xs[0], y, xs[-1], y)
    pdf.drawString(xs[0] + 2, 490, "1")
    for n, text in enumerate(lines):
        pdf.drawString(xs[1] + 2, 490 - 9 * n, text)
    pdf.drawString(xs[2] + 2, 490, "1.000")
    pdf.save()
    (table,) = read_tables(path, [1])
    return table.grid[0][1] or ""


def test_a_word_in_capitals_too_long_for_its_cell_joins_where_it_broke(tmp_path: Path) -> None:
    """A program name in capitals whose word is wider than its cell: Word breaks it at the
    cell's edge (``PENYELENGGARAA`` / ``N TERMINAL``, no space after the break) and the rest
    runs on in capitals; read as two words before, as only a rest in lower case joined. A
    wrap between words in the same cell (``PROGRAM`` / ``PENYELENGGARAA``, its line ending
    short of the edge) stays a line break."""
    lines = ["PROGRAM ", "PENYELENGGARAA", "N TERMINAL"]
    name = _name_in_a_cell_as_wide_as("PENYELENGGARAA", lines, tmp_path / "caps.pdf")
    assert name == "PROGRAM\nPENYELENGGARAAN TERMINAL"


@pytest.mark.skipif(not dictionary(), reason="Tesseract's Indonesian word list not installed")
def test_two_words_of_the_language_wrapped_with_no_space_are_not_joined(tmp_path: Path) -> None:
    """A browser sets ``PENYELENGGARAAN`` alone on a line it fills, wraps ``LIMBAH`` to the
    next and prints no space at the line's end: the glyphs look like a word too long for its
    cell broken inside (held-out html 3519 read ``PENYELENGGARAANLIMBAH``). Both parts are
    words of the language and the two joined are none: two words. ``PENYELENGGARAA`` / ``N``
    still joins (``test_a_word_in_capitals_too_long_for_its_cell_joins_where_it_broke``)."""
    lines = ["PROGRAM ", "PENYELENGGARAAN", "LIMBAH B3"]
    name = _name_in_a_cell_as_wide_as("PENYELENGGARAAN", lines, tmp_path / "wrapped.pdf")
    assert name == "PROGRAM\nPENYELENGGARAAN\nLIMBAH B3"


def test_a_table_ruled_between_its_columns_only_is_read_row_by_row(tmp_path: Path) -> None:
    """Word, a sheet or a web page may rule a plan table between its columns only, with no
    rule between its rows: the rules box the whole body as one row of tall cells, and each
    cell held the lines of every row (every plan so printed was rejected: no plan table). A
    cell with amounts on several lines holds several rows: the page is read as a table
    without rules, its rows told apart as such. A ruled grid of more rows is read by its
    rules, whatever its cells hold."""
    path = tmp_path / "columns.pdf"
    pdf = canvas.Canvas(str(path), pagesize=landscape((595, 842)))
    pdf.setFont(FONT, SIZE)
    xs, top, bottom = [40, 90, 330, 520, 610, 700], 520, 420
    for x in xs:
        pdf.line(x, top, x, bottom)
    pdf.line(xs[0], top, xs[-1], top)
    pdf.line(xs[0], bottom, xs[-1], bottom)
    rows = [
        ("No", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Target", "Pagu (Rp)"),
        ("1", "2", "3", "4", "5"),
        ("I", "PROGRAM PENUNJANG URUSAN", "Nilai SAKIP", "80 %", "1.500.000.000"),
        ("I.1", "Perencanaan dan Evaluasi", "Jumlah Dokumen", "4 dokumen", "500.000.000"),
        ("I.1.1", "Penyusunan Dokumen Renja", "Jumlah Dokumen", "4 dokumen", "500.000.000"),
        ("I.2", "Administrasi Keuangan", "Jumlah Laporan", "12 laporan", "1.000.000.000"),
    ]
    for n, row in enumerate(rows):
        for text, x in zip(row, xs, strict=False):
            pdf.drawString(x + 2, top - 12 - 14 * n, text)
    pdf.save()
    (table,) = read_tables(path, [1])
    body = [row for row in table.grid if row[0] and row[0].startswith("I")]
    assert [row[0] for row in body] == ["I", "I.1", "I.1.1", "I.2"]
    assert [row[-1] for row in body] == [
        "1.500.000.000",
        "500.000.000",
        "500.000.000",
        "1.000.000.000",
    ]


def test_which_ruled_tables_box_several_rows_in_one() -> None:
    """The rules of a table ruled between its columns only box its body as one row, or the
    header and the body together, and those of one ruled over each program only box each
    program's rows: a cell then holds amounts on several lines, or a single row's amount under
    the labels. A ruled row's amount cell holds one amount (wrapped, or after its currency
    word); in a grid of many rows, one row holding several (a rule a scan lost) is no sign."""

    def table(*rows: list[str | None]) -> RawTable:
        return RawTable(page=1, bbox=(0.0, 0.0, 800.0, 500.0), grid=list(rows), cells=[])

    name, pagu = "Program/Kegiatan\nPROGRAM PENUNJANG", "Pagu (Rp)\n1.500.000.000\n500.000.000"
    assert _rows_in_one(table(["No\nI\nI.1", name, pagu]))
    assert _rows_in_one(table(["No\nI", name, "Pagu Indikatif\n(Rp)\n1.500.000.000"]))
    assert _rows_in_one(table(["No", "Program", "Pagu (Rp)"], ["I\nI.1", name, pagu]))
    row = ["I", "PROGRAM PENUNJANG", "Rp\n1.500.000.000"]
    assert not _rows_in_one(table(row))  # one ruled row: its amount after its currency word
    assert not _rows_in_one(table(["I", "PROGRAM", "1.618.\n507.000"]))  # wrapped at a dot
    head = ["No", "Program", "Pagu (Rp)"]
    assert not _rows_in_one(table(head, *([row] * 3), ["I.1", "Kegiatan", pagu]))
    groups = [["II\nII.1", "PROGRAM X\nKegiatan", pagu]] * 3  # a rule over each program
    assert _rows_in_one(table(head, *groups, ["JUMLAH", "", "Rp 4.500.000.000"]))


def test_a_page_whose_one_ruled_row_opens_with_the_plan_header_is_read_without_rules() -> None:
    """The last page of a table ruled between its columns only may hold the header and a row of
    no amount (another indicator's targets: held-out docx 267 with column rules lost it): one
    ruled row whose cells open with three or more of the plan header's labels. A page's one
    ruled row under no header (the last sub kegiatan, carried on from the page before) opens
    with its values, a program's name among them."""

    def row(*cells: str) -> RawTable:
        return RawTable(page=3, bbox=(0.0, 0.0, 800.0, 80.0), grid=[list(cells)], cells=[])

    boxed = row(
        "Program/Kegiatan/Sub Kegiatan\n1",
        "Indikator Kinerja\n2\nJumlah Dokumen",
        "Target\nSebelum Sesudah\n3 4\n2 Dokumen 2 Dokumen",
    )
    assert _boxed_header(boxed)
    assert not _boxed_header(row("I", "PROGRAM PENUNJANG URUSAN", "Nilai SAKIP", "80 %"))


def test_header_cells_reaching_down_beside_a_row_of_targets_box_the_header() -> None:
    """A word processor's borders drawn around groups of rows leave no rule under the header's
    cells where a page opens inside a group (held-out docx 6653): the cut row's rest and its
    sub kegiatan's other indicators stand in the header's cells, beside a row of targets and
    no amount; read under ruled headers, docx 6817 went out ``ok`` with an indicator's last
    word given to the next one. The page is read without rules; its header's second row, and
    a row of years under a spanning label, are no values."""
    grid: list[list[str | None]] = [
        ["Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja\nTerpadu\nJumlah Laporan",
         "Rencana Tahun 2025", None, None, "Catatan\nPenting"],
        [None, None, "Lokasi", "Target", "Satuan", None],
        [None, None, "Tangerang\nSelatan", "3\n18", "Dokumen\nLaporan", None],
        ["JUMLAH", "", "", "", "", "Rp 37.637.648.657,00"],
    ]  # fmt: skip
    spans = [(0, 2, 0, 0), (0, 2, 1, 1), (0, 0, 2, 4), (0, 2, 5, 5), (1, 1, 2, 2), (1, 1, 3, 3),
             (1, 1, 4, 4), (2, 2, 2, 2), (2, 2, 3, 3), (2, 2, 4, 4)]  # fmt: skip
    cells = [Cell(r0, r1, c0, c1, grid[r0][c0] or "") for r0, r1, c0, c1 in spans]
    boxed = RawTable(page=4, bbox=(0.0, 0.0, 800.0, 150.0), grid=grid, cells=cells)
    assert _boxed_header(boxed)
    with_units = [*grid[:2], [None, None, "", "10 bulan", "", None], grid[3]]  # docx 6817
    assert _boxed_header(RawTable(page=3, bbox=boxed.bbox, grid=with_units, cells=cells))
    years = [grid[0], [None, None, "2025", "2026", None, None], grid[1], grid[3]]
    ruled = RawTable(page=4, bbox=(0.0, 0.0, 800.0, 150.0), grid=years, cells=cells[:4])
    assert not _boxed_header(ruled)  # the header's cells reach beside its rows only


def test_a_text_cut_inside_a_word_is_told_by_its_last_word() -> None:
    """A sheet printed with wrap off cuts a text at its cell's edge: the text then ends in a
    word's first letters, or in a word no name or indicator ends in. A word the word list
    lacks, but not its stem (``Terfasilitasi``: ``fasilitasi``), is a word. (A cut that
    leaves a word of the language, ``Kantor Ting``, is told only where the sheet shows that
    it printed with wrap off.)"""
    for cut in ("Lintas Sektor dan J", "Dampak Lalu Lintas (Andala", "Bantuan Operasional S",
                "Perangkat Da",
                "PEMERINTAHAN DAERAH KABUPA", "Sumber Daya Air dan", "Skala Kabupaten/",
                "Pelayanan Publik di"):  # fmt: skip
        assert ends_inside_a_word(cut), cut
    for whole in ("Perlengkapan Kantor Tingkat Kecamatan", "Skala Kabupaten/Kota",
                  "Swasta (LPTKS)", "Pelatihan Tahap 2", "PROGRAM PENUNJANG URUSAN",
                  "Sumber Daya Manusia Kesehatan yang Terfasilitasi",
                  "Dampak Lalu Lintas (Andalalin)", "Terminal Penumpang Tipe C",
                  "Pelatihan Tahap II"):  # fmt: skip
        assert not ends_inside_a_word(whole), whole
    if dictionary():  # a word's first letters are no word of the language
        assert ends_inside_a_word("Lingkungan Perangkat Daera")
        assert ends_inside_a_word("Perlengkapan Kantor Tingk")
        # a word the list lacks that the document prints elsewhere is a word
        assert ends_inside_a_word("Kerja Sama Bipartit")
        assert not ends_inside_a_word("Kerja Sama Bipartit", lambda word: word == "bipartit")
        assert ends_inside_a_word("Perlengkapan Kantor Tingk")
        # a word of the language (or its stem) that the document prints only as the first
        # letters of a longer word is cut (xlsx 7907 with wrap off: ``Perangka``, no text run
        # over a rule elsewhere to show it)
        texts = {"tingkat": 4, "ting": 1, "perangkat": 6, "perangka": 1, "sosial": 2,
                 "sosialisasi": 1, "kota": 1}  # fmt: skip
        ordered = sorted(texts)

        def elsewhere(word: str) -> bool:
            return texts.get(word, 0) > 1

        def begins(word: str) -> bool:
            return any(w.startswith(word) and w != word for w in ordered)

        assert not ends_inside_a_word("Perlengkapan Kantor Ting", elsewhere)
        assert not ends_inside_a_word("Lingkungan Perangka", elsewhere)
        assert ends_inside_a_word("Perlengkapan Kantor Ting", elsewhere, begins)
        assert ends_inside_a_word("Lingkungan Perangka", elsewhere, begins)
        # printed whole elsewhere, or beginning no longer word: whole
        assert not ends_inside_a_word("Kesejahteraan Sosial", elsewhere, begins)
        assert not ends_inside_a_word("Pelayanan Kota", elsewhere, begins)


def _glyphs(text: str, x0: float, top: float = 101.0) -> list[dict[str, Any]]:
    """A line's glyphs as pdfplumber gives them: letters 4 pt wide, spaces 2 pt, 7 pt type."""
    out, x = [], x0
    for letter in text:
        width = 2.0 if letter == " " else 4.0
        out.append({"text": letter, "x0": x, "x1": x + width, "top": top, "bottom": top + 7.0,
                    "doctop": top, "upright": True, "fontname": "Arial", "size": 7.0})  # fmt: skip
        x += width
    return out


def test_a_sheets_text_run_on_over_its_empty_neighbours_is_read_in_its_own_cell() -> None:
    """Three ruled cells of a row: a text that runs on across a rule over empty cells (wrap
    off) is its own cell's; a text cut at the rule against the next cell's text (a small
    letter touching a capital, or capitals touching small letters) is left as read, and
    returned as a cut candidate; a text that wraps in its cell runs on over nothing, whatever
    its lines' last spaces touch."""

    def read(rule: float, *texts: list[dict[str, Any]]) -> tuple[bool, list[str], list[str]]:
        cells = [(10.0, 100.0, rule, 120.0), (rule, 100.0, rule + 40, 120.0),
                 (rule + 40, 100.0, rule + 80, 120.0)]  # fmt: skip
        chars = PageChars(SimpleNamespace(chars=[g for t in texts for g in t], rects=[]))
        carried, cut = chars.run_over([cells])
        return carried, cut, [chars.cell_text(c) for c in cells]

    run_on = _glyphs("Jumlah Dokumen Kabupaten/Kota Kota", 11.0)  # to x 133
    assert read(60.0, run_on) == (True, [], ["Jumlah Dokumen Kabupaten/Kota Kota", "", ""])
    # a text cut at the rule (its last glyph 0.3 over it), the next cell's text 0.5 after it
    for cut, theirs in (("Perangkat D", "Jumlah"), ("PROGRAM PEMER", "Jumlah"),
                        ("Swasta (LPTKS)", "Jumlah")):  # fmt: skip
        left = _glyphs(cut, 11.0)
        rule = left[-1]["x1"] - 0.3
        carried, candidates, texts = read(rule, left, _glyphs(theirs, rule + 0.5))
        assert not carried and texts == [cut, theirs, ""]
        assert candidates == [cut]
    # wrapped: its first line's last space crosses the rule, touching the next cell's text
    wrapped = _glyphs("Jumlah Orang dalam ", 11.0) + _glyphs("Dokumen", 11.0, 109.0)
    rule = wrapped[-8]["x0"] + 1.0  # inside the last space of the first line
    carried, _, texts = read(rule, wrapped, _glyphs("Kota", wrapped[-8]["x1"]))
    assert not carried and texts == ["Jumlah Orang dalam\nDokumen", "Kota", ""]


def test_a_text_the_pdf_clips_at_its_cells_edge_is_a_cut() -> None:
    """A sheet printed with wrap off clips a text too long for its cell at the next cell's
    text, and draws under the clip a glyph or two that do not show (xlsx 8056, 8074, 8083
    without upright rules, beside centred targets: out as read, status ``ok``). A line whose
    glyphs cross its clip's right edge is clipped; one that ends at the edge is returned
    apart (a clip as tight as its text clips nothing); a line ending inside its clip, one
    under the page's clip, and one under no clip are neither."""

    def under(glyphs: list[dict[str, Any]], clip: tuple[float, float]) -> list[dict[str, Any]]:
        return [{**g, "clip": clip} for g in glyphs]

    table = (10.0, 90.0, 400.0, 200.0)
    crossing = under(_glyphs("Masyarakat dan Jasa Kon", 11.0, 101.0), (10.0, 96.0))  # to 97
    ending = under(_glyphs("Lingkungan Pera", 11.0, 111.0), (10.0, 69.2))  # ends at 69.0
    inside = under(_glyphs("Jumlah Laporan", 11.0, 121.0), (10.0, 100.0))  # ends at 65
    page_wide = under(_glyphs("Penyediaan Jasa Kantor Kota", 11.0, 131.0), (0.0, 595.0))
    free = _glyphs("Pelayanan Publik Tingk", 11.0, 141.0)
    # a glyph that does not fit the clip whole is dropped: the line stops short of the edge,
    # the next cell's text starting at it (xlsx 8304), or far from it (a centred target)
    short = under(_glyphs("Perangkat Daera", 11.0, 151.0), (10.0, 70.1))  # ends at 69.0
    against = _glyphs("Kabupaten", 70.3, 151.0)
    short_alone = under(_glyphs("Perangkat Daera", 11.0, 161.0), (10.0, 70.1))
    far = _glyphs("12", 90.0, 161.0)
    glyphs = crossing + ending + inside + page_wide + free + short + against + short_alone + far
    chars = PageChars(SimpleNamespace(chars=glyphs, rects=[]))
    assert chars.clipped_lines(table) == (
        ["Masyarakat dan Jasa Kon"],
        ["Lingkungan Pera", "Perangkat Daera"],
    )
