"""``renja inspect``: a picture of what was read on one page, drawn over the page image."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from conftest import SAMPLE
from inprocess import renja
from PIL import Image

from renja.inspection import (
    LEVEL_COLOURS,
    UNREAD_COLOUR,
    PageReading,
    draw_page,
    inspect_page,
)

RESOLUTION = 60
PAGE = 14  # a page of the sample's plan table with programs, kegiatan and sub kegiatan


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PageReading]:
    out = tmp_path_factory.mktemp("inspect") / "page.png"
    return out, inspect_page(SAMPLE, PAGE, out, RESOLUTION)


def _pixels(image: Image.Image, box: tuple[float, ...]) -> set[tuple[int, int, int]]:
    """The colours inside a box given in PDF points (outline included)."""
    scale = RESOLUTION / 72
    x0, top, x1, bottom = (round(v * scale) for v in box)
    crop = image.convert("RGB").crop((x0, top, x1 + 1, bottom + 1))
    return {c for _, c in crop.getcolors(maxcolors=1 << 20) or []}


def test_the_picture_has_the_page_size_at_the_resolution(drawn) -> None:
    out, _ = drawn
    with pdfplumber.open(SAMPLE) as pdf:
        page = pdf.pages[PAGE - 1]
        width, height = page.width * RESOLUTION / 72, page.height * RESOLUTION / 72
    with Image.open(out) as image:
        assert image.format == "PNG"
        assert abs(image.width - width) <= 1 and abs(image.height - height) <= 1


def test_each_node_of_the_page_has_a_band_in_its_level_colour(drawn, sample_result) -> None:
    out, reading = drawn
    programs = sample_result.frames["programs"]
    on_page = programs[programs["page"] == PAGE]
    assert len(reading.bands) == len(on_page)
    assert {b.level for b in reading.bands} == {"program", "kegiatan", "sub_kegiatan"}
    assert {b.level_source for b in reading.bands} == {"kode"}
    assert [b.label.split()[0] for b in reading.bands] == list(on_page["node_id"])
    with pdfplumber.open(SAMPLE) as pdf:
        page_only = pdf.pages[PAGE - 1].to_image(resolution=RESOLUTION).original
    with Image.open(out) as image:
        for band in reading.bands:
            colour = LEVEL_COLOURS[band.level]
            assert colour in _pixels(image, band.box), band
            assert colour not in _pixels(page_only, band.box)  # drawn, not printed


def test_the_bands_lie_in_the_table_and_do_not_overlap(drawn) -> None:
    _, reading = drawn
    ((area, edges),) = reading.tables
    assert len(edges) == 18  # 17 numbered columns: their left sides and the right side
    bands = sorted(reading.bands, key=lambda b: b.box[1])
    for band in bands:
        assert area[1] <= band.box[1] < band.box[3] <= area[3] + 0.5
    for upper, lower in zip(bands, bands[1:], strict=False):
        assert upper.box[3] <= lower.box[1] + 0.5


def test_values_not_read_are_drawn_in_red(drawn) -> None:
    _, reading = drawn
    assert reading.unread == []  # the sample is read whole
    box = {"x0": 600.0, "top": 200.0, "x1": 660.0, "bottom": 210.0, "text": "1.000.000"}
    missed = PageReading(PAGE, "suspect", None, reading.tables, [], [box])
    image = draw_page(SAMPLE, missed, RESOLUTION)
    assert UNREAD_COLOUR in _pixels(image, (599, 199, 661, 211))
    assert UNREAD_COLOUR not in _pixels(draw_page(SAMPLE, reading, RESOLUTION), (0, 0, 842, 595))


def test_a_page_out_of_range_is_a_clear_error(tmp_path: Path) -> None:
    proc = renja("inspect", str(SAMPLE), "--page", "23", "--out", str(tmp_path / "x.png"))
    assert proc.returncode == 2
    assert "page 23 is out of range: renja_serang_2022.pdf has 22 pages" in proc.stderr
    assert not (tmp_path / "x.png").exists()


def test_a_page_without_table_is_drawn_and_said(tmp_path: Path) -> None:
    proc = renja(
        "inspect", str(SAMPLE), "--page", "2", "--resolution", str(RESOLUTION), cwd=tmp_path
    )
    assert proc.returncode == 1
    assert "page 2: no table was read on this page" in proc.stderr
    with Image.open(tmp_path / "renja_serang_2022-p2.png") as image:
        assert abs(image.width - 595.3 * RESOLUTION / 72) <= 1  # the page, portrait
        assert abs(image.height - 841.9 * RESOLUTION / 72) <= 1
