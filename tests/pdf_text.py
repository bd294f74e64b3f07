"""Edit the text a PDF prints, in its content streams, to make misreadings on real documents.

Each text-showing operator (``Tj``, ``TJ``, ``'``, ``"``) of a page is decoded through its
font (the ToUnicode map, else the font's encoding) and located (where its first glyph is
placed, in pdfplumber's top-down coordinates); an edit gets the decoded text and place and
returns the text to print instead. Only simple fonts (one byte per glyph) are handled: a
composite font (Type0, Identity-H) raises :class:`Unsupported`, and so does a character the
font's subset does not hold.

Used by the tests to take the spaces out of names (each space glyph replaced by a move of its
width, so that the words are placed by position only), to change a caption's year and to
flatten a table's numbering.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pikepdf

__all__ = ["Shown", "Unsupported", "edit_text", "shown_text"]


class Unsupported(Exception):
    """The document's text cannot be edited so (a composite font, a glyph missing)."""


@dataclass(frozen=True)
class Shown:
    """One text-showing operator: its page (1-based), place and decoded text."""

    page: int
    x: float
    top: float
    text: str
    size: float


# edit(shown) -> the text to print instead, or None to leave it
Edit = Callable[[Shown], "str | None"]

_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")
_BFRANGE = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])")


def _utf16(hexes: bytes) -> str:
    return bytes.fromhex(hexes.decode()).decode("utf-16-be", errors="replace")


class _Font:
    """A simple font's codes, their text and widths."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        if font.get("/Subtype") == "/Type0":
            raise Unsupported(f"composite font {font.get('/BaseFont')}: two-byte glyph codes")
        self.text: dict[int, str] = {}
        encoding = font.get("/Encoding")
        if "/ToUnicode" in font:
            self.text.update(_to_unicode(font.ToUnicode.read_bytes()))
        elif not isinstance(encoding, pikepdf.Dictionary):  # a named or the built-in encoding
            codec = "cp1252" if encoding == "/WinAnsiEncoding" else "latin-1"
            for code in range(32, 256):
                with contextlib.suppress(UnicodeDecodeError):
                    self.text[code] = bytes([code]).decode(codec)
        else:
            raise Unsupported(f"font {font.get('/BaseFont')}: an encoding with differences")
        first = int(font.get("/FirstChar", 0))
        widths = [float(w) for w in font.get("/Widths", [])]
        self.widths = {first + i: w for i, w in enumerate(widths)}
        descriptor = font.get("/FontDescriptor")
        self.missing = float(descriptor.get("/MissingWidth", 0)) if descriptor else 0.0
        self.code: dict[str, int] = {}
        for code, text in sorted(self.text.items(), reverse=True):
            self.code[text] = code

    def decode(self, data: bytes) -> str:
        return "".join(self.text.get(b, "\ufffd") for b in data)

    def encode(self, text: str) -> bytes:
        missing = [c for c in text if c not in self.code]
        if missing:
            raise Unsupported(f"the font's subset holds no glyph for {''.join(missing)!r}")
        return bytes(self.code[c] for c in text)


def _to_unicode(cmap: bytes) -> dict[int, str]:
    found: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in _BFCHAR.findall(block):
            found[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for low, high, dst in _BFRANGE.findall(block):
            start, end = int(low, 16), int(high, 16)
            if dst.startswith(b"["):
                for code, item in zip(range(start, end + 1), re.findall(rb"<([0-9a-fA-F]+)>", dst),
                                      strict=False):  # fmt: skip
                    found[code] = _utf16(item)
            else:
                first = _utf16(dst[1:-1])
                for offset in range(end - start + 1):
                    found[start + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return found


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)  # fmt: skip


@dataclass
class _State:
    ctm: Matrix = _IDENTITY
    font: _Font | None = None
    size: float = 0.0
    char_space: float = 0.0
    word_space: float = 0.0
    scale: float = 100.0
    leading: float = 0.0


def _walk(
    pdf: pikepdf.Pdf, number: int, edit: Edit | None, found: list[Shown], keep_place: bool = True
) -> list[pikepdf.ContentStreamInstruction] | None:
    """Decode (and with ``edit``, rewrite) the text of one page's content stream."""
    page = pdf.pages[number - 1]
    fonts = {str(k): v for k, v in page.resources.get("/Font", {}).items()}
    cache: dict[str, _Font] = {}
    height = float(page.mediabox[3])
    state, stack = _State(), []
    tm = line = _IDENTITY
    out: list = []
    changed = False
    for item in pikepdf.parse_content_stream(page):
        if isinstance(item, pikepdf.ContentStreamInlineImage):
            out.append(item)
            continue
        operands, op = list(item.operands), str(item.operator)
        if op == "q":
            stack.append(_State(**vars(state)))
        elif op == "Q" and stack:
            state = stack.pop()
        elif op == "cm":
            state.ctm = _mul(tuple(float(v) for v in operands), state.ctm)  # type: ignore[arg-type]
        elif op == "BT":
            tm = line = _IDENTITY
        elif op == "Tf":
            name = str(operands[0])
            if name not in cache:
                cache[name] = _Font(fonts[name])
            state.font, state.size = cache[name], float(operands[1])
        elif op == "Tc":
            state.char_space = float(operands[0])
        elif op == "Tw":
            state.word_space = float(operands[0])
        elif op == "Tz":
            state.scale = float(operands[0])
        elif op == "TL":
            state.leading = float(operands[0])
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                state.leading = -ty
            tm = line = _mul((1, 0, 0, 1, tx, ty), line)
        elif op == "Tm":
            tm = line = tuple(float(v) for v in operands)  # type: ignore[assignment]
        elif op == "T*":
            tm = line = _mul((1, 0, 0, 1, 0, -state.leading), line)
        if op in ("'", '"'):
            if op == '"':
                state.word_space, state.char_space = float(operands[0]), float(operands[1])
                for value, name in ((operands[0], "Tw"), (operands[1], "Tc")):
                    out.append(pikepdf.ContentStreamInstruction([value], pikepdf.Operator(name)))
            out.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
            tm = line = _mul((1, 0, 0, 1, 0, -state.leading), line)
            operands, op = [operands[-1]], "Tj"
        if op in ("Tj", "TJ"):
            if state.font is None:
                raise Unsupported("text shown before a font is set")
            parts = list(operands[0]) if op == "TJ" else [operands[0]]
            x, y = _mul(tm, state.ctm)[4:]
            text = "".join(state.font.decode(bytes(p)) for p in parts
                           if isinstance(p, pikepdf.String))  # fmt: skip
            shown = Shown(number, round(x, 2), round(height - y, 2), text, state.size)
            found.append(shown)
            new = edit(shown) if edit else None
            if new is not None and new != text:
                parts = _replace(parts, text, new, state, keep_place)
                changed = True
            tm = _mul((1, 0, 0, 1, _advance(parts, state), 0), tm)
            out.append(pikepdf.ContentStreamInstruction([pikepdf.Array(parts)],
                                                        pikepdf.Operator("TJ")))  # fmt: skip
            continue
        out.append(pikepdf.ContentStreamInstruction(item.operands, item.operator))
    return out if changed else None


def _advance(parts: list, state: _State) -> float:
    """How far a TJ array moves the text position (in text space, before the scale)."""
    assert state.font is not None
    total = 0.0
    for part in parts:
        if isinstance(part, pikepdf.String):
            for code in bytes(part):
                width = state.font.widths.get(code, state.font.missing)
                total += width / 1000 * state.size + state.char_space
                total += state.word_space if code == 32 else 0.0
        else:
            total -= float(part) / 1000 * state.size
    return total * state.scale / 100


def _replace(parts: list, old: str, new: str, state: _State, keep_place: bool) -> list:
    """The TJ array printing ``new`` instead of ``old``: a space glyph taken out is replaced by
    a move of its width, so that the following glyphs stay where they were (unless not
    ``keep_place``: they then close up); a text of the same length keeps its glyphs' moves;
    another text is printed as one string."""
    font = state.font
    assert font is not None
    if new == old.replace(" ", "") and new != old:
        result: list = []
        for part in parts:
            if not isinstance(part, pikepdf.String):
                result.append(part)
                continue
            kept = b""
            for code in bytes(part):
                if font.text.get(code) != " ":
                    kept += bytes([code])
                    continue
                if kept:
                    result.append(pikepdf.String(kept))
                    kept = b""
                if not keep_place:
                    continue
                width = font.widths.get(code, font.missing)
                extra = state.char_space + (state.word_space if code == 32 else 0.0)
                result.append(-(width + extra * 1000 / state.size))
            if kept:
                result.append(pikepdf.String(kept))
        return result
    if len(new) == len(old):
        chars = iter(new)
        result = []
        for part in parts:
            if isinstance(part, pikepdf.String):
                count = len(font.decode(bytes(part)))
                result.append(pikepdf.String(font.encode("".join(next(chars) for _ in
                                                                  range(count)))))  # fmt: skip
            else:
                result.append(part)
        return result
    return [pikepdf.String(font.encode(new))]


def edit_text(
    source: Path, target: Path, pages: list[int], edit: Edit, keep_place: bool = True
) -> list[Shown]:
    """Write ``source`` to ``target`` with the text of ``pages`` (1-based) edited; the shown
    texts as they were are returned. Space glyphs taken out leave their place empty, unless
    not ``keep_place``: the glyphs after them close up."""
    found: list[Shown] = []
    with pikepdf.open(source) as pdf:
        for number in pages:
            instructions = _walk(pdf, number, edit, found, keep_place)
            if instructions is not None:
                pdf.pages[number - 1].Contents = pdf.make_stream(
                    pikepdf.unparse_content_stream(instructions)
                )
        pdf.save(target)
    return found


def shown_text(source: Path, pages: list[int]) -> list[Shown]:
    """The texts the pages show, decoded and located."""
    found: list[Shown] = []
    with pikepdf.open(source) as pdf:
        for number in pages:
            _walk(pdf, number, None, found)
    return found


# Mutations of a plan table's pages -------------------------------------------------------------

_AMOUNT = re.compile(r"\s*\d{1,3}(?:\.\d{3})+(?:,\d+)?\s*")
_ROMAN_NOMOR = re.compile(r"\s*[IVXL]+(?:\.\d+)*\.?\s*")
_KODE = re.compile(r"\s*\d+(?:\.\d+){2,}\s*")


def _body_tops(source: Path, pages: list[int]) -> dict[int, float]:
    """Where each page's table body starts: a little above the first amount it prints (the
    first line of a row's name may sit above its amount), below the title and header."""
    tops: dict[int, float] = {}
    for shown in shown_text(source, pages):
        if _AMOUNT.fullmatch(shown.text):
            tops[shown.page] = min(tops.get(shown.page, shown.top), shown.top)
    return {page: top - 10 for page, top in tops.items()}


def without_spaces(source: Path, target: Path, pages: list[int], keep_place: bool) -> None:
    """The table's body printed without space glyphs: each word is placed by position only
    (``keep_place``), or the words close up."""
    body = _body_tops(source, pages)

    def edit(shown: Shown) -> str | None:
        if shown.top < body.get(shown.page, float("inf")):
            return None
        return shown.text.replace(" ", "")

    edit_text(source, target, pages, edit, keep_place)


_PLAN_AND_NEXT = re.compile(r"tahun\s+(?:anggaran\s+)?(20\d\d)\s*dan\s+prakiraan\s+maju", re.I)
_TAHUN = re.compile(r"tahun\s+(?:anggaran\s+)?(20\d\d)", re.I)


def plan_year_changed(source: Path, target: Path, first_page: int) -> tuple[str, int]:
    """The plan year of the table's caption (its "Tahun N dan Prakiraan Maju", else the first
    "Tahun N" of the title) changed to the nearest year the font can print (N-1 first); the
    caption as it was and the year printed instead are returned."""
    pages = [p for p in (first_page - 1, first_page) if p >= 1]
    shown = shown_text(source, pages)
    text = "".join(s.text for s in shown)
    match = _PLAN_AND_NEXT.search(text) or _TAHUN.search(text)
    if match is None:
        raise Unsupported("no caption naming the plan year")
    start, end = match.span(1)
    year = int(match[1])
    for other in (year + d for d in (-1, 1, -2, 2, -3, 3, -4, 4)):
        edits, offset = {}, 0
        for item in shown:
            lo, hi = max(start, offset), min(end, offset + len(item.text))
            if lo < hi:
                chars = list(item.text)
                for i in range(lo, hi):
                    chars[i - offset] = str(other)[i - start]
                edits[item] = "".join(chars)
            offset += len(item.text)
        try:
            edit_text(source, target, pages, edits.get)
        except Unsupported:
            continue
        return match[0], other
    raise Unsupported("the caption's font prints no other year near it")


def numbering_flattened(source: Path, target: Path, pages: list[int]) -> None:
    """The levels of the numbering flattened: row numbers ``I`` / ``I.1`` / ``I.1.1`` replaced
    by running numbers, codes cut to the program's depth (their first three parts), and the
    kegiatan and sub kegiatan parts of a code split over columns (those headed by the column
    numbers 4 and 5) left blank."""
    shown = shown_text(source, pages)
    split: dict[int, tuple[float, float, float]] = {}
    for page in pages:
        rows: dict[float, list[Shown]] = {}
        for item in shown:
            if item.page == page and item.text.strip().isdigit():
                rows.setdefault(item.top, []).append(item)
        for top, items in rows.items():
            items.sort(key=lambda s: s.x)
            if [s.text.strip() for s in items[:6]] == ["1", "2", "3", "4", "5", "6"]:
                split[page] = (top, items[3].x - 6, items[4].x + 6)
                break
    count = iter(range(1, 100_000))

    def edit(item: Shown) -> str | None:
        if _ROMAN_NOMOR.fullmatch(item.text):
            return str(next(count))
        if _KODE.fullmatch(item.text) and not _AMOUNT.fullmatch(item.text):
            kode = item.text.strip()
            return item.text.replace(kode, ".".join(kode.split(".")[:3]))
        if item.page in split:
            top, low, high = split[item.page]
            if item.top > top and low <= item.x <= high and re.fullmatch(r"[\d.]+", item.text):
                return ""
        return None

    edit_text(source, target, pages, edit)
