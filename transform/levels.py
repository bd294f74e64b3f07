"""The level of each plan row from all the evidence the printed table gives, decided in one place.

A Renja table shows a row's level in several ways at once, and documents differ in which they
print: the row number (``I`` / ``I.1`` / ``I.1.1``; or ``I`` / ``1`` / ``(1)``; or numbers counted
on through the table, each level on its own, so ``1`` may be a kegiatan or a sub kegiatan), the
wording (``PROGRAM ...``), the row's style (bold type and cell fill, the same for every row of a
level), a lokasi (printed only on the lowest level), and the arithmetic (a row's amount is the sum
of the rows under it). Each signal is computed on its own; :func:`resolve_levels` combines them per
table and records which one decided (``level_source``). The code (kode), when printed, decides
before any of these, in the builder.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import permutations
from typing import Literal

from transform.codes import LEVELS, PLAIN_NUMBER, Level, level_of_nomor
from transform.numbers import parse_amount, repair_ocr_amount
from transform.rows import TableRow
from transform.vocabulary import TOTAL_WORDS

__all__ = [
    "LEVEL_SOURCES",
    "PROGRAM_NAME",
    "LevelSource",
    "RowLevel",
    "failing_parents",
    "is_heading",
    "level_amount",
    "numbering_levels",
    "parent_sums",
    "read_by_ocr",
    "resolve_levels",
    "rollup_score",
    "row_style",
]

LevelSource = Literal["kode", "numbering", "style", "arithmetic"]
LEVEL_SOURCES: tuple[LevelSource, ...] = ("kode", "numbering", "style", "arithmetic")

_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_BRACKETED = re.compile(r"^\(\d+\)\.?$")
_DOTTED = re.compile(r"^(?:[IVXLC]+|\d+)(?:\.\d+)+\.?$")
# a program's row, by its name (a mark a speck left before it on a scan: ``(PROGRAM``)
PROGRAM_NAME = re.compile(r"^[^\w\s]?program\b", re.IGNORECASE)
_HEADING = re.compile(r"^(urusan|bidang|uptd|opd)\b", re.IGNORECASE)

# A style stands for a level when at least this share of the rows with other evidence of their
# level agree on it (a few rows printed with the wrong number, or none, do not blur it).
STYLE_AGREEMENT = 0.8


@dataclass(frozen=True)
class RowLevel:
    """The level read for one row (None: no node of the plan by its own evidence) and the
    signal that decided it."""

    level: Level | None
    source: LevelSource | None


def _nomor(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def numbering_levels(nomors: Sequence[str | None]) -> list[Level | None]:
    """The level each row number gives, by the scheme the whole table uses.

    ``I`` / ``I.1`` / ``I.1.1`` give their depth; ``I`` / ``1`` / ``(1)`` give program, kegiatan
    and sub kegiatan. When the table numbers its kegiatan and sub kegiatan both with plain
    numbers (each counted on through the table, or restarting), a plain number says nothing of
    the level and gives None; so does a missing number.
    """
    texts = [_nomor(n) for n in nomors]
    bracketed = any(_BRACKETED.match(t) for t in texts)
    dotted = any(_DOTTED.match(t) for t in texts)
    counted = {} if bracketed or dotted else _counted_levels(texts)
    out: list[Level | None] = []
    for text in texts:
        if not text:
            out.append(None)
        elif _DOTTED.match(text) or (dotted and _ROMAN.match(text)):
            out.append(level_of_nomor(text))
        elif _ROMAN.match(text):
            out.append("program")
        elif _BRACKETED.match(text):
            out.append("sub_kegiatan")
        elif PLAIN_NUMBER.match(text):
            # beside (1) sub kegiatan a plain number is a kegiatan; beside I.1 a depth of one
            fallback: Level | None = "kegiatan" if bracketed else "program" if dotted else None
            out.append(fallback or counted.get(len(out)))
        else:
            out.append(None)
    return out


# A counter that starts again at 1 costs this much; so does a kegiatan with no sub kegiatan.
_RESTART = 1
_CHILDLESS = 1


def _counted_levels(texts: list[str], forced: dict[int, Level] | None = None) -> dict[int, Level]:
    """Levels of plain numbers where kegiatan and sub kegiatan are each counted on through the
    table (``I``, ``1``, ``1``, ``2``, ``3``, ``2``, ``4``): two counters run side by side, each
    number continues one of them (or starts it again at 1), a program's first row is a
    kegiatan and a kegiatan has sub kegiatan. Every way of reading the numbers so is scored
    (restarts and childless kegiatan cost); a row gets the level that every best reading gives
    it, and none where best readings differ. Empty when the table is not numbered so. A row
    in ``forced`` is read at the level given there."""
    forced = forced or {}
    steps = [
        (i, "program" if _ROMAN.match(t) else int(t.rstrip(".")))
        for i, t in enumerate(texts)
        if _ROMAN.match(t) or PLAIN_NUMBER.match(t)
    ]
    if not any(kind == "program" for _, kind in steps) or all(
        kind == "program" for _, kind in steps
    ):
        return {}
    # State: (last kegiatan number, last sub kegiatan number, a kegiatan in this program,
    # the last row a kegiatan); forward: least cost to reach each state before each step.
    State = tuple[int, int, bool, bool]
    Move = tuple[Level, int, State]

    def moves(state: State, step: int | str, row: int) -> list[Move]:
        found = _moves(state, step)
        return [m for m in found if m[0] == forced[row]] if row in forced else found

    def _moves(state: State, step: int | str) -> list[Move]:
        k, s, in_program, after_kegiatan = state
        childless = _CHILDLESS if after_kegiatan else 0
        if step == "program":
            return [("program", childless, (k, s, False, False))]
        assert isinstance(step, int)
        out: list[Move] = []
        if step == k + 1 or step == 1:
            cost = childless + (0 if step == k + 1 else _RESTART)
            out.append(("kegiatan", cost, (step, s, True, True)))
        if in_program and (step == s + 1 or step == 1):
            out.append(("sub_kegiatan", 0 if step == s + 1 else _RESTART, (k, step, True, False)))
        return out

    forward: list[dict[State, int]] = [{(0, 0, False, False): 0}]
    for row, step in steps:
        after: dict[State, int] = {}
        for state, cost in forward[-1].items():
            for _, extra, nxt in moves(state, step, row):
                if cost + extra < after.get(nxt, 1 << 30):
                    after[nxt] = cost + extra
        if not after:
            return {}  # a number that continues neither counter: another scheme
        forward.append(after)
    backward: dict[State, int] = {state: _CHILDLESS if state[3] else 0 for state in forward[-1]}
    best: list[dict[Level, int]] = [{} for _ in steps]
    for at in range(len(steps) - 1, -1, -1):
        before: dict[State, int] = {}
        for state, cost in forward[at].items():
            for level, extra, nxt in moves(state, steps[at][1], steps[at][0]):
                if nxt not in backward:
                    continue
                to_end = extra + backward[nxt]
                before[state] = min(before.get(state, 1 << 30), to_end)
                total = cost + to_end
                best[at][level] = min(best[at].get(level, 1 << 30), total)
        backward = before
    least = min(backward.values())
    out: dict[int, Level] = {}
    for (row, _), costs in zip(steps, best, strict=True):
        winners = [level for level, cost in costs.items() if cost == least]
        if len(winners) == 1 and winners[0] != "program":
            out[row] = winners[0]
    return out


@dataclass(frozen=True, slots=True)
class Style:
    """How a row is printed: bold, its fill colour, its name in upper case."""

    bold: bool
    fill: str
    upper: bool


def row_style(row: TableRow) -> Style:
    """The row's style. A filled row read by OCR is known by its fill, not its weight: OCR
    measures a fill, while it tells bold type from the stroke widths of the page's text, which
    vary with the page (a kegiatan row read bold on one page and plain on the next would be
    two styles, and neither would tell its level)."""
    bold = row.bold and not (row.fill and row.nama_conf is not None)
    return Style(bold, row.fill, row.nama.isupper())


def is_heading(nama: str, has_amount: bool) -> bool:
    """An Urusan, Bidang, OPD or UPTD heading row: no node (it may state a total)."""
    return bool(_HEADING.match(nama)) and not has_amount


def _candidate(row: TableRow) -> bool:
    """A row that may be a node: it has a name that is no total's label nor a heading."""
    nama = row.nama
    amount = bool(row.pagu_raw.strip())
    return (
        bool(nama)
        and not TOTAL_WORDS.match(nama)
        and not is_heading(nama, amount)
        and not row.id_merged
    )


def _settled_by_sums(
    texts: list[str], numbered: list[Level | None], amounts: list[Decimal | None]
) -> dict[int, Level]:
    """Rows that counted-on numbers leave open (``K2 S2`` or ``S2 K2``), settled one at a time
    by the reading of the numbers under which more parents are the sum of their children; a
    row stays open where both readings score alike. Rows settled further down may settle one
    left open above (a kegiatan's sum holds only once its second sub kegiatan is known), so
    the open rows are tried again until none settles."""
    if any(_BRACKETED.match(t) or _DOTTED.match(t) for t in texts):
        return {}
    forced: dict[int, Level] = {}
    settled: dict[int, Level] = {}
    while True:
        before = len(settled)
        _settle_pass(texts, numbered, amounts, forced, settled)
        if len(settled) == before:
            return settled


def _settle_pass(
    texts: list[str],
    numbered: list[Level | None],
    amounts: list[Decimal | None],
    forced: dict[int, Level],
    settled: dict[int, Level],
) -> None:
    """One pass of ``_settled_by_sums`` down the table, adding to ``forced`` and ``settled``."""
    for i, text in enumerate(texts):
        if not PLAIN_NUMBER.match(text) or numbered[i] is not None or i in settled:
            continue
        scores: dict[Level, tuple[int, dict[int, Level]]] = {}
        for level in ("kegiatan", "sub_kegiatan"):
            levels = _counted_levels(texts, {**forced, i: level})
            if levels.get(i) != level:
                continue  # no reading of the numbers has it so
            reading = [levels.get(j) or numbered[j] for j in range(len(texts))]
            scores[level] = (rollup_score(reading, amounts), levels)
        if not scores:
            continue
        ranked = sorted(scores.items(), key=lambda item: -item[1][0])
        if len(ranked) == 2 and ranked[0][1][0] == ranked[1][1][0]:
            continue
        level, (_, levels) = ranked[0]
        forced[i] = level
        settled.update({j: lv for j, lv in levels.items() if numbered[j] is None})


def _style_levels(
    rows: Sequence[TableRow],
    numbered: list[Level | None],
    candidates: list[bool],
    amounts: Sequence[Decimal | None] = (),
) -> list[Level | None]:
    """The level each row's style stands for, learnt from the rows whose level other evidence
    gives: a Roman number or the PROGRAM prefix (program), a lokasi (the lowest level, when the
    table has a lokasi column in use), a number of its own depth. A style shared by two levels
    stands for none; a single style left over between them is the level left over. Two styles
    left over between two levels (a table with no lokasi, whose programs alone are named so:
    a Renja Perubahan's kegiatan shaded and its sub kegiatan plain) stand for them in the order
    under which the amounts roll up (``amounts``, the rows' plan amounts): where one order has
    more parents equal to the sum of their children, less those that are not, than the
    other, and more than none."""
    has_lokasi = any(row.lokasi.strip() for row in rows)
    votes: dict[Style, Counter[Level]] = defaultdict(Counter)
    styles = [row_style(row) for row in rows]
    for i, row in enumerate(rows):
        if not candidates[i]:
            continue
        nomor = _nomor(row.nomor)
        evidence: Level | None = None
        if PROGRAM_NAME.match(row.nama) or _ROMAN.match(nomor):
            evidence = "program"
        elif numbered[i] is not None:
            evidence = numbered[i]
        elif has_lokasi and row.lokasi.strip():
            evidence = "sub_kegiatan"
        if evidence is not None:
            votes[styles[i]][evidence] += 1
    mapping: dict[Style, Level] = {}
    for style, counter in votes.items():
        level, count = counter.most_common(1)[0]
        if count >= STYLE_AGREEMENT * sum(counter.values()):
            mapping[style] = level
    left = [lv for lv in LEVELS if lv not in mapping.values()]
    # Styles with no evidence, among rows after the first with some (an OPD or urusan heading
    # above the first program is no level) and printed more than once.
    evidenced = [i for i in range(len(styles)) if candidates[i] and styles[i] in votes]
    after = range(evidenced[0], len(styles)) if evidenced else range(0)
    seen = Counter(styles[i] for i in after if candidates[i])
    unknown = [s for s, n in seen.items() if n > 1 and s not in mapping and s not in votes]
    if len(left) == 1 and len(unknown) == 1 and len(set(mapping.values())) == len(LEVELS) - 1:
        mapping[unknown[0]] = left[0]
    elif len(left) == len(unknown) == 2 and len(amounts) == len(rows):
        orders = [
            {**mapping, **dict(zip(unknown, order, strict=True))} for order in permutations(left)
        ]
        scores = [
            rollup_score([m.get(styles[i]) if candidates[i] else None for i in range(len(rows))],
                         list(amounts))
            for m in orders
        ]  # fmt: skip
        best = max(range(len(orders)), key=scores.__getitem__)
        if scores[best] > 0 and scores.count(scores[best]) == 1:
            mapping = orders[best]
    elif left == ["kegiatan"] and not unknown and not any(numbered):
        # Programs and a lowest level with a lokasi, nothing between: the pre-2019 layout
        # (programs and kegiatan only), whose lowest level is the kegiatan.
        mapping = {s: "kegiatan" if lv == "sub_kegiatan" else lv for s, lv in mapping.items()}
    if len(set(mapping.values())) < 2:
        return [None] * len(rows)  # style does not tell the levels apart in this table
    return [mapping.get(styles[i]) if candidates[i] else None for i in range(len(rows))]


def level_amount(row: TableRow) -> Decimal | None:
    """A row's plan amount as evidence of its level: read by OCR, repaired where the grammar
    of amounts allows one reading (``.00`` for ``,00``), whatever its confidence."""
    parsed = parse_amount(row.pagu_raw)
    return (repair_ocr_amount(parsed) if read_by_ocr(row) else parsed).value


def parent_sums(levels: list[Level | None], amounts: list[Decimal | None]) -> dict[int, bool]:
    """For each parent whose sum tells (its amount and every child's read), whether it is the
    sum of its children under a reading of the levels."""
    depth = {lv: d for d, lv in enumerate(LEVELS)}
    out: dict[int, bool] = {}
    for i, level in enumerate(levels):
        if level is None or level == "sub_kegiatan" or amounts[i] is None:
            continue
        total, children, unread = Decimal(0), 0, False
        for j in range(i + 1, len(levels)):
            other = levels[j]
            if other is None:
                continue
            if depth[other] <= depth[level]:
                break
            if depth[other] == depth[level] + 1:
                children += 1
                unread = unread or amounts[j] is None
                total += amounts[j] or Decimal(0)
        if children and not unread:
            out[i] = total == amounts[i]
    return out


def rollup_score(levels: list[Level | None], amounts: list[Decimal | None]) -> int:
    """How many parents equal the sum of their children under a reading of the levels, less
    how many do not; a sum with a part or total not read tells neither."""
    return sum(1 if holds else -1 for holds in parent_sums(levels, amounts).values())


def failing_parents(levels: list[Level | None], amounts: list[Decimal | None]) -> list[int]:
    """The parents that are not the sum of their children under a reading of the levels."""
    return [i for i, holds in parent_sums(levels, amounts).items() if not holds]


def read_by_ocr(row: TableRow) -> bool:
    """A row of a page read by OCR: one of its values carries an OCR confidence."""
    confidences = (row.target_conf, row.target_next_conf, row.pagu_conf, row.pagu_next_conf,
                   row.target_before_conf, row.pagu_before_conf)  # fmt: skip
    return any(c is not None for c in confidences)


def resolve_levels(rows: Sequence[TableRow]) -> list[RowLevel]:
    """The level of every row of a plan table, and the signal that decided it.

    The row number decides where the style agrees with it or tells nothing; the style decides
    where the number tells nothing (counted-on numbers, no number); where they disagree, the
    reading under which the amounts roll up decides, and ``arithmetic`` is recorded.
    """
    if not rows:
        return []
    candidates = [_candidate(row) for row in rows]
    names = [row.nama for row in rows]
    numbered = numbering_levels([row.nomor for row in rows])
    amounts = [level_amount(row) for row in rows]
    by_sums = _settled_by_sums([_nomor(row.nomor) for row in rows], numbered, amounts)
    for i, level in by_sums.items():
        numbered[i] = level
    styled = _style_levels(rows, numbered, candidates, amounts)
    by_number: list[Level | None] = []
    by_style: list[Level | None] = []
    for i in range(len(rows)):
        first = numbered[i] if candidates[i] else None
        by_number.append(first or styled[i])
        by_style.append(styled[i] or first)
    disagree = [
        i for i in range(len(rows)) if numbered[i] and styled[i] and numbered[i] != styled[i]
    ]
    style_wins = bool(disagree) and rollup_score(by_style, amounts) > rollup_score(
        by_number, amounts
    )
    # where the table names its programs, a number read by OCR that reads as a program's
    # (``112`` for ``II.1.2``, left as read where its readings tie) on a row not so named
    # places nothing: the rows after it would hang under a program that is none
    named = any(PROGRAM_NAME.match(name) for name in names)
    out: list[RowLevel] = []
    for i in range(len(rows)):
        if (named and numbered[i] == "program" and read_by_ocr(rows[i])
                and not PROGRAM_NAME.match(names[i])):  # fmt: skip
            out.append(RowLevel(styled[i], "style" if styled[i] else None))
        elif i in disagree and style_wins:
            out.append(RowLevel(styled[i], "arithmetic"))
        elif candidates[i] and numbered[i] is not None:
            out.append(RowLevel(numbered[i], "arithmetic" if i in by_sums else "numbering"))
        elif candidates[i] and not _nomor(rows[i].nomor) and PROGRAM_NAME.match(names[i]):
            out.append(RowLevel("program", "style"))  # the wording: PROGRAM ...
        elif styled[i] is not None:
            out.append(RowLevel(styled[i], "style"))
        else:
            out.append(RowLevel(None, None))
    return out
