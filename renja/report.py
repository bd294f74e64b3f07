"""The audit report: one self-contained HTML page per document, and an index of them.

Everything a reviewer needs without opening another file: the headline (agency, year, total,
counts, checks), every failure with the page it is printed on, the values that could not be read
with their raw text, and a chart of pagu per program. Text from the documents is escaped.
"""

from __future__ import annotations

import base64
import csv
import io
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from expectations.frames import plain_objects, records
from renja.files import atomic_write_text
from transform.numbers import format_rupiah

__all__ = [
    "SourcePages",
    "crop_rows",
    "failures_csv",
    "program_chart",
    "render_report",
    "sorted_failures",
    "table_name",
    "write_reports",
]

_ENV = Environment(
    loader=PackageLoader("renja", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def idr(value: Any) -> str:
    """An amount the Indonesian way, without decimals when they are zero: 13.319.369.434."""
    return "–" if value is None or value == "" else format_rupiah(value)


_ENV.filters["idr"] = idr


def program_chart(programs: list[dict[str, Any]], plan_year: int | None) -> str:
    """An inline SVG bar chart: each program's pagu for the plan year and the next year."""
    if not programs:
        return ""
    values = [v for p in programs for v in (p["plan"], p["next"]) if v is not None]
    top = max(values, default=Decimal(0)) or Decimal(1)
    label_w, bar_w, row_h = 340, 430, 34
    height = row_h * len(programs) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 140}" '
        f'height="{height}" role="img" aria-label="Pagu per program">'
    ]
    for i, program in enumerate(programs):
        y = 10 + i * row_h
        name = program["label"]
        short = name if len(name) <= 42 else name[:40] + "…"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" class="lbl">'
            f"<title>{escape(name)}</title>{escape(short)}</text>"
        )
        for j, (key, css) in enumerate((("plan", "plan"), ("next", "next"))):
            value = program[key]
            if value is None:
                continue
            width = max(1.0, float(value / top) * bar_w)
            by = y + 2 + j * 14
            parts.append(
                f'<rect x="{label_w}" y="{by}" width="{width:.1f}" height="12" class="{css}"/>'
                f'<text x="{label_w + width + 4:.1f}" y="{by + 10}" class="val">{idr(value)}</text>'
            )
    year = f"{plan_year}" if plan_year else "plan year"
    nxt = f"{plan_year + 1}" if plan_year else "next year"
    y = height - 12
    legend = [("plan", f"pagu indikatif {year}")]
    if any(p["next"] is not None for p in programs):  # no entry for a series that is not drawn
        legend.append(("next", f"prakiraan maju {nxt}"))
    for i, (css, text) in enumerate(legend):
        x = label_w + 170 * i
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="12" height="10" class="{css}"/>'
            f'<text x="{x + 16}" y="{y}" class="val">{text}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


_TABLE_NAMES = {
    "rumusan": "plan",
    "review": "review of the draft RKPD",
    "evaluasi": "evaluation",
    "kinerja_pelayanan": "service performance",
}
_BOX = ("x0", "top", "x1", "bottom")
_CROP_WIDTH_PX = 1100  # a crop is rendered this wide, whatever the page size
_CROP_MAX_HEIGHT_PT = 360.0  # a taller band of rows is cut to this height around the value
_MAX_CROPS = 200  # failures with pictures per report, to keep it small
_MAX_CROP_PAGES = 3  # pages pictured per failure


def table_name(kind: str | None, label: str | None) -> str:
    """Which printed table a value comes from, for a reader: "plan (Tabel 3.3)"."""
    name = _TABLE_NAMES.get(kind or "", kind or "")
    return f"{name} (Tabel {label})" if label else name


def _box(row: dict[str, Any]) -> tuple[float, float, float, float] | None:
    values = [row.get(k) for k in _BOX]
    if any(v is None for v in values):
        return None
    x0, top, x1, bottom = (float(v) for v in values)  # type: ignore[arg-type]
    return (x0, top, x1, bottom)


class SourcePages:
    """The pages of one source PDF for the crops of its report: the file opened once and each
    page loaded once, however many failures are pictured on it. Close it when done."""

    def __init__(self, pdf: Path) -> None:
        import pypdfium2 as pdfium

        self._error = pdfium.PdfiumError
        try:
            self._document: Any = pdfium.PdfDocument(str(pdf))
        except (pdfium.PdfiumError, OSError):
            self._document = None
        self._pages: dict[int, Any] = {}

    def page(self, number: int) -> Any:
        """Page ``number`` (1-based), None when the PDF has no such page or cannot be read."""
        if self._document is None or not 1 <= number <= len(self._document):
            return None
        if number not in self._pages:
            try:
                self._pages[number] = self._document[number - 1]
            except self._error:
                self._pages[number] = None
        return self._pages[number]

    def close(self) -> None:
        if self._document is not None:
            self._document.close()  # its pages with it
            self._document = None


def crop_rows(
    pdf: Path | SourcePages,
    page: int,
    boxes: list[tuple[float, float, float, float]],
    mark: int | None = 0,
) -> dict[str, Any] | None:
    """A PNG (base64) of the band of ``page`` that holds ``boxes`` (PDF points), as wide as the
    page, with the boxes outlined (``boxes[mark]`` in red, the others in blue; none when
    ``mark`` is None and there is only the one); None when the page cannot be rendered."""
    from PIL import ImageDraw

    pages = SourcePages(pdf) if isinstance(pdf, Path) else pdf
    try:
        sheet = pages.page(page)
        if sheet is None:
            return None
        width, height = sheet.get_size()
        top = max(0.0, min(b[1] for b in boxes) - 4)
        bottom = min(height, max(b[3] for b in boxes) + 4)
        if bottom - top > _CROP_MAX_HEIGHT_PT:  # keep the first (marked) value in view
            centre = (boxes[0][1] + boxes[0][3]) / 2
            top = max(0.0, centre - _CROP_MAX_HEIGHT_PT / 2)
            bottom = min(height, top + _CROP_MAX_HEIGHT_PT)
        scale = _CROP_WIDTH_PX / width
        image = sheet.render(scale=scale, crop=(0, height - bottom, 0, top)).to_pil()
    finally:
        if pages is not pdf:
            pages.close()
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    for i, (x0, y0, x1, y1) in enumerate(boxes):
        if mark is None and len(boxes) == 1:
            break
        colour = (179, 38, 30) if i == mark else (47, 95, 158)
        draw.rectangle(
            (x0 * scale - 2, (y0 - top) * scale - 2, x1 * scale + 2, (y1 - top) * scale + 2),
            outline=colour,
            width=2,
        )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=3)  # faster than the default 6, and as small
    return {
        "png": base64.b64encode(buffer.getvalue()).decode("ascii"),
        "width": image.width,
        "height": image.height,
        "box": f"0 {top:.1f} {width:.1f} {bottom:.1f}",
    }


class _DocumentRows:
    """A document's plan rows looked up by node for its failures: every amount of a node (in
    the budgets table's order) and its programs row, each found once for all failures."""

    def __init__(self, budgets: pd.DataFrame, programs: pd.DataFrame) -> None:
        self.amounts: dict[Any, list[tuple[int, dict[str, Any]]]] = {}
        for index, row in enumerate(records(budgets)):
            self.amounts.setdefault(row["node_id"], []).append((index, row))
        self.nodes: dict[Any, dict[str, Any]] = {}
        self.children: dict[Any, list[Any]] = {}
        for row in records(programs):
            self.nodes.setdefault(row["node_id"], row)
            self.children.setdefault(row["parent_id"], []).append(row["node_id"])

    def source(self, failure: dict[str, Any]) -> dict[str, Any] | None:
        """The budgets row a failure is about (its node, year and jenis), else its programs
        row."""
        node = failure.get("node_id")
        if node is None:
            return None
        mine = [row for _, row in self.amounts.get(node, [])]
        if failure.get("jenis") is not None:
            mine = [
                row for row in mine
                if row["jenis"] == failure["jenis"] and row["tahun"] == failure["tahun"]
            ]  # fmt: skip
        if mine:
            return mine[0]
        row = self.nodes.get(node)
        return {**row, "table_kind": "rumusan"} if row is not None else None

    def children_amounts(self, source: dict[str, Any]) -> list[dict[str, Any]]:
        """The amounts of the same jenis, year and table as ``source`` of its node's children."""
        found = [
            (index, row)
            for child in dict.fromkeys(self.children.get(source["node_id"], []))
            for index, row in self.amounts.get(child, [])
            if row["jenis"] == source.get("jenis")
            and row["tahun"] == source.get("tahun")
            and row["table_kind"] == source.get("table_kind")
        ]
        return [row for _, row in sorted(found, key=lambda item: item[0])]


def _failure_view(
    failure: dict[str, Any],
    doc: dict[str, Any],
    rows: _DocumentRows,
    pdf: SourcePages | None,
    crop: bool,
    missing: str | None = None,
) -> dict[str, Any]:
    """A failure with the table it comes from, a link to its page and a crop of its rows;
    where the crop cannot be made, ``missing`` says why (the PDF is not where it was)."""
    source = rows.source(failure)
    view = {**failure, "table": "", "link": None, "crops": [], "box": None, "no_crop": None}
    if source is not None:
        view["table"] = table_name(source.get("table_kind"), source.get("source_table"))
        view["box"] = _box(source)
    page = failure.get("page")
    if doc.get("source_path") and page:
        view["link"] = f"../../{quote(doc['source_path'])}#page={page}"
    if not crop or source is None or view["box"] is None:
        return view
    if missing is not None or pdf is None:
        view["no_crop"] = missing
        return view
    # The value checked, outlined in red when the check is about it (an amount of a year),
    # and the amounts of its children it is checked against, in blue, page by page.
    marked = failure.get("jenis") is not None
    by_page: dict[int, list[tuple[float, float, float, float]]] = {
        int(source["page"]): [view["box"]]
    }
    if marked:
        for child in rows.children_amounts(source):
            box = _box(child)
            if box is not None:
                by_page.setdefault(int(child["page"]), []).append(box)
    for number, boxes in sorted(by_page.items())[:_MAX_CROP_PAGES]:
        own = number == int(source["page"])
        image = crop_rows(pdf, number, boxes, mark=0 if own and marked else None)
        if image is not None:
            view["crops"].append({**image, "page": number})
    if not view["crops"]:
        view["no_crop"] = (
            f"No picture: page {source['page']} of the source PDF could not be rendered."
        )
    return view


def _program_totals(
    programs: pd.DataFrame, budgets: pd.DataFrame, children: dict[Any, list[Any]]
) -> list[dict[str, Any]]:
    """Per program: the printed pagu indikatif and prakiraan maju, the sums of its kegiatan
    (``children``: node ids by parent, ``_DocumentRows.children``), and the differences."""
    amounts: dict[tuple[Any, Any], list[Any]] = {}
    for budget in records(budgets):
        amounts.setdefault((budget["node_id"], budget["jenis"]), []).append(budget["amount"])
    rows = []
    for node in records(programs[programs["level"] == "program"]):
        row: dict[str, Any] = {"kode": node["kode"] or node["nomor"] or "", "nama": node["nama"]}
        kids = dict.fromkeys(children.get(node["node_id"], []))
        for jenis in ("pagu_indikatif", "prakiraan_maju"):
            own = amounts.get((node["node_id"], jenis), [])
            stated = next((a for a in own if a is not None), None)
            parts = [a for kid in kids for a in amounts.get((kid, jenis), [])]
            known = [a for a in parts if a is not None]
            total = sum(known, Decimal(0)) if known else None
            row[jenis] = stated
            row[f"{jenis}_sum"] = total
            row[f"{jenis}_diff"] = (
                stated - total if stated is not None and total is not None else None
            )
        rows.append(row)
    return rows


def sorted_failures(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """A document's failures, errors first, in page order."""
    return sorted(
        (f for c in doc.get("checks", []) for f in c["failures"]),
        key=lambda f: (f["severity"] != "error", f["page"] or 0, f["check"]),
    )


def _source_pdf(doc: dict[str, Any], out_dir: Path | None) -> tuple[Path | None, str | None]:
    """The source PDF the crops are rendered from, or why there is none (said in the report
    in place of the pictures); neither without ``out_dir`` (no pictures asked for)."""
    if out_dir is None:
        return None, None
    if not doc.get("source_path"):
        return None, "No picture: the summary records no path to the source PDF."
    pdf = out_dir / doc["source_path"]
    if not pdf.is_file():
        return None, (
            f"No picture: the source PDF is not at {doc['source_path']} (relative to the "
            "output folder), where it was read from."
        )
    return pdf, None


_VIEWED = ("programs", "budgets", "indicators")  # the tables a report shows


def _document_view(
    doc: dict[str, Any], mine: dict[str, pd.DataFrame], out_dir: Path | None
) -> dict[str, Any]:
    """What the report template shows of ``doc``, from its own rows of the tables (``mine``,
    as plain objects: ``plain_objects``)."""
    doc_id = doc["doc_id"]
    programs, all_budgets, indicators = (mine[name] for name in _VIEWED)
    budgets = all_budgets[all_budgets["table_kind"] == "rumusan"]
    names = dict(zip(programs["node_id"], programs["nama"], strict=True))
    top = programs[programs["level"] == "program"]
    chart_rows: list[dict[str, Any]] = []
    for node in records(top):
        mine = budgets[budgets["node_id"] == node["node_id"]]
        amounts = dict(zip(mine["jenis"], mine["amount"], strict=False))
        label = f"{node['kode'] or node['nomor'] or ''} {node['nama']}".strip()
        chart_rows.append(
            {
                "label": label,
                "plan": amounts.get("pagu_indikatif"),
                "next": amounts.get("prakiraan_maju"),
            }
        )
    totals = {
        jenis: sum((r[jenis] for r in chart_rows if r[jenis] is not None), Decimal(0))
        for jenis in ("plan", "next")
    }
    unreadable = [
        {"level": b["level"], "kode": b["kode"], "nama": names.get(b["node_id"]),
         "tahun": b["tahun"], "what": b["jenis"], "raw": b["amount_raw"],
         "reason": b["amount_flag"], "page": b["page"],
         "table": table_name(b["table_kind"], b["source_table"])}
        for b in records(budgets[budgets["amount_flag"].notna() & budgets["amount"].isna()])
    ] + [
        {"level": i["level"], "kode": i["kode"], "nama": names.get(i["node_id"]) or i["nama"],
         "tahun": i["tahun"], "what": f"{i['measure']}: {i['indikator'] or ''}",
         "raw": i["target_raw"], "reason": i["target_flag"], "page": i["page"],
         "table": table_name(i["table_kind"], i["source_table"])}
        for i in records(indicators[indicators["target_flag"].notna()])
    ]  # fmt: skip
    checks = doc.get("checks", [])
    pdf, missing = _source_pdf(doc, out_dir)
    pages = SourcePages(pdf) if pdf is not None else None
    rows = _DocumentRows(all_budgets, programs)
    try:
        failures = [
            _failure_view(f, doc, rows, pages, crop=i < _MAX_CROPS, missing=missing)
            for i, f in enumerate(sorted_failures(doc))
        ]
    finally:
        if pages is not None:
            pages.close()
    return {
        "doc": doc,
        "counts": doc.get("counts", {}),
        "total_plan": totals["plan"] if any(r["plan"] is not None for r in chart_rows) else None,
        "unread_plan": sum(1 for r in chart_rows if r["plan"] is None),
        "total_next": totals["next"] if any(r["next"] is not None for r in chart_rows) else None,
        "chart": program_chart(chart_rows, doc.get("tahun")),
        "checks": checks,
        "passed": sum(1 for c in checks if c["success"]),
        "errors": sum(1 for c in checks if not c["success"] and c["severity"] == "error"),
        "warnings": sum(1 for c in checks if not c["success"] and c["severity"] == "warning"),
        "failures": failures,
        "failure_count": {
            severity: sum(1 for f in failures if f["severity"] == severity)
            for severity in ("error", "warning")
        },
        "unreadable": unreadable,
        "program_totals": _program_totals(programs, budgets, rows.children),
        "pdf_link": f"../../{quote(doc['source_path'])}" if doc.get("source_path") else None,
        "csv": f"{doc_id}.failures.csv",
    }


def render_report(
    doc: dict[str, Any],
    tables: dict[str, pd.DataFrame],
    out_dir: Path | None = None,
    data_docs: bool = False,
) -> str:
    """The HTML report of one validated document; with ``out_dir`` (the output folder the
    document's ``source_path`` is relative to), crops of the failing rows from the PDF; with
    ``data_docs``, a link to the Data Docs beside the reports."""
    mine = {
        name: plain_objects(tables[name][tables[name]["doc_id"] == doc["doc_id"]])
        for name in _VIEWED
    }
    return _render(doc, mine, out_dir, data_docs)


def _render(
    doc: dict[str, Any], mine: dict[str, pd.DataFrame], out_dir: Path | None, data_docs: bool
) -> str:
    """The report of ``doc`` from its own rows of the tables (``_document_view``)."""
    view = _document_view(doc, mine, out_dir)
    return _ENV.get_template("report.html").render(**view, data_docs=data_docs)


FAILURE_COLUMNS = (
    "doc_id", "source_file", "check", "severity", "level", "kode", "nama", "node_id", "tahun",
    "jenis", "stated", "computed", "difference", "page", "message",
)  # fmt: skip


def failures_csv(documents: list[dict[str, Any]]) -> str:
    """The failures of the given documents as CSV, amounts as exact decimal strings."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, FAILURE_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for doc in documents:
        for failure in sorted_failures(doc):
            writer.writerow({**failure, "doc_id": doc["doc_id"], "source_file": doc["source_file"]})
    return buffer.getvalue()


def _by_document(tables: dict[str, pd.DataFrame]) -> dict[str, dict[str, pd.DataFrame]]:
    """Each table's rows by ``doc_id``, split once for all the reports (not searched again for
    each document)."""
    return {
        name: {str(key): rows for key, rows in frame.groupby("doc_id", sort=False)}
        for name, frame in tables.items()
    }


def write_reports(
    tables: dict[str, pd.DataFrame], summary: dict[str, Any], reports_dir: Path
) -> list[Path]:
    """Write ``<doc_id>.html`` and ``<doc_id>.failures.csv`` for every processed document,
    ``index.html`` listing all, and ``../failures.csv`` with the failures of all."""
    out_dir = reports_dir.parent.parent
    data_docs = (reports_dir.parent / "data_docs" / "index.html").is_file()  # linked if built
    written = []
    checked = [doc for doc in summary["documents"] if "checks" in doc]
    plain = {name: plain_objects(tables[name]) for name in _VIEWED}
    parts = _by_document(plain)
    for doc in checked:
        path = reports_dir / f"{doc['doc_id']}.html"
        mine = {name: parts[name].get(doc["doc_id"], plain[name].iloc[0:0]) for name in _VIEWED}
        atomic_write_text(path, _render(doc, mine, out_dir, data_docs))
        atomic_write_text(reports_dir / f"{doc['doc_id']}.failures.csv", failures_csv([doc]))
        written.append(path)
    counts = {
        doc["doc_id"]: {
            severity: sum(len(c["failures"]) for c in doc["checks"] if c["severity"] == severity)
            for severity in ("error", "warning")
        }
        for doc in checked
    }
    index = _ENV.get_template("index.html").render(
        summary=summary, counts=counts, data_docs=data_docs
    )
    atomic_write_text(reports_dir / "index.html", index)
    atomic_write_text(reports_dir.parent / "failures.csv", failures_csv(checked))
    return written
