"""Unattended runs: bad input among good, second runs that change nothing, runs killed midway,
documents added later, and the same outputs from parallel and distributed runs."""

import fcntl
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import inprocess
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import SAMPLE
from hostile import write_stream_bomb
from inprocess import Ran
from reportlab.pdfgen import canvas
from synth.generator import LAYOUTS, random_plan, render_pdf

pytestmark = pytest.mark.slow

RENJA = Path(sys.executable).with_name("renja")
QPDF = shutil.which("qpdf")
OUTPUTS = ("programs.parquet", "indicators.parquet", "budgets.parquet", "documents.parquet",
           "datapackage.json", "validation/summary.json", "validation/failures.csv",
           "validation/reports/index.html")  # fmt: skip


def renja(*args: str) -> Ran:
    """``renja run`` with these arguments, in this process (``inprocess``): what these tests
    check is the outputs and the counts printed. A run to be killed is a process of its own."""
    return inprocess.renja("run", *args)


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A short plan (two table pages, status ok): what these tests check is the run (what is
    read again, killed, parallel), not the reading, which the sample would only make longer."""
    path = tmp_path_factory.mktemp("plan") / "plan.pdf"
    render_pdf(random_plan(1), path, LAYOUTS["sipd_split5"])
    return path


def variant(source: Path, path: Path, n: int) -> Path:
    """``source`` with a comment after its end: the same plan, another document (another
    hash)."""
    path.write_bytes(source.read_bytes() + f"\n% copy {n}\n".encode())
    return path


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def counts(stderr: str) -> tuple[int, int]:
    match = re.search(r"(\d+) processed, (\d+) skipped", stderr)
    assert match, stderr
    return int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("bad")
    raw = root / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / "good.pdf")
    data = SAMPLE.read_bytes()
    (raw / "truncated.pdf").write_bytes(data[: len(data) // 3])
    (raw / "random.pdf").write_bytes(random.Random(7).randbytes(60_000))
    (raw / "garbage.pdf").write_bytes(b"%PDF-1.7\n" + random.Random(8).randbytes(60_000))
    (raw / "empty.pdf").write_bytes(b"")
    (raw / "notes.pdf").write_text("Renja 2022: see the attached tables.\n")
    blank = canvas.Canvas(str(raw / "blank.pdf"))
    for _ in range(2000):
        blank.showPage()
    blank.save()
    write_stream_bomb(raw / "bomb.pdf", inflated_mb=1024)
    if QPDF:
        subprocess.run([QPDF, "--encrypt", "secret", "owner", "256", "--", str(SAMPLE),
                        str(raw / "locked.pdf")], check=True)  # fmt: skip
        subprocess.run([QPDF, "--encrypt", "", "owner", "256", "--", str(SAMPLE),
                        str(raw / "restricted.pdf")], check=True)  # fmt: skip
        subprocess.run([QPDF, str(SAMPLE), "--pages", str(SAMPLE), "1-9", "--",
                        str(raw / "narrative.pdf")], check=True)  # fmt: skip
    out, quarantine = root / "out", root / "quarantine"
    args = (str(raw), "--out", str(out), "--quarantine", str(quarantine), "--memory-mb", "512")
    first = renja(*args)
    assert first.returncode == 0, first.stderr
    before = snapshot(out)
    second = renja(*args)
    return {"raw": raw, "out": out, "quarantine": quarantine, "first": first,
            "second": second, "before": before}  # fmt: skip


def test_each_bad_input_is_reported_with_its_reason(bad_run) -> None:
    proc = bad_run["first"]
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    summary = json.loads((bad_run["out"] / "validation" / "summary.json").read_text())
    reasons = {d["source_file"]: (d["status"], d["reason"] or "") for d in summary["documents"]}
    expected = {
        "truncated.pdf": "unreadable PDF",
        "random.pdf": "not a PDF",
        "garbage.pdf": "unreadable PDF",
        "empty.pdf": "empty file",
        "notes.pdf": "not a PDF",
        "blank.pdf": "blank document",
        "bomb.pdf": "memory",
    }
    if QPDF:
        expected |= {"locked.pdf": "password required", "narrative.pdf": "no plan table found"}
    for name, reason in expected.items():
        status, text = reasons[name]
        assert status == "rejected" and reason in text, (name, text)
    assert reasons["good.pdf"][0] == "invalid"  # read completely; the sample's own sum fault
    if QPDF:
        assert reasons["restricted.pdf"][0] == "invalid"  # owner password only: read as usual
    quarantined = sorted(p.name.split("-", 1)[1] for p in bad_run["quarantine"].iterdir())
    assert quarantined == sorted(expected)


def test_the_good_document_is_complete(bad_run) -> None:
    programs = pd.read_parquet(bad_run["out"] / "programs.parquet")
    good = programs[programs["source_file"] == "good.pdf"]
    assert len(good) == 77
    budgets = pd.read_parquet(bad_run["out"] / "budgets.parquet")
    mine = budgets[budgets["doc_id"] == good["doc_id"].iloc[0]]
    assert len(mine[mine["table_kind"] == "rumusan"]) == 154
    assert len(mine[mine["table_kind"] == "review"]) == 56  # Tabel 2.4


def test_a_second_run_changes_nothing(bad_run) -> None:
    proc = bad_run["second"]
    assert proc.returncode == 0, proc.stderr
    # Every document is reused but the bomb: a rejection by a limit (--memory-mb) is tried again.
    assert counts(proc.stderr) == (1, len(list(bad_run["raw"].iterdir())) - 1)
    assert snapshot(bad_run["out"]) == bad_run["before"]


def test_documents_added_renamed_and_forced(plan_pdf: Path, tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(plan_pdf, raw / "serang.pdf")
    assert counts(renja(str(raw), "--out", str(out)).stderr) == (1, 0)
    variant(plan_pdf, raw / "copy1.pdf", 1)
    (raw / "serang.pdf").rename(raw / "serang-2022.pdf")
    proc = renja(str(raw), "--out", str(out))
    assert counts(proc.stderr) == (1, 1), proc.stderr
    programs = pd.read_parquet(out / "programs.parquet")
    assert set(programs["source_file"]) == {"serang-2022.pdf", "copy1.pdf"}  # the new name
    assert counts(renja(str(raw), "--out", str(out), "--force").stderr) == (2, 0)
    summary_path = out / "validation" / "summary.json"
    summary = json.loads(summary_path.read_text())
    summary["pipeline_fingerprint"] = "0" * 16  # another pipeline (code, libraries): again
    summary_path.write_text(json.dumps(summary))
    assert counts(renja(str(raw), "--out", str(out)).stderr) == (2, 0)


def _readable(out: Path) -> None:
    for name in OUTPUTS[:3]:
        pq.read_table(out / name)
    json.loads((out / "validation" / "summary.json").read_text())


@pytest.fixture(scope="module")
def four_documents(
    plan_pdf: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, bytes]]:
    root = tmp_path_factory.mktemp("four")
    raw = root / "raw"
    raw.mkdir()
    for n in range(4):
        variant(plan_pdf, raw / f"doc{n}.pdf", n)
    assert renja(str(raw), "--out", str(root / "serial")).returncode == 0
    return raw, snapshot(root / "serial")


def _held(out: Path) -> bool:
    """Whether a run holds the output folder (its ``flock``, taken before extraction)."""
    fd = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # releases a lock taken here at once
    return False


def _staged(out: Path) -> bool:
    """Whether a run is writing its outputs: a table or the summary under its temporary name."""
    return any(p.name.startswith(".") for p in [*out.iterdir(), *(out / "validation").iterdir()])


# The moments a run is killed at: while it starts, while its workers extract, and while it
# writes the tables and the summary (each file goes to a temporary name, then is renamed).
KILL_AT = {
    "starting": lambda out, age: age >= 1.0,
    "extracting": lambda out, age: _held(out),
    "writing": lambda out, age: _staged(out),
}


def test_a_killed_run_leaves_readable_outputs_and_the_next_run_completes(
    plan_pdf: Path, four_documents, tmp_path: Path
) -> None:
    raw, serial = four_documents
    out = raw.parent / "killed"  # beside the serial run's: the same paths to the PDFs
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    assert renja(str(variant(plan_pdf, earlier / "a.pdf", 9)), "--out", str(out)).returncode == 0
    killed = []
    for moment, due in KILL_AT.items():
        process = subprocess.Popen(
            [str(RENJA), "run", str(raw), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        started = time.monotonic()
        while process.poll() is None and not due(out, time.monotonic() - started):
            time.sleep(0.005)
        if moment == "extracting":
            time.sleep(0.3)  # into the workers' extraction (a second or two for the four)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            killed.append(moment)
        process.wait()
        _readable(out)  # every file complete, whatever the moment of the kill
        summary = json.loads((out / "validation" / "summary.json").read_text())
        assert {d["source_file"] for d in summary["documents"]} <= {"a.pdf"} | {
            p.name for p in raw.iterdir()
        }
    assert killed[:2] == ["starting", "extracting"]  # the writing may end before it is seen
    assert renja(str(raw), "--out", str(out)).returncode == 0
    assert snapshot(out) == serial
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_parallel_workers_write_the_same_outputs(four_documents) -> None:
    raw, serial = four_documents
    out = raw.parent / "workers2"  # beside the serial run's: the same paths to the PDFs
    proc = renja(str(raw), "--out", str(out), "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert counts(proc.stderr) == (4, 0)
    assert snapshot(out) == serial


def test_a_dask_cluster_writes_the_same_outputs(four_documents) -> None:
    distributed = pytest.importorskip("distributed")
    raw, serial = four_documents
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        proc = renja(str(raw), "--out", str(raw.parent / "dask"),
                     "--dask-address", cluster.scheduler_address)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert counts(proc.stderr) == (4, 0)
    assert snapshot(raw.parent / "dask") == serial
