"""Program codes and printed row numbers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transform.codes import (
    join_kode,
    kode_readings,
    level_of_kode,
    level_of_nomor,
    normalise_kode,
    parent_kode,
    regroup_kode,
    split_glued_kode,
)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["2", "0\n7", "0\n3", "2.04", "0\n1"], "2.07.03.2.04.01"),
        (["2", "07", "03", "", ""], "2.07.03"),
        (["2", "07", "03", "2.01", ""], "2.07.03.2.01"),
        (["02", "7", "3", "02.01", "1"], "2.07.03.2.01.01"),
        (["1.03.11.1.01.0009"], "1.03.11.1.01.0009"),
        (["X", "XX", "01", "2.01", "01"], "X.XX.01.2.01.01"),
        (["", "", ""], None),
        (["Kode"], None),
    ],
)
def test_join_kode(parts: list[str], expected: str | None) -> None:
    assert join_kode(parts) == expected


@pytest.mark.parametrize(
    ("kode", "level"),
    [("2.07.03", "program"), ("2.07.03.2.01", "kegiatan"), ("2.07.03.2.01.01", "sub_kegiatan"),
     ("1.03.11.1.01.0009", "sub_kegiatan"), ("2.07", None), ("2.07.03.2", None), (None, None)],
)  # fmt: skip
def test_level_of_kode(kode: str | None, level: str | None) -> None:
    assert level_of_kode(kode) == level


def test_parent_kode() -> None:
    assert parent_kode("2.07.03.2.01.01") == "2.07.03.2.01"
    assert parent_kode("2.07.03.2.01") == "2.07.03"
    assert parent_kode("2.07.03") is None


@pytest.mark.parametrize(
    ("nomor", "level"),
    [("I", "program"), ("VII", "program"), ("I.1", "kegiatan"), ("VIII.3.1", "sub_kegiatan"),
     ("2.3.1", "sub_kegiatan"), ("Medan", None), ("", None), ("I.1.1.1", None)],
)  # fmt: skip
def test_level_of_nomor(nomor: str, level: str | None) -> None:
    assert level_of_nomor(nomor) == level


def test_glued_codes() -> None:
    assert split_glued_kode("01 Penyusunan Dokumen") == ("01", "Penyusunan Dokumen")
    assert split_glued_kode("2.07.03.2.01.01 Penyusunan\nDokumen") == (
        "2.07.03.2.01.01",
        "Penyusunan Dokumen",
    )
    assert split_glued_kode("Penyusunan 2 Dokumen") == (None, "Penyusunan 2 Dokumen")
    assert normalise_kode("2.7.3.2.1.1") == "2.07.03.2.01.01"


codes = st.tuples(
    st.integers(1, 9), st.integers(1, 99), st.integers(1, 99), st.integers(1, 9),
    st.integers(1, 99), st.one_of(st.integers(1, 99).map(lambda n: f"{n:02d}"),
                                  st.integers(1, 9999).map(lambda n: f"{n:04d}")),
)  # fmt: skip


@given(codes, st.booleans())
def test_a_code_split_over_five_columns_joins_back(parts: tuple, pad_urusan: bool) -> None:
    u, b, p, k, kk, s = parts
    kode = f"{u}.{b:02d}.{p:02d}.{k}.{kk:02d}.{s}"
    printed = [f"0{u}" if pad_urusan else str(u), f"{b:02d}", f"{p:02d}", f"{k}.{kk:02d}", s]
    assert join_kode(printed) == kode
    assert level_of_kode(kode) == "sub_kegiatan"
    assert parent_kode(kode) == f"{u}.{b:02d}.{p:02d}.{k}.{kk:02d}"
    glued, rest = split_glued_kode(f"{kode} Penyusunan Dokumen")
    assert (glued, rest) == (kode, "Penyusunan Dokumen")


def test_levels_numbered_each_on_its_own() -> None:
    """I program, 1 kegiatan, (1) sub kegiatan (Tabel 2.4 of the sample); I / I.1 / I.1.1
    elsewhere keeps its meaning."""
    from transform.codes import nomor_levels

    own = nomor_levels(["I", "1", "(1)", "(2)", "2", "II"])
    assert [own(n) for n in ["I", "1", "(1)", "12", "(34)", "VI", "x", None]] == [
        "program", "kegiatan", "sub_kegiatan", "kegiatan", "sub_kegiatan", "program", None, None,
    ]  # fmt: skip
    dotted = nomor_levels(["I", "I.1", "I.1.1"])
    assert [dotted(n) for n in ["I", "I.1", "I.1.1", "(1)"]] == [
        "program", "kegiatan", "sub_kegiatan", None,
    ]  # fmt: skip


def test_regroup_puts_back_only_the_dots_the_code_format_needs() -> None:
    assert regroup_kode("2.07.01.201.02") == "2.07.01.2.01.02"
    assert regroup_kode("2.07.01.201") == "2.07.01.2.01"
    assert regroup_kode("2.07.01.2.010001") == "2.07.01.2.01.0001"
    assert regroup_kode("2.07.01.2.01.02") == "2.07.01.2.01.02"  # already well formed
    assert regroup_kode("2.07") is None  # a bidang heading makes no node code
    assert regroup_kode("2.7.01.2.01.02") is None  # a printed dot is always a boundary
    assert regroup_kode("X.XX.01") is None


def test_kode_readings_are_the_well_formed_codes_a_misread_code_can_be() -> None:
    assert kode_readings("2.07.01.201.02") == {"2.07.01.2.01.02"}  # a dot lost
    assert kode_readings("2.07.0.4.2.01.05") == {"2.07.04.2.01.05"}  # a speck read as a dot
    assert kode_readings("2.07.0S") == set()  # letters are read as digits only from OCR
    assert kode_readings("2.07.0S", ocr=True) == {"2.07.05"}
    assert kode_readings("2.O7.Ol.2.0l", ocr=True) == {"2.07.01.2.01"}
    assert kode_readings("2.l07.05.2.01.01", ocr=True) == set()  # a digit too many: no reading
    assert kode_readings("I.1.1", ocr=True) == set()  # a row number is no code
    assert kode_readings("Urusan", ocr=True) == set()
    # the widths of Permendagri 90's segments are exact: a dot taken out elsewhere
    # ("2.07.0.4.2.0105") would leave a one-digit program part
    assert kode_readings("2.07.0.4.2.01.0005") == {"2.07.04.2.01.0005"}


def test_a_space_between_digits_of_a_code_is_a_dot_only_where_the_code_needs_one() -> None:
    """OCR reads the dot beside a wide gap as a space (``1.03.11 1.01.0009``): dropped, the
    space would make a bidang of ``111``, so it is read as the dot. A code wrapped inside its
    cell (``2.07.01.2.0`` / ``1.01``) is whole without the space, which is dropped as before."""
    assert join_kode(["1.03.11 1.01.0009"]) == "1.03.11.1.01.0009"
    assert join_kode(["2.07.01.2.0 1.01"]) == "2.07.01.2.01.01"
    assert join_kode(["2", "07", "03", "2.01", "01"]) == "2.07.03.2.01.01"
    assert join_kode(["1.03.11 1.01"]) == "1.03.11.1.01"
    assert join_kode(["12 3"]) == "123"  # no code either way: as before


def test_digits_stacked_in_a_narrow_code_column_are_not_taken_for_segments() -> None:
    """A narrow column prints ``07`` as ``0`` over ``7``: the line break between them is no dot,
    even where the code as read is ill-formed (``201``, a dot lost) and padding segments would
    make one of ``2.0.7.0.4.201``."""
    assert join_kode(["2", "0 7", "0 4", "201"]) == "2.07.04.201"
    assert join_kode(["2", "0 7", "0 3", "2.01", "0 1"]) == "2.07.03.2.01.01"
