"""Row numbers read by OCR put back into the table's numbering.

Most Renja tables without codes number their rows ``I`` / ``I.1`` / ``I.1.1`` (program, kegiatan,
sub kegiatan; some ``1`` / ``1.1`` / ``1.1.1``), and each number follows the one before it: a
child (``I.2`` → ``I.2.1``) or the next at some depth (``I.2.1`` → ``I.2.2``, ``I.3``, ``II``).
On a coarse scan OCR reads the Roman ``I`` as ``1``, ``l`` or ``L``, and loses the dot after it
(``I.2.1`` read as ``12.1``), which gives the row another depth, so another level. A number read
by OCR is read here as the number of the table's numbering that it can be (the same characters,
``I`` and ``1`` taken for each other, a lost dot or first stroke put back) or as one that
follows the number before it, at the cost of the characters between them (``I.1`` read ``14``,
``I.5.1`` read ``154``: a dot and a ``1`` read as a ``4``): of all the ways to read the table's
numbers, the one with the least damage and the fewest breaks in the sequence. Where a table
names its programs ``PROGRAM ...``, only those rows take a program's number. A number is
changed only when every best way reads it alike; the reading is kept in the node's flag.
Numbers of a text layer are the document's own and are never changed.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from transform.codes import LEVELS, Level
from transform.levels import STYLE_AGREEMENT, failing_parents, parent_sums

__all__ = ["read_nomors", "sequence_breaks"]

_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]  # fmt: skip
_ROMAN_VALUE = {text: i + 1 for i, text in enumerate(_ROMANS)}
_SEGMENT = re.compile(r"^[1-9]\d?$")
# OCR's readings of a Roman one and a digit one, taken for each other, and of a Roman five and
# ten in lower case (``Iv``, ``vi``: a program's number, read without a word to size it).
_ONES = {"I": "I1", "1": "1I", "l": "1I", "L": "I1", "|": "I1", "i": "I1", "v": "V", "x": "X"}
# A first segment of two or three ones of which some is no Roman one (``11.3``, ``Il1.1``,
# ``IL1.3``): ``II`` or ``III`` read with an ``I`` as ``1``, ``l`` or ``L``.
_MISREAD_ROMAN = re.compile(r"^(?!I{2,3}\.)[I1lL|]{2,3}\.")
_OTHER_DIGIT = re.compile(r"^[2-9]\.")  # a first segment of another digit (``2.1``)
_STROKES = re.compile(r"[0-9IlL|VX]")  # a character a row number's can be read as
_MAX_LENGTH = 8  # characters of a number considered (I.12.10 is seven)
_GUESSED = 12  # characters of a text read as a number that follows (a longer one is words)
_CHANGE = 2  # a one read as another one (``I`` as ``1``), or a thin stroke lost
_DOT = 1  # a dot lost between two characters: the commonest damage of a coarse scan
_NEXT = (0,)  # a program's number lost: the one after the highest program's before it
_BREAK = 6  # a number that does not follow the one before it
_BACK = 12  # one before the number above it, but a new table's first
_LOST = _BREAK  # a node's row (a name and an amount) whose number was lost, left without one
_WHOLE = 4  # such a row read as a number: the whole number lost, one damage
_UNSETTLED = (-1,)  # a row the least-cost ways read otherwise
_STYLE = 1  # a number of another depth than the row's style stands for


def _number(text: str, roman: bool) -> tuple[int, ...] | None:
    """The segments of a row number of the scheme (Roman first segment or Arabic), or None."""
    parts = text.split(".")
    if not 1 <= len(parts) <= 3:
        return None
    first = _ROMAN_VALUE.get(parts[0]) if roman else (
        int(parts[0]) if _SEGMENT.match(parts[0]) else None
    )  # fmt: skip
    if first is None or not all(_SEGMENT.match(p) for p in parts[1:]):
        return None
    return (first, *(int(p) for p in parts[1:]))


def _text(number: tuple[int, ...], roman: bool) -> str:
    first = _ROMANS[number[0] - 1] if roman else str(number[0])
    return ".".join([first, *(str(n) for n in number[1:])])


def _follows(before: tuple[int, ...] | None, after: tuple[int, ...]) -> bool:
    """Whether ``after`` is a child of ``before`` or the next number at one of its depths."""
    if before is None:
        return True
    if after == (*before, 1):
        return True
    return any(
        after == (*before[: depth - 1], before[depth - 1] + 1)
        for depth in range(1, len(before) + 1)
    )


def _readings(text: str, roman: bool) -> dict[tuple[int, ...] | None, int]:
    """Each number of the scheme that ``text`` can be, with the changes it takes: its own
    characters, or after a first stroke lost. A number's first character is a thin upright
    (the Roman ``I``, a ``1``) at the left of its cell, where OCR loses it into the cell's rule
    or reads it ``|`` and the reading drops it as the rule's remnant (``I.2.1`` read ``21``)."""
    out = _spellings(text, roman, 0)
    if text and text[0] not in "I1":
        for number, cost in _spellings(("I" if roman else "1") + text, roman, _CHANGE).items():
            out[number] = min(out.get(number, cost), cost)
    return out


def _spellings(text: str, roman: bool, lost: int) -> dict[tuple[int, ...] | None, int]:
    """Each number of the scheme that ``text`` spells, its ones read either way and dots put
    where one may have been lost, with the changes it takes (``lost`` more)."""
    out: dict[tuple[int, ...] | None, int] = {}
    if len(text) > _MAX_LENGTH:
        return out
    choices = [_ONES.get(c, c) for c in text]
    for chars in itertools.product(*choices):
        changed = sum(a != b for a, b in zip(chars, text, strict=True))
        gaps = [i for i in range(1, len(chars)) if chars[i - 1] != "." and chars[i] != "."]
        for count in range(len(gaps) + 1):
            for dots in itertools.combinations(gaps, count):
                spelled = "".join(("." if i in dots else "") + c for i, c in enumerate(chars))
                number = _number(spelled, roman)
                if number is not None:
                    cost = changed * _CHANGE + count * _DOT + lost
                    out[number] = min(out.get(number, cost), cost)
    return out


def _scheme(
    texts: Sequence[str], ocr: Sequence[bool], programs: Sequence[bool] | None = None
) -> bool | None:
    """True for a Roman-first dotted numbering, False for an Arabic one, None for neither
    (:func:`_told`)."""
    return _told(texts, ocr, programs)[0]


def _told(
    texts: Sequence[str], ocr: Sequence[bool], programs: Sequence[bool] | None = None
) -> tuple[bool | None, bool]:
    """The scheme, and whether the numbers told it, or only their count did (OCR's dotted
    numbers that read in one scheme against those that read in the other, where each could be
    the other's with a dot lost: ``13.2`` is ``1.3.2`` or ``I.3.2``).

    True for a Roman-first dotted numbering, False for an Arabic one, None for neither (a
    table numbered otherwise: ``I`` / ``1`` / ``(1)``, counted on, or not at all). The
    numbers of a text layer decide when they show a dotted one.

    Read by OCR, a Roman ``I`` is mostly read ``1``, so numbers that start ``1.`` tell neither
    way: where OCR's numbers show a dotted numbering, those that start with another Roman
    numeral (``II.1``, ``V``, ``VI.11``), or with ones that are no Roman numeral as read
    (``11.3``, ``Il1.1``: ``II`` read with its ``I`` as ``1``), and the numbers of programs
    after the table's first read with no digit but one (``u``, ``1)`` for ``II``, ``III``),
    stand for a Roman one; those that start with another digit (``2.1``, a later program's
    ``2``) for an Arabic one, which numbers its programs ``2`` to ``9`` before it reaches
    ``11``."""
    program = list(programs) if programs is not None else [False] * len(texts)
    for trusted in (True, False):
        shown = [t for t, o in zip(texts, ocr, strict=True) if o != trusted and "." in t]
        roman = sum(_number(t, True) is not None for t in shown)
        arabic = sum(_number(t, False) is not None and len(t.split(".")) > 1 for t in shown)
        if not trusted and (roman or arabic):  # a dotted numbering: which one
            # programs after the table's first: ``II``, ``III``, ``IV`` print no digit but
            # one, Arabic ``2`` to ``9`` and ``12`` do
            after = [i for i, p in enumerate(program) if p][1:]
            later = {i for i in after if ocr[i] and texts[i]}
            # and the rows under them: ``II.1``, ``III.2.1`` start with no digit from 2 to 9,
            # Arabic ``2.1`` to ``9.3.1`` do (``II.1.1`` read ``N11``, ``II.2`` read ``t2``)
            under = set(range(after[0], len(texts))) - set(after) if after else set()
            read = [
                (t, i in later, i in under and _STROKES.search(t) is not None)
                for i, (t, o) in enumerate(zip(texts, ocr, strict=True))
                if o and t
            ]
            others = sum(
                ((number := _number(t, True)) is not None and number[0] > 1)
                or _MISREAD_ROMAN.match(t) is not None
                or (p and not re.search(r"[2-9]", t))
                or (u and not re.match(r"[2-9]", t))
                for t, p, u in read
            )  # fmt: skip
            digits = sum(
                _OTHER_DIGIT.match(t) is not None
                or (p and re.search(r"[2-9]", t) is not None)
                or (u and re.match(r"[2-9]", t) is not None)
                for t, p, u in read
            )  # fmt: skip
            if others or digits:
                return others >= digits, True
        if roman or arabic:
            return roman >= arabic, trusted
    return None, True


def read_nomors(
    nomors: Sequence[str | None],
    ocr: Sequence[bool],
    programs: Sequence[bool] | None = None,
    nodes: Sequence[bool] | None = None,
    styles: Sequence[Hashable] | None = None,
    amounts: Sequence[Decimal | None] | None = None,
) -> list[tuple[str | None, str | None]]:
    """Each row's number and, where one read by OCR (``ocr``) is read otherwise, how it was read
    (``read as 12.1; ...``); numbers stay as given in a table of no dotted numbering.

    A row read by OCR that is a program by its name (``programs``: ``PROGRAM ...``) is a
    program's number, one segment, even where its number was lost or is no number (a lone
    ``II`` in its cell), then the next program's (``I`` at the top of the table), and is so
    numbered where the readings before it are settled: the rows under it are numbered under
    it, not under the last program read (``II.1`` read ``111`` after a lost ``II`` was read
    ``I.11``; it is now ``II.1``). Where the table names its programs, a row not so named
    takes no program's number, and a row that prints a node's name and amount (``nodes``)
    whose number OCR lost whole is read as the number that fits the rows around it, or left
    without one (at a break's cost). Where the rows' styles (``styles``: their weight and
    fill) tell the depths of the numbers that every least-cost way reads alike, the table is
    read again with a reading of another depth than its row's style stands for costing a
    little more: that settles readings that tie (a number lost into garbage, ``0`` or
    ``YAA``, where the numbers after it read alike one level up or down). In a table of no
    dotted numbering, a program's lost numeral is put back between those around it
    (``_programs_between``). Where the rows' amounts (``amounts``) show a parent that is not
    the sum of its children under that reading, the sums are the second reader
    (``_by_sums``)."""
    texts = [re.sub(r"\s+", "", n or "").rstrip(".") for n in nomors]
    out: list[tuple[str | None, str | None]] = [(n, None) for n in nomors]
    program = list(programs) if programs is not None else [False] * len(texts)
    roman, told = _told(texts, ocr, program)
    node = list(nodes) if nodes is not None else [False] * len(texts)
    lost = [ocr[i] and not t and node[i] and any(program) for i, t in enumerate(texts)]
    rows = [i for i, t in enumerate(texts) if t or (ocr[i] and (program[i] or lost[i]))]
    if roman is None:
        roman, told = _dots_lost(texts, ocr, program, rows, node), True
    if roman is None:
        return _programs_between(texts, ocr, program, out)
    if not any(o and t for t, o in zip(texts, ocr, strict=True)):
        return out
    best, cost = _read_as(texts, ocr, program, rows, roman, [None] * len(texts), node)
    if not told:
        # only the count of dotted numbers told the scheme: the one the rows read in with
        # fewer breaks (every Roman I read as 1, a later program's rows read 11, 112 follow
        # II as II.1, II.1.2; read as Arabic, 1.1 and 1.1.2 after a program 2), then cheaper
        none: list[int | None] = [None] * len(texts)
        other, other_cost = _read_as(texts, ocr, program, rows, not roman, none, node)
        if (_breaks(other), other_cost) < (_breaks(best), cost):
            roman, best = not roman, other
    spread: list[int | None] = [None] * len(texts)  # the depth each row's style stands for
    if styles is not None and _UNSETTLED in best:
        depths = _style_depths([styles[i] for i in rows], best)
        if any(depths):
            for i, depth in zip(rows, depths, strict=True):
                spread[i] = depth
            best, _ = _read_as(texts, ocr, program, rows, roman, spread, node)
    summed: set[int] = set()
    if amounts is not None:
        table = _Table(texts, ocr, program, rows, roman, node)
        best, summed = _by_sums(table, spread, best, [amounts[i] for i in rows])
    top = 0  # the highest program's number so far
    known = True  # whether every reading so far is settled, so that ``top`` is known
    for i, number in zip(rows, best, strict=True):
        if number == _UNSETTLED:
            known = False
            continue
        if number is None:
            continue
        if number == _NEXT:
            if not known:
                continue
            number = (top + 1,)
            read = _text(number, roman)
            top = number[0]
            out[i] = (read, f"read as {nomors[i] or 'nothing'}; read as {read}, the next program")
            continue
        top = number[0] if len(number) == 1 else max(top, number[0])
        known = True
        if not ocr[i] or number == _number(texts[i], roman):
            continue
        read = _text(number, roman)
        out[i] = (
            read,
            f"read as {nomors[i] or 'nothing'}; read as {read}, the number that fits the rows"
            f" around it{' and their sums' if i in summed else ''}",
        )
    return out


@dataclass(frozen=True)
class _Table:
    """What ``_read_as`` reads a table's numbers from, but the depths its rows are given."""

    texts: list[str]
    ocr: Sequence[bool]
    program: list[bool]
    rows: list[int]
    roman: bool
    node: list[bool]

    def read_within(
        self,
        best: list[tuple[int, ...] | None],
        span: tuple[int, int],
        depths: list[int | None],
        only: dict[int, int],
    ) -> list[tuple[int, ...] | None] | None:
        """``best`` with the rows of ``span`` (positions in ``rows``, the first excluded: a
        parent) read again, the rows of ``only`` at the depth given there, and the row after
        the span kept as read; None where no way through them fits."""
        first, end = span
        state = _state_after(best[: first + 1])
        if state is None:
            return None
        rows = self.rows[first + 1 : end + 1]
        fixed = {self.rows[end]: best[end]} if end < len(best) else {}
        t = self
        reading, _ = _read_as(
            t.texts, t.ocr, t.program, rows, t.roman, depths, t.node, only, fixed, state
        )
        if not reading or _UNSETTLED in reading:
            return None
        return [*best[: first + 1], *reading, *best[first + 1 + len(reading) :]]


_SUM_PASSES = 4  # rows given another depth by the sums, one at a time: a few at most


def _by_sums(
    table: _Table,
    depths: list[int | None],
    best: list[tuple[int, ...] | None],
    amounts: list[Decimal | None],
) -> tuple[list[tuple[int, ...] | None], set[int]]:
    """The reading of the rows (``table.rows``) under which more parents are the sum of their
    children, and the rows whose number it changed. A number OCR misread can follow the one
    before it at two depths: after ``II.1.1``, ``1.2`` read as ``II.2`` (an ``I`` read ``1``
    and one lost) costs less than as ``II.1.2`` (two lost), and the rows after it follow as
    ``II.3``, ``II.4``, where the page prints ``II.1.2`` to ``II.1.4``: ``II.1`` is not the
    sum of its one sub kegiatan, and ``II`` not of its four kegiatan. The amounts tell which
    row was read at the wrong depth (``_misplaced``); it is read at the other, with the
    parent's rows after it read again, and the reading is taken where every parent of the
    program is then the sum of its children, and more parents of the table are and no more
    are not (the rows it changes are flagged), until no row is left to read so."""
    chosen: dict[int, int] = {}
    score = _sum_score(best, amounts)
    changed: set[int] = set()
    for _ in range(_SUM_PASSES):
        trials: list[tuple[tuple[int, int], int, int, list[tuple[int, ...] | None]]] = []
        for k, length, span in _misplaced(best, amounts):
            i, number = table.rows[k], best[k]
            if not table.ocr[i] or i in chosen or number == _number(table.texts[i], table.roman):
                continue  # a number as printed, or one the sums have placed
            if number is None or len(number) == 1:
                continue  # a program's
            reading = table.read_within(best, span, depths, {**chosen, i: length})
            if reading is not None and _holds_around(reading, amounts, span[0]):
                trials.append((_sum_score(reading, amounts), i, length, reading))
        better = [t for t in trials if t[0][0] > score[0] and t[0][1] <= score[1]]
        if not better:
            break
        top, i, length, reading = max(better, key=lambda trial: trial[0][0] - trial[0][1])
        chosen[i] = length
        changed |= {
            table.rows[k] for k, (a, b) in enumerate(zip(best, reading, strict=True)) if a != b
        }
        best, score = reading, top
    return best, changed


def _holds_around(
    best: list[tuple[int, ...] | None], amounts: list[Decimal | None], at: int
) -> bool:
    """Whether every parent is the sum of its children, under a reading, in the program
    whose rows hold the row at ``at`` (one sum made to hold where another still fails tells
    no reading)."""
    levels = _levels_of(best)
    programs = [j for j, level in enumerate(levels) if level == "program"]
    top = max((j for j in programs if j <= at), default=0)
    end = min((j for j in programs if j > at), default=len(levels))
    return not any(top <= j < end for j in failing_parents(levels, amounts))


def _misplaced(
    best: list[tuple[int, ...] | None], amounts: list[Decimal | None]
) -> list[tuple[int, int, tuple[int, int]]]:
    """Rows a parent's sum shows read at the wrong depth, as their position, the depth (a
    number's segments) the sum calls for, and the span to read again (the parent's position
    and the first after the rows under the parent's parent): where the parent's children
    sum to less than it, and the rows after it at its depth make up the rest, the first of
    them is its next child; where they sum to more, and the first of them already make it,
    the next is the next at the parent's depth (a kegiatan's), or the last one's child (a
    program's)."""
    levels = _levels_of(best)
    depth = [None if lv is None else LEVELS.index(lv) for lv in levels]
    out: list[tuple[int, int, tuple[int, int]]] = []
    for i in failing_parents(levels, amounts):
        d, amount = depth[i], amounts[i]
        if d is None or amount is None:
            continue
        below = [j for j in range(i + 1, len(levels)) if depth[j] is not None]
        end = next((j for j in below if (depth[j] or 0) <= d), len(levels))
        outer = next((j for j in below if (depth[j] or 0) < d), len(levels))
        children = [j for j in below if j < end and depth[j] == d + 1]
        total = sum((amounts[j] or Decimal(0) for j in children), Decimal(0))
        if total < amount and end < len(levels) and depth[end] == d:
            for j in (j for j in below if end <= j < outer and depth[j] == d):
                total += amounts[j] or Decimal(0)
                if amounts[j] is None or total >= amount:
                    break
            if total == amount and d + 2 <= len(LEVELS):
                out.append((end, d + 2, (i, outer)))
        elif total > amount:
            run = Decimal(0)
            for at, j in enumerate(children[:-1]):
                run += amounts[j] or Decimal(0)
                if run == amount:
                    length = d + 3 if d == 0 else d + 1
                    if length <= len(LEVELS):
                        out.append((children[at + 1], length, (i, outer)))
                    break
    return out


def _state_after(numbers: Sequence[tuple[int, ...] | None]) -> _State | None:
    """The state of a way through rows read as ``numbers``; None where one is unsettled."""
    state: _State = (None, 0)
    for number in numbers:
        if number == _UNSETTLED:
            return None
        state = _step(state, number, 0)[1]
    return state


def _levels_of(best: Sequence[tuple[int, ...] | None]) -> list[Level | None]:
    return [
        None if n is None or n == _UNSETTLED else LEVELS[0 if n == _NEXT else min(len(n), 3) - 1]
        for n in best
    ]


def _sum_score(
    best: Sequence[tuple[int, ...] | None], amounts: list[Decimal | None]
) -> tuple[int, int]:
    """How many parents are the sum of their children under a reading, and how many not."""
    sums = list(parent_sums(_levels_of(best), amounts).values())
    return sum(sums), len(sums) - sum(sums)


# A number read by OCR with every dot lost (``I.1.2`` read ``112`` or ``I12``): two to five
# digits and strokes that a dotted number's characters can be read as.
_DOTLESS = re.compile(r"^[1-9Il|]{2,5}$")
_DOTLESS_MIN = 3  # such numbers, at least half of those read, before the dots are looked for


def _dots_lost(
    texts: list[str], ocr: Sequence[bool], program: list[bool], rows: list[int], node: list[bool]
) -> bool | None:
    """The dotted numbering (True: Roman first) that a coarse scan read with every dot lost, or
    None: OCR's numbers, no dotted one among them, are mostly runs of digits and strokes
    (``112``, ``113``, ``I14``, ``121``, ``13``, ``131``: ``I.1.2`` ... ``I.3.1`` at 150 dpi,
    every row left a kegiatan), and read with their dots put back they follow each other with
    fewer breaks than read as running numbers (each the one before plus one, or a new count's
    ``1``), which they are not. Of the two dotted schemes, the one with fewer breaks, then
    the one its numbers' characters tell (a Roman ``I``, ``V`` or ``X`` read as such, or a
    first digit from 2 to 9), then the cheaper."""
    read = [t for t, o in zip(texts, ocr, strict=True) if o and t]
    dotless = [t for t in read if _DOTLESS.match(t)]
    if len(dotless) < _DOTLESS_MIN or 2 * len(dotless) < len(read):
        return None
    counted = [int(t) for t in read if t.isdigit()]
    running = sum(
        after not in (before + 1, 1) for before, after in zip(counted, counted[1:], strict=False)
    )
    letters = sum(bool(re.search("[IVX]", t)) for t in read)
    digits = sum(bool(re.match("[2-9]", t)) for t in read)
    none: list[int | None] = [None] * len(texts)
    ways = []
    for roman in (True, False):
        best, cost = _read_as(texts, ocr, program, rows, roman, none, node)
        told = letters - digits if roman else digits - letters
        ways.append((_breaks(best), -told, cost, roman))
    breaks, _, _, roman = min(ways)
    return roman if breaks < running else None


def _breaks(best: Sequence[tuple[int, ...] | None]) -> int:
    """How many of the numbers read do not follow the number before them (a program's lost
    numeral read as the next program's follows)."""
    before: tuple[int, ...] | None = None
    top, count = 0, 0
    for number in best:
        if number is None or number == _UNSETTLED:
            continue
        if number == _NEXT:
            number = (top + 1,)
        count += not _follows(before, number)
        top = max(top, number[0])
        before = number
    return count


def _read_as(
    texts: list[str],
    ocr: Sequence[bool],
    program: list[bool],
    rows: list[int],
    roman: bool,
    depths: list[int | None],
    node: list[bool],
    only: dict[int, int] | None = None,
    fixed: dict[int, tuple[int, ...] | None] | None = None,
    start: _State = (None, 0),
) -> tuple[list[tuple[int, ...] | None], int]:
    """The reading of each of ``rows`` in the numbering (Roman first or not), None where the
    least-cost ways differ, and the least cost. A row that prints a node's name and amount
    (``node``) in a table that names its programs is a node: left without a number, it would
    be taken for the rest of the row above, which costs a break more. A row of ``only`` is
    read at the depth given there, and a row of ``fixed`` as the number given there; the
    rows are read after the state ``start``."""
    only, fixed = only or {}, fixed or {}
    named = any(program)  # where programs are told by their names, a row not so named is none
    options: list[dict[tuple[int, ...] | None, int]] = []
    for i in rows:
        own = _number(texts[i], roman)
        if i in fixed:
            options.append({fixed[i]: 0})
            continue
        if not ocr[i]:
            options.append({own: 0})  # the document's own number, a number or not
            continue
        found = _readings(texts[i], roman)
        if not texts[i] and not program[i]:  # a node's row whose number was lost whole
            options.append({None: _LOST + _styled(None, depths[i])})
            continue
        if own is not None:
            found[own] = 0
        else:
            # no number of the scheme at all: each character read otherwise, and a break
            found[None] = len(texts[i]) * 2 * _CHANGE + _BREAK
        if program[i]:  # a program's number: one segment, or the next program's, lost
            found = {n: c for n, c in found.items() if n is not None and len(n) == 1}
            found[_NEXT] = max(len(texts[i]), 1) * _CHANGE + _BREAK
        elif named and any(n is not None and len(n) == 1 for n in found):
            found = {n: c for n, c in found.items() if n is None or len(n) > 1}
            found[None] = len(texts[i]) * 2 * _CHANGE + _BREAK
        if named and node[i] and None in found:
            found[None] += _LOST
        depth = depths[i]
        if i in only:
            found = {n: c for n, c in found.items() if n is not None and len(n) == only[i]}
        options.append({n: c + _styled(n, depth) for n, c in found.items()})
    guesses = [
        _Guess(texts[i], roman, program[i], named and not program[i], depths[i], only.get(i))
        if ocr[i] and (texts[i] or not program[i]) and len(texts[i]) <= _GUESSED
        and i not in fixed else None
        for i in rows
    ]  # fmt: skip
    return _best_readings(options, guesses, start)


def _style_depths(
    styles: Sequence[Hashable], best: Sequence[tuple[int, ...] | None]
) -> list[int | None]:
    """The depth each row's style stands for, learnt from the rows whose reading is settled:
    a style stands for a depth where at least ``STYLE_AGREEMENT`` of its settled rows (two or
    more) have it, the share the table's style levels take; all None where the styles do not
    tell two depths apart."""
    votes: dict[Hashable, Counter[int]] = defaultdict(Counter)
    for style, number in zip(styles, best, strict=True):
        if number is not None and number != _UNSETTLED:
            votes[style][1 if number == _NEXT else len(number)] += 1
    mapping: dict[Hashable, int] = {}
    for style, counter in votes.items():
        depth, count = counter.most_common(1)[0]
        if count >= 2 and count >= STYLE_AGREEMENT * sum(counter.values()):
            mapping[style] = depth
    if len(set(mapping.values())) < 2:
        return [None] * len(styles)
    return [mapping.get(style) for style in styles]


def _programs_between(
    texts: list[str],
    ocr: Sequence[bool],
    program: list[bool],
    out: list[tuple[str | None, str | None]],
) -> list[tuple[str | None, str | None]]:
    """In a table of no dotted numbering whose programs are numbered ``I``, ``II``, ... (their
    rows numbered ``1``, ``2`` or not at all), a program read by OCR whose number was lost (a
    lone ``I`` read ``|`` and dropped as a rule's remnant) takes the number between the
    programs around it: the next program's number, one more, and the last one's, one less (or
    none before it, for ``I``). A program printed without a number (one repeated under an
    UPTD) has no such neighbours and stays without."""
    rows = [i for i, is_program in enumerate(program) if is_program]
    numbers = [_ROMAN_VALUE.get(texts[i]) for i in rows]
    if not any(numbers) or any(texts[i] and n is None for i, n in zip(rows, numbers, strict=True)):
        return out  # the programs are not numbered in Roman numerals
    for k, i in enumerate(rows):
        after = numbers[k + 1] if k + 1 < len(rows) else None
        if texts[i] or not ocr[i] or after is None or after < 2:
            continue
        if (numbers[k - 1] if k else after - 2) != after - 2:
            continue
        read = _ROMANS[after - 2]
        out[i] = (read, f"read as nothing; read as {read}, between the programs around it")
    return out


def sequence_breaks(nomors: Sequence[str]) -> list[bool]:
    """For each row number of a dotted numbering (``I`` / ``I.1`` / ``I.1.1``, or ``1`` /
    ``1.1``), whether it fails to follow the number before it (a child, or the next at some
    depth) or, after one that breaks, the last that did not; a text that is no number of the
    scheme breaks too. All False where the numbers show no dotted numbering."""
    texts = [re.sub(r"\s+", "", n).rstrip(".") for n in nomors]
    roman = _scheme(texts, [False] * len(texts))
    if roman is None:
        return [False] * len(texts)
    out = []
    before: tuple[int, ...] | None = None
    for text in texts:
        number = _number(text, roman)
        broken = number is None or not _follows(before, number)
        out.append(broken)
        before = before if broken else number  # the next follows the last that followed
    return out


@dataclass(frozen=True)
class _Guess:
    """A number read by OCR, to be read as one that follows the number before it: a child, or
    the next at some depth (what the numbering calls for), at the cost of the characters
    between its reading and it."""

    text: str
    roman: bool
    program: bool  # a program's row: one segment
    inner: bool  # no program's row: more than one
    depth: int | None = None  # the depth the row's style stands for
    only: int | None = None  # the depth the row is read at, where the sums give it

    def after(self, state: _State) -> dict[tuple[int, ...] | None, int]:
        """The numbers that follow ``state``, with the cost of reading each as this text: the
        next program is the one after the highest read, the others follow the last number."""
        last, top = state
        following: list[tuple[int, ...]] = [(top + 1,)]
        if last is not None:
            following += [(*last[: depth - 1], last[depth - 1] + 1)
                          for depth in range(2, len(last) + 1)]  # fmt: skip
            following += [(*last, 1)] if len(last) < 3 else []
        out: dict[tuple[int, ...] | None, int] = {}
        for number in following:
            if (self.program and len(number) != 1) or (self.inner and len(number) == 1):
                continue
            if self.only is not None and len(number) != self.only:
                continue
            if number[0] > len(_ROMANS):
                continue
            printed = _text(number, self.roman)
            out[number] = (_distance(self.text, printed) if self.text else _WHOLE) + _styled(
                number, self.depth
            )
        return out


def _distance(read: str, printed: str) -> int:
    """The cost of the changes that take a number as printed to its reading: a dot lost or
    added costs least, a one read as another one (``I`` as ``1``) or a thin stroke (``I``,
    ``1``) lost or added more, and any other character read otherwise, lost or added (``.1``
    read as ``4``) twice that."""
    rows = len(printed) + 1
    cost = [[0] * (len(read) + 1) for _ in range(rows)]
    for i in range(1, rows):
        cost[i][0] = cost[i - 1][0] + _lost(printed[i - 1])
    for j in range(1, len(read) + 1):
        cost[0][j] = cost[0][j - 1] + _lost(read[j - 1])
        for i in range(1, rows):
            p, r = printed[i - 1], read[j - 1]
            swap = 0 if p == r else (_CHANGE if p in _ONES.get(r, "") else 2 * _CHANGE)
            cost[i][j] = min(cost[i - 1][j - 1] + swap, cost[i - 1][j] + _lost(p),
                             cost[i][j - 1] + _lost(r))  # fmt: skip
            for run, glyphs in _MERGED:  # a Roman II or III read as one glyph
                if printed[max(0, i - len(run)) : i] == run and r in glyphs:
                    cost[i][j] = min(cost[i][j], cost[i - len(run)][j - 1] + _CHANGE)
    return cost[-1][-1]


# The strokes of a Roman II or III run together in a coarse scan and are read as one glyph of
# as many strokes (``u``, ``n`` for ``II``; ``m``, ``w`` for ``III``), or as one ``1``.
_MERGED = (("III", "mwMW1Il|"), ("II", "unUNH1Il|"))


def _styled(number: tuple[int, ...] | None, depth: int | None) -> int:
    """The cost of reading a row as ``number`` where its style stands for ``depth`` (a node's
    depth: a row left without a number is none)."""
    if depth is None:
        return 0
    if number is None:
        return _STYLE
    return 0 if (1 if number == _NEXT else len(number)) == depth else _STYLE


def _lost(char: str) -> int:
    return _DOT if char == "." else _CHANGE if char in "I1|l" else 2 * _CHANGE


# The state of a way through the rows: the last number read, and the highest program's.
_State = tuple[tuple[int, ...] | None, int]


def _step(state: _State, number: tuple[int, ...] | None, change: int) -> tuple[int, _State]:
    """The cost of reading a row as ``number`` after ``state``, and the state after it. A
    number that follows the last costs nothing more; one that does not is a break, and one
    before the last (but a new table's ``I``) costs more: the numbers of a table rise, and
    programs are counted (the next program's number, where its own was lost, is the one after
    the highest before it)."""
    last, top = state
    if number == _NEXT:
        return change, ((top + 1,), top + 1)
    if number is None:
        return change, state
    top = number[0] if len(number) == 1 else max(top, number[0])
    if _follows(last, number):
        return change, (number, top)
    back = last is not None and number != (1,) and number < last
    return change + (_BACK if back else _BREAK), (number, top)


def _choices(
    found: dict[tuple[int, ...] | None, int], guess: _Guess | None, state: _State
) -> dict[tuple[int, ...] | None, int]:
    """A row's readings after ``state``: its own, and the numbers that follow ``state``."""
    if guess is None:
        return found
    out = dict(found)
    for number, change in guess.after(state).items():
        out[number] = min(out.get(number, change), change)
    return out


def _best_readings(
    options: list[dict[tuple[int, ...] | None, int]],
    guesses: Sequence[_Guess | None],
    start: _State = (None, 0),
) -> tuple[list[tuple[int, ...] | None], int]:
    """For each row, the reading that every least-cost way through all the rows gives it
    (changes of characters, and a break wherever a number does not follow the last number
    read before it), or None where least-cost ways differ; and the least cost. Forward and
    backward costs over the states (the last number read), as a Viterbi pass in both
    directions."""
    forward: list[dict[_State, int]] = [{start: 0}]
    for found, guess in zip(options, guesses, strict=True):
        after: dict[_State, int] = {}
        for state, cost in forward[-1].items():
            for number, change in _choices(found, guess, state).items():
                step, nxt = _step(state, number, change)
                if cost + step < after.get(nxt, 1 << 30):
                    after[nxt] = cost + step
        forward.append(after)
    backward: dict[_State, int] = {state: 0 for state in forward[-1]}
    totals: list[dict[tuple[int, ...] | None, int]] = [{} for _ in options]
    for at in range(len(options) - 1, -1, -1):
        before: dict[_State, int] = {}
        for state, cost in forward[at].items():
            for number, change in _choices(options[at], guesses[at], state).items():
                step, nxt = _step(state, number, change)
                if nxt not in backward:
                    continue
                rest = step + backward[nxt]
                before[state] = min(before.get(state, 1 << 30), rest)
                totals[at][number] = min(totals[at].get(number, 1 << 30), cost + rest)
        backward = before
    if not backward:
        return [], 1 << 30  # no way through the rows: a depth given that no number fits
    least = min(backward.values())
    out: list[tuple[int, ...] | None] = []
    for costs in totals:
        winners = [n for n, c in costs.items() if c == least]
        out.append(winners[0] if len(winners) == 1 else _UNSETTLED)
    return out, least
