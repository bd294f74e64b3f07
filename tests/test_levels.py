"""Row levels from each signal alone, and from their combination (transform.levels)."""

import pandas as pd
from test_hierarchy import build, rows, values

from transform.levels import numbering_levels, resolve_levels

YELLOW, BLUE = "1.00,1.00,0.00", "0.84,0.86,0.89"


def test_numbering_schemes() -> None:
    assert numbering_levels(["I", "I.1", "I.1.1", "II", None]) == [
        "program", "kegiatan", "sub_kegiatan", "program", None,
    ]  # fmt: skip
    assert numbering_levels(["I", "1", "(1)", "(2)", "2"]) == [
        "program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan",
    ]  # fmt: skip
    # kegiatan and sub kegiatan both counted with plain numbers: the number says nothing
    assert numbering_levels(["I", "1", "1", "2", "2", "3"]) == ["program"] + [None] * 5


def _counted_on_table() -> pd.DataFrame:
    """Programs I, II; kegiatan and sub kegiatan numbered 1, 2 each counted on; the level shows
    in the fill and weight only; sub kegiatan carry a lokasi."""
    return rows(
        {"nomor": "I", "nama": "PROGRAM A", "bold": True, "fill": YELLOW, "pagu_raw": "30"},
        {"nomor": "1", "nama": "Kegiatan a", "bold": True, "fill": BLUE, "pagu_raw": "30"},
        {"nomor": "1", "nama": "Sub a1", "lokasi": "Medan", "pagu_raw": "10"},
        {"nomor": "2", "nama": "Sub a2", "lokasi": "Medan", "pagu_raw": "20"},
        {"nomor": "II", "nama": "PROGRAM B", "bold": True, "fill": YELLOW, "pagu_raw": "5"},
        {"nomor": "2", "nama": "Kegiatan b", "bold": True, "fill": BLUE, "pagu_raw": "5"},
        {"nomor": "3", "nama": "Sub b1", "lokasi": "Sumut", "pagu_raw": "5"},
    )  # fmt: skip


def test_counted_on_numbers_take_the_level_of_their_style() -> None:
    plan = build(_counted_on_table())
    assert values(plan.nodes, "node_id", "nomor", "level_source") == [
        ["P01", "I", "numbering"],
        ["P01.K01", "1", "style"],
        ["P01.K01.S01", "1", "style"],
        ["P01.K01.S02", "2", "style"],
        ["P02", "II", "numbering"],
        ["P02.K01", "2", "style"],
        ["P02.K01.S01", "3", "style"],
    ]


def test_a_style_shared_by_two_levels_decides_nothing() -> None:
    """Kegiatan and sub kegiatan printed alike: the style cannot tell them apart."""
    frame = _counted_on_table()
    frame["fill"] = ""
    frame["bold"] = False
    frame["lokasi"] = ""
    levels = resolve_levels(frame)
    assert [(r.level, r.source) for r in levels][:2] == [("program", "numbering"), (None, None)]


def test_where_number_and_style_disagree_the_amounts_decide() -> None:
    """A white row numbered as a kegiatan (I.2) is a sub kegiatan of I.1: I.1 = 10 + 20 only so."""
    frame = rows(
        {"nomor": "I", "nama": "PROGRAM A", "bold": True, "fill": YELLOW, "pagu_raw": "40"},
        {"nomor": "I.1", "nama": "Keg 1", "bold": True, "fill": BLUE, "pagu_raw": "30"},
        {"nomor": "I.1.1", "nama": "Sub 1", "pagu_raw": "10"},
        {"nomor": "I.2", "nama": "Sub 2", "pagu_raw": "20"},
        {"nomor": "I.3", "nama": "Keg 3", "bold": True, "fill": BLUE, "pagu_raw": "10"},
        {"nomor": "I.3.1", "nama": "Sub 3", "pagu_raw": "4"},
        {"nomor": "I.3.2", "nama": "Sub 3b", "pagu_raw": "6"},
        {"nomor": "I.4", "nama": "Keg 4", "bold": True, "fill": BLUE, "pagu_raw": "0"},
        {"nomor": "I.4.1", "nama": "Sub 4", "pagu_raw": "0"},
    )  # fmt: skip
    plan = build(frame)
    assert values(plan.nodes, "nama", "level", "level_source")[:4] == [
        ["PROGRAM A", "program", "numbering"],
        ["Keg 1", "kegiatan", "numbering"],
        ["Sub 1", "sub_kegiatan", "numbering"],
        ["Sub 2", "sub_kegiatan", "arithmetic"],
    ]
    # When the amounts side with the number, the number stays.
    frame.loc[1, "pagu_raw"] = "10"
    levels = resolve_levels(frame)
    assert (levels[3].level, levels[3].source) == ("kegiatan", "numbering")


def test_codes_decide_before_any_other_signal() -> None:
    plan = build(
        rows(
            {"kode_parts": ["2", "07", "03", "", ""], "nama": "PROGRAM A", "pagu_raw": "10"},
            {"kode_parts": ["2", "07", "03", "2.01", ""], "nama": "Keg", "pagu_raw": "10"},
        )
    )
    assert values(plan.nodes, "level", "level_source") == [
        ["program", "kode"], ["kegiatan", "kode"],
    ]  # fmt: skip
