"""Synthetic Renja PDFs in many layouts: the pipeline must return the generating plan exactly.

Plans (names, codes, amounts, indicators) are random; layouts vary ruling, code style, amount
style, unit placement, page size, wrapping, header wording and grand-total rows.
"""

import dataclasses
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from synth.endorsed import closed, sourced
from synth.generator import LAYOUTS, Layout, random_layout, random_plan, render_pdf, seed_plan
from synth.overstrike import overstruck
from synth.signed import NOTE, signed
from synth.watermark import watermarked
from truth import check_round_trip

from extract.document import page_texts, plain, running_feet
from renja.process import process_pdf

NAMED = [(name, seed) for name in LAYOUTS for seed in range(3)]


@pytest.mark.parametrize(("layout_name", "seed"), NAMED, ids=[f"{n}-{s}" for n, s in NAMED])
def test_named_layouts(layout_name: str, seed: int, tmp_path: Path) -> None:
    layout = LAYOUTS[layout_name]
    plan = random_plan(seed, codes=layout.code_style != "nomor", sub_digits=4 if seed else 2)
    check_round_trip(plan, layout, tmp_path / "plan.pdf")


@pytest.mark.parametrize(("layout_name", "seed"), NAMED[::3], ids=[n for n, _ in NAMED[::3]])
def test_no_code_and_no_number_bold_kegiatan(layout_name: str, seed: int, tmp_path: Path) -> None:
    """Rows identified only by "PROGRAM ..." and bold type still form the exact tree."""
    layout = dataclasses.replace(LAYOUTS[layout_name], code_style="none")
    check_round_trip(random_plan(seed + 7, codes=False), layout, tmp_path / "plan.pdf")


@pytest.mark.parametrize("layout_name", ["sipd_split5", "nomor_unruled"])
def test_bold_printed_by_overstriking(layout_name: str, tmp_path: Path) -> None:
    """Printer drivers and report writers make bold of a regular font by drawing its text
    again a hair to the side. Read as drawn, every letter of a bold name came doubled
    (``PPRROOGGRRAAMM``), the table's header with them, and the document was rejected, "no
    plan table found". A glyph drawn over itself is one glyph, and bold: rows told apart only
    by bold type (no code, no number) still form the exact tree."""
    layout = dataclasses.replace(LAYOUTS[layout_name], code_style="none")
    check_round_trip(random_plan(11, codes=False), layout, tmp_path / "plan.pdf", overstruck)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing")
@pytest.mark.parametrize("layout", ["nomor_unruled", "split5_unruled_rp_newline", 6527, 6530, 6533])
def test_a_signatures_note_in_every_pages_foot_is_no_row(layout: str | int, tmp_path: Path) -> None:
    """An electronic signature stamps a note in the foot of every page ("Dokumen ini telah
    ditandatangani secara elektronik ..."), with a QR code. Under a table without rules the
    note was read as the last row's text, or as a row of its own, with status ``ok`` (8 of 30
    random layouts so signed, and both of these named ones). A line that two thirds of the
    pages or more print alike in their foot is a running foot, and no row."""
    if isinstance(layout, int):
        chosen = random_layout(layout)
        plan = seed_plan(layout, chosen)
    else:
        chosen = LAYOUTS[layout]
        plan = random_plan(5, codes=chosen.code_style != "nomor")
    check_round_trip(plan, chosen, tmp_path / "plan.pdf", signed)
    feet = running_feet(page_texts(tmp_path / "made-plan.pdf"))
    assert feet == {plain(line) for line in NOTE}


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing")
@pytest.mark.parametrize(
    ("layout", "plan_seed", "made"),
    [("nomor_unruled", 5, closed), ("sipd_split5", 6, closed), (7109, None, closed),
     (7110, None, closed), ("nomor_unruled", 5, sourced), (7133, None, sourced),
     (7149, None, sourced)],
)  # fmt: skip
def test_what_ends_the_table_is_no_row(
    layout: str | int, plan_seed: int | None, made: Callable[[Path, Path], Path], tmp_path: Path
) -> None:
    """A Renja ends with closing words ("Demikian ...") and the head of the agency's signature
    block under its last table: place and date, office, name and NIP, under the table's last
    columns; a table may have a note of its source close under it ("Sumber: ..."). Under a
    table without rules the last row's name ran on into the closing words or the note, a note
    made a row of its own (7133 and 7149, both with status ``ok``), the NIP was read as a
    target, or the date and NIP counted as numbers of the table in no row: 4 of 30 random
    layouts so signed off came out ``suspect`` (7109 and 7110 among them), as did nearly
    every office document without rules (``tests/sweep_office.py`` with
    ``--signature-block``). The table ends at its note or sign-off, and the document is exact
    and ``ok``, every number under the table's header accounted for."""
    from renja.output import write_outputs

    if isinstance(layout, int):
        chosen = random_layout(layout)
        plan = seed_plan(layout, chosen)
    else:
        chosen = LAYOUTS[layout]
        plan = random_plan(plan_seed or 0, codes=chosen.code_style != "nomor")
    check_round_trip(plan, chosen, tmp_path / "plan.pdf", made)
    assert (tmp_path / "block-made-plan.pdf").exists()  # it fitted under the table
    [doc] = write_outputs([process_pdf(tmp_path / "made-plan.pdf")], tmp_path / "out")["documents"]
    assert doc["status"] == "ok", doc.get("first_reason")
    assert doc["coverage"]["numbers"]["unread"] == 0


@pytest.mark.parametrize(
    ("layout", "valign", "doubted"),
    [("nomor_unruled", "MIDDLE", False), ("split5_unruled_rp_newline", "BOTTOM", False),
     (6810, "MIDDLE", False), (6818, "BOTTOM", True)],
)  # fmt: skip
def test_cells_set_at_the_middle_or_foot_of_their_rows(
    layout: str | int, valign: str, doubted: bool, tmp_path: Path
) -> None:
    """A table without rules whose cells stand at the middle of their rows (a web page's
    default) or at their foot (a sheet's) prints a row's code, figures and one-line cells
    beside the middle or last line of its name, under the name's first lines: those went to
    the row above, and 3 of 20 nodes of the first layout came out right, with status ``ok``.
    Lines that a gap wider than a cell's own lines parts from the row above open a row, and
    the code, figures or total's label met before the next such gap are that row's. The rows
    so read stand level (every column's text with its middle, or its foot, at the row's),
    which shows them parted right: the pages carry no ``unparted_rows`` doubt, which they did
    before that was looked at; but a page whose header is found by its words (no row of
    column numbers, 6818) keeps it: the first row's first lines may have gone to the header,
    and the row left stands level."""
    if isinstance(layout, int):
        chosen = dataclasses.replace(random_layout(layout), valign=valign)
        plan = seed_plan(layout, chosen)
    else:
        chosen = dataclasses.replace(LAYOUTS[layout], valign=valign)
        plan = random_plan(5, codes=chosen.code_style != "nomor")
    assert not chosen.ruled
    check_round_trip(plan, chosen, tmp_path / "plan.pdf")
    # read right; the rows as read stand level: no doubt, under a row of column numbers
    doubts = process_pdf(tmp_path / "plan.pdf").summary()["reading_doubts"]
    assert ("unparted_rows" in {doubt["check"] for doubt in doubts}) == doubted


WATERMARKS = [
    ("nomor_unruled", 35.0, 0.85, True),  # aslant behind the table, as Word sets one
    ("split5_unruled_rp_newline", 0.0, 0.8, False),  # level, over it
    ("sipd_split5", 45.0, 0.3, False),  # aslant and dark, over it: a stamp
    ("nomor_wrapped_decimals", 90.0, 0.7, True),  # upright, light
]


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing")
@pytest.mark.parametrize(("layout_name", "angle", "grey", "under"), WATERMARKS)
def test_a_watermark_is_not_read_into_the_table(
    layout_name: str, angle: float, grey: float, under: bool, tmp_path: Path
) -> None:
    """A draft is marked "RANCANGAN" across every page in large type, aslant or level, light
    behind the table or over it. Its letters went into the cells they cross: every named
    layout so marked read wrong, with status ``ok``. Type two and a half times the page's
    size or more, set aslant or printed light, is a watermark, and is not read."""
    layout = LAYOUTS[layout_name]
    plan = random_plan(5, codes=layout.code_style != "nomor")

    def marked(source: Path, target: Path) -> Path:
        return watermarked(source, target, angle=angle, grey=grey, under=under)

    check_round_trip(plan, layout, tmp_path / "plan.pdf", marked)


@pytest.mark.parametrize("layout_name", ["nomor_unruled", "split5_unruled_rp_newline"])
def test_borderless_table_without_column_numbers(layout_name: str, tmp_path: Path) -> None:
    """Columns of a borderless table are then placed from the header labels alone."""
    layout = dataclasses.replace(LAYOUTS[layout_name], number_row="none")
    check_round_trip(
        random_plan(3, codes=layout.code_style != "nomor"), layout, tmp_path / "plan.pdf"
    )


@pytest.mark.parametrize(("layout_name", "seed"), NAMED[::4], ids=[n for n, _ in NAMED[::4]])
def test_codes_printed_in_part_per_level(layout_name: str, seed: int, tmp_path: Path) -> None:
    layout = dataclasses.replace(LAYOUTS[layout_name], code_style="partial")
    check_round_trip(
        random_plan(seed + 11, sub_digits=2 + 2 * (seed % 2)), layout, tmp_path / "plan.pdf"
    )


# Layouts and plans whose table, printed without a repeated header, leaves one row alone on
# the last page: the grand total, or the last sub kegiatan.
LONE_LAST_ROW = [("single_decimals", 5, True), ("sipd_split5", 44, False),
                 ("glued_rp_3rows", 47, False)]  # fmt: skip


@pytest.mark.parametrize(("layout_name", "seed", "total_row"), LONE_LAST_ROW,
                         ids=[f"{n}-{s}" for n, s, _ in LONE_LAST_ROW])  # fmt: skip
def test_a_lone_row_on_the_last_page_is_read(
    layout_name: str, seed: int, total_row: bool, tmp_path: Path
) -> None:
    import pdfplumber

    layout = dataclasses.replace(
        LAYOUTS[layout_name], repeat_header=False, grand_total_row=total_row
    )
    path = tmp_path / "plan.pdf"
    render_pdf(random_plan(seed), path, layout)
    with pdfplumber.open(path) as pdf:  # the case itself: one table row on the last page
        assert [len(t.rows) for t in pdf.pages[-1].find_tables()] == [1]
    check_round_trip(random_plan(seed), layout, path)


@pytest.mark.parametrize("seed", range(100, 116))
def test_random_layouts(seed: int, tmp_path: Path) -> None:
    layout = random_layout(seed)
    plan = seed_plan(seed, layout)
    try:
        render_pdf(plan, tmp_path / "probe.pdf", layout)
    except ValueError as exc:
        pytest.skip(f"layout does not fit the page: {exc}")
    check_round_trip(plan, layout, tmp_path / "plan.pdf")


# Layouts the layout sweep caught, written out so that they stay what they were when the
# sweep's random draws change; each with the random plan of the seed the sweep drew it for.
BORDERLESS = Layout(ruled=False, number_row="none")

STAGGERED = {
    241: dataclasses.replace(
        BORDERLESS,
        code_style="none",
        amount_style="rp",
        satuan_column=False,
        wrap_amounts=True,
        font_size=7.5,
        grand_total_position="first",
        header_rows=3,
        pagu_header="Pagu Indikatif (Rp)",
        next_header="Rencana Tahun {next}",
        page_numbers=True,
    ),
    248: dataclasses.replace(
        BORDERLESS,
        code_style="nomor",
        amount_style="rp_dot",
        satuan_column=False,
        page_size="F4",
        grand_total_row=True,
        header_rows=3,
        pagu_header="Pagu Indikatif (Rp)",
        page_numbers=True,
    ),
    282: dataclasses.replace(
        BORDERLESS,
        code_style="split5",
        amount_style="rp_dot",
        satuan_column=False,
        page_size="F4",
        font_size=6.5,
        grand_total_row=True,
        grand_total_position="first",
        header_rows=3,
        pagu_header="PAGU (RP)",
        next_header="Rencana Tahun {next}",
        page_numbers=True,
    ),
    319: dataclasses.replace(
        BORDERLESS,
        satuan_column=False,
        page_size="Legal",
        grand_total_position="first",
        header_rows=3,
        next_header="Rencana Tahun {next}",
    ),
    327: dataclasses.replace(
        BORDERLESS,
        code_style="split5",
        amount_style="rp_dot",
        wrap_amounts=True,
        grand_total_position="first",
        upper_headers=True,
        shading=True,
        page_numbers=True,
    ),
    189: dataclasses.replace(
        BORDERLESS,
        code_style="nomor",
        amount_style="rp",
        font_size=7.5,
        grand_total_row=True,
        grand_total_position="first",
        pagu_header="PAGU (RP)",
        upper_headers=True,
        shading=True,
        page_numbers=True,
    ),
    456: dataclasses.replace(
        BORDERLESS,
        code_style="nomor",
        amount_style="rp_dot",
        font_size=7.5,
        header_rows=3,
        page_numbers=True,
    ),
}


@pytest.mark.parametrize("seed", list(STAGGERED))
def test_borderless_header_labels_staggered_over_lines(seed: int, tmp_path: Path) -> None:
    """Caught by the layout sweep: without a number row, group headings ("Rencana Tahun
    2027") over labels wrapped onto different lines were taken for column labels."""
    layout = STAGGERED[seed]
    check_round_trip(seed_plan(seed, layout), layout, tmp_path / "p.pdf")


def test_borderless_total_row_first_under_a_header_without_numbers(tmp_path: Path) -> None:
    """Caught by the held-out layout sweep (seed 932): with no number row under the header, the
    grand-total row printed first (the agency's name, "Rp" on its own line above the wrapped
    amount) was taken for the last header line, and the stated total was lost."""
    layout = dataclasses.replace(
        BORDERLESS,
        code_style="none",
        amount_style="rp_newline",
        satuan_column=False,
        page_size="F4",
        wrap_amounts=True,
        font_size=6.5,
        grand_total_row=True,
        grand_total_position="first",
        pagu_header="PAGU (RP)",
    )
    check_round_trip(seed_plan(932, layout), layout, tmp_path / "p.pdf")


LETTER_SPACED = {
    882: dataclasses.replace(
        BORDERLESS,
        code_style="split5",
        amount_style="rp",
        page_size="Legal",
        header_rows=3,
        next_header="Rencana Tahun {next}",
        upper_headers=True,
        page_numbers=True,
    ),
    902: dataclasses.replace(
        BORDERLESS,
        code_style="glued",
        amount_style="rp_dot",
        font_size=7.5,
        grand_total_position="first",
        header_rows=3,
        pagu_header="Pagu Indikatif (Rp)",
        next_header="Rencana Tahun {next}",
        upper_headers=True,
        page_numbers=True,
    ),
}


@pytest.mark.parametrize("seed", list(LETTER_SPACED))
def test_borderless_letter_spaced_label_opening_with_i(seed: int, tmp_path: Path) -> None:
    """Caught by the held-out layout sweep: an upper-case label printed letter-spaced opens
    with a lone "I" ("I ND IK AT O R"), which was taken for a row numbered I, so that the
    header lost its upper lines and the indicator column."""
    layout = LETTER_SPACED[seed]
    check_round_trip(seed_plan(seed, layout), layout, tmp_path / "p.pdf")


TALL_HEADER = {
    548: dataclasses.replace(
        BORDERLESS,
        code_style="split5",
        amount_style="rp_newline",
        satuan_column=False,
        number_row="arabic",
        page_size="F4",
        font_size=7.5,
        header_rows=3,
        upper_headers=True,
    ),
    573: dataclasses.replace(
        BORDERLESS,
        code_style="glued",
        page_size="F4",
        font_size=6.5,
        grand_total_position="first",
        header_rows=3,
        pagu_header="Pagu Indikatif (Rp)",
        next_header="Rencana Tahun {next}",
    ),
}


@pytest.mark.parametrize("seed", list(TALL_HEADER))
def test_borderless_tall_header_and_indicator_rows_at_a_page_top(seed: int, tmp_path: Path) -> None:
    """Caught by the layout sweep: a letter-spaced three-row header ran to twelve lines, over
    the reader's former cap of ten, and lost its year headings (548); an indicator row at the
    top of a page ("... Perencanaan ... Tahun Berjalan | 356 | unit") was taken for a header
    row because its words hold header terms (573)."""
    layout = TALL_HEADER[seed]
    check_round_trip(seed_plan(seed, layout), layout, tmp_path / "p.pdf")
