"""Check frames: the tidy tables rearranged so that each check is a column-wise expectation.

A roll-up sum, a tree edge or a code-list lookup is not a property of one row of the output.
Each function here builds, with pandas only, a frame with one row per thing to check (a
kegiatan and the sum of its sub kegiatan; a node and its parent) and the columns an auditor
needs to find it (doc_id, level, kode, nama, tahun, page). The expectations in
:mod:`expectations.suites` then assert on these frames. Money stays Decimal throughout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any

import pandas as pd

from transform.codes import parent_kode

__all__ = [
    "StatedTotal",
    "plain_objects",
    "records",
    "duplicate_name_frame",
    "nomenclature_frame",
    "nomor_frame",
    "ratio_frame",
    "review_frame",
    "rollup_frame",
    "stated_total_frame",
    "target_frame",
    "tree_frame",
]

_CONTEXT = ["doc_id", "node_id", "level", "kode", "nama"]
_PARENT_LEVEL = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}


@dataclass(frozen=True)
class StatedTotal:
    """A total the document states for all its programs (grand-total row or sentence)."""

    doc_id: str
    label: str
    source: str
    page: int | None
    tahun: int
    jenis: str
    amount: Decimal


def plain_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """Arrow-backed columns as plain objects, so that Decimal and None survive comparisons."""
    return frame.astype(object).where(frame.notna(), None)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts (column -> value)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _plan_budgets(budgets: pd.DataFrame) -> pd.DataFrame:
    """The plan table's amounts (the rumusan table), without those of other tables."""
    if "table_kind" in budgets.columns:
        budgets = budgets[budgets["table_kind"] == "rumusan"]
    return budgets


def tree_frame(programs: pd.DataFrame) -> pd.DataFrame:
    """One row per node with the level its parent has and the level it should have.

    ``parent_level`` is ``"none"`` for a node without parent and ``"missing"`` when the parent
    id names no node of the document; ``kode_prefix`` is the parent code the node's own code
    implies, ``parent_kode`` the code its parent prints.
    """
    nodes = plain_objects(programs)
    by_id: dict[tuple[Any, Any], dict[str, Any]] = {}
    for record in records(nodes):
        by_id.setdefault((record["doc_id"], record["node_id"]), record)
    rows = []
    for node in records(nodes):
        parent_level, parent_code = "none", None
        if node["parent_id"] is not None:
            key = (node["doc_id"], node["parent_id"])
            if key in by_id:
                parent = by_id[key]
                parent_level, parent_code = parent["level"], parent["kode"]
            else:
                parent_level = "missing"
        rows.append(
            {
                **{c: node[c] for c in _CONTEXT},
                "page": node["page"],
                "parent_id": node["parent_id"],
                "parent_level": parent_level,
                "expected_parent_level": _PARENT_LEVEL.get(node["level"], "none"),
                "kode_prefix": parent_kode(node["kode"]) if node["kode"] else None,
                "parent_kode": parent_code,
            }
        )
    columns = [*_CONTEXT, "page", "parent_id", "parent_level", "expected_parent_level"]
    return pd.DataFrame(rows, columns=[*columns, "kode_prefix", "parent_kode"])


def nomor_frame(programs: pd.DataFrame) -> pd.DataFrame:
    """Nodes whose row number (``I.2``) and parent's row number (``I``) are both printed.

    ``nomor_prefix`` is the parent number the node's own number implies.
    """
    nodes = plain_objects(programs)
    keys = zip(nodes["doc_id"], nodes["node_id"], strict=True)
    numbers = dict(zip(keys, nodes["nomor"], strict=True))
    rows = []
    for node in records(nodes):
        parent_nomor = numbers.get((node["doc_id"], node["parent_id"]))
        if node["nomor"] is None or parent_nomor is None:
            continue
        own = str(node["nomor"]).rstrip(".")
        rows.append(
            {
                **{c: node[c] for c in _CONTEXT},
                "page": node["page"],
                "nomor": node["nomor"],
                "nomor_prefix": own.rsplit(".", 1)[0] if "." in own else None,
                "parent_nomor": str(parent_nomor).rstrip("."),
            }
        )
    columns = [*_CONTEXT, "page", "nomor", "nomor_prefix", "parent_nomor"]
    return pd.DataFrame(rows, columns=columns)


def rollup_frame(programs: pd.DataFrame, budgets: pd.DataFrame, parent_level: str) -> pd.DataFrame:
    """Each ``parent_level`` node's amount (stated) against the sum of its children (computed).

    One row per node, year and kind of amount where the node prints an amount and at least one
    child does. A child printed empty or ``-`` counts as zero; when a child's amount could not
    be read the sum is unknown and the row is left out (the unreadable value is reported by the
    plausibility checks instead).
    """
    nodes = plain_objects(programs)
    amounts = plain_objects(_plan_budgets(budgets))
    by_key: dict[tuple[Any, ...], dict[str, Any]] = {}
    for amount in records(amounts):
        by_key.setdefault(
            (amount["doc_id"], amount["node_id"], amount["tahun"], amount["jenis"]), amount
        )
    node_by_id = {(n["doc_id"], n["node_id"]): n for n in records(nodes)}
    child_ids: dict[tuple[Any, Any], list[Any]] = {}
    for child in node_by_id.values():
        if child["parent_id"] is not None:
            child_ids.setdefault((child["doc_id"], child["parent_id"]), []).append(child["node_id"])
    rows = []
    for (doc_id, node_id, tahun, jenis), amount in by_key.items():
        node = node_by_id.get((doc_id, node_id))
        if node is None or node["level"] != parent_level or amount["amount"] is None:
            continue
        kids = [
            by_key.get((doc_id, kid, tahun, jenis)) for kid in child_ids.get((doc_id, node_id), [])
        ]
        values = [kid["amount"] for kid in kids if kid is not None]
        unreadable = sum(
            1
            for kid in kids
            if kid is not None and kid["amount_flag"] is not None and kid["amount"] is None
        )
        if unreadable or not any(v is not None for v in values):
            continue
        computed = sum((v for v in values if v is not None), Decimal(0))
        rows.append(
            {
                **{c: node[c] for c in _CONTEXT},
                "tahun": tahun,
                "jenis": jenis,
                "stated": amount["amount"],
                "computed": computed,
                "difference": amount["amount"] - computed,
                "children": len(values),
                "page": amount["page"],
            }
        )
    return pd.DataFrame(rows, columns=[*_CONTEXT, "tahun", "jenis", "stated", "computed",
                                       "difference", "children", "page"])  # fmt: skip


def stated_total_frame(budgets: pd.DataFrame, totals: Iterable[StatedTotal]) -> pd.DataFrame:
    """Each total the document states against the sum of its programs for that year."""
    amounts = plain_objects(_plan_budgets(budgets))
    programs = amounts[amounts["level"] == "program"]
    rows = []
    for total in totals:
        mine = programs[
            (programs["doc_id"] == total.doc_id)
            & (programs["tahun"] == total.tahun)
            & (programs["jenis"] == total.jenis)
        ]
        if mine.empty or (mine["amount_flag"].notna() & mine["amount"].isna()).any():
            continue
        computed = sum((v for v in mine["amount"] if v is not None), Decimal(0))
        rows.append(
            {
                "doc_id": total.doc_id,
                "node_id": None,
                "level": "dokumen",
                "kode": None,
                "nama": total.label,
                "source": total.source,
                "tahun": total.tahun,
                "jenis": total.jenis,
                "stated": total.amount,
                "computed": computed,
                "difference": total.amount - computed,
                "children": len(mine),
                "page": total.page,
            }
        )
    return pd.DataFrame(rows, columns=[*_CONTEXT, "source", "tahun", "jenis", "stated",
                                       "computed", "difference", "children", "page"])  # fmt: skip


def review_frame(programs: pd.DataFrame, budgets: pd.DataFrame) -> pd.DataFrame:
    """Each sub kegiatan's pagu indikatif in the plan table beside its pagu in the review of the
    draft RKPD (T-C.31): the rancangan awal half and the hasil analisis kebutuhan half.

    ``matches`` says whether the plan's amount is one of the review's: the plan's pagu must come
    out of the review, from the draft or from the analysis of needs. Rows are matched on kode, or
    on level and name when the document prints no codes; empty without a review table.
    """
    columns = [*_CONTEXT, "tahun", "stated", "computed", "difference", "page", "matches",
               "rancangan_awal", "hasil_analisis", "review_page"]  # fmt: skip
    if "table_kind" not in budgets.columns:
        return pd.DataFrame(columns=columns)
    amounts = plain_objects(budgets)
    names = plain_objects(programs).set_index(["doc_id", "node_id"])["nama"].to_dict()
    if "nama" not in amounts.columns:
        keys = zip(amounts["doc_id"], amounts["node_id"], strict=True)
        amounts["nama"] = [names.get(key) for key in keys]
    subs = amounts[amounts["level"] == "sub_kegiatan"]
    review: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in records(subs[subs["table_kind"] == "review"]):
        for key in _match_keys(row):  # by code and by name: either table may lack codes
            half = review.setdefault(key, {})
            half[row["jenis"]] = row["amount"]
            half.setdefault("page", row["page"])
    plan = subs[(subs["table_kind"] == "rumusan") & (subs["jenis"] == "pagu_indikatif")]
    rows = []
    for row in records(plan):
        printed = next((review[k] for k in _match_keys(row) if k in review), None)
        if printed is None or row["amount"] is None:
            continue
        draft = printed.get("pagu_rancangan_awal")
        needs = printed.get("pagu_hasil_analisis")
        known = [v for v in (draft, needs) if v is not None]
        if not known:
            continue
        nearest = min(known, key=lambda v: abs(v - row["amount"]))
        rows.append(
            {
                **{c: row[c] for c in _CONTEXT},
                "tahun": row["tahun"],
                "stated": row["amount"],
                "computed": nearest,
                "difference": row["amount"] - nearest,
                "page": row["page"],
                "matches": row["amount"] in known,
                "rancangan_awal": draft,
                "hasil_analisis": needs,
                "review_page": printed["page"],
            }
        )
    return pd.DataFrame(rows, columns=columns)


def _match_keys(row: dict[str, Any]) -> list[tuple[Any, ...]]:
    keys = [(row["doc_id"], row["tahun"], "nama", _normal_name(row["nama"]))]
    if row["kode"] is not None:
        keys.insert(0, (row["doc_id"], row["tahun"], "kode", row["kode"]))
    return keys


def _normal_name(name: Any) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(name or "").lower()).split())


def name_similarity(a: Any, b: Any) -> float:
    """Similarity of two names, 0 to 1, ignoring case, punctuation and spacing."""
    return round(SequenceMatcher(None, _normal_name(a), _normal_name(b)).ratio(), 3)


def nomenclature_frame(programs: pd.DataFrame, reference: pd.DataFrame) -> pd.DataFrame:
    """Each coded node looked up in a code list (columns level, kode, nama).

    A code not found as printed is looked up with the Penunjang prefix ``X.XX`` in place of
    the document's urusan and bidang, and a 2-digit sub kegiatan part as its 4-digit form
    (``01`` -> ``0001``), as code lists write them. ``found`` says whether it exists;
    ``similarity`` compares the printed name with the list's; ``one_digit_off`` names, for a
    code neither found nor re-coded, the listed codes that differ from one of its forms in one
    digit (a likely misread digit when the code was read by OCR), comma-separated.
    """
    ref = reference.assign(kode=reference["kode"].astype(str).str.strip())
    names = dict(zip(ref["kode"], ref["nama"], strict=False))
    recoded: dict[str, str] = {}
    if "previous_kode" in ref.columns:
        for old, new in zip(ref["previous_kode"], ref["kode"], strict=True):
            if isinstance(old, str) and old:
                recoded.setdefault(old, new)
    near = _near_index(names)
    rows = []
    for node in records(plain_objects(programs)):
        if node["kode"] is None:
            continue
        forms = _lookup_forms(node["kode"])
        listed = next((k for k in forms if k in names), None)
        recoded_as = None if listed else next((recoded[k] for k in forms if k in recoded), None)
        off = (
            []
            if listed or recoded_as
            else sorted({k for f in forms for k in _one_digit_off(f, near)})
        )
        rows.append(
            {
                **{c: node[c] for c in _CONTEXT},
                "page": node["page"],
                "found": listed is not None,
                "listed_kode": listed,
                "listed_nama": names.get(listed) if listed else None,
                "similarity": name_similarity(node["nama"], names[listed]) if listed else None,
                "recoded_as": recoded_as,
                "one_digit_off": ", ".join(off) or None,
            }
        )
    columns = [*_CONTEXT, "page", "found", "listed_kode", "listed_nama", "similarity", "recoded_as",
               "one_digit_off"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _near_index(codes: Iterable[str]) -> dict[str, set[str]]:
    """Each listed code under each of its patterns with one digit left out (``2.07.0?.2.01``):
    one lookup per digit of a code instead of ``transform.reading._one_digit_apart`` against
    every code of the list."""
    index: dict[str, set[str]] = {}
    for code in codes:
        for i, char in enumerate(code):
            if char.isdigit():
                index.setdefault(f"{code[:i]}?{code[i + 1 :]}", set()).add(code)
    return index


def _one_digit_off(code: str, index: dict[str, set[str]]) -> set[str]:
    """The listed codes that differ from ``code`` in exactly one digit, in place."""
    found: set[str] = set()
    for i, char in enumerate(code):
        if char.isdigit():
            found |= index.get(f"{code[:i]}?{code[i + 1 :]}", set())
    return found - {code}


def _lookup_forms(kode: str) -> list[str]:
    parts = kode.split(".")
    forms = [parts]
    if len(parts) == 6 and len(parts[5]) == 2:
        forms.append([*parts[:5], parts[5].zfill(4)])
    forms += [["X", "XX", *p[2:]] for p in list(forms)]
    return [".".join(p) for p in forms]


def target_frame(indicators: pd.DataFrame) -> pd.DataFrame:
    """Indicator targets with what the plausibility checks need: whether the unit counts
    something (a target is then expected) and whether it is a percentage."""
    frame = plain_objects(indicators)
    if "table_kind" in frame.columns:  # the plan's own targets
        frame = frame[(frame["table_kind"] == "rumusan") & (frame["measure"] == "target")]
    satuan = frame["satuan"].fillna("").astype(str).str.strip().str.lower()
    out = frame.assign(
        percent=satuan.isin(["%", "persen", "prosentase", "persentase"]),
        counted=(satuan != "") & frame["indikator"].notna(),
        target_missing=frame["target"].isna() & frame["target_flag"].isna(),
    )
    return out.reset_index(drop=True)


def ratio_frame(budgets: pd.DataFrame) -> pd.DataFrame:
    """Each node's prakiraan maju (next year) as a multiple of its plan-year pagu."""
    amounts = plain_objects(_plan_budgets(budgets))
    plan = amounts[amounts["jenis"] == "pagu_indikatif"]
    nxt = amounts[amounts["jenis"] == "prakiraan_maju"]
    merged = plan.merge(nxt, on=["doc_id", "node_id"], suffixes=("", "_next"))
    merged = merged[merged["amount"].notna() & merged["amount_next"].notna()]
    merged = merged[merged["amount"] != 0]
    ratio = [float(n / p) for n, p in zip(merged["amount_next"], merged["amount"], strict=True)]
    return merged.assign(ratio=ratio).reset_index(drop=True)


def duplicate_name_frame(programs: pd.DataFrame) -> pd.DataFrame:
    """Nodes with their name normalised, to find the same name twice under one parent."""
    nodes = plain_objects(programs)
    return nodes.assign(
        parent=nodes["parent_id"].fillna("-"), nama_normal=nodes["nama"].map(_normal_name)
    )
