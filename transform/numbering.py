"""Row numbers read by OCR put back into the table's numbering.

Most Renja tables without codes number their rows ``I`` / ``I.1`` / ``I.1.1`` (program, kegiatan,
sub kegiatan; some ``1`` / ``1.1`` / ``1.1.1``), and each number follows the one before it: a
child (``I.2`` → ``I.2.1``) or the next at some depth (``I.2.1`` → ``I.2.2``, ``I.3``, ``II``).
On a coarse scan OCR reads the Roman ``I`` as ``1``, ``l`` or ``L``, and loses the dot after it
(``I.2.1`` read as ``12.1``), which gives the row another depth, so another level. A number read
by OCR is read here as the number of the table's numbering that it can be (the same characters,
``I`` and ``1`` taken for each other, a lost dot put back) and that fits the sequence: of all
the ways to read the table's numbers, the one with the fewest changes and the fewest breaks in
the sequence. A number is changed only when every best way reads it alike; the reading is
kept in the node's flag. Numbers of a text layer are the document's own and are never changed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

__all__ = ["read_nomors", "sequence_breaks"]

_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]  # fmt: skip
_ROMAN_VALUE = {text: i + 1 for i, text in enumerate(_ROMANS)}
_SEGMENT = re.compile(r"^[1-9]\d?$")
# OCR's readings of a Roman one and a digit one, taken for each other, and of a Roman five and
# ten in lower case (``Iv``, ``vi``: a program's number, read without a word to size it).
_ONES = {"I": "I1", "1": "1I", "l": "1I", "L": "I1", "|": "I1", "i": "I1", "v": "V", "x": "X"}
_MAX_LENGTH = 8  # characters of a number considered (I.12.10 is seven)
_CHANGE = 1  # a character read otherwise, or a dot lost
_NEXT = (0,)  # a program's number lost: the next program's, whatever the last number read
_BREAK = 3  # a number that does not follow the one before it


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
    """Each number of the scheme that ``text`` can be, with the changes it takes."""
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
                    cost = (changed + count) * _CHANGE
                    out[number] = min(out.get(number, cost), cost)
    return out


def _scheme(texts: Sequence[str], ocr: Sequence[bool]) -> bool | None:
    """True for a Roman-first dotted numbering, False for an Arabic one, None for neither (a
    table numbered otherwise: ``I`` / ``1`` / ``(1)``, counted on, or not at all). The
    numbers of a text layer decide when they show a dotted one.

    Read by OCR, a Roman ``I`` is mostly read ``1``, so numbers that start ``1.`` tell neither
    way: where OCR's numbers show a dotted numbering, those that start with another Roman
    numeral (``II.1``, ``V``, ``VI.11``) stand for a Roman one, those that start with another
    digit (``2.1``) for an Arabic one, when any does."""
    for trusted in (True, False):
        shown = [t for t, o in zip(texts, ocr, strict=True) if o != trusted and "." in t]
        roman = sum(_number(t, True) is not None for t in shown)
        arabic = sum(_number(t, False) is not None and len(t.split(".")) > 1 for t in shown)
        if not trusted and (roman or arabic):  # a dotted numbering: which one
            read = [t for t, o in zip(texts, ocr, strict=True) if o]
            others = sum(
                (number := _number(t, True)) is not None and number[0] > 1 for t in read
            )  # fmt: skip
            digits = sum(
                (number := _number(t, False)) is not None and number[0] > 1 and "." in t
                for t in read
            )  # fmt: skip
            if others or digits:
                return others >= digits
        if roman or arabic:
            return roman >= arabic
    return None


def read_nomors(
    nomors: Sequence[str | None], ocr: Sequence[bool], programs: Sequence[bool] | None = None
) -> list[tuple[str | None, str | None]]:
    """Each row's number and, where one read by OCR (``ocr``) is read otherwise, how it was read
    (``read as 12.1; ...``); numbers stay as given in a table of no dotted numbering.

    A row read by OCR that is a program by its name (``programs``: ``PROGRAM ...``) is a
    program's number, one segment, even where its number was lost or is no number (a lone
    ``II`` in its cell), then the next program's (``I`` at the top of the table), and is so
    numbered where the readings before it are settled: the rows under it are numbered under
    it, not under the last program read (``II.1`` read ``111`` after a lost ``II`` was read
    ``I.11``; it is now left as read, where ``II.1`` and ``III`` fit alike)."""
    texts = [re.sub(r"\s+", "", n or "").rstrip(".") for n in nomors]
    out: list[tuple[str | None, str | None]] = [(n, None) for n in nomors]
    roman = _scheme(texts, ocr)
    if roman is None or not any(o and t for t, o in zip(texts, ocr, strict=True)):
        return out
    program = list(programs) if programs is not None else [False] * len(texts)
    rows = [i for i, t in enumerate(texts) if t or (program[i] and ocr[i])]
    options: list[dict[tuple[int, ...] | None, int]] = []
    for i in rows:
        own = _number(texts[i], roman)
        if not ocr[i]:
            options.append({own: 0})  # the document's own number, a number or not
            continue
        found = _readings(texts[i], roman)
        if own is not None:
            found[own] = 0
        else:
            found[None] = len(texts[i]) * _CHANGE + _BREAK  # no number of the scheme at all
        if program[i]:  # a program's number: one segment, or the next program's, lost
            found = {n: c for n, c in found.items() if n is not None and len(n) == 1}
            found[_NEXT] = max(len(texts[i]), 1) * _CHANGE + _BREAK
        options.append(found)
    best = _best_readings(options)
    state: tuple[int, ...] | None = None
    known = True  # whether every reading so far is settled, so that ``state`` is the last read
    for i, number in zip(rows, best, strict=True):
        if number is None:
            known = False
            continue
        if number == _NEXT:
            if not known:
                continue
            number = (state[0] + 1,) if state else (1,)
            read = _text(number, roman)
            state = number
            out[i] = (read, f"read as {nomors[i] or 'nothing'}; read as {read}, the next program")
            continue
        state, known = number, True
        if not ocr[i] or number == _number(texts[i], roman):
            continue
        read = _text(number, roman)
        out[i] = (
            read,
            f"read as {nomors[i]}; read as {read}, the number that fits the rows around it",
        )
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


def _step(
    state: tuple[int, ...] | None, number: tuple[int, ...] | None, change: int
) -> tuple[int, tuple[int, ...] | None]:
    """The cost of reading a row as ``number`` after ``state``, and the state after it."""
    if number == _NEXT:
        return change, ((state[0] + 1,) if state else (1,))
    if number is None:
        return change, state
    return change + (0 if _follows(state, number) else _BREAK), number


def _best_readings(
    options: list[dict[tuple[int, ...] | None, int]],
) -> list[tuple[int, ...] | None]:
    """For each row, the reading that every least-cost way through all the rows gives it
    (changes of characters, and a break wherever a number does not follow the last number
    read before it), or None where least-cost ways differ. Forward and backward costs over the
    states (the last number read), as a Viterbi pass in both directions."""
    State = tuple[int, ...] | None
    forward: list[dict[State, int]] = [{None: 0}]
    for found in options:
        after: dict[State, int] = {}
        for state, cost in forward[-1].items():
            for number, change in found.items():
                step, nxt = _step(state, number, change)
                if cost + step < after.get(nxt, 1 << 30):
                    after[nxt] = cost + step
        forward.append(after)
    backward: dict[State, int] = {state: 0 for state in forward[-1]}
    totals: list[dict[State, int]] = [{} for _ in options]
    for at in range(len(options) - 1, -1, -1):
        before: dict[State, int] = {}
        for state, cost in forward[at].items():
            for number, change in options[at].items():
                step, nxt = _step(state, number, change)
                if nxt not in backward:
                    continue
                rest = step + backward[nxt]
                before[state] = min(before.get(state, 1 << 30), rest)
                totals[at][number] = min(totals[at].get(number, 1 << 30), cost + rest)
        backward = before
    least = min(backward.values())
    out: list[State] = []
    for costs in totals:
        winners = [n for n, c in costs.items() if c == least]
        out.append(winners[0] if len(winners) == 1 else None)
    return out
