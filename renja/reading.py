"""How far a document's reading can be trusted: the plan table's extent, the accounting of
every amount printed in it, and the checks of the reading (see ``transform.reading``).

Called once per document after its plan is built; the doubts go to ``summary.json``, where
validation turns them into the ``reading`` checks that make a document ``suspect``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extract.coverage import printed_amounts, printed_numbers, table_span
from extract.document import PageText
from extract.spelling import Mended
from extract.tables import ends_inside_a_word, printed_words
from transform.headers import column_texts, is_number_row
from transform.hierarchy import StatedTotal
from transform.metadata import cover_year, header_years
from transform.reading import (
    Coverage,
    Doubt,
    StatedAmount,
    UnknownColumn,
    account,
    bare_nodes,
    carried_numbers,
    collapsed_levels,
    columns_not_understood,
    cut_texts,
    failing_parents,
    folded_rows,
    glued_names,
    indicators_above_or_below,
    mended_words,
    misread_codes,
    misread_digits,
    names_mended,
    names_plan_year,
    other_grouping,
    page_continuity,
    plan_year_doubts,
    plan_year_sources,
    read_numbers,
    read_values,
    regrouped_levels,
    slash_breaks,
    unknown_words,
    unparted_rows,
    unplaced_rows,
    unprinted_values,
    unsure_names,
)
from transform.rows import LogicalTable
from transform.vocabulary import role_of

__all__ = ["Reading", "check_reading"]


@dataclass
class Reading:
    """What the reading of one document left in doubt."""

    coverage: dict[str, Any] = field(default_factory=dict)
    unread: list[dict[str, Any]] = field(default_factory=list)
    pages_not_read: dict[int, str] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)
    # "node_id/jenis" -> the rows printed after a parent whose amounts add up to its own, for
    # each parent that is not the sum of its children
    regroupings: dict[str, list[str]] = field(default_factory=dict)


def titled_unread(
    titled: Collection[int], plans: list[LogicalTable], pages: list[PageText]
) -> dict[int, str]:
    """Pages under the plan table's title (``titled``: a table found under it) that print
    amounts, where no table of the plan was read: the plan's first page under a header not
    understood, whose rows would otherwise be lost without a word, outside the span of the
    tables read."""
    in_plan = {t.page for table in plans for t, _, _ in table.segments}
    amounts = {page.number: page.amount_tokens for page in pages}
    return {
        page: "the plan table's title is printed over a table on this page that was not read "
        "(its header not understood)"
        for page in sorted(set(titled) - in_plan)
        if amounts.get(page, 0) >= _TITLED_AMOUNTS
    }


_TITLED_AMOUNTS = 2  # amounts on a titled page that make it a page of the plan's rows


def check_reading(
    path: Path,
    plans: list[LogicalTable],
    pages: list[PageText],
    frames: dict[str, pd.DataFrame],
    stated: list[StatedTotal],
    tahun: int | None,
    text_layer: Path | None = None,
    ocr_numbers: set[int] | None = None,
    mended: dict[int, list[Mended]] | None = None,
    known: Collection[str] = (),
    titled: Collection[int] = (),
    unplaced: Sequence[tuple[int, str]] = (),
    mended_names: Sequence[tuple[str, str, str]] = (),
) -> Reading:
    """The plan table's span and coverage, and the doubts the rows raise (``mended``: the words
    OCR misread and mended, per page; ``known``: the words of OCR's language, for the names it
    read; ``titled``: the pages of a table under the plan table's title, which are not read
    where the plan's tables do not take them in; ``unplaced``: rows read by OCR with a name
    and amounts of their own that were taken for the rest of the row above)."""
    reading = Reading()
    programs, budgets = frames["programs"], frames["budgets"]
    read = read_values(budgets)
    for total in stated:
        raws = (total.plan.raw, total.next.raw, total.before.raw)
        read += [(total.page, raw) for raw in raws if raw]
    tables: dict[str, Coverage] = {}
    to_end = False
    for number, table in enumerate(plans, start=1):
        first, _, _ = table.segments[0]
        last, _, _ = table.segments[-1]
        span = table_span(path, first.page, first.bbox[1] - 2, last.page, last.bbox[3])
        read_pages = {t.page for t, _, _ in table.segments}
        printed = printed_amounts(path, span, text_layer, ocr_numbers or set())
        to_end = span.ended_by == "end of document"
        coverage = account(printed, read, span.pages)
        for page in span.pages:
            if page not in read_pages and page not in coverage.pages_not_read:
                coverage.pages_not_read[page] = "no table read on this page"
        tables[table.label or f"plan#{number}"] = coverage
        reading.unread += coverage.unread
        reading.pages_not_read.update(coverage.pages_not_read)
    for page, reason in titled_unread(titled, plans, pages).items():
        reading.pages_not_read.setdefault(page, reason)
    numbers = _number_coverage(path, plans, frames, text_layer, ocr_numbers or set())
    reading.coverage = {
        "printed": sum(c.printed for c in tables.values()),
        "read": sum(c.read for c in tables.values()),
        "unread": sum(len(c.unread) for c in tables.values()),
        "numbers": numbers.figures(),
        "tables": {label: c.figures() for label, c in tables.items()},
    }
    for page, reason in sorted(reading.pages_not_read.items()):
        reading.doubts.append(Doubt("coverage", f"page {page} of the plan table: {reason}", page))
    for value in reading.unread:
        if value["page"] in reading.pages_not_read:
            continue  # counted with its page
        reading.doubts.append(
            Doubt(
                "coverage",
                f"amount {value['text']} printed on page {value['page']} at "
                f"({value['x0']:.0f}, {value['top']:.0f}) is in no output row",
                value["page"],
            )
        )
    reading.unread += numbers.unread
    for value in numbers.unread:
        if value["page"] in reading.pages_not_read:
            continue
        reading.doubts.append(
            Doubt(
                "coverage",
                f"number {value['text']} printed on page {value['page']} at "
                f"({value['x0']:.0f}, {value['top']:.0f}) is in no output row",
                value["page"],
            )
        )
    nodes = programs.reset_index(drop=True)
    reading.doubts += collapsed_levels(nodes, budgets)
    reading.doubts += regrouped_levels(nodes, budgets)
    reading.doubts += page_continuity(nodes, budgets, to_end)
    reading.doubts += _plan_year(plans, pages, tahun)
    table_pages = {t.page for p in plans for t, _, _ in p.segments}
    prose = "\n".join(p.text for p in pages if p.number not in table_pages)
    reading.doubts += glued_names(nodes, prose)
    reading.doubts += folded_rows(frames["indicators"])
    reading.doubts += unprinted_values(budgets, frames["indicators"])
    reading.doubts += bare_nodes(nodes, budgets, frames["indicators"])
    reading.doubts += unplaced_rows(unplaced)
    reading.doubts += _missing_columns(plans, pages)
    reading.doubts += _amount_unit(plans)
    reading.doubts += columns_not_understood(_unknown_columns(plans))
    reading.doubts += misread_digits(nodes, budgets, _stated(stated, ocr_numbers or set()))
    reading.doubts += misread_codes(nodes, budgets)
    reading.doubts += unsure_names(nodes)
    reading.doubts += unknown_words(nodes, known)
    reading.doubts += mended_words(nodes, frames["indicators"], mended or {})
    reading.doubts += names_mended(nodes, mended_names)
    breaks = {(t.page, text) for p in plans for t, _, _ in p.segments for text in t.unsure_slashes}
    reading.doubts += slash_breaks(nodes, sorted(breaks), frames["indicators"])
    reading.doubts += cut_texts(nodes, frames["indicators"], _cut(plans, nodes, frames, prose))
    segments = [t for p in plans for t, _, _ in p.segments]
    reading.doubts += unparted_rows(t.page for t in segments if t.unparted)
    reading.doubts += indicators_above_or_below(
        page for p in plans for page in _further_unplaced(p)
    )
    reading.regroupings = _regroupings(nodes, budgets)
    return reading


def _further_unplaced(plan: LogicalTable) -> list[int]:
    """The pages of a table read from the foot up or the middle (``RawTable.row_kinds``) whose
    rows of further indicators may belong to the node below them as well as to the node
    above. Rows of their own print a node's further indicators after its row; a node whose
    code and name cells are merged over its indicators' rows (or whose indicators stand one
    under another in one cell) prints its code on the last of them, set at the foot, or on the
    middle one, set at the middle, its indicators before it, or around it. Between two nodes,
    nothing on the rows tells the two apart; the table's order of rows does where it fits one
    of the two and not the other (``_merged_fits``), as a table that opens with such rows, or
    prints them under a total's row, fits only the second. Rows read as the first are in
    doubt unless the table fits the first and not the second, set as its rows show: at the
    foot, at the middle, or, where none shows which, at either."""
    tables = list({id(t): t for t, _, _ in plan.segments}.values())
    kinds = "".join(t.row_kinds for t in tables).replace("R", "")
    further = {"F", "f", "e"}
    if not further & set(kinds):
        return []
    # the pages of one table are set alike: a page that shows how shows it for all
    shown = {centred for letter, centred in (("F", False), ("f", True)) if letter in kinds}
    ways = shown or {False, True}
    kinds = re.sub("[Ffe]", "F", kinds)
    own = all(not part.startswith("F") for part in kinds.split("T"))
    if own and not any(_merged_fits(kinds, centred) for centred in ways):
        return []
    return [t.page for t in tables if further & set(t.row_kinds)]


def _merged_fits(kinds: str, centred: bool) -> bool:
    """Whether the rows' kinds (``N`` or ``M`` a node, ``F`` a further indicator, ``T`` a
    total) fit a table whose nodes' cells are merged over their indicators' rows: set at the
    foot, each run of indicators' rows stands over its node; set at the middle, a node that
    has such rows has some over it and some under it (as high over as under), a run between
    two nodes the first's under and the second's over, in any share. A node whose name stands
    higher than its indicator's cells (``M``) has none (its name would stand beside them).
    Totals part the runs."""
    for part in kinds.split("T"):
        runs = [len(run) for run in re.split("[NM]", part)]  # one more than the nodes
        nodes = re.findall("[NM]", part)
        if not nodes:
            if runs[0]:
                return False  # indicators' rows with no node to belong to
            continue
        if not centred:
            if runs[-1] or any(run for node, run in zip(nodes, runs, strict=False) if node == "M"):
                return False
            continue
        # which nodes may have rows of their own around them: a run of one row is the node's
        # over it or the one's under it, none is neither's, two or more may be both's
        may = {False, True} - ({True} if nodes[0] == "M" else set())
        may = {has for has in may if has == (runs[0] > 0)}
        for at, node in enumerate(nodes[1:], start=1):
            run = runs[at]
            choices = {False} if node == "M" else {False, True}
            may = {
                has
                for has in choices
                for before in may
                if (run == 0 and not before and not has)
                or (run == 1 and before != has)
                or (run >= 2 and (before or has))
            }
        if not any(has == (runs[-1] > 0) for has in may):
            return False
    return True


def _cut(
    plans: list[LogicalTable],
    nodes: pd.DataFrame,
    frames: dict[str, pd.DataFrame],
    prose: str,
) -> list[tuple[int, str]]:
    """The lines of text that fill their cell to the edge (``RawTable.cut_texts``) that were
    cut there: all of them where the sheet printed with wrap off (a text somewhere runs on
    over a column's rule), else those that end inside a word (``ends_inside_a_word``) whose
    last word the document prints in no other text, name, indicator or its prose (a word the
    word list lacks is often printed again; a word's first letters, ``Daera``, are not), or
    prints only as the first letters of a longer word (``Ting`` of ``Tingkat``)."""
    segments = [t for p in plans for t, _, _ in p.segments]
    wrap_off = any(t.ran_over for t in segments)
    texts = {*nodes["nama"].dropna(), *frames["indicators"]["indikator"].dropna(), prose}
    printed = printed_words(str(text) for text in texts)

    ordered = sorted(printed)

    def elsewhere(word: str) -> bool:
        return printed[word] > 1

    def begins(word: str) -> bool:
        at = bisect.bisect_right(ordered, word)
        return at < len(ordered) and ordered[at].startswith(word)

    found = {
        (t.page, line)
        for t in segments
        for line in t.cut_texts
        if wrap_off or ends_inside_a_word(line, elsewhere, begins)
    }
    return sorted(found)


def _number_coverage(
    path: Path,
    plans: list[LogicalTable],
    frames: dict[str, pd.DataFrame],
    text_layer: Path | None,
    ocr_pages: set[int],
) -> Coverage:
    """The number-like words printed in the body of each page's plan table (below its header
    and column-number row), matched with the words of the output rows of the same page."""
    areas: dict[int, list[tuple[float, float, float, float]]] = {}
    for plan in plans:
        for table, header, first_row in plan.segments:
            x0, top, x1, bottom = table.bbox
            if first_row:
                tops = (
                    [b[1] for b in table.boxes[first_row] if b] if table.boxes[first_row:] else []
                )
                top = min(tops, default=bottom)
            # the code columns are left out: a code is printed in parts that need not follow
            # its dots ("0" over "7" for 07, "2.01"); its form is checked on its own
            codes = set(header.columns("kode"))
            edges = table.edges if len(table.edges) == table.n_cols + 1 else (x0, x1)
            strips = [
                (edges[c], top - 1, edges[c + 1], bottom)
                for c in range(len(edges) - 1)
                if c not in codes or len(edges) == 2
            ]
            areas.setdefault(table.page, []).extend(strips)
    printed = printed_numbers(path, areas, text_layer, ocr_pages)
    return account(printed, read_numbers(frames), sorted(areas),
                   "number printed in the table, in no output row",
                   carried_numbers(frames))  # fmt: skip


def _stated(stated: list[StatedTotal], ocr_pages: set[int]) -> list[StatedAmount]:
    """The totals the document states, per kind of amount, with whether OCR read them."""
    out = []
    for total in stated:
        for jenis, parsed in (("pagu_indikatif", total.plan), ("prakiraan_maju", total.next)):
            if parsed.value is not None:
                ocr = total.page in ocr_pages
                out.append(StatedAmount(jenis, parsed.value, total.page, parsed.raw, ocr))
    return out


def _regroupings(nodes: pd.DataFrame, budgets: pd.DataFrame) -> dict[str, list[str]]:
    found = {}
    for jenis in ("pagu_indikatif", "prakiraan_maju"):
        for node_id in failing_parents(nodes, budgets, jenis):
            run = other_grouping(nodes, budgets, node_id, jenis)
            if run:
                found[f"{node_id}/{jenis}"] = run
    return found


def _plan_year(plans: list[LogicalTable], pages: list[PageText], tahun: int | None) -> list[Doubt]:
    """The plan year against the caption of the plan table, printed above it on its first page
    (or at the foot of the page before), the years its column headers name and the cover."""
    first, _, _ = plans[0].segments[0]
    doubts = plan_year_sources(tahun, header_years(plans), cover_year(pages), first.page)
    for text in (first.text_before, *_page_text(pages, first.page - 1)):
        if names_plan_year(text):
            return plan_year_doubts(text, tahun, first.page) + doubts
    return doubts


def _page_text(pages: list[PageText], number: int) -> list[str]:
    return [p.text[-600:] for p in pages if p.number == number]


def _unknown_columns(plans: list[LogicalTable]) -> list[UnknownColumn]:
    """The columns of each page of the plan tables that the header map gives no role, with
    the cells of their data rows (a column whose header names a role that was then left out,
    such as a second name column, is understood)."""
    found = []
    for plan in plans:
        for table, header, first_row in plan.segments:
            texts = column_texts(table)
            for col in range(table.n_cols):
                text = texts[col] if col < len(texts) else ""
                if col in header.roles or role_of(text) is not None:
                    continue
                values = tuple(
                    cell.strip()
                    for row in table.grid[first_row:]
                    if not is_number_row(row) and col < len(row)
                    and (cell := row[col]) is not None and cell.strip()
                )  # fmt: skip
                found.append(UnknownColumn(table.page, (col, table.n_cols), text, values))
    return found


# A statement that amounts are printed in thousands or millions of rupiah: in an amount
# column's header (``Pagu Indikatif (Rp. 000)``, ``(Ribuan Rupiah)``, ``Rp Juta``) or in the
# lines over the table (``dalam ribuan rupiah``).
_UNIT_IN_HEADER = re.compile(r"rp\.?\s*\(?0{3}\b|\(\s*0{3}\s*\)|\bribu(?:an)?\b|\bjuta(?:an)?\b")
_UNIT_IN_CAPTION = re.compile(
    r"rp\.?\s*\(?0{3}\b|\(\s*0{3}\s*\)|\b(?:ribu|juta)(?:an)?\s+rupiah\b|\brp\.?\s*(?:ribu|juta)"
)
_CAPTION_LINES = 3  # the lines over a table that may state its amounts' unit


def _amount_unit(plans: list[LogicalTable]) -> list[Doubt]:
    """A plan table whose amount column's header, or the lines right over it, say the amounts
    are printed in thousands or millions of rupiah: they go out as printed, and would read as
    rupiah a thousand or a million times too small."""
    doubts = []
    for plan in plans:
        first, header, _ = plan.segments[0]
        texts = column_texts(first)
        said = [
            " ".join(texts[c].split())
            for c in header.columns("pagu")
            if c < len(texts) and _UNIT_IN_HEADER.search(texts[c].lower())
        ]
        caption = first.text_before.strip().splitlines()[-_CAPTION_LINES:]
        said += [
            " ".join(line.split()) for line in caption if _UNIT_IN_CAPTION.search(line.lower())
        ]
        if said:
            doubts.append(
                Doubt(
                    "amount_unit",
                    f"the plan table prints its amounts in another unit than the rupiah "
                    f"({said[0]!r}): they go out as printed, not in rupiah",
                    first.page,
                )
            )
    return doubts


def _missing_columns(plans: list[LogicalTable], pages: list[PageText]) -> list[Doubt]:
    """A plan table whose caption names the prakiraan maju while no amount column for it was
    read: its next-year amounts would be lost. And one whose target columns were read with no
    indicator column: the form gives every target its indicator, so the header was misread
    (a label run into the next column's), and the targets would go out without theirs."""
    doubts = []
    for plan in plans:
        first, header, _ = plan.segments[0]
        if header.first("target") is not None and header.first("indikator") is None:
            doubts.append(
                Doubt(
                    "missing_columns",
                    f"{len(header.columns('target'))} target column read, but no indicator "
                    "column was found in the header: the targets' indicators would be lost",
                    first.page,
                )
            )
        caption = " ".join(first.text_before.split()).lower()
        if "prakiraan maju" not in caption and "perkiraan maju" not in caption:
            continue
        if header.first("pagu", "next") is None:
            doubts.append(
                Doubt(
                    "missing_columns",
                    "the caption names the prakiraan maju, but no prakiraan maju amount column "
                    f"was found in the header ({len(header.columns('pagu'))} amount column read)",
                    first.page,
                )
            )
    return doubts
