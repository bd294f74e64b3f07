"""Header mapping and row reading on small inline tables."""

from dataclasses import replace

from extract.document import PageText
from extract.locate import candidate_pages, title_kind
from extract.model import Cell, RawTable
from transform.grouping import select_plan_tables
from transform.headers import map_header
from transform.rows import clean_text, table_rows


def table(grid: list[list[str | None]], spans: dict[tuple[int, int], tuple[int, int]]) -> RawTable:
    """A RawTable from a grid; ``spans`` maps a cell's (row, col) to its last (row, col)."""
    cells = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text is not None:
                r1, c1 = spans.get((r, c), (r, c))
                cells.append(Cell(r, r1, c, c1, text))
    return RawTable(page=7, bbox=(0, 0, 1, 1), grid=grid, cells=cells)


HEADER = [
    ["No", "Program/Kegiatan", "Indikator Kinerja", "Rencana Tahun 2024", None, None,
     "Prakiraan Maju Rencana Tahun 2025", None, None],
    [None, None, None, "Target", "Pagu Indikatif (Rp)", None, "Target", "Pagu Indikatif (Rp)",
     None],
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
]  # fmt: skip
SPANS = {(0, 0): (1, 0), (0, 1): (1, 1), (0, 2): (1, 2), (0, 3): (0, 5), (0, 6): (0, 8),
         (1, 4): (1, 5), (1, 7): (1, 8)}  # fmt: skip


def test_columns_are_mapped_by_meaning_and_year_group() -> None:
    header = map_header(table(HEADER, SPANS))
    assert header.n_header_rows == 3
    assert header.plan_year == 2024
    assert header.first("target", "plan") == 3
    assert header.columns("pagu", "plan") == [4, 5]
    assert header.columns("pagu", "next") == [7, 8]
    assert header.first("nomor") == 0


def test_currency_sign_in_its_own_column_joins_the_amount() -> None:
    grid = [*HEADER, ["I", "PROGRAM A", "Indikator", "5", "Rp", "2.730.000.000", "6", "Rp.",
                      "3.000.000.000,-"]]  # fmt: skip
    plans = select_plan_tables([table(grid, SPANS)])
    rows = table_rows(plans[0])
    assert rows[["pagu_raw", "pagu_next_raw"]].values.tolist() == [
        ["Rp 2.730.000.000", "Rp. 3.000.000.000,-"]
    ]
    assert rows["page"].tolist() == [7]


def test_titles_tell_the_plan_table_from_the_others() -> None:
    assert title_kind("Tabel 2.4 Review Terhadap Rancangan Awal RKPD Tahun 2022") == (
        "other",
        "2.4",
    )
    assert title_kind(
        "Tabel 3.3 Rumusan Rencana Program, Kegiatan dan Sub Kegiatan Perangkat Daerah Tahun 2022"
    ) == ("plan", "3.3")
    assert title_kind("Rencana Program dan Kegiatan Prioritas Tahun 2023 dan Prakiraan Maju")[
        0
    ] == ("plan")
    assert title_kind("Tabel 2.1 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja")[0] == "other"


def test_a_review_table_is_not_taken_for_the_plan() -> None:
    review = table(HEADER, SPANS)
    review.text_before = "Tabel 2.4 Review Terhadap Rancangan Awal RKPD"
    assert select_plan_tables([review]) == []


def test_clean_text_joins_lines_and_keeps_real_hyphens() -> None:
    assert clean_text("Peraturan Perundang-\nUndangan") == "Peraturan Perundang-Undangan"
    assert clean_text("Kota\nSerang") == "Kota Serang"
    assert clean_text("Jumlah  Dokumen \n") == "Jumlah Dokumen"


def test_goal_columns_beside_the_plan_columns_are_left_out() -> None:
    """Seed Tabel 3.3 prints bidang urusan, tujuan/sasaran and their indicators first."""
    grid = [
        ["BIDANG URUSAN", "TUJUAN", "INDIKATOR TUJUAN", "KODE", "PROGRAM/KEGIATAN/SUB KEGIATAN",
         "INDIKATOR PROGRAM/KEGIATAN", "TARGET CAPAIAN KINERJA", "PAGU INDIKATIF (Rp)"],
        ["1", "2", "3", "4", "5", "6", "7", "8"],
    ]  # fmt: skip
    header = map_header(table(grid, {}))
    assert header.columns("nama") == [4]
    assert header.columns("indikator") == [5]
    assert header.first("kode") == 3


def test_running_head_or_continued_label_does_not_split_the_table() -> None:
    first = table(HEADER + [["I", "PROGRAM A", "x", "5", "", "100", "", "", ""]], SPANS)
    first.text_before = "Tabel 3.3 Rumusan Rencana Program dan Kegiatan"
    running = table(HEADER + [["I.1", "Kegiatan B", "y", "5", "", "100", "", "", ""]], SPANS)
    running.text_before = "RENJA DINAS PENDIDIKAN TAHUN 2024"
    continued = table(HEADER + [["I.1.1", "Sub C", "z", "5", "", "100", "", "", ""]], SPANS)
    continued.text_before = "Tabel 3.3 (lanjutan)"
    plans = select_plan_tables([first, running, continued])
    assert len(plans) == 1
    assert plans[0].label == "3.3"
    assert len(plans[0].segments) == 3


def test_a_stray_rule_on_a_continued_page_does_not_lose_it() -> None:
    """A page without header whose grid has one column more than the page before."""
    first = table(HEADER + [["I", "PROGRAM A", "x", "5", "", "100", "", "", ""]], SPANS)
    first.edges = (0, 10, 50, 90, 100, 110, 120, 130, 140, 150)
    stray = table([["I.1", "Kegiatan B", "", "y", "5", "", "200", "", "", ""]], {})
    stray.edges = (0, 10, 30, 50, 90, 100, 110, 120, 130, 140, 150)  # name column split
    plans = select_plan_tables([first, stray])
    rows = table_rows(plans[0])
    assert rows[["nomor", "nama", "indikator", "pagu_raw"]].values.tolist() == [
        ["I", "PROGRAM A", "x", "100"], ["I.1", "Kegiatan B", "y", "200"],
    ]  # fmt: skip


def test_the_page_after_a_stray_rule_takes_the_columns_of_the_page_before_it() -> None:
    """A page without header after the page whose stray rule split a column: its columns are
    those of the page just before (with the split), not of the header page's grid."""
    first = table(HEADER + [["I", "PROGRAM A", "x", "5", "", "100", "", "", ""]], SPANS)
    first.edges = (0, 10, 50, 90, 100, 110, 120, 130, 140, 150)
    stray = table([["I.1", "Kegiatan B", "", "y", "5", "", "200", "", "", ""]], {})
    stray.edges = (0, 10, 30, 50, 90, 100, 110, 120, 130, 140, 150)  # name column split
    after = table([["I.2", "Kegiatan C", "z", "6", "", "300", "", "", ""]], {})
    after.edges = first.edges
    rows = table_rows(select_plan_tables([first, stray, after])[0])
    assert rows[["nomor", "nama", "indikator", "target_raw", "pagu_raw"]].values.tolist() == [
        ["I", "PROGRAM A", "x", "5", "100"],
        ["I.1", "Kegiatan B", "y", "5", "200"],
        ["I.2", "Kegiatan C", "z", "6", "300"],
    ]


def test_renja_perubahan_sebelum_and_sesudah_are_both_the_plan_year() -> None:
    """Sumut 2024 Tabel 7: TARGET and PAGU each split into SEBELUM | SESUDAH; the first body
    row (numbered I.1, its cells full of header words) is a row, not more header."""
    grid = [
        ["NO", "PROGRAM/KEGIATAN/SUB KEGIATAN", "INDIKATOR", "TARGET", None, "PAGU", None],
        [None, None, None, "SEBELUM", "SESUDAH", "SEBELUM", "SESUDAH"],
        ["I.1", "Program dan Kegiatan Perencanaan", "Indikator Kinerja Program", "10 dok",
         "12 dok", "100.545.000", "-"],
    ]  # fmt: skip
    spans = {(0, 0): (1, 0), (0, 1): (1, 1), (0, 2): (1, 2), (0, 3): (0, 4), (0, 5): (0, 6)}
    header = map_header(table(grid, spans))
    assert header.n_header_rows == 2
    assert (header.first("target", "before"), header.first("target", "plan")) == (3, 4)
    assert (header.first("pagu", "before"), header.first("pagu", "plan")) == (5, 6)
    assert header.first("pagu", "next") is None
    rows = table_rows(select_plan_tables([table(grid, spans)])[0])
    assert rows[
        ["target_raw", "target_before_raw", "pagu_raw", "pagu_before_raw"]
    ].values.tolist() == [["12 dok", "10 dok", "-", "100.545.000"]]


def test_an_indicator_loses_a_list_bullet_and_the_forms_label_only() -> None:
    rows = [["I", "PROGRAM A", "- Terlaksananya Pembinaan AMT;", "5", "Rp", "2.000", "6", "Rp",
             "3.000"],
            ["1", "Kegiatan B", "• Persentase IKM\nyang dibina", "5", "Rp", "1.000", "6", "Rp",
             "1.000"],
            ["2", "Kegiatan C", "-10% angka stunting", "5", "Rp", "1.000", "6", "Rp", "2.000"],
            ["3", "Kegiatan D", "Jumlah dokumen - hasil evaluasi", "5", "Rp", "0", "6", "Rp",
             "0"],
            ["4", "Kegiatan E", "-Tersedianya data;", "5", "Rp", "0", "6", "Rp", "0"],
            ["II", "PROGRAM F", "Indikator Kinerja Program: Nilai LKIP", "", "Rp", "0", "", "Rp",
             "0"],
            ["III", "PROGRAM G", "Indikator Kinerja ProgramPersentase IKM", "", "Rp", "0", "",
             "Rp", "0"],
            ["IV", "PROGRAM H", "Indikator Kinerja Program/Kegiatan", "", "Rp", "0", "", "Rp",
             "0"],
            ["5", "Kegiatan I", "- 'Terlaksananya Pengendalian", "5", "Rp", "0", "6", "Rp",
             "0"]]  # fmt: skip
    read = table_rows(select_plan_tables([table([*HEADER, *rows], SPANS)])[0])
    assert read["indikator"].tolist() == [
        "Terlaksananya Pembinaan AMT;",
        "Persentase IKM yang dibina",
        "-10% angka stunting",  # a sign, not a bullet
        "Jumlah dokumen - hasil evaluasi",
        "Tersedianya data;",
        "Nilai LKIP",  # the form's label printed before the indicator
        "Persentase IKM",
        "",  # the label alone: no indicator
        "'Terlaksananya Pengendalian",  # the bullet goes, the quote typed after it stays
    ]


def _pages(*texts: str) -> list[PageText]:
    return [PageText(n, text, 842, 595) for n, text in enumerate(texts, start=1)]


def test_a_plan_page_printing_no_amount_does_not_end_the_table() -> None:
    """A page of the plan table whose rows print "Rp -" only is read, and so are the table's
    pages after it; a page without amounts that prints a chapter or a signature ends the table,
    and so does a second page without amounts."""
    title = "Tabel 4.1 Rumusan Rencana Program dan Kegiatan Tahun 2020\nProgram A Rp 2.000.000.000"
    rows = "Kegiatan B Rp 150.000.000 Kegiatan C Rp 250.000.000"
    nil = "Operasi Pasar Murah Kota Bogor 2 kali Rp - APBD"
    assert candidate_pages(_pages(title, rows, nil, rows, rows)).plan == [1, 2, 3, 4, 5]
    chapter = "BAB V\nPENUTUP\nRencana kerja ini disusun ..."
    assert candidate_pages(_pages(title, rows, chapter, rows)).plan == [1, 2, 3]
    signed = "KEPALA DINAS PERINDUSTRIAN\nNIP. 19650101"
    assert candidate_pages(_pages(title, rows, signed, rows)).plan == [1, 2, 3]
    assert candidate_pages(_pages(title, rows, nil, nil, rows)).plan == [1, 2, 3]


def test_a_first_row_without_an_amount_is_body_by_its_roman_number_or_target_and_unit() -> None:
    """No number row, and the first program's amount printed on its subtotal: its row holds
    header words (Program, Capaian) but a row number (I) or a target with its unit (100 %);
    a label prints neither, a year heading aside."""
    head = ["No", "Program/Kegiatan", "Indikator Kinerja", "Target Capaian", "Pagu (Rp)"]
    numbered = ["I", "PROGRAM PELAYANAN", "Rasio Capaian Program", "", ""]
    with_unit = ["", "PROGRAM PELAYANAN", "Rasio Capaian Program", "100 %", ""]
    body = ["I.1", "Kegiatan A", "Jumlah Dokumen", "12 dok", "1.500.000"]
    assert map_header(table([head, numbered, body], {})).n_header_rows == 1
    assert map_header(table([head, with_unit, body], {})).n_header_rows == 1
    years = ["", "", "", "2024 Target", "2024 Pagu"]  # headed by a year: still header
    assert map_header(table([head, years, body], {})).n_header_rows == 2


def test_a_lone_label_under_merged_header_cells_is_header() -> None:
    """Three header rows: "Target Capaian Kinerja" over "Target" alone, the other labels
    merged down beside it; with no number row under it, that row is still header (a body
    row does not sit under the header's merged cells)."""
    head = ["No", "Program/Kegiatan", "Rencana Tahun 2024", None, "Pagu (Rp)"]
    group = [None, None, "Target Capaian Kinerja", "Lokasi", None]
    lone = [None, None, "Target", None, None]
    body = ["I", "PROGRAM PELAYANAN", "12 dok", "Kota Serang", "1.500.000"]
    spans = {(0, 0): (2, 0), (0, 1): (2, 1), (0, 2): (0, 3), (0, 4): (2, 4), (1, 3): (2, 3)}
    assert map_header(table([head, group, lone, body], spans)).n_header_rows == 3
    # a body row of the same words, cells of its own: no header
    own = ["", "", "Target", "", ""]
    assert map_header(table([head, group, own, body], spans)).n_header_rows == 2


def test_a_column_of_codes_under_a_misread_label_is_the_code_column() -> None:
    """OCR read the label "KODE KLASIFIKASI BELANJA" as "ASI": the column left of the names
    whose cells open with codes (a heading row aside) holds the codes all the same. Row
    numbers (1.1, 1.2.3) and amounts do not open so, and a column the header already maps is
    left as mapped."""
    head = ["ASI", "PROGRAM/KEGIATAN/SUB KEGIATAN", "INDIKATOR", "PAGU (RP)", "TARGET"]
    body = [
        ["BIDANG BINA KONSTRUKSI", None, None, "9.471.211.674,00", ""],
        ["1.03.11", "PROGRAM PENGEMBANGAN JASA KONSTRUKSI", "Persentase", "9.471.211.674", "95"],
        ["1.03.11.1.01", "Penyelenggaraan Pelatihan", "Jumlah", "4.100.000.000", "3"],
        ["1.03.11 1.01.0009", "Penyediaan Instruktur", "Jumlah", "1.100.000.000", "3"],
        ["1.03.11.1.01.0010", "Penyediaan TNA", "Jumlah", "3.000.000.000", "1"],
    ]
    header = map_header(table([head, *body], {}))
    assert header.columns("kode") == [0] and header.first("nama") == 1
    numbered = [[f"1.{i}", *row[1:]] for i, row in enumerate(body[1:], start=1)]
    assert map_header(table([head, *numbered], {})).columns("kode") == []
    few = [body[0], body[1], ["", *body[2][1:]], ["", *body[3][1:]]]  # one code: no evidence
    assert map_header(table([head, *few], {})).columns("kode") == []


def test_two_body_rows_read_as_one_are_no_header_row() -> None:
    """A scan lost the rule between the OPD's row and the first program's (one shading over
    both): read as one row under the header's merged cells, it prints words that a header
    prints (DINAS, PROGRAM) and a figure on each line of its amount cells. Labels print no
    figure on any line, so the row is body."""
    head = ["No", "Program/Kegiatan", "Rencana Tahun 2023", None, "Sumber Dana"]
    group = [None, None, "Target Capaian Kinerja", "Kebutuhan Dana/ Pagu Indikatif", None]
    merged = [
        "DINAS PEMBERDAYAAN PEREMPUAN\nPROGRAM PENUNJANG URUSAN", None, None,
        "20.160.500.000\n13.977.000.000", "APBD\nAPBD",
    ]  # fmt: skip
    body = ["I.1", "Perencanaan, Penganggaran", "12 dokumen", "250.000.000", "APBD"]
    spans = {(0, 0): (1, 0), (0, 1): (1, 1), (0, 2): (0, 3), (0, 4): (1, 4), (2, 0): (2, 2)}
    assert map_header(table([head, group, merged, body], spans)).n_header_rows == 2
    # A label broken over lines with one line read as a digit by OCR ("g" as "9") is a label:
    # a cell is a figure whole, or on every line.
    broken = [*head[:4], "Catata\nn\nPentin\n9"]
    assert map_header(table([broken, group, body], spans)).n_header_rows == 2


def test_a_code_split_over_columns_under_misread_labels_is_found_by_its_cells() -> None:
    """OCR read the split code's labels as "Ko" over "Urusan", "ng ukdang", "Program",
    "Kegiatan", "Sub atan Kegi": no run of three labels remains, and "Program" took the names'
    role. Five neighbouring columns from the left edge whose cells hold one level's digits (the
    OPD's row running into the first, ``O1`` for ``01``) are the code; the names are the next
    column. Two such columns are no split code."""
    head = [
        "Ko",
        None,
        None,
        None,
        None,
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan/Sub Kegiatan",
        "Indikator Kinerja",
        "Target",
        "Pagu Indikatif (Rp)",
    ]
    labels = [
        "Urusan",
        "ng\nukdang",
        "Program",
        "Kegiatan",
        "Sub\natan\nKegi",
        None,
        None,
        None,
        None,
    ]
    body = [
        ["DINAS LINGKUNGAN HIDUP", None, None, None, None, None, "", "", "35.900.238.709"],
        ["2", "11", "01", "", "", "PROGRAM PENGEMBANGAN", "Jumlah Laporan", "3", "23.402.667"],
        ["2", "11", "O1", "1.01", "", "Pengembangan Udara", "Jumlah Dokumen", "2", "5.282.839"],
        ["2", "11", "01", "1.01", "01", "Sosialisasi Bank Sampah", "Jumlah Unit", "4", "1.000"],
        ["2", "11", "01", "1.01", "02", "Pengelolaan Sampah", "Jumlah Unit", "5", "4.000.000"],
        ["2", "11", "01", "1.01", "03", "Pendataan Sampah", "Jumlah Unit", "1", "281.839"],
    ]  # fmt: skip
    spans = {(0, 0): (0, 4), (0, 5): (1, 5), (0, 6): (1, 6), (0, 7): (1, 7), (0, 8): (1, 8)}
    header = map_header(table([head, labels, *body], spans))
    assert header.columns("kode") == [0, 1, 2, 3, 4] and header.first("nama") == 5
    two = [[row[0], row[1], *row[5:]] for row in [head, labels, *body]]
    assert map_header(table(two, {})).columns("kode") == []


def test_the_rest_of_a_row_under_a_repeated_header_is_body() -> None:
    """Word broke a row over the page: under the repeated header, its rest ("Kelurahan dan
    Area", "Perencanaan") holds two header words ("dana", "rencana") and was taken into the
    header, so the name and indicator went out cut short. A page that repeats the first page's
    header row for row has that page's header rows; the row under them is body."""
    head = ["Kode", "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Rencana Tahun 2027",
            None]  # fmt: skip
    sub = [None, None, None, "Lokasi", "Kebutuhan Dana/Pagu Indikatif (Rp)"]
    spans = {(0, 0): (1, 0), (0, 1): (1, 1), (0, 2): (1, 2), (0, 3): (0, 4)}
    first = table([head, sub, ["2.15.03.2.05.08", "Pembinaan Manajemen dan", "Jumlah Orang yang",
                               "Kabupaten", "Rp 16.800.000"]], spans)  # fmt: skip
    rest = ["", "Rekayasa Lalu Lintas di\nKelurahan dan Area Parkir",
            "Mengikuti Dokumen\nPerencanaan Perangkat", "Lebak", ""]  # fmt: skip
    body = ["2.15.03.2.09", "Pengelolaan Gaji", "Cakupan Angkutan", "", "Rp 7.410.800.000"]
    second = table([head, sub, rest, body], spans)
    second = RawTable(page=8, bbox=second.bbox, grid=second.grid, cells=second.cells)
    (plan,) = select_plan_tables([first, second])
    assert [segment.first_row for segment in plan.segments] == [2, 2]
    rows = table_rows(plan)
    assert list(rows["nama"])[:2] == [
        "Pembinaan Manajemen dan", "Rekayasa Lalu Lintas di Kelurahan dan Area Parkir"
    ]  # fmt: skip


def test_the_rest_of_a_row_that_unmakes_a_repeated_header_is_body() -> None:
    """Word seed 4018 (borderless, split codes): under the repeated header the rest of a row
    broken over the page (``Anggaran Tahun Berjalan``, a lokasi) was taken into the header,
    which then read as no plan table's header; the page's first row was taken for body, the
    header's labels for a node (``Program/Kegiatan/Sub Kegiatan``, a program by its first
    word), and the rest was lost (``invalid``). The first page's header, row for row, is the
    page's header still, and the row under it body."""
    head = ["Urusan", "Bidang Urusan", "Kode Program", "Kegiatan", "Sub Kegiatan",
            "Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Lokasi",
            "Rencana Tahun 2026 | Target Capaian Kinerja", "Rencana Tahun 2026 | Satuan",
            "Rencana Tahun 2026 | Kebutuhan Dana/Pagu Indikatif (Rp)", "Sumber Dana"]  # fmt: skip
    cut = ["2", "16", "04", "2.02", "04", "Pendataan Dokumen", "Jumlah Orang yang", "Cilegon",
           "189", "orang", "12.118.000", "APBD"]  # fmt: skip
    rest = ["", "", "", "", "", "Anggaran Tahun Berjalan", "Mengikuti Pelayanan\nPublik",
            "Cilegon", "", "", "", ""]  # fmt: skip
    body = ["2", "16", "04", "2.03", "", "Koordinasi SPBE", "Jumlah Paket", "Cilegon", "256",
            "Paket", "1.355.131.811", "APBD"]  # fmt: skip
    first = table([head, cut], {})
    second = table([head, rest, body], {})
    second = RawTable(page=8, bbox=second.bbox, grid=second.grid, cells=second.cells)
    assert not map_header(second).is_plan_table  # the rest unmakes the header read alone
    (plan,) = select_plan_tables([first, second])
    assert [segment.first_row for segment in plan.segments] == [1, 1]
    assert list(table_rows(plan)["nama"]) == [
        "Pendataan Dokumen", "Anggaran Tahun Berjalan", "Koordinasi SPBE"
    ]  # fmt: skip


def test_a_number_row_with_a_few_numbers_misread_is_header() -> None:
    """A coarse scan read the column numbers ``1 .. 15`` with an ``8`` as ``3`` and the ``11``
    lost: the row was read as a node named ``6``. Under a header, a row of five or more cells,
    all but a fifth of them numbers rising from left to right, numbers the columns; a body row
    under the header holds a name, and a row of figures elsewhere stays body."""
    head = ["Kode", "Program/Kegiatan", "Indikator", "Lokasi", "Target", "Satuan", "Pagu (Rp)",
            "Sumber Dana"]  # fmt: skip
    misread = ["1", "2", "3", "3", "5", "6", "", "8"]
    body = ["2.11.01", "PROGRAM A", "Jumlah Dokumen", "Sleman", "12", "dok", "1.500.000", "APBD"]
    assert map_header(table([head, misread, body], {})).n_header_rows == 2
    twice = ["1", "2", "9", "3", "5", "4", "", "8"]  # two of seven out of order: a fifth is one
    assert map_header(table([head, twice, body], {})).n_header_rows == 1
    first_body = ["2", "PROGRAM A", "3", "4", "12", "15", "", "20"]  # a name: body
    assert map_header(table([head, first_body, body], {})).n_header_rows == 1


def test_a_label_spanning_the_number_and_name_columns_is_no_number() -> None:
    """Sumut 2023's plan table opens with the OPD's row, its label in one cell over the No and
    Program/Kegiatan columns: the label is the row's name, not a row number."""
    grid = [
        *HEADER,
        ["DINAS PEMBERDAYAAN PEREMPUAN", None, None, None, "20.160.500.000", None, None,
         "22.176.550.000", None],
        ["I", "PROGRAM PENUNJANG", None, None, "13.977.000.000", None, None, "15.374.700.000",
         None],
    ]  # fmt: skip
    rows = table_rows(select_plan_tables([table(grid, {**SPANS, (3, 0): (3, 2)})])[0])
    assert rows[["nomor", "nama"]].values.tolist() == [
        ["", "DINAS PEMBERDAYAAN PEREMPUAN"],
        ["I", "PROGRAM PENUNJANG"],
    ]


# An unruled plan's first two pages, scanned: the second prints the header, read whole.
_NUMBERS = ["1", "2", "3", "4", "5", "6"]
_HEAD = ["No", "Program/Kegiatan", "Indikator Kinerja", "Target", "Pagu (Rp)", "Sumber Dana"]
_BODY = [["I", "PROGRAM PENUNJANG", "Persentase", "100 %", "Rp. 542.225.000,-", "APBD"],
         ["I.1", "Perencanaan", "Dokumen", "5 dok", "Rp. 26.700.000,-", "APBD"]]  # fmt: skip


def _first_pages(header: list[str | None]) -> tuple[RawTable, RawTable]:
    """The plan's first page under the plan's title with ``header`` over its column numbers,
    and the next page with the header read whole, over the same columns and width."""
    first = RawTable(
        3, (37, 140, 805, 550), [header, _NUMBERS, *_BODY], [],
        text_before="Tabel 3.3 Rumusan Rencana Program dan Kegiatan Tahun 2022",
        edges=(37.0, 61.0, 245.0, 400.0, 480.0, 560.0, 805.0),
    )  # fmt: skip
    second = RawTable(
        4, (37, 110, 805, 530),
        [_HEAD, _NUMBERS, ["II", "PROGRAM LALU LINTAS", "Persentase", "9 %", "Rp. 7.000,-", ""]],
        [], edges=(37.0, 61.0, 246.0, 400.0, 480.0, 562.0, 805.0),
    )  # fmt: skip
    first, second = (replace(t, cells=table(t.grid, {}).cells) for t in (first, second))
    return first, second


def test_the_plans_first_page_under_a_header_not_understood_takes_the_next_pages() -> None:
    """A scan of an unruled plan: on its first page, under the plan table's title, the columns
    were found below most of the header, whose rest (``KINERJA``) and row of column numbers is
    all the table holds above its rows, so no column has a role. The next page repeats the
    header, read whole, over a table of the same columns and width: the first page's rows are
    the plan's first, under that header, from the row after the column numbers. Left out, they
    were lost, and no page was said to be unread (held-out synthetic scan, seed 98, 200 dpi)."""
    from transform.grouping import select_tables

    first, second = _first_pages([None, None, "KINERJA", None, None, None])
    (plan,) = select_tables([first, second])
    assert [(s.table.page, s.first_row) for s in plan.segments] == [(3, 2), (4, 2)]
    assert list(table_rows(plan)["nomor"]) == ["I", "I.1", "II"]
    narrower = replace(second, edges=(37.0, 61.0, 245.0, 400.0, 480.0, 560.0, 700.0))
    (alone,) = select_tables([first, narrower])  # another frame: the first page stays unread
    assert [s.table.page for s in alone.segments] == [4]


def test_the_plans_first_page_under_a_header_read_in_part_takes_the_next_pages() -> None:
    """A scan of an unruled plan: the first page's header is read but for the name column's
    label (``MN aa aa TANAN POGRA AN``), so the header gives roles but is no plan table's, and
    the page's rows were lost (reported as a page not read; held-out synthetic scan at 150
    dpi). The next page prints the plan's header over the same frame, giving the columns the
    first read the same roles: the first page's rows are the plan's first, under that header.
    A first page whose header gives a column another role is another table."""
    from transform.grouping import select_tables

    first, second = _first_pages(["No", "MN aa aa TANAN POGRA AN", *_HEAD[2:]])
    (plan,) = select_tables([first, second])
    assert [(s.table.page, s.first_row) for s in plan.segments] == [(3, 2), (4, 2)]
    assert list(table_rows(plan)["nomor"]) == ["I", "I.1", "II"]
    swapped, _ = _first_pages(["No", "MN aa", "Indikator Kinerja", "Target", "Sumber Dana",
                               "Pagu (Rp)"])  # fmt: skip
    (alone,) = select_tables([swapped, second])
    assert [s.table.page for s in alone.segments] == [4]


def test_the_plans_pages_under_its_header_read_in_part_take_the_header_read_whole() -> None:
    """A scan of an unruled plan: on its first pages the labels of the number and indicator
    columns were garbled (``K0``, ``MOIKATOR``), so the header read as the plan's but
    gave those columns no role, and every row of the pages went out without its number, the
    levels lost (held-out synthetic scan, seed 142, 150 dpi: 0 of 32 nodes). A later page
    prints the same header over the same frame, read whole: the pages before take it. A page
    whose header gives a column another role keeps its own."""
    from transform.grouping import select_tables

    first, second = _first_pages(["K0", "Program/Kegiatan", "MOIKATOR", *_HEAD[3:]])
    (plan,) = select_tables([first, second])
    assert [s.header.roles == plan.segments[-1].header.roles for s in plan.segments] == [True] * 2
    rows = table_rows(plan)
    assert list(rows["nomor"]) == ["I", "I.1", "II"]
    assert list(rows["indikator"])[:2] == ["Persentase", "Dokumen"]
    other, _ = _first_pages(["K0", "Program/Kegiatan", "MOIKATOR", "Sumber Dana", "Pagu (Rp)",
                             "Target"])  # fmt: skip
    (plan,) = select_tables([other, second])
    assert plan.segments[0].header.roles != plan.segments[-1].header.roles


def test_a_page_under_the_plans_title_whose_table_was_not_read_is_a_page_not_read() -> None:
    """A table under the plan table's title that no plan table took in (its header not
    understood, and no page after it with its columns) is named among the pages not read when
    its page prints amounts, so that its rows are not lost without a word; a page of the plan
    read, or one with no amounts (a table of contents that names the plan's title), is not."""
    from renja.reading import titled_unread
    from transform.headers import HeaderMap
    from transform.rows import LogicalTable, Segment

    read = RawTable(4, (0, 0, 800, 500), [["x"]], [])
    plans = [LogicalTable(None, [Segment(read, HeaderMap(), 0)], True)]
    pages = [PageText(2, "Tabel 3.3 Rumusan ... 5", 842, 595),
             PageText(3, "Rp. 542.225.000,- Rp. 26.700.000,-", 842, 595),
             PageText(4, "Rp. 7.000.000,- Rp. 8.000.000", 842, 595)]  # fmt: skip
    unread = titled_unread({2, 3, 4}, plans, pages)
    assert list(unread) == [3]
    assert "title is printed over a table on this page that was not read" in unread[3]


def test_a_repeated_header_read_in_part_is_header_not_a_row() -> None:
    """A scan's continuation page repeats the header, its number and name cells misread
    (``Maa ae Aa RARE``): read as no plan table's header, its rows were taken for body, and the
    header went out as a node named by the garbage. Where the header rows give most of the
    table's column roles to the same columns and none another, they are header; a body row
    that only looks like a header (a program's row with its ``Indikator Kinerja`` label) stays
    body."""
    body = ["I.1", "Perencanaan", "Dokumen", "5", "Rp", "2.000.000", "6", "Rp", "3.000.000"]
    first = table([*HEADER, body], SPANS)
    garbled = [["Maa ae Aa RARE", "MATAANG", "Indikator Kinerja", "Rencana Tahun 2024", None,
                None, "Prakiraan Maju Rencana Tahun 2025", None, None], HEADER[1], HEADER[2],
               ["I.2", "Pelaporan", "Laporan", "4", "Rp", "1.000", "5", "Rp", "2.0"]]  # fmt: skip
    second = replace(table(garbled, SPANS), page=8)
    (plan,) = select_plan_tables([first, second])
    assert [(s.table.page, s.first_row) for s in plan.segments] == [(7, 3), (8, 3)]
    assert list(table_rows(plan)["nomor"]) == ["I.1", "I.2"]
    label = [None, "PROGRAM A", "Indikator Kinerja Program", None, None, None, None, None, None]
    looks = replace(table([label, body], {}), page=8)
    (plan,) = select_plan_tables([first, looks])
    assert [(s.table.page, s.first_row) for s in plan.segments] == [(7, 3), (8, 0)]


def test_a_repeated_header_with_some_labels_misread_gives_way_to_the_tables() -> None:
    """A scan's continuation page repeats the header with the labels of the number and
    indicator columns read as garbage and ``Prakiraan Maju`` lost over the next year's
    columns: read as it stands, the page had no number column (every row lost its number) and
    took the next year's amounts for the plan's. A header that gives fewer columns a role than
    the table's, each the role the table's gives it, on a page of the same columns and width,
    is the table's header read in part: the page takes the table's."""
    edges = tuple(float(x) for x in range(0, 100, 10))
    body = ["I.1", "Perencanaan", "Dokumen", "5", "Rp", "2.000.000", "6", "Rp", "3.000.000"]
    first = replace(table([*HEADER, body], SPANS), edges=edges)
    misread = [["PAN", "Program/Kegiatan", "Wo1kaTon", "Rencana Tahun 2024", None, None,
                "Rencana Tahun 2024", None, None], HEADER[1], HEADER[2],
               ["I.2", "Pelaporan", "Laporan", "4", "Rp", "1.000", "5", "Rp", "2.0"]]  # fmt: skip
    second = replace(table(misread, SPANS), page=8, edges=edges)
    (plan,) = select_plan_tables([first, second])
    assert plan.segments[1].header is plan.segments[0].header
    rows = table_rows(plan)
    assert list(rows["nomor"]) == ["I.1", "I.2"]
    assert list(rows["indikator"]) == ["Dokumen", "Laporan"]
    assert list(rows["pagu_next_raw"])[1] == "Rp 2.0"
