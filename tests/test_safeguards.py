"""What an unlucky operator or an attacker can hand a run: empty or wrong folders, odd file
names, FIFOs and devices, damaged page trees, two runs on one folder, a code change, a killed
run. Published outputs are never damaged, and the run never crashes or hangs."""

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import inprocess
import pytest
from conftest import SAMPLE
from hostile import write_empty_boxes, write_pages_cycle
from rich.console import Console

from flows.pipeline import _quarantine, discover_pdfs, quarantine_name
from renja.files import (
    NotARegularFile,
    display_name,
    file_sha256,
    output_folder_problem,
    output_lock,
    printable,
)
from renja.fingerprint import source_digest
from renja.output import previous_outcomes, write_outputs
from renja.worker import Limits, extract_isolated, rejected

RENJA = Path(sys.executable).with_name("renja")
QPDF = shutil.which("qpdf") and shutil.which("fix-qdf")


def renja(*args: str, env: dict | None = None, timeout: float = 900):
    return subprocess.run([str(RENJA), *args], capture_output=True, text=True,
                          timeout=timeout, env=env)  # fmt: skip


# -- discovery and inputs ---------------------------------------------------------------------


def test_folders_are_walked_through_symlinks_once_and_the_quarantine_is_left_out(
    tmp_path: Path,
) -> None:
    real = tmp_path / "store" / "2022"
    real.mkdir(parents=True)
    (real / "a.pdf").write_bytes(b"%PDF-1.4")
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "2022").symlink_to(real, target_is_directory=True)
    (inputs / "loop").symlink_to(inputs, target_is_directory=True)  # a folder that holds itself
    (inputs / "q").mkdir()
    (inputs / "q" / "abc-old.pdf").write_bytes(b"%PDF-1.4")
    found = discover_pdfs([inputs], exclude=inputs / "q")
    assert [p.name for p in found] == ["a.pdf"]
    assert discover_pdfs([inputs]) == [inputs / "2022" / "a.pdf", inputs / "q" / "abc-old.pdf"]


def test_every_entry_named_pdf_is_taken_whatever_it_is(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.pdf")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "nowhere")
    (tmp_path / "folder.pdf").mkdir()
    names = sorted(p.name for p in discover_pdfs([tmp_path]))
    assert names == ["dangling.pdf", "fifo.pdf", "folder.pdf", "zero.pdf"]


def test_a_fifo_or_a_device_is_never_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.pdf")
    (tmp_path / "zero.pdf").symlink_to("/dev/zero")
    (tmp_path / "dangling.pdf").symlink_to(tmp_path / "nowhere")
    outcome: dict[str, str] = {}

    def hash_all() -> None:
        for name in ("fifo.pdf", "zero.pdf", "dangling.pdf"):
            try:
                file_sha256(tmp_path / name)
            except NotARegularFile as exc:
                outcome[name] = str(exc)

    reader = threading.Thread(target=hash_all, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "hashing blocked"
    assert outcome == {
        "fifo.pdf": "not a regular file (a FIFO)",
        "zero.pdf": "not a regular file (a character device)",
        "dangling.pdf": "dangling symbolic link",
    }


def test_names_that_are_not_utf8_or_hold_control_characters_are_escaped() -> None:
    assert display_name(Path(os.fsdecode(b"/x/bad\xff.pdf"))) == "bad\\xff.pdf"
    assert display_name(Path("/x/Renja [draft] 2022.pdf")) == "Renja [draft] 2022.pdf"
    assert printable("a\nb.pdf") == "a\\nb.pdf"


def test_a_document_with_a_name_that_is_not_utf8_is_read(tmp_path: Path) -> None:
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/renja\xff.pdf"))
    shutil.copy(SAMPLE, odd)
    outcome = extract_isolated(odd, Limits())
    assert outcome.status == "ok", outcome.entry["reason"]
    assert outcome.source_file == "renja\\xff.pdf"
    assert set(outcome.frames["programs"]["source_file"]) == {"renja\\xff.pdf"}


# -- quarantine -------------------------------------------------------------------------------


def test_quarantine_names_are_cut_to_255_bytes_before_their_suffix() -> None:
    name = quarantine_name("0123456789abcdef", Path("r" * 250 + ".pdf"))
    assert len(name) == 255 and name.startswith(b"0123456789abcdef-rrr") and name.endswith(b".pdf")
    assert quarantine_name("", Path("a.pdf")) == b"unread-a.pdf"


def test_a_quarantine_copy_that_fails_is_logged_and_the_others_are_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    good, bad = tmp_path / "good.pdf", tmp_path / ("b" * 250 + ".pdf")
    good.write_text("not a pdf")
    bad.write_text("not a pdf either")
    real_copy = shutil.copy2

    def copy(source: Path, target: str) -> None:
        if Path(source) == good:
            raise OSError(5, "Input/output error")
        real_copy(source, target)

    monkeypatch.setattr(shutil, "copy2", copy)
    done = [(good, rejected(good, "not a PDF", "a" * 64)), (bad, rejected(bad, "not a PDF"))]
    _quarantine(done, tmp_path / "q")
    assert [len(os.fsencode(p.name)) for p in (tmp_path / "q").iterdir()] == [255]
    assert "good.pdf: not copied to the quarantine" in caplog.text


# -- output folder ----------------------------------------------------------------------------


def test_an_output_folder_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert output_folder_problem(tmp_path / "file") == f"--out {tmp_path / 'file'} is not a folder"
    problem = output_folder_problem(tmp_path / "file" / "sub")
    assert problem and problem.startswith(f"cannot write to --out {tmp_path / 'file' / 'sub'}")
    assert output_folder_problem(tmp_path / "new" / "out") is None
    assert list((tmp_path / "new" / "out").iterdir()) == []  # the probe is gone


def test_a_second_run_on_an_output_folder_waits_for_the_first(tmp_path: Path) -> None:
    order: list[str] = []
    waited = threading.Event()

    def second() -> None:
        with output_lock(tmp_path, waiting=waited.set):
            order.append("second")

    with output_lock(tmp_path):
        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(10)
        time.sleep(0.3)
        order.append("first")
    thread.join(10)
    assert order == ["first", "second"]
    assert list(tmp_path.iterdir()) == []  # the lock leaves nothing behind


# -- the cache knows the code -----------------------------------------------------------------


def test_the_source_digest_changes_with_any_source_file(tmp_path: Path) -> None:
    package = tmp_path / "extract"
    package.mkdir()
    (package / "tables.py").write_text("X = 1\n")
    before = source_digest([package])
    (package / "tables.py").write_text("X = 2\n")
    assert source_digest([package]) != before
    (package / "tables.py").write_text("X = 1\n")
    assert source_digest([package]) == before


def test_rows_are_reused_only_under_the_same_fingerprint_and_limits_are_retried(
    tmp_path: Path, sample_result
) -> None:
    timed_out = rejected(Path("slow.pdf"), "timed out after 2 s (limit --timeout)", "b" * 64)
    memory = rejected(Path("big.pdf"), "worker ran out of memory (cap 512 MB, limit --memory-mb)",
                      "c" * 64)  # fmt: skip
    not_pdf = rejected(Path("notes.pdf"), "not a PDF (no %PDF- header)", "d" * 64)
    write_outputs([sample_result, timed_out, memory, not_pdf], tmp_path)
    previous = previous_outcomes(tmp_path)
    assert set(previous) == {sample_result.sha256, "d" * 64}  # the limits' rejections go again
    summary_path = tmp_path / "validation" / "summary.json"
    summary = json.loads(summary_path.read_text())
    summary["pipeline_fingerprint"] = "another"  # a fix to a reader, another pdfplumber ...
    summary_path.write_text(json.dumps(summary))
    assert previous_outcomes(tmp_path) == {}


def test_no_rows_are_reused_when_a_table_is_missing_or_no_file(
    tmp_path: Path, sample_result
) -> None:
    """A table deleted, or replaced by a folder, since the run that wrote the summary: the
    documents are extracted again, and the run does not stop."""
    write_outputs([sample_result], tmp_path)
    assert set(previous_outcomes(tmp_path)) == {sample_result.sha256}
    (tmp_path / "budgets.parquet").unlink()
    assert previous_outcomes(tmp_path) == {}
    (tmp_path / "budgets.parquet").mkdir()
    assert previous_outcomes(tmp_path) == {}


def test_the_report_of_a_dropped_document_is_removed(tmp_path: Path, sample_result) -> None:
    write_outputs([sample_result], tmp_path)
    report = tmp_path / "validation" / "reports" / f"{sample_result.doc_id}.html"
    assert report.exists()
    write_outputs([rejected(Path("notes.pdf"), "not a PDF (no %PDF- header)", "d" * 64)], tmp_path)
    assert not report.exists()
    assert (tmp_path / "validation" / "reports" / "index.html").exists()


# -- damaged documents ------------------------------------------------------------------------


@pytest.mark.skipif(not QPDF, reason="qpdf not installed")
def test_empty_page_boxes_are_not_read_as_another_plan(tmp_path: Path) -> None:
    damaged = tmp_path / "zero-box.pdf"
    write_empty_boxes(SAMPLE, damaged)
    outcome = extract_isolated(damaged, Limits())
    assert outcome.status == "rejected"
    assert outcome.entry["reason"].startswith(
        "damaged PDF: the page box (/MediaBox or /CropBox) of pages 1, 2, 3"
    )
    assert outcome.doc_id == file_sha256(damaged)[:16] and not outcome.frames


def test_a_looping_page_tree_gives_a_reason_not_a_traceback(tmp_path: Path) -> None:
    looping = tmp_path / "cycle.pdf"
    write_pages_cycle(looping)
    outcome = extract_isolated(looping, Limits())
    assert outcome.status == "rejected"
    assert outcome.entry["reason"].startswith("damaged PDF: page 1 of the 2 its page tree counts")


# -- the console ------------------------------------------------------------------------------


def test_names_and_reasons_are_printed_as_they_are(monkeypatch: pytest.MonkeyPatch) -> None:
    from renja import cli

    buffer = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=buffer, width=300))
    documents = [
        {"source_file": "Renja [draft] 2022.pdf", "status": "rejected", "reason": "bad [/b] x"},
        {"source_file": "two\nlines.pdf", "status": "rejected", "reason": "line\nbreak"},
    ]
    summary = {"documents": documents, "totals": {"ok": 0, "invalid": 0, "rejected": 2}}
    cli._report(summary, Path("out [x]"), strict=False)
    text = buffer.getvalue()
    assert "Renja [draft] 2022.pdf: bad [/b] x" in text
    assert "two\\nlines.pdf: line\\nbreak" in text
    assert "-> out [x]" in text


# -- end to end through the command line ------------------------------------------------------


def test_an_input_without_pdfs_leaves_the_outputs_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "programs.parquet").write_bytes(b"published")
    (tmp_path / "empty").mkdir()
    proc = renja("run", str(tmp_path / "empty"), "--out", str(out), "--strict")
    assert proc.returncode == 2, proc.stderr
    assert f"no PDF files in {tmp_path / 'empty'}" in proc.stderr
    assert "Traceback" not in proc.stderr and "PREFECT" not in proc.stderr  # before any server
    assert (out / "programs.parquet").read_bytes() == b"published"
    assert sorted(p.name for p in out.iterdir()) == ["programs.parquet"]


def test_an_output_that_is_a_file_fails_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "out").write_text("x")
    proc = renja("run", str(SAMPLE), "--out", str(tmp_path / "out"), timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"--out {tmp_path / 'out'} is not a folder"


def test_no_server_exits_3_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_API_URL": "http://127.0.0.1:9/api"}  # nothing listens there
    proc = renja("run", str(SAMPLE), "--out", str(tmp_path / "out"), env=env, timeout=120)
    assert proc.returncode == 3
    assert (
        proc.stderr.strip() == "no Prefect server answers at PREFECT_API_URL=http://127.0.0.1:9/api"
    )
    assert not (tmp_path / "out" / "programs.parquet").exists()
    env.pop("PREFECT_API_URL")
    proc = renja("serve", str(tmp_path), "--out", str(tmp_path / "out"), env=env, timeout=120)
    assert proc.returncode == 3
    assert proc.stderr.strip().startswith("renja serve needs a Prefect server")


_STARTER = """
import sys
from renja.server import start_temporary_server
print(start_temporary_server(), flush=True)
sys.stdin.read()
"""


@pytest.mark.slow
def test_the_temporary_server_does_not_outlive_a_killed_run(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["TMPDIR"] = str(tmp_path)
    run = subprocess.Popen([sys.executable, "-c", _STARTER], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, env=env)  # fmt: skip
    assert run.stdout is not None
    api_url = run.stdout.readline().decode().strip()
    assert api_url.startswith("http://127.0.0.1:")
    homes = list(tmp_path.glob("renja-prefect-*"))
    assert len(homes) == 1 and (homes[0] / "prefect.db").exists()  # its own database
    servers = [p for p in _children(run.pid)]
    assert len(servers) == 1
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (_alive(servers[0]) or homes[0].exists()):
        time.sleep(0.2)
    assert not _alive(servers[0]), "the server outlived its run"
    assert not homes[0].exists(), "the server's database was left behind"


@pytest.mark.slow
def test_a_run_ends_its_temporary_server_and_removes_its_folder(tmp_path: Path) -> None:
    """The run ends its server at once when it is done (after sending Prefect its last logs
    and events): no server process and no server folder are left once the run has exited."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["TMPDIR"] = str(tmp_path)
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE, raw)
    run = subprocess.Popen([str(RENJA), "run", str(raw), "--out", str(tmp_path / "out")],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)  # fmt: skip
    servers: set[int] = set()
    while run.poll() is None:  # the run's server, seen while the run lasts
        servers |= {pid for pid in _children(run.pid) if "renja.server" in _command(pid)}
        time.sleep(0.2)
    assert run.returncode == 0, run.stderr.read() if run.stderr else ""
    assert len(servers) == 1
    assert not _alive(servers.pop()), "the server outlived its run"
    assert not list(tmp_path.glob("renja-prefect-*")), "the server's folder was left behind"
    assert (tmp_path / "out" / "validation" / "summary.json").exists()


def test_heartbeats_are_left_to_a_lasting_server_only() -> None:
    from prefect.settings import get_current_settings

    from renja.cli import _without_heartbeats

    lasting = get_current_settings().flows.heartbeat_frequency
    with _without_heartbeats(None):
        assert get_current_settings().flows.heartbeat_frequency == lasting
    with _without_heartbeats(object()):  # type: ignore[arg-type]  # a temporary server
        assert get_current_settings().flows.heartbeat_frequency is None
    assert lasting is not None


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.slow
def test_hostile_inputs_among_good_ones(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / "Renja [draft] 2022.pdf")
    Path(os.fsdecode(bytes(raw) + b"/bad\xff.pdf")).write_bytes(b"not a pdf")
    (raw / ("n" * 245 + ".pdf")).write_bytes(b"not a pdf")
    os.mkfifo(raw / "fifo.pdf")
    (raw / "zero.pdf").symlink_to("/dev/zero")
    quarantine = raw / "quarantine"  # inside the inputs
    args = ("run", str(raw), "--out", str(out), "--quarantine", str(quarantine), "--timeout", "60")
    proc = inprocess.renja(*args)  # the outputs and the lines printed: in this process
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Renja [draft] 2022.pdf: failed" in proc.stderr  # invalid: the sample's own sum fault
    summary = json.loads((out / "validation" / "summary.json").read_text())
    status = {d["source_file"]: (d["status"], d["reason"]) for d in summary["documents"]}
    assert status == {
        "Renja [draft] 2022.pdf": ("invalid", None),
        "bad\\xff.pdf": ("rejected", "not a PDF (no %PDF- header)"),
        "n" * 245 + ".pdf": ("rejected", "not a PDF (no %PDF- header)"),
        "fifo.pdf": ("rejected", "not a regular file (a FIFO)"),
        "zero.pdf": ("rejected", "not a regular file (a character device)"),
    }
    copies = sorted(len(os.fsencode(p.name)) for p in quarantine.iterdir())
    assert copies == [25, 255]  # bad\xff.pdf and the long name, cut; FIFO and device not copied
    again = inprocess.renja(*args)
    assert again.returncode == 0, again.stderr
    # the quarantine is not read; the FIFO and the device are rejected again, unopened
    assert "5 documents: 0 processed, 3 skipped" in again.stderr, again.stderr


@pytest.mark.slow
def test_two_runs_on_one_output_folder_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SAMPLE, tmp_path / "a" / "a.pdf")
    (tmp_path / "b" / "b.pdf").write_bytes(SAMPLE.read_bytes() + b"\n% b\n")
    runs = [subprocess.Popen([str(RENJA), "run", str(tmp_path / d), "--out", str(out)],
                             stderr=subprocess.PIPE, text=True) for d in "ab"]  # fmt: skip
    errors = [run.communicate(timeout=900)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert any(f"another run is writing to {out}: waiting" in e for e in errors), errors
    summary = json.loads((out / "validation" / "summary.json").read_text())
    assert len(summary["documents"]) == 1  # the outputs of one run, whole
    # the tables are those the summary describes: the other run never wrote between
    assert previous_outcomes(out)
