"""camelot's stream flavour as a second, independent reader of the plan table's pages: what it
would add to the reading checks, and what it costs.

For each document, the pipeline reads it as usual; camelot then reads the plan table's pages
(only those) with ``flavor="stream"``. The amounts of both are matched page by page, digit for
digit. An amount camelot reads that the pipeline has not (``camelot only``) would be a doubt;
so would one the pipeline reads that camelot lacks (``pipeline only``). On an exact document
every such doubt is a false alarm; on a document read wrong it is a catch, to be held against
what the pipeline's own coverage check already reports (``coverage unread``).

    .venv/bin/python bench/second_reader.py data/raw/renja_serang_2022.pdf ../shared/real/*.pdf

Each document's line also says what the pipeline's own reading checks already report: the
amounts left unread (``coverage unread``), the error-level reading doubts, and how many of
camelot's doubts fall on pages no reading doubt names. camelot 2.0 stream may return one
page's table twice over overlapping areas; each page's table is read once.

Measured (2 shared cores, camelot 2.0.0):

- Exact documents (the sample, Sumut 2023, Kaltim; the mutations read as the documents
  themselves: sample spaceless and caption-year, Kaltim caption-year; Word sweep seeds 2, 4,
  5, 7, 8, 10, 12, 14, 15 of ``tests/sweep_office.py docx 1 16 --keep DIR``): camelot
  disagrees on 8 of 15, every one a false alarm. "pipeline only" (amounts camelot misses):
  the sample 12 (page 14, in each of its three versions), Sumut 14 (pages 59, 61), seed 7 2;
  "camelot only": seed 4 11, seed 12 8, seed 15 4.
- Documents read wrong (the mutations of ``tests/test_reading.py`` that are: sample glued
  and flat, Kaltim spaceless, glued and flat, Sumut glued; Word sweep seeds 1, 3, 6, 9, 11,
  13): all 12 are already ``suspect`` by the pipeline's own checks. Of camelot's "camelot
  only" amounts (sample flat 2, seed 6 8, seed 11 66, seed 13 64), none is missing from the
  unread amounts the coverage check lists. Its "pipeline only" amounts are the same misses
  as on the exact documents (sample glued 12, Sumut glued 14) or lie on pages the coverage
  check already names (seed 3 1, seed 6 4). Catches the existing checks miss: 0, in
  documents and in values.
- Cost: 0.2-3.2 s per plan page, measured while the Office sweeps ran on the same cores.

It adds nothing the reading checks do not report, and would raise false alarms on 8 of 15
exact documents, so the run does not use it.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

import camelot

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extract.coverage import _AMOUNT  # noqa: E402
from renja.process import process_pdf  # noqa: E402
from transform.reading import READING_WARNINGS  # noqa: E402


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def camelot_amounts(path: Path, pages: list[int]) -> Counter[tuple[int, str]]:
    """(page, digits) of every amount-like word in the cells camelot stream reads."""
    tables = camelot.read_pdf(
        str(path), pages=",".join(map(str, pages)), flavor="stream", suppress_stdout=True
    )
    found: Counter[tuple[int, str]] = Counter()
    kept: list[tuple[int, tuple[float, float, float, float]]] = []
    for table in sorted(tables, key=lambda t: -_amount_count(t)):
        # camelot 2.0 stream may return a page's table twice, over overlapping areas: read once
        if any(p == int(table.page) and _overlap(b, table._bbox) > 0.5 for p, b in kept):
            continue
        kept.append((int(table.page), table._bbox))
        for row in table.cells:
            for cell in row:
                for word in cell.text.split():
                    if _AMOUNT.match(word):
                        found[(int(table.page), _digits(word))] += 1
    return found


def _amount_count(table: camelot.core.Table) -> int:
    return sum(
        1 for row in table.cells for cell in row for w in cell.text.split() if _AMOUNT.match(w)
    )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The share of the smaller of two boxes (x0, y0, x1, y1) that the other covers."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller if smaller > 0 else 0.0


def main(paths: list[Path]) -> None:
    totals: Counter[str] = Counter()
    for path in paths:
        result = process_pdf(path)
        if result.reading is None:
            print(f"{path.name}: {result.status} ({result.reason})")
            continue
        budgets = result.frames["budgets"]
        plan = budgets[budgets["table_kind"] == "rumusan"]
        pages = result.pages
        read: Counter[tuple[int, str]] = Counter(
            (int(page), _digits(raw))
            for page, raw in zip(plan["page"], plan["amount_raw"], strict=True)
            if isinstance(raw, str) and _digits(raw) and int(page) in pages
        )
        for total in result.stated_totals:
            for raw in (total.plan.raw, total.next.raw):
                if raw and total.page in pages:
                    read[(total.page, _digits(raw))] += 1
        start = time.perf_counter()
        other = camelot_amounts(path, pages)
        seconds = time.perf_counter() - start
        only_camelot, only_pipeline = other - read, read - other
        # what the pipeline's own reading checks already report: the values left unread, and
        # the pages any error-level reading doubt names
        doubts = [d for d in result.reading.doubts if d.check not in READING_WARNINGS]
        named = {d.page for d in doubts}
        unread = Counter((int(u["page"]), _digits(u["text"])) for u in result.reading.unread)
        new_camelot = only_camelot - unread
        new = Counter({k: n for k, n in (new_camelot + only_pipeline).items() if k[0] not in named})
        print(
            f"{path.name}: {len(pages)} pages, camelot stream {seconds:.1f} s "
            f"({seconds / len(pages):.2f} s/page); amounts: pipeline {sum(read.values())}, "
            f"camelot {sum(other.values())}, camelot only {sum(only_camelot.values())} "
            f"({sum(new_camelot.values())} not unread already), pipeline only "
            f"{sum(only_pipeline.values())}; coverage unread {result.reading.coverage['unread']}; "
            f"reading doubts {len(doubts)} ({', '.join(sorted({d.check for d in doubts}))}); "
            f"camelot doubts on pages no reading doubt names: {sum(new.values())}"
        )
        for (page, digits), count in sorted(only_camelot.items())[:8]:
            print(f"    camelot only: page {page} {digits} x{count}")
        for (page, digits), count in sorted(only_pipeline.items())[:8]:
            print(f"    pipeline only: page {page} {digits} x{count}")
        totals["documents"] += 1
        totals["suspect"] += bool(doubts)
        totals["with camelot doubts"] += bool(only_camelot or only_pipeline)
        totals["with camelot doubts no check reports"] += bool(new)
    print(", ".join(f"{k}: {v}" for k, v in totals.items()))


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
