"""Where a cell's lines start a paragraph, and a row holding a node's indicators one under
another in its cells read as one record per indicator."""

from __future__ import annotations

import pandas as pd

from extract.model import Cell, RawTable
from extract.paragraphs import EITHER, START, WRAP, line_breaks
from transform.grouping import select_plan_tables
from transform.hierarchy import build_plan
from transform.rows import table_rows

SIZE = 7.0  # points: the words' height
CHAR = 3.5  # points: a character's width in these words


def line(text: str, x0: float = 10.0, top: float = 0.0) -> list[dict]:
    """A line of words as pdfplumber gives them, each character ``CHAR`` wide."""
    words, x = [], x0
    for word in text.split():
        words.append({"text": word, "x0": x, "x1": x + CHAR * len(word), "top": top,
                      "bottom": top + SIZE})  # fmt: skip
        x += CHAR * (len(word) + 1)
    return words


def test_a_line_after_which_the_next_word_would_have_fitted_ends_a_paragraph() -> None:
    # a cell 40 characters wide: "Jumlah" (6) fits after 22 characters, not after 36
    width = 40 * CHAR
    short = line("Jumlah Dokumen Anggaran")  # 23 characters
    full = line("Jumlah Dokumen Perencanaan Daerah Tahun")  # 39
    assert line_breaks([short, line("Jumlah Laporan")], width) == (START,)
    assert line_breaks([full, line("Jumlah Laporan")], width) == (EITHER,)


def test_a_name_keeps_its_case_over_its_lines() -> None:
    """A program's name is set in capitals, a kegiatan's is not: a full line in capitals and
    one whose first word prints lower case are two names, as a page break's rest of a
    program's name over the next kegiatan's first lines shows (docx 10043: read as one, the
    program's name cut, with status ``ok``). Capitals over capitals may wrap; so may a line
    that ends in acronyms over one in lower case."""
    width = 34 * CHAR
    caps = line("MASYARAKAT KABUPATEN/KOTA TINGKAT")  # 33 characters: "Peningkatan" did not fit
    assert line_breaks([caps, line("Peningkatan Pelayanan")], width) == (START,)
    assert line_breaks([caps, line("DAERAH")], width) == (EITHER,)
    acronym = line("Pengelolaan Air Minum (SPAM) BLUD")  # 33 characters, two acronyms
    assert line_breaks([acronym, line("Kabupaten")], width) == (EITHER,)


def test_a_line_runs_on_where_the_language_says_so() -> None:
    width = 60 * CHAR
    assert line_breaks([line("Jumlah Orang yang"), line("Difasilitasi")], width) == (WRAP,)
    assert line_breaks([line("Jumlah Dokumen dan"), line("Laporan")], width) == (WRAP,)
    assert line_breaks([line("Jumlah Paket Jasa Komunikasi,"), line("Sumber")], width) == (WRAP,)
    assert line_breaks([line("Analisis Dampak (Andalalin"), line("Tahun Berjalan)")], width) == (
        WRAP,
    )
    # a line in lower case runs on where the cell opens with a capital, not where all of it
    # is in lower case
    assert line_breaks([line("Jumlah Dokumen"), line("perencanaan")], width) == (WRAP,)
    assert line_breaks([line("jumlah dokumen"), line("jumlah laporan")], width) == (START,)


HEADER = [
    ["No", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Satuan",
     "Rencana Tahun 2024", None, "Prakiraan Maju Rencana Tahun 2025", None],
    [None, None, None, None, "Target", "Pagu Indikatif (Rp)", "Target", "Pagu Indikatif (Rp)"],
]  # fmt: skip
SPANS = {(0, 0): (1, 0), (0, 1): (1, 1), (0, 2): (1, 2), (0, 3): (1, 3), (0, 4): (0, 5),
         (0, 6): (0, 7)}  # fmt: skip


def page_table(
    page: int,
    body: list[list[str | None]],
    breaks: list[list[tuple[str, ...]]],
    tops: list[list[tuple[float, ...]]] | None = None,
) -> RawTable:
    grid = [*HEADER, *body]
    cells = [
        Cell(r, SPANS.get((r, c), (r, c))[0], c, SPANS.get((r, c), (r, c))[1], text)
        for r, row in enumerate(grid) for c, text in enumerate(row) if text is not None
    ]  # fmt: skip
    none: list[list[tuple]] = [[() for _ in HEADER[0]] for _ in HEADER]
    return RawTable(page=page, bbox=(0, 0, 1, 1), grid=grid, cells=cells,
                    breaks=none + breaks, tops=none + (tops or []))  # fmt: skip


def plan_rows(
    body: list[list[str | None]],
    breaks: list[list[tuple[str, ...]]],
    next_page: tuple[list[list[str | None]], list[list[tuple[str, ...]]]] | None = None,
    tops: list[list[tuple[float, ...]]] | None = None,
) -> list[dict]:
    """The records of a plan table of these rows (and of a next page's, each with the header
    repeated)."""
    tables = [page_table(4, body, breaks, tops)]
    if next_page is not None:
        tables.append(page_table(5, *next_page))
    [plan] = select_plan_tables(tables)
    rows = table_rows(plan)
    fields = ["nomor", "nama", "indikator", "satuan", "target_raw", "target_next_raw", "pagu_raw"]
    return rows[fields].to_dict("records")


NODE = ["1.1", "Penyediaan Gaji dan Tunjangan ASN"]
NONE = [()] * 8


def test_indicators_one_under_another_in_one_cell_are_read_one_a_record() -> None:
    indicators = (
        "Jumlah Orang yang Difasilitasi dalam Penyakit\nMenular\nJumlah Dokumen Anggaran\n"
        "Jumlah Laporan"
    )
    body = [[*NODE, indicators, "orang\nDokumen\nLaporan", "225\n7\n10", "Rp 14.700.000",
             "230\n7\n12", "Rp 11.500.000"]]  # fmt: skip
    # "Menular" wrapped (the line was full), the other two lines could not have
    breaks = [[(), (), (EITHER, START, START), (EITHER, EITHER), (EITHER, EITHER), (),
               (EITHER, EITHER), ()]]  # fmt: skip
    assert plan_rows(body, breaks) == [
        {"nomor": "1.1", "nama": "Penyediaan Gaji dan Tunjangan ASN",
         "indikator": "Jumlah Orang yang Difasilitasi dalam Penyakit Menular",
         "satuan": "orang", "target_raw": "225", "target_next_raw": "230",
         "pagu_raw": "Rp 14.700.000"},
        {"nomor": "", "nama": "", "indikator": "Jumlah Dokumen Anggaran", "satuan": "Dokumen",
         "target_raw": "7", "target_next_raw": "7", "pagu_raw": ""},
        {"nomor": "", "nama": "", "indikator": "Jumlah Laporan", "satuan": "Laporan",
         "target_raw": "10", "target_next_raw": "12", "pagu_raw": ""},
    ]  # fmt: skip


def test_a_unit_wrapped_under_its_target_stays_with_it() -> None:
    body = [[*NODE, "Jumlah Laporan Keuangan\nJumlah Lembaga yang Dibina", "",
             "11 Laporan\n3.254\nlembaga", "Rp 3.971.365.000", "", "Rp 69.191.000"]]  # fmt: skip
    breaks = [[(), (), (START,), (), (EITHER, EITHER), (), (), ()]]
    records = plan_rows(body, breaks)
    assert [(r["indikator"], r["target_raw"]) for r in records] == [
        ("Jumlah Laporan Keuangan", "11 Laporan"),
        ("Jumlah Lembaga yang Dibina", "3.254 lembaga"),
    ]


def test_a_cell_whose_paragraphs_do_not_match_its_targets_stays_one_row() -> None:
    """Two targets, and the indicator's lines may be one paragraph, two or three: no way to
    tell which two, so the row is left whole (its cell of two targets is reported)."""
    body = [[*NODE, "Jumlah Orang yang Difasilitasi\nPenyakit Menular\nDokumen Renja", "",
             "225\n7", "Rp 14.700.000", "", ""]]  # fmt: skip
    breaks = [[(), (), (EITHER, EITHER), (), (EITHER,), (), (), ()]]
    records = plan_rows(body, breaks)
    assert len(records) == 1
    assert records[0]["target_raw"] == "225 7"


def test_the_words_the_tables_indicators_open_with_tell_which_full_line_starts_one() -> None:
    """The same cell, where another node's indicator opens with "Dokumen": the line that
    opens so starts the second indicator. So does one that opens with a word indicators open
    with anywhere (a measure: "Persentase")."""
    body = [
        [*NODE, "Jumlah Orang yang Difasilitasi\nPenyakit Menular\nDokumen Renja", "",
         "225\n7", "Rp 14.700.000", "", ""],
        ["1.2", "Pengelolaan Data", "Dokumen Data yang Terkelola", "", "100 %",
         "Rp 1.000.000", "", ""],
    ]  # fmt: skip
    breaks = [[(), (), (EITHER, EITHER), (), (EITHER,), (), (), ()], NONE]
    records = plan_rows(body, breaks)
    assert [(r["indikator"], r["target_raw"]) for r in records[:2]] == [
        ("Jumlah Orang yang Difasilitasi Penyakit Menular", "225"),
        ("Dokumen Renja", "7"),
    ]
    body[0][2] = "Jumlah Orang yang Difasilitasi\nPenyakit Menular\nPersentase Dokumen"
    body[1][2] = "Jumlah Data yang Terkelola"
    records = plan_rows(body, breaks)
    assert [(r["indikator"], r["target_raw"]) for r in records[:2]] == [
        ("Jumlah Orang yang Difasilitasi Penyakit Menular", "225"),
        ("Persentase Dokumen", "7"),
    ]


def test_the_rest_of_a_cut_indicator_opens_the_next_pages_cell() -> None:
    """A row that a page break cut: the next page's first row holds the rest of the first
    indicator (its target was printed on the page before) and then the next indicator with its
    target. The two are read as one row, the break between the pages running on after
    "dalam": the first indicator whole with its target, the second with its own, on the page
    that prints it. Only a line that cannot have wrapped parts them; a full line does not."""
    rest = "Perlengkapan Kantor di\nLingkungan Perangkat Daerah\nJumlah Lembaga yang Dibina"
    first = [[*NODE, "Jumlah Orang yang Difasilitasi dalam", "", "4", "Rp 53.600.000", "", ""]]
    cut = [[None, None, rest, "", "42", "", "", ""]]
    sure = [[(), (), (EITHER, START), (), (), (), (), ()]]
    records = plan_rows(first, [NONE], (cut, sure))
    assert [(r["nama"], r["indikator"], r["target_raw"], r["pagu_raw"]) for r in records] == [
        ("Penyediaan Gaji dan Tunjangan ASN",
         "Jumlah Orang yang Difasilitasi dalam Perlengkapan Kantor di Lingkungan Perangkat Daerah",
         "4", "Rp 53.600.000"),
        ("", "Jumlah Lembaga yang Dibina", "42", ""),
    ]  # fmt: skip
    tables = [page_table(4, [*first], [NONE]), page_table(5, cut, sure)]
    [plan] = select_plan_tables(tables)
    assert list(table_rows(plan)["page"]) == [4, 5]
    # where the last break may be a wrap, and the line opens as no indicator of the table
    # does, the cell may as well be the rest of one indicator: one target does not say there
    # are two, and the cell goes on the indicator before
    other = [[None, None, rest.replace("Jumlah", "Dokumen"), "", "42", "", "", ""]]
    unsure = [[(), (), (EITHER, EITHER), (), (), (), (), ()]]
    records = plan_rows(first, [NONE], (other, unsure))
    assert len(records) == 2


def test_a_next_pages_first_row_that_states_an_amount_is_a_node_of_its_own() -> None:
    """With no code nor number, every page's first row prints no id of its own, as the rest
    of a cut row does; one that states an amount opens a node (a node states its amount on
    its first line) and is not read with the row above, though together their cells would
    part into as many indicators as targets."""
    first = [["", "Sub A", "Jumlah Orang Difasilitasi", "", "4", "Rp 53.600.000", "", ""]]
    node = [["", "Sub B", "Jumlah Dokumen\nJumlah Laporan", "", "7\n10", "Rp 1.000.000", "",
             ""]]  # fmt: skip
    records = plan_rows(first, [NONE], (node, [[(), (), (START,), (), (EITHER,), (), (), ()]]))
    assert [(r["nama"], r["indikator"], r["target_raw"]) for r in records] == [
        ("Sub A", "Jumlah Orang Difasilitasi", "4"),
        ("Sub B", "Jumlah Dokumen", "7"),
        ("", "Jumlah Laporan", "10"),
    ]


def test_a_target_left_empty_goes_to_none_and_the_others_by_their_height() -> None:
    """The first indicator has no target for the next year: its line in that cell is empty,
    and the one value printed stands level with the second indicator's target."""
    body = [[*NODE, "Jumlah Dokumen Anggaran\nJumlah Laporan", "", "7\n10", "Rp 14.700.000",
             "12", "Rp 11.500.000"]]  # fmt: skip
    breaks = [[(), (), (START,), (), (EITHER,), (), (), ()]]
    level = [[(), (), (100.0, 108.5), (), (100.0, 108.5), (), (108.6,), ()]]
    assert [(r["indikator"], r["target_raw"], r["target_next_raw"])
            for r in plan_rows(body, breaks, tops=level)] == [
        ("Jumlah Dokumen Anggaran", "7", ""),
        ("Jumlah Laporan", "10", "12"),
    ]  # fmt: skip
    # a value that stands level with no target: the row stays one
    astray = [[(), (), (100.0, 108.5), (), (100.0, 108.5), (), (104.0,), ()]]
    assert len(plan_rows(body, breaks, tops=astray)) == 1
    # as many values as targets, the first a line low: one paragraph of each cell was left
    # empty, and which one the order does not say (html 1175)
    both = [[*body[0][:6], "12\n14", body[0][7]]]
    low = [[(100.0,), (100.0,), (100.0, 108.5), (), (100.0, 108.5), (100.0,), (108.5, 117.0),
            (100.0,)]]  # fmt: skip
    assert len(plan_rows(both, breaks, tops=low)) == 1
    level = [[*low[0][:6], (100.0, 108.5), (100.0,)]]
    assert [r["target_next_raw"] for r in plan_rows(both, breaks, tops=level)] == ["12", "14"]


def test_a_target_left_empty_is_told_by_its_cells_own_lines_where_values_wrap() -> None:
    """Units wrapped under their numbers (``115`` / ``lembaga``): the cells' lines no longer
    stand level with their indicators' targets, and each cell says by its own lines where a
    paragraph was left empty: a value one advance below the last line of the one above is
    the next paragraph, two advances below is the one after (docx 880, reported before)."""
    indicators = "Jumlah Lembaga\nJumlah Paket Gizi\nJumlah Dokumen"
    plan_cell = "115\nlembaga\n3 Paket\n9 Dokumen"
    breaks = [[(), (), (START, START), (), (EITHER, EITHER, EITHER), (), (EITHER, EITHER), ()]]

    def read(next_cell: str, next_tops: tuple[float, ...], pagu_top: float = 100.0) -> list:
        body = [[*NODE, indicators, "", plan_cell, "Rp 4.058.800.000,00", next_cell,
                 "Rp 654.892.175,00"]]  # fmt: skip
        tops = [[(100.0,), (100.0,), (100.0, 108.8, 117.5), (), (100.0, 108.8, 117.5, 126.3),
                 (pagu_top,), next_tops, (pagu_top,)]]  # fmt: skip
        records = plan_rows(body, breaks, tops=tops)
        return [(r["target_raw"], r["target_next_raw"]) for r in records]

    assert read("224\nlembaga\n3 Paket", (100.0, 108.8, 117.5)) == [
        ("115 lembaga", "224 lembaga"), ("3 Paket", "3 Paket"), ("9 Dokumen", ""),
    ]  # fmt: skip
    assert read("224\nlembaga\n9 Dokumen", (100.0, 108.8, 126.3)) == [
        ("115 lembaga", "224 lembaga"), ("3 Paket", ""), ("9 Dokumen", "9 Dokumen"),
    ]  # fmt: skip
    # the first paragraph left empty: the value stands one advance below the row's first line
    assert read("3 Paket\n9 Dokumen", (108.8, 117.5)) == [
        ("115 lembaga", ""), ("3 Paket", "3 Paket"), ("9 Dokumen", "9 Dokumen"),
    ]  # fmt: skip
    # a value between two steps, or cells set at the bottom (the amounts one a line, low in
    # their cells): the heights say nothing, and the row stays one
    assert len(read("224\nlembaga\n3 Paket", (100.0, 108.8, 121.0))) == 1
    assert len(read("224\nlembaga\n3 Paket", (100.0, 108.8, 117.5), pagu_top=126.3)) == 1


def test_a_cut_rows_lines_go_on_below_the_break_when_read_with_their_rest() -> None:
    """A row that a page break cut after its first line, inside the first indicator; its
    next year's cell leaves the second indicator's line empty. Read with its rest, the next
    page's lines go on one line pitch below the lowest line of a cell that runs on over the
    break, and the cell's own lines then say which paragraph was left empty (docx 877,
    reported before)."""
    first = [[*NODE, "Jumlah Orang yang", "", "17", "Rp 24.000.000", "2", "Rp 9.500"]]
    first_tops = [[(100.0,), (100.0,), (100.0,), (), (100.0,), (100.0,), (100.0,), (100.0,)]]
    rest = [[None, None, "Difasilitasi Daerah Terpencil\nJumlah Unit\nJumlah Lembaga", "",
             "7\n5", "", "20", ""]]  # fmt: skip
    rest_breaks = [[(), (), (EITHER, START), (), (EITHER,), (), (), ()]]
    rest_tops = [[(), (), (50.0, 58.75, 67.5), (), (50.0, 58.75), (), (58.75,), ()]]
    tables = [
        page_table(4, first, [NONE], first_tops),
        page_table(5, rest, rest_breaks, rest_tops),
    ]
    [plan] = select_plan_tables(tables)
    rows = table_rows(plan)
    fields = ["indikator", "target_raw", "target_next_raw", "page"]
    assert [tuple(r) for r in rows[fields].itertuples(index=False)] == [
        ("Jumlah Orang yang Difasilitasi Daerah Terpencil", "17", "2", 4),
        ("Jumlah Unit", "7", "", 5),
        ("Jumlah Lembaga", "5", "20", 5),
    ]


def test_a_head_word_the_table_prints_inside_a_line_does_not_open_an_indicator() -> None:
    """``Kualitas`` opens indicators, but this table prints it inside one too (``Jumlah Paket
    Kualitas Air``): a full line's next that opens with it may be a wrapped one, and parting
    there paired the first indicator's end with the second target (html 912, status ok).
    With no other way to as many paragraphs as targets, the row stays one and is reported."""
    indicators = (
        "Jumlah Orang Mengikuti\nKualitas Air Sungai\nJumlah Paket Kualitas Air\nTingkat Sarana"
    )
    body = [[*NODE, indicators, "", "4\n402\n69", "Rp 35.000.000", "", ""]]
    breaks = [[(), (), (EITHER, START, EITHER), (), (EITHER, EITHER), (), (), ()]]
    assert len(plan_rows(body, breaks)) == 1
    # where the table prints it at a line's start only, it opens one
    body[0][2] = indicators.replace("Paket Kualitas", "Paket Mutu")
    assert [r["indikator"] for r in plan_rows(body, breaks)] == [
        "Jumlah Orang Mengikuti",
        "Kualitas Air Sungai",
        "Jumlah Paket Mutu Air Tingkat Sarana",
    ]


def test_tingkat_opens_an_indicator_whose_target_is_a_rate() -> None:
    """``Tingkat`` opens indicators (``Tingkat Dokumen Perencanaan ... Tepat Waktu``) and the
    rest of names alike (``... Tingkat Daerah``), so a line opening with it after a full one
    is no start by itself. Where the paragraph it would open has a target in percent, it is
    one: a ``Tingkat`` indicator measures a rate (docx 598, reported before), though names
    print it inside a line (docx 912, 922). A count there, or the word printed inside a line
    of an indicator (not naming a level), where an indicator may wrap before it, and the row
    stays one."""
    indicators = (
        "Jumlah Dokumen Sumber\nDaya Manusia\nTingkat Dokumen\nPerencanaan Tepat\nWaktu\n"
        "Jumlah Dokumen Imunisasi"
    )
    breaks = [[(), (), (EITHER, EITHER, EITHER, EITHER, START), (), (EITHER, EITHER),
               (), (), ()]]  # fmt: skip

    def read(targets: str, name: str = NODE[1], last: str = "Imunisasi") -> list[tuple[str, str]]:
        cell = indicators.replace("Imunisasi", last)
        body = [[NODE[0], name, cell, "", targets, "Rp 512.800.000", "", ""]]
        return [(r["indikator"], r["target_raw"]) for r in plan_rows(body, breaks)]

    expected = [
        ("Jumlah Dokumen Sumber Daya Manusia", "369 Dokumen"),
        ("Tingkat Dokumen Perencanaan Tepat Waktu", "83,04 %"),
        ("Jumlah Dokumen Imunisasi", "2 dokumen"),
    ]
    assert read("369 Dokumen\n83,04 %\n2 dokumen") == expected
    assert read("369 Dokumen\n83,04 %\n2 dokumen", "Koordinasi Tingkat Daerah") == expected
    assert len(read("369 Dokumen\n83 Dokumen\n2 dokumen")) == 1
    assert len(read("369 Dokumen\n83,04 %\n2 dokumen", last="Imunisasi Tingkat Mutu")) == 1
    # ``Tingkat Desa``, at the level of the village, continues a phrase, and says nothing of
    # a line opening with ``Tingkat Dokumen``; a line opening so opens no indicator (html
    # 574, xlsx 541: ``... Anggaran Tingkat`` / ``Kecamatan`` in an indicator)
    assert read("369 Dokumen\n83,04 %\n2 dokumen", last="Imunisasi Tingkat Desa") == [
        *expected[:2],
        ("Jumlah Dokumen Imunisasi Tingkat Desa", "2 dokumen"),
    ]
    level = [[*NODE, "Jumlah Kegiatan Koordinasi\nTingkat Kecamatan\nKetersediaan Dokumen", "",
              "5 kegiatan\n80 %", "Rp 512.800.000", "", ""]]  # fmt: skip
    level_breaks = [[(), (), (EITHER, EITHER), (), (EITHER,), (), (), ()]]
    assert len(plan_rows(level, level_breaks)) == 1


def test_a_pages_last_row_is_not_cut_where_the_next_page_opens_with_a_node() -> None:
    """In a table that prints no code nor number, no page's first row has an id of its own;
    one that states an amount is a node's row all the same (a node states its amount on its
    row's first line), so the page's last row above it ends there and its stacked cells are
    parted (docx 1151, reported before: each page's last row was taken for one the break
    cut)."""
    last = [
        [
            None,
            "Perencanaan Peralatan Kantor",
            "Jumlah Kegiatan Kapasitas\nJumlah Unit",
            "",
            "431 kegiatan\n115 unit",
            "Rp 5.300.000",
            "6 kegiatan\n7 unit",
            "Rp 6.639.000",
        ]
    ]
    last_breaks = [[(), (), (START,), (), (START,), (), (START,), ()]]
    next_page = [[None, "Verifikasi Dokumen Anggaran", "Jumlah Orang", "", "1 orang",
                  "Rp 28.500.000", "12 orang", "Rp 20.018.551"]]  # fmt: skip
    rows = plan_rows(last, last_breaks, (next_page, [NONE]))
    assert [(r["nama"], r["indikator"], r["target_raw"], r["target_next_raw"]) for r in rows] == [
        ("Perencanaan Peralatan Kantor", "Jumlah Kegiatan Kapasitas", "431 kegiatan", "6 kegiatan"),
        ("", "Jumlah Unit", "115 unit", "7 unit"),
        ("Verifikasi Dokumen Anggaran", "Jumlah Orang", "1 orang", "12 orang"),
    ]
    # where it states none, it is read as the rest of the row above
    next_page[0][5] = next_page[0][7] = ""
    rows = plan_rows(last, last_breaks, (next_page, [NONE]))
    assert rows[0]["nama"] == "Perencanaan Peralatan Kantor Verifikasi Dokumen Anggaran"


def test_a_target_the_next_page_prints_keeps_that_page() -> None:
    """A row that a page break cut where the plan year's targets are all printed above the
    break and the next year's last one below it: read with its rest, that target gives the
    next page and its box there, the indicator its own (docx 1158: the target went out on
    the page before, and the number printed on the next page was found in no output row)."""
    first = [[*NODE, "Jumlah Unit\nJumlah Lembaga", "", "7\n5", "Rp 24.000.000", "20",
              "Rp 9.500"]]  # fmt: skip
    first_breaks = [[(), (), (START,), (), (START,), (), (), ()]]
    rest = [[None, None, None, None, None, None, "9", None]]
    tables = [page_table(4, first, first_breaks), page_table(5, rest, [NONE])]
    [plan] = select_plan_tables(tables)
    rows = table_rows(plan)
    fields = ["indikator", "target_raw", "target_next_raw", "page", "target_next_page"]
    found = [tuple(r) for r in rows[fields].astype(object).itertuples(index=False)]
    assert [row[:4] for row in found] == [
        ("Jumlah Unit", "7", "20", 4),
        ("Jumlah Lembaga", "5", "9", 4),
    ]
    assert pd.isna(found[0][4]) and found[1][4] == 5
    # the indicators' table gives each year's target its own page
    indicators = build_plan(rows, plan_year=2024, has_next=True, id_columns=True).indicators
    pages = indicators.set_index(["indikator", "tahun"])["page"].to_dict()
    assert pages == {("Jumlah Unit", 2024): 4, ("Jumlah Unit", 2025): 4,
                     ("Jumlah Lembaga", 2024): 4, ("Jumlah Lembaga", 2025): 5}  # fmt: skip


def test_a_shared_opener_starts_no_indicator_where_the_others_come_to_the_targets() -> None:
    """The table's node rows open an indicator with ``Tingkat``, a word that opens the rest
    of names too (``Pelayanan Publik`` / ``Tingkat`` / ``Kecamatan`` in a narrow cell): the
    table's openers without it come to as many indicators as targets, and the row is parted
    so (html 760, reported before: with it, one indicator too many)."""
    body = [
        ["1.1", "Penyediaan Jasa Kantor", "Tingkat Kepuasan Pegawai", "", "80 %",
         "Rp 4.000.000", "", ""],
        ["1.2", "Penyediaan Gaji dan Tunjangan", "Jumlah Orang yang\nDifasilitasi\nJumlah "
         "Orang\nPelayanan Publik\nTingkat\nKecamatan", "", "12 orang\n7 orang",
         "Rp 9.000.000", "", ""],
    ]  # fmt: skip
    breaks = [NONE, [(), (), (WRAP, EITHER, EITHER, EITHER, EITHER), (), (EITHER,), (), (), ()]]
    assert [(r["indikator"], r["target_raw"]) for r in plan_rows(body, breaks)][1:] == [
        ("Jumlah Orang yang Difasilitasi", "12 orang"),
        ("Jumlah Orang Pelayanan Publik Tingkat Kecamatan", "7 orang"),
    ]


def test_a_cut_rows_rest_read_as_several_rows_is_joined_whole() -> None:
    """A row that a page break cut; its next year's cell leaves the first indicator's line
    empty, so its one value on the first page stands on the second line. On the next page,
    whose rows no rules part, the borderless reader made the rest two rows (a line that
    prints a target opens one). Read with the first of them alone, each cell holds two
    values, and in order they would pair the second indicator's target with the first
    (html 1175, status ok): values at two heights in a row set at its top do not pair in
    order. Read with both, the heights say which paragraph was left empty."""
    first = [[*NODE, "Jumlah Dokumen Kendaraan\nJumlah Lembaga yang Dibina dalam", "",
              "448\nDokumen", "Rp 61.623.000", "19 lembaga", "Rp 9.100.000"]]  # fmt: skip
    first_breaks = [[(), (), (START,), (), (EITHER,), (), (), ()]]
    first_tops = [[(100.0,), (100.0,), (100.0, 108.75), (), (100.0, 108.75), (100.0,),
                   (108.75,), (100.0,)]]  # fmt: skip
    rest = [
        [None, None, "Informasi Pencari Kerja", "", "19 lembaga", "", "24 orang", ""],
        [None, None, "Jumlah Orang yang Difasilitasi\nDaerah", "", "24 orang", "", "", ""],
    ]
    rest_breaks = [NONE, [(), (), (EITHER,), (), (), (), (), ()]]
    rest_tops = [
        [(), (), (50.0,), (), (50.0,), (), (50.0,), ()],
        [(), (), (58.75, 67.5), (), (58.75,), (), (), ()],
    ]

    lower = page_table(5, rest, rest_breaks, rest_tops)
    [plan] = select_plan_tables([page_table(4, first, first_breaks, first_tops), lower])
    rows = table_rows(plan)
    fields = ["indikator", "target_raw", "target_next_raw", "page"]
    assert [tuple(r) for r in rows[fields].itertuples(index=False)] == [
        ("Jumlah Dokumen Kendaraan", "448 Dokumen", "", 4),
        ("Jumlah Lembaga yang Dibina dalam Informasi Pencari Kerja", "19 lembaga", "19 lembaga",
         5),
        ("Jumlah Orang yang Difasilitasi Daerah", "24 orang", "24 orang", 5),
    ]  # fmt: skip


def test_rows_that_read_as_one_cell_or_as_rows_with_other_targets_are_reported() -> None:
    """No rules between the rows: a node's row and two rows after it that print an indicator
    and its targets but no id, amount nor name, their lines one line pitch apart. They may be
    one printed row (the indicators one under another in one cell, parted where a target
    starts) or a row per indicator, and the two readings pair the next year's second value
    with other indicators: as one cell, its line left empty says the second indicator has
    none; as rows, it stands level with the second (html 1210, status ok). Nothing on the
    page says which: the rows are read as one, unparted, and reported. Where the rows stand
    apart by their cells' padding, they are rows."""
    rows = [
        [*NODE, "Jumlah Lembaga yang Dibina\nAdministrasi", "", "112\nlembaga",
         "Rp 19.200.000", "10 lembaga", "Rp 1.874.151"],
        ["", "", "Jumlah Paket Gaji", "", "11 Paket", "", "17 kegiatan", ""],
        ["", "", "Jumlah Kegiatan Dokumen\nDaerah", "", "18 kegiatan", "", "", ""],
    ]  # fmt: skip
    breaks = [
        [(), (), (WRAP,), (), (EITHER,), (), (), ()],
        NONE,
        [(), (), (EITHER,), (), (), (), (), ()],
    ]

    def read(gap: float) -> list[tuple[str, str]]:
        second, third = 109.0 + gap, 109.0 + 2 * gap
        tops = [
            [(100.0,), (100.0,), (100.0, 109.0), (), (100.0, 109.0), (100.0,), (100.0,),
             (100.0,)],
            [(), (), (second,), (), (second,), (), (second,), ()],
            [(), (), (third, third + 9.0), (), (third,), (), (), ()],
        ]  # fmt: skip
        [plan] = select_plan_tables([page_table(4, rows, breaks, tops)])
        return [(r["target_raw"], r["target_next_raw"]) for _, r in table_rows(plan).iterrows()]

    assert read(gap=9.0) == [("112 lembaga 11 Paket 18 kegiatan", "10 lembaga 17 kegiatan")]
    assert read(gap=10.7) == [
        ("112 lembaga", "10 lembaga"), ("11 Paket", "17 kegiatan"), ("18 kegiatan", ""),
    ]  # fmt: skip


def test_rows_boxed_together_pair_each_target_with_the_indicator_level_with_it() -> None:
    """A ruled box holding a node's row and its further indicators' rows, no rule between
    them (rules over each program's rows only): each row's cells set at its top, so each
    target stands level with its own indicator's first line, whatever the lines above it.
    The cell of most values steps unevenly (the first indicator wraps, its target does not),
    so their own lines say nothing; the heights pair them (docx 5800, reported before)."""
    indicators = (
        "Jumlah Bulan Pelayanan Data\nLintas Sektor\nJumlah Unit Bahan\n"
        "Rasio Capaian Administrasi\nTerlaksana"
    )
    body = [[*NODE, indicators, "", "23\n431\n5,45 %", "Rp 68.400.000", "12\n5,45 %",
             "Rp 3.399.786.000"]]  # fmt: skip
    breaks = [[(), (), (EITHER, START, START, WRAP), (), (EITHER, EITHER), (), (EITHER,), ()]]

    def read(next_tops: tuple[float, ...]) -> list[tuple[str, str, str]]:
        tops = [[(100.0,), (100.0,), (100.0, 108.6, 117.2, 128.7, 137.3), (),
                 (100.0, 117.2, 128.7), (100.0,), next_tops, (100.0,)]]  # fmt: skip
        return [(r["indikator"], r["target_raw"], r["target_next_raw"])
                for r in plan_rows(body, breaks, tops=tops)]  # fmt: skip

    assert read((100.0, 128.7)) == [
        ("Jumlah Bulan Pelayanan Data Lintas Sektor", "23", "12"),
        ("Jumlah Unit Bahan", "431", ""),
        ("Rasio Capaian Administrasi Terlaksana", "5,45 %", "5,45 %"),
    ]
    # a value level with no indicator's first line: the row stays one
    assert len(read((100.0, 123.0))) == 1
