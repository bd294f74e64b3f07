"""Validation: each check reports the faults it is for, where they are, and nothing else."""

import copy
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import REAL, SAMPLE, SHARED
from results import processed
from synth.generator import LAYOUTS, random_plan, render_pdf

from renja.output import write_outputs
from renja.process import process_pdf
from renja.validate import read_tables, validate_tables

# The sample prints, for kegiatan 2.07.01.2.01, a prakiraan maju of 793.000.000 while its sub
# kegiatan print 220 + 250 + 200 + 53 million = 723.000.000 (page 17; the truth file records the
# same printed values). It is the document's own inconsistency and must be reported.
SAMPLE_FAULT = ("sum_sub_kegiatan", "2.07.01.2.01", 2023, "793000000.00", "723000000.00", 17)


def _errors(summary: dict) -> set[tuple]:
    return {
        (f["check"], f["kode"], f["tahun"], f["stated"], f["computed"], f["page"])
        for doc in summary["documents"]
        for check in doc.get("checks", [])
        for f in check["failures"]
        if f["severity"] == "error"
    }


def _revalidate(tables: dict[str, pd.DataFrame], summary: dict) -> dict:
    return validate_tables(tables, copy.deepcopy(summary))


def test_sample_reports_only_its_printed_inconsistency(sample_out) -> None:
    _, summary = sample_out
    [doc] = summary["documents"]
    assert doc["status"] == "invalid"
    assert _errors(summary) == {SAMPLE_FAULT}
    [failure] = [f for c in doc["checks"] for f in c["failures"] if f["severity"] == "error"]
    assert failure["level"] == "kegiatan"
    assert failure["nama"] == "Perencanaan, penganggaran dan evaluasi kinerja perangkat daerah"
    assert failure["jenis"] == "prakiraan_maju"
    assert failure["difference"] == "70000000.00"
    checked = {c["check"]: c["checked"] for c in doc["checks"]}
    assert checked["sum_sub_kegiatan"] == 40  # 20 kegiatan x 2 years
    assert checked["sum_kegiatan"] == 12  # 6 programs x 2 years


def _amount_row(tables: dict, kode: str, tahun: int) -> int:
    budgets = tables["budgets"]
    match = budgets.index[(budgets["kode"] == kode) & (budgets["tahun"] == tahun)
                          & (budgets["table_kind"] == "rumusan")]  # fmt: skip
    assert len(match) == 1
    return int(match[0])


def _page_of(tables: dict, kode: str) -> int:
    programs = tables["programs"]
    return int(programs.loc[programs["kode"] == kode, "page"].iloc[0])


def _set_amount(tables: dict, kode: str, tahun: int, delta: int) -> Decimal:
    row = _amount_row(tables, kode, tahun)
    new = tables["budgets"].at[row, "amount"] + delta
    budgets = tables["budgets"].astype({"amount": object})
    budgets.at[row, "amount"] = new
    tables["budgets"] = budgets
    return new


def _budget(tables: dict, kode: str, tahun: int) -> Decimal:
    return tables["budgets"].at[_amount_row(tables, kode, tahun), "amount"]


def _money(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def test_planted_sub_kegiatan_amount(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    kegiatan, sub = "2.07.03.2.01", "2.07.03.2.01.01"
    _set_amount(tables, sub, 2022, 1_000_000)
    stated = _budget(tables, kegiatan, 2022)
    result = _revalidate(tables, summary)
    page = int(tables["budgets"].at[_amount_row(tables, kegiatan, 2022), "page"])
    planted = ("sum_sub_kegiatan", kegiatan, 2022, _money(stated),
               _money(stated + 1_000_000), page)  # fmt: skip
    sub_row = _amount_row(tables, sub, 2022)
    new, sub_page = tables["budgets"].at[sub_row, "amount"], tables["budgets"].at[sub_row, "page"]
    # the review of the draft RKPD (Tabel 2.4) prints the old amount for this sub kegiatan
    review = ("review_pagu", sub, 2022, _money(new), _money(new - 1_000_000), int(sub_page))
    assert _errors(result) == {SAMPLE_FAULT, planted, review}


def test_planted_review_amount(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    budgets = tables["budgets"].astype({"amount": object})
    sub = "2.07.01.2.01.07"
    rows = budgets.index[(budgets["table_kind"] == "review") & (budgets["kode"] == sub)]
    if rows.empty:  # the review prints no codes: it is matched on level and name
        nama = tables["programs"].set_index("kode").at[sub, "nama"]
        rows = budgets.index[(budgets["table_kind"] == "review") & (budgets["nama"] == nama)
                             & (budgets["level"] == "sub_kegiatan")]  # fmt: skip
    [row] = rows
    budgets.at[row, "amount"] = budgets.at[row, "amount"] + 7
    tables["budgets"] = budgets
    result = _revalidate(tables, summary)
    plan = _budget(tables, sub, 2022)
    page = int(tables["budgets"].at[_amount_row(tables, sub, 2022), "page"])
    assert _errors(result) == {
        SAMPLE_FAULT,
        ("review_pagu", sub, 2022, _money(plan), _money(plan + 7), page),
    }


def test_planted_kegiatan_total(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    program, kegiatan = "2.07.03", "2.07.03.2.01"
    original = _budget(tables, kegiatan, 2023)
    new = _set_amount(tables, kegiatan, 2023, -5_000_000)
    program_amount = _budget(tables, program, 2023)
    result = _revalidate(tables, summary)
    keg_page = int(tables["budgets"].at[_amount_row(tables, kegiatan, 2023), "page"])
    prog_page = int(tables["budgets"].at[_amount_row(tables, program, 2023), "page"])
    assert _errors(result) == {
        SAMPLE_FAULT,
        ("sum_sub_kegiatan", kegiatan, 2023, _money(new), _money(original), keg_page),
        ("sum_kegiatan", program, 2023, _money(program_amount),
         _money(program_amount - 5_000_000), prog_page),
    }  # fmt: skip


def test_planted_stated_grand_total(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    total = {"source": "table", "label": "JUMLAH", "page": 21, "plan_raw": "", "next_raw": "",
             "plan": "13319369434", "next": None}  # fmt: skip
    right = copy.deepcopy(summary)
    right["documents"][0]["stated_totals"] = [total]
    assert _errors(_revalidate(tables, right)) == {SAMPLE_FAULT}  # the sample's real total
    wrong = copy.deepcopy(summary)
    wrong["documents"][0]["stated_totals"] = [{**total, "plan": "13319369000"}]
    result = _revalidate(tables, wrong)
    assert _errors(result) == {
        SAMPLE_FAULT,
        ("stated_total", None, 2022, "13319369000.00", "13319369434.00", 21),
    }
    [failure] = [
        f for c in result["documents"][0]["checks"] for f in c["failures"]
        if f["check"] == "stated_total"
    ]  # fmt: skip
    assert failure["difference"] == "-434.00"


def test_planted_code_prefix(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    programs = tables["programs"].copy()
    row = programs.index[programs["kode"] == "2.07.03.2.01.01"][0]
    programs.at[row, "kode"] = "2.07.04.2.01.01"
    tables["programs"] = programs
    result = _revalidate(tables, summary)
    assert _errors(result) == {
        SAMPLE_FAULT,
        ("kode_prefix", "2.07.04.2.01.01", None, None, None, int(programs.at[row, "page"])),
    }


def test_schema_faults_are_hard(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    budgets = tables["budgets"].astype({"amount": object})
    budgets.at[0, "amount"] = Decimal("-1")
    budgets.at[1, "jenis"] = "pagu_lain"
    tables["budgets"] = budgets
    programs = tables["programs"].copy()
    programs.at[5, "node_id"] = programs.at[4, "node_id"]
    tables["programs"] = programs
    result = _revalidate(tables, summary)
    failed = {check for check, *_ in _errors(result)}
    assert {"amounts_non_negative", "budgets_allowed_values", "programs_unique_keys"} <= failed


def test_data_docs_reports_and_package_are_written(sample_out) -> None:
    out, summary = sample_out
    docs = out / "validation" / "data_docs"
    assert (docs / "index.html").exists()
    assert list((docs / "validations").rglob("*.html"))
    report = out / "validation" / "reports" / f"{summary['documents'][0]['doc_id']}.html"
    html = report.read_text()
    assert "2.07.01.2.01" in html and "sum_sub_kegiatan" in html and "<svg" in html
    assert "Rp 13.319.369.434" in html  # headline total, plan year
    assert not list(out.rglob(".*"))  # no temporary files or folders left


def test_datapackage_describes_the_tables(sample_out) -> None:
    frictionless = pytest.importorskip("frictionless")
    out, summary = sample_out
    package = json.loads((out / "datapackage.json").read_text())
    assert list(frictionless.Package.metadata_validate(package)) == []
    import pyarrow.parquet as pq

    for resource in package["resources"]:
        columns = pq.read_schema(out / resource["path"]).names
        assert [f["name"] for f in resource["schema"]["fields"]] == columns
    budgets = next(r for r in package["resources"] if r["name"] == "budgets")
    assert budgets["schema"]["primaryKey"] == ["doc_id", "table_kind", "node_id", "tahun", "jenis"]
    documents = next(r for r in package["resources"] if r["name"] == "documents")
    assert documents["schema"]["primaryKey"] == ["doc_id"]
    for resource in package["resources"]:
        if resource["name"] != "documents":
            assert resource["schema"]["foreignKeys"] == [
                {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}
            ]
    import hashlib

    [source] = package["sources"]
    assert source["sha256"] == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_synthetic_document_with_faults_printed_in_it(tmp_path: Path) -> None:
    """Faults in the PDF itself, read back end to end: a sub kegiatan whose amount is not part
    of its kegiatan's, and a grand-total row that is not the sum of the programs."""
    plan = random_plan(21)
    sub = next(n for n in plan["nodes"] if n["level"] == "sub_kegiatan" and n["pagu"])
    sub["pagu"] += 2_500_000
    plan["total_pagu"] += 1_000
    path = tmp_path / "faulty.pdf"
    render_pdf(plan, path, LAYOUTS["sipd_split5"])
    out = tmp_path / "out"
    summary = write_outputs([process_pdf(path)], out)
    errors = _errors(summary)
    by_check = {e[0]: e for e in errors}
    assert set(by_check) == {"sum_sub_kegiatan", "stated_total"}, errors
    kegiatan = next(n for n in plan["nodes"] if n["kode"] == sub["parent_kode"])
    assert by_check["sum_sub_kegiatan"][1:5] == (
        kegiatan["kode"], plan["plan_year"], _money(kegiatan["pagu"]),
        _money(kegiatan["pagu"] + 2_500_000),
    )  # fmt: skip
    total = sum(n["pagu"] for n in plan["nodes"] if n["level"] == "program")
    assert by_check["stated_total"][2:5] == (
        plan["plan_year"],
        _money(plan["total_pagu"]),
        _money(total),
    )


def test_code_list_reports_unknown_and_renamed(tmp_path: Path, sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    programs = tables["programs"]
    coded = programs[programs["kode"].notna()]
    listed = coded.iloc[1:]  # the first node is left out of the list
    names = listed["nama"].tolist()
    names[0] = "Nama yang sama sekali berbeda"  # renamed item
    code_list = tmp_path / "codes.csv"
    pd.DataFrame({"level": listed["level"], "kode": listed["kode"], "nama": names}).to_csv(
        code_list, index=False
    )
    from expectations.codelist import load_code_list

    result = validate_tables(tables, copy.deepcopy(summary), reference=load_code_list(code_list))
    checks = {c["check"]: c for c in result["documents"][0]["checks"]}
    [unknown] = checks["kode_in_code_list"]["failures"]
    assert unknown["kode"] == coded.iloc[0]["kode"]
    [renamed] = checks["nama_matches_code_list"]["failures"]
    assert renamed["kode"] == listed.iloc[0]["kode"] and renamed["severity"] == "warning"
    assert "similarity" in renamed["message"]


def test_a_code_read_by_ocr_one_digit_off_the_code_list_is_a_reading_doubt(
    tmp_path: Path, sample_out
) -> None:
    """A sub kegiatan's kode absent from the code list while a code one digit off is in it:
    read by OCR, a likely misread digit (``misread_codes``, the document ``suspect``); in a
    text layer, the document's own code (``kode_in_code_list`` only). Two digits off is no
    misread digit."""
    from expectations.codelist import load_code_list

    out, summary = sample_out
    tables = read_tables(out)
    programs = tables["programs"]
    coded = programs[programs["kode"].notna()]
    code_list = tmp_path / "codes.csv"
    pd.DataFrame({"level": coded["level"], "kode": coded["kode"], "nama": coded["nama"]}).to_csv(
        code_list, index=False
    )
    reference = load_code_list(code_list)
    leaf = coded[coded["level"] == "sub_kegiatan"].iloc[-1]
    page = int(leaf["page"])

    def read_as(kode: str, ocr: bool) -> dict:
        changed = {**tables, "programs": programs.copy()}
        changed["programs"].loc[programs["node_id"] == leaf["node_id"], "kode"] = kode
        doc_summary = copy.deepcopy(summary)
        doc_summary["documents"][0]["ocr_pages"] = [page] if ocr else []
        result = validate_tables(changed, doc_summary, reference=reference)
        return result["documents"][0]

    one_off = leaf["kode"][:-1] + str((int(leaf["kode"][-1]) + 5) % 10)  # its last digit
    assert one_off not in set(coded["kode"])
    doc = read_as(one_off, ocr=True)
    checks = {c["check"]: c for c in doc["checks"]}
    [doubt] = checks["misread_codes"]["failures"]
    assert doubt["page"] == page and doubt["node_id"] == leaf["node_id"]
    assert one_off in doubt["message"] and "one digit off" in doubt["message"]
    assert doc["status"] == "suspect"
    [unknown] = checks["kode_in_code_list"]["failures"]
    assert "one digit off" in unknown["message"]

    doc = read_as(one_off, ocr=False)  # the same code printed in a text layer
    checks = {c["check"]: c for c in doc["checks"]}
    assert checks["misread_codes"]["success"] and not checks["kode_in_code_list"]["success"]
    assert doc["status"] == "invalid"

    two_off = leaf["kode"][:-2] + "99"
    assert two_off not in set(coded["kode"])
    doc = read_as(two_off, ocr=True)
    checks = {c["check"]: c for c in doc["checks"]}
    assert checks["misread_codes"]["success"] and not checks["kode_in_code_list"]["success"]


@pytest.mark.skipif(not (SHARED / "reference").exists(), reason="reference code lists absent")
def test_sample_against_kepmendagri_list(sample_out) -> None:
    from expectations.codelist import load_code_list

    out, summary = sample_out
    reference = load_code_list(
        SHARED / "reference" / "nomenklatur_subkegiatan_kepmendagri_900_kabkota.csv"
    )
    result = validate_tables(read_tables(out), copy.deepcopy(summary), reference=reference)
    checks = {c["check"]: c for c in result["documents"][0]["checks"]}
    # every code of the 2022 sample is in the kab/kota list (2-digit sub parts as 00NN), and
    # every name is close to the list's
    assert checks["kode_in_code_list"]["checked"] == 77
    assert checks["kode_in_code_list"]["success"]
    assert checks["nama_matches_code_list"]["success"]
    newer = load_code_list(SHARED / "reference" / "nomenklatur_subkegiatan_pemutakhiran_2027.csv")
    result = validate_tables(read_tables(out), copy.deepcopy(summary), reference=newer)
    checks = {c["check"]: c for c in result["documents"][0]["checks"]}
    # the 2027 update dropped 2.07.03.2.01.0001 (Proses Pelaksanaan ... Pelatihan Keterampilan):
    # reported by code and page
    unknown = [(f["kode"], f["page"]) for f in checks["kode_in_code_list"]["failures"]]
    assert unknown == [("2.07.03.2.01.01", 13)]


@pytest.mark.skipif(not REAL.exists(), reason="real documents absent")
def test_real_documents(tmp_path: Path) -> None:
    paths = sorted(REAL.glob("*.pdf"))
    summary = write_outputs([processed(p) for p in paths], tmp_path)
    docs = {d["source_file"]: d for d in summary["documents"]}
    assert docs["kaltim-pupr-bikon-renja.pdf"]["status"] == "ok"
    sumut = docs["sumut-dp3akb-renja-2023.pdf"]
    assert sumut["status"] == "invalid"
    # the two prakiraan maju mismatches the truth file's notes list, and nothing else
    errors = {
        (f["check"], f["nama"][:40], f["tahun"], f["stated"], f["computed"], f["page"])
        for c in sumut["checks"] for f in c["failures"] if f["severity"] == "error"
    }  # fmt: skip
    assert errors == {
        ("sum_kegiatan", "PROGRAM PERLINDUNGAN KHUSUS ANAK", 2024, "1133000000.00",
         "1298000000.00", 64),
        ("sum_sub_kegiatan", "Penyediaan Layanan bagi Anak yang Memerl", 2024, "715000000.00",
         "550000000.00", 64),
    }  # fmt: skip
    warnings = {
        (f["check"], f["message"]) for c in sumut["checks"] for f in c["failures"]
        if f["check"] == "nomor_prefix"
    }  # fmt: skip
    assert warnings == {("nomor_prefix", "numbered VIII.3 under VII")}
    # the review (pages 38-47) lists 22 sub kegiatan; the plan takes each one's Ranwal RKPD pagu
    review = next(c for c in sumut["checks"] if c["check"] == "review_pagu")
    assert (review["checked"], review["success"]) == (22, True)


def test_code_list_names_the_new_code_of_a_recoded_item(tmp_path: Path, sample_out) -> None:
    from expectations.codelist import load_code_list

    out, summary = sample_out
    code_list = tmp_path / "sipd.csv"
    header = ("kode_bidang,nama_bidang,kode_program,nama_program,kode_kegiatan,nama_kegiatan,"
              "kode_sub_kegiatan,nama_sub_kegiatan,sub_kegiatan_sebelumnya")  # fmt: skip
    row = ("2.07,TENAGA KERJA,2.07.03,PROGRAM PELATIHAN KERJA,2.07.03.2.01,Pelatihan,"
           "2.07.03.2.01.0009,Pelatihan Baru,2.07.03.2.01.0001 Proses lama")  # fmt: skip
    code_list.write_text(f"{header}\n{row}\n")
    reference = load_code_list(code_list)
    assert set(reference["level"]) == {"program", "kegiatan", "sub_kegiatan"}
    result = validate_tables(read_tables(out), copy.deepcopy(summary), reference=reference)
    checks = {c["check"]: c for c in result["documents"][0]["checks"]}
    messages = {f["kode"]: f["message"] for f in checks["kode_in_code_list"]["failures"]}
    assert messages["2.07.03.2.01.01"].endswith("(re-coded there as 2.07.03.2.01.0009)")
    assert "2.07.03" not in messages and "2.07.03.2.01" not in messages
