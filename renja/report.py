"""The audit report: one self-contained HTML page per document, and an index of them.

Everything a reviewer needs without opening another file: the headline (agency, year, total,
counts, checks), every failure with the page it is printed on, the values that could not be read
with their raw text, and a chart of pagu per program. Text from the documents is escaped.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from expectations.frames import plain_objects, records
from renja.files import atomic_write_text
from transform.numbers import format_rupiah

__all__ = ["program_chart", "render_report", "write_reports"]

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
    parts.append(
        f'<rect x="{label_w}" y="{y - 9}" width="12" height="10" class="plan"/>'
        f'<text x="{label_w + 16}" y="{y}" class="val">pagu indikatif {year}</text>'
        f'<rect x="{label_w + 170}" y="{y - 9}" width="12" height="10" class="next"/>'
        f'<text x="{label_w + 186}" y="{y}" class="val">prakiraan maju {nxt}</text></svg>'
    )
    return "".join(parts)


def _document_view(doc: dict[str, Any], tables: dict[str, pd.DataFrame]) -> dict[str, Any]:
    doc_id = doc["doc_id"]
    programs = plain_objects(tables["programs"][tables["programs"]["doc_id"] == doc_id])
    budgets = plain_objects(tables["budgets"][tables["budgets"]["doc_id"] == doc_id])
    indicators = plain_objects(tables["indicators"][tables["indicators"]["doc_id"] == doc_id])
    if "table_kind" in budgets.columns:
        budgets = budgets[budgets["table_kind"] == "rumusan"]
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
         "reason": b["amount_flag"], "page": b["page"]}
        for b in records(budgets[budgets["amount_flag"].notna() & budgets["amount"].isna()])
    ] + [
        {"level": i["level"], "kode": i["kode"], "nama": names.get(i["node_id"]),
         "tahun": i["tahun"], "what": f"target: {i['indikator'] or ''}", "raw": i["target_raw"],
         "reason": i["target_flag"], "page": i["page"]}
        for i in records(indicators[indicators["target_flag"].notna()])
    ]  # fmt: skip
    checks = doc.get("checks", [])
    failures = sorted(
        (f for c in checks for f in c["failures"]),
        key=lambda f: (f["severity"] != "error", f["page"] or 0, f["check"]),
    )
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
        "unreadable": unreadable,
    }


def render_report(doc: dict[str, Any], tables: dict[str, pd.DataFrame]) -> str:
    """The HTML report of one validated document."""
    return _ENV.get_template("report.html").render(**_document_view(doc, tables))


def write_reports(
    tables: dict[str, pd.DataFrame], summary: dict[str, Any], reports_dir: Path
) -> list[Path]:
    """Write ``<doc_id>.html`` for every processed document and ``index.html`` listing all."""
    written = []
    for doc in summary["documents"]:
        if "checks" not in doc:
            continue
        path = reports_dir / f"{doc['doc_id']}.html"
        atomic_write_text(path, render_report(doc, tables))
        written.append(path)
    index = _ENV.get_template("index.html").render(summary=summary)
    atomic_write_text(reports_dir / "index.html", index)
    return written
