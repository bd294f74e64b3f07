"""Compare pipeline output with a ground-truth file (format: ../shared/corpus/README.md)."""

from __future__ import annotations

import json
from collections import defaultdict
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
    ours: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in programs.to_dict("records"):
        nomor = row["nomor"] if isinstance(row["nomor"], str) else None
        kode = row["kode"] if isinstance(row["kode"], str) else None
        ours[_key(row["level"], kode, nomor, row["nama"])].append(row)
    by_id = {r["node_id"]: r for r in programs.to_dict("records")}
    truth_nodes = truth["nodes"]
    node_ids: dict[tuple[str, str], str] = {}
    for node in truth_nodes:
        out.nodes += 1
        key = _key(node["level"], node["kode"], node.get("nomor"), node["nama"])
        candidates = ours.get(key)
        if not candidates:
            out.differences.append(f"missing node {key}")
            out.amounts += 2
            continue
        row = candidates.pop(0)
        node_ids[(node["kode"] or "", node["nama"])] = row["node_id"]
        ok = row["nama"] == node["nama"]
        if not ok:
            out.differences.append(f"{key}: nama {row['nama']!r} != {node['nama']!r}")
        parent = by_id.get(row["parent_id"]) if isinstance(row["parent_id"], str) else None
        if node["parent_kode"] and (parent is None or parent["kode"] != node["parent_kode"]):
            ok = False
            out.differences.append(f"{key}: parent {parent and parent['kode']} wrong")
        out.nodes_found += ok
        for jenis, name in (("pagu_indikatif", "pagu"), ("prakiraan_maju", "pagu_next")):
            out.amounts += 1
            got = _amount(budgets, row["node_id"], jenis)
            if _same_number(got, node[name]):
                out.amounts_exact += 1
            else:
                out.differences.append(f"{key}: {name} {got} != {node[name]}")
    seen: dict[str, int] = defaultdict(int)
    for ind in truth["indicators"]:
        node_id = node_ids.get((ind["kode"] or "", ind["nama"]))
        position = seen[node_id or ""] = seen[node_id or ""] + 1
        for year, name in ((plan_year, "target"), (plan_year + 1, "target_next")):
            out.targets += 1
            if node_id is None:
                out.differences.append(f"indicator of missing node {ind['kode']} {ind['nama']}")
                continue
            rows = indicators[
                (indicators["node_id"] == node_id)
                & (indicators["indikator_no"] == position)
                & (indicators["tahun"] == year)
            ]
            got = None if rows.empty or pd.isna(rows["target"].iloc[0]) else rows["target"].iloc[0]
            label = f"{ind['kode'] or ind['nama'][:30]} #{position} {year}"
            exact = (
                _same_number(got, ind[name])
                and not rows.empty
                or (rows.empty and ind[name] is None)
            )
            if exact and not rows.empty and year == plan_year:
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


def check_round_trip(plan: dict[str, Any], layout: Any, path: Path) -> None:
    """Render ``plan`` in ``layout`` to ``path``, read it back, and assert that the pipeline
    returns the plan exactly: nodes, indicators, amounts, plan year and stated totals."""
    from synth.generator import render_pdf

    from renja.process import process_pdf

    render_pdf(plan, path, layout)
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
