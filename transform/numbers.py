"""Indonesian number formats: exact parsing, with the raw text kept and doubtful values flagged.

Indonesian documents group thousands with "." and write decimals after ",": ``1.234.567,89``.
Amounts come dressed as ``Rp. 2.730.000.000,-``, ``Rp245.652.000`` or ``9.471.211.674,00``, and are
sometimes wrapped inside their cell (``26.647.435.21`` / ``2``). A value is parsed only when its
reading is unambiguous; otherwise the value is ``None`` and a flag says why, so that nothing is
ever silently wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = [
    "CONFIRMED",
    "DASH_FLAG",
    "DIGIT_GAP",
    "LOW_CONFIDENCE",
    "MIN_OCR_CONFIDENCE",
    "GROUPED_AMOUNT",
    "OCR_DIGITS",
    "REPAIRED",
    "Parsed",
    "format_idr",
    "format_rupiah",
    "SEVERAL_NUMBERS",
    "join_wrapped",
    "parse_amount",
    "parse_number",
    "repair_ocr_amount",
    "split_target",
    "trust_ocr",
]


@dataclass(frozen=True)
class Parsed:
    """A parsed value with the text it came from and, when it could not be read, the reason."""

    value: Decimal | None
    raw: str
    flag: str | None = None
    # read under the grammar of amounts (``parse_amount``), which OCR repairs follow
    money: bool = field(default=False, compare=False, repr=False)
    # the text with the lines of a number wrapped in its cell glued (``raw`` spaces them)
    joined: str | None = field(default=None, compare=False, repr=False)


_CURRENCY = re.compile(r"^\s*rp[.,]?\s*", re.IGNORECASE)
# An amount cell that prints only a dash (``-``, ``Rp -``) states nil: zero, flagged as such.
DASH_FLAG = "printed as a dash"
_DASH_ONLY = re.compile(r"^\s*(?:rp\.?)?\s*[-\u2013\u2014]+\s*$", re.IGNORECASE)
_TRAILING_DASH = re.compile(r"[,.]?\s*[-\u2013\u2014]+\s*$")
# A value read, with a note: the flag of a number read only after a repair starts so.
REPAIRED = "repaired: "
# An amount read by OCR with a low confidence, taken as read because a sum holds with it exactly.
CONFIRMED = "confirmed by a sum: "
LOW_CONFIDENCE = "low OCR confidence"
_EMPTY = {"", "-", "--", "—", "–", "nihil"}
_DIGITS = re.compile(r"^\d+$")
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_THOUSANDS_DOT_DECIMAL = re.compile(r"^\d{1,3}(?:\.\d{3})*,\d+$")
_PLAIN_DECIMAL = re.compile(r"^\d+,\d+$")
_THOUSANDS_COMMA = re.compile(r"^\d{1,3}(?:,\d{3}){2,}$")
_THOUSANDS_COMMA_DECIMAL = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d{1,2}$")
_SINGLE_DOT = re.compile(r"^\d+\.\d+$")


# A target cell that prints two numbers apart (``9`` over ``395``, or ``9 395``): Indonesian
# numbers group their digits with ``.``, never a space, so these are two values, most often the
# cells of two printed rows read as one row (a table without rules between its rows).
SEVERAL_NUMBERS = "several numbers in one cell"
_SEVERAL = re.compile(r"\d\s+\d")


def join_wrapped(text: str, *, at_separators: bool = False) -> str:
    """Join the lines of a cell whose number was wrapped (``26.647.435.21`` / ``2``) into one token.

    Lines are glued without a space only when every line is made of digits and separators, so a
    number next to a unit (``12`` / ``dokumen``) keeps its space. With ``at_separators`` (a
    target: a short number that a cell breaks only after its ``.`` or ``,``), a line is glued
    to the one before only across a separator; two lines of bare digits (``9`` / ``395``) stay
    two words.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and all(re.fullmatch(r"[\d.,]+", line) for line in lines[1:]):
        head = lines[0]
        if at_separators:
            out = head
            for line in lines[1:]:
                glue = re.search(r"[.,]$", out) or line[:1] in ".,"
                out = f"{out}{line}" if glue else f"{out} {line}"
            return out
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
    separator (``91.846.500.00``), which in amounts is always a typing slip. An amount whose
    ``,-`` lost its dash (``23.945.469.047,``) is read, flagged: a separator that ends a number
    starts no decimals, so it has no other reading.
    """
    if raw is None:
        return Parsed(None, "", money=money)
    raw_text = " ".join(raw.split())
    if money and _DASH_ONLY.match(raw_text):
        return Parsed(Decimal(0), raw_text, DASH_FLAG, money=True)
    if not money and _SEVERAL.search(join_wrapped(raw, at_separators=True)):
        return Parsed(None, raw_text, SEVERAL_NUMBERS)
    text = _normalise(raw) if money else re.sub(r"\s+", "", join_wrapped(raw))
    if text.lower() in _EMPTY:
        return Parsed(None, raw_text, money=money)
    value, flag = _value(text, money)
    if value is None and money and re.fullmatch(r".*\d[.,]", text):
        shorter, _ = _value(text[:-1], money)
        if shorter is not None:
            value, flag = shorter, f"{REPAIRED}'{text[-1]}' ending the number, its '-' lost"
    joined = join_wrapped(raw) if "\n" in raw.strip() else None
    return Parsed(value, raw_text, flag, money=money, joined=joined)


def _value(text: str, money: bool) -> tuple[Decimal | None, str | None]:
    """The value of a number stripped of its dress, or None and the reason."""
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
        return None, _reason(text, money)
    return (-value if negative else value), None


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


# What OCR makes of the characters of an amount: letters for digits (``1.25O.000``), ``.`` for
# ``,`` and back, the dash of ``,-`` lost or read as another stroke.
OCR_DIGITS = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "S": "5", "s": "5", "B": "8"}
_OCR_CURRENCY = re.compile(r"^rp[.,:]*", re.IGNORECASE)  # ``Rp..60.229.000``: a speck's dot
_OCR_DASH = re.compile(r"[.,]?[-\u2013\u2014~_=]+$")
# Marks a speck left after an amount: after its dash (``958,-.``), or a colon after its last
# digit or separator (``855.:``); a dot or comma there is the separator of a lost dash.
_OCR_END_SPECK = re.compile(r"(?<=[-\u2013\u2014~_=])[.,:;']+$|(?<=[\d.,])[:;']+$")
_OCR_TOKEN = re.compile(r"^[\d.,OolI|SsB]*\d[\d.,OolI|SsB]*$")
# A colon between digits: a separator's dot with a speck above it (``128:000.000``).
_OCR_COLON = re.compile(r"(?<=\d):(?=\d)")
# Spaces between two digits: in a code or an amount read by OCR, where a separator may have been.
DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=\d)")
# A whole amount of a million or more with separators of its own (``365.766.700``,
# ``1.250.000,00``), grouped by three as the grammar of amounts groups them: two such parted
# by a space would read, joined, as a thousand trillion rupiah or more, which no line of a
# regional plan reaches (``4.796 200.000`` is one amount); a second OCR read that groups the
# same digits otherwise (``10300.000.00``) lost or added a separator (``extract.ocr``).
GROUPED_AMOUNT = re.compile(r"^\d{1,3}(?:[.,]\d{3}){2,}(?:[.,]\d{2})?(?:[.,]-?)?$")
# A space between digits with a whole group of three after it, where a separator may have been.
_OCR_GAP = re.compile(r"(?<=\d)\s+(?=\d{3}(?:[.,]|$))")
# A space before a closing ``00`` after a whole group of three: the ``,00`` of an amount wrapped
# in its cell, its comma lost (``1.294.852.583`` / ``00``); other cents are not guessed so.
_OCR_CENTS_GAP = re.compile(r"(?<=\d{3})\s+(?=00$)")


def repair_ocr_amount(parsed: Parsed) -> Parsed:
    """Read an amount that OCR damaged, under the grammar of amounts: a first group of one to
    three digits, then groups of three after a ``.`` or ``,``, then an optional tail of cents
    (``,00``) or the separator of a ``,-`` whose dash was lost. A letter inside the digits
    (``O``, ``l``, ``I``, ``S``, ``B``) is taken for the digit it resembles; one at either end
    may as well be a speck or a rule's remnant, so it is tried both as a digit and as nothing.
    A space between digits is tried both as nothing and, before a whole group of three, as the
    separator OCR did not see (``1.673.147 120,00``); a colon between digits is a separator
    with a speck above it (``128:000.000``), read as ``.`` and placed by the grammar.

    The repair is accepted only when the grammar leaves exactly one value; it then carries a
    flag (``repaired: ...``) that says what was repaired, and the raw text stays. Otherwise the
    value stays null with its flag. Values that were read need no repair and pass unchanged.
    """
    if parsed.value is not None or not parsed.raw:
        return parsed
    flat = join_wrapped(parsed.raw).strip()
    numbers = [part for part in _OCR_CURRENCY.sub("", flat).split() if re.search(r"\d", part)]
    if len(numbers) >= 2 and all(GROUPED_AMOUNT.match(part) for part in numbers):
        # each part a whole amount of millions with its own separators (50.000.000
        # 365.766.700): two values side by side (two rows' cells read as one), not one whose
        # separator OCR lost, which would be a thousand trillion rupiah
        return Parsed(None, parsed.raw, SEVERAL_NUMBERS, money=True)
    joined = (parsed.joined or flat).strip()  # the lines of a wrapped number glued
    texts: list[tuple[str, list[str]]] = [(re.sub(r"\s+", "", joined), [])]
    if _OCR_GAP.search(joined):  # a separator read as a space: 1.673.147 120,00
        texts.append((re.sub(r"\s+", "", _OCR_GAP.sub(".", joined)), ["' ' read as '.'"]))
    if _OCR_CENTS_GAP.search(flat):  # the comma of ,00 lost: 1.294.852.583 00
        cents = re.sub(r"\s+", "", _OCR_CENTS_GAP.sub(",", flat))
        texts.append((cents, ["' ' read as the ',' of ',00'"]))
    readings: dict[Decimal, list[str]] = {}
    notes: list[str] = []
    for lost in (False, True):
        if readings:
            break  # a separator lost only where no reading keeps them all
        for spaced, gaps in texts:
            text = _OCR_CURRENCY.sub("", spaced)
            notes = []
            speck = _OCR_END_SPECK.search(text)
            if speck and speck.start() > 0:
                notes.append(f"{speck.group()!r} after the number dropped")
                text = text[: speck.start()]
            dash = _OCR_DASH.search(text)
            if dash and dash.start() > 0:
                if dash.group().lstrip(".,") != "-":
                    notes.append(f"{dash.group().lstrip('.,')!r} read as the '-' of ',-'")
                text = text[: dash.start()]
            colons = ["':' read as '.'"] if _OCR_COLON.search(text) else []
            text = _OCR_COLON.sub(".", text)
            if not _OCR_TOKEN.match(text):
                continue
            for variant, edits in _letter_variants(text):
                reading = _grouped(variant, lost=lost)
                if reading is not None:
                    value, how = reading
                    readings.setdefault(value, gaps + colons + edits + how)
    if len(readings) == 1:
        ((value, how),) = readings.items()
        notes = how + notes
        if not notes:  # the dash alone was the damage (``,~``)
            return parsed
        return Parsed(
            value, parsed.raw, REPAIRED + "; ".join(notes), money=True, joined=parsed.joined
        )
    if len(readings) > 1:
        values = " or ".join(format_idr(v, decimals=2).removesuffix(",00") for v in readings)
        return Parsed(None, parsed.raw, f"OCR damage with several readings: {values}", money=True)
    return parsed


def _letter_variants(text: str) -> list[tuple[str, list[str]]]:
    """The token with each letter taken for its digit; a letter at either end also dropped."""
    variants: list[tuple[str, list[str]]] = [("", [])]
    for index, char in enumerate(text):
        if char not in OCR_DIGITS:
            variants = [(v + char, e) for v, e in variants]
            continue
        digit = OCR_DIGITS[char]
        grown = [(v + digit, [*e, f"{char!r} read as {digit}"]) for v, e in variants]
        if index in (0, len(text) - 1):
            grown += [(v, [*e, f"{char!r} at its end dropped"]) for v, e in variants]
        variants = grown
    return variants


def _grouped(text: str, *, lost: bool = False) -> tuple[Decimal, list[str]] | None:
    """The value of digits and separators under the grammar of amounts (with what departs from
    the printed form ``1.234.567,00``), or None. With ``lost``, a number whose separators all
    stand between groups of three counted from the right but some groups lack theirs is read
    with the lost ones put back."""
    runs = re.split(r"[.,]", text)
    seps = re.findall(r"[.,]", text)
    if any(not run for run in runs[:-1]):
        return None
    how: list[str] = []
    cents = ""
    if len(runs) > 1 and len(runs[-1]) < 3:  # cents, or the separator of a lost ``,-``
        cents, last = runs.pop(), seps.pop()
        if not cents:
            how.append(f"{last!r} ending the number, its '-' lost")
        elif seps and last == seps[-1]:
            how.append(f"{last!r} before the cents, as between the thousands")
        elif last == "." and not seps:
            how.append("'.' before the cents read as ','")
    if len(runs) > 1 and (len(runs[0]) > 3 or any(len(run) != 3 for run in runs[1:])):
        if not lost or any(len("".join(runs[i:])) % 3 for i in range(1, len(runs))):
            return None
        # every separator read stands where grouping by three from the right puts one: the
        # others were lost (a thin dot gone in a coarse scan), 93.297120 is 93.297.120
        how.append("a separator between the thousands lost")
    if len(set(seps)) > 1:
        how.append("',' and '.' both between the thousands")
    whole = "".join(runs)
    return Decimal(f"{whole}.{cents}" if cents else whole), how


# Below this Tesseract word confidence (0-100) a number read by OCR is not trusted: its digits
# may be wrong, and a wrong amount must not pass as a read one.
MIN_OCR_CONFIDENCE = 85.0


def trust_ocr(
    parsed: Parsed, confidence: float | None, minimum: float = MIN_OCR_CONFIDENCE
) -> Parsed:
    """A number read by OCR: an amount that OCR damaged is repaired where the grammar of
    amounts allows one reading (:func:`repair_ocr_amount`, flagged), and a number read with a
    confidence below ``minimum`` is left null with a flag that gives the confidence; the raw text
    is kept. Values not read by OCR (``confidence`` None) pass unchanged."""
    if confidence is None:
        return parsed
    if parsed.money:
        parsed = repair_ocr_amount(parsed)
        if parsed.value is not None and not _spaces_agree(parsed):
            return Parsed(None, parsed.raw, _SPACED_FLAG, money=True)
    if parsed.value is None or confidence >= minimum:
        return parsed
    return Parsed(None, parsed.raw, f"{LOW_CONFIDENCE} ({confidence:.0f})", money=parsed.money)


_SPACED_FLAG = "digits parted by spaces where the grammar of amounts has no separator"


def _spaces_agree(parsed: Parsed) -> bool:
    """Whether an amount read by OCR whose digits are parted by spaces reads the same with each
    space taken for a separator: ``1 250 000`` does, and ``1563 845 016.00`` with its first
    separator lost as well (the spaces stand where grouping by three from the right puts
    separators), while ``3626 650 00100`` (a dot and a digit misread) read as 362.665.000.100
    does not, and is no value to trust."""
    raw = (parsed.joined or join_wrapped(parsed.raw or "")).strip()
    if not DIGIT_GAP.search(raw):
        return True
    text = _OCR_DASH.sub("", _OCR_CURRENCY.sub("", DIGIT_GAP.sub(".", raw)))
    for variant, _ in _letter_variants(re.sub(r"\s+", "", text)):
        reading = _grouped(variant, lost=True)
        if reading is not None and reading[0] == parsed.value:
            return True
    return False


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
