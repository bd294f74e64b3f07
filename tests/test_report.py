"""The audit report: what it says, that document text is escaped, and how a browser shows it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from renja.report import idr, render_report
from renja.validate import read_tables

RENJA = Path(sys.executable).with_name("renja")
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
    proc = subprocess.run(
        [str(RENJA), "validate", str(copy), "--nomenclature", str(codes)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "invalid" in proc.stderr and "kode_in_code_list" in proc.stderr
    proc = subprocess.run(
        [str(RENJA), "validate", str(copy), "--strict"], capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 1
    proc = subprocess.run(
        [str(RENJA), "validate", str(tmp_path / "nowhere")], capture_output=True, text=True
    )
    assert proc.returncode == 2 and "not an output folder" in proc.stderr
