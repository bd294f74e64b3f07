"""Compare pipeline output with a ground-truth file (format: ../shared/corpus/README.md)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd


@dataclass
class Comparison:
    """Figures of one comparison, and every difference found, for the failure message."""

    nodes: int = 0
    nodes_found: int = 0
    amounts: int = 0
    amounts_exact: int = 0
    targets: int = 0
    targets_exact: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def node_recall(self) -> float:
        return self.nodes_found / self.nodes if self.nodes else 1.0

    @property
    def amount_share(self) -> float:
        return self.amounts_exact / self.amounts if self.amounts else 1.0

    @property
    def target_share(self) -> float:
        return self.targets_exact / self.targets if self.targets else 1.0

    def line(self) -> str:
        return (
            f"nodes {self.nodes_found}/{self.nodes} ({self.node_recall:.1%}), "
            f"amounts exact {self.amounts_exact}/{self.amounts} ({self.amount_share:.1%}), "
            f"targets exact {self.targets_exact}/{self.targets} ({self.target_share:.1%})"
        )


def load_truth(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _key(level: str, kode: str | None, nomor: str | None, nama: str) -> tuple[str, str]:
    return (level, kode) if kode else (level, f"{nomor or ''}|{nama}")


def node_key(node: dict[str, Any]) -> tuple[str, str]:
    """How a node of a truth file is matched: by level and kode, or level, nomor and name."""
    return _key(node["level"], node["kode"], node.get("nomor"), node["nama"])


def match_nodes(
    programs: pd.DataFrame, truth_nodes: list[dict[str, Any]]
) -> list[dict[str, Any] | None]:
    """The row of ``programs`` matched to each truth node, None when it has none. A name printed
    twice (a program repeated under the UPTD) is matched in order."""
    ours: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in programs.to_dict("records"):
        nomor = row["nomor"] if isinstance(row["nomor"], str) else None
        kode = row["kode"] if isinstance(row["kode"], str) else None
        ours[_key(row["level"], kode, nomor, row["nama"])].append(row)
    found: list[dict[str, Any] | None] = []
    for node in truth_nodes:
        candidates = ours.get(node_key(node))
        found.append(candidates.pop(0) if candidates else None)
    return found


# The truth files name a Renja Perubahan's columns after the change (pagu, target) and before it
# (pagu_before, target_before); the pipeline's jenis and measure for them.
PLAN_JENIS = {"pagu": "pagu_indikatif", "pagu_next": "prakiraan_maju"}
PERUBAHAN_JENIS = {"pagu": "pagu_sesudah", "pagu_before": "pagu_sebelum"}
PLAN_MEASURES = {"target": ("target", 0), "target_next": ("target", 1)}
PERUBAHAN_MEASURES = {"target": ("target_sesudah", 0), "target_before": ("target_sebelum", 0)}


def is_perubahan(truth: dict[str, Any]) -> bool:
    return "total_pagu_before" in truth or any("pagu_before" in n for n in truth["nodes"])


def _amount(budgets: pd.DataFrame, node_id: str, jenis: str) -> Decimal | None:
    rows = budgets[(budgets["node_id"] == node_id) & (budgets["jenis"] == jenis)]
    if rows.empty or pd.isna(rows["amount"].iloc[0]):
        return None
    return Decimal(rows["amount"].iloc[0])


def _same_number(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return Decimal(str(a)) == Decimal(str(b))


def compare(frames: dict[str, pd.DataFrame], truth: dict[str, Any]) -> Comparison:
    """Match nodes by (level, kode), or (level, nomor and name) when the document prints no code."""
    out = Comparison()
    programs = frames["programs"]
    budgets = frames["budgets"]
    indicators = frames["indicators"]
    plan_year = truth["plan_year"]
    by_id = {r["node_id"]: r for r in programs.to_dict("records")}
    truth_nodes = truth["nodes"]
    matched = match_nodes(programs, truth_nodes)
    perubahan = is_perubahan(truth)
    amounts = PERUBAHAN_JENIS if perubahan else PLAN_JENIS
    measures = PERUBAHAN_MEASURES if perubahan else PLAN_MEASURES
    # A name printed twice (a program repeated under the UPTD) is matched in order.
    node_ids: dict[tuple[str, str], list[str]] = defaultdict(list)
    for node, row in zip(truth_nodes, matched, strict=True):
        out.nodes += 1
        key = node_key(node)
        if row is None:
            out.differences.append(f"missing node {key}")
            out.amounts += len(amounts)
            continue
        node_ids[(node["kode"] or "", node["nama"])].append(row["node_id"])
        ok = row["nama"] == node["nama"]
        if not ok:
            out.differences.append(f"{key}: nama {row['nama']!r} != {node['nama']!r}")
        parent = by_id.get(row["parent_id"]) if isinstance(row["parent_id"], str) else None
        if node["parent_kode"] and (parent is None or parent["kode"] != node["parent_kode"]):
            ok = False
            out.differences.append(f"{key}: parent {parent and parent['kode']} wrong")
        out.nodes_found += ok
        if perubahan and node.get("pagu_next") is not None:
            out.differences.append(f"{key}: a Renja Perubahan truth with a pagu_next")
        for name, jenis in amounts.items():
            out.amounts += 1
            got = _amount(budgets, row["node_id"], jenis)
            if _same_number(got, node[name]):
                out.amounts_exact += 1
            else:
                out.differences.append(f"{key}: {name} {got} != {node[name]}")
    seen: dict[str, int] = defaultdict(int)
    previous: tuple[str, str] | None = None
    taken: dict[tuple[str, str], int] = defaultdict(int)
    for ind in truth["indicators"]:
        # The indicators of a node follow each other; a new run of the same name is its next
        # node of that name.
        name_key = (ind["kode"] or "", ind["nama"])
        if name_key != previous:
            taken[name_key] += 1
            previous = name_key
        same_name = node_ids.get(name_key, [])
        node_id = same_name[taken[name_key] - 1] if len(same_name) >= taken[name_key] else None
        position = seen[node_id or ""] = seen[node_id or ""] + 1
        for name, (measure, offset) in measures.items():
            if name not in ind:
                continue  # the truth does not record this column
            year = plan_year + offset
            out.targets += 1
            if node_id is None:
                out.differences.append(f"indicator of missing node {ind['kode']} {ind['nama']}")
                continue
            rows = indicators[
                (indicators["node_id"] == node_id)
                & (indicators["indikator_no"] == position)
                & (indicators["tahun"] == year)
                & (indicators["measure"] == measure)
                & (indicators["table_kind"] == "rumusan")
            ]
            got = None if rows.empty or pd.isna(rows["target"].iloc[0]) else rows["target"].iloc[0]
            label = f"{ind['kode'] or ind['nama'][:30]} #{position} {name}"
            exact = (
                _same_number(got, ind[name])
                and not rows.empty
                or (rows.empty and ind[name] is None)
            )
            if exact and not rows.empty and name == "target":
                row = rows.iloc[0]
                for column in ("indikator", "satuan"):
                    value = row[column] if isinstance(row[column], str) else None
                    if value != ind[column]:
                        exact = False
                        out.differences.append(f"{label}: {column} {value!r} != {ind[column]!r}")
            if exact:
                out.targets_exact += 1
            else:
                out.differences.append(f"{label}: target {got} != {ind[name]}")
    ours_count = len(programs)
    if ours_count != len(truth_nodes):
        out.differences.append(f"{ours_count} nodes extracted, truth has {len(truth_nodes)}")
    return out


def check_round_trip(
    plan: dict[str, Any],
    layout: Any,
    path: Path,
    made: Callable[[Path, Path], Path] | None = None,
) -> None:
    """Render ``plan`` in ``layout`` to ``path`` (then, with ``made``, the copy it makes of it
    beside), read it back, and assert that the pipeline returns the plan exactly: nodes,
    indicators, amounts, plan year and stated totals."""
    from synth.generator import render_pdf

    from renja.process import process_pdf

    render_pdf(plan, path, layout)
    if made is not None:
        path = made(path, path.with_name(f"made-{path.name}"))
    result = process_pdf(path)
    assert result.status == "ok", result.reason
    if layout.code_style == "none":  # nothing printed identifies a row: no nomor to compare
        plan = {**plan, "nodes": [{**n, "nomor": None} for n in plan["nodes"]]}
    comparison = compare(result.frames, plan)
    assert comparison.differences == [], comparison.line()
    assert result.tahun == plan["plan_year"]
    total = Decimal(plan["total_pagu"])
    in_table = [t.plan.value for t in result.stated_totals if t.source == "table"]
    assert in_table == ([total] if layout.grand_total_row else [])
    assert [t.plan.value for t in result.stated_totals if t.source == "text"] == [total]
