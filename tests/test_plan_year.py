"""The plan year: from the plan table's title and its column headers, checked against the cover."""

from __future__ import annotations

from extract.document import PageText
from extract.model import Cell, RawTable
from transform.headers import map_header
from transform.metadata import caption_year, cover_year, header_years, plan_year
from transform.reading import plan_year_sources
from transform.rows import LogicalTable, Segment

TITLE_2022 = (
    "BAB III\nTabel 3.3\nRumusan Rencana Program dan Kegiatan Perangkat Daerah Tahun 2022 dan "
    "Prakiraan Maju Tahun 2023"
)


def _plan(header_row: list[str], text_before: str, page: int = 13) -> LogicalTable:
    """A plan table printing ``header_row`` over its column numbers and one sub kegiatan."""
    grid: list[list[str | None]] = [
        list(header_row),
        [str(i) for i in range(1, len(header_row) + 1)],
        ["1.01", "Penyediaan Gaji", "Jumlah orang", "12", "1.000.000", "12", "1.100.000"],
    ]
    cells = [Cell(r, r, c, c, t) for r, row in enumerate(grid) for c, t in enumerate(row) if t]
    table = RawTable(page, (0, 0, 800, 500), grid, cells, text_before=text_before)
    return LogicalTable("3.3", [Segment(table, map_header(table), 2)])


def _pages(cover: str) -> list[PageText]:
    return [
        PageText(1, cover, 595, 842),
        PageText(2, "Undang-Undang Nomor 23 Tahun 2014", 595, 842),
    ]


COVER_2022 = "RENCANA KERJA\nPERANGKAT DAERAH (RENJA-PD)\nTAHUN 2022\nDINAS TENAGA KERJA"
COVER_2023 = COVER_2022.replace("2022", "2023")


def test_title_and_headers_that_agree_give_the_plan_year() -> None:
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target Tahun 2022", "Pagu Indikatif Tahun "
         "2022 (Rp)", "Target Tahun 2023", "Pagu Indikatif Tahun 2023 (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("pagu", "plan") == [4]
    assert plan.header.columns("pagu", "next") == [6]
    assert plan.header.next_year == 2023


def test_a_column_headed_with_the_next_year_is_the_prakiraan_maju() -> None:
    """The title says Tahun 2022; only the prakiraan maju columns name a year ("Target Tahun
    2023"), without the words "prakiraan maju": by its headers alone the plan reads as 2023,
    every value a year late."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target", "Pagu Indikatif (Rp)",
         "Target Tahun 2023", "Pagu Indikatif Tahun 2023 (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    assert plan.header.plan_year == 2023  # what the headers alone say
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("target", "plan") == [3]
    assert plan.header.columns("pagu", "plan") == [4]
    assert plan.header.columns("target", "next") == [5]
    assert plan.header.columns("pagu", "next") == [6]
    assert (plan.header.plan_year, plan.header.next_year) == (2022, 2023)


def test_a_prakiraan_maju_column_naming_the_plan_year_stays_the_prakiraan_maju() -> None:
    """OCR read the group over the prakiraan maju columns with the plan's year (``RENCANA TAHUN
    2022 | PRAKIRAAN MAJU RENCANA TAHUN``, its ``2023`` lost): both amount columns named the
    plan year, both were taken for the plan's, and every next-year amount was lost. A table
    has one plan-year amount: the column its header calls prakiraan maju stays the next
    year's."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Rencana Tahun 2022 | Target",
         "Rencana Tahun 2022 | Pagu (Rp)", "Rencana Tahun 2022 | Prakiraan Maju Rencana Tahun | "
         "Target", "Rencana Tahun 2022 | Prakiraan Maju Rencana Tahun | Pagu (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("pagu", "plan") == [4]
    assert plan.header.columns("pagu", "next") == [6]
    assert plan.header.columns("target", "next") == [5]


def test_an_amount_column_after_the_prakiraan_maju_target_is_the_prakiraan_maju() -> None:
    """The words over the prakiraan maju amount lost too (``... | AA TAHUN PAGU``): two amount
    columns of the plan year, and a prakiraan maju target between them. Targets and amounts
    come in pairs: the amount after the prakiraan maju target is the prakiraan maju's."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Rencana Tahun 2022 | Target",
         "Rencana Tahun 2022 | Pagu (Rp)", "Rencana Tahun 2022 | Prakiraan Maju Target",
         "Rencana Tahun 2022 | AA Tahun Pagu (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    for header in (plan.header, map_header(plan.segments[0].table)):  # with the title, without
        assert header.columns("pagu", "plan") == [4]
        assert header.columns("pagu", "next") == [6]
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("pagu", "next") == [6]


def test_a_repeated_header_read_with_the_next_year_over_every_column_keeps_its_pairs() -> None:
    """A continuation page's repeated header read by OCR with the prakiraan maju group's year
    over every column and its words lost (``2023 | RENCANA T TARGET``, ``2023 PAGU``): all four
    columns were the next year's, the plan's amounts went out as the next year's, unflagged.
    Two groups of a target and an amount side by side are the plan's and the next year's."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "2023 | Rencana T Target", "2023 | Pagu (Rp)",
         "2023 | Target", "2023 Pagu (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("target", "plan") == [3]
    assert plan.header.columns("pagu", "plan") == [4]
    assert plan.header.columns("target", "next") == [5]
    assert plan.header.columns("pagu", "next") == [6]


def test_a_title_on_the_page_before_counts() -> None:
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target", "Pagu (Rp)", "Target Tahun 2023",
         "Pagu Tahun 2023 (Rp)"],
        "",
    )  # fmt: skip
    pages = [*_pages(COVER_2022), PageText(12, "Pendahuluan\n" + TITLE_2022, 842, 595)]
    assert plan_year([plan], pages) == 2022


def test_headers_that_contradict_the_title_win_and_say_so() -> None:
    """A title naming a year that no column header names (nor the year before it) is taken
    for a stray year: the headers' year groups decide, and the caption check reports it."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target Tahun 2024", "Pagu Tahun 2024 (Rp)",
         "Target Tahun 2025", "Pagu Tahun 2025 (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    assert plan_year([plan], _pages(COVER_2022)) == 2024
    doubts = plan_year_sources(2024, header_years([plan]), cover_year(_pages(COVER_2022)), 13)
    assert [d.message for d in doubts] == ["plan year read as 2024, the cover says Tahun 2022"]


def test_a_title_a_year_late_loses_to_headers_that_name_the_plan_year() -> None:
    """Headers Tahun 2022 / Tahun 2023 under a caption that says 2023: a column of 2022 is the
    plan's, so the caption is the one that is wrong (and the caption check says so)."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target Tahun 2022", "Pagu Tahun 2022 (Rp)",
         "Target Tahun 2023", "Pagu Tahun 2023 (Rp)"],
        TITLE_2022.replace("2023", "2024").replace("2022", "2023"),
    )  # fmt: skip
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("pagu", "plan") == [4]
    assert plan.header.columns("pagu", "next") == [6]


def test_a_title_a_year_early_loses_to_headers_that_name_the_year_after_its_next() -> None:
    """Headers Tahun 2022 / Tahun 2023 under a caption that says 2021: 2023 is no column of a
    2021 plan (neither its year nor the next), so the headers decide; read as 2021, the
    columns of 2023 would be lost and the plan put a year early."""
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target Tahun 2022", "Pagu Tahun 2022 (Rp)",
         "Target Tahun 2023", "Pagu Tahun 2023 (Rp)"],
        TITLE_2022.replace("2023", "2022").replace("Tahun 2022 dan", "Tahun 2021 dan"),
    )  # fmt: skip
    assert caption_year(plan.segments[0][0].text_before) == 2021
    assert plan_year([plan], _pages(COVER_2022)) == 2022
    assert plan.header.columns("pagu", "plan") == [4]
    assert plan.header.columns("pagu", "next") == [6]
    (doubt,) = plan_year_sources(2021, header_years([plan]), None, 13)
    assert doubt.message == "plan year read as 2021, the column headers name 2022, 2023"


def test_no_title_and_no_header_year_falls_back_to_the_cover() -> None:
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target", "Pagu (Rp)", "Target", "Pagu (Rp)"],
        "DINAS TENAGA KERJA",
    )  # fmt: skip
    # the cover's 2023, not the 2014 of a law cited on page 2
    assert plan_year([plan], _pages(COVER_2023)) == 2023


def test_a_cover_that_spells_out_the_agency_in_full_names_its_year() -> None:
    cover = (
        "RENJA BIDANG BINA KONSTRUKSI\nSUB URUSAN JASA KONSTRUKSI KALIMANTAN TIMUR\nDINAS "
        "PEKERJAAN UMUM PENATAAN RUANG DAN PERUMAHAN RAKYAT PROVINSI KALIMANTAN TIMUR\nTAHUN "
        "ANGGARAN 2025\nKODE KLASIFIKASI"
    )
    assert cover_year(_pages(cover)) == 2025
    # a law's year is never the cover's: a number stands between
    assert cover_year(_pages("RENCANA KERJA\nPeraturan Nomor 86 Tahun 2017")) is None


def test_a_cover_that_names_another_year_is_a_reading_doubt() -> None:
    plan = _plan(
        ["Kode", "Program/Kegiatan", "Indikator", "Target Tahun 2022", "Pagu Tahun 2022 (Rp)",
         "Target Tahun 2023", "Pagu Tahun 2023 (Rp)"],
        TITLE_2022,
    )  # fmt: skip
    pages = _pages(COVER_2023)
    tahun = plan_year([plan], pages)
    assert tahun == 2022
    assert cover_year(pages) == 2023
    (doubt,) = plan_year_sources(tahun, header_years([plan]), cover_year(pages), 13)
    assert (doubt.check, doubt.page) == ("plan_year", 1)
    assert doubt.message == "plan year read as 2022, the cover says Tahun 2023"
    assert plan_year_sources(tahun, header_years([plan]), 2022, 13) == []


def test_header_years_away_from_the_plan_year_are_a_reading_doubt() -> None:
    (doubt,) = plan_year_sources(2022, [2024, 2025], None, 13)
    assert doubt.message == "plan year read as 2022, the column headers name 2024, 2025"
    assert plan_year_sources(2022, [2023], None, 13) == []  # the prakiraan maju alone


def test_the_caption_year() -> None:
    assert caption_year(TITLE_2022) == 2022
    assert caption_year("Tabel 4.1\nRencana Program dan Kegiatan Prioritas Tahun 2023") == 2023
    # the caption nearest to the table, not a year of the text above it
    assert caption_year("Renstra Tahun 2019-2023 ...\nTabel 3.3 Rumusan Rencana Program dan "
                        "Kegiatan Tahun 2022") == 2022  # fmt: skip
    assert caption_year("sesuai Undang-Undang Nomor 23 Tahun 2014") is None  # no caption
    assert caption_year("RUMUSAN RENCANA PROGRAM DAN KEGIATAN TA. 2021") == 2021
