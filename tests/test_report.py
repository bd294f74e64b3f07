"""The audit report: what it says, that document text is escaped, and how a browser shows it."""

import base64
import csv
import io
import json
import re
import shutil
import subprocess
from html import unescape as html_unescape
from pathlib import Path

import pytest
from conftest import SAMPLE
from inprocess import renja  # `renja validate` in this process: its output is looked at

from renja.report import idr, program_chart, render_report, sorted_failures
from renja.validate import read_tables

CHROMIUM = next(
    (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
    None,
)


def test_idr_formats_exact_amounts() -> None:
    assert idr("13319369434.00") == "13.319.369.434"
    assert idr("-165000000.00") == "-165.000.000"
    assert idr("1234.50") == "1.234,50"
    assert idr(None) == "–"


def test_report_lists_failures_unreadable_values_and_escapes_text(sample_out) -> None:
    out, summary = sample_out
    tables = read_tables(out)
    programs = tables["programs"].copy()
    programs.loc[0, "nama"] = "<script>alert(1)</script>"
    tables["programs"] = programs
    budgets = tables["budgets"].copy()
    budgets.loc[3, "amount"] = None
    budgets.loc[3, "amount_raw"] = "1.156,140,000"
    budgets.loc[3, "amount_flag"] = "mixed separators"
    tables["budgets"] = budgets
    html = render_report(summary["documents"][0], tables)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "1.156,140,000" in html and "mixed separators" in html
    assert "793.000.000" in html and "723.000.000" in html  # the failure, stated and computed
    assert html.count('<tr class="error">') == 1
    assert 'href="../../' not in html  # no source_path recorded: no link, no crop


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (.ci/run installs it)")
def test_report_renders_in_a_browser(sample_out, tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image

    out, summary = sample_out
    report = out / "validation" / "reports" / f"{summary['documents'][0]['doc_id']}.html"
    shot = tmp_path / "report.png"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
         "--window-size=1280,4000", f"--screenshot={shot}", report.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    image = Image.open(shot).convert("RGB")
    assert image.size == (1280, 4000)
    pixels = np.asarray(image).astype(int).reshape(-1, 3)
    assert (pixels.sum(axis=1) < 600).mean() > 0.01  # text and tables, not a blank page

    def near(colour: tuple[int, int, int]) -> int:
        return int((np.abs(pixels - np.array(colour)) < 12).all(axis=1).sum())

    assert near((0xB3, 0x26, 0x1E)) > 200  # the red "invalid" badge and error marks (CSS applied)
    assert near((0x2F, 0x5F, 0x9E)) > 500  # the chart's plan-year bars (inline SVG drawn)


def test_validate_command(sample_out, tmp_path: Path) -> None:
    out, _ = sample_out
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    codes = tmp_path / "codes.csv"
    codes.write_text("level,kode,nama\nprogram,2.07.03,PROGRAM PENGEMBANGAN KAWASAN TRANSMIGRASI\n")
    proc = renja("validate", str(copy), "--nomenclature", str(codes))
    assert proc.returncode == 0, proc.stderr
    assert "invalid" in proc.stderr and "kode_in_code_list" in proc.stderr
    proc = renja("validate", str(copy), "--strict")
    assert proc.returncode == 1
    proc = renja("validate", str(tmp_path / "nowhere"))
    assert proc.returncode == 2 and "not an output folder" in proc.stderr


@pytest.fixture(scope="module")
def linked_out(tmp_path_factory: pytest.TempPathFactory, sample_result) -> tuple[Path, dict]:
    """The sample's outputs as a run writes them: the PDF in raw/, the outputs in out/, the
    summary recording the PDF's path relative to out/ (so reports link to it and picture it)."""
    from renja.output import write_outputs
    from renja.worker import DocumentOutcome

    root = tmp_path_factory.mktemp("linked")
    (root / "raw").mkdir()
    shutil.copy(SAMPLE, root / "raw" / SAMPLE.name)
    entry = {**sample_result.summary(), "source_path": f"../raw/{SAMPLE.name}"}
    summary = write_outputs([DocumentOutcome(entry, sample_result.frames)], root / "out")
    return root / "out", summary


def _failure_blocks(html: str) -> list[str]:
    return re.findall(r'<tbody class="failure .*?</tbody>', html, re.DOTALL)


def test_each_failure_links_to_its_page_and_pictures_its_rows(linked_out) -> None:
    import numpy as np
    from PIL import Image

    out, summary = linked_out
    [doc] = summary["documents"]
    reports = out / "validation" / "reports"
    html = (reports / f"{doc['doc_id']}.html").read_text()
    failures = sorted_failures(doc)
    blocks = _failure_blocks(html)
    assert len(blocks) == len(failures) == 14
    for failure, block in zip(failures, blocks, strict=True):
        [href] = re.findall(r'class="page" href="([^"]+)"', block)
        target, page = href.split("#page=")
        assert (reports / target).resolve() == (out.parent / "raw" / SAMPLE.name).resolve()
        assert int(page) == failure["page"]
        images = re.findall(
            r'src="data:image/png;base64,([^"]+)" width="(\d+)" height="(\d+)" '
            r'data-page="(\d+)" data-box="([^"]+)"',
            block,
        )
        assert images, failure
        for data, width, height, crop_page, box in images:
            assert int(crop_page) >= failure["page"]  # its own page, then its children's
            image = Image.open(io.BytesIO(base64.b64decode(data))).convert("L")
            assert image.size == (int(width), int(height))
            x0, top, x1, bottom = map(float, box.split())
            scale = int(width) / (x1 - x0)
            assert abs(int(height) - (bottom - top) * scale) <= 2  # the band it says it shows
            assert 20 < int(height) < 1100 and int(width) == 1100
            pixels = np.asarray(image)
            assert (pixels < 100).mean() > 0.01  # printed text and rules, not a blank crop
    # The sum failure pictures its kegiatan on page 17 and the sub kegiatan on page 18.
    error = blocks[0]
    assert "sum_sub_kegiatan" in error
    assert re.findall(r'data-page="(\d+)"', error) == ["17", "18"]
    assert "from the plan (Tabel 3.3)" in error


def test_validate_pictures_the_rows_or_says_the_pdf_is_missing(linked_out, tmp_path) -> None:
    """``renja validate DIR`` makes the crops as a run does, from the PDF the summary points
    at; with the PDF gone, each failure says so where its picture would be."""
    out, summary = linked_out
    [doc] = summary["documents"]
    shutil.copytree(out.parent / "raw", tmp_path / "raw")
    shutil.copytree(out, tmp_path / "out")
    report = tmp_path / "out" / "validation" / "reports" / f"{doc['doc_id']}.html"
    report.unlink()

    def validate() -> list[str]:
        proc = renja("validate", str(tmp_path / "out"))
        assert proc.returncode == 0, proc.stderr
        return _failure_blocks(report.read_text())

    blocks = validate()
    assert len(blocks) == 14
    for block in blocks:
        [data] = re.findall(r'src="data:image/png;base64,([^"]+)"', block)[:1]
        assert base64.b64decode(data).startswith(b"\x89PNG")
        assert 'class="nocrop"' not in block
    (tmp_path / "raw" / SAMPLE.name).unlink()
    blocks = validate()
    assert len(blocks) == 14
    for block in blocks:
        assert "data:image" not in block
        [note] = re.findall(r'<p class="nocrop">([^<]+)</p>', block)
        assert f"the source PDF is not at ../raw/{SAMPLE.name}" in note


def test_failures_csv_matches_the_summary(linked_out) -> None:
    out, summary = linked_out
    [doc] = summary["documents"]
    everything = list(csv.DictReader((out / "validation" / "failures.csv").open()))
    reports = out / "validation" / "reports"
    html = (reports / f"{doc['doc_id']}.html").read_text()
    assert f'href="{doc["doc_id"]}.failures.csv"' in html
    mine = list(csv.DictReader((reports / f"{doc['doc_id']}.failures.csv").open()))
    assert mine == everything
    expected = sorted_failures(doc)
    assert len(everything) == len(expected) == 14
    for row, failure in zip(everything, expected, strict=True):
        assert row["doc_id"] == doc["doc_id"] and row["source_file"] == doc["source_file"]
        for key in ("check", "severity", "kode", "node_id", "stated", "computed", "message"):
            assert row[key] == (failure[key] or ""), key
        assert int(row["page"]) == failure["page"]
    assert (everything[0]["stated"], everything[0]["computed"]) == ("793000000.00", "723000000.00")


def test_index_counts_failures_and_reports_link_back(linked_out) -> None:
    out, summary = linked_out
    [doc] = summary["documents"]
    reports = out / "validation" / "reports"
    index = (reports / "index.html").read_text()
    cells = re.findall(r'<td class="num">(\d+)</td>', index)
    assert cells == ["1", "13"]  # failing rows: one error, thirteen warnings (not checks)
    assert 'href="../failures.csv"' in index
    html = (reports / f"{doc['doc_id']}.html").read_text()
    assert '<a href="index.html">' in html
    assert '<td class="code">2.07.01.2.01</td>' in html


def test_reports_link_the_data_docs_only_when_built(linked_out, sample_result, tmp_path) -> None:
    """Without --data-docs no Data Docs are built, and no report links to them (a dead link);
    with them, the index and each report link to their index page, which exists."""
    from renja.output import write_outputs

    out, summary = linked_out
    reports = out / "validation" / "reports"
    built = [reports / "index.html", reports / f"{summary['documents'][0]['doc_id']}.html"]
    for page in built:
        assert 'href="../data_docs/index.html"' in page.read_text()
    assert (out / "validation" / "data_docs" / "index.html").is_file()
    bare = write_outputs([sample_result], tmp_path / "bare", data_docs=False)
    reports = tmp_path / "bare" / "validation" / "reports"
    assert not (tmp_path / "bare" / "validation" / "data_docs").exists()
    for page in (reports / "index.html", reports / f"{bare['documents'][0]['doc_id']}.html"):
        html = page.read_text()
        assert "data_docs/index.html" not in html and "--data-docs</code> builds them" in html


def test_totals_per_program(linked_out) -> None:
    out, summary = linked_out
    doc_id = summary["documents"][0]["doc_id"]
    html = (out / "validation" / "reports" / f"{doc_id}.html").read_text()
    totals = html[html.index("<h2>Totals per program</h2>") :]
    totals = totals[: totals.index("</table>")]
    rows = re.findall(r"<tr><td class=\"code\">([\d.]+)</td>", totals)
    assert rows == ["2.07.03", "2.07.04", "2.07.05", "3.32.03", "3.32.04", "2.07.01"]
    assert "2.730.000.000" in totals and "7.617.478.934" in totals


def test_chart_legend_names_only_what_is_drawn() -> None:
    from decimal import Decimal

    only_plan = [{"label": "P", "plan": Decimal(5), "next": None}]
    assert "prakiraan maju" not in program_chart(only_plan, 2022)
    both = [{"label": "P", "plan": Decimal(5), "next": Decimal(6)}]
    assert "prakiraan maju 2023" in program_chart(both, 2022)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (.ci/run installs it)")
def test_report_fits_1280_px_and_its_pictures_decode_in_a_browser(linked_out) -> None:
    """Chromium lays the report out at 1280 px: nothing wider than the window, every crop
    decoded at its size, and each PDF link resolving to the PDF."""
    out, summary = linked_out
    reports = out / "validation" / "reports"
    report = reports / f"{summary['documents'][0]['doc_id']}.html"
    probe = reports / "probe.html"  # the report with a script that writes what it measured
    script = (
        "<script>window.addEventListener('load', () => { const e = document.createElement('pre');"
        " e.id = 'probe'; e.textContent = JSON.stringify({width: document.documentElement"
        ".scrollWidth, images: [...document.images].map(i => [i.naturalWidth, i.naturalHeight,"
        " i.complete]), links: [...document.querySelectorAll('a.page')].map(a => a.href),"
        " codes: [...document.querySelectorAll('td.code')].map(td => [td.textContent,"
        " td.scrollWidth <= td.clientWidth])});"
        " document.body.appendChild(e); });</script>"
    )
    probe.write_text(report.read_text().replace("</body>", script + "</body>"))
    try:
        dom = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", f"--user-data-dir={out.parent / 'profile'}",
             "--window-size=1280,900", "--virtual-time-budget=5000", "--dump-dom",
             probe.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout  # fmt: skip
    finally:
        probe.unlink()
    measured = json.loads(html_unescape(re.search(r'<pre id="probe">(.*?)</pre>', dom)[1]))
    assert measured["width"] <= 1280
    codes = measured["codes"]
    assert len(codes) >= 20 and "2.07.01.2.01" in [c[0] for c in codes]
    assert [c for c in codes if not c[1]] == []  # no code cut short
    assert len(measured["images"]) >= 14
    assert all(w == 1100 and h > 20 and done for w, h, done in measured["images"])
    pdf = (out.parent / "raw" / SAMPLE.name).resolve().as_uri()
    assert measured["links"] and all(link.split("#")[0] == pdf for link in measured["links"])


def test_data_docs_load_nothing_from_the_network(sample_out) -> None:
    """Every Data Docs page takes its styles from files beside it, and the index lists each
    validation result as plain HTML (not drawn by a script fetched from a CDN)."""
    from expectations.datadocs import OFFLINE_CSS, remote_assets

    out, _ = sample_out
    site = out / "validation" / "data_docs"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text()
        assert remote_assets(html) == [], page
        assert not re.search(r"""(?:src|href)=["']https?://[^"']*\.(?:css|js)\b""", html), page
        [css] = re.findall(r'<link rel="stylesheet" href="([^"]*offline\.css)">', html)
        assert (page.parent / css).resolve() == (site / OFFLINE_CSS).resolve()
    index = (site / "index.html").read_text()
    results = re.findall(r'<tr><td><a href="(validations/[^"]+\.html)">', index)
    assert len(results) == 13  # one per suite run
    assert all((site / link).is_file() for link in results)
    assert index.count(">Failed</span>") == 2  # rollup_kegiatan (the sum) and targets
    [rollup] = (site / "validations" / "rollup_kegiatan").rglob("*.html")
    html = rollup.read_text()
    assert "Rows (kode, page)" in html and "2.07.01.2.01 p. 17" in html  # not a DataFrame index
    assert "[793.000.000, 723.000.000]" in html and "793000000.0" not in html  # exact amounts
