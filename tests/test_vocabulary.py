"""The column vocabulary: which role a header wording names, by priority."""

from __future__ import annotations

import pytest

from transform.vocabulary import (
    PROPOSAL_TERMS,
    YEAR_TOKEN,
    YEAR_WORD,
    ColumnRole,
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
