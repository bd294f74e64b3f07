"""The reading checks: a doubtful reading is `suspect`, never `ok`, and a sound one is not.

Mutations of the sample and of the dev real documents (a page of the table removed with qpdf;
their own text edited in its content streams, tests/pdf_text.py: names without spaces, the
caption's year changed, the numbering flattened) and of a rendered plan must come out suspect,
naming the check and page, unless the reader sees through them (words placed by position
only, levels that show in the rows' shading): those are read as the document itself. The
documents themselves stay ok or invalid, with every printed amount of the plan table read.
"""

from __future__ import annotations

import copy
import dataclasses
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from conftest import REAL, SAMPLE
from synth.generator import LAYOUTS, random_plan, render_pdf

from extract.coverage import PrintedValue, _amount_words, _numbers
from extract.model import Cell, RawTable
from renja.reading import _further_unplaced, _merged_fits, _unknown_columns
from renja.status import document_status, explain_failures, first_reason, reading_checks
from transform.headers import map_header
from transform.reading import (
    account,
    bare_nodes,
    carried_numbers,
    collapsed_levels,
    columns_not_understood,
    folded_rows,
    glued_names,
    other_grouping,
    page_continuity,
    plan_year_doubts,
    read_numbers,
    read_values,
    unprinted_values,
    unsure_names,
)
from transform.rows import LogicalTable, Segment

SUMUT = REAL / "sumut-dp3akb-renja-2023.pdf"
KALTIM = REAL / "kaltim-pupr-bikon-renja.pdf"


def _nodes(rows: list[tuple[str, str, str | None, str | None, int, int]]) -> tuple[
    pd.DataFrame, pd.DataFrame
]:  # fmt: skip
    """programs and budgets frames from (node_id, level, parent_id, nomor, page, amount)."""
    programs = pd.DataFrame(
        [
            {
                "node_id": n,
                "level": lv,
                "parent_id": p,
                "nomor": no,
                "kode": None,
                "nama": f"nama {n}",
                "page": pg,
            }  # fmt: skip
            for n, lv, p, no, pg, _ in rows
        ]
    )
    budgets = pd.DataFrame(
        [
            {
                "node_id": n,
                "table_kind": "rumusan",
                "jenis": "pagu_indikatif",
                "amount": Decimal(a),
            }  # fmt: skip
            for n, _, _, _, _, a in rows
        ]
    )
    return programs, budgets


def test_an_amount_broken_over_two_lines_is_one_printed_value() -> None:
    words = [
        {"text": "1.250.", "x0": 500.0, "top": 100.0, "x1": 530.0, "bottom": 108.0},
        {"text": "000", "x0": 505.0, "top": 109.0, "x1": 520.0, "bottom": 117.0},
        {"text": "2.730.000.000", "x0": 600.0, "top": 100.0, "x1": 650.0, "bottom": 108.0},
        {"text": "2023", "x0": 300.0, "top": 50.0, "x1": 320.0, "bottom": 58.0},
        {"text": "12", "x0": 300.0, "top": 60.0, "x1": 310.0, "bottom": 68.0},
    ]
    found = _amount_words(words)
    assert [(w["text"], w["top"], w["bottom"]) for w in found] == [
        ("1.250.000", 100.0, 117.0),
        ("2.730.000.000", 100.0, 108.0),
    ]


def _word(text: str, x0: float, top: float) -> dict:
    return {"text": text, "x0": x0, "top": top, "x1": x0 + 6 * len(text), "bottom": top + 8}


def test_numbers_are_told_from_column_numbers_years_and_amounts() -> None:
    words = [
        *(_word(f"({n})", 40.0 * n, 50.0) for n in range(1, 8)),  # the column-number row
        _word("2023", 100, 70),  # a year
        _word("1.250.", 500, 100),  # an amount broken over two lines
        _word("000", 505, 109),
        _word("12", 300, 100),  # targets
        _word("85,5%", 340, 100),
        _word("3", 200, 120),  # a number inside a name
        _word("Dokumen", 220, 120),
        _word("7", 40, 140),  # a row number alone on its line
    ]
    assert [(v.text, v.top) for v in _numbers(4, words)] == [
        ("12", 100), ("85,5%", 100), ("3", 120), ("7", 140)
    ]  # fmt: skip
    # three numbers on a line that do not rise are targets, not column numbers
    row = [_word("5", 100, 200), _word("3", 200, 200), _word("9", 300, 200)]
    assert [v.text for v in _numbers(4, row)] == ["5", "3", "9"]


def test_a_printed_number_is_read_when_an_output_row_of_its_page_holds_it() -> None:
    frames = {
        "programs": pd.DataFrame(
            {
                "nama": ["Pembangunan 3 Unit"],
                "kode": ["1.02.01"],
                "nomor": ["I.1"],
                "penanggung_jawab": [None],
                "page": [4],
            }  # fmt: skip
        ),
        "indicators": pd.DataFrame(
            {
                "table_kind": ["rumusan", "review"],
                "indikator": ["Persentase", "x"],
                "satuan": ["%", "%"],
                "lokasi": [None, None],
                "target_raw": ["85,5%", "12"],
                "page": [4, 4],
            }  # fmt: skip
        ),
        "budgets": pd.DataFrame(
            {
                "table_kind": ["rumusan"],
                "amount_raw": ["500.000"],
                "sumber_dana": ["DAK"],
                "page": [4],
            }  # fmt: skip
        ),
    }
    printed = [PrintedValue(4, 0, 10 * i, 5, 10 * i + 8, t)
               for i, t in enumerate(["3", "85,5", "12", "500.000", "02", "3"])]  # fmt: skip
    coverage = account(printed, read_numbers(frames), [4], "number in no output row")
    # "12" is a target of another table, the second "3" printed once more than read
    assert [(u["text"], u["top"], u["reason"]) for u in coverage.unread] == [
        ("12", 20, "number in no output row"), ("3", 50, "number in no output row")
    ]  # fmt: skip
    assert coverage.figures() == {"printed": 6, "read": 4, "unread": 2}


def test_the_rest_of_a_name_cut_by_a_page_break_is_read_on_the_next_page() -> None:
    """A name that a page break cut (``... Berbahaya dan Beracun`` / ``(B3)``) keeps its first
    page; the number printed at the top of the next page is read by it. Only a name's or an
    indicator's words carry over, only to the next page, and only those no value of their own
    page takes."""
    frames = {
        "programs": pd.DataFrame(
            {
                "nama": ["Pengelolaan Limbah Bahan Berbahaya dan Beracun (B3)"],
                "kode": [None],
                "nomor": ["I.1"],
                "penanggung_jawab": [None],
                "page": [3],
            }  # fmt: skip
        ),
        "indicators": pd.DataFrame(
            columns=["table_kind", "indikator", "satuan", "lokasi", "target_raw", "page"]
        ),
        "budgets": pd.DataFrame(
            {
                "table_kind": ["rumusan"],
                "amount_raw": ["500.000"],
                "sumber_dana": [None],
                "page": [3],
            }  # fmt: skip
        ),
    }
    read, carried = read_numbers(frames), carried_numbers(frames)
    assert carried == [(3, "(B3)")]
    cut = [PrintedValue(4, 0, 10, 5, 18, "(B3)")]
    assert account(cut, read, [3, 4], carried=carried).unread == []
    # two pages on, or with nothing carried (an amount's words do not carry), it is unread
    later = [PrintedValue(5, 0, 10, 5, 18, "(B3)")]
    assert len(account(later, read, [3, 4, 5], carried=carried).unread) == 1
    assert len(account(cut, read, [3, 4]).unread) == 1
    amount = [PrintedValue(4, 0, 10, 5, 18, "500.000")]
    assert len(account(amount, read, [3, 4], carried=carried).unread) == 1
    # printed on its own page as well, the word is taken there first
    both = [PrintedValue(3, 0, 10, 5, 18, "(B3)"), *cut]
    assert len(account(both, read, [3, 4], carried=carried).unread) == 1


def test_a_target_or_amount_whose_value_is_not_read_leaves_its_numbers_unread() -> None:
    """A target cell that printed the values of three rows (``19 Dokumen 2 org 21 Laporan``)
    gives no target: its raw text is kept, but the numbers it prints are in no output value,
    so they count as unread; so does an amount whose cell gave no value. A read target or
    amount accounts for its numbers."""
    frames = {
        "programs": pd.DataFrame(columns=["nama", "kode", "nomor", "penanggung_jawab", "page"]),
        "indicators": pd.DataFrame(
            {
                "table_kind": ["rumusan", "rumusan"],
                "indikator": ["Jumlah Dokumen", "Jumlah Laporan"],
                "satuan": [None, "Laporan"],
                "lokasi": [None, None],
                "target": [None, 21.0],
                "target_raw": ["19 Dokumen 2 org 21 Laporan", "21 Laporan"],
                "page": [2, 2],
            }  # fmt: skip
        ),
        "budgets": pd.DataFrame(
            {
                "table_kind": ["rumusan", "rumusan"],
                "amount": [None, Decimal(500_000)],
                "amount_raw": ["1.250.000 2.500.000", "500.000"],
                "sumber_dana": [None, None],
                "page": [2, 2],
            }  # fmt: skip
        ),
    }
    assert sorted(w for _, w in read_numbers(frames)) == ["21", "500.000"]
    assert read_values(frames["budgets"]) == [(2, "500.000")]
    printed = [PrintedValue(2, 0, 10 * i, 5, 10 * i + 8, t)
               for i, t in enumerate(["19", "2", "21", "21"])]  # fmt: skip
    coverage = account(printed, read_numbers(frames), [2], "number in no output row")
    assert [u["text"] for u in coverage.unread] == ["19", "2", "21"]


def test_every_printed_amount_is_read_or_listed_unread_with_its_page_and_box() -> None:
    printed = [
        PrintedValue(3, 10, 20, 60, 28, "1.250.000"),
        PrintedValue(3, 10, 40, 60, 48, "1.250.000"),
        PrintedValue(3, 10, 60, 60, 68, "Rp 7.500.000,-"),
        PrintedValue(4, 10, 20, 60, 28, "9.000.000"),
    ]
    read = [(3, "1.250.000"), (3, "7.500.000"), (5, "9.000.000")]
    coverage = account(printed, read, [3, 4, 5])
    assert coverage.figures() == {"printed": 4, "read": 2, "unread": 2}
    assert [(u["page"], u["top"], u["text"]) for u in coverage.unread] == [
        (3, 40, "1.250.000"),
        (4, 20, "9.000.000"),
    ]
    assert coverage.pages_not_read == {
        3: "2 of 3 printed amounts read",
        4: "prints 1 amounts, no row read",
    }


def test_a_row_that_is_the_sum_of_the_rows_after_it_shows_collapsed_levels() -> None:
    programs, budgets = _nodes(
        [
            ("P01", "program", None, "1", 2, 300),
            ("P02", "program", None, "2", 2, 100),
            ("P03", "program", None, "3", 3, 200),
            ("P04", "program", None, "4", 3, 999),
        ]
    )
    (doubt,) = collapsed_levels(programs, budgets)
    assert (doubt.check, doubt.page, doubt.node_ids) == (
        "collapsed_levels",
        2,
        ("P01", "P02", "P03"),
    )
    nested, nested_budgets = _nodes(
        [
            ("P01", "program", None, "I", 2, 300),
            ("P01.K01", "kegiatan", "P01", "I.1", 2, 100),
            ("P01.K02", "kegiatan", "P01", "I.2", 3, 200),
        ]
    )
    assert collapsed_levels(nested, nested_budgets) == []


def test_siblings_whose_parent_is_their_sum_as_read_are_no_collapsed_levels() -> None:
    """Bogor 2020 p78: program 700 over kegiatan 350, 100 and 250. The first kegiatan equals
    the next two by chance: nested under it, the program's sum would fail. Read as sub
    kegiatan under their kegiatan, the same rows fail their program's sum, and are doubted."""
    flat, flat_budgets = _nodes(
        [
            ("P01", "program", None, "I", 2, 700),
            ("P01.K01", "kegiatan", "P01", "1", 2, 350),
            ("P01.K02", "kegiatan", "P01", "2", 2, 100),
            ("P01.K03", "kegiatan", "P01", "3", 3, 250),
        ]
    )
    assert collapsed_levels(flat, flat_budgets) == []
    collapsed, collapsed_budgets = _nodes(
        [
            ("P01", "program", None, "I", 2, 350),
            ("P01.K01", "kegiatan", "P01", "1", 2, 350),
            ("P01.K02", "kegiatan", "P01", "2", 2, 100),
            ("P01.K03", "kegiatan", "P01", "3", 3, 250),
        ]
    )
    (doubt,) = collapsed_levels(collapsed, collapsed_budgets)
    assert doubt.node_ids == ("P01.K01", "P01.K02", "P01.K03")


def test_collapsed_levels_of_a_renja_perubahan_show_in_its_pagu_after_the_change() -> None:
    """A Renja Perubahan prints no pagu indikatif: its plan-year amount is pagu_sesudah."""
    programs, budgets = _nodes(
        [
            ("P01", "program", None, "1", 2, 300),
            ("P02", "program", None, "2", 2, 100),
            ("P03", "program", None, "3", 3, 200),
        ]
    )
    budgets["jenis"] = "pagu_sesudah"
    (doubt,) = collapsed_levels(programs, budgets)
    assert (doubt.check, doubt.node_ids) == ("collapsed_levels", ("P01", "P02", "P03"))


def test_a_parent_that_adds_up_under_another_grouping_is_named() -> None:
    programs, budgets = _nodes(
        [
            ("P01", "program", None, "I", 2, 300),
            ("P01.K01", "kegiatan", "P01", "I.1", 2, 100),
            ("P02", "program", None, "II", 2, 500),
            ("P02.K01", "kegiatan", "P02", "II.1", 3, 200),
            ("P02.K02", "kegiatan", "P02", "II.2", 3, 300),
        ]
    )
    assert other_grouping(programs, budgets, "P01") is None  # no run after it adds up
    assert other_grouping(programs, budgets, "P02") is None  # its own children do add up


def test_a_page_whose_first_row_names_another_parent_has_lost_rows() -> None:
    programs, budgets = _nodes(
        [
            ("P01", "program", None, "I", 2, 300),
            ("P01.K01", "kegiatan", "P01", "I.1", 2, 300),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", "I.1.1", 2, 300),
            ("P01.K01.S02", "sub_kegiatan", "P01.K01", "II.3.1", 3, 50),
        ]
    )
    (doubt,) = page_continuity(programs, budgets, runs_to_document_end=False)
    assert (doubt.check, doubt.page) == ("page_continuity", 3)
    assert "nomor II.3.1" in doubt.message and "I.1 of page 2" in doubt.message
    short, short_budgets = _nodes(
        [
            ("P01", "program", None, "I", 1, 300),
            ("P01.K01", "kegiatan", "P01", "I.1", 1, 300),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", "I.1.1", 1, 100),
        ]
    )
    (end,) = page_continuity(short, short_budgets, runs_to_document_end=True)
    assert "end of the document" in end.message and "200" in end.message
    assert page_continuity(short, short_budgets, runs_to_document_end=False) == []


def test_the_plan_year_must_agree_with_the_caption() -> None:
    caption = (
        "Tabel 3.3 Rumusan Rencana Program dan Kegiatan Tahun 2022 dan Prakiraan Maju Tahun 2023"
    )
    assert plan_year_doubts(caption, 2022, 13) == []
    (doubt,) = plan_year_doubts(caption, 2023, 13)
    assert (doubt.check, doubt.page) == ("plan_year", 13)
    assert "read as 2023" in doubt.message


def test_names_without_spaces_look_glued_and_ordinary_names_do_not() -> None:
    prose = " ".join(["Penyelenggaraan pemerintahan daerah dan pembangunan"] * 40)
    names = [
        "Penyediaan Gaji dan Tunjangan ASN",
        "Koordinasi dan Penyusunan Laporan Capaian",
        "Pengelolaan Barang Milik Daerah",
        "Administrasi Keuangan Perangkat Daerah",
    ]
    programs = pd.DataFrame(
        {
            "node_id": [f"P0{i}" for i in range(4)],
            "level": "program",
            "nomor": None,
            "kode": None,
            "page": 5,
            "nama": names,
        }  # fmt: skip
    )
    assert glued_names(programs, prose) == []
    glued = programs.assign(nama=[n.replace(" ", "") for n in names])
    (doubt,) = glued_names(glued, prose)
    assert doubt.check == "glued_names" and doubt.page == 5
    assert doubt.message.startswith("4 of 4 names look glued")
    # one name wrapped a word a line, two of its lines joined as one word broken by the cell:
    # a word longer than any of the prose is glue on its own
    many = pd.concat([programs] * 3, ignore_index=True)  # one glued name among twelve
    many["node_id"] = [f"P{i:02d}" for i in range(12)]
    many.loc[0, "nama"] = "PROGRAM PENYELENGGARAANPELAYANAN KESEHATAN"
    (doubt,) = glued_names(many, prose)
    assert doubt.node_ids == ("P00",) and "'PENYELENGGARAANPELAYANAN'" in doubt.message


def _plan_table(page: int, grid: list[list[str]]) -> RawTable:
    cells = [Cell(r, r, c, c, text) for r, row in enumerate(grid) for c, text in enumerate(row)]
    return RawTable(page, (0, 0, 800, 500), grid, cells)


_HEADER = ["No", "Program/Kegiatan", "Indikator Kinerja", "Target", "Pagu Indikatif (Rp)"]


def _unknown_doubts(extra: list[str], second_page: list[str]) -> list:
    """The plan's two pages with the given extra column (its header, then a value per row)."""
    first = _plan_table(
        3,
        [
            [*_HEADER, extra[0], "Pelaksana"],
            ["1", "2", "3", "4", "5", "6", "7"],
            ["1", "Program A", "Persentase", "100", "2.500.000", extra[1], "Dinas X"],
            ["1.1", "Kegiatan B", "Jumlah", "12", "2.500.000", extra[2], ""],
        ],
    )
    header = map_header(first)
    second = _plan_table(4, [["1.2", "Kegiatan C", "Jumlah", "3", "700.000", *second_page]])
    plan = LogicalTable("T-C.30", [Segment(first, header, 2), Segment(second, header, 0)])
    return columns_not_understood(_unknown_columns([plan]))


def test_a_column_of_amounts_whose_role_is_unknown_is_money_unaccounted_for() -> None:
    doubts = _unknown_doubts(["Belanja Modal", "1.000.000", "Rp 1.000.000"], ["150.000", ""])
    assert [(d.check, d.page) for d in doubts] == [
        ("columns_not_understood", 3),
        ("text_columns_not_understood", 3),
    ]
    assert doubts[0].message == (
        "column 6 (header 'Belanja Modal') has no known role; 3 values (pages 3, 4), 3 of "
        "them amounts: 1.000.000; Rp 1.000.000; 150.000"
    )
    assert doubts[1].message == (
        "column 7 (header 'Pelaksana') has no known role; 1 values (page 3): Dinas X"
    )
    # the amount column fails an error-level reading check; the text column only warns
    doc = {"coverage": {"printed": 4}, "reading_doubts": [d.record() for d in doubts]}
    checks = {c["check"]: c for c in reading_checks(doc)}
    assert (checks["columns_not_understood"]["severity"], checks["columns_not_understood"][
        "success"]) == ("error", False)  # fmt: skip
    assert document_status(list(checks.values())) == "suspect"
    doc["reading_doubts"] = [doubts[1].record()]
    checks = {c["check"]: c for c in reading_checks(doc)}
    assert checks["text_columns_not_understood"]["severity"] == "warning"
    assert not checks["text_columns_not_understood"]["success"]
    assert document_status(list(checks.values())) == "ok"


def test_columns_with_a_known_role_or_printing_nothing_are_understood() -> None:
    # "Lokasi" is a role; "Rencana Tahun 2022" heads a group and prints no value of its own
    for extra in (["Lokasi", "Kota", "1.000.000"], ["Rencana Tahun 2022", "", ""]):
        doubts = _unknown_doubts(extra, ["", "Dinas Y"])
        assert [(d.check, d.message.split(";")[0]) for d in doubts] == [
            ("text_columns_not_understood", "column 7 (header 'Pelaksana') has no known role")
        ]


def _check(name: str, group: str, failures: list[dict]) -> dict:
    return {"check": name, "group": group, "severity": "error", "success": not failures,
            "checked": 1, "failures": failures}  # fmt: skip


def test_a_reading_doubt_outranks_the_documents_own_faults() -> None:
    sum_failure = {"check": "sum_kegiatan", "node_id": "P01", "jenis": "pagu_indikatif",
                   "page": 4, "message": "printed 300, sum of 2 kegiatan 200"}  # fmt: skip
    doubt = {"check": "coverage", "node_id": None, "page": 5, "message": "page 5 not read"}
    assert document_status([_check("sum_kegiatan", "reconciliation", [sum_failure])]) == "invalid"
    checks = [
        _check("sum_kegiatan", "reconciliation", [dict(sum_failure)]),
        _check("coverage", "reading", [doubt]),
    ]
    assert document_status(checks) == "suspect"
    assert document_status([_check("coverage", "reading", [])]) == "ok"
    doc = {"status": "suspect", "checks": checks,
           "pages_not_read_reasons": {"5": "prints 4 amounts, no row read"},
           "regroupings": {"P01/pagu_indikatif": ["P01.K01", "P02.K01"]}}  # fmt: skip
    explain_failures(doc)
    assert checks[0]["failures"][0]["message"] == (
        "printed 300, sum of 2 kegiatan 200; possibly a misreading: it is the sum of P01.K01, "
        "P02.K01, grouped otherwise; page 5 not read (prints 4 amounts, no row read)"
    )
    assert first_reason(doc) == "coverage (page 5): page 5 not read"


# Whole documents ----------------------------------------------------------------------------


# Sumut 2023's cover and first pages, which name its plan year, and its plan table to the end
# (pages 56-65) without the other tables before it (27 pages, three quarters of its reading):
# the real document's own plan table, mutated and read in a fifth of the time.
SUMUT_PLAN = "1-3,56-67"


def _excerpt(source: Path, pages: str, target: Path) -> Path:
    if source.exists():
        subprocess.run(["qpdf", "--warning-exit-0", "--empty", "--pages", str(source), pages,
                        "--", str(target)], check=True, capture_output=True)  # fmt: skip
    return target


def _without_page(source: Path, page: int, target: Path) -> Path:
    pages = subprocess.run(
        ["qpdf", "--show-npages", str(source)], capture_output=True, text=True, check=True
    )
    n = int(pages.stdout)
    keep = ",".join(r for r in (f"1-{page - 1}" if page > 1 else "",
                                f"{page + 1}-{n}" if page < n else "") if r)  # fmt: skip
    subprocess.run(
        ["qpdf", "--warning-exit-0", str(source), "--pages", ".", keep, "--", str(target)],
        check=True,
        capture_output=True,
    )
    return target


def _rendered(folder: Path) -> list[Path]:
    """A rendered plan, and the same plan with names printed without spaces, with the
    caption's plan year one year late, and with its numbering flattened to one level."""
    layout = LAYOUTS["nomor_unruled"]
    plan = random_plan(3, codes=False)
    glued = copy.deepcopy(plan)
    for node in glued["nodes"]:
        node["nama"] = node["nama"].replace(" ", "")
    flat = copy.deepcopy(plan)
    for number, node in enumerate(flat["nodes"], start=1):
        node["nomor"] = str(number)
    late = dataclasses.replace(layout, title=layout.title.replace("{year}", "{next}"))
    paths = []
    for name, (p, lay) in {"rendered": (plan, layout), "glued": (glued, layout),
                           "year": (plan, late), "flat": (flat, layout)}.items():  # fmt: skip
        paths.append(folder / f"{name}.pdf")
        render_pdf(p, paths[-1], lay)
    return paths


# The mutations of the real documents' own text (tests/pdf_text.py), as their files are named;
# those a document's fonts cannot print, with the reason.
_MUTATIONS = ("spaceless", "glued", "year", "flat")
_UNSUPPORTED: dict[str, str] = {}


def _mutated(source: Path, stem: str, pages: list[int], folder: Path) -> list[Path]:
    """The document with the space glyphs of its table's body taken out (the words placed by
    position only: ``spaceless``; or closed up: ``glued``), with its caption's plan year
    changed (``year``) and with its numbering flattened (``flat``); a mutation its fonts
    cannot print is left out (and its test skipped with the reason)."""
    from pdf_text import Unsupported, numbering_flattened, plan_year_changed, without_spaces

    made = []
    for mutation in _MUTATIONS:
        target = folder / f"{stem}-{mutation}.pdf"
        try:
            if mutation in ("spaceless", "glued"):
                without_spaces(source, target, pages, keep_place=mutation == "spaceless")
            elif mutation == "year":
                plan_year_changed(source, target, pages[0])
            else:
                numbering_flattened(source, target, pages)
        except Unsupported as exc:
            _UNSUPPORTED[target.name] = str(exc)
            continue
        made.append(target)
    return made


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """Every document of the module read and validated in one run, by file name."""
    from results import processed

    from renja.output import write_outputs

    if shutil.which("qpdf") is None:
        pytest.skip("qpdf not installed")
    folder = tmp_path_factory.mktemp("reading")
    results = []
    if SUMUT.exists():
        results.append(processed(SUMUT))
    for source, stem, page in (
        (SAMPLE, "sample", 17),
        (_excerpt(SUMUT, SUMUT_PLAN, folder / "sumut.pdf"), "sumut", 8),  # its page 60
        (KALTIM, "kaltim", 2),
    ):
        if source.exists():
            results.append(processed(source))
            results.append(
                processed(_without_page(source, page, folder / f"{stem}-without-{page}.pdf"))
            )
            pages = results[-2].pages
            results += [processed(p) for p in _mutated(source, stem, pages, folder)]
    results += [processed(p) for p in _rendered(folder)]
    summary = write_outputs(results, folder / "out")
    unread = (folder / "out" / "validation" / "unread.csv").read_text(encoding="utf-8")
    assert unread.splitlines()[0] == "doc_id,page,x0,top,x1,bottom,text,reason"
    programs = pd.read_parquet(folder / "out" / "programs.parquet")
    budgets = pd.read_parquet(folder / "out" / "budgets.parquet")
    found = {d["source_file"]: d for d in summary["documents"]}
    for doc in found.values():
        own = programs["doc_id"] == doc["doc_id"]
        doc["nodes"] = sorted(map(tuple, programs[own][["level", "nama", "page"]].values.tolist()))
        plan = budgets[(budgets["doc_id"] == doc["doc_id"]) & (budgets["table_kind"] == "rumusan")]
        doc["amounts"] = sorted(map(str, plan["amount"].dropna()))
    return found


def _first_doubt(doc: dict) -> tuple[str, int | None]:
    failed = [c for c in doc["checks"] if c["group"] == "reading" and not c["success"]]
    return failed[0]["check"], failed[0]["failures"][0]["page"]


@pytest.mark.parametrize(
    ("name", "status", "printed", "numbers"),
    [
        (SAMPLE.name, "invalid", 148, 169),  # its prakiraan maju sums fail as printed
        (SUMUT.name, "invalid", 128, 129),
        (KALTIM.name, "ok", 22, 21),
        ("rendered.pdf", "ok", None, None),
    ],
)
def test_sound_readings_are_never_suspect_and_read_every_printed_amount(
    documents: dict[str, dict], name: str, status: str, printed: int | None, numbers: int | None
) -> None:
    if name not in documents:
        pytest.skip(f"{name} not available")
    doc = documents[name]
    assert doc["status"] == status, doc.get("first_reason")
    assert doc["coverage"]["unread"] == 0 and doc["unread"] == []
    assert doc["coverage"]["read"] == doc["coverage"]["printed"] > 0
    if printed is not None:
        assert doc["coverage"]["printed"] == printed
    # every number printed in the table's body (targets, row numbers, numbers in names)
    figures = doc["coverage"]["numbers"]
    assert figures["read"] == figures["printed"] > 0 and figures["unread"] == 0
    if numbers is not None:
        assert figures["printed"] == numbers
    assert [c["check"] for c in doc["checks"] if not c["success"] and c["group"] == "reading"] == []
    assert doc["pages_not_read"] == [] and doc["reading_doubts"] == []


@pytest.mark.parametrize(
    ("name", "check", "page", "also"),
    [
        ("sample-without-17.pdf", "page_continuity", 17, None),
        ("sumut-without-8.pdf", "page_continuity", 8, None),  # its page 60
        ("kaltim-without-2.pdf", "page_continuity", 1, None),
        ("glued.pdf", "glued_names", 2, None),
        ("year.pdf", "plan_year", 2, None),
        ("flat.pdf", "collapsed_levels", 2, None),
        # the real documents' own text: names closed up without their spaces, ...
        ("sample-glued.pdf", "glued_names", 13, None),
        ("sumut-glued.pdf", "glued_names", 4, None),  # its page 56
        ("kaltim-glued.pdf", "glued_names", 1, None),
        # ... Aptos prints its spaces narrower than the gap that parts words (0.18 of the font
        # size): without the space glyphs, some of its words run together ('NeedAssessment')
        ("kaltim-spaceless.pdf", "glued_names", 1, None),
        # ... the caption's plan year changed (the headers name the plan year and the next, or
        # the cover another year: the plan year is read right, and the caption doubted) ...
        ("sample-year.pdf", "plan_year", 13, None),
        ("sumut-year.pdf", "plan_year", 4, None),
        ("kaltim-year.pdf", "plan_year", 1, None),
        # ... and the numbering flattened: the sample's kegiatan and sub kegiatan rows read as
        # programs lose amounts on its first page, and sum up to the rows before them
        ("sample-flat.pdf", "coverage", 13, "collapsed_levels"),
        ("kaltim-flat.pdf", "collapsed_levels", 1, None),
    ],
)
def test_mutated_documents_are_suspect_naming_the_check_and_page(
    documents: dict[str, dict], name: str, check: str, page: int, also: str | None
) -> None:
    if name in _UNSUPPORTED:
        pytest.skip(f"{name}: {_UNSUPPORTED[name]}")
    if name not in documents:
        pytest.skip(f"{name} not available")
    doc = documents[name]
    assert doc["status"] == "suspect"
    assert _first_doubt(doc) == (check, page)
    assert doc["first_reason"].startswith(f"{check} (page {page}): ")
    if also is not None:
        assert also in [c["check"] for c in doc["checks"] if not c["success"]]


@pytest.mark.parametrize(
    ("name", "original"),
    [
        # words placed by position only are parted by their gaps: the names read as printed
        ("sample-spaceless.pdf", SAMPLE.name),
        ("sumut-spaceless.pdf", "sumut.pdf"),
        # Sumut's levels show in its rows' shading and weight as well as in their numbers
        ("sumut-flat.pdf", "sumut.pdf"),
    ],
)
def test_mutations_the_reader_sees_through_read_as_the_document(
    documents: dict[str, dict], name: str, original: str
) -> None:
    """A mutation that leaves another signal of what it took away is read as the document
    itself (every node with its level, name and page, every amount), with its status."""
    if name in _UNSUPPORTED:
        pytest.skip(f"{name}: {_UNSUPPORTED[name]}")
    if name not in documents:
        pytest.skip(f"{name} not available")
    doc, own = documents[name], documents[original]
    assert doc["status"] == own["status"] != "suspect", doc.get("first_reason")
    assert doc["nodes"] == own["nodes"] and doc["amounts"] == own["amounts"]
    assert doc["reading_doubts"] == [] and doc["coverage"]["unread"] == 0


def test_a_document_that_names_no_plan_year_is_rejected_with_the_reason(
    tmp_path: Path,
) -> None:
    """Kaltim's title printed without its spaces ("TAHUNANGGARAN2025") names no year the
    reader can find, and nothing else names one: the document is rejected saying so (it was
    rejected by a schema error of the output's null plan year)."""
    from pdf_text import edit_text

    from renja.process import process_pdf

    if not KALTIM.exists():
        pytest.skip(f"{KALTIM.name} not available")
    target = tmp_path / "kaltim-no-year.pdf"
    edit_text(KALTIM, target, [1, 2], lambda s: s.text.replace(" ", ""), keep_place=False)
    result = process_pdf(target)
    assert (result.status, result.reason) == (
        "rejected",
        "no plan year: neither the plan table's caption, its column headers, the cover nor the "
        "first pages name a year (Tahun 2022)",
    )


def test_targets_printing_two_numbers_make_a_folded_rows_doubt() -> None:
    """A second indicator row folded into the first (no rule between them): its target cell
    prints "9" over "395"; the reading is doubted, naming the node and page."""
    from transform.numbers import parse_number

    def row(node: str, raw: str) -> dict:
        parsed = parse_number(raw)
        return {"table_kind": "rumusan", "node_id": node, "kode": node, "page": 4,
                "target_raw": raw, "target_flag": parsed.flag}  # fmt: skip

    clean = pd.DataFrame([row("1.01", "9"), row("1.02", "12,5")])
    assert folded_rows(clean) == []
    [doubt] = folded_rows(pd.DataFrame([row("1.01", "9"), row("1.02", "9\n395")]))
    assert doubt.check == "folded_rows" and doubt.page == 4 and doubt.node_ids == ("1.02",)
    assert "'9 395'" in doubt.message


def test_a_target_cell_printing_two_numbers_with_units_makes_a_folded_rows_doubt() -> None:
    """Three indicator rows of one sub kegiatan read as one (a table without rules between its
    rows): the target cell prints each row's number with its unit, so no target is read and the
    indicator texts run together; the reading is doubted. One number with its unit, a decimal
    or a grouped number is one value."""
    from transform.numbers import parse_number

    def row(node: str, raw: str) -> dict:
        return {"table_kind": "rumusan", "node_id": node, "kode": node, "page": 2,
                "target_raw": raw, "target_flag": parse_number(raw).flag}  # fmt: skip

    clean = [row("1.01", "12 Orang/ Bulan"), row("1.02", "95,28 %"), row("1.03", "1.029 org")]
    assert folded_rows(pd.DataFrame(clean)) == []
    [doubt] = folded_rows(pd.DataFrame([*clean, row("1.04", "19 Dokumen\n2 org\n21 Laporan")]))
    assert doubt.check == "folded_rows" and doubt.page == 2 and doubt.node_ids == ("1.04",)
    assert "'19 Dokumen 2 org 21 Laporan'" in doubt.message


def test_target_columns_without_an_indicator_column_are_a_reading_doubt() -> None:
    """The form gives every target its indicator. A header label run into the next column's
    ("PROGRAM/KEGIATAN/SUB" flush against "LOKASI") gave the indicator column the lokasi's
    role, and every target went out without its indicator, with status ok (reportlab held-out
    seed 1564). Target columns read without an indicator column are a reading doubt."""
    from renja.reading import _missing_columns
    from transform.headers import HeaderMap, Role
    from transform.rows import LogicalTable, Segment
    from transform.vocabulary import ColumnRole

    def plan(*roles: Role) -> LogicalTable:
        table = RawTable(3, (0.0, 0.0, 1.0, 1.0), [[]], [], text_before="Tabel 3.3 Rumusan")
        header = HeaderMap(roles=dict(enumerate(roles)))
        return LogicalTable("3.3", [Segment(table, header, 1)])

    name, target = Role(ColumnRole.NAMA), Role(ColumnRole.TARGET, "plan")
    lokasi, indikator = Role(ColumnRole.LOKASI), Role(ColumnRole.INDIKATOR)
    (doubt,) = _missing_columns([plan(name, lokasi, lokasi, target)], [])
    assert doubt.check == "missing_columns" and doubt.page == 3
    assert "no indicator column" in doubt.message
    assert _missing_columns([plan(name, indikator, lokasi, target)], []) == []
    assert _missing_columns([plan(name, lokasi)], []) == []  # no targets: nothing to lose


def test_names_read_by_ocr_under_the_confidence_threshold_are_doubted_page_by_page() -> None:
    """A misread letter in a name goes out as read: a name with a word under the threshold is
    a reading doubt on its page, naming its nodes; names read surely, or from a text layer,
    are not."""
    programs = pd.DataFrame(
        {
            "node_id": ["P01", "P01.K01", "P01.K02", "P02"],
            "level": ["program", "kegiatan", "kegiatan", "program"],
            "nomor": ["I", "1", "2", "II"],
            "kode": None,
            "page": [3, 3, 4, 4],
            "nama": ["PROGRAM A", "Fasiitasi Jalan", "Kegiatan dua", "PROGRAM B"],
            "nama_ocr_confidence": [96.0, 34.0, 84.0, None],
        }
    )
    doubts = unsure_names(programs)
    assert [(d.check, d.page, d.node_ids) for d in doubts] == [
        ("unsure_names", 3, ("P01.K01",)),
        ("unsure_names", 4, ("P01.K02",)),
    ]
    assert "'Fasiitasi Jalan' (34)" in doubts[0].message
    assert unsure_names(programs.assign(nama_ocr_confidence=None)) == []


def test_amounts_printed_in_thousands_are_a_reading_doubt(tmp_path: Path) -> None:
    """A table whose amount column's header says ``(Rp. 000)`` prints thousands of rupiah: the
    amounts go out as printed, and read as rupiah they are a thousand times too small, with
    status ok. The unit is a reading doubt; a header in rupiah (``(Rp)``) raises none, and
    neither does a caption's prose that speaks of thousands of anything else."""
    from synth.generator import LAYOUTS, random_plan, render_pdf

    from renja.process import process_pdf

    layout = LAYOUTS["sipd_split5"]
    plan = random_plan(5)

    def units(pagu_header: str, title: str = layout.title) -> list[str]:
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf"
        render_pdf(plan, path, dataclasses.replace(layout, pagu_header=pagu_header, title=title))
        reading = process_pdf(path).reading
        assert reading is not None
        return [d.message for d in reading.doubts if d.check == "amount_unit"]

    (message,) = units("Kebutuhan Dana/Pagu Indikatif (Rp. 000)")
    assert "(Rp. 000)" in message
    assert units("Kebutuhan Dana/Pagu Indikatif (Rp)") == []
    assert units("Pagu Indikatif (Rp)", title=layout.title + " bagi ribuan pekerja") == []


def test_values_printed_as_hash_signs_are_doubted_and_words_are_not() -> None:
    """``###`` and ``3E+09`` (``Rp`` before them) are how a spreadsheet prints a number too wide
    for its column: the number is not on the page.
    A word in an amount cell ("Menyesuaikan") is the document's own, and no reading doubt."""
    budgets = pd.DataFrame(
        {
            "table_kind": ["rumusan"] * 4,
            "node_id": ["P01", "K01", "S01", "S02"],
            "nama": ["PROGRAM A", "Kegiatan B", "Sub C", "Sub D"],
            "amount_raw": ["###", "Rp 3E+09", "Menyesuaikan", "1.250.000"],
            "page": [3, 4, 4, 4],
        }
    )
    indicators = pd.DataFrame(
        {"table_kind": ["rumusan"], "node_id": ["S01"], "target_raw": ["100"], "page": [4]}
    )
    [doubt] = unprinted_values(budgets, indicators)
    assert doubt.check == "unprinted_values"
    assert doubt.node_ids == ("P01", "K01")
    assert "page(s) 3, 4" in doubt.message and "'PROGRAM A'" in doubt.message
    assert unprinted_values(budgets.iloc[2:], indicators) == []


def test_a_name_with_nothing_else_is_doubted() -> None:
    """A node that prints its name and nothing else (no code or number, no amount, no
    indicator, no rows under it) is a name's lines parted from their row; a node with any of
    these is none."""
    programs = pd.DataFrame(
        {
            "node_id": ["P01", "P02", "P02.K01", "P02.K01.S01", "P02.K01.S02", "P02.K01.S03"],
            "parent_id": [None, None, "P02", "P02.K01", "P02.K01", "P02.K01"],
            "kode": [None] * 5 + ["1.01.01.2.01.0001"],
            "nomor": [None, "I", None, None, None, None],
            "nama": ["PROGRAM PENUNJANG URUSAN", "KABUPATEN/KOTA", "Keg", "Sub A", "Sub B", "C"],
            "page": [2, 2, 2, 2, 3, 3],
        }
    )
    budgets = pd.DataFrame(
        {
            "table_kind": ["rumusan"] * 4,
            "node_id": ["P01", "P02", "P02.K01.S01", "P02.K01.S02"],
            "amount": [None, 5, None, None],
            "amount_raw": [None, "5", "-", None],
        }
    )
    indicators = pd.DataFrame(
        {"node_id": ["P02.K01.S02"], "indikator": [None], "target_raw": ["12"]}
    )
    [doubt] = bare_nodes(programs, budgets, indicators)
    assert doubt.check == "bare_nodes" and doubt.page == 2
    assert doubt.node_ids == ("P01",)
    assert "'PROGRAM PENUNJANG URUSAN'" in doubt.message
    assert bare_nodes(programs.iloc[1:], budgets, indicators) == []
    # the program had no figures of its own and nothing under it: a sub kegiatan that printed
    # only its name is doubted as well
    no_target = indicators.assign(target_raw=[None])
    assert [d.node_ids for d in bare_nodes(programs, budgets, no_target)] == [
        ("P01",),
        ("P02.K01.S02",),
    ]


@pytest.mark.parametrize(
    ("kinds", "centred", "fits"),
    [("NFFNN", False, True), ("NFFT", False, False), ("NFFM", False, False),
     ("TFFNN", False, True), ("NFN", True, False), ("FNFT", True, True),
     ("NFNFT", True, True), ("NFNFFT", True, True), ("NFNN", True, False),
     ("NMN", True, True), ("NFMFT", True, False)],
)  # fmt: skip
def test_rows_of_further_indicators_fit_a_node_merged_over_them_or_not(
    kinds: str, centred: bool, fits: bool
) -> None:
    """A node's further indicators in rows of their own follow its row; a node whose cells
    are merged over its indicators' rows prints its code, set at the foot, on the last of
    them (the indicators' rows over it), set at the middle, on the middle one (as many over
    it as under it). Rows that end before a total (``NFFT``) or stand over a node whose name
    stands higher than its indicator (``NFFM``) cannot be a merged node's at the foot; at the
    middle, a node with rows over it and none under it (``NFN``) cannot be one either, while
    one row over and two under may be (``NFNFF``: rows of other heights).
    Where the order fits a merged node, which node the rows belong to is not known."""
    assert _merged_fits(kinds, centred) is fits


@pytest.mark.parametrize(
    ("kinds", "doubted"),
    [(["NFFNN"], True), (["NFFNNF"], False), (["NfNf"], True), (["NfNN"], False),
     (["NeNN"], True), (["NeNe"], True), (["NFNF"], False), (["Ne", "Ne"], True),
     (["Ne", "NF"], False), (["NNN"], False)],
)  # fmt: skip
def test_further_indicators_rows_are_in_doubt_as_the_table_may_be_set(
    kinds: list[str], doubted: bool
) -> None:
    """Pages of one table read from the foot up or from the middle (``RawTable.row_kinds``,
    a string a page): a run of further indicators' rows between two nodes is in doubt where
    the table may be set so that a node merged over its indicators' rows, or listing them in
    one cell, prints them over its code. Set at the foot (``F``), rows under the last node
    fit no such node (``NFFNNF``); set at the middle (``f``), one row over a node and none
    under it does not (``NfNN``). A page that shows neither (``e``) may be either, and is in
    doubt where either fits (``NeNN`` fits the foot: xlsx 9878, indicators listed in one cell
    over the code, read with status ``ok`` as the node above's rows; ``NeNe`` the middle),
    unless another page of the table shows which (``Ne`` then ``NF``)."""
    tables = [
        RawTable(page, (0, 0, 1, 1), [_HEADER], [], row_kinds=page_kinds)
        for page, page_kinds in enumerate(kinds, start=1)
    ]
    header = map_header(tables[0])
    plan = LogicalTable("t", [Segment(t, header, 1) for t in tables])
    assert bool(_further_unplaced(plan)) is doubted
