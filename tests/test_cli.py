"""`renja run` end to end through the Prefect flow: outputs, summary, exit status, bad input."""

import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import inprocess
import pandas as pd
import pytest
from conftest import SAMPLE
from inprocess import Ran
from synth.generator import LAYOUTS, random_plan, render_pdf

pytestmark = pytest.mark.slow

RENJA = Path(sys.executable).with_name("renja")


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("run")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / "sample.pdf")
    (raw / "again").mkdir()
    shutil.copy(SAMPLE, raw / "again" / "sample-copy.pdf")
    (raw / "notes.pdf").write_text("this is not a PDF\n")
    (raw / "empty.pdf").write_bytes(b"")
    (raw / "truncated.pdf").write_bytes(SAMPLE.read_bytes()[:5000])
    (raw / "readme.txt").write_text("ignored: not a PDF by name")
    out = root / "clean"
    proc = subprocess.run(
        [str(RENJA), "run", str(raw), "--out", str(out), "--strict"],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    return out, proc


def test_bad_documents_are_reported_and_good_ones_complete(run_dir) -> None:
    out, proc = run_dir
    assert proc.returncode == 1, proc.stderr  # --strict: not every document is ok
    summary = json.loads((out / "validation" / "summary.json").read_text())
    status = {d["source_file"]: (d["status"], d["reason"]) for d in summary["documents"]}
    # The sample prints a prakiraan maju for kegiatan 2.07.01.2.01 that its sub kegiatan do not
    # add up to (see test_validation.py): read completely, and invalid.
    assert status["sample.pdf"] == ("invalid", None)
    assert status["sample-copy.pdf"] == ("invalid", None)
    repeats = {d["source_file"]: d.get("duplicate_of") for d in summary["documents"]}
    pair = {repeats["sample.pdf"], repeats["sample-copy.pdf"]}
    assert pair in ({None, "sample.pdf"}, {None, "sample-copy.pdf"})  # one of them, once
    assert status["notes.pdf"] == ("rejected", "not a PDF (no %PDF- header)")
    assert status["empty.pdf"] == ("rejected", "empty file")
    assert status["truncated.pdf"][0] == "rejected"
    assert "readme.txt" not in status
    assert summary["totals"] == {"ok": 0, "invalid": 2, "suspect": 0, "rejected": 3}
    assert "Traceback" not in proc.stderr
    assert "3 rejected" in proc.stderr


def test_tables_are_written_with_exact_amounts(run_dir) -> None:
    out, _ = run_dir
    programs = pd.read_parquet(out / "programs.parquet")
    budgets = pd.read_parquet(out / "budgets.parquet")
    indicators = pd.read_parquet(out / "indicators.parquet")
    assert len(programs) == 77  # the copy under another name adds no rows
    assert programs["source_file"].nunique() == 1
    plan = budgets[(budgets["level"] == "program") & (budgets["jenis"] == "pagu_indikatif")]
    assert all(isinstance(v, Decimal) for v in plan["amount"])
    assert sum(plan["amount"], Decimal(0)) == Decimal("13319369434")
    assert set(indicators["tahun"]) == {2022, 2023}
    assert not list(out.glob(".*"))  # no temporary files left behind


def _run(*args: str) -> Ran:
    """``renja run`` in this process (``inprocess``): only its exit status is looked at."""
    return inprocess.renja("run", *args)


def test_the_run_records_its_seconds_per_stage(run_dir) -> None:
    """validation/timings.json: the run's stages from its start-up to its summary, and each
    extracted document's; the summary stays free of them, and without --data-docs the run
    builds no Data Docs."""
    out, _ = run_dir
    timings = json.loads((out / "validation" / "timings.json").read_text())
    run = timings["run"]
    for stage in ("cli_start", "server", "imports", "extraction", "write_tables", "checks",
                  "reports", "flow", "total"):  # fmt: skip
        assert run[stage] >= 0, stage
    assert run["total"] >= run["flow"] >= run["extraction"] + run["checks"]
    assert "data_docs" not in run
    assert not (out / "validation" / "data_docs").exists()
    documents = {d["source_file"]: d["seconds"] for d in timings["documents"]}
    assert set(documents) == {"sample.pdf", "sample-copy.pdf", "notes.pdf", "empty.pdf",
                              "truncated.pdf"}  # fmt: skip
    sample = documents["sample.pdf"]
    parts = sum(sample[s] for s in ("text", "tables", "transforms", "reading"))
    assert sample["tables"] > 0 and sample["text"] > 0
    assert sample["worker"] >= parts
    assert run["extraction"] >= sample["worker"]
    summary = json.loads((out / "validation" / "summary.json").read_text())
    assert not any("seconds" in d for d in summary["documents"]) and "timings" not in summary


def test_exit_status_gates_on_validity_only_when_strict(tmp_path: Path, lenient_run) -> None:
    consistent = tmp_path / "consistent.pdf"
    render_pdf(random_plan(5), consistent, LAYOUTS["sipd_split5"])
    proc = _run(str(consistent), "--out", str(tmp_path / "a"), "--strict")
    assert proc.returncode == 0, proc.stderr
    proc = _run(str(SAMPLE), "--out", str(tmp_path / "b"), "--strict")
    assert proc.returncode == 1, proc.stderr  # invalid
    folder, proc = lenient_run  # the sample again, without --strict
    assert proc.returncode == 0, proc.stderr  # outputs written; the summary says invalid
    assert (folder / "clean" / "programs.parquet").exists()


@pytest.fixture(scope="module")
def lenient_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ran]:
    """The sample run without --strict into an output folder given relative to the working
    directory, as `make run` gives data/clean (one run for the two tests that look at it)."""
    folder = tmp_path_factory.mktemp("lenient")
    shutil.copy(SAMPLE, folder / "sample.pdf")
    return folder, inprocess.renja("run", "sample.pdf", "--out", "clean", "--data-docs", cwd=folder)


def test_a_relative_output_folder(lenient_run) -> None:
    """`make run` passes data/clean, relative to the working directory."""
    folder, proc = lenient_run
    assert proc.returncode == 0, proc.stderr
    assert (folder / "clean" / "validation" / "data_docs" / "index.html").exists()
    assert (folder / "clean" / "validation" / "summary.json").exists()


@pytest.mark.parametrize("width", [80, 120])
def test_help_is_wrapped_once_to_the_terminal(width: int) -> None:
    """`run --help` flows each paragraph of its description to the terminal's width: every
    line but a paragraph's last is nearly full (text wrapped twice, once at the docstring's
    own line ends and again at the terminal's, leaves short ragged lines)."""
    import os
    import re

    env = {**os.environ, "COLUMNS": str(width), "TERM": "dumb", "NO_COLOR": "1"}
    proc = subprocess.run(
        [str(RENJA), "run", "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    description = text[text.index("Usage:") : text.index("─ Arguments")].splitlines()[1:-1]
    paragraphs = re.split(r"\n\s*\n", "\n".join(line.rstrip() for line in description).strip())
    assert len(paragraphs) == 2  # the summary line, then the paragraph that explains
    for paragraph in paragraphs:
        lines = paragraph.splitlines()
        assert all(len(line) <= width for line in lines)
        assert all(len(line) > width - 20 for line in lines[:-1]), lines
    assert len(paragraphs[1].splitlines()) >= 3


def test_the_run_prints_its_own_lines_only(run_dir) -> None:
    """Prefect's banners and log lines stay out of what the run prints: every line is one of
    the run's own (a status event, a document's outcome, the closing counts and links)."""
    import re

    _, proc = run_dir
    own = re.compile(
        r"renja event=\S+ |(ok|invalid|suspect|rejected) +\S|\d+ documents: |reports: "
        r"|flow run: http|no PREFECT_API_URL: "
    )
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines and [line for line in lines if not own.match(line)] == [], proc.stderr
    assert not re.search(r"\d\d:\d\d:\d\d\.\d+ \| |telemetry|prefect server", proc.stderr, re.I)
    assert proc.stdout == ""
