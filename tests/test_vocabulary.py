"""The column vocabulary: which role a header wording names, by priority."""

from __future__ import annotations

import pytest

from transform.vocabulary import (
    PROPOSAL_TERMS,
    YEAR_TOKEN,
    YEAR_WORD,
    ColumnRole,
    join_broken_labels,
    role_of,
    title_year,
)

R = ColumnRole


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Kebutuhan Dana/Pagu Indikatif (Rp)", R.PAGU),
        ("PAGU\n(RP)", R.PAGU),
        ("Rp", R.PAGU),  # printed in brackets or alone: the compact text is only "rp"
        ("Target Capaian Kinerja", R.TARGET),
        ("Capaian Kinerja", R.TARGET),  # the last resort: no "target" in it
        ("Indikator Kinerja Program", R.INDIKATOR),  # an indicator before a program name
        ("Tolok Ukur", R.INDIKATOR),
        ("Program/Kegiatan/Sub Kegiatan", R.NAMA),
        ("Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan", R.NAMA),
        ("Kode", R.KODE),
        ("No", R.NOMOR),
        ("Nomor Urut", R.NOMOR),
        ("Sumber Dana", R.SUMBER_DANA),
        ("Sumber", R.SUMBER_DANA),
        ("Penanggung Jawab", R.PENANGGUNG_JAWAB),
        ("Catatan Penting", R.CATATAN),
        ("Keterangan", R.CATATAN),
        ("Satuan", R.SATUAN),
        ("Lokasi", R.LOKASI),
        ("Tahun", None),
        ("  ", None),
    ],
)
def test_a_header_names_its_role(header: str, role: ColumnRole | None) -> None:
    assert role_of(header) == role


def test_roles_are_strings() -> None:
    assert R.PAGU == "pagu" and f"{R.SUMBER_DANA}" == "sumber_dana"


def test_proposals_have_their_own_wording() -> None:
    assert role_of("Besaran/Volume", PROPOSAL_TERMS) == R.BESARAN
    assert role_of("Target", PROPOSAL_TERMS) == R.BESARAN
    assert role_of("Program", PROPOSAL_TERMS) == R.PROGRAM
    assert role_of("Program dan Kegiatan", PROPOSAL_TERMS) == R.KEGIATAN
    assert role_of("Jenis", PROPOSAL_TERMS) is None


def test_years() -> None:
    assert YEAR_WORD.findall("Rencana Tahun 2024 dan 2025") == ["2024", "2025"]
    assert YEAR_WORD.findall("120245 Rp 2.024") == []
    assert YEAR_TOKEN.match("(2019)") and YEAR_TOKEN.match("2023:")
    assert not YEAR_TOKEN.match("2.024")
    found = title_year("tahun", r"ta\.?").search("RENJA DINAS ... TA. 2023")
    assert found is not None and found[1] == "2023"


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("Catat\nan", "Catatan"),
        ("Penti\nng", "Penting"),
        ("Penangg\nung Jawab", "Penanggung Jawab"),
        ("Catat\nan\nPenti\nng", "Catatan\nPenting"),
        ("CATAT\nAN PENTING", "CATATAN PENTING"),
        ("Target\nCapaia\nn\nKinerj\na", "Target\nCapaian\nKinerja"),  # several in one label
        ("Keg\niata\nn", "Kegiatan"),  # a word over three lines
        ("U\nr\nu\ns\na\nn", "Urusan"),  # letters stacked in a narrow column
        ("Sumb\ner\nDana", "Sumber\nDana"),
    ],
)
def test_a_label_broken_inside_a_word_is_read_as_its_words(printed: str, read: str) -> None:
    assert join_broken_labels(printed) == read


@pytest.mark.parametrize(
    "printed",
    [
        "Sumber\nDana",  # two words of labels, not one
        "Sub\nKegiatan",  # each part a word of labels: "subkegiatan" is none
        "Satuan\nKerja",
        "Tolok\nUkur",
        "Pagu\nIndikatif\n(Rp)",
        "Rencana Tahun\n2022",
        "Program/\nKegiatan",
        "Target\nan",  # "targetan" is no word of labels
    ],
)
def test_words_on_lines_of_their_own_stay_apart(printed: str) -> None:
    assert join_broken_labels(printed) == printed


def test_a_broken_header_keeps_its_roles_and_reads_whole() -> None:
    from extract.model import Cell, RawTable
    from transform.headers import map_header

    grid: list[list[str | None]] = [
        ["Kode", "Program/ Kegiatan", "Indikator", "Target", "Pagu Indikatif (Rp)",
         "Catat\nan\nPenti\nng", "Penangg\nung Jawab"],
        ["1", "2", "3", "4", "5", "6", "7"],
    ]  # fmt: skip
    cells = [Cell(r, r, c, c, t) for r, row in enumerate(grid) for c, t in enumerate(row) if t]
    header = map_header(RawTable(1, (0, 0, 1, 1), grid, cells))
    assert header.texts[5:] == ["Catatan\nPenting", "Penanggung Jawab"]
    assert header.roles[5].name == R.CATATAN
    assert header.roles[6].name == R.PENANGGUNG_JAWAB
