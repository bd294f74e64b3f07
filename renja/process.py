"""One document, end to end: PDF -> plan tables -> tidy frames with provenance, or a rejection.

The stages, each in its own module: the pages and how each is read (``extract.pages``), the
pages that hold tables and what their titles say (``extract.locate``), the page tables
(``extract.tables``, ``extract.stream``), the logical tables, their kinds and header maps
(``transform.grouping``, ``transform.kinds``, ``transform.headers``), their rows and hierarchy
(``transform.rows``, ``transform.hierarchy``, one transform per other table kind), and what the
document says of itself (``transform.metadata``). ``observe`` is shown each stage's output
(``renja debug``); docs/architecture.md draws the whole.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extract.document import (
    DocumentError,
    PageProgress,
    PageText,
    content_hash,
    keeps_empty_lines,
    probe_pdf,
)
from extract.locate import all_pages_with_amounts, candidate_pages, title_kind
from extract.model import RawTable
from extract.ocr import OcrSettings, known_words
from extract.pages import document_pages
from extract.parsed import open_pdf, release, shared_parse
from extract.spelling import mend_by_names
from renja.reading import Reading, check_reading
from renja.timing import Stopwatch
from transform.fields import empty_frame, enforce_schema
from transform.grouping import select_plan_tables, select_tables
from transform.headers import id_column_indices
from transform.hierarchy import StatedTotal, build_plan
from transform.kinds import kind_named
from transform.metadata import opd_name, plan_year, stated_in_text
from transform.reading import confirm_by_sums
from transform.review import node_prefix
from transform.rows import LogicalTable, table_rows

__all__ = ["DocumentResult", "Observer", "process_pdf"]

log = logging.getLogger(__name__)

# Shown the output of each stage by name: "pages" (the document's pages and the choice of
# pages to read), "raw_table" (each page table as read), "tables" (the logical tables with
# their header maps), "rows" (the plan's rows) and "frames" (the tidy tables).
Observer = Callable[[str, Any], None]


@dataclass
class DocumentResult:
    """The outcome of one document: its tables, or the reason it was rejected."""

    source_file: str
    doc_id: str
    status: str
    reason: str | None = None
    sha256: str | None = None
    opd: str | None = None
    tahun: int | None = None
    pages: list[int] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    stated_totals: list[StatedTotal] = field(default_factory=list)
    # rows restating a program's amount (its subtotal): read, not checked as totals
    subtotals: list[StatedTotal] = field(default_factory=list)
    # rows read by OCR with a name and amounts, taken for the rest of the row above
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    # words of names read by OCR mended from the other names: (node_id, reading, mended)
    mended_names: list[tuple[str, str, str]] = field(default_factory=list)
    duplicate_of: str | None = None
    pages_not_read: list[int] = field(default_factory=list)  # inside the table's page span
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR (no text layer)
    reading: Reading | None = None  # the plan table's coverage and the doubts of the reading
    seconds: Stopwatch = field(default_factory=Stopwatch)  # per stage (validation/timings.json)

    def summary(self) -> dict[str, Any]:
        """The document's entry in ``validation/summary.json``."""
        entry: dict[str, Any] = {
            "doc_id": self.doc_id,
            "sha256": self.sha256,
            "source_file": self.source_file,
            "status": self.status,
            "reason": self.reason,
            "opd": self.opd,
            "tahun": self.tahun,
            "table_pages": self.pages,
            "pages_not_read": self.pages_not_read,
            "ocr_pages": self.ocr_pages,
        }
        if self.duplicate_of:
            entry["duplicate_of"] = self.duplicate_of
            return entry
        if self.reading is not None:
            entry.update(_reading_entry(self.reading))
        if self.frames:
            programs = self.frames["programs"]
            entry["counts"] = {
                level: int((programs["level"] == level).sum())
                for level in ("program", "kegiatan", "sub_kegiatan")
            }
            budgets, indicators = self.frames["budgets"], self.frames["indicators"]
            plan_budgets = budgets[budgets["table_kind"] == "rumusan"]
            plan_indicators = indicators[indicators["table_kind"] == "rumusan"]
            entry["unreadable_values"] = int(plan_budgets["amount_flag"].notna().sum()) + int(
                plan_indicators["target_flag"].notna().sum()
            )
            entry["other_tables"] = _other_counts(self.frames)
        entry["stated_totals"] = [
            {
                "source": t.source,
                "label": t.label,
                "page": t.page,
                "plan": str(t.plan.value) if t.plan.value is not None else None,
                "plan_raw": t.plan.raw,
                "next": str(t.next.value) if t.next.value is not None else None,
                "next_raw": t.next.raw,
            }
            for t in self.stated_totals
        ]
        return entry


def _reading_entry(reading: Reading) -> dict[str, Any]:
    """The summary's record of a reading: reasons of the pages not read, the coverage of the
    printed amounts, the unread values (``validation/unread.csv``) and the doubts."""
    return {
        "pages_not_read_reasons": {str(p): r for p, r in sorted(reading.pages_not_read.items())},
        "coverage": reading.coverage,
        "unread": reading.unread,
        "reading_doubts": [d.record() for d in reading.doubts],
        "regroupings": reading.regroupings,
    }


def _other_counts(frames: dict[str, pd.DataFrame]) -> dict[str, dict[str, int]]:
    """Rows read from the tables other than the plan, by kind: indicator and budget rows, and
    how many of their values were left null with a flag."""
    counts: dict[str, dict[str, int]] = {}
    for name, flag in (("indicators", "target_flag"), ("budgets", "amount_flag")):
        frame = frames[name]
        for kind, rows in frame[frame["table_kind"] != "rumusan"].groupby("table_kind"):
            entry = counts.setdefault(str(kind), {"indicators": 0, "budgets": 0, "unreadable": 0})
            entry[name] = len(rows)
            entry["unreadable"] += int(rows[flag].notna().sum())
    if len(frames.get("proposals", ())):
        counts["usulan"] = {"proposals": len(frames["proposals"])}
    return counts


def process_pdf(
    path: Path, progress: PageProgress | None = None, observe: Observer | None = None
) -> DocumentResult:
    """Extract the plan of one Renja PDF; a document that cannot be read is rejected, not raised.

    ``progress`` is told how far the reading has got, stage by stage: ``text`` (every page's text
    layer), ``ocr`` (scanned pages) and ``tables`` (the pages whose tables are read);
    ``observe`` is shown each stage's output.
    """
    try:
        sha256 = content_hash(path)
    except OSError as exc:
        return DocumentResult(path.name, "", "rejected", f"cannot read file: {exc.strerror}")
    doc_id = sha256[:16]
    clock = Stopwatch()
    try:
        probe_pdf(path)
        result = _process(path, doc_id, progress=progress, observe=observe, clock=clock)
    except DocumentError as exc:
        result = DocumentResult(path.name, doc_id, "rejected", str(exc))
    except Exception as exc:  # a parser failure on odd input must not stop the other documents
        log.warning("%s (%s) could not be processed", path.name, doc_id, exc_info=True)
        reason = f"could not be processed: {type(exc).__name__}: {exc}"[:300]
        result = DocumentResult(path.name, doc_id, "rejected", reason)
    result.sha256 = sha256
    result.seconds = clock
    return result


def _process(
    path: Path,
    doc_id: str,
    ocr: OcrSettings | None = None,
    progress: PageProgress | None = None,
    observe: Observer | None = None,
    clock: Stopwatch | None = None,
) -> DocumentResult:
    """The stages of one document: its pages (OCR where scanned), the pages that hold tables,
    the tables on them, the plan and the other tables as rows, then as tidy frames.

    ``clock`` is given the seconds of each stage: ``text`` (the text layer), ``ocr``,
    ``tables`` (the page tables), ``transforms`` (all else) and ``reading`` (its checks)."""
    see: Observer = observe or (lambda stage, value: None)
    clock = clock or Stopwatch()
    start = time.perf_counter()
    marks = _StageMarks(progress)
    # one pdfplumber parse per page for the tables and the checks of their reading
    with document_pages(path, ocr, marks) as pages, shared_parse():
        opened = time.perf_counter()
        ocr_start = marks.first.get("ocr", opened)
        clock.add("text", ocr_start - start)
        if pages.ocr_pages:
            clock.add("ocr", opened - ocr_start)
        choice = candidate_pages(pages.texts)
        see("pages", (pages, choice))

        titled: set[int] = set()  # pages of a table under the plan table's title

        def tables(numbers: list[int]) -> Iterator[RawTable]:
            read = iter(pages.tables(numbers, id_column_indices, progress))
            while True:
                began = time.perf_counter()
                table = next(read, None)
                clock.add("tables", time.perf_counter() - began)
                if table is None:
                    return
                see("raw_table", table)
                if title_kind(table.text_before)[0] == "plan":
                    titled.add(table.page)
                yield table

        found = select_tables(tables(choice.to_read), choice.inside_other)
        see("tables", found)
        plans = [t for t in found if t.is_plan]
        if not plans:  # the text layer misled the page selection: search every page with amounts
            wider = sorted(set(choice.plan) | set(all_pages_with_amounts(pages.texts)))
            plans = select_plan_tables(tables(wider))
            see("tables", plans)
        if not plans:
            raise DocumentError(
                "no plan table found (Rumusan Rencana Program dan Kegiatan with program, "
                "indicator and pagu columns)"
            )
        known = known_words((ocr or OcrSettings()).lang) if pages.ocr_pages else frozenset()
        result = _read(path, doc_id, pages.texts, plans, found, see, known)
        result.ocr_pages = sorted(pages.ocr_pages)
        checking = time.perf_counter()
        result.reading = check_reading(
            path, plans, pages.texts, result.frames, result.stated_totals + result.subtotals,
            result.tahun,
            pages.text_layer, pages.ocr_pages, pages.mended, known, titled, result.unplaced,
            result.mended_names,
        )  # fmt: skip
        clock.add("reading", time.perf_counter() - checking)
        result.pages_not_read = sorted(
            set(result.pages_not_read) | set(result.reading.pages_not_read)
        )
    done = time.perf_counter() - start
    clock.add("transforms", done - sum(clock.seconds.values()))
    return result


def _metadata(path: Path) -> dict[str, Any]:
    """The PDF's document information (Creator, Producer, ...); empty where it holds none."""
    pdf = open_pdf(path)
    try:
        return dict(pdf.metadata or {})
    finally:
        release(pdf)


class _StageMarks:
    """Passes progress on, noting when each stage was first told of (OCR follows the text)."""

    def __init__(self, progress: PageProgress | None) -> None:
        self.progress = progress
        self.first: dict[str, float] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.first.setdefault(stage, time.perf_counter())
        if self.progress is not None:
            self.progress(stage, done, total)


def _read(
    path: Path,
    doc_id: str,
    pages: list[PageText],
    plans: list[LogicalTable],
    found: list[LogicalTable],
    see: Observer,
    known: frozenset[str] = frozenset(),
) -> DocumentResult:
    """The document's plan (``plans``) and other tables (in ``found``) as tidy frames
    (``known``: the words of OCR's language, for the names it read)."""
    tahun = plan_year(plans, pages)
    if tahun is None:
        raise DocumentError(
            "no plan year: neither the plan table's caption, its column headers, the cover nor "
            "the first pages name a year (Tahun 2022)"
        )
    result = DocumentResult(path.name, doc_id, "ok", opd=opd_name(pages), tahun=tahun)
    kept = keeps_empty_lines(_metadata(path))
    for plan in plans:
        for table, _, _ in plan.segments:
            table.empty_lines_kept = kept
    rows = pd.concat([table_rows(plan) for plan in plans], ignore_index=True)
    see("rows", rows)
    has_next = any(plan.header.first("pagu", "next") is not None for plan in plans)
    id_columns = any(
        bool(plan.header.columns("kode")) or plan.header.first("nomor") is not None
        for plan in plans
    )
    built = build_plan(rows, plan_year=tahun, has_next=has_next, id_columns=id_columns)
    result.stated_totals = built.stated_totals + stated_in_text(pages)
    result.subtotals = built.subtotals
    result.unplaced = built.unplaced
    # a name a page break cut after its slash: doubted as a line so broken on its page
    for page, text in built.unsure_slashes:
        for table in {
            id(t): t for plan in plans for t, _, _ in plan.segments if t.page == page
        }.values():
            table.unsure_slashes.append(text)
    result.pages = sorted({t.page for plan in plans for t, _, _ in plan.segments})
    result.pages_not_read = [
        p for p in range(result.pages[0], result.pages[-1] + 1) if p not in result.pages
    ]
    if built.nodes.empty:
        raise DocumentError("plan table found but no program, kegiatan or sub kegiatan rows read")
    frames = {"programs": built.nodes, "indicators": built.indicators, "budgets": built.budgets}
    frames, result.mended_names = _mended_names(frames, known)
    frames["budgets"] = confirm_by_sums(frames["programs"], frames["budgets"])
    for name, frame in _other_tables(found, tahun).items():
        if name in ("indicators", "budgets") and "ocr_confidence" not in frame.columns:
            frame = frame.assign(ocr_confidence=None)
        frames[name] = pd.concat([frames.get(name, pd.DataFrame()), frame], ignore_index=True)
    result.frames = _with_document_columns(frames, result)
    see("frames", result.frames)
    return result


def _mended_names(
    frames: dict[str, pd.DataFrame], known: frozenset[str]
) -> tuple[dict[str, pd.DataFrame], list[tuple[str, str, str]]]:
    """The plan's frames with the words of names read by OCR that the other names (and the
    indicators' words) show to be misread mended (:func:`extract.spelling.mend_by_names`), and
    what was mended."""
    nodes = frames["programs"]
    if nodes.empty or not nodes["nama_ocr_confidence"].notna().any():
        return frames, []
    names = [str(n) for n in nodes["nama"]]
    indicators = frames.get("indicators", pd.DataFrame())
    texts = [t for t in indicators.get("indikator", []) if isinstance(t, str)]
    mends = mend_by_names(names, list(nodes["nama_ocr_confidence"].notna()), known, texts)
    renamed = {
        str(node): mended
        for node, name, (mended, how) in zip(nodes["node_id"], names, mends, strict=True)
        if how and mended != name
    }
    if not renamed:
        return frames, []
    for key, frame in frames.items():
        if "nama" in frame and not frame.empty:
            new = [
                renamed.get(str(n), a) for n, a in zip(frame["node_id"], frame["nama"], strict=True)
            ]
            frames = {**frames, key: frame.assign(nama=new)}
    done = [
        (str(node), read, text)
        for node, (_, how) in zip(nodes["node_id"], mends, strict=True)
        for read, text in how
    ]
    return frames, done


def _other_tables(found: list[LogicalTable], tahun: int | None) -> dict[str, pd.DataFrame]:
    """The frames of the document's other tables, each by its kind's transform (review of the
    draft RKPD, evaluation of the previous Renja, service performance: indicators and budgets,
    node ids prefixed so that they stay apart from the plan's; community proposals)."""
    parts: dict[str, list[pd.DataFrame]] = {"indicators": [], "budgets": [], "proposals": []}
    unnumbered: Counter[str] = Counter()
    for table in found:
        kind = kind_named(table.kind)
        if kind is None or kind.frames is None:
            continue
        unnumbered[kind.name] += not table.label
        prefix = node_prefix(table, unnumbered[kind.name])
        for name, frame in kind.frames(table, tahun, prefix).items():
            parts[name].append(frame)
    return {
        "indicators": _concat(parts["indicators"]),
        "budgets": _concat(parts["budgets"]),
        "proposals": _numbered(parts["proposals"]),
    }


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _numbered(proposals: list[pd.DataFrame]) -> pd.DataFrame:
    """The proposals of all tables; two unnumbered tables keep their rows apart by number."""
    frames = [f for f in proposals if not f.empty]
    if not frames:
        return pd.DataFrame()
    frame = pd.concat(frames, ignore_index=True)
    duplicated = frame.duplicated(["source_table", "usulan_no"])
    if duplicated.any():
        frame["usulan_no"] = frame.groupby("source_table").cumcount() + 1
    return frame


def _with_document_columns(
    frames: dict[str, pd.DataFrame], result: DocumentResult
) -> dict[str, pd.DataFrame]:
    programs = frames["programs"].assign(
        doc_id=result.doc_id,
        source_file=result.source_file,
        opd=result.opd,
        tahun_rencana=result.tahun,
    )
    out = {"programs": enforce_schema(programs, "programs")}
    for name in ("indicators", "budgets", "proposals"):
        frame = frames.get(name)
        out[name] = (
            empty_frame(name)
            if frame is None or frame.empty
            else enforce_schema(frame.assign(doc_id=result.doc_id), name)
        )
    return out
