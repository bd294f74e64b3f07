"""The other tables of a Renja, rendered from the seed document's text into PDFs beside a plan:
every value the pipeline returns must be the printed one."""

import re
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from synth.generator import LAYOUTS, PrintedTable, random_plan, render_pdf
from synth.seed_tables import (
    EVALUATION_MEASURES,
    EVALUATION_YEARS,
    SERVICE_MEASURES,
    SERVICE_YEARS,
    evaluation_table,
    proposals_table,
    read_tsv,
    review_table,
    service_table,
)
from truth import compare

from renja.process import process_pdf
from transform.fields import KEYS


def _level(nomor: str) -> str:
    if re.fullmatch(r"[IVX]+", nomor):
        return "program"
    return "sub_kegiatan" if nomor.startswith("(") else "kegiatan"


def _expected_review() -> tuple[list[tuple], list[tuple]]:
    """(level, nama, pagu awal, pagu hasil) per node and (node index, half, indikator, satuan,
    target) per indicator, read straight from the fixture: a row with a number or with a name
    and an amount of its own is a node, any other row with an indicator adds one to the node
    above (an indicator, unit or target makes one); the unlabelled first row is the total."""
    nodes: list[tuple] = []
    indicators: list[tuple] = []
    for row in read_tsv("tabel_2_4_review.tsv")[4:]:
        nomor, nama = row[0], row[1]
        if nomor or (nama and row[6]):
            level = _level(nomor) if nomor else "sub_kegiatan"
            nodes.append((level, nama, row[6] or None, row[12] or None))
        for half, cells in (("rancangan_awal", row[1:7]), ("hasil_analisis", row[7:13])):
            if cells[2] or cells[3] or cells[4]:
                indicators.append((len(nodes) - 1, half, *[c or None for c in cells[2:5]]))
    return nodes, indicators


def _plain(values: pd.Series) -> list:
    """Values with pandas' missing markers as None."""
    return [None if v is pd.NA or v is None else v for v in values.astype(object)]


def _amount(raw: str | None) -> Decimal | None:
    return None if raw is None else Decimal(raw.replace(".", "")).quantize(Decimal("0.01"))


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_seed_review_table_both_halves(ruled: bool, tmp_path: Path) -> None:
    plan = random_plan(5)
    path = tmp_path / "renja.pdf"
    render_pdf(plan, path, LAYOUTS["single_decimals"], others=(review_table(ruled),))
    result = process_pdf(path)
    assert result.status == "ok", result.reason
    assert compare(result.frames, plan).differences == []  # the plan is untouched
    budgets = result.frames["budgets"]
    review = budgets[budgets["table_kind"] == "review"]
    nodes, indicators = _expected_review()
    assert len(nodes) == 6 + 20 + 51
    for half, pagu_at in (("rancangan_awal", 2), ("hasil_analisis", 3)):
        got = review[review["jenis"] == f"pagu_{half}"]
        assert got[["level", "nama"]].values.tolist() == [[n[0], n[1]] for n in nodes]
        assert _plain(got["amount"]) == [_amount(n[pagu_at]) for n in nodes]
        assert _plain(got["amount_raw"]) == [n[pagu_at] for n in nodes]
        assert set(got["tahun"]) == {2022} and set(got["source_table"]) == {"2.4"}
        assert got["node_id"].str.startswith("T2.4/").all()
    programs = review[(review["level"] == "program") & (review["jenis"] == "pagu_rancangan_awal")]
    assert sum(programs["amount"].tolist(), Decimal(0)) == Decimal("13319369434")
    ids = review[review["jenis"] == "pagu_rancangan_awal"]["node_id"].tolist()
    got_ind = result.frames["indicators"]
    got_ind = got_ind[got_ind["table_kind"] == "review"]
    want = [(ids[i], f"target_{half}", ind, sat, raw) for i, half, ind, sat, raw in indicators]
    columns = ["node_id", "measure", "indikator", "satuan", "target_raw"]
    got = list(zip(*[_plain(got_ind[c]) for c in columns], strict=True))
    assert sorted(got, key=str) == sorted(want, key=str)
    for table, frame in result.frames.items():
        assert not frame.duplicated(list(KEYS[table])).any(), table


def _values(frame: pd.DataFrame, kind: str, columns: list[str]) -> list[tuple]:
    rows = frame[frame["table_kind"] == kind]
    return sorted(zip(*[_plain(rows[c]) for c in columns], strict=True), key=str)


def _render_with(tmp_path: Path, *others: PrintedTable) -> pd.DataFrame:
    plan = random_plan(2)
    path = tmp_path / "renja.pdf"
    render_pdf(plan, path, LAYOUTS["sipd_split5"], others=others)
    result = process_pdf(path)
    assert result.status == "ok", result.reason
    assert compare(result.frames, plan).differences == []
    assert [t.plan.value for t in result.stated_totals if t.source == "table"] == [
        Decimal(plan["total_pagu"])
    ]
    for table, frame in result.frames.items():
        assert not frame.duplicated(list(KEYS[table])).any(), table
    budgets = result.frames["budgets"]
    assert set(budgets["table_kind"]) == {"rumusan"}  # these tables print no amounts
    return result.frames["indicators"]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_seed_evaluation_table(ruled: bool, tmp_path: Path) -> None:
    """Every value printed in the seed's Tabel 2.1 (T-C.29) comes back with its measure and
    year; the plan and its totals are untouched. Borderless, its sixteen narrow columns stand
    under headings of many lines, some over several columns ("Target dan Realisasi Kinerja
    Program dan Kegiatan Tahun 2020")."""
    indicators = _render_with(tmp_path, evaluation_table(ruled))
    want = []
    node = None
    for row in read_tsv("tabel_2_1_evaluasi.tsv"):
        code, nama, indikator, satuan, values = row[:5], row[5], row[6], row[7], row[8:]
        if nama and any(code):
            # a kegiatan printed as "2 | 07 | 05 | 2" carries no valid code: not read
            node = None if (code[3] and "." not in code[3] and not code[4]) else nama
        for value, measure, year in zip(values, EVALUATION_MEASURES, EVALUATION_YEARS, strict=True):
            if value and node:
                want.append((node, indikator, satuan or None, measure, year, value))
    got = _values(indicators, "evaluasi", ["nama", "indikator", "satuan", "measure", "tahun",
                                           "target_raw"])  # fmt: skip
    assert got == sorted(want, key=str)
    evaluation = indicators[indicators["table_kind"] == "evaluasi"]
    assert set(evaluation["source_table"]) == {"2.1"}
    realised = evaluation[
        (evaluation["kode"] == "2.07.04.2.01.02") & (evaluation["tahun"] == 2020)
    ].set_index("measure")
    # "Pelayanan Antar Kerja": 828 | 50 | 40 | 40 | 100 | 288 | 378 | 45,65
    assert realised["target"].to_dict() == {
        "target": 40.0, "realisasi": 40.0, "capaian_persen": 100.0,
    }  # fmt: skip
    assert realised["level"].iloc[0] == "sub_kegiatan"


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_seed_service_performance_table(ruled: bool, tmp_path: Path) -> None:
    """Every value of the seed's Tabel 2.2 (T-C.30): Renstra targets, realisations and
    projections by year, one indicator per printed row, in no node. Borderless, its values
    are left-aligned in narrow year columns and its measure headings ("Realisasi") are
    narrower than the years under them."""
    indicators = _render_with(tmp_path, service_table(ruled))
    want = []
    for number, row in enumerate(read_tsv("tabel_2_2_kinerja_pelayanan.tsv")[3:], start=1):
        for value, measure, year in zip(row[4:14], SERVICE_MEASURES, SERVICE_YEARS, strict=True):
            want.append((f"T2.2/I{number:02d}", row[1], measure, year, value))
    got = _values(indicators, "kinerja_pelayanan", ["node_id", "indikator", "measure", "tahun",
                                                    "target_raw"])  # fmt: skip
    assert got == sorted(want, key=str)
    service = indicators[indicators["table_kind"] == "kinerja_pelayanan"]
    assert service["level"].isna().all() and service["kode"].isna().all()
    row = service[(service["node_id"] == "T2.2/I08") & (service["tahun"] == 2020)]
    assert row.set_index("measure")["target"].to_dict() == {
        "target_renstra": 9.26, "realisasi": 9.26,
    }  # fmt: skip


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_seed_proposals_table(ruled: bool, tmp_path: Path) -> None:
    """The seed's Tabel 2.5 (community proposals) into the proposals table: every printed row
    with its program (the numbered or PROGRAM row above it), kegiatan (carried down), lokasi,
    indicator and size, the unit taken from the size cell."""
    plan = random_plan(4)
    path = tmp_path / "renja.pdf"
    render_pdf(plan, path, LAYOUTS["single_decimals"], others=(proposals_table(ruled),))
    result = process_pdf(path)
    assert result.status == "ok", result.reason
    assert compare(result.frames, plan).differences == []
    want = []
    program = kegiatan = None
    for row in read_tsv("tabel_2_5_usulan.tsv")[2:]:
        nomor, name, lokasi, indikator, besaran, catatan = row
        if name and (nomor or name.lower().startswith("program")):
            program, kegiatan = name, None
        elif name:
            kegiatan = name
        size, unit = (besaran.split(" ", 1) + [None])[:2] if besaran else (None, None)
        want.append(
            (len(want) + 1, program, kegiatan, lokasi or None, indikator or None,
             float(size) if size else None, besaran or None, unit, catatan or None)
        )  # fmt: skip
    columns = ["usulan_no", "program", "kegiatan", "lokasi", "indikator", "besaran",
               "besaran_raw", "satuan", "catatan"]  # fmt: skip
    got = result.frames["proposals"]
    assert list(zip(*[_plain(got[c]) for c in columns], strict=True)) == want
    assert set(got["source_table"]) == {"2.5"}
    assert not got.duplicated(list(KEYS["proposals"])).any()
