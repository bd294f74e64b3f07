"""Checks of the reading itself, apart from the document's own faults.

A document whose numbers do not hold together is ``invalid``: the agency printed them so. A
document whose *reading* is in doubt is ``suspect``: a page of the table gave no rows, a printed
amount landed in no row, the levels look collapsed, the roll-ups hold under another grouping,
the plan year contradicts the title, the names look glued. Each doubt names its check, page and
rows, so that an auditor knows to distrust the extraction rather than call the agency.

Pure functions: frames and located values in, doubts and coverage out.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import pandas as pd

from extract.spelling import Mended, misread_for
from extract.spelling import unknown_words as _unknown
from transform.codes import level_of_nomor, one_digit_apart, parent_kode
from transform.numbering import sequence_breaks
from transform.numbers import (
    CONFIRMED,
    LOW_CONFIDENCE,
    MIN_OCR_CONFIDENCE,
    SEVERAL_NUMBERS,
    Parsed,
    format_rupiah,
    parse_amount,
    trust_ocr,
)
from transform.vocabulary import YEAR

__all__ = [
    "READING_CHECKS",
    "READING_WARNINGS",
    "Coverage",
    "UnknownColumn",
    "Doubt",
    "StatedAmount",
    "account",
    "carried_numbers",
    "failing_parents",
    "folded_rows",
    "bare_nodes",
    "unprinted_values",
    "unplaced_rows",
    "collapsed_levels",
    "columns_not_understood",
    "confirm_by_sums",
    "glued_names",
    "misread_codes",
    "unsure_names",
    "unknown_words",
    "mended_words",
    "names_mended",
    "slash_breaks",
    "cut_texts",
    "unparted_rows",
    "indicators_above_or_below",
    "misread_digits",
    "names_plan_year",
    "other_grouping",
    "read_numbers",
    "read_values",
    "page_continuity",
    "plan_year_doubts",
    "plan_year_sources",
    "regrouped_levels",
]

# Tesseract word confidence (0-100) under which an amount read by OCR, taken as read, may still
# be misread: on the scan set (``tests/scan_set.py``, 150 and 200 dpi) every wrong amount read
# with a confidence of 85 or more was read under 95.
UNSURE_OCR_CONFIDENCE = 95.0

# name -> what the check asserts (listed with the other checks in docs/checks.md)
READING_CHECKS: dict[str, str] = {
    "coverage": "every amount printed in the plan table's span, and every number printed in its "
    "body, lands in an output row, and every page of the span gives rows",
    "collapsed_levels": "no row's amount equals the sum of the rows that follow it at its own "
    "level (levels read as one)",
    "regrouped_levels": "most parents equal the sum of their children, or no other grouping of "
    "the same rows does (levels read wrong)",
    "plan_year": "the plan year read agrees with the year the plan table's caption prints, "
    "with the years its column headers name (the plan year or the next) and with the cover's",
    "glued_names": "names print words as long as the document's prose words, without joins of a "
    "lower-case to an upper-case letter (spaces lost)",
    "missing_columns": "a table whose title names the prakiraan maju has its amount column, "
    "and one with target columns has its indicator column",
    "amount_unit": "the plan table's amounts are printed in rupiah: no amount column's header "
    "and no line right over the table says thousands or millions (Rp. 000, ribuan rupiah, "
    "juta); amounts go out as printed",
    "page_continuity": "the rows at the top of each page continue the numbering of the page "
    "before, and a table that runs to the end of the document ends with its last parent complete",
    "columns_not_understood": "every column of the plan table that prints amounts has a "
    "recognised role (an amount column of unknown role is money unaccounted for)",
    "text_columns_not_understood": "every column of the plan table that prints text or small "
    "numbers has a recognised role (warning: its values are not in the output)",
    "folded_rows": "no target cell of the plan table prints two numbers apart (9 over 395, or "
    "19 Dokumen 2 org): the cells of two printed rows read as one row",
    "bare_nodes": "no node of the plan prints its name and nothing else: no code or row "
    "number, no amount, no indicator, and no rows under it (a name's lines read as a row of "
    "their own, the rest of the row read with another)",
    "unprinted_values": "no amount or target of the plan table is printed as # signs only or "
    "rounded to a power of ten (a sheet prints ### or 3E+09 where its column is too narrow for "
    "the number: the value is not on the page, and goes out empty)",
    "misread_digits": "no failed roll-up (kegiatan, program, stated total) would hold with one "
    "digit of one amount read by OCR changed (a likely misreading of that digit; where several "
    "amounts would each mend it, some read with a confidence under "
    f"{UNSURE_OCR_CONFIDENCE:g}, all are named)",
    "unsure_names": "no name read by OCR has a word read with a confidence under "
    f"{MIN_OCR_CONFIDENCE:g} (a misread letter in a name goes out as printed: the name is what "
    "tells a node without a code, and no sum checks it)",
    "unknown_words": "no name read by OCR, its words read with a sure confidence, holds a "
    "word that is in no dictionary and no misreading of a word of it (Akhur for Akhir, read at "
    "90: a misread letter that the confidence does not show; Gaj for Gaji; or a word the "
    "dictionary lacks), nor a word of the language where the plan's other names print, beside "
    "the same word, another that OCR misreads as it (Tenaga Kena read, where the names print "
    "Tenaga Kerja), nor two words the other names print joined by a slash and no name read "
    "from a text layer apart (Kabupaten Kota read, where a program prints KABUPATEN/KOTA), "
    "nor two small letters that are no joining word but one misread (dr for di)",
    "mended_words": "no name or indicator read by OCR holds a word that OCR misread and the "
    "language's dictionary mended (Monitonng read, Monitoring written: the word is the only one "
    "of the dictionary that reading can be, but no sum checks it), nor a word mended from the "
    "words the plan's other names print in its place (Pencari Kera read, Pencari Kerja "
    "written), nor a quote or a colon ending a name that a speck left in it, taken out (DAYA” "
    "read, DAYA written), nor a slash read as a quote (Kabupaten'Kota read, Kabupaten/Kota "
    "written), nor a space read as a hyphen before or after a joining word (Daerah-dan read, "
    "Daerah dan written), nor a letter of an abbreviation in brackets taken from the first "
    "letters of its words ((ROTR) read after Rencana Detail Tata Ruang, (RDTR) written)",
    "unparted_rows": "no table read without rules sets its cells at the middle or foot of "
    "their rows (its rows are then parted by the gaps between them, or by nothing where they "
    "stand no farther apart than a cell's lines, and a row's first lines may have gone to the "
    "row above), unless every row as read stands level (its columns' texts with their "
    "middles, or their feet, at one height in every row, on a page without rules under a "
    "header with column numbers, or none) or the page rules every row; nor does one part "
    "its rows inside a name cell (a name cell whose line would have fitted its first word on "
    "the line above, a row whose name opens with a line that runs on from the name above, or "
    "a row of name lines alone that starts a paragraph), nor holds more indicators in a row "
    "than it prints targets (an indicator cell that starts more paragraphs than the target "
    "cell beside it prints lines), unless read again as set at the foot of its rows (from "
    "the foot up, every row ending level on the line of its code) or at their middle (every "
    "row centred on the line of its code or figure, ending as far under it as it starts "
    "over it) the rows hold, and the header, found by its words, ends in no line printed in "
    "name or indicator columns alone (read from the middle: unless the first row centres on "
    "its code with that line and not without it, the line then the row's); nor does a row as "
    "read list values one a line in one column on lines farther apart than a cell's lines "
    "(two rows read as one); nor does a table so read print rows of further "
    "indicators between two nodes unless the table shows them following their node (over a "
    "total's row, at its end, or over a node whose name stands higher than its indicator) "
    "and never preceding it (at its start or under a total's row), as a node's cells merged "
    "over its indicators' rows print them",
    "slash_breaks": "no name or indicator breaks its line after a slash where the document "
    "gives no sign "
    "whether a space stood there (no space glyph printed at the ends of its lines, and the word "
    "printed whole nowhere): read as two words, KABUPATEN/ KOTA, which may be one",
    "cut_texts": "no name, indicator or location fills its cell to the edge beside the next "
    "cell's text "
    "while it ends inside a word or the document prints with wrap off (a text runs on over a "
    "column's rule, or the PDF clips a text at its cell's edge): a sheet so printed cuts a "
    "text at its cell's edge, and the rest is not in the PDF",
    "unplaced_rows": "no row read by OCR that prints a name and amounts of its own is taken "
    "for the rest of the row above (a node whose number or level was not read: its name and "
    "amounts would be lost)",
    "misread_codes": "no kode read by OCR disagrees in one digit with the code of the node it "
    "hangs under, no two nodes read by OCR print the same kode (a likely misread digit), no kode "
    "read by OCR is missing from the code list given with --nomenclature while a code one digit "
    "off is in it, and no node read by OCR among coded ones is left without a code, nor among "
    "numbered ones (I / I.1) without a number or with one of another level's depth, and no row "
    "number read by OCR breaks the table's sequence (its code or number unreadable or misread)",
}
# The reading checks of severity warning: reported, but they do not make a document suspect.
READING_WARNINGS = frozenset({"text_columns_not_understood"})


@dataclass(frozen=True)
class Doubt:
    """One reason to doubt the reading."""

    check: str
    message: str
    page: int | None = None
    node_ids: tuple[str, ...] = ()

    def record(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "page": self.page,
            "node_ids": list(self.node_ids),
            "message": self.message,
        }


@dataclass
class Coverage:
    """The amounts printed in a table's span, those read into rows, and the others."""

    printed: int = 0
    read: int = 0
    unread: list[dict[str, Any]] = field(default_factory=list)  # located values, with reason
    pages_not_read: dict[int, str] = field(default_factory=dict)  # page -> reason

    def figures(self) -> dict[str, int]:
        return {"printed": self.printed, "read": self.read, "unread": len(self.unread)}


def _digits(text: Any) -> str:
    return re.sub(r"\D", "", str(text)) if isinstance(text, str) else ""


def account(
    printed: Iterable[Any],
    read: Iterable[tuple[int, str]],
    span_pages: Sequence[int],
    reason: str = "printed in the table, in no output row",
    carried: Iterable[tuple[int, str]] = (),
) -> Coverage:
    """Match each printed value (``extract.coverage.PrintedValue``) with a value read on the
    same page (``(page, raw text)`` of every output amount and stated total), digit for digit.
    Words of ``carried`` (also in ``read``: the texts of output rows, which a page break may
    have cut) that no value of their row's page takes may match a value printed on the next
    page: the rest of a name continued at its top (``Beracun`` / ``(B3)``).

    A printed value left over is unread; a page of the span that gives none of its printed
    values, or fewer than it prints, is listed with the reason.
    """
    remaining: Counter[tuple[int, str]] = Counter()
    for page, raw in read:
        digits = _digits(raw)
        if digits:
            remaining[(int(page), digits)] += 1
    continued: Counter[tuple[int, str]] = Counter(
        (int(page), digits) for page, raw in carried if (digits := _digits(raw))
    )
    values = list(printed)
    matched = []
    for value in values:  # first the values of each row's own page
        key = (value.page, _digits(value.text))
        matched.append(remaining[key] > 0)
        if matched[-1]:
            remaining[key] -= 1
    for i, value in enumerate(values):  # then the rest of a text cut by a page break
        before = (value.page - 1, _digits(value.text))
        if not matched[i] and min(remaining[before], continued[before]) > 0:
            remaining[before] -= 1
            continued[before] -= 1
            matched[i] = True
    coverage = Coverage()
    by_page: dict[int, list[int]] = {p: [0, 0] for p in span_pages}  # page -> printed, read
    for value, found in zip(values, matched, strict=True):
        coverage.printed += 1
        counts = by_page.setdefault(value.page, [0, 0])
        counts[0] += 1
        if found:
            coverage.read += 1
            counts[1] += 1
        else:
            coverage.unread.append(
                {
                    "page": value.page,
                    "x0": round(value.x0, 1),
                    "top": round(value.top, 1),
                    "x1": round(value.x1, 1),
                    "bottom": round(value.bottom, 1),
                    "text": value.text,
                    "reason": reason,
                }
            )
    for page, (n_printed, n_read) in sorted(by_page.items()):
        if n_printed and not n_read:
            coverage.pages_not_read[page] = f"prints {n_printed} amounts, no row read"
        elif n_read < n_printed:
            coverage.pages_not_read[page] = f"{n_read} of {n_printed} printed amounts read"
    return coverage


@dataclass(frozen=True)
class UnknownColumn:
    """A column of a plan table whose header named no known role, on one page: ``column`` says
    which (its index and the table's width, so that pages of another width are not merged)."""

    page: int
    column: tuple[int, int]  # (index, number of columns of the page's table)
    header: str  # its header text ("" on a page without a header)
    values: tuple[str, ...]  # the non-empty cells of its data rows


# A cell holds money when it reads as an amount of at least this many rupiah (a target of
# "100" or "60 Persen" does not).
_MONEY_FLOOR = 1000


def columns_not_understood(columns: Iterable[UnknownColumn]) -> list[Doubt]:
    """One doubt per column of unknown role that prints something, over the pages it runs
    on: ``columns_not_understood`` when any of its cells is an amount (money in no output
    column), else ``text_columns_not_understood``. Each lists its header and first values."""
    merged: dict[tuple[int, int], list[UnknownColumn]] = {}
    for column in columns:
        if column.values:
            merged.setdefault(column.column, []).append(column)
    doubts = []
    for (index, _), found in merged.items():
        values = [v for c in found for v in c.values]
        money = [v for v in values if _is_money(v)]
        header = next((c.header for c in found if c.header.strip()), "")
        pages = sorted({c.page for c in found})
        shown = "; ".join(" ".join(v.split()) for v in (money or values)[:4])
        doubts.append(
            Doubt(
                "columns_not_understood" if money else "text_columns_not_understood",
                f"column {index + 1} (header {' '.join(header.split())[:60]!r}) has no known "
                f"role; {len(values)} values (page{'s' if len(pages) > 1 else ''} "
                f"{', '.join(map(str, pages))})"
                + (f", {len(money)} of them amounts" if money else "")
                + f": {shown}",
                pages[0],
            )
        )
    return doubts


def _is_money(text: str) -> bool:
    value = parse_amount(text).value
    return value is not None and abs(value) >= _MONEY_FLOOR


_NUMBER_WORD = re.compile(r"\S*\d\S*")
_READ_AS = re.compile(r"^read as (\S+);")


def read_numbers(frames: dict[str, pd.DataFrame]) -> list[tuple[int, str]]:
    """``(page, word)`` of every number-like word the plan's output rows hold: in names, codes
    (each part of a code too, as split code columns print them, and a misread code or row
    number as printed, from its ``kode_flag``), row numbers, indicators,
    units, locations, targets, amounts and sources of funds. A target or amount whose value
    was not read holds none: its cell printed a value that the output lacks (a cell of two
    rows' values, a number the reader could not make out)."""
    fields = {
        "programs": ("nama", "kode", "nomor", "penanggung_jawab", "kode_flag"),
        "indicators": ("indikator", "satuan", "lokasi", "target_raw"),
        "budgets": ("amount_raw", "sumber_dana"),
    }
    found: list[tuple[int, str]] = []
    for name, columns in fields.items():
        frame = frames[name]
        if "table_kind" in frame.columns:
            frame = frame[frame["table_kind"] == "rumusan"]
        for column in (c for c in columns if c in frame.columns):
            read = _value_read(frame, column)
            for page, text, kept in zip(frame["page"], frame[column], read, strict=True):
                if not isinstance(text, str) or pd.isna(page) or not kept:
                    continue
                words = _NUMBER_WORD.findall(text)
                if column == "kode_flag":  # a code or row number as printed, read otherwise
                    words = [m[1]] if (m := _READ_AS.match(text)) else []
                if column == "kode":
                    words += text.split(".")
                found += [(int(page), w) for w in words]
    return found


def carried_numbers(frames: dict[str, pd.DataFrame]) -> list[tuple[int, str]]:
    """``(page, word)`` of the number-like words in the plan's output rows' texts (names and
    indicators) that a page break may have cut: their rest is printed at the top of the next
    page, and the row keeps its first page (see ``account``)."""
    found: list[tuple[int, str]] = []
    for name, column in (("programs", "nama"), ("indicators", "indikator")):
        frame = frames[name]
        if "table_kind" in frame.columns:
            frame = frame[frame["table_kind"] == "rumusan"]
        if column not in frame.columns:
            continue
        for page, text in zip(frame["page"], frame[column], strict=True):
            if isinstance(text, str) and not pd.isna(page):
                found += [(int(page), w) for w in _NUMBER_WORD.findall(text)]
    return found


# The printed text of a value -> the value read from it.
_VALUE_OF = {"target_raw": "target", "amount_raw": "amount"}


def _value_read(frame: pd.DataFrame, column: str) -> list[bool]:
    """For each row, whether ``column`` holds text whose value was read (always, for a text
    column): the raw text of a target or amount left unread holds no number read."""
    value = _VALUE_OF.get(column)
    if value is None or value not in frame.columns:
        return [True] * len(frame)
    return [v is not None and not pd.isna(v) for v in frame[value]]


def read_values(budgets: pd.DataFrame) -> list[tuple[int, str]]:
    """``(page, raw text)`` of every amount of the plan whose value was read: an amount whose
    cell printed digits but gave no value is not among them, so its printed amount is unread."""
    plan = budgets[budgets["table_kind"] == "rumusan"]
    return [
        (int(p), r) for p, r, kept in zip(plan["page"], plan["amount_raw"],
                                          _value_read(plan, "amount_raw"), strict=True)
        if isinstance(r, str) and kept and not pd.isna(p)
    ]  # fmt: skip


def _plan_amounts(budgets: pd.DataFrame, jenis: str = "pagu_indikatif") -> dict[str, Decimal]:
    rows = budgets[(budgets["table_kind"] == "rumusan") & (budgets["jenis"] == jenis)]
    return {
        str(n): Decimal(str(a)) for n, a in zip(rows["node_id"], rows["amount"], strict=True)
        if a is not None and not pd.isna(a)
    }  # fmt: skip


def _ordered(programs: pd.DataFrame) -> pd.DataFrame:
    """The plan's nodes in printed order (page, then their node ids' order within it)."""
    return programs.reset_index(drop=True)


def collapsed_levels(programs: pd.DataFrame, budgets: pd.DataFrame) -> list[Doubt]:
    """Rows of one level whose amount equals the sum of the following rows of that level up to
    a row that does not fit: the nesting of a table read as one flat level. Not where their
    parent's amount is the sum of all of them as read: nesting some under another would break
    that sum, so the equality is the amounts' coincidence. A Renja Perubahan's plan-year amount
    is its pagu after the change."""
    amounts = _plan_amounts(budgets) or _plan_amounts(budgets, "pagu_sesudah")
    nodes = _ordered(programs)
    doubts = []
    for (_, parent), siblings in nodes.groupby(
        ["level", nodes["parent_id"].fillna("")], sort=False
    ):
        ids = [str(n) for n in siblings["node_id"]]
        values = [amounts.get(n) for n in ids]
        if parent and None not in values and amounts.get(str(parent)) == _total(values):
            continue
        for i, head in enumerate(values):
            if head is None or head <= 0:
                continue
            total, count = Decimal(0), 0
            for j in range(i + 1, len(values)):
                value = values[j]
                if value is None:
                    break
                total += value
                count += value > 0
                if total == head and count >= 2:
                    row = siblings.iloc[i]
                    doubts.append(
                        Doubt(
                            "collapsed_levels",
                            f"{row['level']} {_label(row)} "
                            f"{str(row['nama'])[:60]!r} is the sum of the {j - i} "
                            f"{row['level']} rows after it: they look nested under it",
                            _page(row),
                            tuple(ids[i : j + 1]),
                        )
                    )
                    break
                if total > head:
                    break
    return doubts


def _page(row: pd.Series) -> int | None:
    page = row.get("page")
    return None if page is None or pd.isna(page) else int(page)


_CHILD = {"program": "kegiatan", "kegiatan": "sub_kegiatan"}


def other_grouping(
    programs: pd.DataFrame, budgets: pd.DataFrame, node_id: str, jenis: str = "pagu_indikatif"
) -> list[str] | None:
    """The rows printed after a parent, in order, whose amounts add up to the parent's when
    its own children do not: the run of lower-level rows up to a point, whatever their level
    was read as. None when no such run exists."""
    amounts = _plan_amounts(budgets, jenis)
    nodes = _ordered(programs)
    ids = [str(n) for n in nodes["node_id"]]
    if node_id not in ids or node_id not in amounts:
        return None
    start = ids.index(node_id)
    level = nodes.iloc[start]["level"]
    target = amounts[node_id]
    children = set(nodes.loc[nodes["parent_id"] == node_id, "node_id"].astype(str))
    for child_level in ("kegiatan", "sub_kegiatan"):
        if _rank(child_level) <= _rank(level):
            continue
        total, run = Decimal(0), []
        for index in range(start + 1, len(ids)):
            row = nodes.iloc[index]
            if _rank(row["level"]) <= _rank(level) and row["level"] == level:
                break
            if row["level"] != child_level:
                continue
            value = amounts.get(ids[index])
            if value is None:
                break
            total += value
            run.append(ids[index])
            if total == target and set(run) != children and len(run) >= 2:
                return run
            if total > target:
                break
    return None


def _rank(level: str) -> int:
    return {"program": 0, "kegiatan": 1, "sub_kegiatan": 2}.get(level, 3)


def _total(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def failing_parents(
    programs: pd.DataFrame, budgets: pd.DataFrame, jenis: str = "pagu_indikatif"
) -> list[str]:
    """The parents whose amount is not the sum of their children's (all children read)."""
    amounts = _plan_amounts(budgets, jenis)
    failing = []
    for parent, kids in programs.groupby(programs["parent_id"]):
        values = [amounts.get(str(k)) for k in kids["node_id"]]
        if str(parent) not in amounts or any(v is None for v in values):
            continue
        if _total(values) != amounts[str(parent)]:
            failing.append(str(parent))
    return failing


def regrouped_levels(programs: pd.DataFrame, budgets: pd.DataFrame) -> list[Doubt]:
    """Most parents not the sum of their children, while another grouping of the same rows
    adds up: the levels were read wrong, not printed wrong."""
    amounts = _plan_amounts(budgets)
    nodes = _ordered(programs)
    children: dict[Any, list[Any]] = {}
    for node_id, parent_id in zip(nodes["node_id"], nodes["parent_id"], strict=True):
        children.setdefault(parent_id, []).append(node_id)  # one pass: linear in the rows
    parents, failing = 0, []
    for _, row in nodes.iterrows():
        kids = children.get(row["node_id"], [])
        if not kids or str(row["node_id"]) not in amounts:
            continue
        values = [amounts.get(str(k)) for k in kids]
        if any(v is None for v in values):
            continue
        parents += 1
        if _total(values) != amounts[str(row["node_id"])]:
            failing.append(row)
    if parents < 2 or len(failing) * 2 <= parents:
        return []
    doubts = []
    for row in failing:
        run = other_grouping(programs, budgets, str(row["node_id"]))
        if run:
            doubts.append(
                Doubt(
                    "regrouped_levels",
                    f"{len(failing)} of {parents} parents are not the sum of their children; "
                    f"{row['level']} {_label(row)} is the sum "
                    f"of {', '.join(run)} instead",
                    _page(row),
                    (str(row["node_id"]), *run),
                )
            )
    return doubts


_TITLE_YEAR = re.compile(
    rf"\btahun\s+(?:anggaran\s+)?({YEAR})\s*(?:dan|&|,)?\s*(?:prakiraan\s+maju|perkiraan\s+maju)"
    rf"\s*(?:tahun\s+)?({YEAR})?",
    re.IGNORECASE,
)


def names_plan_year(text: str) -> bool:
    """Whether a caption prints its plan year ("Tahun 2022 dan Prakiraan Maju ...")."""
    return bool(_TITLE_YEAR.search(" ".join(text.split())))


def plan_year_doubts(title: str, tahun: int | None, page: int | None) -> list[Doubt]:
    """The plan year read against the year the plan table's caption (or the document's title)
    prints: "Tahun 2022 dan Prakiraan Maju Tahun 2023" makes the plan year 2022."""
    match = _TITLE_YEAR.search(" ".join(title.split()))
    if not match:
        return []
    printed = int(match[1])
    doubts = []
    if tahun is not None and tahun != printed:
        doubts.append(
            Doubt(
                "plan_year",
                f"plan year read as {tahun}, the caption says {match[0].strip()!r}",
                page,
            )
        )
    return doubts


def plan_year_sources(
    tahun: int | None, header_years: Sequence[int], cover: int | None, page: int | None
) -> list[Doubt]:
    """The plan year read against the years the plan table's column headers name (the plan
    year or the next, none of them another) and the year the cover names."""
    if tahun is None:
        return []
    doubts = []
    if not set(header_years) <= {tahun, tahun + 1}:
        named = ", ".join(str(y) for y in header_years)
        doubts.append(
            Doubt("plan_year", f"plan year read as {tahun}, the column headers name {named}", page)
        )
    if cover is not None and cover != tahun:
        doubts.append(
            Doubt("plan_year", f"plan year read as {tahun}, the cover says Tahun {cover}", 1)
        )
    return doubts


_WORD = re.compile(r"[A-Za-z]+")
_JOIN = re.compile(r"[a-z][A-Z]")
# Indonesian words run long ("penyelenggaraan", "kepemerintahan"); a name word longer than the
# longest of most prose words by this much is glued from several.
_GLUED_MARGIN = 6


# A number as a target cell prints it: digits, grouped or with decimals (``1.029``, ``95,28``).
_TARGET_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def unplaced_rows(unplaced: Sequence[tuple[int, str]]) -> list[Doubt]:
    """Rows read by OCR that print a name and amounts of their own but were taken for the rest
    of the row above, its amounts already read (the builder found no number or level for
    them): nodes whose name and amounts are not in the output. One doubt a page."""
    pages: dict[int, list[str]] = {}
    for page, name in unplaced:
        pages.setdefault(page, []).append(name)
    return [
        Doubt(
            "unplaced_rows",
            f"{len(names)} row(s) read by OCR on page {page} print a name and amounts of their "
            f"own but were taken for the rest of the row above, e.g. {names[0]!r}: their number "
            "or level was not read, so the node and its amounts are not in the output",
            page,
        )
        for page, names in sorted(pages.items())
    ]


def folded_rows(indicators: pd.DataFrame) -> list[Doubt]:
    """Plan targets whose cell prints two numbers apart: a table without rules between its
    rows gives the cells of two printed rows to one row (a node's second indicator folded into
    its first), and the numbers would otherwise be read as one (``9`` and ``395`` as 9395), or
    not at all (``19 Dokumen 2 org``: each number with its unit). A target cell holds one
    value, so two numbers in it are two rows' values."""
    if indicators.empty or "target_flag" not in indicators.columns:
        return []
    plan = indicators[indicators["table_kind"] == "rumusan"]
    several = [
        (isinstance(flag, str) and flag == SEVERAL_NUMBERS)
        or (isinstance(raw, str) and len(_TARGET_NUMBER.findall(raw)) >= 2)
        for flag, raw in zip(plan["target_flag"], plan["target_raw"], strict=True)
    ]
    folded = plan[several]
    if folded.empty:
        return []
    first = folded.iloc[0]
    return [
        Doubt(
            "folded_rows",
            f"{len(folded)} target cells print two numbers apart, e.g. "
            f"{' '.join(str(first['target_raw']).split())!r} for {_label(first)}: the cells of "
            "two printed rows were read as one row",
            _page(first),
            tuple(dict.fromkeys(str(n) for n in folded["node_id"])),
        )
    ]


def bare_nodes(
    programs: pd.DataFrame, budgets: pd.DataFrame, indicators: pd.DataFrame
) -> list[Doubt]:
    """Nodes that print a name and nothing else: no code or row number, no amount in any
    column, no indicator, and no row under them. A plan's row gives a program, kegiatan or sub
    kegiatan its figures or its children; a name alone is the lines of a name the reader parted
    from their row (a table that sets its cells at the foot of their rows prints a long name's
    first lines above the row's number and amounts), and the rest of that row went out under
    another name. One doubt a page, naming the nodes."""
    if programs.empty:
        return []
    ids = programs["node_id"].astype(str)
    unnamed = programs.get("kode", pd.Series(index=programs.index, dtype=object)).isna() & (
        programs.get("nomor", pd.Series(index=programs.index, dtype=object)).isna()
    )
    parents = set(programs["parent_id"].dropna().astype(str)) if "parent_id" in programs else set()
    figures: set[str] = set()
    if not budgets.empty and "amount" in budgets.columns:
        figures |= set(budgets.loc[budgets["amount"].notna(), "node_id"].astype(str))
        if "amount_raw" in budgets.columns:
            printed = budgets["amount_raw"].fillna("").astype(str).str.strip() != ""
            figures |= set(budgets.loc[printed, "node_id"].astype(str))
    if not indicators.empty:
        said = indicators["indikator"].notna() | indicators["target_raw"].notna()
        figures |= set(indicators.loc[said, "node_id"].astype(str))
    bare = programs[unnamed & ~ids.isin(parents | figures)]
    found: dict[int | None, list[pd.Series]] = {}
    for _, row in bare.iterrows():
        found.setdefault(_page(row), []).append(row)
    return [
        Doubt(
            "bare_nodes",
            f"page {page}: {len(rows)} node(s) print a name and nothing else (no code or "
            f"number, no amount, no indicator, no rows under them), e.g. "
            f"{str(rows[0]['nama'])!r}: a name's lines read as a row of their own",
            page,
            tuple(str(r["node_id"]) for r in rows),
        )
        for page, rows in sorted(found.items(), key=lambda item: item[0] or 0)
    ]


def unprinted_values(budgets: pd.DataFrame, indicators: pd.DataFrame) -> list[Doubt]:
    """Amounts and targets of the plan table printed as ``###`` or ``3E+09``: a spreadsheet
    prints its overflow sign where a column is too narrow for the number it holds, or the
    number rounded to a power of ten, and a PDF so exported does not hold the number. Not
    read, they went out empty with status ``ok`` (an amount that is not a number may be the
    document's own word, "Menyesuaikan"; these are numbers the page lost)."""
    lost: list[tuple[str, pd.Series]] = []
    for frame, raw in ((budgets, "amount_raw"), (indicators, "target_raw")):
        if frame.empty or raw not in frame.columns:
            continue
        plan = frame[frame["table_kind"] == "rumusan"]
        printed = plan[raw].astype("string").str.match(_OVERFLOW).fillna(False).astype(bool)
        lost += [(str(row[raw]), row) for _, row in plan[printed].iterrows()]
    if not lost:
        return []
    pages = sorted({page for _, row in lost if (page := _page(row)) is not None})
    text, first = lost[0]
    return [
        Doubt(
            "unprinted_values",
            f"{len(lost)} values of the plan table printed as {text!r} (how a spreadsheet "
            f"prints a number too wide for its column), e.g. for {_named(first)!r}, on page(s) "
            f"{', '.join(map(str, pages))}: the numbers are not in the PDF; read them from its "
            "source",
            _page(first),
            tuple(dict.fromkeys(str(row["node_id"]) for _, row in lost)),
        )
    ]


def _named(row: pd.Series) -> str:
    """A row's name, else how it is numbered."""
    name = row.get("nama")
    return " ".join(name.split()) if isinstance(name, str) and name.strip() else _label(row)


# A value a spreadsheet could not print in its column: # signs, or the number rounded to a
# power of ten ("3E+09", "2,7E+10"), a currency sign before them
_OVERFLOW = re.compile(r"^\s*(?:Rp\.?\s*)?(?:#+|\d(?:[.,]\d+)?E\+?\d+)\s*$", re.IGNORECASE)


def glued_names(programs: pd.DataFrame, prose: str) -> list[Doubt]:
    """Names whose words are far longer than the document's prose words, or join a lower-case
    letter to an upper-case one inside a word (``PenyediaanGaji``): printed without spaces."""
    prose_words = sorted(len(w) for w in _WORD.findall(prose))
    if len(prose_words) < 50:
        limit = 20
    else:
        limit = prose_words[int(len(prose_words) * 0.999)] + _GLUED_MARGIN
    glued = []
    for _, row in programs.iterrows():
        words = _WORD.findall(str(row["nama"] or ""))
        long = [w for w in words if len(w) > limit]
        joins = [w for w in words if len(_JOIN.findall(w)) >= 1 and len(w) > 12]
        if long or joins:
            glued.append((row, (long or joins)[0]))
    # a word longer than any the document writes in its prose is glue however rare (a name
    # wrapped one word a line, two of its lines joined as a word broken by the cell); a join of
    # cases alone may be a name's own spelling (``KiTa``), and counts when it is common
    if (
        not any(len(w) > limit for _, w in glued)
        and len(glued) < 3
        and len(glued) * 10 < len(programs)
    ):
        return []
    row, word = glued[0]
    return [
        Doubt(
            "glued_names",
            f"{len(glued)} of {len(programs)} names look glued (no spaces between words), e.g. "
            f"{word!r} in {row['level']} {_label(row)}",
            _page(row),
            tuple(str(r["node_id"]) for r, _ in glued),
        )
    ]


def unsure_names(programs: pd.DataFrame, minimum: float = MIN_OCR_CONFIDENCE) -> list[Doubt]:
    """Names read by OCR with a word under ``minimum`` confidence, one doubt a page: the name
    goes out as read (there is no printed reading to keep beside it), so the doubt says which
    to check against the page. Measured on the scan set at 150 dpi, a word under 85 marks four
    in five misread names, and one in seven names read right."""
    if "nama_ocr_confidence" not in programs:
        return []
    conf = pd.to_numeric(programs["nama_ocr_confidence"], errors="coerce")
    unsure = programs[conf < minimum].assign(conf=conf[conf < minimum])

    def say(page: int, rows: pd.DataFrame) -> str:
        first = rows.sort_values("conf").iloc[0]
        return (
            f"{len(rows)} name(s) on page {page} read by OCR with a word under confidence "
            f"{minimum:g}, e.g. {first['nama']!r} ({first['conf']:g}) in {first['level']} "
            f"{_label(first)}: check them against the page"
        )

    return _names_by_page("unsure_names", unsure, say)


def _names_by_page(
    check: str, rows: pd.DataFrame, say: Callable[[int, pd.DataFrame], str]
) -> list[Doubt]:
    """One doubt a page for the nodes of ``rows``, its message ``say(page, its rows)``."""
    return [
        Doubt(check, say(int(str(key)), group), int(str(key)),
              tuple(str(n) for n in group["node_id"]))
        for key, group in rows.groupby("page", sort=True)
    ]  # fmt: skip


def unknown_words(
    programs: pd.DataFrame, known: Collection[str], minimum: float = MIN_OCR_CONFIDENCE
) -> list[Doubt]:
    """Names read by OCR with every word sure (``unsure_names`` reports the others) that hold
    a word in no dictionary (``known``: the language's word list and the column words) and no
    misreading of a word of it (``extract.spelling.unknown_words``), one doubt a page. OCR
    reads a letter of a name as another at a confidence over 85 (``Akhur`` for ``Akhir``, 90,
    in the scanned synthetic plans at 150 dpi), and the name goes out as read; of the 407
    names of the documents with a truth (the sample and the real ones), all printed right, 24
    hold such a word."""
    if "nama_ocr_confidence" not in programs or not known:
        return []
    conf = pd.to_numeric(programs["nama_ocr_confidence"], errors="coerce")
    sure = programs[conf >= minimum]
    unknown = [
        _unknown(nama, known) if isinstance(nama, str) else [] for nama in sure["nama"]
    ]  # fmt: skip
    held = sure.assign(unknown=pd.Series(unknown, index=sure.index, dtype=object))
    held = held.loc[pd.Series([bool(words) for words in unknown], index=sure.index, dtype=bool)]

    def say(page: int, rows: pd.DataFrame) -> str:
        first = rows.iloc[0]
        return (
            f"{len(rows)} name(s) on page {page} read by OCR hold a word in no dictionary, "
            f"e.g. {first['unknown'][0]!r} in {first['nama']!r} ({first['level']} "
            f"{_label(first)}): check them against the page"
        )

    names = [str(n) if isinstance(n, str) else "" for n in programs["nama"]]
    misread = pd.Series(misread_for(names, list(conf.notna()), known), index=programs.index)
    doubted = sure.assign(misread=misread[sure.index])
    doubted = doubted.loc[pd.Series([bool(m) for m in doubted["misread"]], index=sure.index)]

    def say_misread(page: int, rows: pd.DataFrame) -> str:
        first = rows.iloc[0]
        read, word = first["misread"][0]
        return (
            f"{len(rows)} name(s) on page {page} read by OCR hold a word that OCR may have "
            f"misread for one the plan's other names print (beside the same words, or two "
            f"words joined by a slash), e.g. "
            f"{read!r} for {word!r} in {first['nama']!r} ({first['level']} {_label(first)}): "
            "check them against the page"
        )

    return _names_by_page("unknown_words", held, say) + _names_by_page(
        "unknown_words", doubted, say_misread
    )


def _texts_on_pages(
    programs: pd.DataFrame,
    indicators: pd.DataFrame | None,
    texts: Iterable[tuple[int, str]],
    holds: Callable[[str, str], bool],
    columns: tuple[str, ...] = ("indikator",),
) -> dict[int, dict[str, tuple[str, str]]]:
    """Per page, the nodes whose name, or indicator's ``columns``, on that page ``holds`` one
    of the page's ``texts`` (page, text), each with the value and the text."""
    frames = [(programs, "nama")]
    if indicators is not None:
        frames += [(indicators, c) for c in columns if c in indicators.columns]
    found: dict[int, dict[str, tuple[str, str]]] = {}
    for page, text in texts:
        for frame, column in frames:
            rows = _on_page(frame, page)
            for node_id, value in zip(rows["node_id"], rows[column], strict=True):
                if isinstance(value, str) and holds(value, text):
                    found.setdefault(page, {})[str(node_id)] = (value, text)
    return found


def slash_breaks(
    programs: pd.DataFrame,
    breaks: Iterable[tuple[int, str]],
    indicators: pd.DataFrame | None = None,
) -> list[Doubt]:
    """The names and indicators that hold a line broken after a slash and read as two words
    with nothing in the document to tell whether a space stood there
    (``RawTable.unsure_slashes``: the page and the two words, ``KABUPATEN/ KOTA``), one doubt
    a page naming the nodes."""
    found = _texts_on_pages(programs, indicators, breaks, lambda value, text: text in value)
    return [
        Doubt(
            "slash_breaks",
            f"page {page}: {len(names)} node(s) whose name or indicator breaks a line after a "
            f"slash, read as two words for want of a sign of the space (e.g. "
            f"{next(iter(names.values()))[1]!r}): the "
            "document prints neither the space at its lines' ends nor the word whole elsewhere",
            page,
            tuple(names),
        )
        for page, names in sorted(found.items())
    ]


def cut_texts(
    programs: pd.DataFrame, indicators: pd.DataFrame, cut: Iterable[tuple[int, str]]
) -> list[Doubt]:
    """The names, indicators and locations that fill their cell to its right edge beside the
    next cell's text, ending inside a word or in a document printed with wrap off
    (``RawTable.cut_texts``: the page and the cell's line; see ``renja.reading``): a sheet so
    printed cuts there what does not fit (``... Kantor Ting`` for ``... Kantor Tingkat
    Kecamatan``), and the PDF holds only what shows. One doubt a page, naming the nodes."""
    found = _texts_on_pages(
        programs,
        indicators,
        cut,
        lambda value, line: " ".join(value.split()).endswith(line),
        ("indikator", "lokasi"),
    )
    return [
        Doubt(
            "cut_texts",
            f"page {page}: {len(names)} name(s), indicator(s) or location(s) fill their cell "
            "to its edge "
            f"beside the next cell's text, ending inside a word or printed with wrap off, or "
            f"are clipped there by the PDF (e.g. "
            f"{next(iter(names.values()))[0]!r}): a sheet so printed cuts a text at its cell's "
            "edge, and the rest is not in the PDF",
            page,
            tuple(names),
        )
        for page, names in sorted(found.items())
    ]


def unparted_rows(pages: Iterable[int]) -> list[Doubt]:
    """One doubt a page whose table, read without rules, sets its cells at the middle or foot
    of their rows (``RawTable.unparted``)."""
    return [
        Doubt(
            "unparted_rows",
            f"page {page}: the table's cells stand at the middle or foot of their rows, which "
            "only the gaps between them part, if any: a row's first lines may have been read "
            "as the rest of the row above, or as the table's header",
            page,
            (),
        )
        for page in sorted(set(pages))
    ]


def indicators_above_or_below(pages: Iterable[int]) -> list[Doubt]:
    """One doubt a page whose table, set at the foot or middle of its rows, prints rows of further
    indicators between nodes, with nothing in the document to show whether each follows its
    node or precedes it (``RawTable.row_kinds``)."""
    return [
        Doubt(
            "unparted_rows",
            f"page {page}: the table's cells stand at the foot or the middle of their rows, "
            "and rows of further indicators stand between nodes: they were read as the node's "
            "above, as rows of their own print them; a node whose cells are merged over its "
            "indicators' rows prints its code on the last of them or their middle, and its "
            "indicators above it",
            page,
            (),
        )
        for page in sorted(set(pages))
    ]


def mended_words(
    programs: pd.DataFrame, indicators: pd.DataFrame, mended: dict[int, list[Mended]]
) -> list[Doubt]:
    """The names and indicators of a page read by OCR that hold a word mended from the
    dictionary (``extract.spelling``), one doubt a page naming the nodes whose name cell holds
    such a word; the message lists each word with its reading, and the nodes whose indicator
    prints one in the row of its value's cell."""
    doubts = []
    for page, words in sorted(mended.items()):
        names: dict[str, None] = {}
        of_indicators: dict[str, None] = {}
        used: dict[tuple[str, str], None] = {}
        rows = _on_page(programs, page)
        for row in rows.to_dict("records"):
            for read, text, box in words:
                if _inside(box, row):
                    names[str(row["node_id"])] = used[(read, text)] = None
        if "indikator" in indicators and not indicators.empty:
            rows = _on_page(indicators, page)
            for row in rows.to_dict("records"):
                printed = row["indikator"]
                for read, text, box in words:
                    if (
                        isinstance(printed, str)
                        and _in_row(box, row)
                        and set(_LETTERS.findall(text)) & set(_LETTERS.findall(printed))
                    ):
                        of_indicators[str(row["node_id"])] = used[(read, text)] = None
        if not used:
            continue  # words of headings, captions or other cells
        shown = ", ".join(f"{read!r} as {text!r}" for read, text in list(used)[:8])
        more = f" and {len(used) - 8} more" if len(used) > 8 else ""
        where = [f"the names of {', '.join(names)}"] if names else []
        where += [f"the indicators of {', '.join(of_indicators)}"] if of_indicators else []
        doubts.append(
            Doubt(
                "mended_words",
                f"page {page}: words OCR misread and the dictionary mended: {shown}{more}, in "
                f"{' and '.join(where)}: check them against the page",
                page,
                tuple(names),
            )
        )
    return doubts


def names_mended(programs: pd.DataFrame, mended: Sequence[tuple[str, str, str]]) -> list[Doubt]:
    """The names read by OCR that hold a word mended from the plan's other names
    (``extract.spelling.mend_by_names``), one ``mended_words`` doubt a page, each word with its
    reading."""
    pages = dict(zip(programs["node_id"].astype(str), programs["page"], strict=True))
    by_page: dict[int | None, dict[str, list[tuple[str, str]]]] = {}
    for node, read, text in mended:
        page = pages.get(node)
        at = None if page is None or pd.isna(page) else int(page)
        by_page.setdefault(at, {}).setdefault(node, []).append((read, text))
    doubts = []
    for page, nodes in sorted(by_page.items(), key=lambda item: item[0] or 0):
        words = [f"{read!r} as {text!r}" for how in nodes.values() for read, text in how]
        more = f" and {len(words) - 8} more" if len(words) > 8 else ""
        doubts.append(
            Doubt(
                "mended_words",
                f"page {page}: words OCR misread, mended from the words the plan's other "
                f"names print in their place, marks a speck left in them (a quote, or a "
                f"colon ending a name, taken out), a slash read as a quote, and letters of an "
                f"abbreviation taken from its words' first letters: "
                f"{', '.join(words[:8])}{more}, in the names of {', '.join(nodes)}: check them "
                "against the page",
                page,
                tuple(nodes),
            )
        )
    return doubts


_LETTERS = re.compile(r"[^\W\d_]+")


def _on_page(frame: pd.DataFrame, page: int) -> pd.DataFrame:
    """The rows of ``frame`` printed on ``page`` (none when it has no pages)."""
    return frame[frame["page"] == page] if "page" in frame else frame.iloc[0:0]


def _edges(row: dict[Any, Any]) -> tuple[float, float, float, float] | None:
    edges = [row.get(k) for k in ("x0", "top", "x1", "bottom")]
    if any(not isinstance(e, (int, float)) or e != e for e in edges):
        return None
    x0, top, x1, bottom = (float(e) for e in edges if e is not None)
    return x0, top, x1, bottom


def _inside(box: tuple[float, float, float, float], row: dict[Any, Any]) -> bool:
    """Whether the centre of ``box`` lies in the row's cell."""
    edges = _edges(row)
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return edges is not None and edges[0] <= x <= edges[2] and edges[1] <= y <= edges[3]


def _in_row(box: tuple[float, float, float, float], row: dict[Any, Any]) -> bool:
    """Whether the centre of ``box`` lies between the top and bottom of the row's cell."""
    edges = _edges(row)
    y = (box[1] + box[3]) / 2
    return edges is not None and edges[1] <= y <= edges[3]


def _label(row: pd.Series) -> str:
    """How a row is printed: its number, else its code, else its node id."""
    for key in ("nomor", "kode", "node_id"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
    return ""


def _names_other_parent(row: pd.Series, parent: pd.Series) -> tuple[str, str] | None:
    """The row's own number or code where it names a parent other than ``parent``: ``III.2.1``
    placed under ``II.3``, or a code that does not start with the parent's."""
    nomor, parent_nomor = row.get("nomor"), parent.get("nomor")
    if isinstance(nomor, str) and "." in nomor and isinstance(parent_nomor, str) and parent_nomor:
        expected = nomor.rsplit(".", 1)[0]
        return ("nomor " + nomor, parent_nomor) if expected != parent_nomor else None
    kode, parent_kode = row.get("kode"), parent.get("kode")
    if isinstance(kode, str) and isinstance(parent_kode, str) and parent_kode:
        return None if kode.startswith(parent_kode + ".") else ("kode " + kode, parent_kode)
    return None


def page_continuity(
    programs: pd.DataFrame, budgets: pd.DataFrame, runs_to_document_end: bool
) -> list[Doubt]:
    """Rows lost at a page break: the rows at the top of a page that name (by number or code)
    a parent other than the one they were placed under, printed on an earlier page; and a
    table that runs to the end of the document whose last parent lacks part of its amount."""
    nodes = _ordered(programs)
    by_id = {str(r["node_id"]): r for _, r in nodes.iterrows()}
    doubts = []
    previous_page = None
    for _, row in nodes.iterrows():
        page = _page(row)
        at_top = page != previous_page
        previous_page = page
        if not at_top or row["parent_id"] is None or pd.isna(row["parent_id"]):
            continue
        parent = by_id.get(str(row["parent_id"]))
        if parent is None or _page(parent) == page:
            continue
        named = _names_other_parent(row, parent)
        if named is not None:
            own, actual = named
            doubts.append(
                Doubt(
                    "page_continuity",
                    f"the first row of page {page} ({own}) does not belong under {actual} of "
                    f"page {_page(parent)}, where it was placed: the rows of its own parent "
                    "are missing between the two pages",
                    page,
                    (str(row["node_id"]), str(parent["node_id"])),
                )
            )
    if runs_to_document_end and len(nodes):
        amounts = _plan_amounts(budgets)
        last = nodes.iloc[-1]
        chain = []
        parent_id = last["parent_id"]
        while isinstance(parent_id, str) and parent_id in by_id:
            chain.append(by_id[parent_id])
            parent_id = by_id[parent_id]["parent_id"]
        for parent in chain:
            kids = nodes[nodes["parent_id"] == parent["node_id"]]
            values = [amounts.get(str(k)) for k in kids["node_id"]]
            stated = amounts.get(str(parent["node_id"]))
            if stated is None or any(v is None for v in values):
                continue
            if _total(values) < stated:
                doubts.append(
                    Doubt(
                        "page_continuity",
                        f"the table runs to the end of the document, and its last "
                        f"{parent['level']} {_label(parent)} lacks "
                        f"{format_rupiah(stated - _total(values))} of its amount: its last "
                        "rows (pages) may "
                        "be missing",
                        _page(last),
                        (str(parent["node_id"]),),
                    )
                )
                break
    return doubts


@dataclass(frozen=True)
class StatedAmount:
    """A total the document states, as one of the sums :func:`misread_digits` weighs."""

    jenis: str
    amount: Decimal
    page: int | None
    raw: str
    ocr: bool  # read by OCR from a scanned page


@dataclass
class _Value:
    key: str
    amount: Decimal | None  # None: printed, not read
    raw: str
    ocr: bool
    page: int | None
    who: str
    confidence: float | None = None


@dataclass
class _Sum:
    who: str
    total: str  # key of the stated value
    parts: list[str]


def misread_digits(
    programs: pd.DataFrame, budgets: pd.DataFrame, stated: Sequence[StatedAmount] = ()
) -> list[Doubt]:
    """Failed roll-ups that one amount read by OCR, with one digit read otherwise, would mend.

    For each kind of amount, the sums of the plan are weighed: a kegiatan against its sub
    kegiatan, a program against its kegiatan, each stated total against the programs. When some
    fail, an amount read by OCR is a likely misreading if the one value that makes every sum it
    is part of hold differs from its reading in a single digit, every failed sum is among them,
    and no other amount does the same; the doubt names the value, its page and the digit. When
    several amounts do the same (two sub kegiatan, ``48.000.000`` and ``5.439.661.000``, each
    one digit from mending their kegiatan's sum), and some were read with a confidence under
    ``UNSURE_OCR_CONFIDENCE``, one doubt names them all: one of those is likely misread, and
    the sums do not tell which; read surer, the fault stays the document's. The printed
    readings are kept.

    Amounts of a text layer are never taken for misread: their digits are the document's own,
    so a sum they break is the document's fault (an ``invalid`` document), however close the
    difference is to one digit.
    """
    nodes = programs.reset_index(drop=True)
    plan = budgets[budgets["table_kind"] == "rumusan"]
    doubts = []
    for jenis in sorted(set(plan["jenis"])):
        rows = plan[plan["jenis"] == jenis]
        values = _as_read(_values(nodes, rows), rows)
        sums = _sums(nodes, values)
        for number, total in enumerate(t for t in stated if t.jenis == jenis):
            key = f"total#{number}"
            values[key] = _Value(key, total.amount, total.raw, total.ocr, total.page, "total")
            programs_ = [k for k in nodes.loc[nodes["level"] == "program", "node_id"].astype(str)
                         if k in values]  # fmt: skip
            if programs_:
                sums.append(_Sum(f"the total of page {total.page}", key, programs_))
        failing = [s for s in sums if _gap(s, values) not in (None, Decimal(0))]
        if not failing:
            continue
        found = []
        for value in values.values():
            reading = _mended(value, sums, failing, values)
            if reading is not None:
                found.append((value, *reading))
        if len(found) == 1:
            value, mended, position = found[0]
            doubts.append(_misread_doubt(value, mended, position, jenis, sums))
        elif any(_unsure(value) for value, _, _ in found):
            doubts.append(_misread_doubts(found, jenis, failing))
    return doubts


def _unsure(value: _Value) -> bool:
    return value.confidence is not None and value.confidence < UNSURE_OCR_CONFIDENCE


def _confidence(value: _Value) -> str:
    return f", confidence {value.confidence:.0f}" if _unsure(value) else ""


def _misread_doubts(
    found: list[tuple[_Value, Decimal, int]], jenis: str, failing: list[_Sum]
) -> Doubt:
    """Several amounts read by OCR, each of which with one digit read otherwise would mend the
    failed sums, some read with a confidence under ``UNSURE_OCR_CONFIDENCE``: one of those is
    likely misread, which the sums do not tell; all are named, the unsure ones as the doubt's
    nodes."""
    each = [
        f"{value.who} as {value.raw or format_rupiah(value.amount or 0)} on page {value.page} "
        f"({format_rupiah(mended)}{_confidence(value)})"
        for value, mended, _ in found
    ]
    unsure = [value for value, _, _ in found if _unsure(value)]
    pages = [value.page for value in unsure if value.page is not None]
    return Doubt(
        "misread_digits",
        f"{' and '.join(s.who for s in failing)} {jenis} would add up with one digit of any of "
        f"these amounts read by OCR read otherwise: {'; '.join(each)}: one of those read with "
        f"a confidence under {UNSURE_OCR_CONFIDENCE:g} is likely misread, which the sums do not "
        "tell (the values are kept as read)",
        min(pages) if pages else None,
        tuple(
            k
            for k in dict.fromkeys([*(value.key for value in unsure), *(s.total for s in failing)])
            if not k.startswith("total#")
        ),
    )


def confirm_by_sums(programs: pd.DataFrame, budgets: pd.DataFrame) -> pd.DataFrame:
    """The plan's amounts with those read by OCR but left null for a low confidence taken as
    read where a sum they are part of holds exactly with their reading and none breaks: a
    kegiatan and its sub kegiatan, a program and its kegiatan, every value of the sum read. A
    misread digit could make an exact sum hold only if another value of it were misread to make
    up the difference; a reading that breaks a sum, or that no sum can check (a sibling
    unread), stays null with its flag. A sibling not read whose own parts were all read counts
    as their sum (``_with_unread_summed``): a program beside a kegiatan OCR could not read is
    checked against that kegiatan's sub kegiatan. Unsure values of one sum are taken together
    when it holds with all their readings (``_confirmed_together``). Confirmed amounts are
    flagged (``confirmed by a sum:``, with the confidence and the sum) and the raw text is kept;
    one confirmed amount may complete a sum that confirms another."""
    plan = budgets[budgets["table_kind"] == "rumusan"]
    nodes = programs.reset_index(drop=True)
    amounts: dict[Any, Decimal] = {}
    flags: dict[Any, str] = {}
    for jenis in sorted(set(plan["jenis"])):
        rows = plan[plan["jenis"] == jenis]
        values = _values(nodes, rows)
        sums = _sums(nodes, values)
        pending: dict[str, tuple[Any, Decimal, str]] = {}
        for index, row in rows.iterrows():
            flag, confidence = row.get("amount_flag"), row.get("ocr_confidence")
            if not (isinstance(flag, str) and flag.startswith(LOW_CONFIDENCE)):
                continue
            reading = _ocr_reading(str(row.get("amount_raw") or ""))
            if reading.value is not None and str(row["node_id"]) in values:
                how = f"; {reading.flag}" if reading.flag else ""
                pending[str(row["node_id"])] = (index, reading.value, f"{confidence:.0f}{how}")
        confirmed = True
        while confirmed:
            confirmed = False
            for key, (index, value, how) in list(pending.items()):
                values[key] = replace(values[key], amount=value)
                mine = [s for s in sums if s.total == key or key in s.parts]
                seen, derived = _with_unread_summed(values, sums, key)
                gaps = [_gap(s, seen) for s in mine]
                holding = [s for s, gap in zip(mine, gaps, strict=True) if gap == 0]
                if holding and all(gap in (None, Decimal(0)) for gap in gaps):
                    amounts[index] = value.quantize(Decimal("0.01"))
                    summed = [seen[k].who for k in holding[0].parts if k in derived]
                    flags[index] = (
                        f"{CONFIRMED}read with OCR confidence {how}; the sum under "
                        f"{holding[0].who} holds with it"
                        + (f", {' and '.join(summed)} not read and taken as the sum of its "
                           "own parts" if summed else "")
                    )  # fmt: skip
                    del pending[key]
                    confirmed = True
                else:
                    values[key] = replace(values[key], amount=None)
            for total in [] if confirmed else sums:
                together = _confirmed_together(total, sums, values, pending)
                for key in together:
                    index, value, how = pending.pop(key)
                    amounts[index] = value.quantize(Decimal("0.01"))
                    flags[index] = (
                        f"{CONFIRMED}read with OCR confidence {how}; the sum under "
                        f"{total.who} holds with it and the {len(together) - 1} other "
                        "amount(s) of it read with a low confidence"
                    )
                    confirmed = True
    if not amounts:
        return budgets
    out = budgets.copy()
    out["amount"] = [amounts.get(i, a) for i, a in zip(out.index, out["amount"], strict=True)]
    out["amount_flag"] = [
        flags.get(i, f) for i, f in zip(out.index, out["amount_flag"], strict=True)
    ]
    return out


def _ocr_reading(raw: str) -> Parsed:
    """An amount OCR read with a low confidence, as read: its raw text under the grammar."""
    reading = trust_ocr(parse_amount(raw), 100.0)
    if reading.value is None:  # the lines of an amount wrapped in its cell, spaced
        reading = trust_ocr(parse_amount(raw.replace(" ", "\n")), 100.0)
    return reading


def _as_read(values: dict[str, _Value], rows: pd.DataFrame) -> dict[str, _Value]:
    """The values with each amount that OCR read but left null for a low confidence taken as
    read, for weighing sums: a kegiatan whose sub kegiatan are read but one left null is
    otherwise checked by no sum, and a misread digit of a sibling read surely went out
    unflagged (held-out synthetic scan, seed 213 at 150 dpi: ``23.200.900`` for
    ``23.200.000`` at 92, its sibling's ``26.106.800.000`` at 83). The null value keeps its
    flag; a doubt may name it too, where its own reading is the one a digit off."""
    out = dict(values)
    for row in rows.to_dict("records"):
        key, flag = str(row["node_id"]), row.get("amount_flag")
        if key not in out or out[key].amount is not None:
            continue
        if not (isinstance(flag, str) and flag.startswith(LOW_CONFIDENCE)):
            continue
        reading = _ocr_reading(str(row.get("amount_raw") or "")).value
        if reading is not None:
            out[key] = replace(out[key], amount=reading)
    return out


def _with_unread_summed(
    values: dict[str, _Value], sums: list[_Sum], key: str
) -> tuple[dict[str, _Value], set[str]]:
    """The values with each amount not read taken as the sum of its own parts where every part
    was read (a kegiatan whose amount OCR could not read, as the sum of its sub kegiatan), and
    those so taken: the form makes each total the sum of its parts, so a program whose reading
    equals that sum plus its other kegiatan is read right, unless the plan's own sums break by
    the very amount of a misreading. A sum with ``key`` among its parts gives no total, which
    would hold with ``key``'s reading whatever it is; totals so taken give others in turn."""
    seen, derived = dict(values), set()
    grown = True
    while grown:
        grown = False
        for total in sums:
            parts = [seen[k].amount for k in total.parts]
            if (seen[total.total].amount is None and total.total != key
                    and key not in total.parts and all(p is not None for p in parts)):  # fmt: skip
                amount = sum((p for p in parts if p is not None), Decimal(0))
                seen[total.total] = replace(seen[total.total], amount=amount)
                derived.add(total.total)
                grown = True
    return seen, derived


def _confirmed_together(
    total: _Sum, sums: list[_Sum], values: dict[str, _Value],
    pending: dict[str, tuple[Any, Decimal, str]],
) -> list[str]:  # fmt: skip
    """The values of a sum left null for a low confidence, when there are several and the sum
    holds exactly with all their readings and no other sum of theirs breaks (they stay in
    ``values``); else none. Two misread parts could make it hold only if their errors
    cancelled to the rupiah, one digit read too high in one and the same too low in the other;
    an unsure total and an unsure part only if both were misread by the same amount. A total
    is taken so only beside parts read for sure that add up to more than nothing: a kegiatan
    and its only sub kegiatan print one amount twice, which OCR may misread twice alike."""
    members = [total.total, *total.parts]
    missing = [key for key in members if values[key].amount is None]
    if len(missing) < 2 or any(key not in pending for key in missing):
        return []
    if total.total in missing:
        sure = [values[k].amount for k in total.parts if k not in missing]
        if not sure or sum((a for a in sure if a is not None), Decimal(0)) == 0:
            return []
    for key in missing:
        values[key] = replace(values[key], amount=pending[key][1])
    touched = [s for s in sums if s.total in missing or any(k in missing for k in s.parts)]
    if _gap(total, values) == 0 and all(_gap(s, values) in (None, Decimal(0)) for s in touched):
        return missing
    for key in missing:
        values[key] = replace(values[key], amount=None)
    return []


def misread_codes(programs: pd.DataFrame, budgets: pd.DataFrame) -> list[Doubt]:
    """Codes read by OCR that are likely misread: a kode whose prefix differs in one digit from
    the code of the node it hangs under (the node's digit, or its parent's when several
    children agree on the other reading), a kode printed by two nodes, and a node without a
    code where most nodes read by OCR have one (its code printed but not readable), or, in a
    table that numbers its rows instead (``I`` / ``I.1``), without a number where most have
    one (a lone ``I``, a single stroke, lost in a coarse scan), or with a number whose depth is
    not its level (``I.5.1`` read ``154``, which no reading of the numbering puts right), and row
    numbers that do not follow the number before them (one doubt a page). The codes stay as
    read; the doubt names both readings.

    A node is read by OCR when one of its plan amounts carries an OCR confidence; codes of a
    text layer are the document's own, and a wrong prefix there is its fault (the code checks).
    """
    plan = budgets[(budgets["table_kind"] == "rumusan") & budgets["ocr_confidence"].notna()]
    read = set(plan["node_id"].astype(str))
    nodes = programs[programs["node_id"].astype(str).isin(read) & programs["kode"].notna()]
    kode_of = dict(zip(programs["node_id"].astype(str), programs["kode"], strict=True))
    doubts = []
    children: dict[tuple[str, str], list[pd.Series]] = defaultdict(list)
    for _, row in nodes.iterrows():
        parent = row["parent_id"]
        printed = kode_of.get(str(parent)) if isinstance(parent, str) else None
        implied = parent_kode(str(row["kode"]))
        if isinstance(printed, str) and implied and one_digit_apart(implied, printed):
            children[(str(parent), implied)].append(row)
    for (parent, implied), rows in children.items():
        printed = str(kode_of[parent])
        page = rows[0].get("page")
        page = None if page is None or pd.isna(page) else int(page)
        if len(rows) > 1:  # the children agree: the parent's code is the odd one
            message = (
                f"{len(rows)} nodes read by OCR under {printed} (page {page}) print codes that "
                f"start with {implied}, one digit apart from it: likely a misread digit of "
                f"{printed} (the codes are kept as read)"
            )
            ids = (parent, *(str(r["node_id"]) for r in rows))
        else:
            message = (
                f"kode {rows[0]['kode']} read by OCR on page {page} starts with {implied}, one "
                f"digit apart from the code {printed} of the node it hangs under: likely a "
                "misread digit (the code is kept as read)"
            )
            ids = (str(rows[0]["node_id"]), parent)
        doubts.append(Doubt("misread_codes", message, page, ids))
    for kode, same in nodes.groupby("kode"):
        if len(same) > 1:
            pages = sorted({int(p) for p in same["page"].dropna()})
            doubts.append(
                Doubt(
                    "misread_codes",
                    f"kode {kode} is printed by {len(same)} nodes read by OCR (pages "
                    f"{', '.join(map(str, pages))}): likely a misread digit of one of them (the "
                    "codes are kept as read)",
                    pages[0] if pages else None,
                    tuple(same["node_id"].astype(str)),
                )
            )
    by_ocr = programs[programs["node_id"].astype(str).isin(read)]
    uncoded = by_ocr[by_ocr["kode"].isna()]
    what = "code"
    if not 2 * len(uncoded) < len(by_ocr):  # not a coded table: perhaps a numbered one
        uncoded = uncoded[uncoded["nomor"].isna()]
        what = "number"
    numbered = by_ocr[by_ocr["kode"].isna() & by_ocr["nomor"].notna()]
    if 2 * int(numbered["nomor"].astype(str).str.contains(".", regex=False).sum()) > len(by_ocr):
        # a dotted numbering (I / I.1 / I.1.1): a number whose depth is not the node's level
        # was misread in a way the numbering could not put right (``I.5.1`` read ``154``)
        fits = [
            level_of_nomor(str(n)) == lv
            for n, lv in zip(numbered["nomor"], numbered["level"], strict=True)
        ]
        breaks = sequence_breaks([str(n) for n in numbered["nomor"]])
        broken = numbered[[b and f for b, f in zip(breaks, fits, strict=True)]]
        for at, group in broken.groupby("page", sort=True):
            first = group.iloc[0]
            doubts.append(
                Doubt(
                    "misread_codes",
                    f"{len(group)} row number(s) read by OCR on page {at} do not follow the "
                    f"number before them (e.g. {first['nomor']} for {first['level']} "
                    f"{str(first['nama'])[:50]!r}): likely misread, so the rows may hang under "
                    "the wrong node (the numbers are kept as read)",
                    int(str(at)),
                    tuple(group["node_id"].astype(str)),
                )
            )
        for _, row in numbered[[not f for f in fits]].iterrows():
            page = None if pd.isna(row.get("page")) else int(row["page"])
            doubts.append(
                Doubt(
                    "misread_codes",
                    f"{row['level']} {row['nama'][:60]!r} read by OCR on page {page} has the "
                    f"row number {row['nomor']}, which is not a {row['level']}'s number: likely "
                    "misread (the number is kept as read)",
                    page,
                    (str(row["node_id"]),),
                )
            )
    if len(uncoded) and 2 * len(uncoded) < len(by_ocr):
        for _, row in uncoded.iterrows():
            page = None if pd.isna(row.get("page")) else int(row["page"])
            doubts.append(
                Doubt(
                    "misread_codes",
                    f"{row['level']} {row['nama'][:60]!r} read by OCR on page {page} has no "
                    f"{what} that could be read, where the other nodes have one: its amounts "
                    f"are kept without a {what}",
                    page,
                    (str(row["node_id"]),),
                )
            )
    return doubts


def _values(nodes: pd.DataFrame, rows: pd.DataFrame) -> dict[str, _Value]:
    levels = dict(zip(nodes["node_id"].astype(str), nodes["level"], strict=True))
    labels = {str(r["node_id"]): _label(r) for _, r in nodes.iterrows()}
    values = {}
    for row in rows.to_dict("records"):
        key = str(row["node_id"])
        amount, flag = row["amount"], row.get("amount_flag")
        if amount is None or pd.isna(amount):
            amount = None if isinstance(flag, str) else Decimal(0)  # empty counts as zero
        confidence = row.get("ocr_confidence")
        ocr = confidence is not None and not pd.isna(confidence)
        page = row.get("page")
        values[key] = _Value(
            key,
            None if amount is None else Decimal(str(amount)),
            str(row.get("amount_raw") or ""),
            ocr,
            None if page is None or pd.isna(page) else int(page),
            f"{levels.get(key, '')} {labels.get(key, key)}".replace("_", " ").strip(),
            float(confidence) if confidence is not None and ocr else None,
        )
    return values


def _sums(nodes: pd.DataFrame, values: dict[str, _Value]) -> list[_Sum]:
    children: dict[str, list[str]] = {}
    for node_id, parent in zip(nodes["node_id"].astype(str), nodes["parent_id"], strict=True):
        if isinstance(parent, str) and node_id in values:
            children.setdefault(parent, []).append(node_id)
    return [_Sum(values[p].who, p, kids) for p, kids in children.items() if p in values]


def _gap(total: _Sum, values: dict[str, _Value]) -> Decimal | None:
    """Stated minus computed, None when a value of the sum was not read."""
    stated = values[total.total].amount
    parts = [values[k].amount for k in total.parts]
    if stated is None or any(p is None for p in parts):
        return None
    return stated - sum((p for p in parts if p is not None), Decimal(0))


def _mended(
    value: _Value, sums: list[_Sum], failing: list[_Sum], values: dict[str, _Value]
) -> tuple[Decimal, int] | None:
    """The reading of an OCR-read value that makes every sum it is part of hold, and the place
    (0-based, in its digits) of the one digit it changes; None unless every failed sum is among
    them and the reading differs in exactly one digit."""
    if not value.ocr or value.amount is None or value.amount < 0:
        return None
    mine = [s for s in sums if value.key == s.total or value.key in s.parts]
    if not mine or any(s not in mine for s in failing):
        return None
    needed = set()
    for total in mine:
        gap = _gap(total, values)
        if gap is not None:  # a sum with a value not read neither confirms nor denies
            needed.add(value.amount - gap if value.key == total.total else value.amount + gap)
    if len(needed) != 1:
        return None
    mended = needed.pop()
    old, new = _digit_string(value.amount), _digit_string(mended)
    if mended < 0 or len(old) != len(new):
        return None
    changed = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    return (mended, changed[0]) if len(changed) == 1 else None


def _digit_string(amount: Decimal) -> str:
    """An amount's digits as printed: whole rupiah, with two digits of cents when it has any."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}".replace(".", "")


def _misread_doubt(
    value: _Value, mended: Decimal, position: int, jenis: str, sums: list[_Sum]
) -> Doubt:
    old, new = _digit_string(value.amount or Decimal(0)), _digit_string(mended)
    held = [s for s in sums if value.key == s.total or value.key in s.parts]
    confidence = f", confidence {value.confidence:.0f}" if value.confidence is not None else ""
    return Doubt(
        "misread_digits",
        f"{value.who} {jenis} read by OCR as {value.raw or format_rupiah(value.amount or 0)} "
        f"on page {value.page}{confidence}: with its digit {position + 1} read as "
        f"{new[position]} instead of {old[position]} ({format_rupiah(mended)}), "
        f"{' and '.join(s.who for s in held)} would add up: likely a misread digit (the value "
        "is kept as read)",
        value.page,
        tuple(
            k
            for k in dict.fromkeys((value.key, *(s.total for s in held)))
            if not k.startswith("total#")
        ),  # fmt: skip
    )
