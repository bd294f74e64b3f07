"""The ``renja`` command."""

from __future__ import annotations

import importlib
import os
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from rich.console import Console
from rich.markup import escape

from renja.files import printable

if TYPE_CHECKING:
    from renja.server import TemporaryServer

app = typer.Typer(no_args_is_help=True, add_completion=False, rich_markup_mode="markdown")
console = Console(stderr=True, soft_wrap=True)

# Quiet, local defaults for Prefect; any of them can be overridden from the environment.
_PREFECT_DEFAULTS = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


@app.callback()
def main() -> None:
    """Turn Renja PDFs into validated Parquet tables of programs, indicators and budgets."""
    # urllib3 warns, when requests is first imported, that SOCKS proxies need PySocks: no
    # proxy is used, and with validation's libraries loading in a thread beside Prefect's,
    # the warning came out through Prefect's log on a busy machine, among the run's lines.
    warnings.filterwarnings("ignore", message="SOCKS support in urllib3 requires")


_NOMENCLATURE = typer.Option(
    "--nomenclature",
    help="Code list CSV (level,kode,nama or a SIPD export) to check every kode against.",
    exists=True,
    dir_okay=False,
)
_WORKERS = typer.Option(
    "--workers", min=1, help="Documents extracted in parallel (default: the cores available)."
)
_DATA_DOCS = typer.Option(
    "--data-docs",
    help="Build the Great Expectations Data Docs (otherwise only those already in the output "
    "folder are rebuilt, when the tables or the code list changed).",
)
_TIMEOUT = typer.Option("--timeout", min=1, help="Seconds one document may take.")
_MEMORY = typer.Option("--memory-mb", min=256, help="Memory cap of one document's worker.")
_QUARANTINE = typer.Option("--quarantine", file_okay=False, help="Copy rejected inputs here.")
_STRICT = typer.Option(
    "--strict", help="Exit with status 1 unless every document is ok (to gate publication)."
)


@app.command()
def run(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="PDF files and folders (default: data/raw).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("data/clean"),
    nomenclature: Annotated[Path | None, _NOMENCLATURE] = None,
    strict: Annotated[bool, _STRICT] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Extract every document again, even those done.")
    ] = False,
    workers: Annotated[int | None, _WORKERS] = None,
    data_docs: Annotated[bool, _DATA_DOCS] = False,
    dask_address: Annotated[
        str | None,
        typer.Option(
            "--dask-address",
            help="Run the per-document tasks on a Dask cluster (tcp://HOST:PORT); the inputs "
            "and the output folder must be reachable from its workers.",
        ),
    ] = None,
    timeout: Annotated[float, _TIMEOUT] = 300.0,
    memory_mb: Annotated[int, _MEMORY] = 3072,
    quarantine: Annotated[Path | None, _QUARANTINE] = None,
) -> None:
    """Extract every new PDF, write programs/indicators/budgets Parquet, and validate them.

    A document already extracted into the output folder by this version (same content, any file
    name) is not extracted again unless --force. Each document is extracted in its own worker
    process, killed at --timeout and capped at --memory-mb. Writes validation/summary.json, the
    audit reports and Data Docs, and datapackage.json. Exit status is 0 when the outputs were
    written (invalid or rejected documents are listed in the summary); with --strict, 1 unless
    every document is ok. Seconds per stage go to validation/timings.json.
    """
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from renja.timing import process_age

    seconds = {"cli_start": process_age()}  # the interpreter and this module's imports
    inputs = inputs or [Path("data/raw")]
    missing = [_name(p) for p in inputs if not p.exists() and not p.is_symlink()]
    if missing:
        _fail(f"not found: {', '.join(missing)}", 2)
    from renja.files import discover_pdfs, output_folder_problem

    problem = output_folder_problem(out)
    if problem:
        _fail(problem, 2)
    total = len(discover_pdfs(inputs, exclude=quarantine))
    if not total:  # an empty or unmounted folder must not empty the published tables
        places = ", ".join(_name(p) for p in inputs)
        _fail(f"no PDF files in {places}; {_name(out)} left as it was", 2)
    from extract.document import OCR_THREADS_VARIABLE

    # The cores left to each document for its scanned pages: all of them for one document.
    documents_at_once = min(workers or _cores(), total)
    os.environ.setdefault(OCR_THREADS_VARIABLE, str(max(1, _cores() // documents_at_once)))
    started = time.perf_counter()
    warming = threading.Thread(target=_start_workers, daemon=True)
    warming.start()  # the workers' parsers load while the server starts
    # Before Prefect is imported (it reads its settings once); a temporary server's URL is
    # known once its port is bound, and Prefect and the flow load while it starts.
    server = _prefect_server()
    if server is not None:  # validation's libraries (seconds) load while it starts
        threading.Thread(target=importlib.import_module, args=("renja.validate",)).start()
    from flows.pipeline import listening, renja_run
    from renja.progress import progress_reporter

    flow = renja_run.with_options(task_runner=_task_runner(workers or _cores(), dask_address))
    seconds["imports"] = time.perf_counter() - started
    _wait_for(server)  # what is left of the server's start-up
    seconds["server"] = time.perf_counter() - started - seconds["imports"]
    warming.join()
    flow_started = time.perf_counter()
    with (
        progress_reporter(console, total=total) as progress,
        listening(progress),
        _without_heartbeats(server),
    ):
        state = flow(
            [str(p) for p in inputs],
            str(out),
            force=force,
            timeout_s=timeout,
            memory_mb=memory_mb,
            quarantine=str(quarantine) if quarantine else None,
            code_list=str(nomenclature) if nomenclature else None,
            strict=strict,
            data_docs=data_docs,
            return_state=True,
        )
    summary = state.result(raise_on_failure=False)  # Failed under --strict still has it
    if isinstance(summary, BaseException):
        raise summary
    seconds["flow"] = time.perf_counter() - flow_started
    _flush_prefect()
    seconds["total"] = process_age()
    from renja.timing import merge_timings

    merge_timings(out, {k: round(v, 3) for k, v in seconds.items()})
    _print_run_url(state)
    _report(cast(dict, summary), out, strict, counts=progress.counts)


# Set when the run's Prefect server is its own temporary one, whose pages end with the run.
_TEMPORARY = "RENJA_TEMPORARY_PREFECT_SERVER"


def _print_run_url(state: Any) -> None:
    """Where the flow run is shown, when the run used a Prefect server of the user's."""
    if not os.environ.get("PREFECT_API_URL") or os.environ.get(_TEMPORARY):
        return
    from prefect.settings import PREFECT_UI_URL

    base = PREFECT_UI_URL.value()
    if base:
        console.print(f"flow run: {base}/runs/flow-run/{state.state_details.flow_run_id}")


@app.command()
def serve(
    inputs: Annotated[list[Path], typer.Argument(help="Folders (or files) to watch.")],
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("data/clean"),
    cron: Annotated[
        str | None, typer.Option("--cron", help='Cron schedule, e.g. "0 2 * * *".')
    ] = None,
    interval: Annotated[
        int | None, typer.Option("--interval", min=1, help="Run every N seconds.")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name.")] = "renja",
    nomenclature: Annotated[Path | None, _NOMENCLATURE] = None,
    workers: Annotated[int | None, _WORKERS] = None,
    data_docs: Annotated[bool, _DATA_DOCS] = False,
    timeout: Annotated[float, _TIMEOUT] = 300.0,
    memory_mb: Annotated[int, _MEMORY] = 3072,
    quarantine: Annotated[Path | None, _QUARANTINE] = None,
) -> None:
    """Serve the run as a Prefect deployment on a schedule: each run extracts the new PDFs.

    Needs a Prefect server (PREFECT_API_URL, e.g. one started with `prefect server start`).
    Without --cron or --interval the deployment runs only when triggered
    (`prefect deployment run renja-run/NAME`). Stops on Ctrl-C.
    """
    if cron and interval:
        console.print("[red]give --cron or --interval, not both[/red]")
        raise typer.Exit(2)
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        _fail("renja serve needs a Prefect server: set PREFECT_API_URL (see README)", 3)
    from renja.server import NoServer, check_server

    try:
        check_server(str(api_url), wait_s=10)
    except NoServer as exc:
        _fail(str(exc), 3)
    # Flow runs start in their own processes and take the thread pool size from here.
    os.environ["PREFECT_TASK_RUNNER_THREAD_POOL_MAX_WORKERS"] = str(workers or _cores())
    from flows.pipeline import renja_run

    watched = [str(p.resolve()) for p in inputs]
    parameters: dict[str, Any] = {
        "inputs": watched,
        "out_dir": str(out.resolve()),
        "timeout_s": timeout,
        "memory_mb": memory_mb,
        "quarantine": str(quarantine.resolve()) if quarantine else None,
        "code_list": str(nomenclature.resolve()) if nomenclature else None,
        "data_docs": data_docs,
    }
    places = escape(printable(", ".join(watched)))
    console.print(f"serving deployment renja-run/{escape(name)}: {places}")
    renja_run.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters=parameters,
        print_starting_message=False,
    )


def _name(path: Path) -> str:
    """A path as the console shows it: not UTF-8 bytes and control characters escaped."""
    raw = os.fsencode(path)
    return printable(raw.decode("utf-8", errors="backslashreplace"))


def _fail(message: str, status: int) -> None:
    """Print one line (no markup is read from it) and exit with ``status``."""
    console.print(message, style="red", markup=False, highlight=False)
    raise typer.Exit(status)


def _prefect_server() -> TemporaryServer | None:
    """Make sure the run has a Prefect server: the one of ``PREFECT_API_URL``, which must
    answer, or else a temporary one of its own (see ``renja.server``), returned while it
    starts (see :func:`_wait_for`). Exit 3 when there is none."""
    from renja.server import NoServer, check_server, launch_temporary_server

    api_url = os.environ.get("PREFECT_API_URL")
    try:
        if api_url:
            check_server(api_url, wait_s=10)
            return None
        console.print(
            "no PREFECT_API_URL: starting a temporary Prefect server for this run",
            style="dim", markup=False, highlight=False,
        )  # fmt: skip
        server = launch_temporary_server()
    except NoServer as exc:
        _fail(str(exc), 3)
    os.environ["PREFECT_API_URL"] = server.api_url
    os.environ[_TEMPORARY] = "1"
    return server


def _wait_for(server: TemporaryServer | None) -> None:
    """Wait until the run's temporary server answers (exit 3 if it never does)."""
    from renja.server import NoServer

    if server is None:
        return
    try:
        server.wait()
    except NoServer as exc:
        _fail(str(exc), 3)


@contextmanager
def _without_heartbeats(server: TemporaryServer | None) -> Iterator[None]:
    """With the run's temporary server, no flow run heartbeats: they tell a lasting server that
    a run is alive, the temporary server lasts as long as the run, and at the end Prefect waits
    for its heartbeat thread's next second (about 0.5 s a run)."""
    if server is None:
        yield
        return
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _flush_prefect() -> None:
    """Send Prefect the run's last logs and events while its server is there: a temporary
    server is ended at once when the process exits, and Prefect's own flush at exit would
    then wait 5 s for it."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=5)
    EventsWorker.drain_all(timeout=5)


def _start_workers() -> None:
    from renja.worker import start_workers

    start_workers()


def _cores() -> int:
    """The cores this process may run on (``--workers`` by default)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _task_runner(workers: int, dask_address: str | None) -> Any:
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    from prefect.task_runners import ThreadPoolTaskRunner

    return ThreadPoolTaskRunner(max_workers=workers)


@app.command()
def validate(
    out: Annotated[
        Path,
        typer.Argument(help="Output folder of a run (holding programs.parquet and validation/)."),
    ] = Path("data/clean"),
    nomenclature: Annotated[Path | None, _NOMENCLATURE] = None,
    strict: Annotated[bool, _STRICT] = False,
    data_docs: Annotated[bool, _DATA_DOCS] = False,
) -> None:
    """Validate a run's output folder again (e.g. with a code list) and rewrite its reports.

    Exit status is 0 when the reports were written; with --strict, 1 unless every document is ok.
    """
    from expectations.codelist import CodeListError
    from renja.files import SUMMARY_PATH
    from renja.validate import validate_dir

    missing = [
        str(out / name)
        for name in ("programs.parquet", "indicators.parquet", "budgets.parquet", SUMMARY_PATH)
        if not (out / name).exists()
    ]
    if missing:
        _fail(f"not an output folder, missing: {', '.join(missing)}", 2)
    try:
        summary = validate_dir(out, code_list=nomenclature, data_docs=data_docs)
    except CodeListError as exc:
        _fail(str(exc), 2)
    _report(summary, out, strict)


def _report(summary: dict, out: Path, strict: bool, counts: Any = None) -> None:
    for doc in summary["documents"]:
        name = escape(printable(doc["source_file"]))
        if doc.get("duplicate_of"):
            console.print(
                f"{doc['status']:<8} {name}: same content as "
                f"{escape(printable(doc['duplicate_of']))}"
            )
        elif doc["status"] == "ok":
            levels = doc.get("counts", {})
            console.print(
                f"[green]ok[/green]       {name}: "
                f"{levels.get('program', 0)} programs, {levels.get('kegiatan', 0)} kegiatan, "
                f"{levels.get('sub_kegiatan', 0)} sub kegiatan"
            )
        elif doc["status"] in ("invalid", "suspect"):
            console.print(_failed_line(doc))
        else:
            reason = escape(printable(str(doc["reason"])))
            console.print(f"[red]{doc['status']:<8}[/red] {name}: {reason}")
    totals = summary["totals"]
    done = ""
    if counts is not None:
        done = f"{counts['processed']} processed, {counts['skipped']} skipped; "
    console.print(
        f"{len(summary['documents'])} documents: {done}{totals['ok']} ok, "
        f"{totals['invalid']} invalid, {totals.get('suspect', 0)} suspect, "
        f"{totals['rejected']} rejected -> {escape(_name(out))}"
    )
    console.print(f"reports: {escape(_name(out / 'validation' / 'reports' / 'index.html'))}")
    if strict and totals["ok"] != len(summary["documents"]):
        raise typer.Exit(1)


def _failed_line(doc: dict) -> str:
    """An invalid or suspect document: the checks it failed and the first reason."""
    failed = [c["check"] for c in doc["checks"] if not c["success"] and c["severity"] == "error"]
    reason = doc.get("first_reason") or ""
    colour = "red" if doc["status"] == "invalid" else "yellow"
    return (
        f"[{colour}]{doc['status']:<8}[/{colour}] {escape(printable(doc['source_file']))}: "
        f"failed {escape(', '.join(failed))}; {escape(reason)}"
    )


@app.command()
def debug(
    pdf: Annotated[Path, typer.Argument(help="One PDF.", exists=True, dir_okay=False)],
    out: Annotated[Path, typer.Option("--out", help="Folder for the stages' outputs.")],
) -> None:
    """Read one PDF and write each stage's output to a folder: the pages chosen, the page
    tables as read, the logical tables with their header maps, the plan's rows and the tidy
    tables (see renja/debug.py)."""
    from renja.debug import write_stages

    result = write_stages(pdf, out)
    reason = f" ({result.reason})" if result.reason else ""
    console.print(f"{pdf.name}: {result.status}{reason} -> {out}")


@app.command()
def inspect(
    pdf: Annotated[Path, typer.Argument(help="One PDF.", exists=True, dir_okay=False)],
    page: Annotated[int, typer.Option("--page", help="The page to draw (1-based).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="PNG to write (default: <stem>-p<N>.png here).")
    ] = None,
    resolution: Annotated[
        int, typer.Option("--resolution", min=20, max=600, help="Dots per inch of the picture.")
    ] = 100,
) -> None:
    """Read one PDF and draw on one page what was read: each table's area and column bounds,
    each plan row band with its level and level_source, and in red the amounts printed in the
    plan table that are in no output row (see renja/inspection.py)."""
    from renja.inspection import InspectError, inspect_page

    target = out if out is not None else Path(f"{pdf.stem}-p{page}.png")
    try:
        reading = inspect_page(pdf, page, target, resolution)
    except InspectError as exc:
        _fail(str(exc), 2)
    reason = f" ({printable(reading.reason)})" if reading.reason else ""
    console.print(
        f"{printable(pdf.name)}: {reading.status}{reason}; page {page}: "
        f"{len(reading.tables)} tables, {len(reading.bands)} rows, "
        f"{len(reading.unread)} amounts not read -> {printable(str(target))}",
        markup=False,
        highlight=False,
    )
    if not reading.has_table:
        _fail(f"page {page}: no table was read on this page (drawn as it is)", 1)


@app.command()
def fields() -> None:
    """Print the field dictionary (every output column) as Markdown."""
    from transform.fields import FIELDS, FOREIGN_KEYS, KEYS, file_schema

    for table, columns in FIELDS.items():
        typer.echo(f"### {table}\n\nKey: {', '.join(KEYS[table])}\n")
        for own, resource, theirs in FOREIGN_KEYS.get(table, []):
            typer.echo(f"References: ({', '.join(own)}) -> {resource} ({', '.join(theirs)})\n")
        typer.echo("| column | type | unit | required | description |")
        typer.echo("|---|---|---|---|---|")
        for f, stored in zip(columns, file_schema(table), strict=True):
            allowed = f" One of: {', '.join(f.allowed)}." if f.allowed else ""
            required = "yes" if not f.nullable else ""
            typer.echo(
                f"| {f.name} | {stored.type} | {f.unit or ''} | {required} "
                f"| {f.description}{allowed} |"
            )
        typer.echo("")


@app.command()
def checks() -> None:
    """Print the validation checks (name, group, severity, what each asserts) as Markdown."""
    from expectations.suites import CHECKS

    typer.echo("| check | group | severity | asserts |")
    typer.echo("|---|---|---|---|")
    for check in CHECKS:
        typer.echo(f"| {check.name} | {check.group} | {check.severity} | {check.description} |")


def entry() -> None:
    """The ``renja`` command: the app, then a prompt exit.

    Once the command has returned and the exit handlers have run (logging, Prefect's last
    messages to its API, the workers' process), the process ends without tearing down its
    modules one by one: with Prefect, pandas and Great Expectations loaded that teardown takes
    about 1.4 s and does nothing a finished run needs."""
    import atexit
    import sys

    try:
        app()
        status: object = 0
    except SystemExit as exc:
        status = exc.code
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)  # sys.exit("message"): printed, status 1
        status = 1
    for thread in threading.enumerate():  # what the interpreter waits for before exiting
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status or 0)
