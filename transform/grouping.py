"""Page tables -> logical tables: the plan table and the other tables a Renja prints, each
followed over the pages it runs on.

The plan table (form T-C.33, "Rumusan Rencana Program dan Kegiatan ... Tahun N dan Prakiraan Maju
Tahun N+1") is found by its title and its header, wherever it is, and followed over the pages it
runs on: a page that repeats the header, or prints rows under no header with the same columns,
continues it; a new title or a different header ends it. The other tables are kept when their
title names their kind (``transform.kinds``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from extract.locate import title_kind
from extract.model import RawTable
from transform.headers import HeaderMap, is_number_row, map_header
from transform.kinds import PLAN, other_kind
from transform.rows import LogicalTable, Segment

__all__ = ["select_plan_tables", "select_tables"]


def select_plan_tables(
    tables: Iterable[RawTable], inside_other: Collection[int] = ()
) -> list[LogicalTable]:
    """Group page tables into logical tables and keep those that are the plan table."""
    return [t for t in select_tables(tables, inside_other) if t.is_plan]


def select_tables(
    tables: Iterable[RawTable], inside_other: Collection[int] = ()
) -> list[LogicalTable]:
    """Group page tables into logical tables; keep the plan table and the other tables whose
    title names their kind (review, evaluation, service performance, proposals).

    ``inside_other`` names pages that open in the middle of another (non-plan) table whose
    title was printed on a page not read here: their first untitled table belongs to it.
    """
    found: list[LogicalTable] = []
    current: LogicalTable | None = None
    pending_title = ""
    last_page = None
    # the plan's first pages, under a header not understood (no roles) or read in part
    headless: list[tuple[RawTable, HeaderMap]] = []
    for table in tables:
        title = pending_title + "\n" + table.text_before
        kind, label = title_kind(title)
        if table.page in inside_other and table.page != last_page and kind is None:
            kind = "other"
        last_page = table.page
        header = map_header(table)
        # A running head ("RENJA DINAS ...") or "Tabel 3.3 (lanjutan)" over a page does not
        # start a new table; another label or another kind of title does.
        same_title = kind is None or (kind == "plan" and label in (None, current and current.label))
        repeated = 0  # header rows of a page that repeats the plan table's header, read in part
        if (
            current is not None
            and current.is_plan
            and same_title
            and header.n_header_rows
            and not header.is_plan_table
            and _continues(current, table, HeaderMap())
        ):
            # Rows that only look like a header (a program row with its "Indikator Kinerja
            # Program" label) on a page of the plan table's width: the table carries on. Where
            # most of the columns take the roles the table's header gives them, the page
            # repeats the header with some of it misread (a scan): its rows are header still.
            if _repeats_in_part(current.header, header):
                repeated = header.n_header_rows
            elif _repeats_with_more(current, table, header):
                # the first page's header, row for row, and a row more that made the whole
                # read as no plan table's header: the rest of a row the page break cut
                repeated = current.segments[0].first_row
            header = HeaderMap()
        if current is not None and same_title and _continues(current, table, header):
            inherited = header if header.n_header_rows else _carried_header(current.segments, table)
            last = current.segments[-1]
            if _same_frame(last.table, table) and _fewer_alike(last.header, header):
                inherited = last.header  # the page's header read in part (a scan)
            first_row = header.n_header_rows or repeated
            if _repeats_with_more(current, table, header):
                inherited, first_row = current.header, current.segments[0].first_row
            if header.n_header_rows and current.is_plan:
                # the pages before, over the same frame, whose header gives fewer columns a
                # role and each the role this one gives it: the same header read in part
                # there (a scan: the number and indicator columns' labels garbled on the
                # first pages), read whole here
                current.segments[:] = [
                    Segment(s.table, header, s.first_row)
                    if _same_frame(s.table, table) and _fewer_alike(header, s.header)
                    else s
                    for s in current.segments
                ]
            current.segments.append(Segment(table, inherited, first_row))
        elif len(table.grid) < 2:
            pass  # a lone row that carries on nothing: a framed line of text, not a table
        elif header.n_header_rows and header.roles and kind == "plan" and not header.is_plan_table:
            # under the plan's title, a header that gives some roles but reads as no plan
            # table's (a scan: the name column's label garbled): the plan's first page, if the
            # page after prints the plan's header over the same frame, giving those columns
            # the same roles
            current = None
            headless.append((table, header))
            pending_title = table.text_after
            continue
        elif header.n_header_rows and header.roles:
            is_plan = header.is_plan_table and kind != "other"
            specific = PLAN.name if is_plan else other_kind(title) if kind == "other" else None
            before = [
                Segment(t, header, _first_body_row(t) or own.n_header_rows)
                for t, own in headless
                if is_plan and _same_frame(t, table)
                and (not own.roles or _fewer_alike(header, own))
            ]  # fmt: skip
            segment = Segment(table, header, header.n_header_rows)
            current = LogicalTable(label, [*before, segment], is_plan, specific)
            if specific is not None:
                found.append(current)
        else:
            current = None
            if kind == "plan" or (headless and _same_frame(headless[-1][0], table)):
                headless.append((table, HeaderMap()))
                pending_title = table.text_after
                continue
        headless = []
        pending_title = table.text_after
    return found


def _repeats_with_more(current: LogicalTable, table: RawTable, header: HeaderMap) -> bool:
    """Whether a page repeats the table's header, row for row as its first page prints it, and
    a row more was taken into the header: the rest of a row that Word broke over the page,
    whose words happen to name two kinds of column (``Mengikuti Dokumen Perencanaan Perangkat
    Daerah``). That row is body: its words finish the row above."""
    first, _, rows = current.segments[0]
    if not 0 < rows < header.n_header_rows or table.n_cols != first.n_cols:
        return False
    return all(
        [(c or "").strip() for c in table.grid[r]] == [(c or "").strip() for c in first.grid[r]]
        for r in range(rows)
    )


def _continues(current: LogicalTable, table: RawTable, header: HeaderMap) -> bool:
    """Whether a page's table carries on the current one: same columns, or (for the plan
    table) a repeated header that again reads as a plan table."""
    last_table = current.segments[-1].table
    if header.n_header_rows == 0:
        return table.n_cols == last_table.n_cols or _same_width(last_table, table)
    if current.is_plan and header.is_plan_table:
        return True
    return table.n_cols == last_table.n_cols and _names(header) == _names(current.header)


def _repeats_in_part(table: HeaderMap, page: HeaderMap) -> bool:
    """Whether a page's header rows, read as no plan table's header, give at least
    ``_REPEATED`` of the table's column roles to the same columns and none another role (a
    repeated header whose name or number column OCR misread), not the one or two of a body
    row that only looks like a header."""
    mine = {col: (role.name, role.year) for col, role in table.roles.items()}
    read = {col: (role.name, role.year) for col, role in page.roles.items()}
    agree = sum(mine.get(col) == role for col, role in read.items())
    differ = any(col in mine and mine[col] != role for col, role in read.items())
    return not differ and agree >= max(3, _REPEATED * len(mine))


def _fewer_alike(table: HeaderMap, page: HeaderMap) -> bool:
    """Whether a page's header gives fewer columns a role than the table's header, and each
    the role the table's gives it (its year aside): the table's header repeated, with the
    labels of some columns misread (a scan: ``PRAKIRAAN MAJU`` lost over the next year's
    columns, the number and indicator columns' labels read as garbage)."""
    names = {col: role.name for col, role in table.roles.items()}
    return 0 < len(page.roles) < len(names) and all(
        names.get(col) == role.name for col, role in page.roles.items()
    )


_REPEATED = 0.5  # the share of the table's column roles that a partly read repeated header gives


def _same_frame(a: RawTable, b: RawTable) -> bool:
    """Two tables of the same columns and width: a table's pages, one printing its header."""
    return a.n_cols == b.n_cols and _same_width(a, b)


def _first_body_row(table: RawTable) -> int:
    """The first body row of a page whose header was not understood: after the row of column
    numbers, where one of its first rows numbers the columns (the header's rest above it)."""
    rows = [i for i, row in enumerate(table.grid[:_HEADER_ROWS]) if is_number_row(list(row))]
    return rows[-1] + 1 if rows else 0


def _same_width(a: RawTable, b: RawTable) -> bool:
    """Two tables that span the same width of the page (a stray rule may add a column)."""
    return bool(a.edges and b.edges) and (
        abs(a.edges[0] - b.edges[0]) < 6 and abs(a.edges[-1] - b.edges[-1]) < 6
    )


# The rows at a table's top that may be its header's.
_HEADER_ROWS = 6
# Points between the sides of a column drawn on two pages that still make it the same column.
_SAME_SIDE = 6.0


def _same_columns(a: RawTable, b: RawTable) -> bool:
    return a.n_cols == b.n_cols and all(
        abs(x - y) < _SAME_SIDE for x, y in zip(a.edges, b.edges, strict=True)
    )


def _carried_header(segments: list[Segment], target: RawTable) -> HeaderMap:
    """The header that applies to a page that prints none: that of the page before. When a
    stray rule there or here has added or removed a column, that of the nearest page before
    with the same columns; with none, each column takes the role of the column of the page
    before above its centre."""
    source, header, _ = segments[-1]
    if target.n_cols == source.n_cols or not (source.edges and target.edges):
        return header
    for table, earlier, _ in reversed(segments[:-1]):
        if table.edges and _same_columns(table, target):
            return earlier
    carried = HeaderMap(plan_year=header.plan_year, next_year=header.next_year)
    taken: set[int] = set()
    for col in range(target.n_cols):
        centre = (target.edges[col] + target.edges[col + 1]) / 2
        above = next(
            (c for c in range(source.n_cols) if source.edges[c] <= centre < source.edges[c + 1]),
            None,
        )
        if above is not None and above in header.roles and above not in taken:
            carried.roles[col] = header.roles[above]
            taken.add(above)
    return carried


def _names(header: HeaderMap) -> list[tuple[int, str]]:
    return [(col, role.name) for col, role in sorted(header.roles.items())]
