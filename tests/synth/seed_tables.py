"""Chapter II tables of the seed Renja (Disnakertrans Kota Serang 2022), as printed tables.

The cell texts come from ``tests/fixtures/seed/*.tsv``, cut from the text of the real document
(``../shared/seed/``) with its messiness kept: an unnumbered sub kegiatan, indicator rows
without a name, a total row without a label, codes split over five columns or glued to the name.
"""

from __future__ import annotations

from pathlib import Path

from synth.generator import PrintedTable

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "seed"


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a fixture, cells stripped."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [[cell.strip() for cell in line.split("\t")] for line in text.splitlines()]


def review_table(ruled: bool = True) -> PrintedTable:
    """Tabel 2.4 Review Terhadap Rancangan Awal RKPD Tahun 2022: both halves."""
    rows = read_tsv("tabel_2_4_review.tsv")
    header, body = rows[:3], rows[3:]
    header[0] = [header[0][0], header[0][1], *[""] * 5, header[0][7], *[""] * 5]
    return PrintedTable(
        title=("Tabel 2.4", "Review Terhadap Rancangan Awal RKPD Tahun 2022", "Kota Serang"),
        header=tuple(tuple(r) for r in header),
        body=tuple(tuple(r) for r in body),
        widths=(3, 14, 6, 14, 4, 4, 8, 14, 6, 14, 4, 4, 8),
        spans=(((0, 0), (0, 1)), ((1, 0), (6, 0)), ((7, 0), (12, 0))),
        ruled=ruled,
    )


EVALUATION_YEARS = (2023, 2019, 2020, 2020, 2020, 2021, 2021, 2021)
EVALUATION_MEASURES = (
    "target_renstra", "realisasi_kumulatif", "target", "realisasi", "capaian_persen", "target",
    "realisasi_kumulatif", "capaian_kumulatif_persen",
)  # fmt: skip


def evaluation_table(ruled: bool = True) -> PrintedTable:
    """Tabel 2.1 (form T-C.29) of the seed, the part its text keeps, under the form's header
    (the seed's text lost it): eight value columns for the Renja of 2022."""
    body = read_tsv("tabel_2_1_evaluasi.tsv")
    group_2020 = "Target dan Realisasi Kinerja Program dan Kegiatan Tahun 2020"
    group_2021 = "Perkiraan Realisasi Capaian Target Renstra Perangkat Daerah s/d Tahun 2021"
    top = (
        "Kode", "", "", "", "",
        "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
        "Indikator Kinerja Program (outcomes)/ Kegiatan (output)", "Satuan",
        "Target Kinerja Capaian Program (Renstra Perangkat Daerah) Tahun 2023",
        "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun 2019",
        group_2020, "", "",
        "Target Program dan Kegiatan (Renja Perangkat Daerah Tahun 2021)",
        group_2021, "",
    )  # fmt: skip
    second = (
        "Urusan", "Bidang", "Program", "Kegiatan", "Sub Kegiatan", "", "", "", "", "",
        "Target Renja Perangkat Daerah Tahun 2020", "Realisasi Renja Perangkat Daerah Tahun 2020",
        "Tingkat Realisasi (%)", "", "Realisasi Capaian Program dan Kegiatan s/d Tahun 2021",
        "Tingkat Capaian Realisasi Target Renstra (%)",
    )  # fmt: skip
    numbers = tuple(str(i + 1) for i in range(16))
    spans = (
        ((0, 0), (4, 0)), ((10, 0), (12, 0)), ((14, 0), (15, 0)),
        *(((c, 0), (c, 1)) for c in (5, 6, 7, 8, 9, 13)),
    )  # fmt: skip
    return PrintedTable(
        title=(
            "Tabel 2.1",
            "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Perangkat Daerah dan Pencapaian "
            "Renstra Perangkat Daerah s/d Tahun 2020",
            "Dinas Tenaga Kerja dan Transmigrasi Kota Serang",
        ),
        header=(top, second, numbers),
        body=tuple(tuple(r) for r in body),
        widths=(2.2, 2.2, 2.2, 2.8, 2.2, 14, 14, 4, 5, 5, 5, 5, 5, 5, 5, 5),
        spans=spans,
        ruled=ruled,
    )


SERVICE_YEARS = (2019, 2020, 2021, 2022, 2023, 2019, 2020, 2021, 2022, 2023)
SERVICE_MEASURES = ("target_renstra",) * 5 + ("realisasi",) * 2 + ("proyeksi",) * 3


def service_table(ruled: bool = True) -> PrintedTable:
    """Tabel 2.2 (form T-C.30) Pencapaian Kinerja Pelayanan of the seed, as printed."""
    rows = read_tsv("tabel_2_2_kinerja_pelayanan.tsv")
    header, body = rows[:3], rows[3:]
    spans = (
        ((4, 0), (8, 0)), ((9, 0), (10, 0)), ((11, 0), (13, 0)),
        *(((c, 0), (c, 1)) for c in (0, 1, 2, 3, 14)),
    )  # fmt: skip
    return PrintedTable(
        title=("Tabel 2.2", "Pencapaian Kinerja Pelayanan DISNAKERTRANS", "Kota Serang"),
        header=tuple(tuple(r) for r in header),
        body=tuple(tuple(r) for r in body),
        widths=(2, 16, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 6),
        spans=spans,
        ruled=ruled,
    )


def proposals_table(ruled: bool = True) -> PrintedTable:
    """Tabel 2.5 Usulan Program dan Kegiatan dari Para Pemangku Kepentingan of the seed."""
    rows = read_tsv("tabel_2_5_usulan.tsv")
    header, body = rows[:2], rows[2:]
    return PrintedTable(
        title=(
            "TABEL. 2.5",
            "Usulan Program dan Kegiatan dari Para Pemangku Kepentingan Tahun 2021",
            "DISNAKERTRANS KOTA SERANG",
        ),
        header=tuple(tuple(r) for r in header),
        body=tuple(tuple(r) for r in body),
        widths=(2, 16, 10, 16, 5, 5),
        bold_rows=frozenset(i for i, r in enumerate(body) if r[0]),
        ruled=ruled,
    )
