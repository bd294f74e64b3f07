"""Indonesian number parsing: exact values, raw text kept, malformed values flagged not guessed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.numbers import (
    SEVERAL_NUMBERS,
    Parsed,
    format_idr,
    join_wrapped,
    parse_amount,
    parse_number,
    split_target,
    trust_ocr,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2.730.000.000", Decimal("2730000000")),
        ("9.471.211.674,00", Decimal("9471211674.00")),
        ("Rp245.652.000", Decimal("245652000")),
        ("Rp. 219.033.200,-", Decimal("219033200")),
        ("Rp\n2.730.000.000", Decimal("2730000000")),
        ("26.647.435.21\n2", Decimal("26647435212")),
        ("1.527.000.000\n", Decimal("1527000000")),
        ("85.000", Decimal("85000")),
        ("130000000", Decimal("130000000")),
        ("26.647.435,21", Decimal("26647435.21")),
        ("2,730,000,000", Decimal("2730000000")),
    ],
)
def test_amounts_parse_exactly(raw: str, expected: Decimal) -> None:
    parsed = parse_amount(raw)
    assert parsed.value == expected
    assert parsed.flag is None


@pytest.mark.parametrize(
    "raw",
    ["1.156,140,000", "91.846.500.00", "Rp..00,-", "1,300.936,000", "12O.000", "1,500", "Rp. ,-x"],
)
def test_malformed_amounts_are_flagged_with_raw_text_kept(raw: str) -> None:
    parsed = parse_amount(raw)
    assert parsed.value is None
    assert parsed.flag
    assert parsed.raw == " ".join(raw.split())


@pytest.mark.parametrize("raw", ["", "  ", None])
def test_empty_cells_are_null_without_flag(raw: str | None) -> None:
    parsed = parse_amount(raw)
    assert parsed.value is None
    assert parsed.flag is None


@pytest.mark.parametrize("raw", ["-", "Rp -", "Rp\n-", "Rp. \u2013", " -- "])
def test_an_amount_printed_as_a_dash_is_zero_and_says_so(raw: str) -> None:
    """Bogor 2020 prints "Rp" / "-" for a kegiatan with no money; Sumut 2024 prints "-"."""
    parsed = parse_amount(raw)
    assert (parsed.value, parsed.flag, parsed.raw) == (
        0,
        "printed as a dash",
        " ".join(raw.split()),
    )


def test_a_target_printed_as_a_dash_stays_null() -> None:
    assert parse_number("-").value is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("5,31", Decimal("5.31")), ("1.000", Decimal("1000")), ("100", Decimal("100")),
     ("95,84", Decimal("95.84")), ("0,5", Decimal("0.5"))],
)  # fmt: skip
def test_targets(raw: str, expected: Decimal) -> None:
    assert parse_number(raw).value == expected


@pytest.mark.parametrize(
    ("raw", "number", "unit"),
    [("12 bulan", Decimal(12), "bulan"), ("100%", Decimal(100), "%"),
     ("12\ndokumen", Decimal(12), "dokumen"), ("1.250 org", Decimal(1250), "org"),
     ("5,31 %", Decimal("5.31"), "%")],
)  # fmt: skip
def test_split_target(raw: str, number: Decimal, unit: str) -> None:
    parsed, got_unit = split_target(raw)
    assert parsed.value == number
    assert got_unit == unit


def test_join_wrapped_keeps_space_between_number_and_word() -> None:
    assert join_wrapped("12\ndokumen") == "12 dokumen"
    assert join_wrapped("26.647.435.21\n2") == "26.647.435.212"


amounts = st.decimals(min_value=0, max_value=Decimal("999999999999999.99"), places=2)


@given(amounts, st.sampled_from(["", "Rp", "Rp. ", "Rp "]), st.sampled_from(["", ",-"]))
def test_round_trip_with_cents(value: Decimal, prefix: str, suffix: str) -> None:
    text = format_idr(value, decimals=2, prefix=prefix) + suffix
    assert parse_amount(text).value == value


@given(st.integers(min_value=0, max_value=10**15), st.sampled_from(["", "Rp", "Rp. "]))
def test_round_trip_whole_rupiah(value: int, prefix: str) -> None:
    text = format_idr(value, prefix=prefix)
    parsed = parse_amount(text + ",-")
    assert parsed.value == value
    assert parsed.flag is None


@given(st.integers(min_value=1000, max_value=10**13), st.integers(min_value=1, max_value=12))
def test_round_trip_number_wrapped_inside_its_cell(value: int, cut: int) -> None:
    text = format_idr(value)
    cut = min(cut, len(text) - 1)
    assert parse_amount(text[:cut] + "\n" + text[cut:]).value == value


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("23.945.469.047,", Decimal("23945469047")), ("Rp. 1.250.000.", Decimal("1250000")),
     ("2,730,000,000,", Decimal("2730000000"))],
)  # fmt: skip
def test_an_amount_whose_dash_was_lost_is_read_and_flagged(raw: str, expected: Decimal) -> None:
    """``23.945.469.047,-`` read without its dash: a separator that ends a number starts no
    decimals, so the one reading is taken, in print as in OCR, and the flag says so."""
    parsed = parse_amount(raw)
    assert (parsed.value, parsed.raw) == (expected, raw)
    assert parsed.flag == f"repaired: {raw[-1]!r} ending the number, its '-' lost"


@pytest.mark.parametrize("raw", ["1,500,", "1.156,140,000,", "1.2345,", "Rp.,"])
def test_a_lost_dash_repairs_only_a_number_that_reads_one_way(raw: str) -> None:
    assert parse_amount(raw).value is None
    assert parse_amount(raw).flag


@pytest.mark.parametrize(
    ("raw", "expected", "repair"),
    [
        ("23.945.469.047,", Decimal("23945469047"), "',' ending the number, its '-' lost"),
        ("23,945.469.047", Decimal("23945469047"), "',' and '.' both between the thousands"),
        ("1.25O.000,-", Decimal("1250000"), "'O' read as 0"),
        ("l.250.000", Decimal("1250000"), "'l' read as 1"),
        ("I.250.000,00", Decimal("1250000"), "'I' read as 1"),
        ("Rp.1.2S0.000,-", Decimal("1250000"), "'S' read as 5"),
        ("1.B50.000", Decimal("1850000"), "'B' read as 8"),
        (
            "23.945.469.047.00",
            Decimal("23945469047"),
            "'.' before the cents, as between the thousands",
        ),
        ("9.471.211.674,0O", Decimal("9471211674"), "'O' read as 0"),
        ("1.250.000,~", Decimal("1250000"), "'~' read as the '-' of ',-'"),
        ("1.156,140,000", Decimal("1156140000"), "',' and '.' both between the thousands"),
        ("1.673.147 120,00", Decimal("1673147120"), "' ' read as '.'"),
        ("908.247 168,00", Decimal("908247168"), "' ' read as '.'"),
        ("4.796 200.000", Decimal("4796200000"), "' ' read as '.'"),
        # a thin dot lost in a coarse scan: the separators read stand where groups of three
        # from the right put them
        ("Rp93.297120", Decimal("93297120"), "a separator between the thousands lost"),
        ("781.257917", Decimal("781257917"), "a separator between the thousands lost"),
        ("781257.917", Decimal("781257917"), "a separator between the thousands lost"),
        ("1.234567.890,00", Decimal("1234567890"), "a separator between the thousands lost"),
        # spaced where groups of three from the right put separators, the first one lost
        ("1563 845 016.00", Decimal("1563845016"), "'.' before the cents read as ','"),
        # a separator's dot with a speck above it, placed by the grammar
        ("Rp. 128:000.000,", Decimal("128000000"), "':' read as '.'"),
        ("1.250:000,00", Decimal("1250000"), "':' read as '.'"),
        # the ,00 of an amount wrapped in its cell, its comma lost on the second line
        ("1.294.852.583 00", Decimal("1294852583"), "' ' read as the ',' of ',00'"),
        # a speck's mark after the amount, or a speck's dot doubling the currency's (held-out
        # seed 182, 150 dpi)
        ("Rp. 5.634.396.958,-.", Decimal("5634396958"), "'.' after the number dropped"),
        ("Rp. 22.587.536.855.:", Decimal("22587536855"), "':' after the number dropped"),
        ("Rp..60.229.000,", Decimal("60229000"), "',' ending the number, its '-' lost"),
    ],
)
def test_ocr_damage_is_repaired_when_the_grammar_allows_one_reading(
    raw: str, expected: Decimal, repair: str
) -> None:
    parsed = trust_ocr(parse_amount(raw), 93.0)
    assert (parsed.value, parsed.raw) == (expected, raw)
    assert parsed.flag is not None and parsed.flag.startswith("repaired: ")
    assert repair in parsed.flag


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("l23.456.789", "several readings: 123.456.789 or 23.456.789"),  # 'l' or a rule's stroke
        ("1.250.00O", "several readings: 1.250.000 or 1.250"),  # a third 0, or a speck
        ("1.2345.000", "malformed number"),  # a group of four: a digit too many, none to drop
        ("12.34567", "malformed number"),  # five digits after the dot: no grouping by three
        ("27.208.67200", "malformed number"),  # ,00 or a digit lost from a group: not one way
        ("1.25O.000 orang", "unexpected characters"),  # a word: not an amount
        ("1.25A.000", "unexpected characters"),  # A is no digit's look-alike
        ("1,500", "ambiguous"),
        ("2.100.000 0", "malformed number"),  # no group of three after the space: a speck
        ("6.717.500.000 90", "malformed number"),  # ,00 misread or cents: not guessed
        ("1.2:50.000", "unexpected characters"),  # a colon where the grammar has no separator
        ("3626 650 00100", "digits parted by spaces"),  # 3.626.650.004,00, a dot lost, 4 as 1
        # two whole amounts of millions side by side (two rows' cells read as one): joined,
        # a thousand trillion rupiah, no amount of a regional plan
        ("50.000.000 365.766.700", "several numbers in one cell"),
        ("Rp 497.764.483 382.770.020,00", "several numbers in one cell"),
    ],
)
def test_ocr_damage_with_no_single_reading_stays_null_and_flagged(raw: str, reason: str) -> None:
    parsed = trust_ocr(parse_amount(raw), 93.0)
    assert (parsed.value, parsed.raw) == (None, raw)
    assert parsed.flag is not None and reason in parsed.flag


@pytest.mark.parametrize(
    "raw",
    [
        "1.156,140,000",
        "1,300.936,000",
        "12O.000",
        "91.846.500.00",
        "23,945.469.047",
        "93.297120",
        "128:000.000",
    ],  # fmt: skip
)
def test_ocr_repairs_leave_born_digital_readings_alone(raw: str) -> None:
    """The seed's ``Rp. 1.156,140,000,-`` was typed so: in a text layer it stays unread."""
    parsed = parse_amount(raw)
    assert trust_ocr(parsed, None) == parsed
    assert parsed.value is None and parsed.flag and not parsed.flag.startswith("repaired")


def test_a_repaired_amount_read_with_low_confidence_stays_null() -> None:
    parsed = trust_ocr(parse_amount("1.25O.000"), 60.0)
    assert (parsed.value, parsed.flag) == (None, "low OCR confidence (60)")


def test_values_read_as_printed_are_not_repaired() -> None:
    parsed = parse_amount("Rp. 2.730.000.000,-")
    assert trust_ocr(parsed, 93.0) == parsed
    assert parse_amount("Rp, 1.000.000") == Parsed(Decimal(1000000), "Rp, 1.000.000")


@pytest.mark.parametrize("raw", ["9\n395", "9 395", "3\n31", "12\n5\n7"])
def test_a_target_cell_with_two_numbers_apart_is_not_one_number(raw: str) -> None:
    """Digits group with '.', never a space: "9" over "395" are two values (two rows' cells
    read as one), not 9395."""
    parsed = parse_number(raw)
    assert parsed.value is None and parsed.flag == SEVERAL_NUMBERS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1.\n250", "1250"), ("1\n.250", "1250"), ("12,\n5", "12.5"), ("100", "100")],
)
def test_a_target_wrapped_at_its_separator_is_one_number(raw: str, expected: str) -> None:
    assert parse_number(raw).value == Decimal(expected)


def test_a_wrapped_amount_still_joins_its_digit_lines() -> None:
    assert parse_amount("26.647.435.21\n2").value == Decimal("26647435212")


def test_an_amount_read_by_ocr_with_spaces_for_its_separators_is_read() -> None:
    """Spaces that stand where the grammar puts separators leave the value as read."""
    for raw in ("1 250 000", "123 456", "Rp 2.676.141.000"):
        parsed = trust_ocr(parse_amount(raw), 93.0)
        assert parsed.value is not None and parsed.flag is None, raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("35.494.859.70\n1,00", Decimal("35494859701")),  # as printed, wrapped in its cell
        ("30.579.267.95\n0.00", Decimal("30579267950")),  # its ',' read as '.'
        ("125.337.000.0\n0", Decimal("125337000")),
        ("19.494 654.95\n0.00", Decimal("19494654950")),  # a dot read as a space too
    ],
)
def test_an_amount_wrapped_in_its_cell_and_read_by_ocr_is_read_whole(
    raw: str, expected: Decimal
) -> None:
    """A narrow amount column wraps ``35.494.859.701,00`` after ``70``; read by OCR, its lines
    are one number as they are in a text layer, not digits parted by a space where the grammar
    has no separator (they were left null, flagged, whatever their confidence). Two whole
    amounts stacked in one cell stay two."""
    parsed = trust_ocr(parse_amount(raw), 92.0)
    assert parsed.value == expected and parsed.raw == " ".join(raw.split())
    stacked = trust_ocr(parse_amount("1.250.000,00\n3.500.000,00"), 92.0)
    assert stacked.value is None and stacked.flag == SEVERAL_NUMBERS
