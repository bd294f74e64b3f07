"""Arithmetic as the second reader: a failed roll-up that one OCR-read amount, with one digit
read otherwise, would mend is a likely misreading (``misread_digits``, a reading doubt); the
printed reading is kept, and born-digital amounts are never doubted so.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from renja.status import document_status, reading_checks
from transform.reading import (
    READING_CHECKS,
    StatedAmount,
    confirm_by_sums,
    misread_codes,
    misread_digits,
)

Row = tuple[str, str, str | None, str, int]  # node_id, level, parent_id, amount printed, page


def _frames(
    rows: list[Row], ocr: bool = True, confidence: float = 97.0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Frames of the rows, their amounts read by OCR with ``confidence`` (a sure one) or, without
    ``ocr``, from a text layer."""
    programs = pd.DataFrame(
        [
            {"node_id": n, "level": lv, "parent_id": p, "nomor": None, "kode": n,
             "nama": f"nama {n}", "page": pg}
            for n, lv, p, _, pg in rows
        ]
    )  # fmt: skip
    budgets = pd.DataFrame(
        [
            {"node_id": n, "table_kind": "rumusan", "jenis": "pagu_indikatif", "tahun": 2022,
             "amount": Decimal(raw.replace(".", "")), "amount_raw": raw, "amount_flag": None,
             "ocr_confidence": confidence if ocr else None, "page": pg}
            for n, _, _, raw, pg in rows
        ]
    )  # fmt: skip
    return programs, budgets


# A kegiatan read 798.000.000 where 793.000.000 is printed: its own sum (456 + 337) and its
# program's (793 + 200 = 993) both fail, and only its one digit mends both.
KEGIATAN_MISREAD: list[Row] = [
    ("2.07.01", "program", None, "993.000.000", 14),
    ("2.07.01.2.01", "kegiatan", "2.07.01", "798.000.000", 14),
    ("2.07.01.2.01.01", "sub_kegiatan", "2.07.01.2.01", "456.000.000", 14),
    ("2.07.01.2.01.02", "sub_kegiatan", "2.07.01.2.01", "337.000.000", 14),
    ("2.07.01.2.02", "kegiatan", "2.07.01", "200.000.000", 15),
    ("2.07.01.2.02.01", "sub_kegiatan", "2.07.01.2.02", "200.000.000", 15),
]


def test_a_misread_digit_of_a_kegiatan_is_named_with_its_page_and_digit() -> None:
    programs, budgets = _frames(KEGIATAN_MISREAD)
    before = budgets.copy()
    doubts = misread_digits(programs, budgets)
    assert len(doubts) == 1
    doubt = doubts[0]
    assert (doubt.check, doubt.page) == ("misread_digits", 14)
    assert doubt.node_ids == ("2.07.01.2.01", "2.07.01")
    assert "kegiatan 2.07.01.2.01 pagu_indikatif read by OCR as 798.000.000" in doubt.message
    assert "digit 3 read as 3 instead of 8 (793.000.000)" in doubt.message
    pd.testing.assert_frame_equal(budgets, before)  # the printed reading is kept


def test_born_digital_amounts_are_never_taken_for_misread() -> None:
    """In a text layer a digit is the document's own: the same failed sums are its fault."""
    programs, budgets = _frames(KEGIATAN_MISREAD, ocr=False)
    assert misread_digits(programs, budgets) == []


def test_the_samples_own_fault_is_not_taken_for_a_misreading_even_by_ocr() -> None:
    """Serang 2022, kegiatan 2.07.01.2.01 in 2023: printed 793.000.000, its sub kegiatan add up
    to 723.000.000, and the program adds up with 793. The kegiatan cannot be misread (its
    program's sum holds), and two sub kegiatan (220 -> 290, 200 -> 270) would each mend it
    with one digit: no single reading explains it, so the document's fault stands."""
    rows: list[Row] = [
        ("P", "program", None, "1.793.000.000", 56),
        ("K1", "kegiatan", "P", "793.000.000", 56),
        ("S1", "sub_kegiatan", "K1", "220.000.000", 56),
        ("S2", "sub_kegiatan", "K1", "250.000.000", 56),
        ("S6", "sub_kegiatan", "K1", "200.000.000", 56),
        ("S7", "sub_kegiatan", "K1", "53.000.000", 56),
        ("K2", "kegiatan", "P", "1.000.000.000", 57),
        ("S8", "sub_kegiatan", "K2", "1.000.000.000", 57),
    ]
    programs, budgets = _frames(rows)
    assert misread_digits(programs, budgets) == []
    # where only one sub kegiatan can take the 70.000.000 in one digit (240 -> 310, 230 -> 300
    # and 33 -> 103 cannot), it is the one reading left
    for node_id, raw in (("S2", "240.000.000"), ("S6", "230.000.000"), ("S7", "33.000.000")):
        budgets.loc[budgets["node_id"] == node_id, ["amount", "amount_raw"]] = [
            Decimal(raw.replace(".", "")),
            raw,
        ]
    doubts = misread_digits(programs, budgets)
    assert [d.node_ids[0] for d in doubts] == ["S1"]
    assert "digit 2 read as 9 instead of 2 (290.000.000)" in doubts[0].message


def test_two_amounts_that_could_each_be_misread_give_no_doubt() -> None:
    rows: list[Row] = [
        ("K", "kegiatan", None, "793.000.000", 3),
        ("S1", "sub_kegiatan", "K", "456.000.000", 3),
        ("S2", "sub_kegiatan", "K", "387.000.000", 3),  # 337 or S1 406: both one digit
    ]
    programs, budgets = _frames(rows)
    assert misread_digits(programs, budgets) == []


def test_a_change_of_two_digits_or_of_length_is_no_misread_digit() -> None:
    rows: list[Row] = [
        ("P", "program", None, "803.000.000", 3),
        ("K", "kegiatan", "P", "803.000.000", 3),
        ("S1", "sub_kegiatan", "K", "466.000.000", 3),
        ("S2", "sub_kegiatan", "K", "327.000.000", 3),  # printed 337.000.000
        ("S3", "sub_kegiatan", "K", "0", 3),
    ]
    programs, budgets = _frames(rows)
    # S1 (466 -> 476) and S2 (327 -> 337) would each mend the sum with one digit: no doubt
    assert misread_digits(programs, budgets) == []
    # with S1 printed 496.000.000 and the kegiatan 833.000.000, 496 -> 506 changes two digits
    # and S3 (0 -> 10.000.000) its length: S2 is left
    budgets.loc[budgets["node_id"] == "S1", ["amount", "amount_raw"]] = [
        Decimal(496000000),
        "496.000.000",
    ]
    budgets.loc[budgets["node_id"].isin(["P", "K"]), ["amount", "amount_raw"]] = [
        Decimal(833000000),
        "833.000.000",
    ]
    doubts = misread_digits(programs, budgets)
    assert [d.node_ids[0] for d in doubts] == ["S2"]
    assert "digit 2 read as 3 instead of 2" in doubts[0].message


def test_a_program_misread_against_the_stated_total() -> None:
    rows: list[Row] = [
        ("P1", "program", None, "1.250.000.000", 8),  # printed 1.750.000.000
        ("K1", "kegiatan", "P1", "1.750.000.000", 8),
        ("P2", "program", None, "250.000.000", 9),
        ("K2", "kegiatan", "P2", "250.000.000", 9),
    ]
    programs, budgets = _frames(rows)
    total = StatedAmount("pagu_indikatif", Decimal(2000000000), 10, "2.000.000.000", True)
    doubts = misread_digits(programs, budgets, [total])
    assert [(d.node_ids, d.page) for d in doubts] == [(("P1",), 8)]
    assert "P1 would add up" not in doubts[0].message
    assert "the total of page 10" in doubts[0].message
    # the stated total read by OCR as 2.500.000.000 with the programs right: the total is
    # the one amount whose digit mends it
    programs, budgets = _frames([*rows[1:2], ("P1", "program", None, "1.750.000.000", 8),
                                 *rows[2:]])  # fmt: skip
    total = StatedAmount("pagu_indikatif", Decimal(2500000000), 10, "2.500.000.000", True)
    doubts = misread_digits(programs, budgets, [total])
    assert len(doubts) == 1 and doubts[0].page == 10
    assert "read as 0 instead of 5 (2.000.000.000)" in doubts[0].message


def test_sums_that_hold_or_are_unread_give_no_doubt() -> None:
    programs, budgets = _frames(KEGIATAN_MISREAD)
    budgets.loc[budgets["node_id"] == "2.07.01.2.01", ["amount", "amount_raw"]] = [
        Decimal(793000000),
        "793.000.000",
    ]
    assert misread_digits(programs, budgets) == []
    programs, budgets = _frames(KEGIATAN_MISREAD)
    budgets.loc[budgets["node_id"] == "2.07.01.2.01.01", ["amount", "amount_flag"]] = [
        None,
        "unexpected characters",
    ]
    # the kegiatan's own sum is unknown; the program's fails, and the program (993 -> 998)
    # mends it as well as the kegiatan (798 -> 793): no single reading, no doubt
    assert misread_digits(programs, budgets) == []


def test_a_misread_digit_makes_the_document_suspect() -> None:
    programs, budgets = _frames(KEGIATAN_MISREAD)
    doubt = misread_digits(programs, budgets)[0]
    assert "misread_digits" in READING_CHECKS
    doc = {"coverage": {"printed": 12}, "reading_doubts": [doubt.record()]}
    checks = reading_checks(doc)
    failed = [c for c in checks if not c["success"]]
    assert [c["check"] for c in failed] == ["misread_digits"]
    assert failed[0]["failures"][0]["page"] == 14
    assert document_status(checks) == "suspect"


def _coded(rows: list[tuple[str, str, str | None, str]], ocr: bool = True) -> tuple[
    pd.DataFrame, pd.DataFrame
]:  # fmt: skip
    """Frames of nodes (node_id, level, parent_id, kode printed), each with an amount of page 3."""
    programs = pd.DataFrame(
        [
            {"node_id": n, "level": lv, "parent_id": p, "nomor": None, "kode": k,
             "nama": f"nama {n}", "page": 3}
            for n, lv, p, k in rows
        ]
    )  # fmt: skip
    budgets = pd.DataFrame(
        [
            {"node_id": n, "table_kind": "rumusan", "jenis": "pagu_indikatif", "tahun": 2022,
             "amount": Decimal(100), "amount_raw": "100", "amount_flag": None,
             "ocr_confidence": 93.0 if ocr else None, "page": 3}
            for n, *_ in rows
        ]
    )  # fmt: skip
    return programs, budgets


def test_a_kode_one_digit_off_its_parent_or_printed_twice_is_a_reading_doubt() -> None:
    """A sub kegiatan read 2.07.01.2.07.02 under kegiatan 2.07.01.2.01, and a code read twice:
    likely misread digits, reported with both readings, the codes kept as read."""
    programs, budgets = _coded(
        [
            ("P01", "program", None, "2.07.01"),
            ("P01.K01", "kegiatan", "P01", "2.07.01.2.01"),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", "2.07.01.2.01.01"),
            ("P01.K01.S02", "sub_kegiatan", "P01.K01", "2.07.01.2.07.02"),
            ("P01.K01.S03", "sub_kegiatan", "P01.K01", "2.07.01.2.01.01"),
            ("P01.K02", "kegiatan", "P01", "2.08.03.2.01"),  # two digits off: not a misreading
        ]
    )
    before = programs.copy()
    doubts = misread_codes(programs, budgets)
    assert [(d.check, d.page, d.node_ids) for d in doubts] == [
        ("misread_codes", 3, ("P01.K01.S02", "P01.K01")),
        ("misread_codes", 3, ("P01.K01.S01", "P01.K01.S03")),
    ]
    assert (
        "kode 2.07.01.2.07.02 read by OCR on page 3 starts with 2.07.01.2.07" in doubts[0].message
    )
    assert "2.07.01.2.01 of the node it hangs under" in doubts[0].message
    assert "kode 2.07.01.2.01.01 is printed by 2 nodes read by OCR" in doubts[1].message
    pd.testing.assert_frame_equal(programs, before)
    # the same codes from a text layer are the document's own: the code checks report them
    assert misread_codes(programs, budgets.assign(ocr_confidence=None)) == []


def test_children_that_agree_point_at_their_parents_code() -> None:
    programs, budgets = _coded(
        [
            ("P01", "program", None, "2.07.01"),
            ("P01.K01", "kegiatan", "P01", "2.07.01.2.07"),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", "2.07.01.2.01.01"),
            ("P01.K01.S02", "sub_kegiatan", "P01.K01", "2.07.01.2.01.02"),
        ]
    )
    (doubt,) = misread_codes(programs, budgets)
    assert doubt.node_ids == ("P01.K01", "P01.K01.S01", "P01.K01.S02")
    assert "likely a misread digit of 2.07.01.2.07" in doubt.message


def test_a_node_read_by_ocr_without_a_code_among_coded_ones_is_a_reading_doubt() -> None:
    """A sub kegiatan whose code OCR could not read (``2.l07.05...``) keeps its amounts without
    a code: reported, since a table of codes printed one for it."""
    programs, budgets = _coded(
        [
            ("P01", "program", None, "2.07.05"),
            ("P01.K01", "kegiatan", "P01", "2.07.05.2.01"),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", None),
            ("P01.K01.S02", "sub_kegiatan", "P01.K01", "2.07.05.2.01.03"),
        ]
    )
    (doubt,) = misread_codes(programs, budgets)
    assert (doubt.check, doubt.page, doubt.node_ids) == ("misread_codes", 3, ("P01.K01.S01",))
    assert "has no code that could be read" in doubt.message
    # a table without codes: nothing to doubt
    assert misread_codes(programs.assign(kode=None), budgets) == []


def test_a_node_read_by_ocr_without_a_number_among_numbered_ones_is_a_reading_doubt() -> None:
    """A table that numbers its rows (``I`` / ``I.1`` / ``I.1.1``) instead of printing codes: a
    program whose lone ``I`` OCR did not read keeps its amounts without a number, and is
    reported; from a text layer, the row prints no number, and nothing is doubted."""
    programs, budgets = _coded(
        [
            ("P01", "program", None, None),
            ("P01.K01", "kegiatan", "P01", None),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", None),
            ("P01.K01.S02", "sub_kegiatan", "P01.K01", None),
        ]
    )
    programs["nomor"] = [None, "I.1", "I.1.1", "I.1.2"]
    (doubt,) = misread_codes(programs, budgets)
    assert (doubt.check, doubt.page, doubt.node_ids) == ("misread_codes", 3, ("P01",))
    assert "has no number that could be read" in doubt.message
    assert misread_codes(programs, budgets.assign(ocr_confidence=None)) == []
    # a table without numbers either: nothing to doubt
    assert misread_codes(programs.assign(nomor=None), budgets) == []


def test_a_row_number_read_by_ocr_at_another_levels_depth_is_a_reading_doubt() -> None:
    """``I.1.1`` read ``111``, which the numbering could read only as ``I.11``, a kegiatan's
    number, on a sub kegiatan: its amounts would go out under a number no node prints."""
    programs, budgets = _coded(
        [
            ("P01", "program", None, None),
            ("P01.K01", "kegiatan", "P01", None),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", None),
        ]
    )
    programs["nomor"] = ["I", "I.1", "I.11"]
    (doubt,) = misread_codes(programs, budgets)
    assert (doubt.check, doubt.node_ids) == ("misread_codes", ("P01.K01.S01",))
    assert "row number I.11, which is not a sub_kegiatan's number" in doubt.message
    assert misread_codes(programs, budgets.assign(ocr_confidence=None)) == []
    programs["nomor"] = ["I", "I.1", "I.1.1"]
    assert misread_codes(programs, budgets) == []


def test_row_numbers_read_by_ocr_out_of_sequence_are_a_reading_doubt() -> None:
    """A whole table scanned: OCR read ``1.3.1`` as ``1.3.4``, a number of the right depth that
    does not follow the number before it. The row may hang under the wrong node: one doubt a
    page names such rows; the numbers stay as read."""
    programs, budgets = _coded(
        [
            ("P01", "program", None, None),
            ("P01.K01", "kegiatan", "P01", None),
            ("P01.K01.S01", "sub_kegiatan", "P01.K01", None),
            ("P01.K02", "kegiatan", "P01", None),
            ("P01.K02.S01", "sub_kegiatan", "P01.K02", None),
            ("P01.K03", "kegiatan", "P01", None),
            ("P01.K03.S01", "sub_kegiatan", "P01.K03", None),
        ]
    )
    programs["nomor"] = ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.3", "1.3.1"]
    assert misread_codes(programs, budgets) == []  # in sequence
    programs["nomor"] = ["1", "1.1", "1.1.1", "1.2", "1.2.1", "1.3", "1.3.4"]
    programs.loc[6, "page"] = 4
    (doubt,) = misread_codes(programs, budgets)
    assert (doubt.page, doubt.node_ids) == (4, ("P01.K03.S01",))
    assert "do not follow the number before them (e.g. 1.3.4" in doubt.message
    assert misread_codes(programs, budgets.assign(ocr_confidence=None)) == []


def _unsure(budgets: pd.DataFrame, node_id: str, confidence: float = 70.0) -> pd.DataFrame:
    """``node_id``'s amount read with a low confidence: left null and flagged, raw kept."""
    out = budgets.copy()
    at = out.index[out["node_id"] == node_id][0]
    out.at[at, "amount"] = None
    out.at[at, "amount_flag"] = f"low OCR confidence ({confidence:.0f})"
    out.at[at, "ocr_confidence"] = confidence
    return out


# The same plan read right: the kegiatan prints 793.000.000, and every sum holds.
SUMS_HOLD: list[Row] = [
    (n, lv, p, "793.000.000" if n == "2.07.01.2.01" else raw, pg)
    for n, lv, p, raw, pg in KEGIATAN_MISREAD
]


def test_an_unsure_amount_that_a_sum_holds_with_is_taken_as_read_and_flagged() -> None:
    """A kegiatan read with confidence 70: its sub kegiatan add up to its reading and its
    program's sum holds with it, so it is taken as read, flagged with the confidence and the
    sum; a sub kegiatan whose reading its kegiatan's sum holds with is taken so too."""
    programs, budgets = _frames(SUMS_HOLD)
    unsure = _unsure(_unsure(budgets, "2.07.01.2.01"), "2.07.01.2.02.01", 40.0)
    confirmed = confirm_by_sums(programs, unsure)
    got = confirmed.set_index("node_id")
    assert got.at["2.07.01.2.01", "amount"] == Decimal("793000000")
    assert got.at["2.07.01.2.01", "amount_flag"].startswith(
        "confirmed by a sum: read with OCR confidence 70; the sum under"
    )
    assert got.at["2.07.01.2.02.01", "amount"] == Decimal("200000000")
    assert pd.isna(got.at["2.07.01.2.01.01", "amount_flag"])  # the others untouched


def test_an_unsure_amount_that_breaks_a_sum_or_that_no_sum_checks_stays_null() -> None:
    """Read 798.000.000 with a low confidence, the kegiatan breaks both sums it is part of: it
    stays null. An unsure sub kegiatan whose unsure sibling breaks their kegiatan's sum stays
    null with it, and so does an unsure sub kegiatan under an unsure kegiatan it alone makes
    up where no other sum checks the kegiatan (both print one amount, which OCR may misread
    twice alike)."""
    programs, budgets = _frames(KEGIATAN_MISREAD)
    unsure = _unsure(budgets, "2.07.01.2.01")
    pd.testing.assert_frame_equal(confirm_by_sums(programs, unsure), unsure)
    programs, budgets = _frames(SUMS_HOLD)
    at = budgets.index[budgets["node_id"] == "2.07.01.2.01.02"][0]
    budgets.at[at, "amount_raw"] = "338.000.000"  # misread, and unsure
    both = _unsure(_unsure(budgets, "2.07.01.2.01.01"), "2.07.01.2.01.02")
    pd.testing.assert_frame_equal(confirm_by_sums(programs, both), both)
    programs, budgets = _frames(SUMS_HOLD)
    alone = _unsure(_unsure(_unsure(budgets, "2.07.01.2.02"), "2.07.01.2.02.01"), "2.07.01")
    at = alone.index[alone["node_id"] == "2.07.01.2.01"][0]
    alone.at[at, "amount"], alone.at[at, "amount_flag"] = None, "mixed thousands separators"
    pd.testing.assert_frame_equal(confirm_by_sums(programs, alone), alone)


def test_an_unsure_total_and_an_unsure_part_are_taken_together_where_their_sums_hold() -> None:
    """A program, one of its kegiatan and that kegiatan's only sub kegiatan, all read with a low
    confidence: the program's sum holds with the two readings beside its other kegiatan, read
    for sure (both misread, they would have to be misread by the same amount), so the program
    and the kegiatan are taken, and then the sub kegiatan, which the kegiatan's sum checks.
    A misread program breaks its sum: all three stay null."""
    programs, budgets = _frames(SUMS_HOLD)
    chain = _unsure(_unsure(_unsure(budgets, "2.07.01.2.02"), "2.07.01.2.02.01"), "2.07.01")
    got = confirm_by_sums(programs, chain).set_index("node_id")
    assert got.at["2.07.01", "amount"] == Decimal("993000000")
    assert got.at["2.07.01.2.02", "amount"] == Decimal("200000000")
    assert got.at["2.07.01.2.02.01", "amount"] == Decimal("200000000")
    assert got.at["2.07.01", "amount_flag"] == (
        "confirmed by a sum: read with OCR confidence 70; the sum under program 2.07.01 holds "
        "with it and the 1 other amount(s) of it read with a low confidence"
    )
    at = chain.index[chain["node_id"] == "2.07.01"][0]
    chain.at[at, "amount_raw"] = "998.000.000"
    pd.testing.assert_frame_equal(confirm_by_sums(programs, chain), chain)


def test_unsure_sibling_amounts_that_their_sum_holds_with_together_are_taken_together() -> None:
    """Two sub kegiatan read with a low confidence: their kegiatan, read, adds up to their two
    readings exactly. Both are taken, each flagged with its confidence and the sum, which says
    that the other part was unsure too."""
    programs, budgets = _frames(SUMS_HOLD)
    both = _unsure(_unsure(budgets, "2.07.01.2.01.01", 60.0), "2.07.01.2.01.02", 75.0)
    got = confirm_by_sums(programs, both).set_index("node_id")
    assert got.at["2.07.01.2.01.01", "amount"] == Decimal("456000000")
    assert got.at["2.07.01.2.01.02", "amount"] == Decimal("337000000")
    assert got.at["2.07.01.2.01.01", "amount_flag"] == (
        "confirmed by a sum: read with OCR confidence 60; the sum under kegiatan 2.07.01.2.01 "
        "holds with it and the 1 other amount(s) of it read with a low confidence"
    )
    assert got.at["2.07.01.2.01.02", "amount_flag"].startswith(
        "confirmed by a sum: read with OCR confidence 75;"
    )


def test_an_unsure_amount_wrapped_in_its_cell_is_confirmed_as_it_was_read() -> None:
    """An amount wrapped in its cell (``793.000.00`` over ``0,00``) is read with its lines glued;
    its raw text keeps the lines spaced (``793.000.00 0,00``), which read as one line has a
    space where the grammar has none. Read with a low confidence, it is confirmed by the sums
    it makes hold as it was read, glued."""
    programs, budgets = _frames(SUMS_HOLD)
    at = budgets.index[budgets["node_id"] == "2.07.01.2.01"][0]
    budgets.at[at, "amount_raw"] = "793.000.00 0,00"
    got = confirm_by_sums(programs, _unsure(budgets, "2.07.01.2.01")).set_index("node_id")
    assert got.at["2.07.01.2.01", "amount"] == Decimal("793000000")
    assert got.at["2.07.01.2.01", "amount_flag"].startswith("confirmed by a sum:")
    budgets.at[at, "amount_raw"] = "793.000.00 8,00"  # glued, 7.930.008: breaks the sums
    unsure = _unsure(budgets, "2.07.01.2.01")
    pd.testing.assert_frame_equal(confirm_by_sums(programs, unsure), unsure)


def test_an_unsure_program_beside_a_kegiatan_not_read_is_checked_by_its_sub_kegiatan() -> None:
    """A program read with a low confidence beside a kegiatan OCR could not read at all (its
    amount's lines torn apart): the kegiatan's sub kegiatan, read, give what it prints, so the
    program is checked against them and its other kegiatan, and taken, the flag saying so
    (held-out synthetic scan: 49.420.629.589 left null at confidence 74 beside such a
    kegiatan). The kegiatan stays unread; a program whose reading breaks that sum stays null."""
    programs, budgets = _frames(SUMS_HOLD)
    at = budgets.index[budgets["node_id"] == "2.07.01.2.01"][0]
    budgets.at[at, "amount"], budgets.at[at, "amount_flag"] = None, "mixed separators"
    budgets.at[at, "ocr_confidence"] = 31.0
    unsure = _unsure(budgets, "2.07.01", 74.0)
    got = confirm_by_sums(programs, unsure).set_index("node_id")
    assert got.at["2.07.01", "amount"] == Decimal("993000000")
    assert got.at["2.07.01", "amount_flag"] == (
        "confirmed by a sum: read with OCR confidence 74; the sum under program 2.07.01 holds "
        "with it, kegiatan 2.07.01.2.01 not read and taken as the sum of its own parts"
    )
    assert pd.isna(got.at["2.07.01.2.01", "amount"])
    at = unsure.index[unsure["node_id"] == "2.07.01"][0]
    unsure.at[at, "amount_raw"] = "998.000.000"
    pd.testing.assert_frame_equal(confirm_by_sums(programs, unsure), unsure)


def test_amounts_that_each_would_mend_a_failed_sum_are_all_named() -> None:
    """A sub kegiatan read 458.000.000 where 456.000.000 is printed: its kegiatan's sum fails
    by two million, and either sub kegiatan with one digit read otherwise would mend it
    (456 or 335), the kegiatan not (its program's sum holds with it). Read with a confidence
    under 95, either may be misread, which the sums do not tell: one doubt names both, the
    values kept as read (held-out synthetic scan: 48.000.000 read for 46.000.000 at confidence
    85, unflagged). Read surely, the sum's failure stays the document's fault."""
    rows = [
        (n, lv, p, "458.000.000" if n == "2.07.01.2.01.01" else raw, pg)
        for n, lv, p, raw, pg in SUMS_HOLD
    ]
    programs, budgets = _frames(rows)
    assert misread_digits(programs, budgets) == []  # read surely: the document's fault
    programs, budgets = _frames(rows, confidence=85.0)
    (doubt,) = misread_digits(programs, budgets)
    assert doubt.check == "misread_digits" and doubt.page == 14
    assert doubt.node_ids == ("2.07.01.2.01.01", "2.07.01.2.01.02", "2.07.01.2.01")
    assert "one of those read with a confidence under 95 is likely misread" in doubt.message
    assert "(456.000.000, confidence 85)" in doubt.message and "335.000.000" in doubt.message
    at = budgets["node_id"] == "2.07.01.2.01.02"
    budgets.loc[at, "ocr_confidence"] = 97.0  # the other read surely: it is named, not doubted
    (doubt,) = misread_digits(programs, budgets)
    assert doubt.node_ids == ("2.07.01.2.01.01", "2.07.01.2.01")
    assert misread_digits(*_frames(rows, ocr=False)) == []  # a text layer's sum: the document's


def test_a_sum_with_an_unsure_part_is_weighed_with_its_reading() -> None:
    """A sub kegiatan read surely as 337.900.000 where 337.000.000 is printed, beside a sibling
    read with a low confidence (left null): the kegiatan's sum was checked by nothing, and the
    misread digit went out unflagged (held-out synthetic scan, seed 213 at 150 dpi). Weighed
    with the sibling's reading, the sum fails, and one digit of the sure amount alone mends it;
    the unsure sibling stays null."""
    plan = [
        (n, lv, p, "337.900.000" if n == "2.07.01.2.01.02" else raw, pg)
        for n, lv, p, raw, pg in SUMS_HOLD
    ]
    programs, budgets = _frames(plan)
    unsure = _unsure(budgets, "2.07.01.2.01.01")
    (doubt,) = misread_digits(programs, unsure)
    assert doubt.check == "misread_digits" and doubt.node_ids[0] == "2.07.01.2.01.02"
    assert "digit 4 read as 0 instead of 9 (337.000.000)" in doubt.message
    assert unsure.set_index("node_id").at["2.07.01.2.01.01", "amount"] is None
    # its sibling read as printed: the sum holds with the unsure reading, and nothing is doubted
    programs, budgets = _frames(SUMS_HOLD)
    assert misread_digits(programs, _unsure(budgets, "2.07.01.2.01.01")) == []
