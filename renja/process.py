"""One document, end to end: PDF -> plan tables -> tidy frames with provenance, or a rejection."""

from __future__ import annotations

import logging
import re
import tempfile
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from extract.document import (
    DocumentError,
    PageProgress,
    PageText,
    content_hash,
    counted,
    page_texts,
    probe_pdf,
)
from extract.ocr import OcrSettings, ocr_pages, ocr_unavailable, write_text_layer
from extract.tables import read_tables
from transform.evaluation import measured_frames
from transform.fields import empty_frame, enforce_schema
from transform.headers import PLAN_TITLE as _PLAN_TITLE
from transform.headers import id_column_indices, title_kind
from transform.hierarchy import StatedTotal, build_plan
from transform.numbers import parse_amount
from transform.proposals import proposal_rows
from transform.review import node_prefix, review_frames
from transform.rows import PlanTable, plan_rows, select_plan_tables, select_tables

__all__ = ["DocumentResult", "process_pdf"]

log = logging.getLogger(__name__)

_OPD_LINE = re.compile(
    r"^\s*(?:nama\s+perangkat\s+daerah\s*:\s*)?((?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|SATUAN|"
    r"KANTOR|RUMAH\s+SAKIT|RSUD|KECAMATAN)\b.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_REGION_LINE = re.compile(r"^\s*((?:KOTA|KABUPATEN|PROVINSI)\b.*)$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:tahun|ta\.?|anggaran)\s+(20\d\d)\b", re.IGNORECASE)


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
    duplicate_of: str | None = None
    pages_not_read: list[int] = field(default_factory=list)  # inside the table's page span
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR (no text layer)

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


_HEADER_WORDS = re.compile(r"indikator", re.IGNORECASE)
_BUDGET_WORDS = re.compile(r"pagu|kebutuhan\s+dana|\(rp\)", re.IGNORECASE)


def _candidate_pages(pages: list[PageText]) -> tuple[list[int], set[int], list[int]]:
    """Pages worth a table search, judged from the fast text layer.

    A page is searched when it prints a plan table title, a plan-like header (indicators and
    budgets), or amounts while a plan table is running; and the page after each such page (a
    table's last rows may carry no amount). Pages of another titled table (the review of the
    draft RKPD, the evaluation of last year) are skipped until a new title appears. Also
    returns the pages that open inside such another table, whose first table is not the plan,
    and the pages of the other titled tables (and the page after each), read for their own rows.
    """
    numbers: set[int] = set()
    inside_other: set[int] = set()
    other: set[int] = set()
    state: str | None = None
    for page in pages:
        kind = _titled_kind(page.text)
        header = bool(_HEADER_WORDS.search(page.text) and _BUDGET_WORDS.search(page.text))
        if kind == "plan" or _PLAN_TITLE.search(page.text):
            if state == "other":
                inside_other.add(page.number)
            state = "plan"
            numbers.add(page.number)
        elif kind == "other":
            state = "other"
        elif state != "other" and (header or (state == "plan" and page.amount_tokens >= 2)):
            state = "plan"
            numbers.add(page.number)
        elif state == "other" and _table_like(page):
            pass  # the other table runs on (evaluation and service pages print no amounts)
        elif page.amount_tokens < 2 and not header:
            state = None
        if state == "other":
            other.add(page.number)
    numbers |= {n + 1 for n in numbers if n < len(pages)}
    other |= {n + 1 for n in other if n < len(pages)}
    return sorted(numbers), inside_other, sorted(other)


_VALUE_TOKEN = re.compile(r"(?<!\S)\d+(?:[.,]\d+)?%?(?!\S)")


def _table_like(page: PageText) -> bool:
    """Whether a page prints many bare numbers (targets, realisations, percentages), as the
    pages of an evaluation or service performance table do and narrative pages do not."""
    return len(_VALUE_TOKEN.findall(page.text)) >= 40


_LABEL_LINE = re.compile(r"^\s*tabel\.?\s+[\dIVX]+(?:\.\d+)*\b.*$", re.IGNORECASE | re.MULTILINE)


# The evaluation's title is often printed without a table number.
_UNNUMBERED_TITLE = re.compile(
    r"^\s*rekapitulasi\s+evaluasi\s+hasil\s+pelaksanaan\s+renja\b.*$", re.IGNORECASE | re.MULTILINE
)


def _titled_kind(text: str) -> str | None:
    """The kind of the last table title ("Tabel 2.4 Review ...") printed on a page, if any."""
    kind = None
    titles = sorted([*_LABEL_LINE.finditer(text), *_UNNUMBERED_TITLE.finditer(text)],
                    key=lambda m: m.start())  # fmt: skip
    for match in titles:
        following = text[match.start() : match.end() + 160]
        kind = title_kind(following)[0] or kind
    return kind


def _all_pages_with_amounts(pages: list[PageText]) -> list[int]:
    return [p.number for p in pages if p.amount_tokens >= 2]


_TOTAL_SENTENCE = re.compile(
    r"total\s+kebutuhan\s+dana\s*/?\s*(?:pagu\s+indikatif\s+)?(?:\w+\s+){0,6}?"
    r"(?:adalah\s+)?sebesar\s+(Rp\.?\s*\d[\d.]*(?:,\d{1,2})?(?:,-)?)",
    re.IGNORECASE,
)


def _stated_in_text(pages: list[PageText]) -> list[StatedTotal]:
    """The total the narrative states ("Total kebutuhan dana/pagu indikatif adalah sebesar
    Rp. 13.319.369.434,-"), with the page it is printed on."""
    found = []
    for page in pages:
        for match in _TOTAL_SENTENCE.finditer(" ".join(page.text.split())):
            label = " ".join(match[0].split()[:5])
            found.append(
                StatedTotal(label, parse_amount(match[1]), parse_amount(None), page.number, "text")
            )
    return found


def _opd(pages: list[PageText]) -> str | None:
    for page in pages[:5] + pages[5:]:
        lines = page.text.splitlines()
        for i, line in enumerate(lines):
            match = _OPD_LINE.match(line)
            if not match or len(match[1]) > 160:
                continue
            name = " ".join(match[1].split())
            following = lines[i + 1] if i + 1 < len(lines) else ""
            region = _REGION_LINE.match(following)
            if region and not re.search(r"\b(kota|kabupaten|provinsi)\b", name, re.IGNORECASE):
                name = f"{name} {' '.join(region[1].split())}"
            return name
    return None


def _document_year(pages: list[PageText]) -> int | None:
    years = Counter(int(y) for page in pages[:3] for y in _YEAR.findall(page.text))
    return years.most_common(1)[0][0] if years else None


def _plan_year(plans: list[PlanTable], pages: list[PageText]) -> int | None:
    for plan in plans:
        if plan.header.plan_year is not None:
            return plan.header.plan_year
    for plan in plans:
        titles = " ".join(t.text_before for t, _, _ in plan.segments[:1])
        match = _YEAR.search(titles)
        if match:
            return int(match[1])
    return _document_year(pages)


def process_pdf(path: Path, progress: PageProgress | None = None) -> DocumentResult:
    """Extract the plan of one Renja PDF; a document that cannot be read is rejected, not raised.

    ``progress`` is told how far the reading has got, stage by stage: ``text`` (every page's text
    layer), ``ocr`` (scanned pages) and ``tables`` (the pages whose tables are read).
    """
    try:
        sha256 = content_hash(path)
    except OSError as exc:
        return DocumentResult(path.name, "", "rejected", f"cannot read file: {exc.strerror}")
    doc_id = sha256[:16]
    try:
        probe_pdf(path)
        result = _process(path, doc_id, progress=progress)
    except DocumentError as exc:
        result = DocumentResult(path.name, doc_id, "rejected", str(exc))
    except Exception as exc:  # a parser failure on odd input must not stop the other documents
        log.warning("%s (%s) could not be processed", path.name, doc_id, exc_info=True)
        reason = f"could not be processed: {type(exc).__name__}: {exc}"[:300]
        result = DocumentResult(path.name, doc_id, "rejected", reason)
    result.sha256 = sha256
    return result


# A page with fewer printable characters than this in its text layer but with an image on it is
# a scan (a scanner may stamp a page number or a few stray characters).
_USABLE_TEXT = 20


def _scanned(page: PageText) -> bool:
    """A page whose content is an image, with no usable text layer."""
    return page.images > 0 and len("".join(page.text.split())) < _USABLE_TEXT


def _process(
    path: Path,
    doc_id: str,
    ocr: OcrSettings | None = None,
    progress: PageProgress | None = None,
) -> DocumentResult:
    pages = page_texts(path, progress)
    if not pages:
        raise DocumentError("PDF has no pages")
    scanned = [p.number for p in pages if _scanned(p)]
    if not scanned:
        if not any(p.text.strip() for p in pages):
            raise DocumentError("no text and no images on any page (blank document)")
        return _read(path, doc_id, pages, progress=progress)
    reason = ocr_unavailable(ocr)
    if reason:
        if len(scanned) == len(pages) or not any(p.text.strip() for p in pages):
            raise DocumentError(f"no text layer (scanned pages): {reason}")
        log.warning("%s: scanned pages %s not read: %s", path.name, scanned, reason)
        return _read(path, doc_id, pages, progress=progress)
    read = ocr_pages(path, counted(scanned, "ocr", progress), ocr)
    with tempfile.TemporaryDirectory(prefix="renja-ocr-") as folder:
        layer = Path(folder) / "text-layer.pdf"
        write_text_layer(read, [(p.width, p.height) for p in pages], layer)
        pages = [replace(p, text=read[p.number].text) if p.number in read else p for p in pages]
        try:
            result = _read(path, doc_id, pages, layer, set(read), progress)
        except DocumentError as exc:
            raise DocumentError(
                f"{exc}; scanned pages read by OCR: {_ranges(sorted(read))}"
            ) from exc
    result.ocr_pages = sorted(read)
    return result


def _ranges(numbers: list[int]) -> str:
    """Page numbers as ranges: ``1-11, 14``."""
    out: list[str] = []
    for n in numbers:
        if out and int(out[-1].split("-")[-1]) == n - 1:
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def _read(
    path: Path,
    doc_id: str,
    pages: list[PageText],
    text_layer: Path | None = None,
    ocr_numbers: set[int] | None = None,
    progress: PageProgress | None = None,
) -> DocumentResult:
    """The plan of a document from its text (``text_layer`` holds the pages read by OCR)."""
    ocr_numbers = ocr_numbers or set()

    def tables(numbers: list[int]) -> Any:
        pages = counted(numbers, "tables", progress)
        return read_tables(path, pages, id_column_indices, text_layer, ocr_numbers)

    candidates, inside_other, other_pages = _candidate_pages(pages)
    to_read = sorted(set(candidates) | set(other_pages))
    found = select_tables(tables(to_read), inside_other)
    plans = [t for t in found if t.is_plan]
    if not plans:  # the text layer misled the page selection: search every page with amounts
        wider = sorted(set(candidates) | set(_all_pages_with_amounts(pages)))
        plans = select_plan_tables(tables(wider))
    if not plans:
        raise DocumentError(
            "no plan table found (Rumusan Rencana Program dan Kegiatan with program, indicator "
            "and pagu columns)"
        )
    tahun = _plan_year(plans, pages)
    opd = _opd(pages)
    result = DocumentResult(path.name, doc_id, "ok", opd=opd, tahun=tahun)
    rows = pd.concat([plan_rows(plan) for plan in plans], ignore_index=True)
    has_next = any(plan.header.first("pagu", "next") is not None for plan in plans)
    id_columns = any(
        bool(plan.header.columns("kode")) or plan.header.first("nomor") is not None
        for plan in plans
    )
    built = build_plan(rows, plan_year=tahun, has_next=has_next, id_columns=id_columns)
    result.stated_totals = built.stated_totals + _stated_in_text(pages)
    result.pages = sorted({t.page for plan in plans for t, _, _ in plan.segments})
    result.pages_not_read = [
        p for p in range(result.pages[0], result.pages[-1] + 1) if p not in result.pages
    ]
    if built.nodes.empty:
        raise DocumentError("plan table found but no program, kegiatan or sub kegiatan rows read")
    frames = {"programs": built.nodes, "indicators": built.indicators, "budgets": built.budgets}
    for name, frame in _other_tables(found, tahun).items():
        if name in ("indicators", "budgets") and "ocr_confidence" not in frame.columns:
            frame = frame.assign(ocr_confidence=None)
        frames[name] = pd.concat([frames.get(name, pd.DataFrame()), frame], ignore_index=True)
    result.frames = _with_document_columns(frames, result)
    return result


def _other_tables(found: list[PlanTable], tahun: int | None) -> dict[str, pd.DataFrame]:
    """Indicators and budgets of the document's other tables (review of the draft RKPD,
    evaluation of the previous Renja, service performance), each table's node ids prefixed so
    that they stay apart from the plan's; and the community proposals."""
    indicators, budgets, proposals = [], [], []
    unnumbered: Counter[str] = Counter()
    for table in found:
        if table.kind == "usulan":
            proposals.append(proposal_rows(table))
            continue
        if table.kind not in ("review", "evaluasi", "kinerja_pelayanan"):
            continue
        unnumbered[table.kind] += not table.label
        prefix = node_prefix(table, unnumbered[table.kind])
        if table.kind == "review":
            ind, bud = review_frames(table, tahun, prefix)
            budgets.append(bud)
        else:
            ind, bud = measured_frames(table, prefix)
            budgets.append(bud)
        indicators.append(ind)
    return {
        "indicators": pd.concat(indicators, ignore_index=True) if indicators else pd.DataFrame(),
        "budgets": pd.concat(budgets, ignore_index=True) if budgets else pd.DataFrame(),
        "proposals": _numbered(proposals),
    }


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
