"""Plans written as Word and Excel files and printed by LibreOffice (tests/synth/office.py), the
way most real Renja are made, and as a web page printed by Chromium (a SIPD print), read
exactly; and the generator's own promises (sums, text without space glyphs). Layouts the
reader does not handle yet are measured by tests/sweep_office.py."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from sweep_office import differences
from synth.office import (
    OfficeLayout,
    chromium,
    convert,
    office_layout,
    office_plan,
    write_source,
)

from extract.document import keeps_empty_lines
from renja.process import process_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
]

# Layouts read exactly today: ruled and coded, from both makers, in several fonts, page sizes,
# amount styles, with a grand total, with labels broken mid-word by narrow columns and with
# text without space glyphs.
EXACT = {
    "docx_grid_kode": (
        3,
        OfficeLayout(maker="docx", borders="grid", levels="kode", font="Arial", font_size=7.0),
    ),
    "docx_grid_split5_rp_f4": (
        8,
        OfficeLayout(
            maker="docx", borders="grid", levels="split5", amounts="rp_decimals", page="F4",
            font="Times New Roman", font_size=7.5, shading=True, grand_total="last",
        ),
    ),
    "xlsx_grid_kode_decimals": (
        5,
        OfficeLayout(
            maker="xlsx", borders="grid", levels="kode", amounts="decimals",
            font="Liberation Sans", font_size=8.0, number_row=False, satuan_column=False,
        ),
    ),
    # Text without space glyphs, where a line breaks after the slash of "Kabupaten/Kota": the
    # name is one word across the break (read as "Kabupaten/ Kota", status ok, before).
    "docx_spaceless_slash_break": (
        27,
        OfficeLayout(
            maker="docx", borders="grid", levels="roman_paren", amounts="decimals", page="F4",
            font="DejaVu Sans", font_size=7.5, grand_total="last", number_row=False,
            no_space_glyphs=True,
        ),
    ),
    # A portrait Renja Perubahan whose sub kegiatan row runs onto the next page: the rest of its
    # name and the unit of its target below the repeated header (lost, status ok, before).
    "docx_row_across_pages": (
        70,
        OfficeLayout(
            maker="docx", borders="grid", levels="roman_paren", amounts="rp", page="A4",
            landscape=False, font="Arial", font_size=6.5, narrow_headers=True, shading=True,
            perubahan=True, grand_total="first", number_row=False, satuan_column=False,
        ),
    ),
    # A node's indicators one under another in one cell of its ruled row, targets and units
    # so beside them: the indicators went out joined with no target (suspect) before. Here
    # a row runs over a page break (the next page's first row opens with the rest of the
    # first indicator), and some indicators have no target for the next year (their line in
    # that cell left empty: each value goes to the target level with it).
    "docx_stacked_indicators_grid": (556, replace(office_layout(556, "docx"),
                                                  stacked_indicators=True)),
    "docx_stacked_indicators_empty_targets": (576, replace(office_layout(576, "docx"),
                                                           stacked_indicators=True)),
    # The same with rules between rows only, read as a table without rules: each target
    # started a row, and an indicator that wrapped left its second line beside the next
    # target, so indicators and targets went out paired wrongly, status ok.
    "docx_stacked_indicators_row_rules": (595, replace(office_layout(595, "docx"),
                                                       stacked_indicators=True)),
    # A rule over each program's rows only, and a row cut by the page break: the rest of its
    # indicator stood on page 3 above the next row's first line, with no rule between them,
    # and was read as that row's first indicator, status ok.
    "docx_stacked_indicators_cut_under_group_rules": (
        615, replace(office_layout(615, "docx"), stacked_indicators=True, borders="groups"),
    ),
    # The same rules, and a program's amount printed on its subtotal row: the next page's
    # first box held the rest of the cut row (``Daerah``, a second indicator) over the
    # ``Jumlah`` row and its amounts, read as one row, the program's amounts lost.
    "docx_cut_row_and_subtotal_under_group_rules": (
        5815, replace(office_layout(5815, "docx"), borders="groups"),
    ),
    # A node's indicators one under another in one cell, the first wrapped to a line that
    # opens with a word the table's indicators open with, before a level (``... Kantor`` /
    # ``Tingkat Daerah``): parted there, it went out as the second indicator, status ok.
    "docx_indicator_rest_before_a_level": (
        5538, replace(office_layout(5538, "docx"), borders="groups"),
    ),
    # A rule over each program's rows only: a page's last program boxed in one ruled row
    # (nine codes one under another in its first cell, nine amounts in each amount cell) on a
    # page whose other rows are one a box. Read as one row, the program's kegiatan and sub
    # kegiatan were lost.
    "docx_group_rules_one_program_on_a_page": (
        5532, replace(office_layout(5532, "docx"), borders="groups"),
    ),
    # The same from a sheet, rows numbered ``IV`` / ``IV.1`` / ``IV.1.1``: a page's last
    # program boxed in one row lost its kegiatan and sub kegiatan.
    "xlsx_group_rules_one_program_on_a_page": (
        4967, replace(office_layout(4967, "xlsx"), borders="groups"),
    ),
    # The same rules on a Renja Perubahan: a rule under the labels of the target and pagu
    # columns only (``Sebelum`` / ``Sesudah``), so that the other labels' cells reach down
    # beside the page's one row; read as a ruled header, the row was lost (``No`` / ``12``).
    "docx_group_rules_header_boxed_with_a_row": (
        5529, replace(office_layout(5529, "docx"), borders="groups"),
    ),
    # The same rules: a page's one node and its three indicators' rows in one box, each row
    # set at its top, the first indicator wrapped and its target not; the target cells' own
    # lines said nothing, and the row was left unparted (suspect).
    "docx_group_rules_one_node_on_a_page": (
        5800, replace(office_layout(5800, "docx"), borders="groups"),
    ),
    # The same rules, levels by style alone, kegiatan shaded but not bold: a program's rows
    # boxed in one printed no code nor number to stack, only amounts (suspect).
    "docx_group_rules_style_levels_boxed": (
        5717, replace(office_layout(5717, "docx"), borders="groups", bold_kegiatan=False),
    ),
    # A Renja Perubahan (no lokasi column), levels by style alone, kegiatan shaded but not
    # bold: two styles for two levels that nothing but the sums told apart (suspect).
    "docx_perubahan_style_levels_plain_kegiatan": (
        5868, replace(office_layout(5868, "docx"), borders="horizontal", bold_kegiatan=False),
    ),
    # A sheet ruled round each program's rows, its rows set taller than their text: a gap
    # under a row ended the body, and the page lost all but its first program (suspect).
    "xlsx_group_rules_tall_rows_over_the_page": (
        1135, replace(office_layout(1135, "xlsx"), borders="groups", stacked_indicators=True),
    ),
    # A node's indicators one under another in one cell, columns ruled only, no space glyphs:
    # a page break cut the row after the first indicator's first line, and the next page read
    # the rest as two rows (the first indicator's last word beside the second's target, then
    # the last two indicators beside the last target). Read with the first alone, the cells
    # parted too, and each indicator after the first took the next one's target, status ok.
    # A rule under every row, the cells set at the middle of their rows (docx 8810) or at
    # their foot (xlsx 8689): a row's code and figures stand beside the middle or last line of
    # its name, under its first lines. Read as a table set at the top, each code opened a
    # row and the lines above it went to the row above (suspect). The rows are the bands
    # between the rules.
    "docx_ruled_rows_set_at_the_middle": (
        8810, replace(office_layout(8810, "docx"), valign="middle", borders="horizontal"),
    ),
    "xlsx_ruled_rows_set_at_the_foot": (
        8689, replace(office_layout(8689, "xlsx"), valign="bottom", borders="horizontal"),
    ),
    "docx_stacked_cut_row_rest_in_two_rows": (
        7972, replace(office_layout(7972, "docx"), stacked_indicators=True, borders="columns"),
    ),
}  # fmt: skip
if chromium():
    # A web page printed from a browser with its own header and footer (address and "1/2"),
    # horizontal rules only: the footer was read as a row (an unread number, suspect), and a
    # name that fills its cell, 2 mm from the indicator, lost its last word to it (status ok).
    EXACT["html_browser_footer_close_cells"] = (
        40,
        OfficeLayout(
            maker="html", borders="horizontal", levels="roman_paren", amounts="decimals",
            page="F4", font="Arial Narrow", font_size=8.0, narrow_headers=True, shading=True,
            subtotals="program_amount_on_subtotal", number_row=False,
            browser_header_footer=True,
        ),
    )  # fmt: skip
    # Rules over each program's rows and a node's indicators one under another in one cell,
    # printed by a browser. A row cut by the page break, whose next year's cell left the
    # first indicator's line empty; the next page, no rule between its rows, read the rest as
    # two rows, and with the first alone the two cells' values were paired in order: the
    # second indicator's next target went to the first, status ok.
    EXACT["html_stacked_cut_row_rest_in_two_rows"] = (
        1175, replace(office_layout(1175, "html"), stacked_indicators=True, borders="groups"),
    )  # fmt: skip
    # The same: the next page's first box held the rest of the cut row's last indicator over
    # the program's ``Jumlah`` row (both cells one line), read as one row (suspect).
    # Columns ruled only, under a header ruled as a grid: the next page's one box held the
    # rest of a cut row's name over the program's ``Jumlah`` row, in one name cell (suspect).
    EXACT["html_cut_name_over_a_subtotal_in_one_cell"] = (
        1367, replace(office_layout(1367, "html"), stacked_indicators=True, borders="columns"),
    )  # fmt: skip
    EXACT["html_stacked_cut_rest_over_a_subtotal"] = (
        1182, replace(office_layout(1182, "html"), stacked_indicators=True, borders="groups"),
    )  # fmt: skip
    # A rule under every row, each cell set at the foot of its row: a row's code and figures
    # stand beside its name's last line, under its first lines. Read as a table set at the
    # top, each code opened a row, and the name's first lines went to the row above, the
    # first row's to the header (status ok). The rows are the bands between the rules, the
    # first under the header's rule; on a last page of one row (7114), as on the pages before.
    EXACT["html_ruled_rows_set_at_the_foot"] = (
        7113, replace(office_layout(7113, "html"), valign="bottom", borders="horizontal"),
    )  # fmt: skip
    EXACT["html_ruled_rows_set_at_the_foot_last_page_one_row"] = (
        7114, replace(office_layout(7114, "html"), valign="bottom", borders="horizontal"),
    )  # fmt: skip

SPACELESS = OfficeLayout(maker="docx", levels="kode", no_space_glyphs=True, font="Arial Narrow")
# Horizontal rules only, no row of column numbers, units printed in the target cell: the
# indicator rows of a sub kegiatan are read as one row (seed 443 of the sweep).
FOLDED = OfficeLayout(
    maker="docx", borders="horizontal", levels="roman_dotted", amounts="rp", page="F4",
    font="Arial", font_size=6.5, shading=True, grand_total="first", number_row=False,
    satuan_column=False,
)  # fmt: skip


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, Path]]:
    """Every document of this module, printed by one LibreOffice run (its start is the cost)."""
    folder = tmp_path_factory.mktemp("office")
    jobs = {name: (office_plan(seed, layout), layout) for name, (seed, layout) in EXACT.items()}
    jobs["spaceless"] = (office_plan(4, SPACELESS), SPACELESS)
    jobs["folded"] = (office_plan(443, FOLDED), FOLDED)
    sources = {name: write_source(plan, folder / name, lay) for name, (plan, lay) in jobs.items()}
    pdfs = convert(list(sources.values()), folder)
    return {name: (jobs[name][0], pdf) for name, pdf in zip(sources, pdfs, strict=True)}


@pytest.mark.parametrize("name", sorted(EXACT))
def test_office_made_plan_is_read_exactly(name: str, printed: dict) -> None:
    plan, pdf = printed[name]
    result = process_pdf(pdf)
    assert differences(result, plan, EXACT[name][1]) == []
    assert result.status == "ok", result.reason


def test_text_without_space_glyphs_has_gaps_and_no_spaces(printed: dict) -> None:
    """The generator's promise for that case: no space character between the words of a name,
    only a gap as wide as a space, so a reader that joins glyphs by their codes glues them."""
    import pdfplumber

    plan, pdf = printed["spaceless"]
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages[1:] for c in page.chars]
    assert chars and not [c for c in chars if c["text"].isspace() or c["text"] == "\u200b"]
    line = "".join(c["text"] for c in chars)
    first = plan["nodes"][0]["nama"]
    assert first.replace(" ", "") in line
    # The gap after the first word of the name is a word gap, wider than the letters' own.
    word = first.split()[0]
    at = line.index(first.replace(" ", "")) + len(word)
    gap = chars[at]["x0"] - chars[at - 1]["x1"]
    assert gap > 1.0, gap
    inner = chars[at - 1]["x0"] - chars[at - 2]["x1"]
    assert abs(inner) < 0.5, inner


def test_perubahan_plan_adds_up_before_and_after_the_change() -> None:
    layout = OfficeLayout(perubahan=True, levels="roman_dotted")
    plan = office_plan(12, layout)
    nodes = plan["nodes"]
    for key in ("pagu", "pagu_before"):
        for level, child in (("kegiatan", "sub_kegiatan"), ("program", "kegiatan")):
            parent, total = None, 0
            for node in [*nodes, {"level": level, key: 0}]:
                if node["level"] == level:
                    assert parent is None or parent[key] == total
                    parent, total = node, 0
                elif node["level"] == child:
                    total += node[key]
    assert plan["total_pagu_before"] == sum(
        n["pagu_before"] for n in nodes if n["level"] == "program"
    )
    assert any(n["pagu"] != n["pagu_before"] for n in nodes)
    assert all(n["pagu_next"] is None for n in nodes)


def test_numbering_schemes_are_printed_as_the_truth_says() -> None:
    counted = office_plan(7, OfficeLayout(levels="counted"))
    subs = [n["nomor"] for n in counted["nodes"] if n["level"] == "sub_kegiatan"]
    assert subs == [str(i) for i in range(1, len(subs) + 1)]  # counted on through the table
    paren = office_plan(7, OfficeLayout(levels="roman_paren"))
    kinds = {n["level"]: n["nomor"] for n in paren["nodes"][:3]}
    assert kinds == {"program": "I", "kegiatan": "1", "sub_kegiatan": "(1)"}
    style = office_plan(7, OfficeLayout(levels="style", shading=True))
    assert {n["nomor"] for n in style["nodes"]} == {None}
    assert office_layout(7, "xlsx") == office_layout(7, "xlsx")  # a seed names one layout


def test_indicator_rows_set_close_without_rules_are_read_apart(
    printed: dict, tmp_path: Path
) -> None:
    """A sub kegiatan's indicator rows with no rules between them, each target printed with its
    unit (``1 org`` over ``2 kegiatan``): a number under another in its column starts a row, so
    each indicator is read with its own target, and the plan is exact and ``ok``. (Read as one
    row, the folded cell is a ``folded_rows`` doubt: tests/test_reading.py.)"""
    from renja.output import write_outputs

    plan, pdf = printed["folded"]
    result = process_pdf(pdf)
    assert differences(result, plan, FOLDED) == []
    [doc] = write_outputs([result], tmp_path)["documents"]
    assert doc["status"] == "ok"
    assert doc["coverage"]["numbers"]["unread"] == 0


def test_a_web_page_set_at_the_middle_with_no_gap_is_read_from_its_rows_middles(
    tmp_path: Path,
) -> None:
    """A web page's table without rules, its cells at the middle of their rows (the browser's
    default) and padded by a third of a millimetre: a row's code and figures stand beside the
    middle line of its name, and no gap parts the rows. Read from the top it went out wrong
    with status ``ok``, then ``suspect`` (``unparted_rows``); read from its rows' middles
    (``extract.stream._middle_rows``: each row ends as far under the line of its code as it
    starts over it, its cells centred there), the plan is exact and ``ok``."""
    layout = replace(office_layout(5932, "html"), borders="none", valign="middle")
    doc = _read_exactly("html", 5932, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def test_a_shaded_first_row_set_at_its_middle_under_the_header_is_the_first_row(
    tmp_path: Path,
) -> None:
    """A web page's table without rules, its cells at the middle of their rows, the program
    rows shaded (html 8517): the first program's name wraps, and its first line stands over
    the row's number, under the header's labels. It was read as the header's last line, the
    program lost (``suspect``, ``unparted_rows``). The row's fill starts above it: a band
    closed by the fill's edges that holds one row number is one row, so the line is the
    row's, and the plan is exact and ``ok``."""
    layout = replace(office_layout(8517, "html"), borders="none", valign="middle")
    doc = _read_exactly("html", 8517, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


@pytest.mark.parametrize(("maker", "seed"), [("html", 8556), ("docx", 10774), ("html", 8609)])
def test_a_first_row_set_at_its_middle_under_the_header_takes_its_first_line_back(
    maker: str, seed: int, tmp_path: Path
) -> None:
    """The same without shading, nothing but gaps between the rows (a web page numbered
    ``I`` / ``1`` / ``(1)``, a Word table coded): the first program's first line, in its name
    column alone, stands under the header's labels and over the row's code. Read as the
    header's, the row's name lost its first words (``BERMOTOR``) or the program was lost, and
    the page was in doubt (``unparted_rows``). Its texts centre on the code's line with that
    line and not without it, as every row of a table set at its middle does: it is the row's,
    and the plan is exact and ``ok``. So with two such lines (8609: a name of three lines and
    an indicator of two, their first lines over the row's number)."""
    layout = replace(office_layout(seed, maker), borders="none", valign="middle")
    doc = _read_exactly(maker, seed, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def test_a_table_ruled_under_every_row_with_levels_by_type_alone_is_read_by_its_bands(
    tmp_path: Path,
) -> None:
    """A Word table with a rule under every row, set at the middle of its rows, that prints
    neither kode nor row number: its levels show by bold type and shading alone (docx
    10816). The rows are the bands between the rules, as in a coded table; with no code to
    count per band, the amounts count (one a band at most). It was read as rows that the gaps
    part (``unparted_rows``, ``suspect``), though every value came out right."""
    layout = replace(office_layout(10816, "docx"), borders="horizontal", valign="middle")
    assert layout.levels == "style"
    doc = _read_exactly("docx", 10816, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def test_amounts_typed_with_their_dash_mark_their_rows_as_figures_do(tmp_path: Path) -> None:
    """A Word table without rules whose amounts are typed as many agencies type them,
    ``Rp. 9.935.699.000,-`` (docx 11009). The borderless reader did not take them for
    figures: the plan's ``JUMLAH`` row, its label and two totals, ran on into the last sub
    kegiatan's row, whose name took the label and whose amounts were lost (``suspect``)."""
    layout = replace(office_layout(11009, "docx"), amounts="rp_dash")
    assert layout.borders == "none"
    doc = _read_exactly("docx", 11009, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def test_a_ruled_first_row_set_at_its_middle_is_no_cut_rows_rest(tmp_path: Path) -> None:
    """A Word table ruled as a grid, set at the middle of its rows, its indicators listed in
    one cell (docx 11181): the first row of a continued page centres a name of two lines on
    its code and amounts, each line half a line over or under them, under a list of
    indicators that starts higher. Its cell of two lines that runs over and under the
    amounts' line, with none on it, shows the row set at its middle; at exactly half a line
    it was not counted, and the row was parted at its amounts as the rest of a row a page
    break cut: the node above took the name's first line and the indicators, with ``ok``."""
    layout = replace(office_layout(11181, "docx"), valign="middle", stacked_indicators=True)
    assert layout.borders == "grid"
    doc = _read_exactly("docx", 11181, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def test_values_listed_in_one_row_on_lines_a_leading_apart_and_more_are_in_doubt(
    tmp_path: Path,
) -> None:
    """A sheet without rules, set at the foot of its rows (xlsx 11033): a sub kegiatan's
    second indicator is a row of its own, its text at the row's foot, 9.6 points over the
    next kegiatan's row, whose texts stand as level as a single row's. Read as one row, the
    kegiatan listed two indicators, the first with the sub kegiatan's target, status ``ok``.
    A cell's lines stand one leading apart (7 points on that page): two listed values farther
    apart are two rows, and the page is in doubt."""
    _read_wrong_in_doubt("xlsx", 11033, "none", "bottom", tmp_path)


def test_rows_of_further_indicators_whose_node_the_order_leaves_open_are_in_doubt(
    tmp_path: Path,
) -> None:
    """A web page without rules set at the foot of its rows (html 7166), read from the foot up
    exactly: its further indicators' rows, read as their node's above, may as well be the
    node's below, whose cells merged over them would print its code on their last row; the
    order of its rows fits both (no run of them over a total's row nor at the table's end,
    none over a node whose name stands higher than its indicator). The document goes out
    ``suspect`` (``unparted_rows``, naming the page), read right."""
    layout = replace(office_layout(7166, "html"), borders="none", valign="bottom")
    doc = _read_exactly("html", 7166, layout, tmp_path)
    assert doc["status"] == "suspect"
    [doubt] = doc["reading_doubts"]
    assert doubt["check"] == "unparted_rows"
    assert "further indicators" in doubt["message"]


@pytest.mark.parametrize(
    ("maker", "seed", "borders"),
    [("docx", 9168, "columns"), ("html", 7581, "columns"), ("docx", 9315, "columns"),
     ("docx", 9556, "columns")],
)  # fmt: skip
def test_a_table_set_at_the_foot_read_from_the_top_shows_it_by_its_texts(
    maker: str, seed: int, borders: str, tmp_path: Path
) -> None:
    """Tables set at the foot of their rows with neither gap nor rule between rows: their
    lines stand level, and read from the top each row took the next one's first lines, with
    status ``ok``. The name cells show it (``extract.stream._names_run_together``): a cell
    holding two names, its second line's first word fitting on the line above (9168,
    ``Peningkatan Sarana dan Prasarana`` / ``Penyelenggaraan Dokumen ...``); an indicator
    cell holding more indicators than its row prints targets (7581). Where reading
    from the foot up does not hold either (``extract.stream._set_at_foot``), each goes out
    ``suspect`` (``unparted_rows``); so does a page whose header, found by its words with no
    rule under it, ends in a line printed in the name or indicator columns alone (9315: the
    first program's name's first lines went to the header, read from the foot up). A row
    as read that prints a location alone shows it too (9556, a node's indicators listed in
    one cell, a shaded row's edge over its location's first line; read from the foot up, the
    listed indicators may be the node above's: no padding tells)."""
    _read_wrong_in_doubt(maker, seed, borders, "bottom", tmp_path, stacked=seed == 9556)


@pytest.mark.parametrize(
    ("maker", "seed", "borders"),
    [("docx", 7849, "none"), ("docx", 9285, "vertical"), ("xlsx", 8917, "groups"),
     ("docx", 9377, "vertical"), ("docx", 9325, "columns"), ("html", 8005, "none"),
     ("html", 8006, "none"), ("docx", 10043, "none")],
)  # fmt: skip
def test_a_table_set_at_the_foot_with_no_gap_is_read_from_the_foot_up(
    maker: str, seed: int, borders: str, tmp_path: Path
) -> None:
    """Tables set at the foot of their rows with neither gap nor rule between rows, read from
    the top with a row's first lines in the row above (``suspect`` since the name or indicator
    cells showed it), are read from the foot up (``extract.stream._foot_rows``): every row ends
    level on the line of its code, and no cell runs two rows together. The plans are exact and
    ``ok``: a program's name's first line no longer a program of its own (7849), a row's
    name no longer opening with the rest of the name above (9285, ``... Masyarakat dan`` /
    ``Lembaga Kerja Sama Bipartit``), a row of name lines alone no longer taken for the rest
    of the name above (8917), an indicator cell no longer holding two (9377); and in narrow
    target columns, a unit wrapped under its figure (``2.934`` / ``Dokumen``) no longer opens
    the row below (9325, ``extract.stream._units_up``). A web page's rows padded apart by
    less than a gap show it where a cell's lines stand nearer than the rows, one over its
    code's line (8005: an indicator's first line read as a row of its own, ``ok``,
    before); a row's line that printed an indicator's first words, as two pages of four
    print them at one height in their foot, is no running foot (8006: dropped, ``ok``). The
    rest of a program's name that a page break cut, in capitals, over the next kegiatan's
    name is no part of it (10043: ``extract.paragraphs``, a name keeps its case)."""
    layout = replace(office_layout(seed, maker), borders=borders, valign="bottom")
    doc = _read_exactly(maker, seed, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")
    assert doc["coverage"]["numbers"]["unread"] == 0


@pytest.mark.parametrize("seed", [9862, 9865, 9872, 9878, 9986])
def test_a_sheet_set_at_the_foot_with_indicators_listed_in_one_cell_is_read_exactly(
    seed: int, tmp_path: Path
) -> None:
    """Sheets without rules, set at the foot of their rows (a sheet's cells are unless told
    otherwise), a node's indicators one under another in one cell and its targets so beside
    them: the first indicator's line, with its target, stands over the node's code in the
    row, which the row's padding parts from the rows around it. Read from the top, that line
    was a further indicator's row of the node above, with status ``ok`` (10 of 29 sheets of
    seeds 9855-9884 so). A row the gaps part that opens with figures and prints its code
    lower shows the table set off the top (``extract.stream._set_off_the_top``); the row's
    targets under its first stay in it, and the page after, set alike, is read so too: the
    plans are exact and ``ok``. In a table with no code nor number, the node's amount stands
    where its code would (9872). One such row is enough where its lines stand one pitch apart
    while the rows are padded further (9986: the page's only one). Read from the foot up,
    the listed indicators over the code are a row of further indicators, which the node above
    may have; lines one pitch apart, and from the code's line, are one cell's
    (``_listed_in_one_cell``), their targets paired from the foot up, where the next year's
    cell leaves an indicator's line empty (9878: read as the node above's, ``ok``, before;
    9986: ``\n271``, the second indicator's), as an office program prints a cell's empty
    lines as typed (``RawTable.empty_lines_kept``, from the PDF's maker)."""
    layout = replace(
        office_layout(seed, "xlsx"), borders="none", valign="bottom", stacked_indicators=True
    )
    doc = _read_exactly("xlsx", seed, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def test_a_web_pages_target_cell_of_fewer_lines_at_a_rows_foot_is_in_doubt(
    tmp_path: Path,
) -> None:
    """A node's indicators listed in one cell, their targets so beside them, each row set at
    its foot (html 8295, ruled in a grid); a next year's cell that leaves an indicator out
    holds fewer values, set at the foot too. A browser drops a line break that ends a cell:
    ``1477<br><br>``, the first indicator's, printed level with the second, was read as the
    second's, ``ok`` (10 of 28 web pages of seeds 8295-8324, 12 of 28 of 8325-8354). Where the
    PDF's maker is no office program, which prints a cell's empty lines as typed, such a cell's
    values are given by height only where its first stands level with the first indicator's:
    here the row's targets are read as none and reported (``folded_rows``), ``suspect``, and
    no target is given to another indicator."""
    from renja.output import write_outputs

    if chromium() is None:
        pytest.skip("Chromium is not installed")
    layout = replace(
        office_layout(8295, "html"), borders="grid", valign="bottom", stacked_indicators=True
    )
    plan = office_plan(8295, layout)
    [pdf] = convert([write_source(plan, tmp_path / "html_8295", layout)], tmp_path)
    result = process_pdf(pdf)
    wrong = differences(result, plan, layout)
    assert wrong and all(": target None != " in d for d in wrong)
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    folded = [d for d in doc["reading_doubts"] if d["check"] == "folded_rows"]
    assert folded


@pytest.mark.parametrize(
    ("metadata", "kept"),
    [
        ({"Creator": "Microsoft® Word 2019", "Producer": "Microsoft® Word 2019"}, True),
        ({"Creator": "Excel", "Producer": "macOS Version 14.6.1 Quartz PDFContext"}, True),
        ({"Creator": "Calc", "Producer": "LibreOffice 7.4"}, True),
        ({"Creator": "Mozilla/5.0 ... Chrome/93.0.4577.82 Safari/537.36", "Producer": "Skia/PDF"},
         False),
        ({"Producer": "iLovePDF"}, False),  # rewritten: the maker is not named
        ({"Creator": "PDFium", "Producer": "PDFium"}, False),
        ({}, False),
    ],
)  # fmt: skip
def test_a_pdfs_maker_tells_whether_a_cells_empty_lines_are_printed(
    metadata: dict, kept: bool
) -> None:
    """The makers of the documents in ``../shared/real`` and the sample: an office program
    prints a cell's lines as typed, a browser drops a line break that ends a cell, and a
    document whose maker is not named may be either."""
    assert keeps_empty_lines(metadata) is kept


@pytest.mark.parametrize("seed", [10387, 10393, 10553])
def test_a_sheet_set_at_the_middle_with_indicators_listed_in_one_cell_is_read_exactly(
    seed: int, tmp_path: Path
) -> None:
    """A node's indicators listed in one cell, their targets so beside them, each row set at
    its middle; a target cell that Excel shrinks to fit sets its lines closer than the
    indicators' (5.3 pt type, 5.8 pt apart, against 7 pt), so that only their middles stand
    level. A cell of as many values gives them in order; a next year's cell that leaves an
    indicator's line empty holds as many lines, its values level with their own indicator's
    target (10393: ``15`` over two empty lines, the first's; 10387: two values of three), and
    is read so (``transform.rows._centred``); the row was read as one, its targets as none
    (``suspect``). The closely set lines are each one line's words to the checks of the
    reading too (``extract.parsed.page_words``): their figures were counted as printed in no
    row (10387: ``suspect``, now ``ok``; 10393, without rules, stays so by ``unparted_rows``).
    A row so set whose next year's cell shows two values under an empty line, the first on
    the amounts' line, was parted there as a row of its own under the rest of one a page break
    cut, though the indicators' cell runs on over and under that line (10553, the page's
    first row: its first indicator went to the page before's last node, ``ok``;
    ``extract.tables._rest_above``)."""
    layout = replace(office_layout(seed, "xlsx"), valign="middle", stacked_indicators=True)
    doc = _read_exactly("xlsx", seed, layout, tmp_path)
    assert doc["coverage"]["numbers"]["unread"] == 0
    if layout.borders != "none":
        assert doc["status"] == "ok", doc.get("reading_doubts")


def test_a_name_a_page_break_cut_after_its_slash_is_in_doubt(tmp_path: Path) -> None:
    """A Word table without space glyphs, set at the middle: a page break cut a name after the
    slash of ``Kabupaten/Kota``, its rest atop the next page. Joined as two words with nothing
    to tell whether a space stood there, it went out with status ``ok``; as a line so broken
    on one page, it is now reported (``slash_breaks``), and the rest of the plan is exact."""
    from renja.output import write_outputs

    layout = replace(office_layout(10141, "docx"), borders="none", valign="middle")
    plan = office_plan(10141, layout)
    [pdf] = convert([write_source(plan, tmp_path / "docx_10141", layout)], tmp_path)
    result = process_pdf(pdf)
    [found] = differences(result, plan, layout)  # the name, as read
    assert "Kabupaten/ Kota" in str(found)
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    assert [d["check"] for d in doc["reading_doubts"]] == ["slash_breaks"]


@pytest.mark.parametrize("seed", [10188, 10208])
def test_a_word_table_whose_rows_of_one_line_stand_taller_is_read_from_the_top(
    seed: int, tmp_path: Path
) -> None:
    """Word tables set at the top, without rules, whose rows of one line stand taller than
    their text (an empty cell holding a paragraph of a larger type) while rows of more lines
    touch the next: a further indicator's wrapped line stands one pitch over the next code.
    Rows padded apart would make it that code's row's first line; these are not (a code's
    line is followed one pitch under by its own wrapped name), and the plans stay exact and
    ``ok`` (taken as padded, they were read as set off the top: ``suspect``, names wrong)."""
    layout = office_layout(seed, "docx")
    assert layout.valign == "top" and layout.borders == "none"
    doc = _read_exactly("docx", seed, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


def _read_exactly(maker: str, seed: int, layout: OfficeLayout, tmp_path: Path) -> dict:
    """The seed's plan so laid out, read exactly: the document's summary entry."""
    from renja.output import write_outputs

    if maker == "html" and chromium() is None:
        pytest.skip("Chromium is not installed")
    plan = office_plan(seed, layout)
    [pdf] = convert([write_source(plan, tmp_path / f"{maker}_{seed}", layout)], tmp_path)
    result = process_pdf(pdf)
    assert differences(result, plan, layout) == []
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    return doc


def _read_wrong_in_doubt(
    maker: str, seed: int, borders: str, valign: str, tmp_path: Path, stacked: bool = False
) -> None:
    """The seed's layout so ruled and set (its indicators listed in one cell, ``stacked``),
    read wrong and ``suspect`` by ``unparted_rows``."""
    from renja.output import write_outputs

    if maker == "html" and chromium() is None:
        pytest.skip("Chromium is not installed")
    layout = replace(
        office_layout(seed, maker), borders=borders, valign=valign, stacked_indicators=stacked
    )
    plan = office_plan(seed, layout)
    [pdf] = convert([write_source(plan, tmp_path / f"{maker}_{seed}", layout)], tmp_path)
    result = process_pdf(pdf)
    assert differences(result, plan, layout) != []  # what the doubt is about
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    assert {d["check"] for d in doc["reading_doubts"]} >= {"unparted_rows"}


@pytest.mark.parametrize("seed", [8427, 8483])
def test_a_sheet_set_at_the_middle_of_its_rows_whose_rows_stand_level_is_ok(
    seed: int, tmp_path: Path
) -> None:
    """Sheets without rules, their cells at the middle of their rows: nothing parts the rows
    but where their texts stand, and every row as read centres its cells' texts on one
    height (within 0.1 point), which a row that took the next one's first line would not
    (``extract.stream._aligned_rows``): under a row of column numbers (8427) the plan is
    exact and ``ok``, where it went out ``suspect`` (``unparted_rows``). Under a header found
    by its words (8483) the first page kept the doubt (the first row's first lines may have
    gone to the header); read again from its rows' middles (``extract.stream._middle_rows``),
    the first row too centres its cells on its number's line, as it would not had the header
    taken a line of it, and it goes out ``ok``. In 8483, set in 4.9 point type, a one-line
    cell centred beside a name of two lines stands 2.7 points from each, and pdfplumber's 3
    point tolerance had run the three lines' glyphs into one (``M o n i t oring``): it is
    read exactly."""
    layout = replace(office_layout(seed, "xlsx"), borders="none", valign="middle")
    doc = _read_exactly("xlsx", seed, layout, tmp_path)
    assert doc["status"] == "ok", doc.get("reading_doubts")


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf missing")
@pytest.mark.parametrize(
    ("maker", "seed", "mark"),
    [("html", 6101, "block"), ("xlsx", 6213, "block"), ("docx", 7452, "block"),
     ("html", 5874, "signed"), ("html", 5877, "signed")],
)  # fmt: skip
def test_a_signature_under_a_table_without_rules_is_no_part_of_it(
    maker: str, seed: int, mark: str, tmp_path: Path
) -> None:
    """The head of the agency's signature block under the last table (place and date, office,
    name, NIP), as a Renja is signed off, from a web page, a sheet and a Word table without
    rules: the date's day and the NIP's digits were counted as numbers printed in the table
    in no output row, and these documents (with 13 of 29 web pages, 24 of 30 sheets and 28 of
    29 Word documents so signed) went out ``suspect``. An electronic signature's note in the
    foot of a one-page table, where no running foot can be told, went into the last row's
    name (5877) or took its row (5874), with status ``ok``. The table ends where its sign-off
    starts: exact, ``ok``, every number of the table accounted for."""
    from synth.endorsed import endorsed
    from synth.signed import signed

    from renja.output import write_outputs

    if maker == "html" and chromium() is None:
        pytest.skip("Chromium is not installed")
    layout = replace(office_layout(seed, maker), borders="none")
    plan = office_plan(seed, layout)
    [pdf] = convert([write_source(plan, tmp_path / f"{maker}_{seed}", layout)], tmp_path)
    if mark == "block":
        made = endorsed(pdf, tmp_path / "signed-off.pdf")
        assert (tmp_path / "block-signed-off.pdf").exists()  # the block fitted under the table
    else:
        made = signed(pdf, tmp_path / "signed.pdf")
    result = process_pdf(made)
    assert differences(result, plan, layout) == []
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "ok", doc.get("first_reason")
    assert doc["coverage"]["numbers"]["unread"] == 0


@pytest.mark.parametrize("seed", [6452, 6455])
def test_amounts_in_excels_accounting_format_are_read_with_their_sign(
    seed: int, tmp_path: Path
) -> None:
    """A sheet that stores its amounts as numbers in Excel's accounting format prints "Rp" at
    the left edge of each amount's cell and the number at its right. Without rules between
    the columns, the sign went into the target on its left, every unit read ``% Rp``, with
    status ``ok``: both these layouts. The sign goes with its amount, and the plan is exact."""
    layout = replace(office_layout(seed, "xlsx"), amounts="accounting")
    plan = office_plan(seed, layout)
    [pdf] = convert([write_source(plan, tmp_path / f"xlsx_{seed}", layout)], tmp_path)
    assert differences(process_pdf(pdf), plan, layout) == []


@pytest.mark.parametrize(
    ("number_format", "width", "printed"), [(None, 0.55, "###"), ("General", 0.3, "E+")]
)
def test_amounts_a_sheet_could_not_print_make_the_document_suspect(
    number_format: str | None, width: float, printed: str, tmp_path: Path
) -> None:
    """A sheet whose amount columns are too narrow for their numbers prints ``###`` in their
    place (a number format such as Excel's accounting one), or the number rounded to a power
    of ten (``3E+09``, the General format), and its PDF does not hold those amounts. They went
    out empty and the document ``ok`` (only the ``unreadable_amounts`` warning); it is
    ``suspect`` by the reading doubt ``unprinted_values``, and the raw text says what was
    printed."""
    from openpyxl import load_workbook

    from renja.output import write_outputs

    layout = replace(office_layout(6453, "xlsx"), amounts="accounting")
    plan = office_plan(6453, layout)
    source = write_source(plan, tmp_path / "xlsx_6453", layout)
    book = load_workbook(source)
    sheet = book.active
    assert sheet is not None
    amounts = [c for row in sheet.iter_rows() for c in row if type(c.value) is int]
    for cell in amounts:
        cell.number_format = number_format or cell.number_format
    for letter in {c.column_letter for c in amounts}:  # the amount columns, narrowed
        sheet.column_dimensions[letter].width *= width
    book.save(source)
    [pdf] = convert([source], tmp_path)
    result = process_pdf(pdf)
    raws = list(result.frames["budgets"]["amount_raw"])
    assert sum(printed in raw for raw in raws) > len(raws) / 2  # the smaller numbers still fit
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    assert "unprinted_values" in {d["check"] for d in doc["reading_doubts"]}


def test_a_sheets_cell_clipped_against_the_next_is_parted_from_it(tmp_path: Path) -> None:
    """A sheet printed with wrap off clips a long name at its cell's edge, against the
    indicator's text: the two touch, and ``Kependidikan`` and ``Jumlah`` were read as one word
    in the name, the indicator short of its first word, with status ``ok``. They are parted at
    the column edge. (Clipped names go out as printed, cut.)"""
    from openpyxl import load_workbook
    from openpyxl.styles import Alignment

    layout = office_layout(6455, "xlsx")
    plan = office_plan(6455, layout)
    source = write_source(plan, tmp_path / "xlsx_6455", layout)
    book = load_workbook(source)
    sheet = book.active
    assert sheet is not None
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 30:
                was = cell.alignment
                cell.alignment = Alignment(was.horizontal, was.vertical, wrap_text=False)
    book.save(source)
    [pdf] = convert([source], tmp_path)
    frames = process_pdf(pdf).frames
    programs, indicators = frames["programs"], frames["indicators"]
    [name] = programs.loc[programs["kode"] == "1.01.02.2.01.0004", "nama"]
    assert name.endswith("dan Tenaga Kependidikan")
    texts = set(indicators.loc[indicators["kode"] == "1.01.02.2.01.0004", "indikator"])
    assert texts == {"Jumlah Orang yang Difasilitasi dalam Sistem Informasi & Pelaporan"}


def test_a_cut_that_leaves_a_word_printed_only_as_a_longer_words_start_is_in_doubt(
    tmp_path: Path,
) -> None:
    """xlsx 7907 printed with wrap off runs no text over a rule, and cuts an indicator at its
    cell's edge after ``... di Lingkungan Perangka``: a stem of the word list (``pe`` +
    ``rangka``), so it went out as read with status ``ok``. The document prints ``Perangka``
    nowhere else, and ``Perangkat`` in other texts: a word's first letters."""
    from renja.output import write_outputs

    layout = replace(office_layout(7907, "xlsx"), borders="grid", wrap=False)
    plan = office_plan(7907, layout)
    [pdf] = convert([write_source(plan, tmp_path / "xlsx_7907", layout)], tmp_path)
    result = process_pdf(pdf)
    indicators = result.frames["indicators"]
    cut = indicators[indicators["indikator"].fillna("").str.endswith("Lingkungan Perangka")]
    [node] = set(cut["node_id"])  # its target and its prakiraan maju rows
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    doubted = {n for d in doc["reading_doubts"] if d["check"] == "cut_texts" for n in d["node_ids"]}
    assert node in doubted


@pytest.mark.parametrize(("seed", "ending"), [(8083, "Daerah Berbasis"), (8610, "Perangkat Da")])
def test_a_text_the_sheet_cuts_beside_a_centred_column_is_in_doubt(
    seed: int, ending: str, tmp_path: Path
) -> None:
    """xlsx 8083 printed with wrap off, ruled between rows only: an indicator cut between two
    words (``... Perangkat Daerah Berbasis`` for ``... Berbasis Masyarakat``) beside a
    centred target, far from its text, went out as read with status ``ok``. The PDF draws
    the indicator under a clip that its glyphs cross: a cut, whatever its words. xlsx 8610,
    without rules, draws no clip: it leaves out the glyphs that do not fit whole (``...
    Perangkat Da``), and the cut text ends where its column's text reaches furthest
    (``extract.stream._at_reach``), inside a word."""
    from renja.output import write_outputs

    layout = replace(office_layout(seed, "xlsx"), wrap=False)
    plan = office_plan(seed, layout)
    [pdf] = convert([write_source(plan, tmp_path / f"xlsx_{seed}", layout)], tmp_path)
    result = process_pdf(pdf)
    indicators = result.frames["indicators"]
    cut = indicators[indicators["indikator"].fillna("").str.endswith(ending)]
    [node] = set(cut["node_id"])
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    doubted = {n for d in doc["reading_doubts"] if d["check"] == "cut_texts" for n in d["node_ids"]}
    assert node in doubted


def test_a_sheets_text_run_on_over_empty_cells_is_its_own_cells(tmp_path: Path) -> None:
    """A ruled sheet printed with wrap off lets a text too long for its cell run on over the
    next cells while they are empty: the rule cut ``Kabupaten/Kota`` into an indicator
    ``... Kabupaten/K`` and a lokasi ``ota``, with status ``ok``. The run is read in the cell
    it starts in. A text the sheet cut at its cell's edge, where the next cell holds text
    (``... Kantor Ting`` for ``... Kantor Tingkat Kecamatan``), is not in the PDF: its node is
    named by the reading doubt ``cut_texts``, and the document is ``suspect``."""
    from renja.output import write_outputs

    layout = replace(office_layout(6455, "xlsx"), borders="grid", wrap=False)
    plan = office_plan(6455, layout)
    [pdf] = convert([write_source(plan, tmp_path / "xlsx_6455", layout)], tmp_path)
    result = process_pdf(pdf)
    indicators = result.frames["indicators"]
    ran_on = indicators[indicators["kode"] == "1.01.02.2.01.0003"]
    assert set(ran_on["indikator"]) >= {
        "Jumlah Orang yang Mengikuti Pendidik dan Tenaga Kependidikan Kabupaten/Kota"
    }
    assert "ota" not in set(indicators["lokasi"].dropna())
    [cut_row] = set(
        indicators.loc[indicators["kode"] == "1.01.02.2.02.0005", "indikator"].dropna()
    ) - {"Jumlah Unit Gaji dan Tunjangan ASN Tingkat Kecamatan"}
    assert cut_row.endswith("Kantor Ting")  # as printed: the rest is not in the PDF
    [doc] = write_outputs([result], tmp_path / "out")["documents"]
    assert doc["status"] == "suspect"
    doubted = {n for d in doc["reading_doubts"] if d["check"] == "cut_texts" for n in d["node_ids"]}
    cut_node = indicators.loc[indicators["kode"] == "1.01.02.2.02.0005", "node_id"].iloc[0]
    assert cut_node in doubted
    # the sheet cuts its locations too ("Kota Tangerang Se"): every node is doubted
    assert doubted == set(indicators.loc[indicators["lokasi"].notna(), "node_id"])
    # every difference from the plan is the cut text's
    assert all("1.01.02.2.02.0005" in line for line in differences(result, plan, layout))
    # Sheets with wrap on run no text over a rule, and cut none. A wrapped line keeps its
    # last space, which may cross the rule and touch the next cell's text (xlsx 7009: the
    # lokasi "Kota Malang" was read into the indicator): a text that wraps is its cell's own.
    for seed in (6455, 7009):
        wrapped = replace(office_layout(seed, "xlsx"), borders="grid")
        plan = office_plan(seed, wrapped)
        [pdf] = convert([write_source(plan, tmp_path / f"wrapped_{seed}", wrapped)], tmp_path)
        result = process_pdf(pdf)
        assert differences(result, plan, wrapped) == []
        [doc] = write_outputs([result], tmp_path / f"out_{seed}")["documents"]
        assert doc["status"] == "ok"
