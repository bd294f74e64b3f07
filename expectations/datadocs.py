"""Great Expectations Data Docs that work offline.

GX's pages load Bootstrap, jQuery, bootstrap-table, Font Awesome and Vega from CDNs, and its
index lists the validation results only once bootstrap-table has drawn them from inline data.
After a build, every page is rewritten so that nothing comes from the network: the remote
stylesheets, scripts and images are dropped, a small stylesheet written beside the pages
(``static/styles/offline.css``) takes their place, and the index's tables are written out as
plain HTML from the data GX embeds in them.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

from transform.numbers import format_rupiah

__all__ = ["OFFLINE_CSS", "RowLabel", "make_offline", "remote_assets"]

OFFLINE_CSS = Path("static") / "styles" / "offline.css"

_STYLE = """\
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1c1f23;
       margin: 0 auto; max-width: 1240px; padding: 16px 24px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border-bottom: 1px solid #d9dce1; padding: 4px 8px; text-align: left;
         vertical-align: top; }
th { background: #f4f5f7; }
a { color: #2f5f9e; }
.text-success, .success { color: #1e6b35; } .text-danger, .failed { color: #b3261e; }
.d-none, .modal, .ge-index-page-table-validation-links-item i, .fas, .fa { display: none; }
.cooltip .top, button.btn { display: none; }
.card { border: 1px solid #d9dce1; border-radius: 6px; margin: 10px 0; padding: 8px 12px; }
.nav, .nav-tabs { list-style: none; padding: 0; display: flex; gap: 16px; }
pre, code { font-family: ui-monospace, Menlo, Consolas, monospace; }
"""

# A stylesheet, script or image that the browser would fetch from the network.
_REMOTE = re.compile(
    r"<link\b[^>]*\bhref=\"https?://[^\"]*\"[^>]*>"
    r"|<script\b[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>\s*</script>"
    r"|<img\b[^>]*\bsrc=\"https?://[^\"]*\"[^>]*>",
    re.IGNORECASE,
)
_ASSET = re.compile(
    r"<(?:link|script|img|source|iframe)\b[^>]*\b(?:href|src)=[\"']https?://", re.IGNORECASE
)
_TABLE_DATA = re.compile(
    r"<script>\s*\$\('#(?P<id>[\w-]+)'\)\.bootstrapTable\(\s*Object\.assign\(\s*\{\s*"
    r"columns: (?P<columns>\[.*?\]),\s*data: (?P<data>\[.*?\]),.*?</script>",
    re.DOTALL,
)
# Columns whose cells GX fills with icons or tooltips: their plain text instead.
_PLAIN = {
    "validation_success": "_validation_success_text",
    "batch_identifier": "_batch_identifier_sort",
}


def remote_assets(html: str) -> list[str]:
    """The tags of a page that would load something from the network."""
    return [m.group(0) for m in _ASSET.finditer(html)]


def _static_table(columns: list[dict[str, Any]], data: list[dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(str(c.get('title', c['field'])))}</th>" for c in columns)
    rows = []
    for row in data:
        link = row.get("_table_row_link_path")
        cells = []
        for i, column in enumerate(columns):
            field = column["field"]
            if field in _PLAIN and _PLAIN[field] in row:
                text = escape(str(row[_PLAIN[field]]))
                cell = f'<span class="{text.lower()}">{text}</span>'
            else:
                cell = str(row.get(field, ""))  # GX's own markup
            if link and i == 0:
                cell = f'<a href="{escape(str(link))}">{cell}</a>'
            cells.append(f"<td>{cell}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"


def _offline_page(html: str, stylesheet: str) -> str:
    tables = {m["id"]: m for m in _TABLE_DATA.finditer(html)}
    for table_id, match in tables.items():
        try:
            columns = ast.literal_eval(match["columns"])
            data = ast.literal_eval(match["data"])
        except (ValueError, SyntaxError):
            continue
        html = html.replace(match.group(0), "")
        rows = _static_table(columns, data)
        opening = re.compile(rf'(<table\s+id="{re.escape(table_id)}"[^>]*>)\s*</table>')
        found = opening.search(html)
        if found:
            html = html[: found.start()] + found[1] + rows + "</table>" + html[found.end() :]
    html = _REMOTE.sub("", html)
    link = f'<link rel="stylesheet" href="{stylesheet}">'
    return html.replace("</head>", f"{link}\n</head>", 1)


# A row of GX's table of unexpected values: value, count, and the DataFrame indices.
_UNEXPECTED_ROW = re.compile(
    r'(<td id="[^"]*" ><div class="show-scrollbars">)(?P<value>[^<]*)(</div></td>'
    r'<td id="[^"]*" ><div class="show-scrollbars">[^<]*</div></td>'
    r'<td id="[^"]*" ><div class="show-scrollbars">)(?P<index>[\d, ]+(?:\.\.\.)?)(</div></td>)'
)
_FLOAT = re.compile(r"-?\d+\.\d+(?:e[+-]?\d+)?")


@dataclass(frozen=True)
class RowLabel:
    """How a failing row of a check frame is shown: its kode and page, and its amounts exact."""

    label: str
    amounts: tuple[Decimal, ...] = ()


def _exact(value: str, amounts: tuple[Decimal, ...]) -> str:
    """GX prints amounts as floats (715000000.0): each becomes the row's exact amount."""

    def one(match: re.Match[str]) -> str:
        number = float(match[0])
        same = next((a for a in amounts if float(a) == number), None)
        return format_rupiah(same) if same is not None else match[0]

    return _FLOAT.sub(one, value)


def _label_rows(html: str, rows: dict[int, RowLabel]) -> str:
    def one(match: re.Match[str]) -> str:
        listed = match["index"].replace(" ", "")
        indices = [int(i) for i in listed.removesuffix("...").split(",") if i]
        found = [rows[i] for i in indices if i in rows]
        if not found:
            return match[0]
        value = _exact(match["value"], found[0].amounts)
        labels = "; ".join(dict.fromkeys(r.label for r in found))
        labels += "; …" if listed.endswith("...") else ""
        return f"{match[1]}{value}{match[3]}{escape(labels)}{match[5]}"

    html = _UNEXPECTED_ROW.sub(one, html)
    return re.sub(r"(<th\b[^>]*>\s*)Index(\s*</th>)", r"\1Rows (kode, page)\2", html)


def make_offline(site: Path, rows: dict[str, dict[int, RowLabel]] | None = None) -> None:
    """Rewrite every page of a built Data Docs site so that it loads nothing from the network.

    ``rows`` gives, per suite (check frame), the failing rows by their DataFrame index: the
    result pages then name them by kode and page and print their amounts exactly.
    """
    css = site / OFFLINE_CSS
    css.parent.mkdir(parents=True, exist_ok=True)
    css.write_text(_STYLE, encoding="utf-8")
    for page in sorted(site.rglob("*.html")):
        stylesheet = Path(os.path.relpath(css, page.parent)).as_posix()
        html = _offline_page(page.read_text(encoding="utf-8"), stylesheet)
        parts = page.relative_to(site).parts
        if rows and len(parts) > 2 and parts[0] == "validations" and parts[1] in rows:
            html = _label_rows(html, rows[parts[1]])
        page.write_text(html, encoding="utf-8")
