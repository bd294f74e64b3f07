"""Documents as they come: rotated pages, encryption, broken files. Each ends in a clear outcome."""

import subprocess
from pathlib import Path

import pytest
from conftest import SAMPLE, SAMPLE_TRUTH
from truth import compare, load_truth

from renja.process import process_pdf

pytestmark = pytest.mark.skipif(
    subprocess.run(["which", "qpdf"], capture_output=True).returncode != 0,
    reason="qpdf not installed",
)


def qpdf(*args: str) -> None:
    subprocess.run(["qpdf", *args], check=True)


@pytest.mark.parametrize("turn", ["+90", "-90", "180"])
def test_table_pages_turned_are_read_upright(turn: str, tmp_path: Path) -> None:
    turned = tmp_path / "turned.pdf"
    qpdf(f"--rotate={turn}:13-21", str(SAMPLE), str(turned))
    result = process_pdf(turned)
    assert result.status == "ok", result.reason
    assert compare(result.frames, load_truth(SAMPLE_TRUTH)).differences == []


def test_encrypted_with_user_password_is_rejected(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    qpdf("--encrypt", "secret", "owner", "256", "--", str(SAMPLE), str(locked))
    result = process_pdf(locked)
    assert (result.status, result.reason) == ("rejected", "encrypted PDF (password required)")


def test_encrypted_without_user_password_is_read(tmp_path: Path) -> None:
    restricted = tmp_path / "restricted.pdf"
    qpdf("--encrypt", "", "owner", "256", "--", str(SAMPLE), str(restricted))
    result = process_pdf(restricted)
    assert result.status == "ok"
    assert len(result.frames["programs"]) == 77


def test_random_bytes_and_no_table(tmp_path: Path) -> None:
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    assert process_pdf(noise).status == "rejected"
    narrative = tmp_path / "narrative.pdf"
    qpdf(str(SAMPLE), "--pages", str(SAMPLE), "1-9", "--", str(narrative))
    result = process_pdf(narrative)
    assert result.status == "rejected"
    assert result.reason.startswith("no plan table found")


def test_a_page_of_the_table_that_gives_nothing_is_named(tmp_path: Path) -> None:
    """Page 15 of the table replaced by a text page: its rows are missing, and the summary
    says which page of the table span was not read."""
    holed = tmp_path / "holed.pdf"
    qpdf(str(SAMPLE), "--pages", str(SAMPLE), "1-14,22,16-21", "--", str(holed))
    result = process_pdf(holed)
    assert result.status == "ok"
    assert result.summary()["pages_not_read"] == [15]
    assert len(result.frames["programs"]) < 77


def test_blank_and_scanned_documents_get_different_reasons(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    blank = tmp_path / "blank.pdf"
    pages = canvas.Canvas(str(blank))
    for _ in range(2000):
        pages.showPage()
    pages.save()
    result = process_pdf(blank)
    assert (result.status, result.reason) == (
        "rejected", "no text and no images on any page (blank document)"
    )  # fmt: skip
    scanned = tmp_path / "scanned.pdf"
    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "13", "-l", "13", str(SAMPLE),
                    str(tmp_path / "p")], check=True)  # fmt: skip
    image = next(tmp_path.glob("p*.png"))
    pages = canvas.Canvas(str(scanned))
    pages.drawImage(str(image), 0, 0, width=595, height=842)
    pages.save()
    # The scan goes through OCR (30 dpi is too coarse to read), or is rejected without it.
    from extract.ocr import ocr_unavailable

    result = process_pdf(scanned)
    if ocr_unavailable() is None:
        assert (result.status, result.reason) == (
            "rejected", "no plan table found (Rumusan Rencana Program dan Kegiatan with program, "
            "indicator and pagu columns); scanned pages read by OCR: 1"
        )  # fmt: skip
    else:
        assert result.reason.startswith("no text layer (scanned pages)")
