"""Speed of `renja run` against plain table extraction with camelot and pdfplumber.

First `renja run` on the sample alone, with the seconds per stage that the run records in
`validation/timings.json`. Then makes N distinct copies of the sample (`--copies`, a comment
appended after %%EOF changes the content hash without changing what the PDF shows), and times
on the same files, in one process run:
- `renja run` end to end (CLI, Prefect flow, all outputs), as a user runs it, with its stages;
- camelot lattice extraction of all pages;
- pdfplumber `extract_tables` of all pages;
- OCR: `renja run` on a scanned copy of the sample (tests/synth/scan.py: 200 dpi greyscale
  page images, slightly turned, noisy, no text layer), whose every page goes through OCR.
Prints seconds, pages per second and the ratios. Then, on 16 distinct copies, `renja run` with
1 and 2 workers on this machine and on a Dask LocalCluster of 1 and 2 worker processes: documents
per second and the speed-up of 2 over 1.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import camelot
import pdfplumber

# The Dask workers run Prefect tasks in this process's environment: quiet as the command line.
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "renja_serang_2022.pdf"
sys.path.insert(0, str(ROOT / "tests"))

from synth.scan import scanned_copy  # noqa: E402


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


def time_renja(folder: Path, out: Path, *options: str) -> float:
    renja = Path(sys.executable).with_name("renja")
    start = time.perf_counter()
    subprocess.run([str(renja), "run", str(folder), "--out", str(out), *options], check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - start


# The run's stages in validation/timings.json, in the order of a run, with their labels.
RUN_STAGES = (
    ("cli_start", "start-up: interpreter, command line"),
    ("server", "start-up: Prefect server"),
    ("imports", "start-up: imports (Prefect, flow)"),
    ("extraction", "extraction (all workers, wall)"),
    ("validation_imports", "validation imports left to wait for"),
    ("write_tables", "writing the tables"),
    ("read_tables", "validation: reading the tables"),
    ("check_frames", "validation: check frames"),
    ("ge_context", "validation: GE context"),
    ("checks", "validation: GE checkpoints"),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=8, help="copies for the comparison")
    parser.add_argument("--documents", type=int, default=16, help="documents for the scale bench")
    parser.add_argument("--workers", type=int, help="renja run --workers (default: its own)")
    args = parser.parse_args()
    options = ("--workers", str(args.workers)) if args.workers else ()
    work = Path(tempfile.mkdtemp(prefix="renja-bench-"))
    try:
        single = work / "single"
        single.mkdir()
        shutil.copy(SAMPLE, single / SAMPLE.name)
        one = time_renja(single, work / "clean-single", *options)
        print(f"renja run on {SAMPLE.name} alone: {one:.2f} s, by stage:")
        print_stages(work / "clean-single")
        folder = work / "raw"
        folder.mkdir()
        paths = make_copies(folder, args.copies)
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
        scans = work / "scanned"
        scans.mkdir()
        scanned = scanned_copy(SAMPLE, scans / "renja_scan.pdf")
        scanned_pages = page_count([scanned])
        ocr = time_renja(scans, work / "clean-scanned")
        print(
            f"{'OCR: renja run on a scanned copy':<40} {ocr:8.2f} s  "
            f"{scanned_pages / ocr:7.2f} pages/s  ({scanned_pages} scanned pages)"
        )
        bench_dotproduct(scanned)
        bench_scale(work, args.documents)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
