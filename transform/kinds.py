"""The kinds of table a Renja prints, in one registry: how each is recognised by its title,
what it is turned into, and which ``measure`` and ``jenis`` values its rows may carry.

Adding a kind is one entry here plus its transform (a function from the logical table to the
frames it adds to ``indicators``, ``budgets`` or ``proposals``). The plan table itself is the
first entry; it is told by its header rather than by a title, and turned into programs,
indicators and budgets by ``transform.hierarchy``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from extract.locate import from_last_label
from transform.evaluation import measured_frames
from transform.proposals import proposal_rows
from transform.review import review_frames
from transform.rows import LogicalTable

__all__ = ["KINDS", "PLAN", "TableKind", "kind_named", "other_kind"]

# A table of the kind, the plan year, and the prefix of its node ids -> frames by output table.
Frames = Callable[[LogicalTable, int | None, str], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class TableKind:
    """One kind of printed table: ``name`` (its ``table_kind``), ``form`` (Permendagri
    86/2017), the words of its ``title``, the ``frames`` it becomes, and the ``measures``
    (indicators) and ``jenis`` (budgets) its rows may carry."""

    name: str
    form: str
    title: re.Pattern[str] | None
    frames: Frames | None
    measures: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()


def _review(table: LogicalTable, plan_year: int | None, prefix: str) -> dict[str, pd.DataFrame]:
    indicators, budgets = review_frames(table, plan_year, prefix)
    return {"indicators": indicators, "budgets": budgets}


def _measured(table: LogicalTable, plan_year: int | None, prefix: str) -> dict[str, pd.DataFrame]:
    indicators, budgets = measured_frames(table, prefix)
    return {"indicators": indicators, "budgets": budgets}


def _proposals(table: LogicalTable, plan_year: int | None, prefix: str) -> dict[str, pd.DataFrame]:
    return {"proposals": proposal_rows(table)}


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


PLAN = TableKind(
    "rumusan", "T-C.33", None, None,
    # a Renja Perubahan: the plan year's target and amount before and after the change
    measures=("target", "target_sebelum", "target_sesudah"),
    jenis=("pagu_indikatif", "prakiraan_maju", "pagu_sebelum", "pagu_sesudah"),
)  # fmt: skip

# In the order titles are tried: the first kind whose words a title prints is its kind.
KINDS: tuple[TableKind, ...] = (
    PLAN,
    TableKind(
        "review", "T-C.31", _words(r"review|rancangan\s+awal|ranwal|rancangan\s+rkpd"), _review,
        measures=("target_rancangan_awal", "target_hasil_analisis"),
        jenis=("pagu_rancangan_awal", "pagu_hasil_analisis"),
    ),
    TableKind(
        "evaluasi", "T-C.29", _words(r"evaluasi"), _measured,
        measures=(
            "target_renstra", "realisasi", "realisasi_kumulatif", "capaian_persen",
            "capaian_kumulatif_persen", "target",
        ),
        jenis=("pagu_renstra", "pagu_renja", "realisasi_anggaran", "realisasi_anggaran_kumulatif"),
    ),
    TableKind(
        "kinerja_pelayanan", "T-C.30", _words(r"kinerja\s+pelayanan|pencapaian\s+kinerja"),
        _measured,
        measures=("target_ikk", "proyeksi", "target_renstra", "realisasi"),
    ),
    TableKind("usulan", "proposals", _words(r"usulan|pemangku"), _proposals),
)  # fmt: skip


def kind_named(name: str | None) -> TableKind | None:
    """The registered kind of that name."""
    return next((k for k in KINDS if k.name == name), None)


def other_kind(text: str) -> str | None:
    """Which of the other Renja tables a title names: ``review`` (T-C.31), ``evaluasi``
    (T-C.29), ``kinerja_pelayanan`` (T-C.30), ``usulan`` (proposals), or None."""
    text = from_last_label(text)
    for kind in KINDS:
        if kind.title is not None and kind.title.search(text):
            return kind.name
    return None
