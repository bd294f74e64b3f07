"""The checks: Great Expectations expectations over the output tables and the check frames.

Each :class:`Check` names one thing an auditor can act on (``sum_sub_kegiatan``: a kegiatan
whose amount is not the sum of its sub kegiatan), its severity (``error`` makes the document
invalid, ``warning`` only reaches the report), the frame it runs on, and the expectations that
test it. The schema checks are generated from the field dictionary, so they follow it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import great_expectations as gx
from great_expectations.expectations import Expectation
from great_expectations.expectations.row_conditions import Column

from transform.codes import KODE_PATTERNS
from transform.fields import FIELDS, KEYS, TABLES
from transform.numbers import CONFIRMED, DASH_FLAG, REPAIRED, format_rupiah
from transform.reading import READING_CHECKS, READING_WARNINGS

__all__ = ["CHECKS", "Check", "checks_for"]

Row = dict[str, Any]
E = gx.expectations
# the flags of an amount that was read: printed as a dash (zero), or repaired
_READ_FLAGS = f"^({re.escape(DASH_FLAG)}$|{REPAIRED}|{CONFIRMED})"


@dataclass(frozen=True)
class Check:
    """One named check and the expectations that make it up."""

    name: str
    group: str
    severity: str  # "error" | "warning"
    frame: str
    description: str
    expectations: tuple[Expectation, ...]
    message: Callable[[Row], str] = field(default=lambda row: "")


def _amount(value: Any) -> str:
    return "-" if value is None else format_rupiah(value)


def _sum_message(children: str) -> Callable[[Row], str]:
    def message(row: Row) -> str:
        return (
            f"{row['jenis']} {row['tahun']}: printed {_amount(row['stated'])}, sum of "
            f"{row['children']} {children} {_amount(row['computed'])} "
            f"(difference {_amount(row['difference'])})"
        )

    return message


def _schema_checks(table: str) -> list[Check]:
    fields = FIELDS[table]
    required = tuple(
        E.ExpectColumnValuesToNotBeNull(column=f.name) for f in fields if not f.nullable
    )
    allowed = tuple(
        E.ExpectColumnValuesToBeInSet(column=f.name, value_set=list(f.allowed))
        for f in fields
        if f.allowed
    )
    return [
        Check(
            f"{table}_columns",
            "schema",
            "error",
            table,
            f"{table} has exactly the columns of the field dictionary, in order",
            (E.ExpectTableColumnsToMatchOrderedList(column_list=[f.name for f in fields]),),
            lambda row: f"{table}: columns differ from the field dictionary",
        ),
        Check(
            f"{table}_required_values",
            "schema",
            "error",
            table,
            f"{table}: no nulls in required columns",
            required,
            lambda row: f"{table}.{row['_column']} is empty",
        ),
        Check(
            f"{table}_allowed_values",
            "schema",
            "error",
            table,
            f"{table}: values within the allowed sets",
            allowed,
            lambda row: f"{table}.{row['_column']} = {row.get(row['_column'])!r} not allowed",
        ),
        Check(
            f"{table}_unique_keys",
            "schema",
            "error",
            table,
            f"{table}: key ({', '.join(KEYS[table])}) unique",
            (E.ExpectCompoundColumnsToBeUnique(column_list=list(KEYS[table])),),
            lambda row: f"{table}: key ({', '.join(KEYS[table])}) repeated",
        ),
    ]


def _kode_format() -> Check:
    return Check(
        "kode_format",
        "schema",
        "error",
        "programs",
        "each kode has the form of its level (2.07.03 / 2.07.03.2.01 / 2.07.03.2.01.0001)",
        tuple(
            E.ExpectColumnValuesToMatchRegex(
                column="kode",
                regex=pattern,
                row_condition=Column("level") == level,
            )
            for level, pattern in KODE_PATTERNS.items()
        ),
        lambda row: f"kode {row['kode']!r} is not the form of a {row['level']} code",
    )


CHECKS: tuple[Check, ...] = (
    Check(
        "parquet_schema",
        "schema",
        "error",
        "files",  # checked on the written files, not with an expectation
        "each Parquet file's column types are those of the field dictionary",
        (),
    ),
    *(check for table in TABLES for check in _schema_checks(table)),
    _kode_format(),
    Check(
        "tree",
        "schema",
        "error",
        "tree",
        "programs have no parent, a kegiatan's parent is a program, a sub kegiatan's a kegiatan",
        (
            E.ExpectColumnPairValuesToBeEqual(
                column_A="parent_level", column_B="expected_parent_level"
            ),
        ),
        lambda row: (
            f"{row['level']} has a parent of level {row['parent_level']}, "
            f"expected {row['expected_parent_level']}"
        ),
    ),
    Check(
        "kode_prefix",
        "schema",
        "error",
        "tree",
        "each child's kode starts with its parent's kode",
        (
            E.ExpectColumnPairValuesToBeEqual(
                column_A="kode_prefix",
                column_B="parent_kode",
                ignore_row_if="either_value_is_missing",
            ),
        ),
        lambda row: (
            f"kode {row['kode']} does not start with its parent's kode {row['parent_kode']}"
        ),
    ),
    Check(
        "amounts_non_negative",
        "schema",
        "error",
        "budgets",
        "amounts are not negative",
        (E.ExpectColumnValuesToBeBetween(column="amount", min_value=0),),
        lambda row: f"negative amount {row['amount_raw']!r}",
    ),
    Check(
        "sum_sub_kegiatan",
        "reconciliation",
        "error",
        "rollup_kegiatan",
        "each kegiatan's amount is the sum of its sub kegiatan (plan year and prakiraan maju)",
        (E.ExpectColumnPairValuesToBeEqual(column_A="stated", column_B="computed"),),
        _sum_message("sub kegiatan"),
    ),
    Check(
        "sum_kegiatan",
        "reconciliation",
        "error",
        "rollup_program",
        "each program's amount is the sum of its kegiatan (plan year and prakiraan maju)",
        (E.ExpectColumnPairValuesToBeEqual(column_A="stated", column_B="computed"),),
        _sum_message("kegiatan"),
    ),
    Check(
        "stated_total",
        "reconciliation",
        "error",
        "stated_totals",
        "the totals the document states (grand-total row, 'Total kebutuhan dana' sentence) are "
        "the sum of its programs",
        (E.ExpectColumnPairValuesToBeEqual(column_A="stated", column_B="computed"),),
        lambda row: (
            f"{row['source']} total {row['tahun']}: printed {_amount(row['stated'])}, sum of "
            f"{row['children']} programs {_amount(row['computed'])} "
            f"(difference {_amount(row['difference'])})"
        ),
    ),
    Check(
        "review_pagu",
        "cross_table",
        "error",
        "review",
        "each sub kegiatan's pagu indikatif in the plan table is one of the pagu the review of "
        "the draft RKPD (T-C.31) prints for it: rancangan awal or hasil analisis kebutuhan",
        (E.ExpectColumnValuesToBeInSet(column="matches", value_set=[True]),),
        lambda row: (
            f"plan table {_amount(row['stated'])}; review table (page {row['review_page']}): "
            f"rancangan awal {_amount(row['rancangan_awal'])}, hasil analisis kebutuhan "
            f"{_amount(row['hasil_analisis'])}"
        ),
    ),
    Check(
        "kode_in_code_list",
        "code_list",
        "error",
        "nomenclature",
        "every kode exists in the code list given with --nomenclature",
        (E.ExpectColumnValuesToBeInSet(column="found", value_set=[True]),),
        lambda row: (
            f"kode {row['kode']} is not in the code list"
            + (f" (re-coded there as {row['recoded_as']})" if row.get("recoded_as") else "")
            + (
                f" (one digit off: {row['one_digit_off']})"
                if isinstance(row.get("one_digit_off"), str)
                else ""
            )
        ),
    ),
    Check(
        "nama_matches_code_list",
        "code_list",
        "warning",
        "nomenclature",
        "each coded node's name is close to the code list's name (similarity >= 0.8)",
        (E.ExpectColumnValuesToBeBetween(column="similarity", min_value=0.8),),
        lambda row: (
            f"named {row['nama']!r}; the code list names {row['listed_kode']} "
            f"{row['listed_nama']!r} (similarity {row['similarity']:.2f})"
        ),
    ),
    Check(
        "regrouped_codes",
        "plausibility",
        "warning",
        "programs",
        "every code and row number was read as printed",
        (E.ExpectColumnValuesToBeNull(column="kode_flag"),),
        lambda row: (
            f"{'code' if isinstance(row['kode'], str) else 'number'} {row['kode_flag']}: "
            "check the printed page"
        ),
    ),
    Check(
        "unreadable_amounts",
        "plausibility",
        "warning",
        "budgets",
        "every amount could be read (a dash is read as zero)",
        # an amount printed as a dash is read (as zero), a repaired one is read (and reported
        # by repaired_amounts), so is one confirmed by a sum; any other flag is a value not read
        (E.ExpectColumnValuesToMatchRegex(column="amount_flag", regex=_READ_FLAGS),),
        lambda row: f"amount {row['amount_raw']!r} not read: {row['amount_flag']}",
    ),
    Check(
        "repaired_amounts",
        "plausibility",
        "warning",
        "budgets",
        "every amount was read as printed, without a repair of its form (a lost dash, letters "
        "read for digits, swapped or lost separators) and with a sure OCR confidence",
        (
            E.ExpectColumnValuesToNotMatchRegex(
                column="amount_flag", regex=f"^({REPAIRED}|{CONFIRMED})"
            ),
        ),
        lambda row: (
            f"amount {row['amount_raw']!r} read as {_amount(row['amount'])}, "
            f"{row['amount_flag']}: check the printed page"
        ),
    ),
    Check(
        "unreadable_targets",
        "plausibility",
        "warning",
        "indicators",
        "every target could be read",
        (E.ExpectColumnValuesToBeNull(column="target_flag"),),
        lambda row: f"target {row['target_raw']!r} not read: {row['target_flag']}",
    ),
    Check(
        "target_missing",
        "plausibility",
        "warning",
        "targets",
        "an indicator with a unit has a target",
        (
            E.ExpectColumnValuesToBeInSet(
                column="target_missing",
                value_set=[False],
                row_condition=Column("counted") == True,  # noqa: E712 (a condition, not a test)
            ),
        ),
        lambda row: f"indicator {row['indikator']!r} ({row['satuan']}) has no target",
    ),
    Check(
        "percent_over_100",
        "plausibility",
        "warning",
        "targets",
        "a percentage target is at most 100",
        (
            E.ExpectColumnValuesToBeBetween(
                column="target",
                max_value=100,
                row_condition=Column("percent") == True,  # noqa: E712
            ),
        ),
        lambda row: f"indicator {row['indikator']!r}: target {row['target_raw']!r} over 100%",
    ),
    Check(
        "prakiraan_maju_ratio",
        "plausibility",
        "warning",
        "ratios",
        "the prakiraan maju is between half and three times the plan year's pagu",
        (E.ExpectColumnValuesToBeBetween(column="ratio", min_value=0.5, max_value=3),),
        lambda row: (
            f"prakiraan maju {_amount(row['amount_next'])} is {row['ratio']:.2f} times the "
            f"pagu {_amount(row['amount'])}"
        ),
    ),
    Check(
        "duplicate_names",
        "plausibility",
        "warning",
        "names",
        "no name printed twice under one parent",
        (
            E.ExpectCompoundColumnsToBeUnique(
                column_list=["doc_id", "parent", "level", "nama_normal"]
            ),
        ),
        lambda row: f"{row['level']} name printed more than once under the same parent",
    ),
    Check(
        "nomor_prefix",
        "plausibility",
        "warning",
        "nomor",
        "each row number continues its parent's (I.2 under I)",
        (E.ExpectColumnPairValuesToBeEqual(column_A="nomor_prefix", column_B="parent_nomor"),),
        lambda row: f"numbered {row['nomor']} under {row['parent_nomor']}",
    ),
)


# The checks of the reading: decided when the document is read (``transform.reading``) and
# recorded in summary.json; a failure makes the document suspect rather than invalid.
CHECKS += tuple(
    Check(
        name,
        "reading",
        "warning" if name in READING_WARNINGS else "error",
        "reading",
        description,
        (),
    )  # fmt: skip
    for name, description in READING_CHECKS.items()
)


def checks_for(frame: str) -> list[Check]:
    """The checks that run on one frame."""
    return [c for c in CHECKS if c.frame == frame and c.expectations]
