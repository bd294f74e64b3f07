"""Indonesian number formats: exact parsing, with the raw text kept and doubtful values flagged.

Indonesian documents group thousands with "." and write decimals after ",": ``1.234.567,89``.
Amounts come dressed as ``Rp. 2.730.000.000,-``, ``Rp245.652.000`` or ``9.471.211.674,00``, and are
sometimes wrapped inside their cell (``26.647.435.21`` / ``2``). A value is parsed only when its
reading is unambiguous; otherwise the value is ``None`` and a flag says why, so that nothing is
ever silently wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = [
    "DASH_FLAG",
    "MIN_OCR_CONFIDENCE",
    "Parsed",
    "format_idr",
    "format_rupiah",
    "join_wrapped",
    "parse_amount",
    "parse_number",
    "split_target",
    "trust_ocr",
]


@dataclass(frozen=True)
class Parsed:
    """A parsed value with the text it came from and, when it could not be read, the reason."""

    value: Decimal | None
    raw: str
    flag: str | None = None


_CURRENCY = re.compile(r"^\s*rp\.?\s*", re.IGNORECASE)
# An amount cell that prints only a dash (``-``, ``Rp -``) states nil: zero, flagged as such.
DASH_FLAG = "printed as a dash"
_DASH_ONLY = re.compile(r"^\s*(?:rp\.?)?\s*[-\u2013\u2014]+\s*$", re.IGNORECASE)
_TRAILING_DASH = re.compile(r"[,.]?\s*-+\s*$")
_EMPTY = {"", "-", "--", "—", "–", "nihil"}
_DIGITS = re.compile(r"^\d+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_THOUSANDS_DOT_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d+$")
_PLAIN_DECIMAL = re.compile(r"^\d+,\d+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(?:,\d{3}){2,}$")
_THOUSANDS_COMMA_DECIMAL = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d{1,2}$")
_SINGLE_DOT = re.compile(r"^\d+\.\d+$")


def join_wrapped(text: str) -> str:
    """Join the lines of a cell whose number was wrapped (``26.647.435.21`` / ``2``) into one token.

    Lines are glued without a space only when every line is made of digits and separators, so a
    number next to a unit (``12`` / ``dokumen``) keeps its space.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(re.fullmatch(r"[\d.,]+", line) for line in lines[1:]):
        head = lines[0]
        if re.search(r"[\d.,]$", head):
            return head + "".join(lines[1:])
    return " ".join(lines)


def _normalise(raw: str) -> str:
    text = join_wrapped(raw)
    text = _CURRENCY.sub("", text.strip())
    text = _TRAILING_DASH.sub("", text)
    return re.sub(r"\s+", "", text)


def parse_number(raw: str | None, *, money: bool = False) -> Parsed:
    """Parse an Indonesian-formatted number exactly.

    ``money`` allows the currency prefix and the ``,-`` suffix and rejects a lone ``.`` decimal
    separator (``91.846.500.00``), which in amounts is always a typing slip.
    """
    if raw is None:
        return Parsed(None, "")
    raw_text = " ".join(raw.split())
    if money and _DASH_ONLY.match(raw_text):
        return Parsed(Decimal(0), raw_text, DASH_FLAG)
    text = _normalise(raw) if money else re.sub(r"\s+", "", join_wrapped(raw))
    if text.lower() in _EMPTY:
        return Parsed(None, raw_text)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    elif text.startswith("-"):
        negative, text = True, text[1:]
    value: Decimal | None
    if _DIGITS.match(text):
        value = Decimal(text)
    elif _THOUSANDS_DOT.match(text):
        value = Decimal(text.replace(".", ""))
    elif (_THOUSANDS_DOT_DECIMAL.match(text) or _PLAIN_DECIMAL.match(text)) and not (
        money and not re.search(r",\d{1,2}$", text)
    ):
        value = Decimal(text.replace(".", "").replace(",", "."))
    elif _THOUSANDS_COMMA.match(text) or _THOUSANDS_COMMA_DECIMAL.match(text):
        value = Decimal(text.replace(",", ""))
    elif not money and _SINGLE_DOT.match(text):
        # "1.5" cannot be a thousands grouping (that needs three digits after the dot).
        value = Decimal(text)
    else:
        return Parsed(None, raw_text, _reason(text, money))
    if negative:
        value = -value
    return Parsed(value, raw_text)


def _reason(text: str, money: bool) -> str:
    if not re.search(r"\d", text):
        return "no digits"
    if re.search(r"[^\d.,()-]", text):
        return "unexpected characters"
    if "." in text and "," in text:
        return "mixed thousands and decimal separators"
    if money and re.search(r"\.\d{1,2}$", text):
        return "dot used as decimal separator in an amount"
    if re.fullmatch(r"\d{1,3},\d{3}", text):
        return "ambiguous: comma may be a decimal or a thousands separator"
    return "malformed number"


def parse_amount(raw: str | None) -> Parsed:
    """Parse a rupiah amount (``Rp. 2.730.000.000,-``) into an exact Decimal."""
    return parse_number(raw, money=True)


_TARGET = re.compile(r"^\s*(?P<num>[\d.,]+)\s*(?P<unit>.*?)\s*$", re.DOTALL)


def split_target(raw: str | None) -> tuple[Parsed, str | None]:
    """Split a target cell that prints number and unit together (``12 bulan``, ``100%``).

    Returns the parsed number and the unit text (``None`` when the cell holds only a number).
    """
    if raw is None:
        return Parsed(None, ""), None
    text = " ".join(raw.split())
    match = _TARGET.match(text)
    if not match:
        return Parsed(None, text, "no number in target" if text else None), None
    parsed = parse_number(match["num"])
    unit = match["unit"] or None
    return Parsed(parsed.value, text, parsed.flag), unit


# Below this Tesseract word confidence (0-100) a number read by OCR is not trusted: its digits
# may be wrong, and a wrong amount must not pass as a read one.
MIN_OCR_CONFIDENCE = 85.0


def trust_ocr(
    parsed: Parsed, confidence: float | None, minimum: float = MIN_OCR_CONFIDENCE
) -> Parsed:
    """A number read by OCR with a confidence below ``minimum`` is left null with a flag that
    gives the confidence; the raw text is kept. Values not read by OCR pass unchanged."""
    if confidence is None or parsed.value is None or confidence >= minimum:
        return parsed
    return Parsed(None, parsed.raw, f"low OCR confidence ({confidence:.0f})")


def format_idr(value: Decimal | int, *, decimals: int = 0, prefix: str = "") -> str:
    """Format a number the Indonesian way (``1.234.567,89``): the inverse of ``parse_number``."""
    amount = Decimal(value)
    sign = "-" if amount < 0 else ""
    quantum = Decimal(1).scaleb(-decimals)
    text = f"{abs(amount).quantize(quantum):f}"
    whole, _, frac = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{prefix}{sign}{grouped}" + (f",{frac}" if decimals else "")


def format_rupiah(value: Decimal | int | str) -> str:
    """An amount for people to read: ``13.319.369.434``, with ``,50`` only when it has cents."""
    return format_idr(Decimal(str(value)), decimals=2).removesuffix(",00")
