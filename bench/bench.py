"""Speed of `renja run` against plain table extraction with camelot and pdfplumber.

Each part runs on its own (`--only one,many,long,ocr,scale,dotproduct,chars`, all by default):
- one: `renja run` on the sample alone, with the seconds per stage that the run records in
  `validation/timings.json`; then the sample end to end with the embedded default (no
  `PREFECT_API_URL`: the run starts its own temporary server) and with a Prefect server already
  running, each run twice (the second on a warm file cache), against the targets.
- many: N distinct copies of the sample (`--copies`, a comment appended after %%EOF changes the
  content hash without changing what the PDF shows), timed on the same files in one process
  run: `renja run` end to end (CLI, Prefect flow, all outputs) with its stages, camelot lattice
  extraction of all pages, pdfplumber `extract_tables` of all pages. Then the marginal
  throughput: `renja run` on K of those copies (`--marginal-from`, default N//2) against N,
  (pages(N) - pages(K)) / (t(N) - t(K)), beside camelot lattice's pages per second.
- long: one document of `--long-pages` pages (the sample's plan-table pages repeated, by
  qpdf), pages per second at each size, the peak memory of the run, and 1 against 2 workers.
- ocr: `renja run` on a scanned copy of the sample (tests/synth/scan.py: 200 dpi greyscale page
  images, slightly turned, noisy, no text layer), whose every page goes through OCR.
- dotproduct: OCR of a few pages of that copy with each of Tesseract's dot-product settings.
- chars: the words of the sample's plan-table pages from pdfplumber's parse and from PDFium's
  character boxes (pypdfium2): seconds per page, and how many words the two give alike.
- scale: on `--documents` distinct copies, `renja run` with 1 and 2 workers on this machine and
  on a Dask LocalCluster of 1 and 2 worker processes: documents per second and the speed-up.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import camelot
import pdfplumber

# The Dask workers run Prefect tasks in this process's environment: quiet as the command line.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "renja_serang_2022.pdf"
sys.path.insert(0, str(ROOT / "tests"))

from synth.scan import scanned_copy  # noqa: E402

from extract.pages import _ranges  # noqa: E402
from renja.cli import _cores  # noqa: E402


def make_copies(folder: Path, count: int) -> list[Path]:
    data = SAMPLE.read_bytes()
    paths = []
    for i in range(count):
        path = folder / f"renja_copy_{i:02d}.pdf"
        path.write_bytes(data + f"\n% bench copy {i}\n".encode())
        paths.append(path)
    return paths


def page_count(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with pdfplumber.open(path) as pdf:
            total += len(pdf.pages)
    return total


RENJA = Path(sys.executable).with_name("renja")


def time_renja(folder: Path, out: Path, *options: str, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run([str(RENJA), "run", str(folder), "--out", str(out), *options], check=True,
                   capture_output=True, env=env)  # fmt: skip
    return time.perf_counter() - start


# The run's stages in validation/timings.json, in the order of a run, with their labels.
RUN_STAGES = (
    ("cli_start", "start-up: interpreter, command line"),
    ("imports", "start-up: imports (Prefect, flow)"),
    ("server", "start-up: Prefect server, left to wait"),
    ("extraction", "extraction (all workers, wall)"),
    ("validation_imports", "validation imports left to wait for"),
    ("write_tables", "writing the tables"),
    ("read_tables", "validation: reading the tables"),
    ("check_frames", "validation: check frames"),
    ("ge_context", "validation: GE context"),
    ("checks", "validation: GE suites"),
    ("data_docs", "Data Docs"),
    ("reports", "reports"),
    ("documents_and_package", "documents.parquet, datapackage"),
    ("summary", "summary.json"),
    ("flow", "the flow, from call to return"),
    ("total", "total, from the process's start"),
)
DOCUMENT_STAGES = (
    ("worker", "worker, wall (fork to results)"),
    ("text", "text layer"),
    ("ocr", "OCR"),
    ("tables", "table pages"),
    ("transforms", "transforms"),
    ("reading", "reading checks"),
    ("handoff", "writing and reading results"),
)


def print_stages(out: Path) -> None:
    """The stages of the run that wrote ``out``: the run's, then each document's on average."""
    timings = json.loads((out / "validation" / "timings.json").read_text(encoding="utf-8"))
    run = timings["run"]
    for key, label in RUN_STAGES:
        if key in run:
            print(f"  {label:<42} {run[key]:8.2f} s")
    documents = [d["seconds"] for d in timings["documents"]]
    if not documents:
        return
    print(f"  per document, mean of {len(documents)}:")
    for key, label in DOCUMENT_STAGES:
        values = [d.get(key, 0.0) for d in documents]
        if any(values):
            print(f"    {label:<40} {sum(values) / len(values):8.2f} s")


# A process that holds one Prefect server for the bench's runs, started as the tests start theirs
# (tests/conftest.py, prefect_api): it prints the API URL, then waits for its stdin to close; at
# its exit the server stops and its folder is removed (renja.server registers that at exit).
_HOLD_SERVER = """\
import sys
from renja.server import start_temporary_server
print(start_temporary_server(), flush=True)
sys.stdin.read()
"""


@contextlib.contextmanager
def prefect_server() -> Iterator[str]:
    """A Prefect server already running, for as long as the context: its API URL."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_SERVER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        api_url = holder.stdout.readline().strip()
        if not api_url.startswith("http"):
            holder.stdin.close()
            holder.wait()
            lines = (holder.stderr.read() if holder.stderr else "").strip().splitlines()
            raise RuntimeError(lines[-1] if lines else f"exit status {holder.returncode}")
        yield api_url
    finally:
        if holder.poll() is None:
            holder.stdin.close()
            holder.wait(timeout=60)


def bench_one(work: Path, options: tuple[str, ...]) -> None:
    """The sample end to end: by stage, then with the embedded default (no PREFECT_API_URL: the
    run starts a temporary server of its own) and with a server already running, each twice
    (the second run reads the sample and the code from a warm file cache). Each run writes to a
    new output folder, so none reuses another's documents."""
    single = work / "single"
    single.mkdir()
    shutil.copy(SAMPLE, single / SAMPLE.name)
    embedded = {key: value for key, value in os.environ.items() if key != "PREFECT_API_URL"}
    first = time_renja(single, work / "clean-single", *options, env=embedded)
    print(f"renja run on {SAMPLE.name} alone: {first:.2f} s, by stage:")
    print_stages(work / "clean-single")
    times = {
        "embedded": [first, time_renja(single, work / "clean-single-2", *options, env=embedded)]
    }
    served = "clean-served-2"
    try:
        with prefect_server() as api_url:
            env = {**os.environ, "PREFECT_API_URL": api_url}
            times["server"] = [
                time_renja(single, work / f"clean-served-{run}", *options, env=env)
                for run in (1, 2)
            ]
    except RuntimeError as exc:
        print(f"no Prefect server could be started for the bench: {exc}")
    pages = page_count([SAMPLE])
    print(
        f"\n{SAMPLE.name} ({pages} pages) end to end, each run twice (the second on a warm cache):"
    )
    rows = (
        ("server", "with a Prefect server already running", 5),
        ("embedded", "embedded default (no PREFECT_API_URL)", 10),
    )
    for key, label, target in rows:
        if key in times:
            one, two = times[key]
            print(f"  {label:<40} {one:8.2f} s, then {two:8.2f} s  (target <= {target} s)")
    if "server" in times:
        print("with a Prefect server already running, second run, by stage:")
        print_stages(work / served)


def bench_many(
    work: Path, copies: int, marginal_from: int | None, options: tuple[str, ...]
) -> None:
    """N distinct copies: `renja run` against camelot lattice and pdfplumber, then the marginal
    throughput of `renja run` from fewer copies to N."""
    folder = work / "raw"
    folder.mkdir()
    paths = make_copies(folder, copies)
    pages = page_count(paths)
    print(f"\n{len(paths)} distinct copies of {SAMPLE.name}, {pages} pages in all")
    renja = time_renja(folder, work / "clean", *options)
    print(f"renja run on {len(paths)} copies: {renja:.2f} s, by stage:")
    print_stages(work / "clean")
    lattice = time_camelot(paths)
    plumber = time_pdfplumber(paths)
    rows = [
        ("renja run (end to end)", renja),
        ("camelot lattice, all pages", lattice),
        ("pdfplumber extract_tables, all pages", plumber),
    ]
    for name, seconds in rows:
        print(f"{name:<40} {seconds:8.2f} s  {pages / seconds:7.2f} pages/s")
    print(f"renja / camelot lattice    = {renja / lattice:.2f}  (target <= 0.50)")
    print(f"renja / pdfplumber tables  = {renja / plumber:.2f}")
    few = copies // 2 if marginal_from is None else marginal_from
    bench_marginal(work, paths, renja, lattice, few, options)


def bench_marginal(
    work: Path,
    paths: list[Path],
    seconds: float,
    lattice: float,
    few: int,
    options: tuple[str, ...],
) -> None:
    """What one more page costs: `renja run` on the first ``few`` of ``paths`` (distinct copies,
    already timed together in ``seconds``), (pages(all) - pages(few)) / (t(all) - t(few)): the
    run's fixed costs (start-up, server, validation context) drop out. Beside it camelot
    lattice's pages per second over all ``paths`` (``lattice`` seconds, no fixed cost to drop)."""
    if not 0 < few < len(paths):
        print(f"\nmarginal throughput: skipped, it needs 0 < {few} < {len(paths)} copies")
        return
    folder = work / "marginal"
    folder.mkdir()
    for path in paths[:few]:
        shutil.copy(path, folder / path.name)
    few_seconds = time_renja(folder, work / "clean-marginal", *options)
    few_pages, pages = page_count(paths[:few]), page_count(paths)
    print(
        f"\nmarginal throughput, {few} against {len(paths)} distinct copies "
        f"({few_pages} against {pages} pages)"
    )
    print(f"renja run, {few} copies: {few_seconds:.2f} s; {len(paths)} copies: {seconds:.2f} s")
    camelot_rate = pages / lattice
    if seconds <= few_seconds:
        print("renja run, marginal: not measured (the larger run was not the slower)")
        return
    rate = (pages - few_pages) / (seconds - few_seconds)
    print(f"{'renja run, marginal':<40} {rate:19.2f} pages/s  (target >= 25)")
    print(f"{'camelot lattice, the same files':<40} {camelot_rate:19.2f} pages/s")
    print(
        f"renja marginal / camelot lattice, seconds per page = {camelot_rate / rate:.2f}  "
        "(target <= 0.50)"
    )


# Runs `renja run` (its arguments) and prints, as JSON, its wall time, exit status, the end of
# its error output, and the largest peak resident set of a process of its tree. As a child
# subreaper (Linux), this process adopts the run's orphans (its fork server, which reaps the
# workers) and waits for them, so that getrusage(RUSAGE_CHILDREN) counts every process of the
# tree: ru_maxrss is then the peak of the largest one, not the sum of all.
_MEASURED = """\
import ctypes, json, os, resource, subprocess, sys, tempfile, time
try:
    ctypes.CDLL(None).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
except (OSError, AttributeError):
    pass
with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
    start = time.perf_counter()
    returncode = subprocess.run(sys.argv[1:], stdout=out, stderr=err).returncode
    seconds = time.perf_counter() - start
    while True:
        try:
            os.wait()
        except ChildProcessError:
            break
    err.seek(0)
    lines = err.read().decode(errors="replace").strip().splitlines()
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "returncode": returncode, "peak_kb": peak,
                  "error": lines[-1] if lines else ""}))
"""


def run_measured(folder: Path, out: Path, *options: str, env: dict[str, str] | None = None) -> dict:
    """`renja run` from a fresh wrapper process: seconds, exit status, peak memory (KB)."""
    command = [str(RENJA), "run", str(folder), "--out", str(out), *options]
    wrapper = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command], capture_output=True, text=True, env=env
    )
    if wrapper.returncode:
        return {"returncode": wrapper.returncode, "error": wrapper.stderr.strip()[-300:]}
    result: dict = json.loads(wrapper.stdout)
    return result


def outcome(out: Path, result: dict) -> str:
    """What became of the one document of a run: its status (with the reason when rejected), or
    the run's exit status and last error line when it wrote no summary."""
    summary = out / "validation" / "summary.json"
    if result.get("returncode") or not summary.exists():
        return f"run failed, exit status {result.get('returncode')}: {result.get('error', '')}"
    document = json.loads(summary.read_text(encoding="utf-8"))["documents"][0]
    reason = document.get("reason")
    return f"status {document['status']}" + (f" ({reason})" if reason else "")


def sample_table_pages(work: Path) -> list[int]:
    """The pages of the sample's plan table, as a run of it reports them (`table_pages` in
    summary.json): from the run of part one when it ran, otherwise from a run made here."""
    summary = work / "clean-single" / "validation" / "summary.json"
    if not summary.exists():
        folder = work / "table-pages"
        folder.mkdir()
        shutil.copy(SAMPLE, folder / SAMPLE.name)
        time_renja(folder, work / "clean-table-pages")
        summary = work / "clean-table-pages" / "validation" / "summary.json"
    pages: list[int] = json.loads(summary.read_text(encoding="utf-8"))["documents"][0][
        "table_pages"
    ]
    return pages


def long_document(target: Path, pages: int, table_pages: list[int]) -> Path:
    """A PDF of ``pages`` pages: the sample's ``table_pages`` over and over, written by qpdf (as
    the tests write their altered copies), whose repeated pages share fonts and content."""
    numbers = ",".join(str(table_pages[i % len(table_pages)]) for i in range(pages))
    subprocess.run(
        ["qpdf", "--empty", "--pages", str(SAMPLE), numbers, "--", str(target)], check=True
    )
    return target


def bench_long(
    work: Path, sizes: list[int], options: tuple[str, ...], timeout: float, memory_mb: int
) -> None:
    """One long document at each size: seconds, pages per second and peak memory, then the
    longest read on 1 core against 2 (``RENJA_OCR_THREADS``, the document's share of the
    cores: a document read alone has its pages parsed in that many ranges at once). The run's
    limits are raised for it; a document the run rejects anyway (or a run that fails) is
    reported as such, with no rate."""
    if not shutil.which("qpdf"):
        print("\nlong document: skipped, qpdf is not installed")
        return
    table_pages = sample_table_pages(work)
    if not table_pages:
        print("\nlong document: skipped, the run of the sample found no plan-table pages")
        return
    limits = ("--timeout", f"{timeout:g}", "--memory-mb", str(memory_mb))
    workers = int(options[1]) if options else _cores()
    print(
        f"\none long document: the sample's plan-table pages {_ranges(table_pages)} "
        f"repeated, renja run {' '.join(limits)}"
    )
    print(
        "peak: the largest peak resident set of one process of the run (renja, its workers, "
        "its Prefect server), getrusage(RUSAGE_CHILDREN).ru_maxrss of a wrapper running it"
    )
    timed: dict[tuple[int, int], float] = {}

    def measure(pages: int, workers: int, *extra: str) -> None:
        folder = work / f"long-{pages}"
        if not folder.exists():
            folder.mkdir()
            long_document(folder / f"renja_long_{pages}.pdf", pages, table_pages)
        out = work / f"clean-long-{pages}-{workers}"
        env = {**os.environ, "RENJA_OCR_THREADS": str(workers)}
        result = run_measured(folder, out, *limits, *extra, env=env)
        status = outcome(out, result)
        label = f"{pages} pages, {workers} core(s)"
        if "seconds" not in result:
            print(f"{label:<26} {status}")
            return
        seconds, peak_mb = result["seconds"], result.get("peak_kb", 0) / 1024
        rate = (
            ""
            if status.startswith(("run failed", "status rejected"))
            else (f"{pages / seconds:7.2f} pages/s")
        )
        print(f"{label:<26} {seconds:8.2f} s  {rate:<15} peak {peak_mb:6.0f} MB  {status}")
        if rate:
            timed[pages, workers] = seconds

    for pages in sizes:
        measure(pages, workers, *options)
    first, last = sizes[0], sizes[-1]
    if last != first and (first, workers) in timed and (last, workers) in timed:
        ratio = (timed[last, workers] / last) / (timed[first, workers] / first)
        print(f"seconds per page at {last} over at {first} pages: {ratio:.2f} (linear: 1.00)")
    longest = max(sizes)
    for count in (1, 2):
        if count != workers:
            measure(longest, count, *options)
    if (longest, 1) in timed and (longest, 2) in timed:
        speedup = timed[longest, 1] / timed[longest, 2]
        print(f"{longest} pages, speed-up 2 vs 1 core: {speedup:.2f}x")


def bench_scale(work: Path, documents: int) -> None:
    """Documents per second with 1 and 2 workers, locally and on a Dask LocalCluster."""
    from distributed import LocalCluster

    folder = work / "scale"
    folder.mkdir()
    make_copies(folder, documents)
    print(f"\n{documents} documents, each extracted in its own worker process")
    results: dict[str, dict[int, float]] = {"local threads": {}, "dask LocalCluster": {}}
    for workers in (1, 2):
        seconds = time_renja(folder, work / f"local{workers}", "--workers", str(workers))
        results["local threads"][workers] = seconds
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster:  # fmt: skip
            seconds = time_renja(folder, work / f"dask{workers}", "--dask-address",
                                 cluster.scheduler_address)  # fmt: skip
        results["dask LocalCluster"][workers] = seconds
    for name, by_workers in results.items():
        for workers, seconds in by_workers.items():
            print(f"{name:<18} {workers} worker(s) {seconds:8.2f} s  "
                  f"{documents / seconds:6.2f} documents/s")  # fmt: skip
        print(f"{name:<18} speed-up 2 vs 1 worker: {by_workers[1] / by_workers[2]:.2f}x")


def time_camelot(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        camelot.read_pdf(str(path), pages="all", flavor="lattice")
    return time.perf_counter() - start


def time_pdfplumber(paths: list[Path]) -> float:
    start = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_tables()
    return time.perf_counter() - start


def bench_dotproduct(scanned: Path, pages: tuple[int, ...] = (13, 14, 15)) -> None:
    """OCR of a few table pages with Tesseract's dot product pinned (the pipeline's setting:
    AVX2 where the CPU has it), in plain C++, and the code this machine's CPU would pick: the
    price of reading a scan the same on every machine."""
    from extract.ocr import OcrSettings, ocr_pages, portable_dotproduct

    for dotproduct in dict.fromkeys((portable_dotproduct(), "generic", "native")):
        start = time.perf_counter()
        ocr_pages(scanned, pages, OcrSettings(dotproduct=dotproduct))
        seconds = time.perf_counter() - start
        label = f"OCR pages, dotproduct={dotproduct}"
        print(f"{label:<40} {seconds:8.2f} s  {len(pages) / seconds:7.2f} pages/s")


def bench_ocr(scanned: Path, work: Path) -> None:
    """`renja run` on the scanned copy, every page read by OCR."""
    pages = page_count([scanned])
    ocr = time_renja(scanned.parent, work / "clean-scanned")
    print(
        f"\n{'OCR: renja run on a scanned copy':<40} {ocr:8.2f} s  "
        f"{pages / ocr:7.2f} pages/s  ({pages} scanned pages)"
    )


def _plumber_words(page: object) -> list[tuple[str, float, float]]:
    return [
        (w["text"], round(w["x0"], 1), round((w["top"] + w["bottom"]) / 2))
        for w in page.extract_words()  # type: ignore[attr-defined]
    ]


def _pdfium_words(page: object) -> list[tuple[str, float, float]]:
    """The page's words from PDFium's character boxes, split where pdfplumber splits them: at a
    space, a new line, or a gap wider than 3 pt (its default ``x_tolerance``)."""
    text = page.get_textpage()  # type: ignore[attr-defined]
    height = page.get_height()  # type: ignore[attr-defined]
    words: list[tuple[str, float, float]] = []
    current: list[tuple[str, float, float, float, float]] = []

    def close() -> None:
        if current:
            top, bottom = min(c[4] for c in current), max(c[3] for c in current)
            words.append(("".join(c[0] for c in current), round(current[0][1], 1),
                          round(height - (top + bottom) / 2)))  # fmt: skip
            current.clear()

    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if not char.strip():
            close()
            continue
        left, bottom, right, top = text.get_charbox(index)
        if current and (abs(bottom - current[-1][4]) > 2 or left - current[-1][2] > 3):
            close()
        current.append((char, left, right, top, bottom))
    close()
    return words


def bench_chars(pages: list[int]) -> None:
    """pdfplumber's parse of the plan table's pages against PDFium's character boxes: seconds per
    page for the words of each, and how many of pdfplumber's words PDFium gives alike (text, left
    edge within 1 pt, line within 3 pt). pdfplumber's parse also gives the rules and cell fills
    the table reader needs; PDFium's text page gives characters only."""
    import pypdfium2 as pdfium

    start = time.perf_counter()
    plumber: list[list[tuple[str, float, float]]] = []
    with pdfplumber.open(SAMPLE) as pdf:
        for number in pages:
            plumber.append(_plumber_words(pdf.pages[number - 1]))
    plumber_s = time.perf_counter() - start
    start = time.perf_counter()
    document = pdfium.PdfDocument(str(SAMPLE))
    fast = [_pdfium_words(document[number - 1]) for number in pages]
    pdfium_s = time.perf_counter() - start
    document.close()
    total = alike = 0
    for ours, theirs in zip(plumber, fast, strict=True):
        total += len(ours)
        left = list(theirs)
        for text, x0, middle in ours:
            match = next(
                (
                    w
                    for w in left
                    if w[0] == text and abs(w[1] - x0) <= 1 and abs(w[2] - middle) <= 3
                ),
                None,
            )
            if match is not None:
                left.remove(match)
                alike += 1
    n = len(pages)
    print(f"\nwords of the sample's {n} plan-table pages (one process, parse included)")
    print(f"  pdfplumber  {plumber_s / n:6.3f} s/page  {sum(map(len, plumber)):5d} words")
    print(f"  PDFium      {pdfium_s / n:6.3f} s/page  {sum(map(len, fast)):5d} words")
    print(f"  alike       {alike} of pdfplumber's {total} words ({alike / max(total, 1):.1%})")


PARTS = ("one", "many", "long", "ocr", "scale", "dotproduct", "chars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        default=",".join(PARTS),
        help=f"the parts to run, comma-separated (default: {','.join(PARTS)})",
    )
    parser.add_argument("--copies", type=int, default=8, help="copies for the comparison")
    parser.add_argument(
        "--marginal-from",
        type=int,
        help="copies of the smaller run of the marginal throughput (default: --copies // 2)",
    )
    parser.add_argument("--documents", type=int, default=16, help="documents for the scale bench")
    parser.add_argument("--workers", type=int, help="renja run --workers (default: its own)")
    parser.add_argument(
        "--long-pages",
        default="200,2000",
        help="pages of the long documents, comma-separated (default: 200,2000)",
    )
    parser.add_argument(
        "--long-timeout",
        type=float,
        default=7200.0,
        help="renja run --timeout for the long documents (default: 7200)",
    )
    parser.add_argument(
        "--long-memory-mb",
        type=int,
        default=16384,
        help="renja run --memory-mb for the long documents (default: 16384)",
    )
    args = parser.parse_args()
    parts = [part.strip() for part in args.only.split(",") if part.strip()]
    unknown = sorted(set(parts) - set(PARTS))
    if unknown or not parts:
        parser.error(f"--only: {', '.join(unknown) or 'nothing'}; the parts are {', '.join(PARTS)}")
    try:
        long_pages = [int(size) for size in args.long_pages.split(",")]
    except ValueError:
        parser.error(f"--long-pages: not a list of page counts: {args.long_pages}")
    if any(size < 1 for size in long_pages):
        parser.error(f"--long-pages: not a list of page counts: {args.long_pages}")
    options = ("--workers", str(args.workers)) if args.workers else ()
    work = Path(tempfile.mkdtemp(prefix="renja-bench-"))
    try:
        if "one" in parts:
            bench_one(work, options)
        if "many" in parts:
            bench_many(work, args.copies, args.marginal_from, options)
        if "long" in parts:
            bench_long(work, long_pages, options, args.long_timeout, args.long_memory_mb)
        if "ocr" in parts or "dotproduct" in parts:
            scans = work / "scanned"
            scans.mkdir()
            scanned = scanned_copy(SAMPLE, scans / "renja_scan.pdf")
            if "ocr" in parts:
                bench_ocr(scanned, work)
            if "dotproduct" in parts:
                bench_dotproduct(scanned)
        if "scale" in parts:
            bench_scale(work, args.documents)
        if "chars" in parts:
            bench_chars(sample_table_pages(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
