"""Progress: pages within a document, told from the worker process to the run's listener, and
shown as a bar on a terminal or as plain lines in a log."""

import io
import multiprocessing
import time
from pathlib import Path

from conftest import SAMPLE
from rich.console import Console

from renja.progress import ProgressReporter, progress_reporter
from renja.worker import DocumentOutcome, Limits, extract_isolated, start_workers

STAGES = ("text", "ocr", "tables")


def stage_runs(events: list[tuple[str, int, int]]) -> list[str]:
    """The stages in the order they were told, each once per run of events."""
    runs: list[str] = []
    for stage, _, _ in events:
        if not runs or runs[-1] != stage:
            runs.append(stage)
    return runs


def test_pages_are_told_stage_by_stage(sample_result) -> None:
    from renja.process import process_pdf

    events: list[tuple[str, int, int]] = []
    result = process_pdf(SAMPLE, lambda *event: events.append(event))
    assert result.status == sample_result.status
    assert stage_runs(events) == ["text", "tables"]  # born digital: no OCR stage
    text = [e for e in events if e[0] == "text"]
    assert text[0] == ("text", 0, 22) and text[-1] == ("text", 22, 22)
    assert [done for _, done, _ in text] == list(range(23))
    tables = [e for e in events if e[0] == "tables"]
    total = tables[0][2]
    assert 0 < total < 22  # only the pages that hold tables are parsed
    assert [done for _, done, _ in tables] == list(range(total + 1))


def test_the_worker_tells_its_pages_to_the_parent() -> None:
    events: list[tuple[str, int, int]] = []
    outcome = extract_isolated(SAMPLE, Limits(), progress=lambda *event: events.append(event))
    assert outcome.status in ("ok", "invalid")
    assert events, "no progress came back from the worker"
    assert all(stage in STAGES and 0 <= done <= total for stage, done, total in events)
    assert len(set(events)) == len(events)  # each state is told once
    stage, done, total = events[-1]
    assert stage == "tables" and done == total > 0  # the end of the last stage is never lost


def test_a_worker_gone_before_its_first_line_is_started_once_more(monkeypatch) -> None:
    """A worker that exits before it opens its log never saw the document (a process that
    failed to start): a second one reads it; two such failures reject it, saying so."""
    import renja.worker as worker

    real = worker._run_worker
    starts: list[str] = []

    def failing_first(path: Path, tmp: Path, limits: Limits, watch) -> int | None:
        starts.append(path.name)
        return 255 if len(starts) == 1 else real(path, tmp, limits, watch)

    monkeypatch.setattr(worker, "_run_worker", failing_first)
    assert extract_isolated(SAMPLE, Limits()).status in ("ok", "invalid")
    assert starts == [SAMPLE.name, SAMPLE.name]
    monkeypatch.setattr(worker, "_run_worker", lambda *_: 255)
    rejected = extract_isolated(SAMPLE, Limits())
    assert rejected.status == "rejected"
    assert rejected.entry["reason"] == "worker could not start (exit 255), twice"


def test_a_worker_whose_exit_status_is_lost_is_judged_by_its_result(monkeypatch) -> None:
    """On a loaded machine the forkserver may lose a worker's exit status and report 255 (CPython
    issue 140867). A worker that wrote its result finished: the result is kept. One that
    started, wrote nothing and said nothing was lost with the status: another reads the
    document. A worker that failed with a message is not started again."""
    import renja.worker as worker

    real = worker._run_worker
    starts: list[str] = []

    def finished_but_lost(path: Path, tmp: Path, limits: Limits, watch) -> int | None:
        starts.append("finished")
        real(path, tmp, limits, watch)
        return 255

    monkeypatch.setattr(worker, "_run_worker", finished_but_lost)
    assert extract_isolated(SAMPLE, Limits()).status in ("ok", "invalid")
    assert starts == ["finished"]

    def lost_first(path: Path, tmp: Path, limits: Limits, watch) -> int | None:
        starts.append("lost")
        if starts.count("lost") == 1:
            (tmp / "stderr.log").write_text("")  # started, then nothing
            return 255
        return real(path, tmp, limits, watch)

    monkeypatch.setattr(worker, "_run_worker", lost_first)
    assert extract_isolated(SAMPLE, Limits()).status in ("ok", "invalid")
    assert starts.count("lost") == 2

    def failed(path: Path, tmp: Path, limits: Limits, watch) -> int | None:
        starts.append("failed")
        (tmp / "stderr.log").write_text("Traceback ...\nRuntimeError: parser broke\n")
        return 255

    monkeypatch.setattr(worker, "_run_worker", failed)
    rejected = extract_isolated(SAMPLE, Limits())
    assert rejected.entry["reason"] == "worker failed (exit 255): RuntimeError: parser broke"
    assert starts.count("failed") == 1


def long_document(path: Path, copies: int) -> Path:
    """The sample's pages ``copies`` times over in one PDF: a document that takes long to read."""
    import pypdfium2 as pdfium

    sample = pdfium.PdfDocument(str(SAMPLE))
    long = pdfium.PdfDocument.new()
    for _ in range(copies):
        long.import_pages(sample)
    long.save(str(path))
    return path


def test_a_worker_past_its_time_limit_is_killed_and_its_progress_shows_where(
    tmp_path: Path,
) -> None:
    # A limit that leaves a worker on a busy machine time to start and report, on a document
    # that takes minutes to read. Before its first page the worker checks the document's
    # structure (about 3.5 s of CPU for these 1320 pages): with two other test suites running on
    # two cores, 12 s were not enough to get past it.
    document = long_document(tmp_path / "long.pdf", copies=60)  # 1320 pages
    start_workers()  # the process workers fork from, up before the clock starts (as in a run)
    warm = multiprocessing.get_context("forkserver").Process(target=time.sleep, args=(0,))
    warm.start()  # forked once its imports are done: the clock starts with them done
    warm.join()
    events: list[tuple[str, int, int]] = []
    started = time.monotonic()
    outcome = extract_isolated(document, Limits(timeout_s=30), progress=lambda *e: events.append(e))
    assert time.monotonic() - started < 60  # killed at the limit, not left to finish
    assert outcome.status == "rejected"
    assert outcome.entry["reason"] == "timed out after 30 s (limit --timeout)"
    assert events  # it told how far it had got
    stage, done, total = events[-1]
    # cut in the middle of a stage; or, where a busy machine spent the whole limit on the text
    # layer of the 1320 pages, between it and the next stage's first report (the suite beside
    # two others on two cores: text 1320 of 1320 last): never with the tables all read
    assert done < total or stage == "text"
    assert {total for stage, _, total in events if stage == "text"} <= {1320}


def outcome(name: str) -> DocumentOutcome:
    return DocumentOutcome({"source_file": name, "doc_id": "abc", "status": "ok"})


def test_a_log_gets_a_pages_line_only_for_a_document_that_takes_long() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=False, width=200)
    quick = ProgressReporter(console)  # the default heartbeat: nothing for a quick document
    quick.pages("a.pdf", "text", 0, 22)
    quick.pages("a.pdf", "text", 22, 22)
    quick("processed", outcome("a.pdf"))
    assert stream.getvalue().splitlines() == [
        "renja event=processed file='a.pdf' doc_id=abc status=read"
    ]
    stream.truncate(0)
    stream.seek(0)
    slow = ProgressReporter(console, heartbeat_s=0)
    slow.pages("b.pdf", "ocr", 3, 40)
    slow("processed", outcome("b.pdf"))
    assert stream.getvalue().splitlines() == [
        "renja event=pages file='b.pdf' stage=ocr done=3 total=40",
        "renja event=processed file='b.pdf' doc_id=abc status=read",
    ]


def test_a_terminal_shows_a_page_bar_per_document_being_read() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    with progress_reporter(console, total=2) as reporter:
        assert reporter.bar is not None
        reporter.pages("a.pdf", "text", 5, 22)
        reporter.pages("b.pdf", "ocr", 1, 4)
        reporter.pages("a.pdf", "tables", 2, 9)
        shown = {t.description.strip(): (t.completed, t.total) for t in reporter.bar.tasks}
        assert shown == {"starting": (0, 2), "a.pdf: tables": (2, 9), "b.pdf: OCR": (1, 4)}
        reporter("processed", outcome("a.pdf"))
        shown = {t.description.strip(): (t.completed, t.total) for t in reporter.bar.tasks}
        assert shown == {"reading: processed a.pdf": (1, 2), "b.pdf: OCR": (1, 4)}
    assert reporter.counts == {"processed": 1}


class Recorder:
    """A run's listener that keeps what it is told."""

    def __init__(self) -> None:
        self.documents: list[tuple[str, str]] = []
        self.pages_told: list[tuple[str, str, int, int]] = []

    def __call__(self, event: str, outcome: DocumentOutcome) -> None:
        self.documents.append((event, outcome.source_file))

    def pages(self, source_file: str, stage: str, done: int, total: int) -> None:
        self.pages_told.append((source_file, stage, done, total))


def test_a_run_tells_its_listener_of_documents_and_their_pages(
    tmp_path: Path, prefect_api: str
) -> None:
    # the session's server (tests/conftest.py): the flow called here would otherwise start
    # Prefect's own temporary server, with a start-up limit too short on a loaded machine
    from flows.pipeline import listening, renja_run

    recorder = Recorder()
    with listening(recorder):
        renja_run([str(SAMPLE)], str(tmp_path / "out"))
        renja_run([str(SAMPLE)], str(tmp_path / "out"))  # the second run reuses the first
    assert recorder.documents == [("processed", SAMPLE.name), ("skipped", SAMPLE.name)]
    assert {name for name, *_ in recorder.pages_told} == {SAMPLE.name}
    _, stage, done, total = recorder.pages_told[-1]
    assert stage == "tables" and done == total > 0


def test_the_stage_of_the_run_is_shown() -> None:
    """What the run is doing between documents (starting Prefect's server, validating,
    writing reports) is a line in a log, and the bar's first line on a terminal."""
    import logging

    from renja.validate import stages

    log = io.StringIO()
    with progress_reporter(Console(file=log, force_terminal=False, width=200)) as reporter:
        reporter.stage("starting Prefect's local server")
        stages.info("validating")
        stages.info("writing reports")
    lines = log.getvalue().splitlines()
    assert lines == [
        'renja event=stage stage="starting Prefect\'s local server"',
        "renja event=stage stage='validating'",
        "renja event=stage stage='writing reports'",
    ]
    assert logging.getLogger("renja.stage").handlers == []  # nothing left behind
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with progress_reporter(console, total=2) as reporter:
        stages.info("validating")
        assert reporter.bar is not None
        assert reporter.bar.tasks[0].description == "validating"
    assert reporter.current_stage == "validating"
