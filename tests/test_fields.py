"""The field dictionary is the contract: docs and Parquet schemas are generated from it."""

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from transform.fields import FIELDS, SchemaError, arrow_schema, empty_frame, enforce_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", ["fields", "checks"])
def test_docs_tables_are_generated_from_the_code(command: str) -> None:
    """docs/fields.md from the field dictionary, docs/checks.md from the suites."""
    from inprocess import renja

    generated = renja(command)
    assert generated.returncode == 0, generated.stderr
    assert (ROOT / "docs" / f"{command}.md").read_text() == generated.stdout, (
        f"docs/{command}.md is stale: regenerate it with `renja {command} > docs/{command}.md`"
    )


def test_sample_frames_follow_the_dictionary(sample_result) -> None:
    for table, frame in sample_result.frames.items():
        assert list(frame.columns) == [f.name for f in FIELDS[table]]
        assert str(frame["amount"].dtype if table == "budgets" else "") in (
            "decimal128(20, 2)[pyarrow]",
            "",
        )
        assert arrow_schema(table).names == list(frame.columns)


def test_enforce_schema_fails_loudly() -> None:
    frame = empty_frame("budgets")
    with pytest.raises(SchemaError, match="missing columns"):
        enforce_schema(frame.drop(columns=["amount"]), "budgets")
    bad = pd.DataFrame([{c: None for c in frame.columns}])
    with pytest.raises(SchemaError, match="null"):
        enforce_schema(bad, "budgets")
    row = {c: None for c in frame.columns} | {
        "doc_id": "x", "table_kind": "rumusan", "node_id": "P01", "level": "programme",
        "tahun": 2022,
        "jenis": "pagu_indikatif", "page": 1,
    }  # fmt: skip
    with pytest.raises(SchemaError, match="not allowed"):
        enforce_schema(pd.DataFrame([row]), "budgets")


def test_keys_are_unique_and_plan_rows_are_marked(sample_result) -> None:
    from transform.fields import KEYS

    for table, frame in sample_result.frames.items():
        assert not frame.duplicated(list(KEYS[table])).any(), table
    plan = sample_result.frames["budgets"]
    plan = plan[plan["jenis"].isin(["pagu_indikatif", "prakiraan_maju"])]
    assert set(plan["table_kind"]) == {"rumusan"}
    indicators = sample_result.frames["indicators"]
    rumusan = indicators[indicators["table_kind"] == "rumusan"]
    assert set(rumusan["measure"]) == {"target"}
    assert set(rumusan["tahun"]) == {2022, 2023}


def test_written_tables_describe_their_columns_and_encode_their_sets(sample_out) -> None:
    """Every column's description is in the Parquet field metadata; columns with allowed
    values are dictionary-encoded, and pandas reads them as category with exactly those."""
    import pyarrow.parquet as pq

    out, _ = sample_out
    for table, fields in FIELDS.items():
        schema = pq.read_schema(out / f"{table}.parquet")
        assert schema.names == [f.name for f in fields], table
        for f in fields:
            stored = schema.field(f.name)
            assert stored.metadata[b"description"].decode() == f.description, (table, f.name)
            assert (stored.metadata.get(b"unit") or b"").decode() == (f.unit or "")
            assert pa_is_dictionary(stored.type) == bool(f.allowed), (table, f.name)
        frame = pd.read_parquet(out / f"{table}.parquet")
        for f in fields:
            if f.allowed:
                assert frame[f.name].dtype == "category", (table, f.name)
                assert list(frame[f.name].cat.categories) == list(f.allowed), (table, f.name)


def pa_is_dictionary(kind) -> bool:
    import pyarrow as pa

    return pa.types.is_dictionary(kind)


def test_the_plan_year_does_not_clash_with_the_year_of_a_value(sample_out) -> None:
    """programs carry the plan year as tahun_rencana, so that the natural join with budgets
    grouped by tahun gives each program's amount of that year, not the sum of both years."""
    out, _ = sample_out
    programs = pd.read_parquet(out / "programs.parquet")
    budgets = pd.read_parquet(out / "budgets.parquet")
    assert "tahun" not in programs.columns and set(programs["tahun_rencana"]) == {2022}
    joined = programs[programs["kode"] == "2.07.03"].merge(budgets, on=["doc_id", "node_id"])
    per_year = joined.groupby("tahun", observed=True)["amount"].sum()
    assert per_year.to_dict() == {2022: Decimal("2730000000.00"), 2023: Decimal("3320000000.00")}


def test_documents_table_has_one_row_per_document(sample_out) -> None:
    out, summary = sample_out
    documents = pd.read_parquet(out / "documents.parquet")
    [doc] = summary["documents"]
    assert len(documents) == 1
    row = documents.iloc[0]
    assert (row["doc_id"], row["sha256"], row["source_file"]) == (
        doc["doc_id"], doc["sha256"], doc["source_file"],
    )  # fmt: skip
    assert (row["status"], row["tahun_rencana"], row["opd"]) == ("invalid", 2022, doc["opd"])
    assert row["plan_pages"] == "13, 14, 15, 16, 17, 18, 19, 20, 21"
    assert row["review_pages"] == "10, 11"
    assert (row["n_program"], row["n_kegiatan"], row["n_sub_kegiatan"]) == (6, 20, 51)
    failures = {
        severity: sum(len(c["failures"]) for c in doc["checks"] if c["severity"] == severity)
        for severity in ("error", "warning")
    }
    assert (row["n_errors"], row["n_warnings"]) == (failures["error"], failures["warning"])
    assert row["n_errors"] == 1
    assert row["pagu_computed"] == Decimal("13319369434.00")
    assert row["prakiraan_maju_computed"] == Decimal("14757887434.00")


def test_budget_values_keep_the_box_they_are_printed_in(sample_out) -> None:
    """The kegiatan whose prakiraan maju is wrong prints 793.000.000 on page 17: its box lies
    in the plan table's prakiraan maju column, right of the plan year's amount."""
    out, _ = sample_out
    budgets = pd.read_parquet(out / "budgets.parquet")
    plan = budgets[budgets["table_kind"] == "rumusan"]
    row = plan[(plan["kode"] == "2.07.01.2.01") & (plan["jenis"] == "prakiraan_maju")].iloc[0]
    same = plan[(plan["kode"] == "2.07.01.2.01") & (plan["jenis"] == "pagu_indikatif")].iloc[0]
    assert row["page"] == 17 and row["x0"] < row["x1"] and row["top"] < row["bottom"]
    assert same["x1"] <= row["x0"]  # the plan year's column is left of the next year's
    assert (row["top"], row["bottom"]) == (same["top"], same["bottom"])  # the same printed row
    printed = plan[plan["amount"].notna()]
    assert printed["x0"].notna().mean() == 1.0  # every amount read has its box


def _printed_in(pdf, row: pd.Series) -> str:
    """The text pdfplumber finds inside a row's box on its page, as one line."""
    from transform.rows import clean_text

    box = (row["x0"] - 0.5, row["top"] - 0.5, row["x1"] + 0.5, row["bottom"] + 0.5)
    return clean_text(pdf.pages[int(row["page"]) - 1].within_bbox(box).extract_text())


def test_every_value_keeps_the_box_it_is_printed_in(sample_result) -> None:
    """Programs, indicators and budgets carry the box of their cell beside the page: cut out
    of the page, the box prints the value as read (the name, the target, the amount), and no
    other cell's text; every value read has one."""
    import pdfplumber
    from conftest import SAMPLE

    frames = sample_result.frames
    programs, indicators = frames["programs"], frames["indicators"]
    with pdfplumber.open(SAMPLE) as pdf:
        [program] = [r for _, r in programs.iterrows() if r["kode"] == "2.07.03"]
        assert program["page"] == 13
        assert _printed_in(pdf, program) == program["nama"]
        assert program["nama"] == "PROGRAM PELATIHAN KERJA DAN PRODUKTIVITAS TENAGA KERJA"
        targets = indicators[(indicators["kode"] == "2.07.03")].set_index("tahun")
        assert targets["target_raw"].to_dict() == {2022: "65", 2023: "70"}
        for tahun, target in targets.iterrows():
            assert _printed_in(pdf, target) == target["target_raw"], tahun
        assert targets.loc[2022, "x1"] <= targets.loc[2023, "x0"]  # the plan year's column first
        assert targets.loc[2022, "top"] == program["top"]  # the same printed row
        for table, column in (("indicators", "target_raw"), ("budgets", "amount_raw")):
            frame = frames[table]
            assert (frame[column].notna() == frame["x0"].notna()).all(), table
            for _, row in frame[frame["x0"].notna()].iterrows():
                assert _printed_in(pdf, row) == row[column], (table, row["node_id"])
        assert programs["x0"].notna().all()
        for _, row in programs.iterrows():
            printed = _printed_in(pdf, row)
            # a name whose rest is printed at the top of the next page starts there
            assert printed == row["nama"] or row["nama"].startswith(printed + " "), row["nama"]
    kinds = set(indicators.loc[indicators["x0"].notna(), "table_kind"])
    assert kinds == {"rumusan", "review"}


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "borderless"])
def test_other_tables_keep_the_boxes_of_their_values(ruled: bool, tmp_path: Path) -> None:
    """The evaluation's and the service performance table's values, and each community
    proposal's printed row, carry their boxes: the value's cell prints the value as read, the
    proposal's row prints every word of its indicator and size."""
    import pdfplumber
    from synth.generator import LAYOUTS, random_plan, render_pdf
    from synth.seed_tables import evaluation_table, proposals_table, service_table

    from renja.process import process_pdf
    from transform.rows import clean_text

    path = tmp_path / "renja.pdf"
    others = (evaluation_table(ruled), service_table(ruled), proposals_table(ruled))
    render_pdf(random_plan(2), path, LAYOUTS["sipd_split5"], others=others)
    result = process_pdf(path)
    indicators, proposals = result.frames["indicators"], result.frames["proposals"]
    with pdfplumber.open(path) as pdf:
        for kind in ("evaluasi", "kinerja_pelayanan"):
            values = indicators[indicators["table_kind"] == kind]
            assert len(values) > 20 and values["x0"].notna().all(), kind
            for _, row in values.iterrows():
                assert _printed_in(pdf, row) == row["target_raw"], (kind, row["node_id"])
        assert len(proposals) > 5 and proposals["x0"].notna().all()
        for _, row in proposals.iterrows():
            printed = _printed_in(pdf, row).split()  # the row's cells, their lines interleaved
            for column in ("indikator", "besaran_raw"):
                if row[column] is not None and row[column] is not pd.NA:
                    missing = set(clean_text(row[column]).split()) - set(printed)
                    assert not missing, (row["usulan_no"], column, missing)


def _readme_block(after: str, language: str) -> str:
    """The first ``language`` code block of the README after the line ``after``."""
    readme = (ROOT / "README.md").read_text()
    rest = readme[readme.index(after) :]
    start = rest.index(f"```{language}\n") + len(f"```{language}\n")
    return rest[start : rest.index("```", start)]


def test_readme_per_program_per_year_queries(sample_out) -> None:
    """The README's query of each program's amount per year gives, for program 2.07.03 of
    the sample, its plan-year and next-year amounts (not both years added), with pandas and
    with DuckDB (when installed)."""
    out, _ = sample_out
    heading = "Each program's amount per year"
    code = _readme_block(heading, "python").replace("data/clean/", f"{out}/")
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    per_year = scope["per_year"]
    program = per_year[per_year.index.get_level_values("kode") == "2.07.03"]
    assert {k[-1]: v for k, v in program.items()} == {
        2022: Decimal("2730000000.00"), 2023: Decimal("3320000000.00"),
    }  # fmt: skip
    duckdb = pytest.importorskip("duckdb")
    sql = _readme_block(heading, "sql").replace("data/clean/", f"{out}/")
    rows = duckdb.sql(sql).fetchall()
    assert [(r[4], r[5]) for r in rows if r[2] == "2.07.03"] == [
        (2022, Decimal("2730000000.00")), (2023, Decimal("3320000000.00")),
    ]  # fmt: skip


def test_readme_review_beside_plan_query(sample_out) -> None:
    """The README's DuckDB query of the review's amounts beside the plan's joins each review
    row of the sample to exactly one plan amount: its 56 draft-RKPD amounts, which the sample
    prints equal to its plan's pagu indikatif."""
    duckdb = pytest.importorskip("duckdb")
    out, _ = sample_out
    sql = _readme_block("### Which table a row comes from", "sql").replace("data/clean/", f"{out}/")
    rows = duckdb.sql(sql).fetchall()
    budgets = pd.read_parquet(out / "budgets.parquet")
    review = budgets[
        (budgets["table_kind"] == "review") & (budgets["jenis"] == "pagu_rancangan_awal")
    ]
    assert len(rows) == len(review) == 56
    assert all(r[2] == r[3] for r in rows)
