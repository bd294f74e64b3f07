"""The registry of table kinds: titles, allowed values, and what the rows carry."""

from __future__ import annotations

import pytest

from transform.fields import JENIS, MEASURES, TABLE_KINDS
from transform.kinds import KINDS, PLAN, kind_named, other_kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Tabel 2.4 Review Terhadap Rancangan Awal RKPD Tahun 2022", "review"),
        ("Tabel 2.1 Rekapitulasi Evaluasi Hasil Pelaksanaan Renja Tahun 2020", "evaluasi"),
        ("Tabel 2.2 Pencapaian Kinerja Pelayanan Perangkat Daerah", "kinerja_pelayanan"),
        ("Tabel 2.5 Usulan Program dan Kegiatan dari Para Pemangku Kepentingan", "usulan"),
        # the last label on the page names the table under it, not an earlier one
        ("Tabel 2.1 Evaluasi ...\nTabel 2.4 Review Rancangan Awal", "review"),
        ("Tabel 3.3 Rumusan Rencana Program dan Kegiatan", None),
    ],
)
def test_a_title_names_its_kind(title: str, kind: str | None) -> None:
    assert other_kind(title) == kind


def test_every_kind_but_the_plan_has_a_title_and_a_transform() -> None:
    assert KINDS[0] is PLAN and PLAN.title is None and PLAN.frames is None
    for kind in KINDS[1:]:
        assert kind.title is not None and kind.frames is not None, kind.name
    assert len({k.name for k in KINDS}) == len(KINDS)
    assert kind_named("evaluasi") is KINDS[2] and kind_named(None) is None


def test_the_field_dictionary_allows_what_the_kinds_allow() -> None:
    assert TABLE_KINDS == ("rumusan", "review", "evaluasi", "kinerja_pelayanan")
    assert set(MEASURES) == {m for k in KINDS for m in k.measures}
    assert set(JENIS) == {j for k in KINDS for j in k.jenis}


def test_rows_carry_only_the_values_their_kind_allows(sample_result) -> None:
    indicators = sample_result.frames["indicators"]
    budgets = sample_result.frames["budgets"]
    assert set(indicators["table_kind"]) >= {"rumusan", "review"}
    for name, rows in indicators.groupby("table_kind"):
        kind = kind_named(str(name))
        assert kind is not None and set(rows["measure"]) <= set(kind.measures), name
    for name, rows in budgets.groupby("table_kind"):
        kind = kind_named(str(name))
        assert kind is not None and set(rows["jenis"]) <= set(kind.jenis), name
