"""The borderless reader on small hand-built word lists: lines, boundaries, headers and rows."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from extract.document import PageText, running_feet
from extract.stream import (
    STREAM,
    StreamColumns,
    _before_sign_off,
    _body_lines,
    _boundary,
    _cells,
    _columns,
    _foot_rows,
    _header_block,
    _header_lines,
    _header_texts,
    _label_centres,
    _lines,
    _listed_in_one_cell,
    _middle_rows,
    _names_carried,
    _number_centres,
    _number_row,
    _page_words,
    _phrases,
    _reach,
    _row_rules,
    _rows,
    _running_foot,
    _set_at_foot,
    _settle_currency,
    _settle_straddlers,
    _share_group_headings,
    _split_at_edges,
    _split_at_edges_glued,
    _stacked_rows,
    _starts_late,
    _target_below_indicator,
    _text_width,
    _touching,
    _upright_rules,
    _whole_number,
    _wide_gap_parts,
    stream_tables,
)
from transform.reading import slash_breaks

SIZE = 8.0  # font size (height of a word) in points
CHAR = 4.0  # width of a character in points


def word(text: str, x0: float, top: float, bold: bool = False) -> dict[str, Any]:
    """A word as pdfplumber's ``extract_words`` gives it."""
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + CHAR * len(text),
        "top": top,
        "bottom": top + SIZE,
        "fontname": "Arial-Bold" if bold else "Arial",
    }


def line_of(top: float, *placed: tuple[str, float], bold: bool = False) -> list[dict[str, Any]]:
    """Words on one line: each phrase at its x, its words set one space apart."""
    words = []
    for text, x in placed:
        for part in text.split():
            words.append(word(part, x, top, bold))
            x += CHAR * (len(part) + 1)
    return words


def texts(lines: list[Any]) -> list[str]:
    return [" ".join(w["text"] for w in line.words) for line in lines]


# Column x of a five-column table: number, name, indicator, target, pagu.
X = (20.0, 80.0, 260.0, 400.0, 480.0)


def test_words_within_the_line_tolerance_share_a_line() -> None:
    words = [word("B", 60, 100.2), word("A", 20, 100.0), word("C", 100, 103.3)]
    # 0.2 pt apart is one line; 3.3 pt is more than 0.4 of the 8 pt height: the next line
    assert texts(_lines(words)) == ["A B", "C"]
    wider = replace(STREAM, text=replace(STREAM.text, line_tolerance=0.5))
    assert texts(_lines(words, wider)) == ["A B C"]


def test_phrases_break_at_gaps_wider_than_the_phrase_gap() -> None:
    # "Kota Serang": one space apart; "15" stands 40 pt further right, in the next column
    (line,) = _lines(line_of(100, ("Kota Serang", 20), ("15", 100)))
    assert [[w["text"] for w in p] for p in _phrases(line)] == [["Kota", "Serang"], ["15"]]
    (tight,) = _lines([word("a", 20, 100), word("b", 20 + CHAR + 0.9 * SIZE, 100)])
    assert len(_phrases(tight)) == 2  # 0.9 of the height apart: more than the 0.8 of a phrase
    assert len(_phrases(tight, replace(STREAM, phrase_gap=1.0))) == 1


def test_number_row_needs_consecutive_numbers_in_enough_columns() -> None:
    lines = _lines(
        line_of(80, ("Program", 80), ("Target", 400))
        + line_of(100, *((f"({i + 1})", x) for i, x in enumerate(X)))
        + line_of(120, *((str(i + 1), x) for i, x in enumerate(X[:4])))
    )
    assert _number_row(lines) == 1
    assert _number_row(lines[2:]) is None  # four numbers: fewer than the five columns needed
    skipped = _lines(line_of(100, *((str(n), x) for n, x in zip((1, 2, 4, 5, 6), X, strict=True))))
    assert _number_row(skipped) is None


def test_a_number_row_read_by_ocr_may_have_a_number_misread() -> None:
    """A continued page's column numbers read by OCR as ``1 2 3 4. Ss 6 7 8 9 10``: not taken
    for the number row, the columns were placed by the labels instead, the name column cut in
    two, and every name of the page went out as its last line (held-out scan, seed 177 at 150
    dpi: 13 of 29 nodes). On an OCR page the line counts when its words are short, the first
    and last span the run, and one in five at most reads otherwise; a born-digital page prints
    its numbers."""
    xs = [40.0 + 60.0 * i for i in range(10)]
    read = ["1", "2", "3", "4.", "Ss", "6", "7", "8", "9", "10"]
    lines = _lines(line_of(100, *zip(read, xs, strict=True)))
    assert _number_row(lines, ocr=True) == 0
    assert _number_row(lines) is None
    two = ["1", "2", "3", "4.", "Ss", "6", "7", "B", "9", "10"]  # two in ten: still one in five
    assert _number_row(_lines(line_of(100, *zip(two, xs, strict=True))), ocr=True) == 0
    worse = ["1", "2", "3", "4.", "Ss", "6", "Z", "B", "9", "10"]
    assert _number_row(_lines(line_of(100, *zip(worse, xs, strict=True))), ocr=True) is None
    short = ["1", "2", "3", "4", "Ss", "6", "7", "8", "9", "11"]  # the last out of the run
    assert _number_row(_lines(line_of(100, *zip(short, xs, strict=True))), ocr=True) is None
    body = ["II.1", "Rp", "12", "org", "3", "4", "5", "APBD", "7", "10"]  # words of a row
    assert _number_row(_lines(line_of(100, *zip(body, xs, strict=True))), ocr=True) is None


def test_a_number_lost_from_the_number_row_by_ocr_is_placed_under_its_label() -> None:
    """A continued page's column numbers read by OCR without their lone ``4`` (held-out scan,
    seed 402 at 150 dpi: ``1 2 3 5 6 7 8 9 10``): not taken for the number row, the columns
    were placed by the labels, which OCR had read as parts, the name column cut in two and
    the amounts' columns shifted (17 of 33 nodes, 33 of 66 amounts). The row counts with one
    number lost in five at most, the lost column centred under the one label between its
    neighbours; with no such label, or on a born-digital page, it does not."""
    centres = [40.0 + 60.0 * i for i in range(10)]

    def centred(text: str, centre: float) -> tuple[str, float]:
        return text, centre - CHAR * len(text) / 2

    labels = ["NO", "NAMA", "INDIKATOR", "LOKASI", "TARGET", "PAGU", "DANA", "CATATAN", "T", "P"]
    header = _lines(line_of(80, *(centred(t, c) for t, c in zip(labels, centres, strict=True))))
    lost = [(str(n), c) for n, c in zip(range(1, 11), centres, strict=True) if n != 4]
    [numbers] = _lines(line_of(100, *(centred(t, c) for t, c in lost)))
    assert _number_row([*header, numbers], ocr=True) == 1
    assert _number_row([*header, numbers]) is None
    placed = _number_centres(numbers.words, header, True, STREAM)
    assert placed == pytest.approx(centres)
    unlabelled = _lines(
        line_of(80, *(centred(t, c) for t, c in zip(labels, centres, strict=True) if t != "LOKASI"))
    )
    assert _number_centres(numbers.words, unlabelled, True, STREAM) is None
    two = [(t, c) for t, c in lost if t != "8"]  # two lost in ten: more than one in five
    [fewer] = _lines(line_of(100, *(centred(t, c) for t, c in two)))
    assert _number_row([*header, fewer], ocr=True) is None


@pytest.mark.parametrize(
    ("text", "figure"),
    [("2.730.000.000", True), ("82,5", True), ("2.730.000.000,-", True), ("1.500.000.-", True),
     ("9.471.211.674,00", True), ("Rp245.652.000", True), ("Rp.1.000,-", True),
     ("Rp", False), ("1.2.3", False), ("2-3", False), ("I.1", False), ("Dokumen", False)],
)  # fmt: skip
def test_a_figure_is_read_as_renja_print_amounts(text: str, figure: bool) -> None:
    """Amounts typed with their dash (``,-``) or with their currency glued on mark a row as
    figures do: a total's row under the last node's stands apart by them."""
    assert _whole_number(text) is figure


def test_boundary_goes_where_no_word_crosses() -> None:
    body = [{"x0": 60.0, "x1": 120.0}, {"x0": 130.0, "x1": 160.0}, {"x0": 70.0, "x1": 100.0}]
    edge = _boundary(50.0, 150.0, body, prior=100.0)
    assert 120.0 <= edge <= 130.0  # the only gap that no word crosses; nearest to the prior
    assert edge == 120.0
    # with nothing to choose between, the prior (the centred-label boundary) decides
    assert _boundary(50.0, 150.0, [], prior=90.0) == 90.0


def test_a_column_edge_falls_between_cells_set_closer_than_a_phrase_gap() -> None:
    """A browser pads a cell by a millimetre a side: a name that fills its cell stands 5.8 pt
    from the indicator beside it, closer than a phrase gap (0.8 of 8 pt), but three spaces
    wide. The edge goes in that gap, not through the name's last word."""

    def placed(top: float, texts: list[str], x: float, gaps: list[float]) -> list[dict[str, Any]]:
        out = []
        for text, gap in zip(texts, [0.0, *gaps], strict=True):
            x += gap
            out.append(word(text, x, top))
            x = out[-1]["x1"]
        return out

    long_name = placed(100, ["Koperasi", "Simpan", "Pinjam", "Jumlah", "Bulan"], 20.0,
                       [2.0, 2.0, 5.8, 2.0])  # fmt: skip
    pinjam, jumlah = long_name[2], long_name[3]
    rows = [long_name] + [
        placed(112 + 12 * i, ["Rapat", "Jumlah", "Dokumen"], 20.0, [jumlah["x0"] - 40.0, 2.0])
        for i in range(4)
    ]
    lines = _lines([w for r in rows for w in r])
    columns = _columns([50.0, jumlah["x0"] + 30.0], [], lines, 595.0)
    assert pinjam["x1"] <= columns.edges[1] <= jumlah["x0"], (columns.edges, pinjam, jumlah)


def test_boundary_prefers_where_aligned_values_start() -> None:
    # gaps free of words at 100-110 and 120-130; values of differing lengths start at 130
    body = [{"x0": 60.0, "x1": 100.0}, {"x0": 110.0, "x1": 120.0}, {"x0": 130.0, "x1": 190.0}]
    assert _boundary(50.0, 200.0, body, prior=105.0) == 105.0
    assert _boundary(50.0, 200.0, body, prior=105.0, aligned=({130}, set())) == 120.0


HEADER_WORDS = (
    ("No", X[0]),
    ("Program/Kegiatan", X[1]),
    ("Indikator Kinerja", X[2]),
    ("Target", X[3]),
    ("Pagu (Rp)", X[4]),
)


def test_header_block_is_found_by_its_words_below_the_title() -> None:
    lines = _lines(
        line_of(40, ("Tabel 3.3 Rumusan Rencana Program dan Kegiatan Tahun 2024", 20))
        + line_of(60, *HEADER_WORDS)
        + line_of(70, ("Sumber Dana", X[1]), ("Lokasi", X[2]))
        + line_of(90, ("I", X[0]), ("Program A", X[1]), ("100", X[3]), ("1.500.000", X[4]))
    )
    assert _header_block(lines) == (1, 2)  # the title is not part of the labels


def test_header_block_needs_amount_or_target_and_four_kinds() -> None:
    no_values = _lines(
        line_of(60, ("No", X[0]), ("Program", X[1]), ("Indikator", X[2]), ("Lokasi", X[3]))
        + line_of(70, ("Satuan", X[4]))
    )
    assert _header_block(no_values) is None  # five kinds, but neither target nor pagu
    three = _lines(line_of(60, ("Program", X[1]), ("Target", X[3]), ("Pagu", X[4])))
    assert _header_block(three) is None


def test_worded_header_block_has_a_line_limit() -> None:
    filler = [line_of(70 + 10 * i, ("Keterangan", X[2])) for i in range(11)]
    lines = _lines(line_of(60, *HEADER_WORDS) + [w for f in filler for w in f])
    assert len(lines) == 12
    assert _header_block(lines) == (0, 11)
    longer = _lines([w for line in lines for w in line.words] + line_of(180, ("Catatan", X[2])))
    assert _header_block(longer) is None  # 13 lines without numbers: not a header
    assert _header_block(longer, replace(STREAM, max_worded_header_lines=13)) == (0, 12)


def test_worded_header_limit_counts_the_lines_one_column_stacks() -> None:
    """A sheet centres each header cell's label in its own cell, so the labels of a three-row
    header stand at many heights across the page, and a label broken letter by letter in a
    narrow cell (``Catata`` / ``n`` / ``Pentin`` / ``g``) adds four lines of its own: 14 lines in
    all, but no column stacks more than five of them."""
    placed = [
        ("Rencana Tahun", X[3]),
        ("2024", X[4]),
        ("Catata", 560.0),
        ("No", X[0]),
        ("n", 560.0),
        ("Program/Kegiatan", X[1]),
        ("Pentin", 560.0),
        ("Indikator", X[2]),
        ("g", 560.0),
        ("Kinerja", X[2]),
        ("Target", X[3]),
        ("Pagu", X[4]),
        ("Capaian", X[3]),
        ("(Rp)", X[4]),
        ("Lokasi", 620.0),
        ("Satuan", 680.0),
    ]
    labels = [line_of(60 + 4 * i, label) for i, label in enumerate(placed)]
    lines = _lines([w for line in labels for w in line])
    assert len(lines) == 16
    assert _header_block(lines) == (0, 15)
    narrow = replace(STREAM, max_worded_header_lines=3)  # the broken label stacks four
    assert _header_block(lines, narrow) is None


def test_header_lines_stop_at_a_title_and_at_a_gap() -> None:
    numbers = line_of(100, *((str(i + 1), x) for i, x in enumerate(X)))
    lines = _lines(
        line_of(40, ("Catatan di atas tabel", 20))
        + line_of(68, ("Tabel 3.3 Rumusan", 20))
        + line_of(80, *HEADER_WORDS)
        + line_of(90, ("Kinerja", X[2]), ("Indikatif", X[4]))
        + numbers
    )
    # the number row is line 4; the labels are lines 2 and 3; the title line stops the header
    assert texts(_header_lines(lines, 4)) == [
        "No Program/Kegiatan Indikator Kinerja Target Pagu (Rp)",
        "Kinerja Indikatif",
    ]
    gapped = _lines(line_of(40, *HEADER_WORDS) + numbers)
    assert _header_lines(gapped, 1) == []  # 52 pt above the numbers: not their header


def test_a_spreadsheet_header_reaches_labels_centred_in_tall_cells() -> None:
    """A sheet's header cells span several sheet rows and centre their labels: a label stands
    three or four line heights from the labels and numbers beside it, and is still header; the
    title over it is told by its wording, not by its distance."""
    numbers = line_of(140, *((str(i + 1), x) for i, x in enumerate(X)))
    lines = _lines(
        line_of(40, ("Tabel 3.3 Rumusan Rencana", 20))
        + line_of(80, ("Catatan", X[0]), ("Rencana Tahun 2023", X[3]))
        + line_of(108, *HEADER_WORDS)  # 20 pt under: 2.5 line heights
        + numbers  # 24 pt under: 3 line heights
    )
    assert texts(_header_lines(lines, 3)) == [
        "Catatan Rencana Tahun 2023",
        "No Program/Kegiatan Indikator Kinerja Target Pagu (Rp)",
    ]


def test_a_short_label_centred_over_two_columns_heads_both() -> None:
    """ "Target" over Sebelum | Sesudah covers neither column's centre, but their boundary runs
    through its middle: both columns are targets."""
    centres = (30.0, 150.0, 314.0, 354.0, 444.0, 494.0)

    def at(text: str, column: int) -> tuple[str, float]:  # centred in its column
        return text, centres[column] - CHAR * len(text) / 2

    words = (
        line_of(70, ("Target", 334.0 - 12), ("Pagu", 469.0 - 8))
        + line_of(80, at("No", 0), at("Program", 1), at("Sebelum", 2), at("Sesudah", 3),
                  at("Sebelum", 4), at("Sesudah", 5))
        + line_of(90, *(at(f"({i + 1})", i) for i in range(6)))
        + line_of(105, at("I", 0), at("Program A", 1), at("10", 2), at("12", 3),
                  at("1.500", 4), at("1.700", 5))
    )  # fmt: skip
    tables, _ = stream_tables(_Page(words, width=595.0), 3, key_columns=lambda texts: {0})
    assert tables[0].grid[0][2:] == [
        "Target | Sebelum",
        "Target | Sesudah",
        "Pagu | Sebelum",
        "Pagu | Sesudah",
    ]


def test_a_label_reaching_into_the_line_under_it_is_header_though_its_box_is_taller() -> None:
    """Labels centred in header cells of other heights stand between each other, and OCR's
    boxes of one size of type differ by a fifth: ``DANA`` (under ``SUMBER``) read 6.8 pt tall
    over ``KINERJA`` read 5.5 pt, and, taken for a title set larger, it ended the header there;
    the plan table was not found. A line set larger is a title only where it stands clear of
    the labels under it."""

    def sized(text: str, x0: float, top: float, height: float) -> dict[str, Any]:
        return {**word(text, x0, top), "bottom": top + height}

    numbers = line_of(130, *((str(i + 1), x) for i, x in enumerate(X)))
    words = [
        *line_of(90, *HEADER_WORDS),
        sized("Sumber", X[3] + 30, 104, 5.8),
        sized("Dana", X[3] + 30, 111.3, 6.8),  # reaches into the line under it
        sized("Kinerja", X[2], 116, 5.5),
        sized("Kinerja", X[3], 116, 5.5),
        *numbers,
    ]
    lines = _lines(words)
    assert texts(_header_lines(lines, len(lines) - 1)) == [
        "No Program/Kegiatan Indikator Kinerja Target Pagu (Rp)",
        "Sumber",
        "Dana",
        "Kinerja Kinerja",
    ]
    # the same line set larger and clear of the labels under it is a title over the table
    clear = [w if w["text"] != "Dana" else sized("Dana", X[3] + 30, 108.5, 6.8) for w in words]
    lines = _lines(clear)
    assert texts(_header_lines(lines, len(lines) - 1)) == ["Kinerja Kinerja"]


def test_header_lines_have_a_line_limit() -> None:
    labels = [w for i in range(18) for w in line_of(10 + 9 * i, ("Ket", X[0]), ("Pagu", X[4]))]
    lines = _lines(labels + line_of(10 + 9 * 18, *((str(i + 1), x) for i, x in enumerate(X))))
    assert len(_header_lines(lines, 18)) == STREAM.max_header_lines == 16
    assert len(_header_lines(lines, 18, replace(STREAM, max_header_lines=4))) == 4


COLUMNS = StreamColumns(edges=(10.0, 70.0, 250.0, 390.0, 470.0, 560.0), page_width=595.0, header=())


def test_rows_start_at_an_id_cell_or_a_gap() -> None:
    lines = _lines(
        line_of(100, ("1", X[0]), ("Program A", X[1]), ("1.500", X[4]))
        + line_of(109, ("lanjutan nama", X[1]))  # wrapped name: close under, no id
        + line_of(118, ("2", X[0]), ("Program B", X[1]))  # an id cell starts a row
        + line_of(140, ("Program C", X[1]))  # 14 pt gap: more than 0.6 of the line height
    )
    rows = _rows(lines, COLUMNS, {0})
    assert [texts(r) for r in rows] == [
        ["1 Program A 1.500", "lanjutan nama"],
        ["2 Program B"],
        ["Program C"],
    ]
    # without id columns, by gaps and by numbers stacked in one column ("1" over "2")
    assert [len(r) for r in _rows(lines, COLUMNS, set())] == [2, 1, 1]


def test_a_number_under_another_in_its_column_starts_a_row() -> None:
    """Sheet rows stand as close as a cell's lines: the next indicator of a node, with its own
    target, is a row of its own; a wrapped name or a wrapped amount is not."""
    lines = _lines(
        line_of(100, ("(1)", X[0]), ("Sub A", X[1]), ("Jumlah Dokumen", X[2]), ("21", X[3]),
                ("310.791.000,0", X[4]))
        + line_of(106, ("lanjutan", X[1]), ("0", X[4]))  # wrapped name and amount
        + line_of(112, ("Jumlah Laporan", X[2]), ("6", X[3]))  # the next indicator
        + line_of(118, ("Daerah", X[2]))  # its wrapped text
        + line_of(124, ("Jumlah Orang", X[2]), ("3,5 %", X[3]))  # the next, with its unit
        + line_of(130, ("Jumlah Unit", X[2]), ("13 unit", X[3]))  # and the one after
        + line_of(144, ("Jumlah", X[1]), ("54.171.000", X[4]))  # a subtotal, set apart
        + line_of(150, ("JUMLAH", X[1]), ("49.550.618.906", X[4]))  # the total, close under
    )  # fmt: skip
    rows = _rows(lines, COLUMNS, set())
    assert [texts(r) for r in rows] == [
        ["(1) Sub A Jumlah Dokumen 21 310.791.000,0", "lanjutan 0"],
        ["Jumlah Laporan 6", "Daerah"],
        ["Jumlah Orang 3,5 %"],
        ["Jumlah Unit 13 unit"],
        ["Jumlah 54.171.000"],
        ["JUMLAH 49.550.618.906"],
    ]


def test_figures_in_a_column_the_row_left_empty_start_a_row() -> None:
    """Cells are set at the top of their row. At the top of a page, the rest of a row that
    the page break cut (a wrapped indicator; a lokasi and a unit) stands as close above the
    next row as a cell's lines; the next row's figures, in columns the rest left empty, start
    it. A wrapped amount after its currency word does not: its column already holds text."""
    lines = _lines(
        line_of(100, ("Listrik Skala", X[2]))  # the rest of an indicator cut by the page
        + line_of(109, ("Jumlah Dokumen", X[2]), ("20 dokumen", X[3]))  # the next indicator
        + line_of(118, ("Sub A", X[1]), ("Jumlah Unit", X[2]), ("5", X[3]), ("Rp", X[4]))
        + line_of(127, ("lanjutan", X[1]), ("1.500.000", X[4]))  # the amount after its Rp
    )
    rows = _rows(lines, COLUMNS, set())
    assert [texts(r) for r in rows] == [
        ["Listrik Skala"],
        ["Jumlah Dokumen 20 dokumen"],
        ["Sub A Jumlah Unit 5 Rp", "lanjutan 1.500.000"],
    ]
    units = _lines(
        line_of(100, ("dokumen", X[3]))  # the unit of a target cut by the page
        + line_of(109, ("Verifikasi", X[1]), ("Jumlah Dokumen", X[2]), ("22", X[3]),
                  ("112.500.000,00", X[4]))
    )  # fmt: skip
    assert [texts(r) for r in _rows(units, COLUMNS, set())] == [
        ["dokumen"],
        ["Verifikasi Jumlah Dokumen 22 112.500.000,00"],
    ]


def test_the_rest_of_a_cut_target_above_the_next_target_with_its_unit_is_a_row_of_its_own() -> None:
    """The rest of a row cut by the page (the indicator's last word, the target's unit alone:
    ``13`` / ``Dokumen``) prints in the columns of the next indicator under it, as close as a
    cell's lines (Word export, seed 3966: read as one row, the unit went to the next
    indicator and the rest of the name into its text). A target that prints its number with
    a unit of its own under words with no figure starts a row; a unit set above its number
    alone (``orang`` / ``82``) stays one cell."""
    lines = _lines(
        line_of(100, ("Kependidikan", X[2]), ("Dokumen", X[3]))
        + line_of(108, ("Jumlah Orang", X[2]), ("339 org", X[3]))
        + line_of(116, ("Informasi", X[2]))
    )
    assert [texts(r) for r in _rows(lines, COLUMNS, set())] == [
        ["Kependidikan Dokumen"],
        ["Jumlah Orang 339 org", "Informasi"],
    ]
    unit_first = _lines(line_of(100, ("Jumlah Orang", X[2]), ("orang", X[3]))
                        + line_of(108, ("Terlatih", X[2]), ("82", X[3])))  # fmt: skip
    assert [texts(r) for r in _rows(unit_first, COLUMNS, set())] == [
        ["Jumlah Orang orang", "Terlatih 82"]
    ]


def test_an_amount_after_its_currency_word_under_another_starts_a_row() -> None:
    """``Rp`` before each amount: a total under a row's amount is a second value, as it is
    without the currency word."""
    lines = _lines(
        line_of(100, ("Sub A", X[1]), ("Jumlah Dokumen", X[2]), ("Rp 66.000.000,00", X[4]))
        + line_of(106, ("JUMLAH", X[1]), ("Rp 115.503.279.596,00", X[4]))
    )
    rows = _rows(lines, COLUMNS, set())
    assert [texts(r) for r in rows] == [
        ["Sub A Jumlah Dokumen Rp 66.000.000,00"],
        ["JUMLAH Rp 115.503.279.596,00"],
    ]


def test_a_horizontal_rule_between_two_lines_starts_a_row() -> None:
    """A Word table with horizontal rules only: a node's last indicator (no amount) and the
    total under it stand as close as a cell's lines and share no column; the rule between
    them parts them, and no rule runs between the lines of a wrapped cell."""
    lines = _lines(
        line_of(100, ("Sub A", X[1]), ("Jumlah Dokumen", X[2]), ("12", X[3]), ("1.500", X[4]))
        + line_of(106, ("lanjutan nama", X[1]))  # wrapped name: no rule above it
        + line_of(114, ("Jumlah Unit", X[2]), ("149", X[3]))  # the next indicator
        + line_of(120, ("JUMLAH", X[1]), ("9.000", X[4]))  # the total, ruled off
    )
    assert [len(r) for r in _rows(lines, COLUMNS, set())] == [2, 2]  # no rules: glued
    rows = _rows(lines, COLUMNS, set(), rules=(113.5, 119.5))
    assert [texts(r) for r in rows] == [
        ["Sub A Jumlah Dokumen 12 1.500", "lanjutan nama"],
        ["Jumlah Unit 149"],
        ["JUMLAH 9.000"],
    ]


def test_a_total_label_under_a_nameless_row_starts_a_row() -> None:
    """No rules and rows as close as a cell's lines: a total's label under a node's further
    indicator (a row with no name) opens the total's row; under a name it may be the name's
    own words."""
    lines = _lines(
        line_of(100, ("Sub A", X[1]), ("Jumlah Dokumen", X[2]), ("12", X[3]), ("1.500", X[4]))
        + line_of(106, ("Jumlah Unit", X[2]), ("149", X[3]))  # the next indicator
        + line_of(112, ("JUMLAH", X[1]), ("9.000", X[4]))  # the total
        + line_of(124, ("Sub B", X[1]), ("Jumlah Orang", X[2]), ("3", X[3]), ("800", X[4]))
        + line_of(130, ("Jumlah Penduduk", X[1]))  # the rest of Sub B's name
    )
    assert [len(r) for r in _rows(lines, COLUMNS, set())] == [1, 2, 2]  # no name column known
    rows = _rows(lines, COLUMNS, set(), name_columns=frozenset({1}))
    assert [texts(r) for r in rows] == [
        ["Sub A Jumlah Dokumen 12 1.500"],
        ["Jumlah Unit 149"],
        ["JUMLAH 9.000"],
        ["Sub B Jumlah Orang 3 800", "Jumlah Penduduk"],
    ]


class _Ruled:
    """The strokes of a page as pdfplumber gives them."""

    def __init__(self, lines: list[dict[str, Any]], rects: list[dict[str, Any]]) -> None:
        self.lines, self.rects = lines, rects


def _stroke(x0: float, x1: float, top: float, height: float = 0.5) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": top, "bottom": top + height}


def _upright(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x - 0.25, "x1": x + 0.25, "top": top, "bottom": bottom}


def test_row_rules_run_across_the_table() -> None:
    """A rule drawn cell by cell counts as one; an underline under a group heading, a short
    rule and a shaded cell's box are no row rules."""
    cells = [_stroke(a, b, 113.2) for a, b in zip(COLUMNS.edges, COLUMNS.edges[1:], strict=False)]
    page = _Ruled(
        lines=[*cells, _stroke(10, 560, 130.0), _stroke(390, 560, 150.0)],
        rects=[_stroke(10, 560, 160.0, height=12.0), _stroke(10, 300, 180.0, height=1.0)],
    )
    assert _row_rules(page, 10.0, 560.0) == (113.5, 130.0)


def test_body_ends_at_a_wide_gap_or_a_page_number() -> None:
    rows = [line_of(100 + 10 * i, ("x", X[1]), ("1.000", X[4])) for i in range(5)]
    body = [w for r in rows for w in r]
    footnote = line_of(100 + 10 * 4 + 8 + 41, ("Sumber: Bappeda", 20))
    assert len(_body_lines(_lines(body + footnote))) == 5  # 41 pt > max(4 pitches of 10, 30)
    close = line_of(100 + 10 * 4 + 8 + 39, ("Sumber: Bappeda", 20))
    assert len(_body_lines(_lines(body + close))) == 6
    folio = line_of(100 + 10 * 5, ("Halaman 3", 250))
    assert len(_body_lines(_lines(body + folio))) == 5
    bare = line_of(100 + 10 * 4 + 8 + 21, ("12", 300))  # a bare number set apart: page number
    assert len(_body_lines(_lines(body + bare))) == 5
    near = line_of(100 + 10 * 5, ("12", 300))  # at the pitch: a value of the table
    assert len(_body_lines(_lines(body + near))) == 6


def test_body_runs_on_through_a_gap_its_upright_rules_run_through() -> None:
    """A sheet's row set much taller than its text, under rules between the columns that run
    on down the page, no rule under the row (a program's rows boxed on, over the page): the
    rows after the gap are the table's (xlsx 1135 lost all but the page's first program). A
    footnote stands under the rules' end; one rule through the gap, a page's frame or a
    margin line, is not the table's."""
    rows = [line_of(100 + 10 * i, ("x", X[1]), ("1.000", X[4])) for i in range(5)]
    body = [w for r in rows for w in r]
    after = line_of(100 + 10 * 4 + 8 + 60, ("Kegiatan", X[1]), ("Jumlah", X[2]))
    sides = [(10.0, 95.0, 400.0), (300.0, 95.0, 400.0)]
    assert len(_body_lines(_lines(body + after))) == 5
    assert len(_body_lines(_lines(body + after), sides=sides)) == 6
    assert len(_body_lines(_lines(body + after), sides=sides[:1])) == 5
    assert (
        len(_body_lines(_lines(body + after), sides=[(x, 95.0, 160.0) for x, _, _ in sides])) == 5
    )


def test_upright_rules_are_pieced_together_cell_by_cell() -> None:
    """A rule drawn a cell at a time is one rule from its first piece's top to its last's
    bottom; a piece apart from it is a rule of its own, and a short tick is none."""
    page = _Ruled(
        lines=[_upright(100.0, 50.0, 80.0), _upright(100.0, 80.0, 120.0),
               _upright(100.0, 150.0, 200.0), _upright(600.0, 50.0, 200.0)],
        rects=[_upright(300.0, 60.0, 61.0)],
    )  # fmt: skip
    assert sorted(_upright_rules(page, 10.0, 560.0)) == [
        (100.0, 50.0, 120.0), (100.0, 150.0, 200.0),
    ]  # fmt: skip


def test_body_ends_at_a_browser_footer() -> None:
    """A web page printed from a browser: its address and the page counter (``1/12``) at the
    foot of the page, close under the last row when the table fills the page."""
    rows = [line_of(100 + 10 * i, ("x", X[1]), ("1.000", X[4])) for i in range(5)]
    body = [w for r in rows for w in r]
    footer = line_of(100 + 10 * 5, ("https://sipd.kemendagri.go.id/renja/cetak", 20), ("1/12", 500))
    assert len(_body_lines(_lines(body + footer))) == 5
    counter = line_of(100 + 10 * 4 + 8 + 21, ("3/12", 500))  # set apart: page 3 of 12
    assert len(_body_lines(_lines(body + counter))) == 5
    near = line_of(100 + 10 * 5, ("3/12", 500))  # at the pitch, no address: a value
    assert len(_body_lines(_lines(body + near))) == 6
    target = line_of(100 + 10 * 4 + 8 + 21, ("12/3", 500))  # no page 12 of 3
    assert len(_body_lines(_lines(body + target))) == 6


class _Page:
    """What ``stream_tables`` reads of a pdfplumber page."""

    def __init__(self, words: list[dict[str, Any]], width: float = 595.0) -> None:
        self.words, self.width = words, width
        self.chars: list[dict[str, Any]] = []  # no glyphs: no space ends a line, no word is known
        self.rects: list[dict[str, Any]] = []

    def extract_words(self, **_: Any) -> list[dict[str, Any]]:
        return self.words


def test_a_borderless_page_becomes_a_table_with_named_columns() -> None:
    words = (
        line_of(40, ("Tabel 3.3 Rumusan Rencana Program dan Kegiatan Tahun 2024", 20))
        + line_of(80, *HEADER_WORDS)
        + line_of(90, *((f"({i + 1})", x) for i, x in enumerate(X)))
        + line_of(105, ("I", X[0]), ("Program A", X[1]), ("Indikator", X[2]), ("10", X[3]),
                  ("1.500.000", X[4]), bold=True)
        + line_of(115, ("I.1", X[0]), ("Kegiatan B", X[1]), ("Indikator", X[2]), ("5", X[3]),
                  ("700.000", X[4]))
    )  # fmt: skip
    tables, columns = stream_tables(_Page(words), 12, key_columns=lambda texts: {0})
    (table,) = tables
    assert table.page == 12
    assert table.grid[0] == ["No", "Program/Kegiatan", "Indikator Kinerja", "Target", "Pagu (Rp)"]
    assert table.grid[1] == ["1", "2", "3", "4", "5"]
    assert table.grid[2:] == [
        ["I", "Program A", "Indikator", "10", "1.500.000"],
        ["I.1", "Kegiatan B", "Indikator", "5", "700.000"],
    ]
    assert table.bold[2] == [True] * 5 and table.bold[3] == [False] * 5
    assert "Tabel 3.3" in table.text_before
    assert columns is not None and len(columns.edges) == 6
    # a next page without a header carries the columns on
    more = line_of(60, ("I.2", X[0]), ("Kegiatan C", X[1]), ("Indikator", X[2]), ("7", X[3]),
                   ("300.000", X[4]))  # fmt: skip
    (carried,), _ = stream_tables(_Page(more), 13, columns, lambda texts: {0})
    assert carried.grid == [["I.2", "Kegiatan C", "Indikator", "7", "300.000"]]


def test_a_row_shaded_in_a_table_without_rules_carries_its_fill() -> None:
    """A level may show by its shading alone (a kegiatan row filled, set in plain type): a
    table without rules, or ruled between its columns only, is read from its text, and its
    rows' fills were not measured (Word plans whose levels show by shading alone, no rules:
    10 of 59 lost their levels, `suspect`). Each cell carries the fill under its middle, as a
    ruled cell does."""
    words = (
        line_of(80, *HEADER_WORDS)
        + line_of(90, *((f"({i + 1})", x) for i, x in enumerate(X)))
        + line_of(105, ("", X[0]), ("PROGRAM A", X[1]), ("Indikator", X[2]), ("10", X[3]),
                  ("1.500.000", X[4]))
        + line_of(125, ("", X[0]), ("Kegiatan B", X[1]), ("Indikator", X[2]), ("5", X[3]),
                  ("700.000", X[4]))
    )  # fmt: skip
    page = _Page(words)
    width = X[4] + 60 - X[0]
    shade = {"x0": X[0] - 2, "x1": X[0] - 2 + width, "top": 122.0, "bottom": 136.0}
    page.rects = [
        {**shade, "width": width, "height": 14.0, "fill": True, "non_stroking_color": (1, 0.9, 0.6)}
    ]
    (table,), _ = stream_tables(page, 3, key_columns=lambda texts: set())
    assert table.fill[2] == [None] * 5
    assert table.fill[3] == ["1.00,0.90,0.60"] * 5
    assert table.bold[3] == [False] * 5


def test_a_browser_header_over_a_continued_page_is_no_row() -> None:
    """A web page printed from a browser prints the date and time and the page's title at the
    top of every page; over a page that continues the table, it is not a row."""
    first = (
        line_of(80, *HEADER_WORDS)
        + line_of(90, *((f"({i + 1})", x) for i, x in enumerate(X)))
        + line_of(105, ("I", X[0]), ("Program A", X[1]), ("Indikator", X[2]), ("10", X[3]),
                  ("1.500.000", X[4]), bold=True)
    )  # fmt: skip
    _, columns = stream_tables(_Page(first), 12, key_columns=lambda texts: {0})
    for stamp in ("12/3/26, 3:56 PM", "03/12/2026 15.56"):
        more = line_of(12, (stamp, 22), ("SIPD - Rencana Kerja", 300)) + line_of(
            60, ("I.2", X[0]), ("Kegiatan C", X[1]), ("Indikator", X[2]), ("7", X[3]),
            ("300.000", X[4]),
        )  # fmt: skip
        (carried,), _ = stream_tables(_Page(more), 13, columns, lambda texts: {0})
        assert carried.grid == [["I.2", "Kegiatan C", "Indikator", "7", "300.000"]], stamp


def test_a_label_broken_inside_a_word_by_a_narrow_column_is_read_whole() -> None:
    """A Word table with narrow columns: "Catat" / "an" and "Penangg" / "ung Jawab" over two
    lines of the header are the labels Catatan and Penanggung Jawab."""
    x5, x6 = 540.0, 580.0
    words = (
        line_of(72, ("Catat", x5), ("Penangg", x6))
        + line_of(80, *HEADER_WORDS, ("an", x5), ("ung Jawab", x6))
        + line_of(90, *((f"({i + 1})", x) for i, x in enumerate((*X, x5, x6))))
        + line_of(105, ("I", X[0]), ("Program A", X[1]), ("Indikator", X[2]), ("10", X[3]),
                  ("1.500.000", X[4]), ("-", x5), ("Bidang", x6))
    )  # fmt: skip
    tables, _ = stream_tables(_Page(words, width=680.0), 12, key_columns=lambda texts: {0})
    (table,) = tables
    assert table.grid[0][5:] == ["Catatan", "Penanggung Jawab"]


def test_words_of_a_table_set_small_are_split_by_their_own_size(tmp_path: Any) -> None:
    """A sheet shrunk to fit the page prints 4.9 pt text, and a clipped name ends 2.8 pt
    before the next column's first word: half an em, a word gap at that size (a fixed 3 pt
    tolerance read "DaerahJumlah" as one word, and put it in the name column)."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    size, pdf = 4.9, tmp_path / "small.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(595, 420))
    page.setFont("Helvetica", size)
    name = "Kewenangan Daerah"
    page.drawString(200 - 2.8 - page.stringWidth(name, "Helvetica", size), 300, name)
    page.drawString(200, 300, "Jumlah Orang")
    page.save()
    with pdfplumber.open(pdf) as document:
        words = [w["text"] for w in _page_words(document.pages[0], ocr=False)]
    assert words == ["Kewenangan", "Daerah", "Jumlah", "Orang"]


def test_two_cells_labels_set_flush_are_two_strings(tmp_path: Any) -> None:
    """A sheet clips two neighbouring header cells' labels at their common edge: "Kebutuhan
    Dana/Pagu Indikatif (Rp)" ends 2.2 pt before "Sumber Dana", a little wider than its own
    spaces (1.4 pt) and too close for any width rule (xlsx held-out seed 1620, rejected: the
    two columns found as one). The page draws each label as one string, its words joined by
    space glyphs, and the two strings one after the other with none between: two labels. A
    label whose words the page places without space glyphs gives no such evidence."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    size, pdf = 5.7, tmp_path / "flush.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(842, 595))
    page.setFont("Times-Bold", size)
    pagu = "Kebutuhan Dana/Pagu Indikatif (Rp)"
    page.drawString(500.0, 300, pagu)
    page.drawString(500.0 + page.stringWidth(pagu, "Times-Bold", size) + 2.2, 300, "Sumber Dana")
    x = 500.0
    for part in ("Target", "Capaian", "Kinerja"):  # placed word by word: no space glyphs
        page.drawString(x, 200, part)
        x += page.stringWidth(part, "Times-Bold", size) + 2.2
    page.save()
    with pdfplumber.open(pdf) as document:
        lines = _lines(_page_words(document.pages[0], ocr=False))
    labels, placed = (_phrases(line) for line in lines)
    (phrase,) = labels
    assert [[w["text"] for w in p] for p in _wide_gap_parts(phrase)] == [
        ["Kebutuhan", "Dana/Pagu", "Indikatif", "(Rp)"],
        ["Sumber", "Dana"],
    ]
    (words,) = placed
    assert len(_wide_gap_parts(words)) == 1
    bare = [{k: v for k, v in w.items() if k != "run"} for w in phrase]  # glyphs not known
    assert len(_wide_gap_parts(bare)) == 1


def test_two_labels_of_one_word_each_set_close_are_two(tmp_path: Any) -> None:
    """Reportlab seed 5795 (borderless, codes over five columns, headers in capitals): the
    narrow Sub Kegiatan column's ``KEGIATAN`` overflowed to 5.2 pt of the name column's label
    ``PROGRAM/KEGIATAN/SUB`` on the same line; two words give no usual gap to weigh theirs by,
    so they were one label, the column was lost and each sub kegiatan's code went into the
    kegiatan's cell (0 of 29 nodes). Two strings further apart than a space part; one string's
    two words, or two strings a space apart, stay one label."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    size, pdf = 7.0, tmp_path / "two.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(842, 595))
    page.setFont("Helvetica-Bold", size)
    width = page.stringWidth("KEGIATAN", "Helvetica-Bold", size)
    page.drawString(200.0, 300, "KEGIATAN")
    page.drawString(200.0 + width + 5.2, 300, "PROGRAM/KEGIATAN/SUB")
    page.drawString(200.0, 200, "SUMBER DANA")  # one string
    page.drawString(200.0, 100, "SUMBER")  # two strings a space apart
    page.drawString(200.0 + page.stringWidth("SUMBER ", "Helvetica-Bold", size), 100, "DANA")
    page.save()
    with pdfplumber.open(pdf) as document:
        lines = _lines(_page_words(document.pages[0], ocr=False))
    apart, one, spaced = (_phrases(line) for line in lines)
    assert [[w["text"] for w in p] for p in _wide_gap_parts(apart[0])] == [
        ["KEGIATAN"],
        ["PROGRAM/KEGIATAN/SUB"],
    ]
    assert len(_wide_gap_parts(one[0])) == 1
    assert len(_wide_gap_parts(spaced[0])) == 1
    bare = [{k: v for k, v in w.items() if k != "run"} for w in apart[0]]  # glyphs not known
    assert len(_wide_gap_parts(bare)) == 1


def test_the_last_word_of_a_cell_overflowing_past_the_edge_stays_in_its_cell(
    tmp_path: Any,
) -> None:
    """A sheet prints an indicator too long for its narrow cell over the next cell's left
    side: its last word, ``C``, ends 1.9 pt before the lokasi's first, and its middle passes
    the edge placed between the two columns' texts (held-out xlsx 3781: the indicator went
    out without its ``C`` and the lokasi read ``C Kabupaten Lebak``, status ``ok``). The page
    draws the indicator as one string, ``C`` after a space glyph, and the lokasi as another:
    the ``C`` is the indicator's. A word drawn on its own stays where its middle falls."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    size, pdf = 7.0, tmp_path / "overflow.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(842, 595))
    page.setFont("Helvetica", size)
    indicator = "Terminal Penumpang Tipe C"
    end = 400.0 + page.stringWidth(indicator, "Helvetica", size)
    page.drawString(400.0, 300, indicator)
    page.drawString(end + 1.9, 300, "Kabupaten Lebak")
    x = 400.0
    for part in ("Terminal", "Penumpang", "Tipe", "C"):  # placed word by word: no space glyphs
        page.drawString(x, 200, part)
        x += page.stringWidth(part + " ", "Helvetica", size)
    page.drawString(end + 1.9, 200, "Kabupaten Lebak")
    page.save()
    with pdfplumber.open(pdf) as document:
        words = _page_words(document.pages[0], ocr=False)
    c_width = next(w["x1"] - w["x0"] for w in words if w["text"] == "C")
    edge = end - 2 * c_width / 3  # a third into the C: its middle passes the edge
    columns = StreamColumns(edges=(350.0, edge, 700.0), page_width=842.0, header=())
    drawn, placed = _lines(words)  # top to bottom: the string drawn whole first
    assert _cells([placed, drawn], columns)[0] == [
        "Terminal Penumpang Tipe\nTerminal Penumpang Tipe",
        "C Kabupaten Lebak\nC Kabupaten Lebak",
    ]
    _settle_straddlers([placed, drawn], columns)
    assert _cells([drawn], columns)[0] == ["Terminal Penumpang Tipe C", "Kabupaten Lebak"]
    assert _cells([placed], columns)[0] == ["Terminal Penumpang Tipe", "C Kabupaten Lebak"]


def test_two_strings_are_parted_at_an_edge_that_falls_inside_the_second() -> None:
    """A sheet centres "Sumber Dana" in a cell narrower than the label: it starts 1.1 pt left
    of its cell's edge, flush after "... Indikatif (Rp)", so the edge between the two columns
    falls inside "Sumber", not in the gap (held-out xlsx 1881 and 1982: the two labels read as
    one heading over both columns, the amounts' column not found, rejected). The page draws
    the two labels as two strings; where it does not say so, the phrase stays whole."""
    pagu = line_of(100, ("Dana/Pagu", 600), ("Indikatif", 640), ("(Rp)", 680))
    sumber = line_of(100, ("Sumber", 701.0), ("Dana", 729.0))  # 5 pt after, spaces 4 pt
    # each label one string, its words joined by space glyphs: (first, last, space after)
    runs = [(0, 8, True), (10, 18, True), (20, 23, False), (24, 29, True), (31, 34, False)]
    phrase = [{**w, "run": run} for w, run in zip(pagu + sumber, runs, strict=True)]
    columns = StreamColumns(edges=(560.0, 702.1, 760.0), page_width=842.0, header=())
    assert [[w["text"] for w in p] for p in _split_at_edges(phrase, columns)] == [
        ["Dana/Pagu", "Indikatif", "(Rp)"],
        ["Sumber", "Dana"],
    ]
    bare = [{k: v for k, v in w.items() if k != "run"} for w in phrase]
    assert _split_at_edges(bare, columns) == [bare]


def test_two_labels_set_close_are_parted_at_their_column_edge() -> None:
    """ "Target Capaian" and "Kebutuhan Dana/Pagu" stand 3.8 pt apart over neighbouring columns,
    closer than a column gap usually is, but further than the spaces inside either label; a
    heading over two columns, one space apart throughout, stays whole."""
    columns = StreamColumns(edges=(500.0, 584.0, 668.0, 700.0), page_width=842.0, header=())

    def placed(*texts_: tuple[str, float]) -> list[dict[str, Any]]:
        return [word(t, x, 100) for t, x in texts_]

    labels = placed(("Target", 529.0), ("Capaian", 554.2), ("Kebutuhan", 586.0), ("Dana", 623.2))
    assert [[w["text"] for w in p] for p in _split_at_edges(labels, columns)] == [
        ["Target", "Capaian"],
        ["Kebutuhan", "Dana"],
    ]
    heading = placed(("Rencana", 555.0), ("Tahun", 584.4), ("2022", 605.8))  # edge in a space
    assert _split_at_edges(heading, columns) == [heading]
    # Two sub-labels in narrow columns, one space apart, an edge between them: a heading over
    # two columns has labels under them; the lowest labels have none.
    pair = placed(("Sebelum", 550.0), ("Sesudah", 587.0))
    assert [[w["text"] for w in p] for p in _split_at_edges(pair, columns, [])] == [
        ["Sebelum"],
        ["Sesudah"],
    ]
    under = _lines([word("Sebelum", 550.0, 110), word("Sesudah", 600.0, 110)])
    assert _split_at_edges(pair, columns, under) == [pair]


def test_a_worded_header_spans_the_gaps_of_tall_spreadsheet_cells() -> None:
    """No number row: the labels of a sheet's tall header cells stand 2-3 line heights apart;
    rows of labels that close are one header, and the title above stays out."""
    lines = _lines(
        line_of(20, ("Tabel 3.3 Rumusan Rencana Program dan Kegiatan Perangkat Daerah 2024", 20))
        + line_of(50, ("Catatan", X[0]), ("Rencana Tahun 2024", X[3]))
        + line_of(78, *HEADER_WORDS)  # 20 pt (2.5 line heights) under
        + line_of(106, ("Kinerja", X[2]), ("Indikatif", X[4]))  # and again
        + line_of(121, ("I", X[0]), ("Program A", X[1]), ("Indikator", X[2]), ("10", X[3]),
                  ("1.500.000", X[4]))
    )  # fmt: skip
    assert _header_block(lines) == (1, 3)


def _target_over(
    x: float, *sub: tuple[str, float], below: tuple[tuple[str, float], ...] = ()
) -> list[Any]:
    """A Renja Perubahan's header with no number row: "Target" at ``x`` over the two sub-labels
    ``sub``, "Pagu (Rp)" over Sebelum | Sesudah, and ``below`` a line under the sub-labels."""
    return _lines(
        line_of(60, ("No", 20), ("Program", 60), ("Target", x), ("Satuan", 280),
                ("Pagu (Rp)", 400))
        + line_of(70, *sub, ("Sebelum", 360), ("Sesudah", 448))
        + (line_of(80, *below) if below else [])
    )  # fmt: skip


def test_a_heading_centred_between_two_labels_under_it_heads_them() -> None:
    """No number row: Word centres a merged heading ("Pagu (Rp)", "Target") over the gap
    between its two sub-labels, touching neither; it is no column of its own. A label of its
    own column between two sub-labels ("Satuan") has their headings nearer to them."""
    header = _lines(
        line_of(60, ("No", 20), ("Program", 60), ("Target", 200), ("Satuan", 280),
                ("Pagu (Rp)", 400))
        + line_of(70, ("Sebelum", 170), ("Sesudah", 226), ("Sebelum", 360), ("Sesudah", 448))
    )  # fmt: skip
    assert _label_centres(header) == [24.0, 74.0, 184.0, 240.0, 292.0, 374.0, 462.0]
    # Narrow columns: each pair set one space apart, one phrase; before and after are two
    # columns all the same.
    close = _lines(
        line_of(60, ("No", 20), ("Program", 60), ("Target", 188), ("Satuan", 280),
                ("Pagu (Rp)", 382))
        + line_of(70, ("Sebelum Sesudah", 170), ("Sebelum Setelah", 370))
    )  # fmt: skip
    assert _label_centres(close) == [24.0, 74.0, 184.0, 216.0, 292.0, 384.0, 416.0]
    # A sheet centres the one-line labels in their tall cells, between the headings and the
    # sub-labels.
    centred = _lines(
        line_of(55, ("Target", 200), ("Pagu (Rp)", 400))
        + line_of(60, ("No", 20), ("Program", 60), ("Satuan", 280))
        + line_of(65, ("Sebelum", 170), ("Sesudah", 226), ("Sebelum", 360), ("Sesudah", 448))
    )
    assert _label_centres(centred) == [24.0, 74.0, 184.0, 240.0, 292.0, 374.0, 462.0]
    # A sheet centres "Target" over narrow Sebelum | Sesudah cells flush with both: it
    # overlaps one by a fraction of a point, which is touching, and is still their heading.
    flush = _target_over(198.1, ("Sebelum", 170), ("Sesudah", 221.8))
    assert _label_centres(flush) == pytest.approx([24.0, 74.0, 184.0, 235.8, 292.0, 374.0, 462.0])
    # A browser centres it so that its glyph boxes overlap one sub-label's by a side bearing
    # (0.6 pt of a 28 pt label): touching all the same, not standing over it.
    bearing = _target_over(197.4, ("Sebelum", 170), ("Sesudah", 221.8))
    assert _label_centres(bearing) == pytest.approx(_label_centres(flush))
    # Wider than the gap between its sub-labels, it reaches 2 pt into one and 4 pt into the
    # other (a sixth of itself): it still stands beside each, over the pair.
    wide = _target_over(196.0, ("Sebelum", 170), ("Sesudah", 216.0))
    assert _label_centres(wide) == pytest.approx([24.0, 74.0, 184.0, 230.0, 292.0, 374.0, 462.0])
    # Sub-labels broken by narrow columns ("Sebelu" over "m"): the piece under a sub-label is
    # the rest of its own label, not a label nearer to it than the heading.
    broken = _target_over(188.0, ("Sebelu", 170), ("Sesuda", 206.0), below=(("m", 180), ("h", 216)))
    assert _label_centres(broken) == pytest.approx([24.0, 74.0, 182.0, 218.0, 292.0, 374.0, 462.0])
    # A year heading over several columns reaches only part way into its last one (three
    # tenths of it): it stands over that label too, and heads them; no column of its own
    # (held-out xlsx 2868, 2900 and reportlab 2775 read wrong with status ok when a label had
    # to overlap another by a third to stand over it).
    year = _lines(
        line_of(60, ("Rencana Tahun 2023", 525))
        + line_of(70, ("Lokasi", 450), ("Satuan", 527), ("Kebutuhan Dana", 580))
    )
    assert _label_centres(year) == pytest.approx([462.0, 539.0, 608.0])
    # A sheet centres a wrapped label ("Kebutuhan Dana" / "Indikatif") around the one-line
    # labels beside it: a label that goes on under itself is its column's own.
    sheet = _lines(
        line_of(60, ("Kebutuhan Dana", 300))
        + line_of(65, ("No", 20), ("Satuan", 220), ("Sumber", 420))
        + line_of(70, ("Indikatif", 310))
    )
    assert _label_centres(sheet) == [24.0, 232.0, 328.0, 432.0]
    # Nor is a label a heading over two labels with another column's label between them.
    apart = _lines(
        line_of(55, ("Satuan", 240))
        + line_of(60, ("Pagu", 300))
        + line_of(70, ("Kinerja", 170), ("Kinerja", 400))
    )
    assert _label_centres(apart) == [184.0, 252.0, 308.0, 414.0]


@pytest.mark.parametrize(
    ("rest", "expected"),
    [
        ((("Pencemaran Udara", X[1]), ("di Lingkungan", X[2])),
         ["", "Pencemaran Udara", "di Lingkungan", "", ""]),
        # a word the header prints too, but over another column: the last word of an indicator
        ((("Target", X[2]),), ["", "", "Target", "", ""]),
    ],
)  # fmt: skip
def test_a_repeated_header_ends_before_the_rest_of_a_broken_row(
    rest: tuple[tuple[str, float], ...], expected: list[str]
) -> None:
    """No number row: the next page repeats the header, and the row the page break cut goes
    on under it with words only ("Pencemaran Udara"); those lines are body, not labels, also
    where the header prints the word over a column whose label it is not (``Target`` under
    the indicator column)."""
    header = line_of(60, *HEADER_WORDS) + line_of(70, ("Sumber Dana", X[1]), ("Lokasi", X[2]))
    first = header + line_of(
        85, ("I", X[0]), ("Program A dan", X[1]), ("Indikator", X[2]), ("10", X[3]),
        ("1.500.000", X[4]),
    )  # fmt: skip
    (table,), columns = stream_tables(_Page(first), 2, key_columns=lambda texts: {0})
    assert columns is not None
    second = (
        header
        + line_of(80, *rest)
        + line_of(95, ("II", X[0]), ("Program B", X[1]), ("Indikator", X[2]), ("7", X[3]),
                  ("300.000", X[4]))
    )  # fmt: skip
    (carried,), _ = stream_tables(_Page(second), 3, columns, lambda texts: {0})
    assert carried.grid[0] == table.grid[0]
    assert carried.grid[1:] == [expected, ["II", "Program B", "Indikator", "7", "300.000"]]


def test_a_page_of_another_width_reads_its_own_header_whole() -> None:
    """A landscape table page after a portrait page whose text was read as a table: its
    header is its own, not a repeat of the page before cut at its last line of known words
    ("Rencana Tahun 2024" stands in both)."""
    portrait = (
        line_of(50, ("Rencana Tahun 2024", X[3]))
        + line_of(60, *HEADER_WORDS)
        + line_of(75, ("I", X[0]), ("Program A", X[1]), ("Indikator", X[2]), ("10", X[3]),
                  ("1.500.000", X[4]))
    )  # fmt: skip
    _, columns = stream_tables(_Page(portrait), 2, key_columns=lambda texts: {0})
    assert columns is not None
    wide = (20.0, 80.0, 260.0, 420.0, 560.0, 620.0, 700.0)
    landscape = (
        line_of(50, ("Rencana Tahun 2024", wide[4]))
        + line_of(60, ("No", wide[0]), ("Program/Kegiatan", wide[1]),
                  ("Indikator Kinerja", wide[2]), ("Lokasi", wide[3]), ("Target", wide[4]),
                  ("Satuan", wide[5]), ("Pagu (Rp)", wide[6]))
        + line_of(75, ("I", wide[0]), ("Program A", wide[1]), ("Indikator", wide[2]),
                  ("Kota", wide[3]), ("10", wide[4]), ("unit", wide[5]), ("1.500.000", wide[6]))
    )  # fmt: skip
    (table,), _ = stream_tables(_Page(landscape, width=842.0), 3, columns, lambda texts: {0})
    assert table.grid[1] == ["I", "Program A", "Indikator", "Kota", "10", "unit", "1.500.000"]


def _spaceless_page(
    path: Any, words: list[tuple[str, float, float]], spaces: tuple[tuple[float, float], ...] = ()
) -> Any:
    """A borderless table drawn word by word without space glyphs: a title, the header and the
    column numbers, then each of ``words`` (text, x, top; its words set a space apart), and a
    space glyph at each of ``spaces`` (x, top)."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    height, size = 420.0, 7.0
    pdf = canvas.Canvas(str(path), pagesize=(595, height))
    pdf.setFont("Helvetica", size)

    def put(text: str, x: float, top: float) -> None:
        for part in text.split():
            pdf.drawString(x, height - top - size, part)
            x += pdf.stringWidth(part + " ", "Helvetica", size)

    put("Tabel 3.3 Rumusan Rencana Program dan Kegiatan Tahun 2024", 20, 40)
    for text, x in HEADER_WORDS:
        put(text, x, 80)
    for i, x in enumerate(X):
        put(f"({i + 1})", x, 90)
    for text, x, top in words:
        put(text, x, top)
    for x, top in spaces:
        pdf.drawString(x, height - top - size, " ")
    pdf.save()
    return pdfplumber.open(path)


def _slash_page(path: Any, spaced_line_end: bool) -> Any:
    """A borderless table (header, number row, two rows) drawn word by word without space
    glyphs: the name of row 1 breaks after the slash of ``Kabupaten/Kota``, that of row 2
    after ``Daerah/``, with a space glyph printed there when ``spaced_line_end``
    (``Daerah/ Lembaga``, two words); row 2's indicator prints ``Kabupaten/Kota`` inside a
    line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    rows = [
        (105, "1", ("Verifikasi Skala Kabupaten/", "Kota"), "Indikator", "10", "1.500.000"),
        (130, "2", ("Jumlah Perangkat Daerah/", "Lembaga"), "Desa Kabupaten/Kota Layak", "5",
         "700.000"),
    ]  # fmt: skip
    words = []
    for top, number, (first, second), indicator, target, pagu in rows:
        for text, x in ((number, X[0]), (first, X[1]), (indicator, X[2]), (target, X[3])):
            words.append((text, x, top))
        words += [(pagu, X[4], top), (second, X[1], top + 9)]
    end = X[1] + stringWidth("Jumlah Perangkat Daerah/", "Helvetica", 7.0)
    return _spaceless_page(path, words, ((end, 130.0),) if spaced_line_end else ())


def test_a_word_broken_after_its_slash_joins_as_in_a_ruled_cell(tmp_path: Any) -> None:
    """Word breaks ``Kabupaten/Kota`` after its slash when a borderless cell is too narrow:
    the two lines are one word, as the ruled reader reads them (``PageChars.slash_break``);
    they were read as ``Kabupaten/`` and ``Kota`` on two lines, hence ``Kabupaten/ Kota``."""
    with _slash_page(tmp_path / "spaced.pdf", spaced_line_end=True) as document:
        (table,), _ = stream_tables(document.pages[0], 3, key_columns=lambda texts: {0})
    names = [row[1] for row in table.grid[2:]]
    # the page prints the space that ends a wrapped line: none after Kabupaten/ is a join
    assert names == ["Verifikasi Skala Kabupaten/Kota", "Jumlah Perangkat Daerah/\nLembaga"]
    with _slash_page(tmp_path / "bare.pdf", spaced_line_end=False) as document:
        (table,), _ = stream_tables(document.pages[0], 3, key_columns=lambda texts: {0})
        # no space glyph anywhere: the document's own use of the word decides, inside a
        # line on this page or on a page read before
        assert [row[1] for row in table.grid[2:]] == [
            "Verifikasi Skala Kabupaten/Kota",
            "Jumlah Perangkat Daerah/\nLembaga",
        ]
        # nothing tells whether a space stood after Daerah/: read as two words, and doubted
        assert table.unsure_slashes == ["Daerah/ Lembaga"]
        names = pd.DataFrame(
            {"node_id": ["P01", "P02"], "page": [3, 3], "nama": ["Verifikasi Skala", "Jumlah "
             "Perangkat Daerah/ Lembaga"]}
        )  # fmt: skip
        (doubt,) = slash_breaks(names, [(3, "Daerah/ Lembaga")])
        assert (doubt.check, doubt.page, doubt.node_ids) == ("slash_breaks", 3, ("P02",))
        # an indicator that holds it is doubted too (docx 5026: status ok with the space)
        indicators = pd.DataFrame(
            {"node_id": ["P01"], "page": [3], "indikator": ["Jumlah Daerah/ Lembaga"]}
        )
        (doubt,) = slash_breaks(names.iloc[:1], [(3, "Daerah/ Lembaga")], indicators)
        assert doubt.node_ids == ("P01",)
        (table,), _ = stream_tables(
            document.pages[0], 3, key_columns=lambda texts: {0}, inline_words={"daerah/lembaga"}
        )
        assert table.grid[3][1] == "Jumlah Perangkat Daerah/Lembaga"
        assert table.unsure_slashes == []


def _broken_word_page(path: Any, space_after_break: bool) -> Any:
    """A borderless table (header, number row, two rows) drawn word by word, a space glyph
    ending every wrapped line as a word processor prints it: the name of row 1 is a program
    name in capitals whose word ``PENYELENGGARAAN`` is too long for the column, broken after
    ``PENYELENGGARAA`` (no space there, unless ``space_after_break``); the name of row 2 wraps
    between words, ``KEWENANGAN`` alone on its line."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    height, size = 420.0, 7.0
    pdf = canvas.Canvas(str(path), pagesize=(595, height))
    pdf.setFont("Helvetica", size)

    def put(text: str, x: float, top: float, line_end: bool = False) -> None:
        for part in text.split():
            pdf.drawString(x, height - top - size, part)
            x += pdf.stringWidth(part + " ", "Helvetica", size)
        if line_end:
            pdf.drawString(x - pdf.stringWidth(" ", "Helvetica", size), height - top - size, " ")

    put("Tabel 3.3 Rumusan Rencana Program dan Kegiatan Tahun 2024", 20, 40)
    for text, x in HEADER_WORDS:
        put(text, x, 80)
    for i, x in enumerate(X):
        put(f"({i + 1})", x, 90)
    put("1", X[0], 105)
    put("PROGRAM", X[1], 105, line_end=True)
    put("PENYELENGGARAA", X[1], 114, line_end=space_after_break)
    put("N TERMINAL", X[1], 123)
    for text, x in (("Indikator", X[2]), ("10", X[3]), ("1.500.000", X[4])):
        put(text, x, 105)
    put("2", X[0], 140)
    put("KEWENANGAN", X[1], 140, line_end=True)
    put("DAERAH", X[1], 149)
    for text, x in (("Indikator", X[2]), ("5", X[3]), ("700.000", X[4])):
        put(text, x, 140)
    pdf.save()
    return pdfplumber.open(path)


def test_a_word_too_long_for_its_column_joins_where_it_broke(tmp_path: Any) -> None:
    """Word breaks a word inside only when it is wider than the cell: the line holds that word
    alone, filled to the column's text edge, with no space glyph after it, and the rest runs
    on in the word's letter case. ``PENYELENGGARAA`` / ``N TERMINAL`` was read as two words
    (``PENYELENGGARAA N``, status ok: Word dev seed 214); ``KEWENANGAN`` / ``DAERAH``, a
    wrap between words (the line ends short of the column's edge), stays two words, and so
    does a full line that ends in a printed space."""
    with _broken_word_page(tmp_path / "broken.pdf", space_after_break=False) as document:
        (table,), _ = stream_tables(document.pages[0], 3, key_columns=lambda texts: {0})
    assert [row[1] for row in table.grid[2:]] == [
        "PROGRAM\nPENYELENGGARAAN TERMINAL",
        "KEWENANGAN\nDAERAH",
    ]
    with _broken_word_page(tmp_path / "spaced.pdf", space_after_break=True) as document:
        (table,), _ = stream_tables(document.pages[0], 3, key_columns=lambda texts: {0})
    assert table.grid[2][1] == "PROGRAM\nPENYELENGGARAA\nN TERMINAL"


def _broken_slash_word_page(path: Any, printed_whole: bool) -> Any:
    """A borderless table drawn word by word with no space glyphs: row 1's name fills its
    column with ``Informasi Skala Kabupaten/Kot`` and runs on with ``a Terpadu`` (LibreOffice
    breaks a word joined by a slash inside, with other words on its line); row 2, where
    ``printed_whole``, prints ``Kabupaten/Kota`` inside a line."""
    second = "Jumlah Kabupaten/Kota" if printed_whole else "Jumlah Desa"
    words = [
        ("1", X[0], 105.0), ("Informasi Skala Kabupaten/Kot", X[1], 105.0),
        ("a Terpadu", X[1], 114.0), ("Indikator", X[2], 105.0), ("10", X[3], 105.0),
        ("1.500.000", X[4], 105.0), ("2", X[0], 140.0), (second, X[1], 140.0),
        ("Indikator", X[2], 140.0), ("5", X[3], 140.0), ("700.000", X[4], 140.0),
    ]  # fmt: skip
    return _spaceless_page(path, words)


def test_a_word_broken_inside_beside_other_words_joins_where_the_document_prints_it(
    tmp_path: Any,
) -> None:
    """LibreOffice broke ``Kabupaten/Kota`` inside on a line it shares with other words
    (``Informasi Skala Kabupaten/Kot`` / ``a``; docx seeds 1298 and 1436, stacked indicators,
    no space glyphs, read wrong with status ok): where the line fills the column, the rest is
    no word, and the document prints the two joined as a word elsewhere, they are one word;
    where the document prints it nowhere, the lines stay as printed."""
    for whole, expected in (
        (True, "Informasi Skala Kabupaten/Kota Terpadu"),
        (False, "Informasi Skala Kabupaten/Kot\na Terpadu"),
    ):
        path = tmp_path / f"slash-{whole}.pdf"
        with _broken_slash_word_page(path, printed_whole=whole) as document:
            (table,), _ = stream_tables(document.pages[0], 3, key_columns=lambda t: {0})
        assert table.grid[2][1] == expected, table.grid


def _fill(x0: float, x1: float, top: float, bottom: float) -> dict[str, Any]:
    """A cell's shading as pdfplumber gives it: a filled rectangle."""
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "fill": True, "stroke": False}


def test_where_a_row_fill_starts_or_ends_a_row_starts() -> None:
    """No rules, rows as close as a cell's lines, levels shown by shading (html dev seed 35):
    a shaded grand total, an unshaded program row whose amount is on its subtotal, and the
    subtotal were read as one row. A cell's fill covers the whole cell, so its top and
    bottom sides, pieced together over the row's cells, part rows; a cell's wrapped lines
    share one fill, and a fill under one word (a highlight) spans too little of the table."""
    cells = list(zip(COLUMNS.edges, COLUMNS.edges[1:], strict=False))
    page = _Ruled(
        lines=[],
        rects=[
            *(_fill(a, b, 99.0, 110.0) for a, b in cells),  # the grand total, shaded
            *(_fill(a, b, 130.0, 149.5) for a, b in cells),  # the kegiatan, shaded
            _fill(250.0, 300.0, 140.5, 148.0),  # a highlighted word in the indicator
        ],
    )
    rules = _row_rules(page, COLUMNS.edges[0], COLUMNS.edges[-1])
    assert rules == (99.0, 110.0, 130.0, 149.5)
    lines = _lines(
        line_of(100, ("DINAS KESEHATAN", X[1]), ("9.000", X[4]))
        + line_of(111, ("PROGRAM A", X[1]), ("Cakupan", X[2]), ("100 %", X[3]))
        + line_of(120, ("PROGRAM A lanjutan", X[1]), ("Layanan", X[2]))
        + line_of(131, ("Kegiatan B", X[1]), ("Jumlah Dokumen", X[2]), ("12", X[3]),
                  ("9.000", X[4]))
        + line_of(140, ("lanjutan", X[1]))
        + line_of(151, ("Sub C", X[1]), ("Jumlah Unit", X[2]), ("3", X[3]), ("9.000", X[4]))
    )  # fmt: skip
    assert [len(r) for r in _rows(lines, COLUMNS, set())] == [3, 2, 1]  # no fills: glued
    rows = _rows(lines, COLUMNS, set(), rules=rules)
    assert [texts(r)[0] for r in rows] == [
        "DINAS KESEHATAN 9.000",
        "PROGRAM A Cakupan 100 %",
        "Kegiatan B Jumlah Dokumen 12 9.000",
        "Sub C Jumlah Unit 3 9.000",
    ]
    assert [len(r) for r in rows] == [1, 2, 2, 1]


def test_a_total_label_alone_beside_its_amounts_starts_a_row() -> None:
    """A row broken over a page leaves the rest of its name at the top of the next page, and
    the subtotal under it stood as close: "Masyarakat" and "Jumlah" were one row, the
    subtotal's label lost and the program's amounts with it (html dev seed 68). A line that
    prints only a total's label in the name column, beside amounts, is a total's row; a
    name's own words that open with "Jumlah" stay the name's."""
    lines = _lines(
        line_of(100, ("Masyarakat", X[1]))  # the rest of a name from the page before
        + line_of(106, ("Jumlah", X[1]), ("1.715.847.000", X[4]))
    )
    assert [len(r) for r in _rows(lines, COLUMNS, set())] == [2]
    assert [len(r) for r in _rows(lines, COLUMNS, set(), name_columns=frozenset({1}))] == [1, 1]
    named = _lines(
        line_of(100, ("Pendataan", X[1]))
        + line_of(106, ("Jumlah Penduduk", X[1]), ("1.715.847.000", X[4]))
    )
    assert [len(r) for r in _rows(named, COLUMNS, set(), name_columns=frozenset({1}))] == [2]


def test_a_heading_over_two_columns_heads_both_wherever_their_edge_falls() -> None:
    """ "Pagu (Rp)" centred over Sebelum | Sesudah: the edge between the two columns stands
    anywhere in the gap between their amounts (right-aligned amounts put it off the
    heading's middle), and the heading still heads both (it was read as Sebelum's own label,
    Sesudah left without a role and the document rejected: html dev seed 45). A label of
    one column that an edge cuts near its end, its middle nearer its column's centre, stays
    that column's."""
    columns = StreamColumns(
        edges=(10.0, 70.0, 250.0, 330.0, 420.0, 500.0), page_width=595.0, header=()
    )
    sub_labels = line_of(70, ("No", 20), ("Program", 80), ("Satuan", 260), ("Sebelum", 360),
                         ("Sesudah", 440))  # fmt: skip
    heading = _lines(line_of(60, ("Pagu (Rp)", 392)) + sub_labels)  # edge 420 in its last third
    assert _header_texts(heading, columns)[3:] == ["Pagu (Rp) | Sebelum", "Pagu (Rp) | Sesudah"]
    own = _lines(line_of(60, ("Kebutuhan Dana", 366)) + sub_labels)  # middle at 394
    assert _header_texts(own, columns)[3:] == ["Kebutuhan Dana Sebelum", "Sesudah"]
    # Columns narrower than the heading: "Target", centred on their edge, reaches over one
    # of their centres, and heads both all the same (html held-out seed 1354: read as the
    # second column's own label, the first column's targets lost).
    narrow = StreamColumns(
        edges=(10.0, 70.0, 250.0, 300.0, 332.0, 361.0, 420.0), page_width=595.0, header=()
    )
    labels = line_of(70, ("No", 20), ("Program", 80), ("Satuan", 260), ("Sebel", 312),
                     ("Sesud", 340), ("Lokasi", 370))  # fmt: skip
    target = _lines(line_of(60, ("Target", 326)) + labels)  # over 346.5, middle 338
    assert _header_texts(target, narrow)[3:5] == ["Target | Sebel", "Target | Sesud"]


def test_a_tall_ruled_row_does_not_end_the_body() -> None:
    """A sheet printed with horizontal rules only gives a row far more height than its text:
    the gap under a row passed the body's end (a pitch's four times and 30 pt), and the rest
    of the table was lost (xlsx dev seed 212, status suspect). A gap with a row rule in it,
    and a rule under the line after it, is inside the table; a footnote under the table's
    last rule has no rule under it."""
    rows = [line_of(100 + 10 * i, ("x", X[1]), ("1.000", X[4])) for i in range(4)]
    tall = line_of(100 + 30 + 8 + 45, ("y", X[1]), ("2.000", X[4]))  # 45 pt under the rows
    lines = _lines([w for r in rows for w in r] + tall)
    assert len(_body_lines(lines)) == 4
    assert len(_body_lines(lines, rules=(99.0, 182.5, 192.0))) == 5
    assert len(_body_lines(lines, rules=(99.0, 182.5))) == 4  # a note under the last rule


def test_a_tall_row_of_a_sheet_without_rules_does_not_end_the_body() -> None:
    """A sheet without borders sets a row taller than its text: the gap under it passed the
    body's end, and the rows after it were lost (a Renja Perubahan whose rows stood 30 pt
    apart). A line after the gap with figures in two of the columns where the body has
    figures is a row, and so is one with a figure in one of them and words in three columns;
    a footnote or a signature after the same gap is not."""
    columns = StreamColumns(
        edges=(10.0, 70.0, 250.0, 390.0, 470.0, 560.0), page_width=595.0, header=()
    )
    rows = [line_of(100 + 10 * i, ("x", X[1]), ("12", X[3]), ("1.000", X[4])) for i in range(4)]
    body = [w for r in rows for w in r]
    row = line_of(100 + 30 + 8 + 45, ("I.2", X[0]), ("y", X[1]), ("40", X[3]), ("2.000", X[4]))
    assert len(_body_lines(_lines(body + row))) == 4  # no columns known: the gap ends it
    assert len(_body_lines(_lines(body + row), columns=columns)) == 5
    one = line_of(100 + 30 + 8 + 45, ("Jumlah", X[1]), ("2.000", X[4]))  # one figure only
    assert len(_body_lines(_lines(body + one), columns=columns)) == 4
    nip = line_of(100 + 30 + 8 + 45, ("NIP. 19700101 199003 1 005", X[3]))
    assert len(_body_lines(_lines(body + nip), columns=columns)) == 4
    # another indicator of the row above, its next year's target left empty on that row (an
    # Excel export, xlsx seed 3529: a page's body ended after its first row): one figure where
    # the body has figures, and words in three columns
    more = line_of(100 + 30 + 8 + 45, ("Jumlah", X[1]), ("Orang", X[2]), ("7", X[3]))
    assert len(_body_lines(_lines(body + more), columns=columns)) == 5


def test_a_column_edge_does_not_cut_a_label_of_the_lowest_header_line() -> None:
    """ "Target" over Sebelum | Sesudah, values in narrow columns leave a wide gap; the edge
    went to where the second column's values start, through "Sesudah", which then read as
    Sebelum's (docx held-out seed 1193, suspect). It goes to the gap between the two labels,
    as near as it can to where it was, and stays where no such place crosses no value."""
    values = [
        {"x0": 310.0, "x1": 318.0}, {"x0": 304.0, "x1": 324.0},  # Sebelum's, centred
        {"x0": 344.0, "x1": 352.0}, {"x0": 344.0, "x1": 364.0},  # Sesudah's, from the left
    ]  # fmt: skip
    labels = [{"x0": 300.0, "x1": 328.0}, {"x0": 340.0, "x1": 368.0}]
    aligned = ({344}, set())
    assert _boundary(314.0, 354.0, values, 346.0, aligned) == 344.0  # through "Sesudah"
    assert _boundary(314.0, 354.0, values, 346.0, aligned, labels=labels) == 340.0
    assert _boundary(314.0, 354.0, values, 332.0, aligned, labels=labels) == 332.0
    wide = [*values, {"x0": 326.0, "x1": 342.0}]  # a value over the labels' gap
    unlabelled = _boundary(314.0, 354.0, wide, 346.0, aligned)
    assert _boundary(314.0, 354.0, wide, 346.0, aligned, labels=labels) == unlabelled == 343.0


def test_a_year_column_between_two_headings_takes_the_nearer_printed_one() -> None:
    """2021 between "Realisasi | 2020" and "Proyeksi 2022": both one column off, both with
    years running on; the heading printed nearer to the column heads it (Proyeksi, centred
    over 2021 to 2023), not the first one found."""
    parts = [["Realisasi", "2020"], ["2021"], ["Proyeksi 2022"]]
    _share_group_headings(parts, [650.0, 712.0, 754.0], [(635.0, 664.0), None, (741.0, 768.0)])
    assert parts[1] == ["Proyeksi", "2021"]
    near_first = [["Realisasi", "2020"], ["2021"], ["Proyeksi 2022"]]
    _share_group_headings(near_first, [650.0, 712.0, 754.0], [(660.0, 700.0), None, (741.0, 768.0)])
    assert near_first[1] == ["Realisasi", "2021"]


def test_first_lines_of_two_wrapped_labels_set_one_space_apart_are_two_labels() -> None:
    """A sheet wraps ``Target Capaian Kinerja`` and ``Kebutuhan Dana/Pagu Indikatif (Rp)`` in
    narrow cells, each line centred: the first lines stand one space apart, as one phrase
    over two columns, and were read as a heading over both (xlsx held-out seeds 1257, 1294,
    rejected: no pagu column). Each part stands centred over the next line of its own label:
    two labels. A heading over the two, even one whose words happen to stand over each
    label, has its labels lines below, not on its next line."""
    columns = StreamColumns(edges=(500.0, 560.0, 640.0, 700.0), page_width=842.0, header=())
    first = _lines(line_of(100, ("Target Capaian Kebutuhan Dana/Pagu", 505.0)))[0]
    # "Target Capaian" 505-561, "Kebutuhan Dana/Pagu" 565-641: their next lines centred under
    rest = _lines(line_of(108, ("Kinerja", 519.0), ("Indikatif (Rp)", 575.0)))
    parts = _split_at_edges(first.words, columns, rest)
    assert [" ".join(w["text"] for w in p) for p in parts] == [
        "Target Capaian",
        "Kebutuhan Dana/Pagu",
    ]
    far = _lines(line_of(130, ("Kinerja", 519.0), ("Indikatif (Rp)", 575.0)))  # lines below
    assert _split_at_edges(first.words, columns, far) == [first.words]
    off = _lines(line_of(108, ("Kinerja", 540.0), ("Indikatif (Rp)", 560.0)))  # not under each
    assert _split_at_edges(first.words, columns, off) == [first.words]


def test_labels_of_two_columns_set_close_give_two_column_centres() -> None:
    """A header without a number row: ``Target`` / ``Capaian`` / ``Kinerja`` wrapped in a
    narrow cell, ``Kebutuhan Dana (Rp)`` on one line beside it, ``Capaian`` 4 pt from
    ``Kebutuhan`` where the words of a label stand 2 pt apart: one phrase, and ``Target``
    over it merged the two into one column (xlsx held-out seed 1206, suspect: the prakiraan
    maju amounts lost). A gap much wider than the phrase's others parts two labels."""

    def at(text: str, x0: float, top: float) -> dict[str, Any]:
        return {**word(text, x0, top), "x1": x0 + CHAR * len(text)}

    header = _lines(
        [at("Target", 713.0, 100)]
        + [at("Capaian", 706.0, 110), at("Kebutuhan", 738.0, 110), at("Dana", 776.0, 110),
           at("(Rp)", 794.0, 110)]
        + [at("Kinerja", 708.0, 120)]
    )  # fmt: skip
    centres = _label_centres(header)
    assert len(centres) == 2
    assert abs(centres[0] - 720.0) < 3 and abs(centres[1] - 773.0) < 3


def test_a_page_number_in_a_column_gap_does_not_move_the_column_edge() -> None:
    """A folio centred on the page ("Halaman 3") stood over the narrow gap between the
    indicators and the lokasi, whose short values end left of their column's centre: the
    edge went beside the lokasi values, which then read as the end of each indicator
    (reportlab held-out seed 1345, read wrong with status ok). The body ends at the folio,
    and so do the words that place the column edges."""
    x = (20.0, 80.0, 260.0, 400.0, 480.0)  # no, name, indicator, lokasi, pagu
    numbers = ((20.0, "(1)"), (80.0, "(2)"), (260.0, "(3)"), (414.0, "(4)"), (480.0, "(5)"))
    header = [
        *line_of(80, ("No", x[0]), ("Program/Kegiatan", x[1]), ("Indikator Kinerja", x[2]),
                 ("Lokasi", 408.0), ("Pagu (Rp)", x[4])),
        *line_of(90, *((text, at) for at, text in numbers)),
    ]  # fmt: skip
    body = [
        *line_of(105, ("I.1", x[0]), ("Kegiatan B", x[1]),
                 ("Jumlah dokumen perencanaan yang", x[2]), ("Kab", x[3]), ("700.000", x[4])),
        *line_of(115, ("I.2", x[0]), ("Kegiatan C", x[1]), ("Persentase", x[2]), ("Kota", x[3]),
                 ("300.000", x[4])),
    ]  # fmt: skip
    folio = line_of(140, ("Halaman 3", 380.0))
    tables, _ = stream_tables(_Page(header + body + folio), 3, key_columns=lambda texts: {0})
    (table,) = tables
    assert table.grid[2:] == [
        ["I.1", "Kegiatan B", "Jumlah dokumen perencanaan yang", "Kab", "700.000"],
        ["I.2", "Kegiatan C", "Persentase", "Kota", "300.000"],
    ]


def test_a_letter_spaced_year_is_the_columns_own() -> None:
    """A letter-spaced heading splits its year into glyph groups ("2 0 23"): the prakiraan
    maju columns under it have a year of their own, and do not take the nearest printed one
    ("Rencana Tahun 2022", read as the plan year: reportlab held-out seed 1473, amounts of
    the next year lost)."""
    columns = StreamColumns(
        edges=(10.0, 70.0, 130.0, 190.0, 250.0, 310.0, 370.0), page_width=595.0, header=()
    )
    heading = _lines(
        line_of(50, ("Rencana Tahun 2022", 150), ("Prakiraan Maju Tahun 2 0 23", 262))
        + line_of(60, ("No", 20), ("Program", 80), ("Target", 150), ("Pagu", 212),
                  ("Target", 270), ("Pagu", 332))
    )  # fmt: skip
    texts = _header_texts(heading, columns)
    assert texts[2:4] == ["Rencana Tahun 2022 | Target", "Rencana Tahun 2022 | Pagu"]
    assert texts[4:] == [
        "Prakiraan Maju Tahun 2 0 23 | Target",
        "Prakiraan Maju Tahun 2 0 23 | Pagu",
    ]


# A node's indicators one under another in one cell, targets so beside them, no rules: the
# columns number, name, indicator, target, pagu, by their headers.
STACKED = StreamColumns(
    edges=(10.0, 70.0, 250.0, 390.0, 470.0, 560.0), page_width=595.0,
    header=("No", "Sub Kegiatan", "Indikator Kinerja", "Target", "Pagu Indikatif"),
)  # fmt: skip


def parted(lines: list[Any]) -> list[list[str]]:
    """The rows of ``lines`` as the reader parts them (``_rows``), then put back together
    where the indicator column says they are one cell's lines (``_stacked_rows``)."""
    by_figures: list[bool] = []
    rows = _rows(lines, STACKED, {0}, by_figures=by_figures)
    widths = _text_width(lines, STACKED, _reach(lines, STACKED))
    return [texts(r) for r in _stacked_rows(rows, by_figures, STACKED, [2], widths, {0})]


def test_rows_a_target_parted_inside_one_cell_of_indicators_are_one_again() -> None:
    """The first indicator wraps ("Menular"), so the second target stands beside its second
    line and the third beside the second indicator: parted at each target, indicators and
    targets paired wrongly (status ok). "Menular" follows a full line and opens as no node's
    indicator does, and "Jumlah Laporan" starts a paragraph inside a row: one row again."""
    lines = _lines(
        line_of(100, ("1", X[0]), ("Sub A", X[1]), ("Jumlah Orang Difasilitasi", X[2]),
                ("225", X[3]), ("14.700.000", X[4]))
        + line_of(109, ("Menular", X[2]), ("7", X[3]))
        + line_of(118, ("Jumlah Dokumen", X[2]), ("10", X[3]))
        + line_of(127, ("Jumlah Laporan", X[2]))
        + line_of(140, ("2", X[0]), ("Sub B", X[1]), ("Jumlah Unit", X[2]), ("4", X[3]),
                  ("1.000.000", X[4]))
    )  # fmt: skip
    assert parted(lines) == [
        ["1 Sub A Jumlah Orang Difasilitasi 225 14.700.000", "Menular 7", "Jumlah Dokumen 10",
         "Jumlah Laporan"],
        ["2 Sub B Jumlah Unit 4 1.000.000"],
    ]  # fmt: skip


def test_indicator_rows_that_open_as_indicators_do_stay_apart() -> None:
    """A node's indicators a row each, set as close as a cell's lines: each row opens with
    its target and a line that opens as the nodes' indicators do, and no line inside a row
    could have started one."""
    lines = _lines(
        line_of(100, ("1", X[0]), ("Sub A", X[1]), ("Jumlah Orang Difasilitasi", X[2]),
                ("225", X[3]), ("14.700.000", X[4]))
        + line_of(109, ("Daerah Terpencil Sekali", X[2]))
        + line_of(118, ("Jumlah Dokumen", X[2]), ("10", X[3]))
        + line_of(127, ("Jumlah Laporan", X[2]), ("7", X[3]))
    )  # fmt: skip
    assert parted(lines) == [
        ["1 Sub A Jumlah Orang Difasilitasi 225 14.700.000", "Daerah Terpencil Sekali"],
        ["Jumlah Dokumen 10"],
        ["Jumlah Laporan 7"],
    ]


def test_rows_parted_inside_a_target_cell_are_one_again() -> None:
    """A next target wrapped under its number ("22" / "Dokumen"): the row a target started
    beside "Dokumen" opens with the rest of a value of the row above, so the rows were
    parted inside the cells."""
    lines = _lines(
        line_of(100, ("1", X[0]), ("Sub A", X[1]), ("Jumlah Dokumen", X[2]), ("22", X[3]),
                ("14.700.000", X[4]))
        + line_of(109, ("Jumlah Unit", X[2]), ("Dokumen", X[3]))
        + line_of(118, ("Jumlah Laporan", X[2]), ("205 unit", X[3]))
    )  # fmt: skip
    rows = parted(lines)
    assert len(rows) == 1


def test_rows_parted_where_a_target_stands_below_its_rows_first_line_are_one_again() -> None:
    """The next year's target of the first indicator left empty: the second's stands one line
    down in its cell, beside the first indicator's wrapped line, in the row its plan target
    started. Cells are set at the top of their row, so the rows were parted inside a cell."""
    columns = StreamColumns(
        edges=(10.0, 70.0, 250.0, 390.0, 430.0, 470.0, 560.0), page_width=595.0,
        header=("No", "Sub Kegiatan", "Indikator Kinerja", "Target", "Target", "Pagu"),
    )  # fmt: skip
    lines = _lines(
        line_of(100, ("1", X[0]), ("Sub A", X[1]), ("Jumlah Dokumen Perencanaan", X[2]),
                ("225", 400.0), ("14.700.000", 480.0))
        + line_of(109, ("Jumlah Orang Difasilitasi", X[2]), ("7", 400.0))
        + line_of(118, ("Anggaran", X[2]), ("30", 440.0))
    )  # fmt: skip
    by_figures: list[bool] = []
    rows = _rows(lines, columns, {0}, by_figures=by_figures)
    assert [len(r) for r in rows] == [1, 2]  # parted at the second plan target
    widths = _text_width(lines, columns, _reach(lines, columns))
    assert len(_stacked_rows(rows, by_figures, columns, [2], widths, {0})) == 1


def test_a_row_a_target_started_on_tingkat_before_a_level_is_one_with_the_row_above() -> None:
    """``Tingkat Kecamatan`` ("at the level of the kecamatan") runs on the indicator before
    it, where ``Tingkat Kepuasan`` may open one: a target beside the first started a row on a
    wrapped line (html 1068, status ok: the indicators went out with each other's words)."""

    def read(second: str) -> list[list[str]]:
        return parted(
            _lines(
                line_of(100, ("1", X[0]), ("Sub A", X[1]),
                        ("Jumlah Unit Administrasi Kepegawaian", X[2]), ("24", X[3]),
                        ("14.700.000", X[4]))
                + line_of(109, (second, X[2]), ("484", X[3]))
            )
        )  # fmt: skip

    assert read("Tingkat Kecamatan") == [
        ["1 Sub A Jumlah Unit Administrasi Kepegawaian 24 14.700.000", "Tingkat Kecamatan 484"]
    ]
    assert len(read("Tingkat Kepuasan")) == 2
    # only a shared head continues a phrase so: ``Persentase Desa ...`` may open an indicator
    assert len(read("Persentase Desa")) == 2


def test_a_target_with_no_indicator_beside_it_is_one_with_the_row_above() -> None:
    """At a page's top, the rest of a value the page before printed (``Dokumen``) beside the
    next indicator, whose target wrapped a line lower: parted at that target, it stood in a
    row with nothing in the indicator or name columns, and went out as an indicator without
    a name while the one above took the next one's text (docx 1192, status ok). A target
    stands beside its indicator's text: alone, it is one with the row above."""
    lines = _lines(
        line_of(100, ("Tingkat Barang Milik Daerah", X[2]), ("Dokumen", X[3]))
        + line_of(109, ("88,13 %", X[3]))
    )  # fmt: skip
    assert parted(lines) == [["Tingkat Barang Milik Daerah Dokumen", "88,13 %"]]


# A table whose levels show by style alone: name, indicator, target, pagu; no code, no number.
STYLED = StreamColumns(
    edges=(70.0, 250.0, 390.0, 470.0, 560.0), page_width=595.0,
    header=("Sub Kegiatan", "Indikator Kinerja", "Target", "Pagu Indikatif"),
)  # fmt: skip


def carried(lines: list[Any]) -> list[list[str]]:
    """The rows of ``lines`` with the rest of a name moved up to it (``_names_carried``)."""
    by_figures: list[bool] = []
    rows = _rows(lines, STYLED, set(), by_figures=by_figures)
    widths = _text_width(lines, STYLED, _reach(lines, STYLED))
    return [texts(r) for r in _names_carried(rows, by_figures, STYLED, frozenset({0}), widths)]


def test_the_rest_of_a_name_beside_a_further_indicator_finishes_the_name() -> None:
    """A name wraps beside the node's second indicator, whose target starts a row: with no
    code nor number, that row's "Kabupaten/Kota" read as a sub kegiatan of its own (docx
    908, status ok). It states no amount, starts where the name starts and could not have
    fitted on the full line above: the name's rest. The next node's row, with its amount,
    keeps its name."""
    lines = _lines(
        line_of(100, ("Pendataan Pendidikan Anak Usia Dini", 80), ("Jumlah Kegiatan", 260),
                ("14", 400), ("38.882.000", 480))
        + line_of(109, ("Kabupaten/Kota", 80), ("Cakupan Sekolah", 260), ("12", 400))
        + line_of(118, ("Jumlah Dokumen", 260), ("10", 400))
        + line_of(127, ("Verifikasi Pelayanan", 80), ("Jumlah Unit", 260), ("345", 400),
                  ("490.000.000", 480))
    )  # fmt: skip
    assert carried(lines) == [
        ["Pendataan Pendidikan Anak Usia Dini Jumlah Kegiatan 14 38.882.000", "Kabupaten/Kota"],
        ["Cakupan Sekolah 12"],
        ["Jumlah Dokumen 10"],
        ["Verifikasi Pelayanan Jumlah Unit 345 490.000.000"],
    ]


@pytest.mark.parametrize(
    ("name", "bold", "x"),
    [
        ("Pendataan", False, 80.0),  # "Kabupaten/Kota" would have fitted: a paragraph's start
        ("Pendataan Pendidikan Anak Usia Dini", True, 80.0),  # a plain line under a bold one
        ("Pendataan Pendidikan Anak Usia Dini", False, 90.0),  # set in from the name's start
    ],
)
def test_a_name_line_that_cannot_be_the_rest_of_the_name_above_stays(
    name: str, bold: bool, x: float
) -> None:
    lines = _lines(
        line_of(100, (name, x), bold=bold)
        + line_of(100, ("Jumlah Kegiatan", 260), ("14", 400), ("38.882.000", 480))
        + line_of(109, ("Kabupaten/Kota", 80), ("Cakupan Sekolah", 260), ("12", 400))
        + line_of(127, ("Verifikasi Pelayanan Publik Tingkat Daerah", 80), ("Jumlah Unit", 260),
                  ("345", 400), ("490.000.000", 480))
    )  # fmt: skip
    rows = carried(lines)
    assert rows[1] == ["Kabupaten/Kota Cakupan Sekolah 12"]


def test_in_a_table_without_codes_the_rows_with_amounts_say_how_indicators_open() -> None:
    """With no code nor number, the rows of nodes are those stating an amount: their
    indicators open with "Jumlah", so "Terpadu ...", opening a row a target started after a
    full line, is the wrapped end of the indicator above (html 795, paired wrongly with status ok
    while no row told how indicators open)."""
    lines = _lines(
        line_of(100, ("Sub A", 80), ("Jumlah Bulan Pelayanan Secara", 260), ("309", 400),
                ("14.700.000", 480))
        + line_of(109, ("Terpadu Sekali Dalam Setahun", 260), ("124", 400))
        + line_of(118, ("Jumlah Paket Daerah", 260))
        + line_of(140, ("Sub B", 80), ("Jumlah Unit", 260), ("4", 400), ("1.000.000", 480))
    )  # fmt: skip
    by_figures: list[bool] = []
    rows = _rows(lines, STYLED, set(), by_figures=by_figures)
    assert len(rows) == 3  # parted at each target
    widths = _text_width(lines, STYLED, _reach(lines, STYLED))
    joined = _stacked_rows(rows, by_figures, STYLED, [1], widths, set())
    assert [texts(r) for r in joined] == [
        ["Sub A Jumlah Bulan Pelayanan Secara 309 14.700.000",
         "Terpadu Sekali Dalam Setahun 124", "Jumlah Paket Daerah"],
        ["Sub B Jumlah Unit 4 1.000.000"],
    ]  # fmt: skip


def test_a_row_stating_an_amount_is_never_put_back_into_the_row_above() -> None:
    """Rows set as close as a cell's lines, no code nor number: the first node's indicator
    wraps ("Pelaporan", after "&") beside its second target, so those two rows are one again;
    the next nodes' rows state their amounts on their first lines and stay apart (html 781,
    three sub kegiatan read as one)."""
    lines = _lines(
        line_of(100, ("Sub A", 80), ("Jumlah Lembaga Informasi &", 260), ("2.374", 400),
                ("103.000.000", 480))
        + line_of(109, ("Pelaporan", 260), ("24", 400))
        + line_of(118, ("Jumlah Orang Difasilitasi", 260))
        + line_of(127, ("Sub B", 80), ("Jumlah Dokumen", 260), ("4", 400), ("12.000.000", 480))
        + line_of(136, ("Sub C", 80), ("Jumlah Paket", 260), ("20", 400), ("72.200.000", 480))
    )  # fmt: skip
    by_figures: list[bool] = []
    rows = _rows(lines, STYLED, set(), by_figures=by_figures)
    assert by_figures == [False, True, True, True]  # figures alone parted them
    widths = _text_width(lines, STYLED, _reach(lines, STYLED))
    joined = _stacked_rows(rows, by_figures, STYLED, [1], widths, set())
    assert [texts(r) for r in joined] == [
        ["Sub A Jumlah Lembaga Informasi & 2.374 103.000.000", "Pelaporan 24",
         "Jumlah Orang Difasilitasi"],
        ["Sub B Jumlah Dokumen 4 12.000.000"],
        ["Sub C Jumlah Paket 20 72.200.000"],
    ]  # fmt: skip


def test_in_a_table_ruling_every_nodes_row_a_row_figures_parted_is_one_with_the_row_above() -> None:
    """Rules between rows, one over each node's row: a target that figures alone parted
    stands under no rule, inside the row above, though the line beside it (``Tingkat
    Mutu`` after a full line, a word indicators may open with) does not tell (html 779:
    the first indicator's end went out as the start of the second, status ok). Where the
    rules stand over some nodes' rows only (a group's), the lines say: here they keep apart;
    ``Tingkat Kecamatan`` ("at the level of") would run on."""
    for second, grouped in (("Tingkat Mutu", [1, 1, 1, 1]), ("Tingkat Kecamatan", [2, 1, 1])):
        lines = _lines(
            line_of(100, ("Sub A", 80), ("Jumlah Paket Rapat Konsultasi", 260), ("265", 400),
                    ("1.244.492.000", 480))
            + line_of(109, (second, 260), ("10", 400))
            + line_of(122, ("Sub B", 80), ("Jumlah Dokumen", 260), ("4", 400),
                      ("12.000.000", 480))
            + line_of(135, ("Sub C", 80), ("Jumlah Paket", 260), ("20", 400),
                      ("72.200.000", 480))
        )  # fmt: skip
        widths = _text_width(lines, STYLED, _reach(lines, STYLED))
        for rules, sizes in (((98.0, 120.0, 133.0, 145.0), [2, 1, 1]), ((98.0, 133.0), grouped)):
            by_figures: list[bool] = []
            rows = _rows(lines, STYLED, set(), rules=rules, by_figures=by_figures)
            assert by_figures[1]  # figures alone parted the second row
            joined = _stacked_rows(rows, by_figures, STYLED, [1], widths, set(), rules)
            assert [len(r) for r in joined] == sizes


@pytest.mark.parametrize(
    "opening",
    ["Cilegon, 14 Januari 2022", "Kota Serang,      Pebruari 2023", "Mengetahui,",
     "a.n. KEPALA DINAS PENDIDIKAN", "Plt. KEPALA BADAN PERENCANAAN", "CAMAT CIPOCOK JAYA",
     "DIREKTUR RSUD dr. DRADJAT", "NIP. 19680512 199203 1 007", "Ditetapkan di : Serang",
     "Demikian Rencana Kerja ini disusun", "*) usulan baru"],
)  # fmt: skip
def test_a_table_without_rules_ends_at_its_sign_off(opening: str) -> None:
    """The closing words and signature block under the last table are no row: a line that
    opens them a gap below the table ends it, and what follows with it."""
    rows = [line_of(100, ("1.02.01", 20), ("Penyediaan Gaji", 80), ("1.250.000", 400)),
            line_of(112, ("1.02.02", 20), ("Kepala Dinas dan Staf", 80), ("3.000.000", 400)),
            line_of(136, (opening, 300)),
            line_of(148, ("19680512 199203 1 007", 300))]  # fmt: skip
    lines = _lines([w for row in rows for w in row])
    assert texts(_before_sign_off(lines, 0)) == texts(lines[:2])


def test_a_date_left_to_write_goes_with_the_sign_off() -> None:
    """ "Serang," and "2021" on lines of their own over the office, the day and month left to
    be written in by hand (the seed's Renja is signed so): the sign-off starts at the place."""
    rows = [line_of(100, ("1.02.01", 20), ("Penyediaan Gaji", 80), ("1.250.000", 400)),
            line_of(124, ("Serang,", 300)), line_of(136, ("2021", 320)),
            line_of(150, ("Kepala Dinas", 300)), line_of(162, ("Tenaga Kerja", 300))]  # fmt: skip
    lines = _lines([w for row in rows for w in row])
    assert texts(_before_sign_off(lines, 0)) == texts(lines[:1])


@pytest.mark.parametrize("note", ["Sumber: Hasil Analisis, 2022", "Keterangan: angka sementara"])
def test_a_note_close_under_a_table_without_rules_ends_it(note: str) -> None:
    """A note under the table (its source, a remark) ends it, however close it stands."""
    rows = [line_of(100, ("1.02.01", 20), ("Penyediaan Gaji", 80), ("1.250.000", 400)),
            line_of(109, (note, 20))]  # fmt: skip
    lines = _lines([w for row in rows for w in row])
    assert texts(_before_sign_off(lines, 0)) == texts(lines[:1])


@pytest.mark.parametrize("wrapped", ["Kepala Dinas dan Staf", "*)"])
def test_a_cells_line_that_starts_like_a_sign_off_is_no_sign_off(wrapped: str) -> None:
    """A name's wrapped line that opens like a signer's office, or its mark wrapped alone,
    follows its line closer than half a line: the table goes on."""
    rows = [line_of(100, ("1.02.01", 20), ("Fasilitasi Koordinasi oleh", 80), ("1.250.000", 400)),
            line_of(109, (wrapped, 80)),
            line_of(124, ("1.02.02", 20), ("Penyediaan Gaji", 80), ("3.000.000", 400))]  # fmt: skip
    lines = _lines([w for row in rows for w in row])
    assert len(_before_sign_off(lines, 0)) == 3


def test_a_currency_sign_at_a_cells_left_edge_goes_with_its_amount() -> None:
    """Excel's accounting format prints "Rp" at the left edge of an amount's cell and the
    number at its right; the widest gap of the line, between the two, drew the column edge,
    and the sign went into the target on its left (a unit ``% Rp``, status ``ok``). Where most
    of a column's amounts are so preceded, each sign goes with its amount."""
    columns = StreamColumns(edges=(10.0, 200.0, 330.0, 500.0), page_width=595.0, header=())
    rows = [
        line_of(100, ("Penyediaan Gaji", 20), ("33 %", 210), ("Rp", 300), ("1,250,000", 420)),
        line_of(112, ("Pengadaan Alat", 20), ("12 unit", 210), ("Rp", 300), ("98,000", 440)),
    ]
    lines = _lines([w for row in rows for w in row])
    _settle_currency(lines, columns)
    signs = [w for line in lines for w in line.words if w["text"] == "Rp"]
    assert [columns.column_of_word(w) for w in signs] == [2, 2]


def test_a_targets_unit_rp_beside_an_amount_now_and_then_stays() -> None:
    """A target counted in rupiah prints its unit "Rp" in its own cell; beside an amount in a
    row or two of many, it is the target's."""
    columns = StreamColumns(edges=(10.0, 200.0, 330.0, 500.0), page_width=595.0, header=())
    rows = [line_of(100 + 12 * i, ("Penyediaan Gaji", 20), ("33 %", 210), ("1,250,000", 420))
            for i in range(4)]  # fmt: skip
    rows.append(line_of(148, ("Nilai Investasi", 20), ("5 Rp", 280), ("98,000", 440)))
    lines = _lines([w for row in rows for w in row])
    _settle_currency(lines, columns)
    [sign] = [w for line in lines for w in line.words if w["text"] == "Rp"]
    assert columns.column_of_word(sign) == 1


def _glued(text: str, x0: float, top: float, first: int) -> dict[str, Any]:
    """A word as ``_page_words`` gives one holding a small letter before a capital: its
    glyphs' left edges and its run of the page's characters."""
    placed = word(text, x0, top)
    placed["starts"] = tuple(x0 + CHAR * i for i in range(len(text)))
    placed["run"] = (first, first + len(text) - 1, True)
    return placed


def test_two_cells_drawn_with_no_gap_are_parted_at_the_column_edge() -> None:
    """A sheet's cell clipped at its edge (wrap off) against the next cell's text: the
    glyphs of ``Kependidikan`` and ``Jumlah`` touch, one word across the edge. It is parted
    where the capital starts, at the edge; a capital inside a cell (``iBangga``), or where no
    edge falls, leaves the word whole."""
    columns = StreamColumns(edges=(10.0, 148.0, 330.0), page_width=595.0, header=())
    glued = _glued("KependidikanJumlah", 100.0, 100.0, 40)  # "J" starts at 148
    inside = _glued("iBangga", 20.0, 112.0, 80)
    lines = _lines([glued, word("Orang", 224.0, 100.0), inside])
    _split_at_edges_glued(lines, columns)
    assert texts(lines) == ["Kependidikan Jumlah Orang", "iBangga"]
    left, right = lines[0].words[:2]
    assert columns.column_of_word(left) == 0 and columns.column_of_word(right) == 1
    off_edge = _lines([_glued("KependidikanJumlah", 60.0, 100.0, 40)])  # "J" at 108
    _split_at_edges_glued(off_edge, columns)
    assert texts(off_edge) == ["KependidikanJumlah"]


def test_a_name_that_runs_up_to_the_next_columns_text_is_a_cut_candidate() -> None:
    """Without rules, a name or indicator nearer the next column's text than a space fills its
    cell to the edge, as a sheet printed with wrap off leaves a text it cut there; a text a
    space or more away from the next is none, nor is a text of a column of another role."""
    columns = StreamColumns(
        edges=(10.0, 148.0, 330.0, 400.0), page_width=595.0,
        header=("Program/Kegiatan", "Indikator Kinerja", "Target"),
    )  # fmt: skip
    cut = word("Perangkat Da", 148.0 - CHAR * 12 - 0.5, 100.0)
    lines = _lines(
        [word("Sarana", 20.0, 100.0), cut, word("Jumlah", 148.5, 100.0), word("12", 380.0, 100.0),
         word("Gaji", 20.0, 120.0), word("Jumlah", 160.0, 120.0)]
    )  # fmt: skip
    assert _touching(lines, columns) == ["Sarana Perangkat Da"]


def test_a_text_cell_that_starts_below_its_rows_first_line_tells_a_table_set_off_the_top() -> None:
    """Read from the top, a row of a table set at the foot holds the last line of its own
    cells and the first lines of the next row's: the next row's location, empty on the row's
    first line (a kegiatan has none), prints below it. A table set at the top starts every
    cell on its row's first line."""
    columns = StreamColumns(
        edges=(10.0, 30.0, 148.0, 330.0, 400.0, 470.0), page_width=595.0,
        header=("No", "Program/Kegiatan", "Indikator Kinerja", "Lokasi", "Target"),
    )  # fmt: skip
    top = [
        _lines([word("6", 12.0, 100.0), word("Perencanaan", 40.0, 100.0),
                word("Jumlah", 150.0, 100.0), word("12", 440.0, 100.0),
                word("Rapat", 40.0, 109.0), word("Orang", 150.0, 109.0),
                word("Koordinasi", 40.0, 118.0)])
    ]  # fmt: skip
    assert not _starts_late(top, columns)
    foot = [
        _lines([word("6", 12.0, 100.0), word("Perencanaan", 40.0, 100.0),
                word("Listrik", 150.0, 100.0), word("12", 440.0, 100.0),
                word("Monitoring", 40.0, 109.0), word("Kota", 340.0, 109.0)])
    ]  # fmt: skip
    assert _starts_late(foot, columns)


def test_an_indicator_whose_target_stands_below_its_first_line_tells_a_table_set_low() -> None:
    """A sheet set at the foot of its rows, rows parted by a gap: a row opens with its
    indicator's first line, and its code and target stand beside the indicator's last line.
    A table set at the top prints the target on the indicator's first line; a page's first
    block (the rest of a row a page break cut) tells nothing."""
    columns = StreamColumns(
        edges=(10.0, 70.0, 148.0, 330.0, 400.0), page_width=595.0,
        header=("Kode", "Program/Kegiatan", "Indikator Kinerja", "Target"),
    )  # fmt: skip
    above = [word("1.01.01.2.01", 12.0, 80.0), word("Rapat", 75.0, 80.0),
             word("Jumlah", 150.0, 80.0), word("12", 380.0, 80.0)]  # fmt: skip
    low = [word("Jumlah", 150.0, 100.0),
           word("1.01.01.2.02", 12.0, 109.0), word("Gaji", 75.0, 109.0),
           word("Daerah", 150.0, 109.0), word("3", 380.0, 109.0)]  # fmt: skip
    keys = {0}
    assert _target_below_indicator(_lines(above + low), columns, keys)
    assert not _target_below_indicator(_lines(low), columns, keys)  # the page's first block
    top = [
        word("1.01.01.2.02", 12.0, 100.0),
        word("Gaji", 75.0, 100.0),
        word("Jumlah", 150.0, 100.0),
        word("3", 380.0, 100.0),
        word("Daerah", 150.0, 109.0),
    ]
    assert not _target_below_indicator(_lines(above + top), columns, keys)


def _foot_set() -> list[Any]:
    """Two sub kegiatan set at the foot of their rows, no gap nor rule between rows: each
    row's number, target and amount beside its name's and indicator's last lines."""
    return _lines(
        line_of(100, ("Penyediaan Gaji dan", X[1]))
        + line_of(109, ("1", X[0]), ("Tunjangan ASN", X[1]), ("Jumlah Orang", X[2]),
                  ("12", X[3]), ("1.000.000", X[4]))
        + line_of(118, ("Koordinasi Dokumen", X[1]))
        + line_of(127, ("Perencanaan Daerah", X[1]), ("Jumlah Dokumen", X[2]))
        + line_of(136, ("2", X[0]), ("Tingkat Kecamatan", X[1]), ("Perencanaan Daerah", X[2]),
                  ("5", X[3]), ("2.000.000", X[4]))
    )  # fmt: skip


def test_a_table_set_at_the_foot_is_read_from_the_foot_up() -> None:
    """Read from the top, a row set at the foot opens with the lines of its number, and the
    next row's first lines go to it; read from the foot up (``_foot_rows``: the lines turned
    upside down, grouped as a table set at the top, turned back), each row ends on its
    number's line, and every row ends level there with no cell holding two rows
    (``_set_at_foot``)."""
    lines = _foot_set()
    top = [texts(row) for row in _rows(lines, STACKED, {0})]
    assert top[0] == ["Penyediaan Gaji dan"]  # the first row's first line, a row of its own
    foot = _foot_rows(lines, STACKED, {0}, STREAM, (), frozenset({1}))
    assert foot is not None
    assert [texts(row) for row in foot] == [
        ["Penyediaan Gaji dan", "1 Tunjangan ASN Jumlah Orang 12 1.000.000"],
        ["Koordinasi Dokumen", "Perencanaan Daerah Jumlah Dokumen",
         "2 Tingkat Kecamatan Perencanaan Daerah 5 2.000.000"],
    ]  # fmt: skip
    widths = _text_width(lines, STACKED, _reach(lines, STACKED))
    assert _set_at_foot(foot, STACKED, SIZE, {0}, widths) == foot
    # rows read from the top do not end level on their numbers' lines
    assert _set_at_foot(_rows(lines, STACKED, {0}), STACKED, SIZE, {0}, widths) is None


def test_a_unit_wrapped_under_its_target_stays_with_it_read_from_the_foot_up() -> None:
    """Two further indicators' rows, each target printed with its unit in a narrow column:
    the first's unit wraps under its figure (``2.934`` / ``Paket``), beside the indicator's
    last line. Read from the foot up, that line opens no row: a figure comes first in its
    cell, so words over it in its column are the row above's (``_units_up``)."""
    lines = _lines(
        line_of(100, ("1", X[0]), ("Penyediaan Gaji", X[1]), ("Jumlah Orang", X[2]),
                ("12", X[3]), ("1.000.000", X[4]))
        + line_of(109, ("Jumlah Paket Sarana", X[2]), ("2.934", X[3]))
        + line_of(118, ("Prasarana", X[2]), ("Paket", X[3]))
        + line_of(127, ("Jumlah Bulan Pelayanan", X[2]))
        + line_of(136, ("Kelembagaan", X[2]), ("408", X[3]))
    )  # fmt: skip
    foot = _foot_rows(lines, STACKED, {0}, STREAM, (), frozenset({1}))
    assert foot is not None
    assert [texts(row) for row in foot] == [
        ["1 Penyediaan Gaji Jumlah Orang 12 1.000.000"],
        ["Jumlah Paket Sarana 2.934", "Prasarana Paket"],
        ["Jumlah Bulan Pelayanan", "Kelembagaan 408"],
    ]
    # the unit wrapped beside a figure of the next column, its own figure bare above it
    bare = _lines(
        line_of(100, ("1", X[0]), ("Penyediaan Gaji", X[1]), ("Jumlah Orang", X[2]),
                ("12", X[3]), ("1.000.000", X[4]))
        + line_of(109, ("Jumlah Laporan Tingkat", X[2]), ("198", X[3]))
        + line_of(118, ("Kecamatan", X[2]), ("Laporan", X[3]), ("10", X[4]))
        + line_of(127, ("Jumlah Bulan", X[2]), ("475", X[3]))
    )  # fmt: skip
    foot = _foot_rows(bare, STACKED, {0}, STREAM, (), frozenset({1}))
    assert foot is not None
    assert [texts(row) for row in foot][1:] == [
        ["Jumlah Laporan Tingkat 198", "Kecamatan Laporan 10"],
        ["Jumlah Bulan 475"],
    ]


def test_a_row_padded_apart_that_prints_a_line_over_its_code_is_set_off_the_top() -> None:
    """Rows padded apart by less than ``row_gap`` (a web page's cell padding, 1.5 pt), one
    row's indicator wrapped over its code's line: read from the top, that line went to the
    row above, with nothing to doubt (html 8005, status ``ok``). Lines one pitch apart, nearer
    than the rows stand, are one cell's: a row whose first line prints no code while a later
    one does is set off the top (``_set_off_the_top``), and the page is read from the foot
    up. Rows that stand as close as a cell's lines tell nothing, nor do rows of one line that
    stand taller while the rest touch."""

    def page(row: float) -> list[Any]:
        return _lines(
            line_of(100, ("1", X[0]), ("Penyediaan Gaji", X[1]), ("Jumlah Orang", X[2]),
                    ("12", X[3]), ("1.000.000", X[4]))
            + line_of(100 + row, ("2", X[0]), ("Koordinasi Dokumen", X[1]),
                      ("Jumlah Dokumen", X[2]), ("5", X[3]), ("2.000.000", X[4]))
            + line_of(100 + 2 * row, ("Jumlah Laporan Keuangan", X[2]))
            + line_of(109 + 2 * row, ("3", X[0]), ("Penatausahaan", X[1]), ("Akhir Tahun", X[2]),
                      ("7", X[3]), ("3.000.000", X[4]))
            + line_of(109 + 3 * row, ("4", X[0]), ("Pengelolaan", X[1]), ("Jumlah Unit", X[2]),
                      ("4", X[3]), ("4.000.000", X[4]))
        )  # fmt: skip

    set_off: list[bool] = []
    rows = _rows(page(11.0), STACKED, {0}, set_off=set_off)
    assert set_off == [True]
    assert texts(rows[1])[-1] == "Jumlah Laporan Keuangan"  # as read from the top
    set_off = []
    _rows(page(9.0), STACKED, {0}, set_off=set_off)
    assert set_off == [False]
    # a Word table set at the top whose rows of one line stand taller than their text (an
    # empty cell holding a larger paragraph), the rest touching: a further indicator's second
    # line stands one pitch over the next code, but the line after a code's is no further
    # where a name wraps (docx 10188)
    tall = _lines(
        line_of(100, ("1", X[0]), ("Penyediaan Gaji", X[1]), ("Jumlah Orang", X[2]),
                ("12", X[3]), ("1.000.000", X[4]))
        + line_of(111, ("2", X[0]), ("Koordinasi Dokumen", X[1]), ("Jumlah Dokumen", X[2]),
                  ("5", X[3]), ("2.000.000", X[4]))
        + line_of(120, ("Perencanaan Daerah", X[1]))
        + line_of(129, ("Jumlah Paket", X[2]), ("3", X[3]))
        + line_of(140, ("Jumlah Laporan", X[2]), ("7", X[3]))
        + line_of(149, ("Keuangan", X[2]))
        + line_of(158, ("3", X[0]), ("Penatausahaan", X[1]), ("Jumlah Unit", X[2]),
                  ("7", X[3]), ("3.000.000", X[4]))
        + line_of(169, ("4", X[0]), ("Pengelolaan", X[1]), ("Jumlah Paket", X[2]),
                  ("4", X[3]), ("4.000.000", X[4]))
        + line_of(180, ("5", X[0]), ("Pembinaan", X[1]), ("Jumlah Bulan", X[2]),
                  ("2", X[3]), ("5.000.000", X[4]))
    )  # fmt: skip
    set_off = []
    _rows(tall, STACKED, {0}, set_off=set_off)
    assert set_off == [False]


def test_indicators_listed_in_one_cell_over_a_code_stay_in_its_row() -> None:
    """A sheet set at the foot, a node's indicators listed one under another in one cell: the
    first indicator and its target stand over the node's code. Read from the foot up, they
    are a row of further indicators that may be the node above's (xlsx 9878: read so, with
    status ``ok``). The sheet pads its rows (nodes' rows 11 pt apart, a cell's lines 9):
    lines one pitch apart, and from the code's line, padded from the row above, are that
    node's row (``_listed_in_one_cell``). Rows padded apart stay rows of their own."""

    def page(listed: float) -> list[Any]:
        return _lines(
            line_of(100, ("1", X[0]), ("Penyediaan Gaji", X[1]), ("Jumlah Orang", X[2]),
                    ("12", X[3]), ("1.000.000", X[4]))
            + line_of(111, ("Jumlah Dokumen", X[2]), ("5", X[3]))
            + line_of(111 + listed, ("2", X[0]), ("Koordinasi Dokumen", X[1]),
                      ("Jumlah Laporan", X[2]), ("7", X[3]), ("2.000.000", X[4]))
            + line_of(122 + listed, ("3", X[0]), ("Penatausahaan", X[1]),
                      ("Jumlah Unit", X[2]), ("4", X[3]), ("3.000.000", X[4]))
            + line_of(133 + listed, ("4", X[0]), ("Pengelolaan", X[1]),
                      ("Jumlah Paket", X[2]), ("2", X[3]), ("4.000.000", X[4]))
        )  # fmt: skip

    lines = page(9.0)
    foot = _foot_rows(lines, STACKED, {0}, STREAM, (), frozenset({1}))
    assert foot is not None
    assert [texts(row) for row in foot][:2] == [
        ["1 Penyediaan Gaji Jumlah Orang 12 1.000.000"],
        ["Jumlah Dokumen 5", "2 Koordinasi Dokumen Jumlah Laporan 7 2.000.000"],
    ]
    one_a_row = [[line] for line in lines]
    assert _listed_in_one_cell(one_a_row, STACKED, {0}) == foot
    apart = [[line] for line in page(11.0)]
    assert _foot_rows(page(11.0), STACKED, {0}, STREAM, (), frozenset({1})) == apart
    assert _listed_in_one_cell(apart, STACKED, {0}) == apart


def test_a_table_set_at_the_middle_is_read_from_its_rows_middles() -> None:
    """Rows set at the middle that touch: each ends as far under the line of its number as
    it starts over it, so the first row's top and each row's middle give the next row's top
    (``_middle_rows``); the one-line cells stand half a line off a two-line name. A row whose
    cells do not centre on the line so found leaves the reading undone (None)."""
    half = (SIZE + 1) / 2
    lines = _lines(
        line_of(100, ("Penyediaan Gaji dan", X[1]))
        + line_of(100 + half, ("1", X[0]), ("Jumlah Orang", X[2]), ("12", X[3]),
                  ("1.000.000", X[4]))
        + line_of(109, ("Tunjangan ASN", X[1]))
        + line_of(118, ("Koordinasi Dokumen", X[1]), ("Jumlah Dokumen", X[2]))
        + line_of(127, ("2", X[0]), ("Perencanaan Daerah", X[1]), ("5", X[3]),
                  ("2.000.000", X[4]))
        + line_of(136, ("Tingkat Kecamatan", X[1]), ("Perencanaan Daerah", X[2]))
        + line_of(145, ("3", X[0]), ("Rapat Koordinasi", X[1]), ("Jumlah Rapat", X[2]),
                  ("4", X[3]), ("3.000.000", X[4]))
    )  # fmt: skip
    widths = _text_width(lines, STACKED, _reach(lines, STACKED))
    rows = _middle_rows(lines, STACKED, {0}, SIZE, widths)
    assert rows is not None
    assert [len(row) for row in rows] == [3, 3, 1]
    assert texts(rows[1])[0] == "Koordinasi Dokumen Jumlah Dokumen"
    # set at the foot, the rows do not centre on their numbers' lines
    assert _middle_rows(_foot_set(), STACKED, {0}, SIZE, widths) is None


def test_a_running_foot_is_what_most_pages_print_alike_on_a_line_of_its_own() -> None:
    """A running foot (an electronic signature's note) is printed in the foot of every page,
    on a line of its own, a page number beside it at most. A table's cells repeat phrases: an
    indicator's first line (``Jumlah Orang yang Mengikuti``) stood at one height in the foot
    of two pages of four, and the row's line that printed it beside a name's was dropped
    as a running foot, the name read without its first words with status ``ok`` (html 8006)."""
    note = "Dokumen ini telah ditandatangani secara elektronik"
    phrase = "Jumlah Orang yang Mengikuti"

    def pages(feet: list[tuple[str, ...]]) -> list[PageText]:
        return [
            PageText(n, "", 842.0, 595.0, foot=tuple((40.0, text) for text in texts))
            for n, texts in enumerate(feet, start=1)
        ]

    assert running_feet(pages([(phrase,), (phrase,), (), ()])) == frozenset()
    feet = running_feet(pages([(note,), (note,), (note,), (note, phrase), (phrase,)]))
    assert feet == {"".join(note.split())}

    class Page:
        height = 595.0

    def line(*placed: tuple[str, float]) -> Any:
        [found] = _lines(line_of(560.0, *placed))
        return found

    assert _running_foot(line((note, X[1]), ("3", X[4])), Page, feet)
    assert _running_foot(line((note, X[1]), ("Halaman 3 dari 12", X[3])), Page, feet)
    kept = line(("Peningkatan Bantuan Operasional", X[1]), (note, X[2]))
    assert not _running_foot(kept, Page, feet)
