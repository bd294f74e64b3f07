"""The field dictionary is the contract: docs and Parquet schemas are generated from it."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from transform.fields import FIELDS, SchemaError, arrow_schema, empty_frame, enforce_schema

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("command", ["fields", "checks"])
def test_docs_tables_are_generated_from_the_code(command: str) -> None:
    """docs/fields.md from the field dictionary, docs/checks.md from the suites."""
    renja = Path(sys.executable).with_name("renja")
    generated = subprocess.run([str(renja), command], capture_output=True, text=True, check=True)
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
