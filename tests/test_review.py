"""The review of the draft RKPD (T-C.31): both halves into budgets and indicators, exact."""

import json
from decimal import Decimal

import pandas as pd
import pytest
from conftest import REAL, ROOT
from results import processed

from transform.fields import KEYS

SAMPLE_REVIEW = ROOT / "tests" / "golden" / "renja_serang_2022.review_2_4.json"
SUMUT = REAL / "sumut-dp3akb-renja-2023.pdf"


def _amount(raw: str | None) -> Decimal | None:
    return None if raw is None else Decimal(raw.replace(".", ""))


def test_sample_review_table_matches_the_printed_page(sample_result) -> None:
    truth = json.loads(SAMPLE_REVIEW.read_text())
    budgets = sample_result.frames["budgets"]
    review = budgets[budgets["table_kind"] == "review"]
    assert set(review["jenis"]) == {truth["jenis"]}
    assert set(review["source_table"]) == {truth["source_table"]}
    assert set(review["tahun"]) == {truth["tahun"]}
    assert set(review["page"]) == {10, 11}
    got = [
        (row["level"], row["nama"], row["amount"], row["amount_raw"])
        for row in review.to_dict("records")
    ]
    assert len(got) == len(truth["nodes"])
    for (level, nama, amount, raw), (_, t_level, t_first_line, t_pagu) in zip(
        got, truth["nodes"], strict=True
    ):
        assert (level, amount, raw) == (t_level, _amount(t_pagu), t_pagu), t_first_line
        assert nama.startswith(t_first_line), (nama, t_first_line)
    assert review["node_id"].str.startswith("T2.4/").all()
    assert review["kode"].isna().all()  # the review prints row numbers, no codes


def test_sample_review_indicators(sample_result) -> None:
    indicators = sample_result.frames["indicators"]
    review = indicators[indicators["table_kind"] == "review"]
    assert set(review["measure"]) == {"target_rancangan_awal"}
    assert len(review) == 56
    first = review.iloc[0]
    assert (first["node_id"], first["indikator"], first["satuan"], first["target"]) == (
        "T2.4/P01", "Capaian Kualitas dan Produktivitas Tenaga Kerja", "%", 65.0,
    )  # fmt: skip
    row = review[review["node_id"] == "T2.4/P04"].iloc[0]
    assert (row["target"], row["target_raw"]) == (90.7, "90,7")
    sub = review[review["node_id"] == "T2.4/P04.K01.S02"].iloc[0]
    assert (sub["lokasi"], sub["indikator"], sub["satuan"], sub["target"]) == (
        "Lokasi transmigrasi", "Jumlah Lokasi Penempatan", "lokasi", 2.0,
    )  # fmt: skip


def test_review_rows_leave_the_plan_alone(sample_result) -> None:
    programs = sample_result.frames["programs"]
    assert set(programs["source_table"]) == {"3.3"}
    assert sample_result.stated_totals == []
    summary = sample_result.summary()
    assert summary["unreadable_values"] == 0
    assert summary["other_tables"] == {"review": {"indicators": 56, "budgets": 56, "unreadable": 0}}
    for table, frame in sample_result.frames.items():
        assert not frame.duplicated(list(KEYS[table])).any(), table


@pytest.fixture(scope="module")
def sumut_result():
    if not SUMUT.exists():
        pytest.skip("shared real documents absent")
    return processed(SUMUT)


def test_sumut_review_both_halves(sumut_result) -> None:
    """ "Review terhadap Rancangan RKPD tahun 2023" (pages 38-47, no table number): RANWAL RKPD
    and ANALISIS KEBUTUHAN side by side, rows numbered I / I.1 / I.1.1."""
    result = sumut_result
    budgets = result.frames["budgets"]
    review = budgets[budgets["table_kind"] == "review"]
    assert review.groupby("jenis")["level"].value_counts().to_dict() == {
        ("pagu_hasil_analisis", "sub_kegiatan"): 22, ("pagu_hasil_analisis", "kegiatan"): 13,
        ("pagu_hasil_analisis", "program"): 6, ("pagu_rancangan_awal", "sub_kegiatan"): 22,
        ("pagu_rancangan_awal", "kegiatan"): 13, ("pagu_rancangan_awal", "program"): 6,
    }  # fmt: skip
    assert set(review["tahun"]) == {2023}
    assert set(review["source_table"]) == {""}
    assert review["page"].between(38, 47).all()
    programs = review[review["level"] == "program"]
    by_half = {
        jenis: [int(a) for a in group["amount"]] for jenis, group in programs.groupby("jenis")
    }
    assert by_half == {
        "pagu_rancangan_awal": [
            1_541_000_000,
            2_650_000_000,
            212_500_000,
            200_000_000,
            550_000_000,
            1_030_000_000,
        ],
        "pagu_hasil_analisis": [
            1_695_100_000,
            2_915_000_000,
            233_750_000,
            220_000_000,
            605_000_000,
            1_133_000_000,
        ],
    }
    first_sub = review[review["node_id"] == "review#1/P01.K01.S01"]
    assert dict(zip(first_sub["jenis"], first_sub["amount"], strict=True)) == {
        "pagu_rancangan_awal": Decimal("250000000.00"),
        "pagu_hasil_analisis": Decimal("275000000.00"),
    }
    assert first_sub["nama"].iloc[0] == (
        "Koordinasi dan Sinkronisasi Perumusan Kebijakan Pelaksanaan PUG Kewenangan Provinsi"
    )
    indicators = result.frames["indicators"]
    ind = indicators[
        (indicators["table_kind"] == "review") & (indicators["node_id"] == "review#1/P01.K01.S01")
    ]
    columns = [ind[c] for c in ("measure", "target", "satuan", "lokasi")]
    assert sorted(zip(*columns, strict=True)) == [
        ("target_hasil_analisis", 20.0, "dok", "Sumut"),
        ("target_rancangan_awal", 20.0, "dok", "Sumut"),
    ]
    for table, frame in result.frames.items():
        assert not frame.duplicated(list(KEYS[table])).any(), table
    # the plan is what it was
    assert result.frames["programs"]["level"].value_counts().to_dict() == {
        "sub_kegiatan": 37, "kegiatan": 19, "program": 7,
    }  # fmt: skip


def test_sumut_service_performance_table(sumut_result) -> None:
    """Tabel 4 "Pencapaian Kinerja Pelayanan" (T-C.30, page 32): Renstra targets 2019-2023,
    realisations 2021-2022, projections 2023-2024, as printed. Its fourth row is alone on page
    33, a one-row ruled table that carries on the table of page 32."""
    indicators = sumut_result.frames["indicators"]
    service = indicators[indicators["table_kind"] == "kinerja_pelayanan"]
    assert set(service["source_table"]) == {"4"} and set(service["page"]) == {32, 33}
    years = [2019, 2020, 2021, 2022, 2023, 2021, 2022, 2023, 2024]
    measures = ["target_renstra"] * 5 + ["realisasi"] * 2 + ["proyeksi"] * 2
    printed = {
        "T4/I01": ("Persentase Perangkat Daerah yang melaksanakan PPRG", "%",
                   [49, 59, 66, 85, 100, 64, 94, 100, 100]),
        "T4/I02": ("Rasio kekerasan terhadap Perempuan per 100.000", None,
                   [10, 11, 10, 9, 8, 9, 10, 9, 8]),
        "T4/I03": ("Rasio kekerasan terhadap Anak per 10.000", None,
                   [20, 19, 18, 17, 16, 18, 19, 17, 16]),
        "T4/I04": ("Persentase Perangkat Daerah berkontribusi mewujudkan Kabupaten/Kota Layak "
                   "Anak (Menuju)", "%", [19, 44, 58, 76, 100, 52, 70, 100, 100]),
    }  # fmt: skip
    want = sorted(
        (node, indikator, satuan, measure, year, float(value))
        for node, (indikator, satuan, values) in printed.items()
        for measure, year, value in zip(measures, years, values, strict=True)
    )
    columns = ["node_id", "indikator", "satuan", "measure", "tahun", "target"]
    got = sorted(
        tuple(None if v is pd.NA else v for v in row)
        for row in service[columns].astype(object).itertuples(index=False)
    )
    assert got == want


def _raw_table(grid: list[list[str | None]], spans: dict[tuple[int, int], tuple[int, int]]):
    """A ruled page table from its grid; ``spans`` maps a merged cell's top left to its bottom
    right (the covered positions are None in the grid)."""
    from extract.model import Cell, RawTable

    cells = [
        Cell(r, spans.get((r, c), (r, c))[0], c, spans.get((r, c), (r, c))[1], text)
        for r, row in enumerate(grid)
        for c, text in enumerate(row)
        if text is not None
    ]
    bold = [[False] * len(grid[0]) for _ in grid]
    return RawTable(10, (0, 0, 800, 500), grid, cells, bold=bold)


def test_review_codes_are_normalised_as_the_plan_codes() -> None:
    """A review printing codes (02.07.03, 4-digit sub kegiatan) carries them normalised
    exactly as the plan's, so the two tables meet on (doc_id, kode)."""
    from transform.codes import normalise_kode
    from transform.grouping import select_tables
    from transform.review import review_frames

    half = ["Program/Kegiatan/Sub Kegiatan", "Indikator Kinerja", "Lokasi", "Target",
            "Pagu Indikatif (Rp)"]  # fmt: skip
    grid: list[list[str | None]] = [
        ["Kode", "Rancangan Awal RKPD", None, None, None, None,
         "Hasil Analisis Kebutuhan", None, None, None, None],
        [None, *half, *half],
        [str(i) for i in range(1, 12)],
        ["02.07.03", "PROGRAM PENEMPATAN", "Capaian", "", "10 %", "1.000.000",
         "PROGRAM PENEMPATAN", "Capaian", "", "12 %", "1.100.000"],
        ["02.07.03.02.01", "Pelayanan Antar Kerja", "Persentase", "", "25 %", "600.000",
         "Pelayanan Antar Kerja", "Persentase", "", "25 %", "700.000"],
        ["2.07.03.2.01.0001", "Penyedia Sumber Daya", "Jumlah peserta", "Kota", "40 org",
         "600.000", "Penyedia Sumber Daya", "Jumlah peserta", "Kota", "45 org", "700.000"],
    ]  # fmt: skip
    table = _raw_table(grid, {(0, 0): (1, 0), (0, 1): (0, 5), (0, 6): (0, 10)})
    table.text_before = "Tabel 2.6 Review terhadap Rancangan Awal RKPD Tahun 2024"
    [review] = select_tables([table])
    assert (review.kind, review.label, review.is_plan) == ("review", "2.6", False)
    indicators, budgets = review_frames(review, None, "T2.6/")
    printed = ["02.07.03", "02.07.03.02.01", "2.07.03.2.01.0001"]
    for jenis, amounts in (
        ("pagu_rancangan_awal", [1_000_000, 600_000, 600_000]),
        ("pagu_hasil_analisis", [1_100_000, 700_000, 700_000]),
    ):
        rows = budgets[budgets["jenis"] == jenis]
        assert rows["kode"].tolist() == [normalise_kode(k) for k in printed]
        assert rows["kode"].tolist() == ["2.07.03", "2.07.03.2.01", "2.07.03.2.01.0001"]
        assert rows["level"].tolist() == ["program", "kegiatan", "sub_kegiatan"]
        assert [int(a) for a in rows["amount"]] == amounts
        assert set(rows["tahun"]) == {2024}
    targets = indicators.set_index(["node_id", "measure"])["target"].to_dict()
    assert targets[("T2.6/P01", "target_hasil_analisis")] == 12.0
    assert targets[("T2.6/P01.K01.S01", "target_rancangan_awal")] == 40.0


def test_sumut_proposals_table(sumut_result) -> None:
    """The community proposals of section 2.5 (page 48), program and kegiatan in columns of
    their own, as printed ("PembentukanToko" and "yan" are the document's)."""
    proposals = sumut_result.frames["proposals"]
    columns = ["usulan_no", "program", "kegiatan", "besaran", "besaran_raw", "satuan", "page"]
    assert [tuple(r) for r in proposals[columns].astype(object).itertuples(index=False)] == [
        (1, "PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN",
         "Pembentukan unit Kelas Perempuan", 11.0, "11 unit", "unit", 48),
        (2, "PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN",
         "PembentukanToko Online bagi Pelaku Industri Rumahan", 300.0, "300 unit", "unit", 48),
        (3, "PROGRAM PENINGKATAN KUALITAS KELUARGA", "Pembentukan Layanan Konseling Keluarga",
         3.0, "3 unit", "unit", 48),
        (4, "PROGRAM PERLINDUNGAN PEREMPUAN", "Pembentukan Desa Ramah Perempuan dan Peduli Anak",
         2.0, "2 desa", "desa", 48),
    ]  # fmt: skip
    assert proposals["lokasi"].tolist() == [
        "Dairi, Pakpak Bharat, Langkat, Nias, Nias Utara, Nias Selatan, Binjai, Karo, Tebing "
        "Tinggi dan Serdang Bedagai",
        "Medan",
        "Mandailing Natal, P. Sidempuan dan Tapanuli Selatan",
        "Karo dan Deli Serdang",
    ]
    assert proposals["indikator"].iloc[[0, 2, 3]].tolist() == [
        "Unit kelas perempuan yang dibentuk untuk peningkatan peran perempuan dalam pembangunan",
        "Layanan Konseling Keluarga yan dibentuk",
        "Desa Ramah Perempuan dan Peduli Anak yang dibentuk",
    ]


def test_sumut_evaluation_table(sumut_result) -> None:
    """ "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja ... Hingga Tahun 2021" (T-C.29, pages
    21-31, no table number): rows numbered as an outline (I | PROGRAM, then 1 | Kegiatan one
    column right, then 1 | Sub kegiatan), K and Rp sub columns (K into indicators), values
    as printed, the Rp values into budgets; the years are those the headings print."""
    indicators = sumut_result.frames["indicators"]
    evaluation = indicators[indicators["table_kind"] == "evaluasi"]
    assert evaluation["page"].between(21, 31).all()
    programs = evaluation[evaluation["level"] == "program"].drop_duplicates("node_id")
    assert programs["nama"].tolist() == [
        "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH PROVINSI",
        "PROGRAM PENGARUSUTAMAAN GENDER DAN PEMBERDAYAAN PEREMPUAN",
        "PROGRAM PERLINDUNGAN PEREMPUAN",
        "PROGRAM PENINGKATAN KUALITAS KELUARGA",
        "PROGRAM PENGELOLAAN SISTEM DATA GENDER DAN ANAK",
        "PROGRAM PEMENUHAN HAK ANAK (PHA)",
        "PROGRAM PERLINDUNGAN KHUSUS ANAK",
    ]
    measures = [
        ("target_renstra", 2023), ("realisasi_kumulatif", 2021), ("target", 2021),
        ("realisasi", 2021), ("capaian_persen", 2021), ("target", 2023),
        ("realisasi_kumulatif", 2023), ("capaian_kumulatif_persen", 2021),
    ]  # fmt: skip
    printed = {
        # page 21: "30 dok | 33.651.250 | 0 | 0 | 10 dok | ... | 3 dok | ... | 30% | 28% | 10 dok
        # | ... | 0 dok | - | -" (Rp columns skipped)
        ("P01.K01.S01", "Penyusunan Dokumen Perencanaan Perangkat Daerah",
         "Jumlah dokumen yang disusun"):
            ["30 dok", "0", "10 dok", "3 dok", "30%", "10 dok", "0 dok", "-"],
        ("P01.K02.S01", "Penyediaan Gaji dan Tunjangan ASN", "Gaji dan tunjangan tersedia"):
            ["12 bulan", "0", "14 bulan", "13 bulan", "93%", "14 kali", "3 bulan", "25%"],
    }  # fmt: skip
    for (node, nama, indikator), values in printed.items():
        rows = evaluation[evaluation["node_id"] == f"evaluasi#1/{node}"]
        assert set(rows["nama"]) == {nama} and set(rows["indikator"]) == {indikator}
        assert set(rows["level"]) == {"sub_kegiatan"}
        keys = zip(rows["measure"], rows["tahun"], strict=True)
        got = dict(zip(keys, rows["target_raw"], strict=True))
        assert got == dict(zip(measures, values, strict=True))
    gaji = evaluation[evaluation["node_id"] == "evaluasi#1/P01.K02.S01"].set_index(
        ["measure", "tahun"]
    )
    assert gaji.loc[("realisasi", 2021), "target"] == 13.0
    assert gaji.loc[("capaian_persen", 2021), "target"] == 93.0
    kegiatan = evaluation[evaluation["node_id"] == "evaluasi#1/P01.K02"]
    assert set(kegiatan["nama"]) == {"Administrasi Keuangan Perangkat Daerah"}
    # the Rp sub columns: amounts of the same rows, exact (wrapped "11.498.170.\n600" too)
    budgets = sumut_result.frames["budgets"]
    money = budgets[budgets["table_kind"] == "evaluasi"]
    assert money["page"].between(21, 31).all()
    printed_rp = {
        "P01": {("pagu_renja", 2021): "11498170600", ("realisasi_anggaran", 2021): "10228356665",
                ("pagu_renja", 2023): "11225252356",
                ("realisasi_anggaran_kumulatif", 2021): "0",
                ("realisasi_anggaran_kumulatif", 2023): "952520582"},
        "P01.K01.S01": {("pagu_renstra", 2023): "33651250",
                        ("realisasi_anggaran_kumulatif", 2021): "0",
                        ("pagu_renja", 2021): "55720000", ("realisasi_anggaran", 2021): "15767500",
                        ("pagu_renja", 2023): "26921000",
                        ("realisasi_anggaran_kumulatif", 2023): "0"},  # printed "-": zero
        "P01.K02.S01": {("pagu_renstra", 2023): "10132648180",
                        ("realisasi_anggaran_kumulatif", 2021): "0",
                        ("pagu_renja", 2021): "8668874303",
                        ("realisasi_anggaran", 2021): "8077951835",
                        ("pagu_renja", 2023): "8106118544",
                        ("realisasi_anggaran_kumulatif", 2023): "598296311"},
    }  # fmt: skip
    for node, want in printed_rp.items():
        rows = money[money["node_id"] == f"evaluasi#1/{node}"]
        keys = zip(rows["jenis"], rows["tahun"], strict=True)
        got = {
            k: None if a is pd.NA else str(int(a))
            for k, a in zip(keys, rows["amount"], strict=True)
        }
        assert got == want, node
    # page 25: the realisation cell sets "orang" above "82"
    advokasi = evaluation[(evaluation["node_id"] == "evaluasi#1/P03.K01.S01")]
    advokasi = advokasi.set_index(["measure", "tahun"])
    assert advokasi.loc[("realisasi", 2021), ["target", "target_raw", "satuan"]].tolist() == [
        82.0, "orang 82", "orang",
    ]  # fmt: skip
    # a cell whose number and unit the text layer interleaves is flagged, never guessed
    flagged = evaluation[evaluation["target_flag"].notna()]
    assert flagged["target"].isna().all() and flagged["target_raw"].notna().all()
