"""The row-to-tree transform on small inline tables: one behaviour per test."""

from decimal import Decimal

import pandas as pd

from transform.hierarchy import build_plan
from transform.rows import ROW_COLUMNS, ValueCell, row_records

DEFAULTS = {c: "" for c in ROW_COLUMNS} | {
    "page": 1, "row": 0, "kode_parts": [], "id_merged": False, "bold": False, "source_table": "3.3",
    "page_top": False,
}  # fmt: skip


def rows(*records: dict) -> pd.DataFrame:
    return pd.DataFrame([DEFAULTS | r for r in records], columns=ROW_COLUMNS)


def split(kode: str) -> list[str]:
    """A code printed over five columns: 2 | 07 | 03 | 2.01 | 01."""
    p = kode.split(".")
    return [p[0], p[1], p[2], ".".join(p[3:5]), ".".join(p[5:])]


def values(frame: pd.DataFrame, *columns: str) -> list[list]:
    """Rows as lists, missing values as None."""
    return [[None if pd.isna(v) else v for v in row] for row in frame[list(columns)].values]


def build(frame: pd.DataFrame, id_columns: bool = True):
    return build_plan(frame, plan_year=2022, has_next=True, id_columns=id_columns)


def amounts(plan, jenis: str = "pagu_indikatif") -> dict[str, Decimal | None]:
    b = plan.budgets[plan.budgets["jenis"] == jenis]
    return dict(zip(b["node_id"], b["amount"], strict=True))


def test_rows_frame_becomes_typed_records() -> None:
    """The rules read typed records: a missing confidence (NaN in a float column) is None, the
    value cells of a measured row are records and a plan row lists none, a box is rounded."""
    frame = rows(
        {"kode_parts": ["2", "07"], "nomor": None, "nama": "A", "pagu_conf": 80.0,
         "pagu_bbox": [10.04, 20, 30.06, 40], "measures": [("target", 2021, "5", 71.5)]},
        {"page": 2, "nama": "B", "pagu_conf": None, "fill": None, "bold": True},
    )  # fmt: skip
    first, second = row_records(frame)
    assert first.kode_parts == ("2", "07") and first.nomor == "" and first.nama == "A"
    assert first.pagu_conf == 80.0 and second.pagu_conf is None
    assert first.pagu_bbox == (10.0, 20.0, 30.1, 40.0) and second.pagu_bbox is None
    assert first.measures == (ValueCell("target", 2021, "5", 71.5),) and second.measures is None
    assert (second.page, second.bold, second.fill, second.id_merged) == (2, True, "", False)


def test_heading_and_goal_rows_before_the_first_program_are_not_nodes() -> None:
    """Seed Tabel 3.3 opens with an urusan heading and tujuan/sasaran rows with targets."""
    plan = build(
        rows(
            {"nama": "Tenaga Kerja"},
            {"indikator": "Tingkat Pengangguran Terbuka", "satuan": "%", "target_raw": "9,06"},
            {"kode_parts": split("2.07.03"), "nama": "PROGRAM PELATIHAN KERJA",
             "pagu_raw": "2.730.000.000"},
        )
    )  # fmt: skip
    assert plan.nodes[["node_id", "kode"]].values.tolist() == [["P01", "2.07.03"]]
    assert plan.indicators.empty


def test_amount_printed_on_a_later_indicator_row_belongs_to_the_node() -> None:
    """Seed: sub kegiatan 2.07.03.2.01.01 prints its pagu on its second indicator row."""
    plan = build(
        rows(
            {"kode_parts": split("2.07.03"), "nama": "PROGRAM PELATIHAN KERJA"},
            {"kode_parts": split("2.07.03.2.01"), "nama": "Pelaksanaan Pelatihan"},
            {"kode_parts": split("2.07.03.2.01.01"), "nama": "Proses Pelaksanaan",
             "indikator": "Jumlah Peserta", "satuan": "org", "target_raw": "105"},
            {"indikator": "Jumlah peserta berbasis kompetensi", "satuan": "org",
             "target_raw": "46", "pagu_raw": "2.100.000.000", "pagu_next_raw": "2.500.000.000",
             "page": 2},
        )
    )  # fmt: skip
    assert amounts(plan)["P01.K01.S01"] == Decimal("2100000000")
    assert amounts(plan, "prakiraan_maju")["P01.K01.S01"] == Decimal("2500000000")
    sub = plan.indicators[plan.indicators["node_id"] == "P01.K01.S01"]
    assert sub["indikator_no"].tolist() == [1, 1, 2, 2]
    assert sub["page"].tolist() == [1, 1, 2, 2]


def test_a_programs_code_read_without_its_own_segment_is_the_one_of_its_kegiatan() -> None:
    """OCR read a program's row of a code split over five columns as ``2 | 07 |``: its own
    segment ``02`` lost (held-out synthetic scan, seed 228 at 150 dpi), or read as no digits.
    As read, the row was no node: its amounts went out as a stated total, and its kegiatan
    under no program. It takes the program code of the kegiatan under it, flagged; from a
    text layer, or where the kegiatan is of another bidang, the row stays as printed."""
    ocr = {"pagu_conf": 95.0}
    records = [
        {"kode_parts": ["2", "07", "", "", ""], "nama": "PROGRAM PEMBERDAYAAN INDUSTRI",
         "pagu_raw": "3.000", **ocr},
        {"kode_parts": split("2.07.02.2.02"), "nama": "Rehabilitasi Lembaga",
         "pagu_raw": "3.000", **ocr},
        {"kode_parts": split("2.07.02.2.02.01"), "nama": "Pendampingan Lembaga",
         "pagu_raw": "3.000", **ocr},
    ]  # fmt: skip
    plan = build(rows(*records))
    assert values(plan.nodes, "kode", "level", "parent_id") == [
        ["2.07.02", "program", None],
        ["2.07.02.2.02", "kegiatan", "P01"],
        ["2.07.02.2.02.01", "sub_kegiatan", "P01.K01"],
    ]
    assert plan.nodes["kode_flag"].iloc[0] == (
        "read as 2.07; read as 2.07.02, the program of the kegiatan under it"
    )
    assert amounts(plan)["P01"] == Decimal("3000")
    # the segment read as no digits (seed 218: ``KU)`` for ``01``), and the rows under it
    # with letters for digits, read in the tree the program gives them
    garbled = [{**records[0], "kode_parts": ["2", "07", "KU)", "", ""]},
               {**records[1], "kode_parts": ["2", "07", "o2", "2.02", ""]}, records[2]]  # fmt: skip
    assert values(build(rows(*garbled)).nodes, "kode", "parent_id") == [
        ["2.07.02", None], ["2.07.02.2.02", "P01"], ["2.07.02.2.02.01", "P01.K01"],
    ]  # fmt: skip
    printed = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert "2.07.02" not in set(printed.nodes["kode"])
    other = [records[0], *({**r, "kode_parts": split("2.08" + kode[4:])} for r, kode in
             zip(records[1:], ("2.07.02.2.02", "2.07.02.2.02.01"), strict=True))]  # fmt: skip
    assert "2.07.02" not in set(build(rows(*other)).nodes["kode"])


def test_code_repeated_on_each_indicator_row_is_one_node() -> None:
    plan = build(
        rows(
            {"kode_parts": ["1.03.11"], "nama": "PROGRAM PENGEMBANGAN", "pagu_raw": "10.000"},
            {"kode_parts": ["1.03.11"], "indikator": "Kedua", "target_raw": "5"},
        )
    )
    assert len(plan.nodes) == 1
    assert plan.indicators["indikator"].tolist() == ["Kedua", "Kedua"]


def test_sub_code_glued_to_the_name_completes_the_code() -> None:
    plan = build(
        rows(
            {"kode_parts": ["2.07.03"], "nama": "PROGRAM A"},
            {"kode_parts": ["2.07.03.2.01"], "nama": "Kegiatan B"},
            {"kode_parts": ["2.07.03.2.01"], "nama": "01 Penyusunan Dokumen"},
        )
    )
    assert plan.nodes["kode"].tolist() == ["2.07.03", "2.07.03.2.01", "2.07.03.2.01.01"]
    assert plan.nodes["nama"].tolist()[-1] == "Penyusunan Dokumen"


def test_a_code_glued_to_the_name_that_ocr_read_in_parts_is_joined_as_the_one_code_it_can_be() -> (
    None
):
    """Codes glued before the names, scanned: OCR read a dot as a space (``2.11.01 1.02.02``),
    lost one (``211.01``) or read it as a comma (``211,02``) or a colon. Read as they stood,
    the first part was the code and the rest the name: the sub kegiatan printed ``2.11.01``
    took its program's place and amounts, and the programs, no code of any level, were dropped
    (held-out synthetic scan, seed 124 at 200 dpi: 18 of 32 nodes, two amounts wrong and
    unflagged). The parts are joined as the one code they can be, flagged with the reading; a
    program's code only before a row named so. A text layer's names are read as printed."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0, "nama_conf": 95.0}
    plan = build(
        rows(
            {"nama": "211.01 PROGRAM RUANG TERBUKA HIJAU", **ocr},
            {"nama": "211.01 1.01 Pendataan Pencemaran Udara", **ocr},
            {"nama": "211.01.1.01.04 Pelaksanaan Kualitas Air", **ocr},
            {"nama": "2.11.01 1.01.05 Sosialisasi Pencemaran Udara", **ocr},
            {"nama": "211,02 PROGRAM PENGENDALIAN PENCEMARAN", **ocr},
            # a dot read as a colon, a speck over it (held-out scan, seed 394 at 150 dpi)
            {"nama": "2.11.02:1.03 Penyediaan Peralatan Kantor", **ocr},
        ),
        id_columns=False,
    )
    assert plan.nodes["kode"].tolist() == [
        "2.11.01", "2.11.01.1.01", "2.11.01.1.01.04", "2.11.01.1.01.05", "2.11.02",
        "2.11.02.1.03",
    ]  # fmt: skip
    assert plan.nodes["nama"].tolist()[2:4] == [
        "Pelaksanaan Kualitas Air",
        "Sosialisasi Pencemaran Udara",
    ]
    assert plan.nodes["kode_flag"].tolist()[3] == (
        "read as 2.11.01 1.01.05; its parts joined as the one code they can be"
    )
    assert plan.nodes["nama"].tolist()[5] == "Penyediaan Peralatan Kantor"
    assert values(plan.nodes, "parent_id") == [
        [None], ["P01"], ["P01.K01"], ["P01.K01"], [None], ["P02"],
    ]  # fmt: skip
    # two parts that read as a program's code, before a row not named one: not joined
    plan = build(
        rows(
            {"nama": "2.11.01 PROGRAM A", **ocr},
            {"nama": "2.01 01 Pendataan", **ocr},
        ),
        id_columns=False,
    )
    assert plan.nodes["kode"].tolist()[0] == "2.11.01"
    assert "2.01.01" not in plan.nodes["kode"].tolist()


def test_generic_penunjang_prefix_is_kept_as_printed() -> None:
    plan = build(
        rows(
            {"kode_parts": ["X", "XX", "01", "", ""], "nama": "PROGRAM PENUNJANG"},
            {"kode_parts": ["X", "XX", "01", "2.01", ""], "nama": "Perencanaan"},
            {"kode_parts": ["X", "XX", "01", "2.01", "01"], "nama": "Penyusunan Dokumen"},
        )
    )
    assert plan.nodes["kode"].tolist() == ["X.XX.01", "X.XX.01.2.01", "X.XX.01.2.01.01"]
    assert values(plan.nodes, "parent_id") == [[None], ["P01"], ["P01.K01"]]


def test_grand_total_rows_are_stated_totals_not_nodes() -> None:
    plan = build(
        rows(
            {"nama": "DINAS TENAGA KERJA", "pagu_raw": "300.000", "pagu_next_raw": "330.000"},
            {"nomor": "I", "nama": "PROGRAM A", "pagu_raw": "300.000"},
            {"nama": "JUMLAH", "pagu_raw": "300.000"},
        )
    )
    assert len(plan.nodes) == 1
    assert [(t.label, t.plan.value) for t in plan.stated_totals] == [
        ("DINAS TENAGA KERJA", Decimal(300000)), ("JUMLAH", Decimal(300000)),
    ]  # fmt: skip


def test_subtotal_row_after_each_program_gives_or_restates_its_amount() -> None:
    """Word and Excel tables close each program with a ``Jumlah`` row: the program's amount
    when its own row prints none (the sum of its kegiatan in every column), else a restatement.
    Neither is a total of the table; the last row, the sum of all programs, is."""
    plan = build(
        rows(
            {"nomor": "I", "nama": "PROGRAM A"},
            {"nomor": "I.1", "nama": "Kegiatan A1", "pagu_raw": "100", "pagu_next_raw": "110"},
            {"nomor": "I.2", "nama": "Kegiatan A2", "pagu_raw": "200", "pagu_next_raw": "220"},
            {"nama": "Jumlah", "pagu_raw": "300", "pagu_next_raw": "330"},
            {"nomor": "II", "nama": "PROGRAM B", "pagu_raw": "50", "pagu_next_raw": "55"},
            {"nomor": "II.1", "nama": "Kegiatan B1", "pagu_raw": "50", "pagu_next_raw": "55"},
            {"nama": "Sub Total", "pagu_raw": "50", "pagu_next_raw": "55"},
            {"nama": "JUMLAH", "pagu_raw": "350", "pagu_next_raw": "385"},
        )
    )
    assert amounts(plan) == {"P01": 300, "P01.K01": 100, "P01.K02": 200, "P02": 50, "P02.K01": 50}
    assert amounts(plan, "prakiraan_maju")["P01"] == 330
    assert [(t.label, t.plan.value) for t in plan.stated_totals] == [("JUMLAH", Decimal(350))]
    assert [(t.label, t.plan.value) for t in plan.subtotals] == [("Sub Total", Decimal(50))]


def test_subtotal_row_that_does_not_add_up_stays_a_stated_total() -> None:
    """A ``Jumlah`` row that is neither the program's own amount nor the sum of its kegiatan
    is not taken as the program's: it is kept as a stated total, so that the checks report it."""
    plan = build(
        rows(
            {"nomor": "I", "nama": "PROGRAM A"},
            {"nomor": "I.1", "nama": "Kegiatan A1", "pagu_raw": "100", "pagu_next_raw": "110"},
            {"nama": "Jumlah", "pagu_raw": "999", "pagu_next_raw": "110"},
            {"nomor": "II", "nama": "PROGRAM B", "pagu_raw": "50", "pagu_next_raw": "55"},
            {"nomor": "II.1", "nama": "Kegiatan B1", "pagu_raw": "50", "pagu_next_raw": "55"},
            {"nama": "Jumlah", "pagu_raw": "50", "pagu_next_raw": "55"},
        )
    )
    assert amounts(plan)["P01"] is None
    assert [(t.label, t.plan.value) for t in plan.stated_totals] == [("Jumlah", Decimal(999))]
    assert [t.plan.value for t in plan.subtotals] == [Decimal(50)]  # the last program's own


def test_name_cut_by_a_page_break_is_joined() -> None:
    plan = build(
        rows(
            {"nomor": "I", "nama": "PROGRAM PENUNJANG URUSAN"},
            {"nama": "PEMERINTAHAN DAERAH", "page": 2, "page_top": True},
        )
    )
    assert plan.nodes["nama"].tolist() == ["PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"]


def test_row_split_by_a_page_break_continues_name_and_indicator() -> None:
    """Word splits a tall row over two pages: the second part has text but no numbers."""
    plan = build(
        rows(
            {"nomor": "I.1.1", "nama": "Penyediaan Jasa Komunikasi,", "indikator": "Jumlah",
             "satuan": "bulan", "target_raw": "12", "pagu_raw": "780.000.000"},
            {"nama": "Sumber Daya Air dan Listrik", "indikator": "laporan yang disediakan",
             "page": 2, "page_top": True},
            {"indikator": "Indikator kedua", "target_raw": "3", "page": 2},
        ),
        id_columns=False,
    )  # fmt: skip
    assert plan.nodes["nama"].tolist() == [
        "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik"
    ]
    first = plan.indicators[plan.indicators["tahun"] == 2022]
    assert first["indikator"].tolist() == ["Jumlah laporan yang disediakan", "Indikator kedua"]
    assert first["target"].tolist() == [12.0, 3.0]


def test_rest_of_a_cut_row_with_only_a_lokasi_and_units_finishes_the_row_above() -> None:
    """The page break left only the end of the lokasi and the targets' units: no name, no
    indicator. They finish the cells above, and the targets keep their unit."""
    plan = build(
        rows(
            {"nomor": "I.1.1", "nama": "Pembinaan Imunisasi", "indikator": "Jumlah Dokumen",
             "lokasi": "Kabupaten",
             "target_raw": "337", "target_next_raw": "337", "pagu_raw": "92.900.000"},
            {"lokasi": "Gowa", "target_raw": "dokumen", "target_next_raw": "dokumen", "page": 2,
             "page_top": True},
        ),
        id_columns=False,
    )  # fmt: skip
    first = plan.indicators[plan.indicators["tahun"] == 2022]
    assert values(first, "lokasi", "target", "satuan") == [["Kabupaten Gowa", 337.0, "dokumen"]]


def test_rest_of_a_cut_row_read_with_the_next_indicator_keeps_both() -> None:
    """A borderless table sets the rest of a row that a page break cut (name and lokasi) as
    close above the node's next indicator line as a cell's own lines: read as one row, its
    words finish the name above, and its indicator and targets are the node's next."""
    plan = build(
        rows(
            {"kode_parts": split("2.07.02.2.02.04"), "nama": "Penyelenggaraan Informasi Pasar",
             "indikator": "Jumlah Dokumen", "target_raw": "15", "pagu_raw": "25.636.000"},
            {"nama": "Kerja Tingkat Kecamatan", "indikator": "Jumlah Kegiatan",
             "target_raw": "14", "page": 3, "page_top": True},
            {"kode_parts": split("2.07.02.2.02.06"), "nama": "Verifikasi Laporan",
             "indikator": "Jumlah Lembaga", "target_raw": "51", "pagu_raw": "18.877.000",
             "page": 3},
        )
    )  # fmt: skip
    assert plan.nodes["nama"].tolist() == [
        "Penyelenggaraan Informasi Pasar Kerja Tingkat Kecamatan",
        "Verifikasi Laporan",
    ]
    first = plan.indicators[plan.indicators["tahun"] == 2022]
    assert first["indikator"].tolist() == ["Jumlah Dokumen", "Jumlah Kegiatan", "Jumlah Lembaga"]
    assert first["target"].tolist() == [15.0, 14.0, 51.0]


def test_rest_of_a_name_beside_the_nodes_next_indicator_finishes_the_name() -> None:
    """A name cell merged down the node's indicator rows, read without the rules that box it:
    the name's second line stands in the row of the node's second indicator, on the same page.
    It finishes the name (it was dropped, the name going out short with status ok)."""
    plan = build(
        rows(
            {"kode_parts": split("1.02.01.2.03.06"), "nama": "Pembinaan Sumber Daya Manusia",
             "indikator": "Jumlah Bulan Pelayanan", "target_raw": "19",
             "pagu_raw": "15.005.000"},
            {"nama": "Kesehatan Berbasis Masyarakat", "indikator": "Jumlah Orang",
             "target_raw": "481"},
            {"kode_parts": split("1.02.01.2.03.11"), "nama": "Koordinasi Imunisasi Dasar",
             "indikator": "Jumlah Dokumen", "target_raw": "7", "pagu_raw": "14.700.000"},
        )
    )  # fmt: skip
    assert plan.nodes["nama"].tolist() == [
        "Pembinaan Sumber Daya Manusia Kesehatan Berbasis Masyarakat",
        "Koordinasi Imunisasi Dasar",
    ]
    first = plan.indicators[plan.indicators["tahun"] == 2022]
    assert first["indikator"].tolist() == ["Jumlah Bulan Pelayanan", "Jumlah Orang",
                                           "Jumlah Dokumen"]  # fmt: skip


def test_numbering_anomaly_keeps_the_printed_number_and_the_position() -> None:
    """Sumut prints VIII.3 under program VII: by position it is VII's third kegiatan."""
    plan = build(
        rows(
            {"nomor": "VII", "nama": "PROGRAM PERLINDUNGAN KHUSUS ANAK"},
            {"nomor": "VII.1", "nama": "Satu"},
            {"nomor": "VIII.3", "nama": "Tiga"},
            {"nomor": "VIII.3.1", "nama": "Tiga satu"},
        )
    )
    assert values(plan.nodes, "nomor", "parent_id") == [
        ["VII", None], ["VII.1", "P01"], ["VIII.3", "P01"], ["VIII.3.1", "P01.K02"],
    ]  # fmt: skip


def test_unreadable_amount_is_null_flagged_and_keeps_its_text() -> None:
    plan = build(rows({"nomor": "I", "nama": "PROGRAM A", "pagu_raw": "1.156,140,000"}))
    row = plan.budgets[plan.budgets["jenis"] == "pagu_indikatif"].iloc[0]
    assert row["amount"] is None
    assert row["amount_raw"] == "1.156,140,000"
    assert row["amount_flag"] == "mixed thousands and decimal separators"


def test_without_codes_or_numbers_bold_rows_are_kegiatan() -> None:
    plan = build(
        rows(
            {"nama": "PROGRAM A", "bold": True},
            {"nama": "Kegiatan bold", "bold": True},
            {"nama": "Sub biasa"},
            {"nama": "Sub kedua"},
        ),
        id_columns=False,
    )
    assert plan.nodes["level"].tolist() == ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan"]


def test_without_codes_a_pages_first_row_stating_no_amount_finishes_the_row_above() -> None:
    """A page break cut a sub kegiatan's row: the next page opens with the rest of its name
    and its next indicator, no amount. With no code nor number, its style made it a sub
    kegiatan of its own ("dan Angkutan Umum": docx 1006, status ok). A node states its amount
    on its first line: the row is the rest of the one above. A bold row there, at another
    level than the node above, is a kegiatan of its own. On a page read by OCR, which may
    have lost a printed amount, the row stays a node."""
    records = [
        {"nama": "PROGRAM A", "bold": True, "pagu_raw": "3.000"},
        {"nama": "Kegiatan bold", "bold": True, "pagu_raw": "3.000"},
        {
            "nama": "Penyusunan Kapasitas",
            "indikator": "Jumlah Lembaga",
            "target_raw": "3",
            "pagu_raw": "1.000",
        },
        {
            "nama": "dan Angkutan Umum",
            "indikator": "Jumlah Orang",
            "target_raw": "7",
            "page": 3,
            "page_top": True,
        },
        {
            "nama": "Sub kedua",
            "indikator": "Jumlah Dokumen",
            "target_raw": "2",
            "pagu_raw": "2.000",
            "page": 3,
        },
        {
            "nama": "Kegiatan lain",
            "bold": True,
            "indikator": "Jumlah Paket",
            "target_raw": "5",
            "page": 4,
            "page_top": True,
        },
    ]
    plan = build(rows(*records), id_columns=False)
    assert values(plan.nodes, "level", "nama") == [
        ["program", "PROGRAM A"],
        ["kegiatan", "Kegiatan bold"],
        ["sub_kegiatan", "Penyusunan Kapasitas dan Angkutan Umum"],
        ["sub_kegiatan", "Sub kedua"],
        ["kegiatan", "Kegiatan lain"],
    ]
    indicators = plan.indicators.drop_duplicates("indikator")
    assert values(indicators, "node_id", "indikator") == [
        ["P01.K01.S01", "Jumlah Lembaga"],
        ["P01.K01.S01", "Jumlah Orang"],
        ["P01.K01.S02", "Jumlah Dokumen"],
        ["P01.K02", "Jumlah Paket"],
    ]
    records[3] = {**records[3], "nama_conf": 91.0, "target_conf": 93.0}
    scanned = build(rows(*records), id_columns=False)
    assert len(scanned.nodes) == 6


def test_under_a_program_a_filled_row_read_by_ocr_is_a_kegiatan_bold_or_not() -> None:
    """sumut-2025 with two pages scanned at 150 dpi: its kegiatan, shaded and numbered 1, 2
    under a program whose ``I`` the scan lost, as its sub kegiatan are, were told by no number
    and no style (OCR's grey is no style of the text pages' colour), and fell to the rule that
    under a program a kegiatan is set off. OCR read the one on page 77 plain and those on page
    78 bold, judging bold against each page's own text, and the first became a sub kegiatan.
    Read by OCR, a row is set off by its fill too, which OCR measures; in a text layer by its
    weight only, as before."""
    from transform.hierarchy import _Builder

    builder = _Builder(has_next=True, id_columns=True)
    builder.add_row(row_records(rows({"nama": "PROGRAM A", "pagu_raw": "1.000"}))[0])
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0, "nama_conf": 95.0}
    plain, bold, sub, typed = row_records(
        rows(
            {"nomor": "1", "nama": "Kegiatan plain", "fill": "0.88", **ocr},
            {"nomor": "2", "nama": "Kegiatan bold", "fill": "0.88", "bold": True, **ocr},
            {"nomor": "1", "nama": "Sub satu", **ocr},
            {"nomor": "1", "nama": "Kegiatan typed", "fill": "0.88", "pagu_raw": "1.000"},
        )
    )
    assert [builder._below_program(r) for r in (plain, bold, sub, typed)] == [
        "kegiatan", "kegiatan", "sub_kegiatan", "sub_kegiatan",
    ]  # fmt: skip


def test_unit_printed_in_the_target_cell_becomes_satuan() -> None:
    plan = build(
        rows({"nomor": "I.1.1", "nama": "Sub", "indikator": "Dokumen", "target_raw": "12 dokumen",
              "target_next_raw": "12 dokumen"}),
    )  # fmt: skip
    got = plan.indicators[["tahun", "target", "satuan", "target_raw"]].values.tolist()
    assert got == [[2022, 12.0, "dokumen", "12 dokumen"], [2023, 12.0, "dokumen", "12 dokumen"]]


def test_codes_printed_in_part_per_level_are_made_whole() -> None:
    """Each level prints only its own segments, in the code column or before the name."""
    expected = ["2.07.03", "2.07.03.2.01", "2.07.03.2.01.01", "2.07.03.2.01.02"]
    in_column = build(
        rows(
            {"kode_parts": ["2.07"], "nama": "URUSAN TENAGA KERJA"},
            {"kode_parts": ["2.07.03"], "nama": "PROGRAM PELATIHAN KERJA"},
            {"kode_parts": ["2.01"], "nama": "Pelaksanaan Pelatihan"},
            {"kode_parts": ["01"], "nama": "Proses Pelaksanaan"},
            {"kode_parts": ["02"], "nama": "Pengukuran"},
            {"kode_parts": ["2.08"], "nama": "URUSAN TRANSMIGRASI"},
        )
    )
    assert in_column.nodes["kode"].tolist() == expected
    assert in_column.nodes["nama"].tolist()[-1] == "Pengukuran"  # the heading joined nothing
    glued = build(
        rows(
            {"nama": "2.07.03 PROGRAM PELATIHAN KERJA"},
            {"nama": "2.01 Pelaksanaan Pelatihan"},
            {"nama": "01 Proses Pelaksanaan"},
            {"nama": "02 Pengukuran"},
        ),
        id_columns=False,
    )
    assert glued.nodes["kode"].tolist() == expected
    assert glued.nodes["nama"].tolist()[1:] == [
        "Pelaksanaan Pelatihan", "Proses Pelaksanaan", "Pengukuran",
    ]  # fmt: skip


def test_unit_set_above_its_number_in_a_narrow_cell() -> None:
    """Sumut's evaluation prints "orang" on the line above "82" in one cell: value and unit;
    a cell whose lines interleave digits and letters stays unread, with its text."""
    from transform.hierarchy import parse_target

    value, satuan = parse_target("orang 82", "")
    assert (value.value, value.raw, value.flag, satuan) == (Decimal(82), "orang 82", None, "orang")
    value, satuan = parse_target("layana 3600 n", "")
    assert (value.value, value.raw, satuan) == (None, "layana 3600 n", "")
    assert value.flag is not None


def test_code_read_without_a_dot_is_regrouped_under_its_parent_and_flagged() -> None:
    """OCR read ``2.01`` as ``201`` in a sub kegiatan's code: the digits make exactly one
    well-formed code, under the kegiatan above, so the node and its siblings stay in place and
    the reading is kept in ``kode_flag``."""
    plan = build(
        rows(
            {"kode_parts": split("2.07.01"), "nama": "PROGRAM PENUNJANG"},
            {"kode_parts": split("2.07.01.2.01"), "nama": "Perencanaan"},
            {"kode_parts": ["2", "07", "01", "201", "02"], "nama": "Koordinasi RKA",
             "pagu_raw": "200.000.000"},
            {"kode_parts": split("2.07.01.2.01.03"), "nama": "Evaluasi Kinerja"},
        )
    )  # fmt: skip
    assert values(plan.nodes, "node_id", "kode", "kode_flag") == [
        ["P01", "2.07.01", None],
        ["P01.K01", "2.07.01.2.01", None],
        [
            "P01.K01.S01",
            "2.07.01.2.01.02",
            "read as 2.07.01.201.02; regrouped to the code format under 2.07.01.2.01",
        ],
        ["P01.K01.S02", "2.07.01.2.01.03", None],
    ]


def test_code_read_without_any_dot_is_regrouped_not_appended_to_its_kegiatan() -> None:
    """OCR lost every dot of ``1.03.11 1.01.0014`` (a scan of an Excel Renja, 4-digit sub
    kegiatan codes): ``10311 1010014``. Taken as a sub kegiatan's own segment, it was hung on
    the kegiatan's code (``1.03.11.1.01.103111010014``); its digits make one well-formed code,
    under the kegiatan above, which the node takes with the reading flagged."""
    plan = build(
        rows(
            {"kode_parts": ["1.03.11"], "nama": "PROGRAM PENYELENGGARAAN JASA KONSTRUKSI"},
            {"kode_parts": ["1.03.11.1.01"], "nama": "Penyelenggaraan Pelatihan"},
            {"kode_parts": ["1.03.11 1.01.0013"], "nama": "Penyediaan SOP",
             "pagu_raw": "5.432.000,00"},
            {"kode_parts": ["10311 1010014"], "nama": "Fasilitasi Sertifikasi",
             "pagu_raw": "3.626.650.004,00"},
        )
    )  # fmt: skip
    assert values(plan.nodes, "kode", "kode_flag")[-1] == [
        "1.03.11.1.01.0014",
        "read as 103111010014; regrouped to the code format under 1.03.11.1.01",
    ]


def test_code_that_regroups_away_from_its_parent_is_kept_as_read() -> None:
    """A pre-2019 code (``307.01.001``) also regroups to a well-formed code, but not under the
    node above it: it is not rewritten."""
    plan = build(
        rows(
            {"kode_parts": split("2.07.01"), "nama": "PROGRAM PENUNJANG"},
            {"kode_parts": ["307.01.001"], "nama": "Kegiatan lama", "pagu_raw": "1.000"},
        )
    )  # fmt: skip
    assert plan.nodes["kode_flag"].isna().all()
    assert "3.07.01.0.01" not in set(plan.nodes["kode"])


def test_a_code_misread_by_ocr_is_read_where_it_fits_the_tree_and_flagged() -> None:
    """OCR reads ``05`` as ``0S`` in a program's code and a speck as a dot inside ``04`` of a
    sub kegiatan's: each has one well-formed reading, in the program's bidang and under the
    kegiatan above, so the node keeps its code, flagged with what was read. The same letters
    in a text layer are the document's own: no code."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = (
        {"kode_parts": split("2.07.04"), "nama": "PROGRAM PENEMPATAN", **ocr},
        {"kode_parts": split("2.07.04.2.01"), "nama": "Pelayanan", **ocr},
        {"kode_parts": ["2", "07", "0.4", "2.01", "05"], "nama": "Perluasan", **ocr},
        {"kode_parts": ["2", "07", "0S", "", ""], "nama": "PROGRAM HUBUNGAN INDUSTRIAL", **ocr},
        {"kode_parts": ["2", "07", "0S", "2.0l", ""], "nama": "Pengesahan", **ocr},
        {"kode_parts": ["3", "O2", "0S", "", ""], "nama": "PROGRAM LAIN", **ocr},
    )
    plan = build(rows(*records))
    assert values(plan.nodes, "kode", "kode_flag") == [
        ["2.07.04", None],
        ["2.07.04.2.01", None],
        ["2.07.04.2.01.05", "read as 2.07.0.4.2.01.05; regrouped to the code format under "
                            "2.07.04.2.01"],
        ["2.07.05", "read as 2.07.0S; read as a program code of bidang 2.07"],
        ["2.07.05.2.01", "read as 2.07.0S.2.0l; regrouped to the code format under 2.07.05"],
        [None, None],  # another bidang than the program before: not guessed
    ]  # fmt: skip
    digital = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert not {"2.07.05", "2.07.05.2.01"} & set(digital.nodes["kode"])
    # a dot too many or too few is put back in any layer, as the dots are no letters
    assert digital.nodes["kode_flag"].notna().sum() == 1


def test_the_first_programs_code_read_with_a_letter_in_its_own_part_is_read() -> None:
    """A split-code scan at 150 dpi read the first program's ``01`` as ``o1`` and the kegiatan
    rows' program part as ``ot``, their own part ``201``, a dot lost (held-out synthetic scan,
    seed 138, 150 dpi: 20 of 41 nodes). With no program before it to give its bidang, the
    first program's code went out null, and every row under it, its parts taken from nothing,
    lost its code and level. Its urusan and bidang read as printed, a letter read in its own
    part only: its reading is taken, flagged; and the kegiatan under it take their parts from
    it. A letter in the bidang of the first program is not guessed."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = (
        {"kode_parts": ["2", "07", "o1", "", ""], "nama": "PROGRAM PENUNJANG", **ocr},
        {"kode_parts": ["2", "07", "ot", "201", ""], "nama": "Fasilitasi", **ocr},
        {"kode_parts": ["2", "07", "ot", "2.01", "02"], "nama": "Pengembangan", **ocr},
    )
    plan = build(rows(*records))
    assert values(plan.nodes, "kode", "kode_flag") == [
        ["2.07.01", "read as 2.07.o1; read as the program code 2.07.01"],
        ["2.07.01.2.01", "read as 2.07.ot.201; regrouped to the code format under 2.07.01"],
        ["2.07.01.2.01.02", "read as 2.07.ot.2.01.02; regrouped to the code format under "
                            "2.07.01.2.01"],
    ]  # fmt: skip
    bidang = build(rows({**records[0], "kode_parts": ["2", "O7", "01", "", ""]}))
    assert values(bidang.nodes, "kode") == [[None]]
    digital = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert "2.07.01" not in set(digital.nodes["kode"])


def test_code_parts_ocr_left_unread_are_taken_from_the_node_above() -> None:
    """A 150 dpi scan of a code printed over five columns read the bidang ``11`` as ``1`` or
    not at all and the program ``01`` as ``Ot``: the sub kegiatan's own part was read, and the
    parts above it are its kegiatan's, printed above it. They are taken from there when every
    part read agrees, and the reading is kept in the flag. A part read as another number of its
    width and a text layer's parts stay as printed; a part read that disagrees leaves the row
    without a code, not one joined over the gap."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = (
        {"kode_parts": split("2.11.01"), "nama": "PROGRAM A", **ocr},
        {"kode_parts": split("2.11.01.1.01"), "nama": "Kegiatan B", **ocr},
        {"kode_parts": ["2", "1", "Ot", "1.01", "07"], "nama": "Sub C", **ocr},
        {"kode_parts": ["2", "", "Ot", "1.04", ""], "nama": "Kegiatan D", **ocr},
        {"kode_parts": ["2", "11", "01", "1.04", "Ot"], "nama": "Sub E", **ocr},
        {"kode_parts": ["2", "11", "Oo", "1.04", "05"], "nama": "Sub H", **ocr},
        {"kode_parts": ["2", "12", "O1", "1.04", "02"], "nama": "Sub F", **ocr},
        {"kode_parts": ["3", "", "01", "1.04", "03"], "nama": "Sub G", **ocr},
    )
    plan = build(rows(*records))
    assert values(plan.nodes, "kode", "kode_flag") == [
        ["2.11.01", None],
        ["2.11.01.1.01", None],
        ["2.11.01.1.01.07", "read as 2 | 1 | Ot | 1.01 | 07; the parts not read taken from "
                            "2.11.01.1.01 above it"],
        ["2.11.01.1.04", "read as 2 | - | Ot | 1.04; the parts not read taken from 2.11.01 "
                         "above it"],
        ["2.11.01.1.04.01", "read as 2.11.01.1.04.Ot; regrouped to the code format under "
                            "2.11.01.1.04"],
        ["2.11.01.1.04.05", "read as 2 | 11 | Oo | 1.04 | 05; the parts not read taken from "
                            "2.11.01.1.04 above it"],
    ]  # fmt: skip
    # Sub H's program part read with letters, ``Oo`` for ``01`` (held-out synthetic scan, seed
    # 238 at 150 dpi), is no reading of its digits (``00``) that disagrees: it is in doubt, as
    # one left empty. Sub E, its own part read with a letter (``Ot`` for ``01``, as OCR reads a
    # narrow cell's ``01`` in program and sub kegiatan parts alike), is read so and flagged;
    # Sub F, read
    # whole in another bidang, is no node of this tree (``_regrouped``): it is not guessed; nor
    # is Sub G, whose urusan read 3 leaves its gap unfilled (joined over it, its parts read
    # 3.01.01.4.03)
    digital = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert digital.nodes["kode_flag"].isna().all()
    assert "2.11.01.1.01.07" not in set(digital.nodes["kode"])


def test_a_program_whose_number_ocr_lost_still_numbers_the_rows_under_it() -> None:
    """A whole table scanned at 150 dpi: the lone ``II`` of a program row was lost, and the rows
    under it, ``II.1`` / ``II.1.1`` read ``111`` / ``1111``, were read in the sequence of the
    last program read, as ``I.11`` and ``I.11.1``, flagged as sure readings. A row named
    ``PROGRAM ...`` read by OCR is a program's number, one segment, whatever was read of it;
    its own number, lost, is the next program's, where the rows before it are read without a
    doubt, and the rows under it follow it (``II.1``, ``II.1.1``: ``I.11`` breaks the sequence).
    Unanchored, ``111`` may as well be ``I.11`` or ``III``, and the numbers stay as read. An
    ``Il`` read in a program's row is ``II``, and a Roman numeral read in lower case (``Iv``)
    is read as one."""
    from transform.numbering import read_nomors

    nomors = ["I", "I.1", "I.1.1", "", "111", "1111"]
    ocr = [False, False, False, True, True, True]
    programs = [True, False, False, True, False, False]
    assert read_nomors(nomors, ocr) == [(n, None) for n in nomors]  # unanchored
    anchored = read_nomors(nomors, ocr, programs)
    assert [n for n, _ in anchored][3:] == ["II", "II.1", "II.1.1"]
    assert anchored[3][1] == "read as nothing; read as II, the next program"
    named = read_nomors(["I", "I.1", "I.1.1", "Il", "II.1"], ocr[:5], programs[:5])
    assert named[3] == ("II", "read as Il; read as II, the number that fits the rows around it")
    # the table's first program, its I lost, is program I: a sub kegiatan 111 under it is I.1.1,
    # no II.1 under a program II (the next program, when its number is lost, is the next one)
    first = read_nomors(
        ["", "1", "111", "1.2", "II", "II.1"], [True] * 4 + [False] * 2, [True] + [False] * 5
    )
    assert [n for n, _ in first][2:4] == ["I.1.1", "I.2"]
    # a Roman five read in lower case, as a program's lone number often is
    lower = read_nomors(["III", "III.1", "Iv", "Iv.1"], [False, False, True, True])
    assert [n for n, _ in lower] == ["III", "III.1", "IV", "IV.1"]


def test_row_numbers_misread_by_ocr_are_read_in_the_tables_numbering() -> None:
    """On a coarse scan OCR reads the Roman ``I`` of ``I.2.1`` as ``1`` or ``L`` and loses the
    dot after it (``12.1``): read so, a sub kegiatan would be a kegiatan. Where the table numbers
    ``I`` / ``I.1`` / ``I.1.1`` (its text layer prints ``II.1``), each number read by OCR is
    read as the one number of that numbering that fits the rows around it, and flagged. The same
    characters in a text layer are the document's own and stay as printed."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = (
        {"nomor": "I", "nama": "PROGRAM PENUNJANG", **ocr},
        {"nomor": "L1", "nama": "Perencanaan", **ocr},
        {"nomor": "L1.1", "nama": "Penyusunan Dokumen", **ocr},
        {"nomor": "1.2", "nama": "Administrasi Keuangan", **ocr},
        {"nomor": "12.1", "nama": "Penyediaan Gaji", **ocr},
        {"nomor": "12.2", "nama": "Pelaksanaan Penatausahaan", **ocr},
        {"nomor": "13", "nama": "Administrasi Kepegawaian", **ocr},
        {"nomor": "II", "nama": "PROGRAM PENGARUSUTAMAAN GENDER", "pagu_raw": "1.000", "page": 2},
        {"nomor": "II.1", "nama": "Pelembagaan PUG", "pagu_raw": "1.000", "page": 2},
    )
    plan = build(rows(*records))
    assert values(plan.nodes, "nomor", "level") == [
        ["I", "program"], ["I.1", "kegiatan"], ["I.1.1", "sub_kegiatan"], ["I.2", "kegiatan"],
        ["I.2.1", "sub_kegiatan"], ["I.2.2", "sub_kegiatan"], ["I.3", "kegiatan"],
        ["II", "program"], ["II.1", "kegiatan"],
    ]  # fmt: skip
    flags = list(plan.nodes["kode_flag"])
    assert flags[4] == "read as 12.1; read as I.2.1, the number that fits the rows around it"
    assert [pd.isna(f) for f in flags] == [True, False, False, False, False, False, False, True,
                                           True]  # fmt: skip
    digital = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert list(digital.nodes["nomor"])[1:7] == ["L1", "L1.1", "1.2", "12.1", "12.2", "13"]
    assert digital.nodes["kode_flag"].isna().all()


def test_a_table_read_whole_by_ocr_is_known_roman_by_its_other_numerals() -> None:
    """A whole plan table scanned, no page of text to show its numbering: OCR read every Roman
    ``I`` as ``1`` and lost dots (``12.1``), so the numbers that start ``1`` look Arabic; its
    programs ``II`` and ``III`` and their ``II.1`` show the numbering is Roman, and the rest are
    read in it (taken for Arabic, ``12.1`` was a kegiatan of a program 12)."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    numbers = ("1", "11", "1.2", "12.1", "12.2", "II", "II.1", "III", "III.1")
    plan = build(rows(*({"nomor": n, "nama": f"Baris {n}", **ocr} for n in numbers)))
    assert values(plan.nodes, "nomor", "level") == [
        ["I", "program"], ["I.1", "kegiatan"], ["I.2", "kegiatan"], ["I.2.1", "sub_kegiatan"],
        ["I.2.2", "sub_kegiatan"], ["II", "program"], ["II.1", "kegiatan"], ["III", "program"],
        ["III.1", "kegiatan"],
    ]  # fmt: skip


def test_a_number_misread_two_ways_is_left_as_read() -> None:
    """``11`` read by OCR in an Arabic numbering after ``10`` is the program ``11``: it follows
    as read, and is not taken for ``1.1``."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = [{"nomor": "1.1", "nama": "Kegiatan satu", "pagu_raw": "1.000", "page": 2}]
    records += [{"nomor": n, "nama": f"Baris {n}", **ocr} for n in ("10", "10.1", "11", "11.1")]
    plan = build(rows(*records))
    assert list(plan.nodes["nomor"]) == ["1.1", "10", "10.1", "11", "11.1"]
    assert plan.nodes["kode_flag"].isna().all()


def test_a_number_whose_first_stroke_ocr_lost_is_read_in_the_tables_numbering() -> None:
    """The Roman ``I`` that starts ``I.2.1`` stands by its cell's left rule, a thin upright that
    OCR loses into the rule or reads ``|``, which is dropped as the rule's remnant: read ``21``,
    the row is the sub kegiatan ``I.2.1`` that its neighbours call for, and flagged. Where
    nothing calls for it, a number that reads as printed stays (``2.1`` between ``2`` and
    ``2.2`` of an Arabic numbering)."""
    from transform.numbering import read_nomors

    nomors = ["I", "I.1", "I.1.1", "I.2", "21", "I.2.2", "I.3"]
    read = read_nomors(nomors, [True] * 7, [True] + [False] * 6)
    assert [n for n, _ in read] == ["I", "I.1", "I.1.1", "I.2", "I.2.1", "I.2.2", "I.3"]
    assert read[4][1] == "read as 21; read as I.2.1, the number that fits the rows around it"
    assert [f for _, f in read].count(None) == 6
    arabic = read_nomors(
        ["1", "1.1", "2", "2.1", "2.2"], [True] * 5, [True, False, True] + [False] * 2
    )
    assert [n for n, _ in arabic] == ["1", "1.1", "2", "2.1", "2.2"]
    assert all(f is None for _, f in arabic)


def test_a_table_whose_every_dot_ocr_lost_is_read_in_its_dotted_numbering() -> None:
    """A Roman-numbered page scanned at 150 dpi (held-out synthetic scan, seed 176) read with
    no dot at all: ``I.1.2`` as ``112``, ``I.1.4`` as ``I14``, ``II.1.1`` as ``N1.1``, the
    programs' ``I`` and ``II`` lost. No dotted number told the numbering, so the numbers were
    kept as read and every row under a program was a kegiatan: 0 of 17 nodes. Read with their
    dots put back the numbers follow each other; read as running numbers they do not (``124``
    then ``13``). Running numbers, and a run read as such, stay as read."""
    from transform.numbering import read_nomors

    nomors = [None, "in)", "1", "112", "113", "I14", "ta", "121", "122", "123", "124", "13",
              "131", None, "Ha", "N1.1", "112"]  # fmt: skip
    programs = [True] + [False] * 12 + [True] + [False] * 3
    read = read_nomors(nomors, [True] * 17, programs, [True] * 17)
    assert [n for n, _ in read] == [
        "I", "I.1", "I.1.1", "I.1.2", "I.1.3", "I.1.4", "I.2", "I.2.1", "I.2.2", "I.2.3", "I.2.4",
        "I.3", "I.3.1", "II", "II.1", "II.1.1", "II.1.2",
    ]  # fmt: skip
    assert read[3][1] == "read as 112; read as I.1.2, the number that fits the rows around it"
    running = [str(n) for n in range(11, 28)]
    assert read_nomors(running, [True] * 17, programs, [True] * 17) == [(n, None) for n in running]


def test_a_table_read_whole_by_ocr_with_every_roman_one_read_as_a_digit_is_read_roman() -> None:
    """A table without rules scanned whole, no text layer to show its numbering: OCR read each
    Roman ``I`` as ``1`` (``I.1.3`` as ``11.3``, ``II.1.1`` as ``Il1.1``), lost dots, and read
    a ``.1`` as a ``4`` or a number as a speck (``Ih)``, ``u``). First segments of ones that are
    no Roman numeral as read, and no other digit (``2.1``), tell a Roman numbering; each row is
    then read as the number that follows the one before it, at the least damage. Where the
    table prints ``2.1``, it stays Arabic."""
    from transform.numbering import read_nomors

    nomors = [")", "Ih)", "1", "112", "11.3", "11.4", "12", "121", "", "u", "Il1.1"]
    programs = [True] + [False] * 7 + [True, False, False]
    read = read_nomors(nomors, [True] * len(nomors), programs)
    assert [n for n, _ in read] == ["I", "I.1", "I.1.1", "I.1.2", "I.1.3", "I.1.4", "I.2",
                                    "I.2.1", "II", "II.1", "II.1.1"]  # fmt: skip
    assert read[4][1] == "read as 11.3; read as I.1.3, the number that fits the rows around it"
    # no number tells but the programs': the later ones read with no digit but one (``II``
    # lost, ``III`` read ``1)``) are Roman, where Arabic ones print ``2`` and ``3``
    programs = [True, False, False, False, True, False, False, True, False]
    romans = read_nomors(["", "1.1", "1.1.1", "1.2", "", "na", "1.2", "1)", "IL"], [True] * 9,
                         programs)  # fmt: skip
    assert [n for n, _ in romans][:6] == ["I", "I.1", "I.1.1", "I.2", "II", "II.1"]
    digits = read_nomors(["", "1.1", "1.1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"], [True] * 9,
                         programs)  # fmt: skip
    assert [n for n, _ in digits] == ["1", "1.1", "1.1.1", "1.2", "2", "2.1", "2.2", "3", "3.1"]
    # every program's number lost, and one dotted number (``13.3``) that reads Arabic alone:
    # the rows under the second program start with no digit from 2 to 9 (``II.1`` read ``"1``,
    # ``II.1.1`` read ``N11``), where Arabic ones print ``2.1``, ``2.1.1`` (``21``, ``211``)
    nomors = ["", "", "1", "112", "12", "121", "13", "L31", "13.3", "", '"1', "N11", "t2"]
    programs = [True] + [False] * 8 + [True, False, False, False]
    romans = read_nomors(nomors, [True] * len(nomors), programs, [True] * len(nomors))
    assert [n for n, _ in romans] == ["I", "I.1", "I.1.1", "I.1.2", "I.2", "I.2.1", "I.3",
                                      "I.3.1", "I.3.2", "II", "II.1", "II.1.1", "II.2"]  # fmt: skip
    nomors = [*nomors[:10], "21", "211", "22"]
    digits = read_nomors(nomors, [True] * len(nomors), programs, [True] * len(nomors))
    assert [n for n, _ in digits] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.3",
                                      "1.3.1", "1.3.2", "2", "2.1", "2.1.1", "2.2"]  # fmt: skip
    arabic = ["1", "1.1", "11.1", "1.2", "2", "2.1", "21.1"]
    read = read_nomors(arabic, [True] * 7, [True, False, False, False, True, False, False])
    assert [n for n, _ in read] == ["1", "1.1", "1.1.1", "1.2", "2", "2.1", "2.1.1"]


def test_the_sums_read_a_misread_number_at_the_depth_they_hold_at() -> None:
    """After ``II.1.1``, OCR's ``1.2`` reads at less cost as ``II.2`` (an ``I`` read ``1``
    and one lost) than as ``II.1.2`` (two lost), and ``113``, ``11.4`` follow it as ``II.3``,
    ``II.4``: ``II.1`` was not the sum of its one sub kegiatan, nor ``II`` of its four
    kegiatan (held-out scan, seed 222 at 200 dpi, status ``ok`` before validation). Read as
    ``II.1.2`` to ``II.1.4``, both sums hold; the rows are flagged so. Where the amounts show
    kegiatan, tell nothing, or leave the program's sum failing, the reading stays."""
    from decimal import Decimal

    from transform.numbering import read_nomors

    nomors = ["", "11", "111", "11.2", "", "Ui", "11", "1.2", "113", "11.4", "tu", "un"]
    programs = [True, False, False, False, True, False, False, False, False, False, True, False]
    ocr, nodes = [True] * len(nomors), [True] * len(nomors)

    def amounts(*values: int | None) -> list[Decimal | None]:
        return [None if v is None else Decimal(v) for v in values]

    plain = [n for n, _ in read_nomors(nomors, ocr, programs, nodes)]
    assert plain[6:10] == ["II.1.1", "II.2", "II.3", "II.4"]
    sums = amounts(300, 300, 100, 200, 1000, 1000, 100, 200, 300, 400, 50, 50)
    summed = read_nomors(nomors, ocr, programs, nodes, None, sums)
    assert [n for n, _ in summed] == ["I", "I.1", "I.1.1", "I.1.2", "II", "II.1", "II.1.1",
                                      "II.1.2", "II.1.3", "II.1.4", "III", "III.1"]  # fmt: skip
    assert summed[7][1] == (
        "read as 1.2; read as II.1.2, the number that fits the rows around it and their sums"
    )
    assert summed[6][1] is not None and "sums" not in summed[6][1]
    kegiatan = amounts(300, 300, 100, 200, 1000, 100, 100, 200, 300, 400, 50, 50)
    assert [n for n, _ in read_nomors(nomors, ocr, programs, nodes, None, kegiatan)] == plain
    unread = amounts(300, 300, 100, 200, 1000, 1000, 100, None, 300, 400, 50, 50)
    assert [n for n, _ in read_nomors(nomors, ocr, programs, nodes, None, unread)] == plain
    # one sum made to hold where its program's still fails tells no reading
    program_off = amounts(300, 300, 100, 200, 999, 1000, 100, 200, 300, 400, 50, 50)
    assert [n for n, _ in read_nomors(nomors, ocr, programs, nodes, None, program_off)] == plain


def test_a_programs_name_read_after_a_specks_mark_is_still_a_programs() -> None:
    """``(PROGRAM PENINGKATAN ...`` (held-out seed 236, 150 dpi): a speck read as a bracket
    before the name, and its numeral lost. Taken for no program's row, it took no program's
    number, and the rows under it were left as read under program ``I``."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    plan = build(rows(
        {"nomor": "I", "nama": "PROGRAM PENUNJANG", **ocr},
        {"nomor": "I.1", "nama": "Perencanaan", **ocr},
        {"nomor": "I.1.1", "nama": "Penyusunan Dokumen", **ocr},
        {"nomor": "", "nama": "(PROGRAM PENINGKATAN JALAN", **ocr},
        {"nomor": "UA", "nama": "Pembangunan Jalan", **ocr},
        {"nomor": "N11", "nama": "Pengawasan Jalan", **ocr},
    ))  # fmt: skip
    assert values(plan.nodes, "nomor", "level")[3:] == [
        ["II", "program"], ["II.1", "kegiatan"], ["II.1.1", "sub_kegiatan"],
    ]  # fmt: skip


def test_a_number_read_by_ocr_as_a_programs_on_a_row_not_named_one_places_nothing() -> None:
    """A sub kegiatan's number read by OCR as ``77``, which no number of the numbering fits
    better than another, is left as read; read as a depth of one, it made the row a program and
    the rows after it hung under it. Where the table names its programs ``PROGRAM ...``, such a
    number places nothing, and the row is placed as a row without one is: under the kegiatan."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    plan = build(rows(
        {"nomor": "I", "nama": "PROGRAM PENUNJANG", "pagu_raw": "3.000"},
        {"nomor": "I.1", "nama": "Perencanaan", "pagu_raw": "3.000"},
        {"nomor": "I.1.1", "nama": "Penyusunan Dokumen", "pagu_raw": "1.000"},
        {"nomor": "I.1.2", "nama": "Koordinasi", "page": 2, **ocr},
        {"nomor": "77", "nama": "Evaluasi Kinerja", "page": 2, **ocr},
    ))  # fmt: skip
    assert values(plan.nodes, "nomor", "level", "parent_id") == [
        ["I", "program", None], ["I.1", "kegiatan", "P01"], ["I.1.1", "sub_kegiatan", "P01.K01"],
        ["I.1.2", "sub_kegiatan", "P01.K01"], ["77", "sub_kegiatan", "P01.K01"],
    ]  # fmt: skip


def test_the_strokes_of_a_roman_ii_or_iii_read_as_one_glyph_are_that_numeral() -> None:
    """In a coarse scan the strokes of a Roman ``III`` run together and are read as one glyph of
    as many strokes (``w``, ``m``; ``u``, ``n`` for ``II``) or as one ``1``: every number under
    program III read ``1.1``, ``1.1.1``, ``1.2``, at a character's cost each rather than two
    strokes lost each, is read in program III, not as a break back to program I."""
    from transform.numbering import read_nomors

    nomors = ["I", "I.1", "II", "II.1", "w", "1.1", "1.1.1", "1.2"]
    programs = [True, False, True, False, True, False, False, False]
    read = read_nomors(nomors, [False] * 4 + [True] * 4, programs)
    assert [n for n, _ in read][4:] == ["III", "III.1", "III.1.1", "III.2"]
    assert read[5][1] == "read as 1.1; read as III.1, the number that fits the rows around it"


def test_programs_are_counted_and_numbers_rise_where_ocr_misread_them() -> None:
    """The third program's numeral lost, and every number under it read with two strokes
    (``11.2`` for ``III.1.2``, as under program II): the program is III, the one after the
    highest before it, and the rows under it are its own, not read as a break back to program
    I (``121`` as ``I.21``) that would make the lost numeral a second ``II``. (A scan of a plan
    numbered ``I`` / ``I.1`` / ``I.1.1``, 6.5 pt type at 150 dpi.)"""
    from transform.numbering import read_nomors

    nomors = ["I", "I.1", "I.1.1", "II", "II.1", "II.1.1", "II.2", "121", "122", "", "Iin",
              "HA", "11.2", "113", "11.4"]  # fmt: skip
    programs = [n in ("I", "II") for n in nomors[:9]] + [True] + [False] * 5
    read = read_nomors(nomors, [False] * 7 + [True] * 8, programs)
    assert [n for n, _ in read][7:] == [
        "II.2.1", "II.2.2", "III", "III.1", "III.1.1", "III.1.2", "III.1.3", "III.1.4"
    ]  # fmt: skip


def test_a_node_row_whose_number_ocr_lost_takes_the_number_that_fits_the_rows_around_it() -> None:
    """A kegiatan's number lost whole in a scan: the row prints a name and an amount, so it is
    a node, and the numbers after it (``ta`` and ``112``, for ``I.1.1`` and ``I.1.2``) read as
    its children; left out, they were read ``I.1`` and ``I.1.1``, one level too high each. A
    row with a name and an amount before the first program (the OPD's total) takes no number;
    one between ``I.1`` and ``I.2`` is ``I.1.1``, the one number that follows the row above
    it and that the row below follows; in a table whose programs are not named, such a row
    is left as read."""
    from transform.numbering import read_nomors

    nomors = ["", "", "", "ta", "112", "I.2", "I.2.1"]
    programs = [False, True] + [False] * 5
    nodes = [True, False, True, True, True, True, True]
    read = read_nomors(nomors, [True] * 7, programs, nodes)
    assert [n for n, _ in read] == ["", "I", "I.1", "I.1.1", "I.1.2", "I.2", "I.2.1"]
    assert read[2][1] == "read as nothing; read as I.1, the number that fits the rows around it"
    without = read_nomors(nomors, [True] * 7, programs)  # no row known to print a node
    assert [n for n, _ in without][2:5] == ["", "I.1", "I.1.1"]
    between = read_nomors(["I", "I.1", "", "I.2"], [True] * 4, [True] + [False] * 3,
                          [False, True, True, True])  # fmt: skip
    assert [n for n, _ in between] == ["I", "I.1", "I.1.1", "I.2"]
    unnamed = read_nomors(["I", "I.1", "", "I.2"], [True] * 4, None, [False, True, True, True])
    assert [n for n, _ in unnamed] == ["I", "I.1", "", "I.2"]


def test_a_node_row_whose_number_ocr_read_as_garbage_is_numbered_not_merged() -> None:
    """A kegiatan's ``II.1`` read ``MA`` and its sub kegiatan's ``II.1.1`` read ``11``: left as
    read (``MA`` no number, ``11`` the kegiatan) or read ``II.1``, ``II.1.1``, the two cost
    alike; left without a number, the kegiatan's row was taken for another indicator of the
    program above it, its name and amounts dropped (scan set ``nomor_unruled`` at 200 dpi).
    A row that prints a node's name and amount is a node, so leaving it without a number costs
    a break more. Words where a number stands (a repeated header read into the number cell)
    are read as no number."""
    from transform.numbering import read_nomors

    nomors = ["I", "I.1", "I.1.1", "II", "MA", "11", "II.2", "II.2.1"]
    programs = [True, False, False, True, False, False, False, False]
    ocr = [False] * 4 + [True] * 4
    nodes = [not p for p in programs]
    read = read_nomors(nomors, ocr, programs, nodes)
    assert [n for n, _ in read][4:6] == ["II.1", "II.1.1"]
    assert [n for n, _ in read_nomors(nomors, ocr, programs)][4:6] == ["MA", "11"]
    words = ["I", "I.1", "I.1.1", "Maa ae Aa RARE MATAANG", "I.1.2"]
    kept = read_nomors(words, [False] * 3 + [True] * 2, [True] + [False] * 4, [False] + [True] * 4)
    assert kept[3] == ("Maa ae Aa RARE MATAANG", None)


def test_readings_that_tie_are_settled_by_the_depths_the_rows_styles_stand_for() -> None:
    """A kegiatan's number read ``0`` and its first sub kegiatan's ``YAA``: the numbers after
    them, ``11.2`` and ``11.3``, read alike as ``II.2``, ``II.3`` (``0`` no number, ``YAA`` the
    kegiatan) and as ``II.1.2``, ``II.1.3``, at the same cost. The rows' fills, learnt from the
    numbers read without a doubt (kegiatan shaded, sub kegiatan white), settle it: the shaded
    ``0`` is kegiatan ``II.1``, the others its sub kegiatan. Without styles, the numbers are
    left as read; with styles that tell no depths apart, too."""
    from transform.numbering import read_nomors

    nomors = ["I", "I.1", "I.1.1", "I.1.2", "II", "0", "YAA", "11.2", "11.3", "III", "III.1",
              "III.1.1", "III.1.2"]  # fmt: skip
    programs = [n in ("I", "II", "III") for n in nomors]
    ocr = [False] * 4 + [True] * 5 + [False] * 4
    styles = ["bold", "shaded", "white", "white", "bold", "shaded", "white", "white", "white",
              "bold", "shaded", "white", "white"]  # fmt: skip
    read = read_nomors(nomors, ocr, programs, None, styles)
    assert [n for n, _ in read][5:9] == ["II.1", "II.1.1", "II.1.2", "II.1.3"]
    assert [n for n, _ in read_nomors(nomors, ocr, programs)][5:9] == ["0", "YAA", "11.2", "11.3"]
    plain = read_nomors(nomors, ocr, programs, None, ["plain"] * len(nomors))
    assert [n for n, _ in plain][5:9] == ["0", "YAA", "11.2", "11.3"]


def test_a_programs_lone_numeral_lost_by_ocr_is_the_one_between_the_programs_around_it() -> None:
    """A table numbered ``I`` for its programs and ``1``, ``2`` for the rows under them: the
    first program's lone ``I``, read ``|`` by OCR and dropped as a rule's remnant, is ``I``
    when the next program reads ``II``; one between ``I`` and ``III`` is ``II``. A program
    printed without a number (repeated under an UPTD), or one whose neighbours do not tell,
    stays without, and so does a text layer's."""
    from transform.numbering import read_nomors

    programs = [True, False, False, True, False, True, False]
    first = read_nomors(["", "1", "2", "II", "1", "III", "1"], [True] * 7, programs)
    assert [n for n, _ in first] == ["I", "1", "2", "II", "1", "III", "1"]
    assert first[0][1] == "read as nothing; read as I, between the programs around it"
    between = read_nomors(["I", "1", "2", "", "1", "III", "1"], [True] * 7, programs)
    assert between[3] == ("II", "read as nothing; read as II, between the programs around it")
    unknown = ["X", "1", "2", "", "1", "", "1"]
    assert read_nomors(unknown, [True] * 7, programs) == [(n, None) for n in unknown]
    skipped = ["I", "1", "2", "", "1", "IV", "1"]  # II or III: not told
    assert read_nomors(skipped, [True] * 7, programs) == [(n, None) for n in skipped]
    printed = ["", "1", "2", "II", "1", "III", "1"]
    assert read_nomors(printed, [False] * 7, programs) == [(n, None) for n in printed]


def test_values_before_the_change_read_by_ocr_are_trusted_by_their_confidence() -> None:
    """A Renja Perubahan prints each amount and target before the change (SEBELUM) beside the
    one after it: read by OCR, those carry their confidence too, and one read with a low
    confidence is left null and flagged like any other."""
    row = {
        "nomor": "I",
        "nama": "PROGRAM PENUNJANG",
        "pagu_raw": "16.459.982.244",
        "pagu_conf": 95.0,
        "target_raw": "100",
        "target_conf": 96.0,
        "indikator": "Persentase",
    }
    plan = build(rows(
        {**row, "nomor": "I", "pagu_before_raw": "17.572.210.509", "pagu_before_conf": 40.0,
         "target_before_raw": "90", "target_before_conf": 30.0},
        {**row, "nomor": "II", "pagu_before_raw": "17.572.210.509", "pagu_before_conf": 93.0,
         "target_before_raw": "90", "target_before_conf": 94.0},
    ))  # fmt: skip
    before = plan.budgets[plan.budgets["jenis"] == "pagu_sebelum"]
    assert values(before, "amount", "ocr_confidence") == [
        [None, 40.0],
        [Decimal("17572210509.00"), 93.0],
    ]
    assert before["amount_flag"].iloc[0].startswith("low OCR confidence")
    targets = plan.indicators[plan.indicators["measure"] == "target_sebelum"]
    assert values(targets, "ocr_confidence") == [[30.0], [94.0]]
    assert pd.isna(targets["target"].iloc[0]) and targets["target"].iloc[1] == 90


def test_a_names_ocr_confidence_is_its_lowest_word_over_every_line() -> None:
    """A name read by OCR carries the lowest confidence of its words, the lines of a name
    wrapped onto the next row included; a name from a text layer carries none."""
    plan = build(rows(
        {"nomor": "I", "nama": "PROGRAM PENUNJANG", "pagu_raw": "10", "nama_conf": 93.0},
        {"nama": "DAN PELAYANAN", "nama_conf": 41.0},  # the name's second line
        {"nomor": "1", "nama": "Kegiatan satu", "pagu_raw": "10", "nama_conf": 88.0},
        {"nomor": "II", "nama": "PROGRAM LAIN", "pagu_raw": "5"},
    ))  # fmt: skip
    assert values(plan.nodes, "nama", "nama_ocr_confidence") == [
        ["PROGRAM PENUNJANG DAN PELAYANAN", 41.0],
        ["Kegiatan satu", 88.0],
        ["PROGRAM LAIN", None],
    ]


def test_a_row_read_by_ocr_with_a_name_and_amounts_taken_for_the_row_above_is_a_doubt() -> None:
    """A row read by OCR whose number was lost, in a table whose programs are not named (so
    that the numbering cannot place it), prints a name and an amount of its own right under a
    program that has its amounts: the builder takes it for the rest of that row (another
    indicator), and its name and amount are not in the output. That is named, page and name,
    and reported by the ``unplaced_rows`` reading check; a row without amounts (a name's rest),
    and a text layer's row, are not."""
    from transform.reading import unplaced_rows

    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = (
        {"nomor": "I", "nama": "Penunjang Urusan", **ocr},
        {"nomor": "", "nama": "Penyusunan Dokumen", "indikator": "Jumlah dokumen", **ocr},
        {"nomor": "I.1.1", "nama": "Perencanaan", **ocr},
        {"nomor": "", "nama": "dan Evaluasi", "pagu_conf": 95.0},
    )
    plan = build(rows(*records))
    assert plan.unplaced == [(1, "Penyusunan Dokumen")]
    (doubt,) = unplaced_rows(plan.unplaced)
    assert (doubt.check, doubt.page) == ("unplaced_rows", 1)
    assert "'Penyusunan Dokumen'" in doubt.message
    digital = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert digital.unplaced == []


def test_a_code_read_by_ocr_one_digit_off_the_code_all_the_nodes_under_it_print_is_theirs() -> None:
    """A program's ``2.11.01`` read ``2.01.01`` (the stroke of a ``1`` lost) over a kegiatan and
    sub kegiatan that all print ``2.11.01`` in their codes: the program went out under another
    bidang's code. The code three or more nodes under it print alike is read, flagged; two do
    not outvote it, nor do codes of a text layer change."""
    ocr = {"pagu_raw": "1.000", "pagu_conf": 95.0}
    records = [
        {"kode_parts": split("2.01.01"), "nama": "PROGRAM PENGELOLAAN SAMPAH", **ocr},
        {"kode_parts": split("2.11.01.1.01"), "nama": "Perencanaan", **ocr},
        {"kode_parts": split("2.11.01.1.01.01"), "nama": "Penyusunan", **ocr},
        {"kode_parts": split("2.11.01.1.01.02"), "nama": "Evaluasi", **ocr},
    ]
    plan = build(rows(*records))
    assert list(plan.nodes["kode"]) == [
        "2.11.01", "2.11.01.1.01", "2.11.01.1.01.01", "2.11.01.1.01.02"
    ]  # fmt: skip
    assert plan.nodes["kode_flag"][0] == (
        "read as 2.01.01; read as 2.11.01, the code the 3 nodes under it print"
    )
    two = build(rows(*records[:3]))
    assert two.nodes["kode"][0] == "2.01.01"
    digital = build(rows(*({**r, "pagu_conf": None} for r in records)))
    assert digital.nodes["kode"][0] == "2.01.01"


def test_a_scheme_only_the_count_of_numbers_tells_is_the_one_the_rows_follow_without_breaks() -> (
    None
):
    """A scan of a table numbered I / I.1 / I.1.1: every Roman I read as 1, the programs'
    numerals lost, the dots mostly lost (``11``, ``131``, ``13.2``). Counted, the dotted
    readings (``13.2``) read as Arabic numbers, and the table was read 1 / 1.1 / 1.1.1, then
    program 2 with its rows read 1.1, 1.1.2 (held-out synthetic scan, seed 127 at 150 dpi: 0
    of 17 nodes exact). Read as Roman, every row follows the one before (II.1, II.1.2): the
    scheme the rows follow with fewer breaks is taken. An Arabic table read so stays Arabic."""
    from transform.numbering import read_nomors

    texts = ["", "11", "111", "12", "121", "13", "131", "13.2", "", "11", "11", "112", "1.2"]
    programs = [t == "" for t in texts]
    read = [n for n, _ in read_nomors(texts, [True] * len(texts), programs, [True] * len(texts))]
    assert read == ["I", "I.1", "I.1.1", "I.2", "I.2.1", "I.3", "I.3.1", "I.3.2", "II", "II.1",
                    "II.1.1", "II.1.2", "II.2"]  # fmt: skip
    arabic = ["", "11", "111", "12", "121", "13", "131", "13.2", "", "21", "211", "212", "2.2"]
    read = [n for n, _ in read_nomors(arabic, [True] * len(arabic), programs, [True] * len(arabic))]
    assert read == ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.3", "1.3.1", "1.3.2", "2", "2.1",
                    "2.1.1", "2.1.2", "2.2"]  # fmt: skip
