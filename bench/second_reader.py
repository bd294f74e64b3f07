"""camelot's stream flavour as a second, independent reader of the plan table's pages: what it
would add to the reading checks, and what it costs.

For each document, the pipeline reads it as usual; camelot then reads the plan table's pages
(only those) with ``flavor="stream"``. The amounts of both are matched page by page, digit for
digit. An amount camelot reads that the pipeline has not (``camelot only``) would be a doubt;
so would one the pipeline reads that camelot lacks (``pipeline only``). On an exact document
every such doubt is a false alarm; on a document read wrong it is a catch, to be held against
what the pipeline's own coverage check already reports (``coverage unread``).

    .venv/bin/python bench/second_reader.py data/raw/renja_serang_2022.pdf ../shared/real/*.pdf

Measured (2 shared cores, camelot 2.0.0): on the exact documents camelot reads no amount the
pipeline lacks, but misses amounts the pipeline reads (the sample: 12 on page 14 of 148; Sumut
2023: 14 on pages 59 and 61 of 128; Kaltim: none of 22), so the "pipeline only" direction would
be 12-14 false alarms per document. On a document read wrong (Bogor 2020, pre-2019 layout) its one
"camelot only" amount (page 68, 150.000.000) is already reported by the coverage check (13 amounts
unread) and by ``columns_not_understood``. Cost: 0.6-2.0 s per plan page. It adds nothing the
coverage check does not report, so the run does not use it.
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


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def camelot_amounts(path: Path, pages: list[int]) -> Counter[tuple[int, str]]:
    """(page, digits) of every amount-like word in the cells camelot stream reads."""
    tables = camelot.read_pdf(
        str(path), pages=",".join(map(str, pages)), flavor="stream", suppress_stdout=True
    )
    found: Counter[tuple[int, str]] = Counter()
    for table in tables:
        for row in table.cells:
            for cell in row:
                for word in cell.text.split():
                    if _AMOUNT.match(word):
                        found[(int(table.page), _digits(word))] += 1
    return found


def main(paths: list[Path]) -> None:
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
        print(
            f"{path.name}: {len(pages)} pages, camelot stream {seconds:.1f} s "
            f"({seconds / len(pages):.2f} s/page); amounts: pipeline {sum(read.values())}, "
            f"camelot {sum(other.values())}, camelot only {sum(only_camelot.values())}, "
            f"pipeline only {sum(only_pipeline.values())}; coverage unread "
            f"{result.reading.coverage['unread']}"
        )
        for (page, digits), count in sorted(only_camelot.items())[:8]:
            print(f"    camelot only: page {page} {digits} x{count}")
        for (page, digits), count in sorted(only_pipeline.items())[:8]:
            print(f"    pipeline only: page {page} {digits} x{count}")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
