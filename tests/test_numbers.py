"""Indonesian number parsing: exact values, raw text kept, malformed values flagged not guessed."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.numbers import format_idr, join_wrapped, parse_amount, parse_number, split_target


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
