"""``renja debug``: each stage's output for one document, in a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from conftest import SAMPLE

from renja.debug import write_stages


def test_each_stage_of_the_sample_is_written(tmp_path: Path) -> None:
    result = write_stages(SAMPLE, tmp_path)
    assert result.status == "ok"
    pages = json.loads((tmp_path / "1-pages.json").read_text())
    assert pages["pages"] == 22 and pages["ocr_pages"] == []
    assert set(result.pages) <= set(pages["plan_pages"])
    raw = json.loads((tmp_path / "2-raw-tables.json").read_text())
    assert {t["page"] for t in raw} >= set(result.pages)
    assert all(len(row) == len(t["grid"][0]) for t in raw for row in t["grid"])
    tables = json.loads((tmp_path / "3-tables.json").read_text())
    (plan,) = [t for t in tables if t["is_plan"]]
    assert plan["kind"] == "rumusan"
    assert [s["page"] for s in plan["segments"]] == result.pages
    roles = plan["segments"][0]["header"]["roles"].values()
    assert "pagu (plan)" in roles and "nama" in roles
    rows = pd.read_csv(tmp_path / "4-rows.csv", keep_default_na=False)
    assert set(rows["page"]) == set(result.pages)
    programs = pd.read_csv(tmp_path / "5-programs.csv")
    assert len(programs) == len(result.frames["programs"])
    assert json.loads((tmp_path / "result.json").read_text())["status"] == "ok"


def test_a_rejected_document_writes_the_stages_it_reached(tmp_path: Path) -> None:
    blank = tmp_path / "notes.pdf"
    blank.write_bytes(b"not a pdf")
    out = tmp_path / "out"
    result = write_stages(blank, out)
    assert result.status == "rejected"
    assert sorted(p.name for p in out.iterdir()) == ["result.json"]
