"""Program codes (kode) of Permendagri 90/2019 and its updates, and printed row numbers (nomor).

A full sub kegiatan code reads ``U.BB.PP.K.KK.SS`` (``2.07.03.2.01.01``) or, from 2022 on, with a
4-digit sub part (``2.07.03.2.01.0001``). Documents split it over five columns, glue it to the name,
write ``02`` for ``2``, use ``X.XX`` for the Penunjang program, or print no code and number the rows
``I`` / ``I.1`` / ``I.1.1`` instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal

from transform.numbers import DIGIT_GAP, OCR_DIGITS

Level = Literal["program", "kegiatan", "sub_kegiatan"]
LEVELS: tuple[Level, ...] = ("program", "kegiatan", "sub_kegiatan")

__all__ = [
    "one_digit_apart",
    "CODE_GLYPHS",
    "LEVELS",
    "KODE_PATTERNS",
    "PLAIN_NUMBER",
    "Level",
    "join_kode",
    "kode_readings",
    "nomor_levels",
    "level_of_kode",
    "level_of_nomor",
    "normalise_kode",
    "parent_kode",
    "regroup_kode",
    "split_glued_kode",
]

_SEGMENT = r"(?:\d+|[Xx]{1,2})"
_KODE = re.compile(rf"^{_SEGMENT}(?:\.{_SEGMENT})*$")
_GLUED = re.compile(rf"^\s*(?P<kode>{_SEGMENT}(?:\.{_SEGMENT})*)\.?\s+(?P<rest>\S.*)$", re.DOTALL)
_NOMOR = re.compile(r"^(?:[IVXLC]+|\d+)(?:\.\d+)*\.?$")

# Glyphs OCR reads for a digit in a code's narrow cell: those of an amount, and ``t`` for ``1``
# (a sub kegiatan's ``01`` read ``Ot``, a program's too, in coarse scans of the five code
# columns). A code read so is flagged with its reading (``kode_flag``).
CODE_GLYPHS: dict[str, str] = {**OCR_DIGITS, "t": "1"}

# Number of dotted segments of a complete code at each level.
_SEGMENTS: dict[Level, int] = {"program": 3, "kegiatan": 5, "sub_kegiatan": 6}

# Regular expressions of a well-formed kode per level (used by the schema checks).
KODE_PATTERNS: dict[Level, str] = {
    "program": r"^(\d|X)\.(\d{2}|XX)\.\d{2}$",
    "kegiatan": r"^(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}$",
    "sub_kegiatan": r"^(\d|X)\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}\.(\d{2}|\d{4})$",
}


def _normalise_segment(position: int, segment: str) -> str:
    if not segment.isdigit():
        return segment.upper()
    if position in (0, 3):  # urusan, first part of the kegiatan code: one digit
        return str(int(segment))
    if position in (1, 2, 4):  # bidang, program, second part of the kegiatan code: two digits
        return segment.zfill(2)
    # sub kegiatan: two digits before 2022, four after; keep the printed width
    return segment.zfill(2) if len(segment) <= 2 else segment.zfill(4)


def normalise_kode(text: str | None) -> str | None:
    """Normalise a printed code: drop spaces and line breaks, pad each segment to its width.

    Returns ``None`` when the text is not a code.
    """
    if text is None:
        return None
    compact = re.sub(r"\s+", "", text).strip(".")
    if not compact or not _KODE.match(compact):
        return None
    return ".".join(_normalise_segment(i, s) for i, s in enumerate(compact.split(".")))


# Digits of each segment of a complete code, by level (the sub kegiatan part has 2 or 4).
_WIDTHS: tuple[tuple[int, ...], ...] = (
    (1, 2, 2),
    (1, 2, 2, 1, 2),
    (1, 2, 2, 1, 2, 2),
    (1, 2, 2, 1, 2, 4),
)


def regroup_kode(kode: str) -> str | None:
    """The one well-formed code whose segments a misread code's digits make, or None.

    OCR drops the dot of a short code segment (``2.07.01.201.02`` for ``2.07.01.2.01.02``).
    The printed dots stay boundaries; a dot is put back only where the widths of Permendagri
    90's segments need one, and only when exactly one code of any level comes out.
    """
    groups = kode.split(".")
    if not all(g.isdigit() for g in groups):
        return None
    found = set()
    for widths in _WIDTHS:
        split = _split_groups(groups, widths)
        if split is not None:
            found.add(".".join(split))
    return found.pop() if len(found) == 1 else None


def kode_readings(kode: str, *, ocr: bool = False) -> set[str]:
    """The well-formed codes of any level (``KODE_PATTERNS``, printed widths exact) that a
    misread code can be: with one of its dots lost (``2.07.01.201.02``, :func:`regroup_kode`)
    or with one dot too many inside a segment (``2.07.0.4.2.01.05``, a speck read as a dot);
    read by OCR (``ocr``), also with letters taken for the digits they resemble (``2.07.0S``,
    ``2.11.01.1.01.Ot``: ``CODE_GLYPHS``). Empty when the text is no code; the
    caller takes a reading only when there is exactly one, and only where it fits the tree."""
    text = re.sub(r"\s+", "", kode).strip(".")
    if ocr:
        text = "".join(CODE_GLYPHS.get(char, char) for char in text)
    if not re.fullmatch(r"\d+(?:\.\d+)*", text):
        return set()
    if _well_formed(text):
        return {text}
    readings = {regroup_kode(text)} - {None}
    dots = [i for i, char in enumerate(text) if char == "."]
    readings |= {t for i in dots if _well_formed(t := text[:i] + text[i + 1 :])}
    return {r for r in readings if r is not None}


def _well_formed(kode: str) -> bool:
    return any(re.match(pattern, kode) for pattern in KODE_PATTERNS.values())


def _split_groups(groups: list[str], widths: tuple[int, ...]) -> list[str] | None:
    """Cut each printed digit group into consecutive segments of the given widths."""
    out: list[str] = []
    for group in groups:
        rest = group
        while rest:
            if len(out) == len(widths) or len(rest) < widths[len(out)]:
                return None
            width = widths[len(out)]
            out.append(rest[:width])
            rest = rest[width:]
    return out if len(out) == len(widths) else None


def join_kode(parts: Iterable[str | None]) -> str | None:
    """Join a code printed over several columns (``2 | 07 | 03 | 2.01 | 01``) into one code.

    A space between two digits inside a part is dropped (a code wrapped in its cell), unless the
    code is then ill-formed while it is well-formed with a dot there: OCR reads a dot beside a
    wide gap as a space (``1.03.11 1.01.0009``, whose ``111`` no segment of a code can be)."""
    pieces = [p for p in parts if p and p.strip()]
    if not pieces:
        return None
    joined = normalise_kode(".".join(re.sub(r"\s+", "", p).strip(".") for p in pieces))
    if joined is None or _well_formed(joined) or not any(DIGIT_GAP.search(p) for p in pieces):
        return joined
    # well-formed as printed, each segment of its own width: padding would make a code of
    # digits stacked one per line in a narrow column (``0 7``)
    dotted = ".".join(re.sub(r"\s+", "", DIGIT_GAP.sub(".", p)).strip(".") for p in pieces)
    return dotted if _well_formed(dotted) else joined


def level_of_kode(kode: str | None) -> Level | None:
    """The level a complete code belongs to, by its number of segments."""
    if not kode:
        return None
    count = len(kode.split("."))
    for level, segments in _SEGMENTS.items():
        if count == segments:
            return level
    return None


def parent_kode(kode: str) -> str | None:
    """The code of the parent node (program for a kegiatan, kegiatan for a sub kegiatan)."""
    level = level_of_kode(kode)
    if level == "kegiatan":
        return ".".join(kode.split(".")[:3])
    if level == "sub_kegiatan":
        return ".".join(kode.split(".")[:5])
    return None


def level_of_nomor(nomor: str | None) -> Level | None:
    """Level of a printed row number: ``I`` program, ``I.1`` kegiatan, ``I.1.1`` sub kegiatan."""
    if not nomor:
        return None
    text = re.sub(r"\s+", "", nomor).rstrip(".")
    if not _NOMOR.match(text):
        return None
    depth = len(text.split("."))
    return LEVELS[depth - 1] if depth <= 3 else None


_ROMAN = re.compile(r"^[IVXLC]+\.?$")
# A plain row number (``1``, ``12.``), as kegiatan and sub kegiatan print under Roman programs.
PLAIN_NUMBER = re.compile(r"^\d+\.?$")
_BRACKETED = re.compile(r"^\(\d+\)$")


def nomor_levels(nomors: Iterable[str | None]) -> Callable[[str | None], Level | None]:
    """How a table numbers its levels. Most print ``I`` / ``I.1`` / ``I.1.1``; some number each
    level on its own: ``I`` program, ``1`` kegiatan, ``(1)`` sub kegiatan (counting on through
    the table). The second style is told by its bracketed numbers beside Roman ones."""
    texts = [re.sub(r"\s+", "", n) for n in nomors if n]
    roman = any(_ROMAN.match(t) for t in texts)
    if roman and not any(_BRACKETED.match(t) or "." in t.rstrip(".") for t in texts):
        # programs I, II and kegiatan and sub kegiatan both plain numbers: a plain number is
        # never a program; which of the two it is, the number alone does not say
        return lambda nomor: "program" if _ROMAN.match(re.sub(r"\s+", "", nomor or "")) else None
    if not (any(_BRACKETED.match(t) for t in texts) and roman):
        return level_of_nomor

    def by_style(nomor: str | None) -> Level | None:
        text = re.sub(r"\s+", "", nomor or "")
        if _ROMAN.match(text):
            return "program"
        if PLAIN_NUMBER.match(text):
            return "kegiatan"
        if _BRACKETED.match(text):
            return "sub_kegiatan"
        return None

    return by_style


def split_glued_kode(text: str) -> tuple[str | None, str]:
    """Split a code glued before a name (``01 Penyusunan Dokumen``) from the name."""
    match = _GLUED.match(text)
    if not match:
        return None, text
    return re.sub(r"\s+", "", match["kode"]), " ".join(match["rest"].split())


def one_digit_apart(a: str, b: str) -> bool:
    """Whether two codes or digit strings of one length differ in exactly one character."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1
