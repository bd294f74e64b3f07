"""Where a cell's lines start a paragraph of their own, and where they run on.

A word processor, a spreadsheet and a browser all fill a cell's line with words until the next
word does not fit, and only then wrap. So a line break after which the next line's first word
would have fitted, with a space, on the line before is no wrap: the text was broken there on
purpose (a new paragraph, a line break typed in the cell). That is the one certain sign a page
gives; a full line may end a paragraph or wrap one. The language gives a second: an indicator
or a name starts with a capital, and none ends with a conjunction or a preposition, so a line
that starts in lower case (in a cell whose text opens with a capital), or follows one that
ends in ``dan``, ``yang`` or a comma, or inside an open bracket, runs on; and a name keeps its
case over its lines (a program's set in capitals, a kegiatan's not), so a line in lower case
after one in capitals starts another.

The readers record, for each line break they leave in a cell's text, one of ``START``,
``WRAP`` or ``EITHER`` (``RawTable.breaks``); the rows read from them (``transform.rows``) use it
to part a cell that holds a node's indicators one under another.
"""

from __future__ import annotations

from typing import Any, Literal

__all__ = ["EITHER", "START", "WRAP", "Break", "line_breaks", "runs_on"]

Break = Literal["start", "wrap", "either"]
START: Break = "start"
WRAP: Break = "wrap"
EITHER: Break = "either"

# A space, as wide as the widest fonts print it (0.25-0.32 em), and a margin for the measures:
# a break is called a paragraph's only when the word clearly fitted.
_SPACE_EM = 0.35
_MARGIN_PT = 1.0

# Words an indicator or a name never ends with: the next line runs on.
_RUN_ON = frozenset(
    {
        "dan", "yang", "dalam", "di", "ke", "dari", "pada", "untuk", "bagi", "serta", "atau",
        "oleh", "dengan", "terhadap", "melalui", "sebagai", "antar", "antara", "tentang", "per",
        "&", "dan/atau",
    }
)  # fmt: skip
_RUN_ON_MARKS = (",", "-", "/", "(", "&", ":")


def line_breaks(lines: list[list[dict[str, Any]]], width: float) -> tuple[Break, ...]:
    """For each break between consecutive ``lines`` (each a list of words in reading order, as
    pdfplumber gives them) of a cell whose text may run ``width`` points wide: whether the
    next line starts a paragraph (``START``), runs on (``WRAP``) or may do either."""
    out: list[Break] = []
    if not lines:
        return ()
    # a line in lower case runs on where the text opens with a capital (not all of it is
    # set in lower case)
    capitalised = lines[0][0]["text"][:1].isupper()
    opened = 0  # brackets left open by the paragraph so far
    for prev, line in zip(lines, lines[1:], strict=False):
        opened += sum(w["text"].count("(") - w["text"].count(")") for w in prev)
        first, last = line[0], prev[-1]
        size = max(first["bottom"] - first["top"], 1.0)
        used = prev[-1]["x1"] - prev[0]["x0"]
        fits = used + _SPACE_EM * size + (first["x1"] - first["x0"]) <= width - _MARGIN_PT
        if runs_on(last["text"], first["text"], capitalised) or opened > 0:
            out.append(WRAP)
        elif fits or (_in_capitals(prev) and any(map(str.islower, first["text"]))):
            out.append(START)
            opened = 0
        else:
            out.append(EITHER)
    return tuple(out)


def _in_capitals(line: list[dict[str, Any]]) -> bool:
    """Whether a line is set in capitals: two words of three letters or more, and no letter in
    lower case (an acronym alone, ``(SPAM)``, is not)."""
    letters = "".join(ch for w in line for ch in w["text"] if ch.isalpha())
    words = sum(1 for w in line if sum(map(str.isalpha, w["text"])) >= 3)
    return words >= 2 and letters.isupper()


def runs_on(last: str, first: str, capitalised: bool) -> bool:
    """Whether the language says a line whose first word is ``first`` runs on from one whose
    last word is ``last``: it opens in lower case (in a cell whose text opens with a capital,
    ``capitalised``), or follows a conjunction, a preposition, a comma or an open mark."""
    return (
        (capitalised and first[:1].islower())
        or last.lower() in _RUN_ON
        or last.endswith(_RUN_ON_MARKS)
    )
