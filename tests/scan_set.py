"""Scan test set: scanned copies of chosen table pages of documents with a truth, read by the
pipeline and scored value by value.

Each document (the sample, every ``../shared/real`` PDF with a truth file, and synthetic plans
in some layouts of ``synth.generator``: one with no kode where levels show by weight and shading
only, two numbered ``I`` / ``I.1`` / ``I.1.1``) is read as it is first; its first ``--pages``
plan-table pages are then replaced by scanned copies (``synth.scan``: pdftoppm, turned by up to
``--skew`` degrees, blurred or not, JPEG, img2pdf), and the mixed document is read again and
validated (``write_outputs``, for the final status and the reading doubts). Only the nodes and
amounts that the born-digital reading places on the scanned pages are scored, against the truth
(``truth.match_nodes``):

- nodes exact: found at their level, with their name and parent;
- amounts exact: the printed value;
- flagged: values with a doubt (left unread, repaired, low OCR confidence, named by a reading
  doubt such as ``misread_digits``, or on a page with an unread value when the node is lost);
- wrong unflagged: neither exact nor flagged, the failure the bar forbids.

The flag's precision and recall (flagged wrong / flagged, flagged wrong / wrong) are printed for
the OCR confidence threshold in use and for others, from the values' raw text and confidence, to
calibrate ``MIN_OCR_CONFIDENCE`` (``transform.numbers``).

    nice .venv/bin/python tests/scan_set.py                      # 150 dpi, 2 pages a document
    nice .venv/bin/python tests/scan_set.py --docs style_only sipd_split5 --dpi 150 200 300 \\
        --quality 60 90 --blur 0 1

OCR reads about 0.2 pages a second: keep the set small.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import REAL, SAMPLE, SAMPLE_TRUTH  # noqa: E402
from synth.generator import LAYOUTS, Layout, random_plan, render_pdf  # noqa: E402
from synth.scan import scanned_copy  # noqa: E402
from truth import PERUBAHAN_JENIS, PLAN_JENIS, is_perubahan, load_truth, match_nodes  # noqa: E402

from renja.output import write_outputs  # noqa: E402
from renja.process import DocumentResult, process_pdf  # noqa: E402
from transform.numbers import DASH_FLAG, MIN_OCR_CONFIDENCE, parse_amount, trust_ocr  # noqa: E402

# Synthetic documents: a coded layout, a shaded coded one, one with neither kode nor number,
# whose kegiatan are told from sub kegiatan by bold type and shading only, and two numbered
# I / I.1 / I.1.1 without codes, one ruled and shaded with amounts wrapped in their cells, one
# printed without rules.
SYNTH: dict[str, tuple[Layout, int]] = {
    "sipd_split5": (LAYOUTS["sipd_split5"], 5),
    "glued_rp_3rows": (LAYOUTS["glued_rp_3rows"], 6),
    "style_only": (
        dataclasses.replace(
            LAYOUTS["nomor_wrapped_decimals"], code_style="none", wrap_amounts=False
        ),
        7,
    ),
    "nomor_wrapped_decimals": (LAYOUTS["nomor_wrapped_decimals"], 8),
    "nomor_unruled": (LAYOUTS["nomor_unruled"], 9),
}
THRESHOLDS = (0.0, 50.0, 60.0, 70.0, 80.0, MIN_OCR_CONFIDENCE, 90.0, 95.0)


@dataclass(frozen=True)
class Setting:
    """How a copy is scanned."""

    dpi: int
    quality: int
    blur: float
    skew: float  # degrees, the largest turn of a page

    @property
    def label(self) -> str:
        return f"{self.dpi}dpi q{self.quality} blur{self.blur:g} skew{self.skew:g}"

    @property
    def angles(self) -> tuple[float, ...]:
        return (self.skew, -0.6 * self.skew, 0.4 * self.skew, -self.skew)


@dataclass
class Value:
    """One amount of a scanned page: what the truth says and how it was read."""

    expected: Decimal | None
    got: Decimal | None
    flagged: bool  # a doubt other than the confidence threshold
    confidence: float | None
    reading: Decimal | None  # the value under a threshold of 0 (from the raw text)
    threshold_flag: bool  # flagged by the extraction only because of its low confidence
    lost: bool = False  # its node was not found, or the document was rejected
    where: str = ""  # the node and amount, for --show

    @property
    def exact(self) -> bool:
        return not self.lost and not self.threshold_flag and self.got == self.expected

    @property
    def wrong_unflagged(self) -> bool:
        bad = self.lost or (self.reading if self.threshold_flag else self.got) != self.expected
        return bad and not (self.flagged or self.threshold_flag)


@dataclass
class Score:
    nodes: int = 0
    nodes_exact: int = 0
    values: list[Value] = field(default_factory=list)
    # names of the nodes read on the scanned pages: (printed so, flagged by a reading doubt)
    names: list[tuple[bool, bool]] = field(default_factory=list)
    misread: list[str] = field(default_factory=list)  # the names not printed so, for --show

    def name_counts(self) -> str:
        wrong = [flagged for right, flagged in self.names if not right]
        right_flagged = sum(flagged for right, flagged in self.names if right)
        return (
            f"names {len(self.names) - len(wrong)}/{len(self.names)} as printed, misread "
            f"{len(wrong)} (unflagged {wrong.count(False)}), flagged as printed {right_flagged}"
        )

    @property
    def exact(self) -> int:
        return sum(v.exact for v in self.values)

    def flag_counts(self, threshold: float | None = None) -> tuple[int, int, int]:
        """Flagged, wrong, and flagged wrong values, under the extraction's own flags or, given
        ``threshold``, under that confidence threshold with the other flags kept."""
        flagged = wrong = both = 0
        for v in self.values:
            if threshold is None:
                flag = v.flagged or v.threshold_flag
                bad = v.lost or (v.reading if v.threshold_flag else v.got) != v.expected
            else:
                low = v.confidence is not None and v.confidence < threshold
                flag = v.flagged or low
                bad = v.lost or (v.reading if v.confidence is not None else v.got) != v.expected
            flagged += flag
            wrong += bad
            both += flag and bad
        return flagged, wrong, both


def _documents(folder: Path, names: list[str] | None) -> Iterator[tuple[str, Path, dict[str, Any]]]:
    """(name, PDF, truth) of each document of the set."""
    found: list[tuple[str, Callable[[], tuple[Path, dict[str, Any]]]]] = [
        ("sample", lambda: (SAMPLE, load_truth(SAMPLE_TRUTH)))
    ]
    for truth in sorted(REAL.glob("*.truth.json")) if REAL.is_dir() else []:
        pdf = truth.with_name(truth.name.replace(".truth.json", ".pdf"))
        if pdf.exists():
            found.append((pdf.stem, lambda pdf=pdf, truth=truth: (pdf, load_truth(truth))))
    for name, (layout, seed) in SYNTH.items():
        found.append((name, lambda name=name, layout=layout, seed=seed: _synthetic(
            folder / f"{name}.pdf", layout, seed)))  # fmt: skip
    for name, make in found:
        if names is None or name in names:
            yield (name, *make())


def _synthetic(path: Path, layout: Layout, seed: int) -> tuple[Path, dict[str, Any]]:
    coded = layout.code_style not in ("nomor", "none")
    plan = random_plan(seed, codes=coded)
    render_pdf(plan, path, layout)
    if layout.code_style == "none":  # nothing printed identifies a row: no nomor to compare
        plan = {**plan, "nodes": [{**n, "nomor": None} for n in plan["nodes"]]}
    return path, plan


def mixed_copy(source: Path, pages: list[int], setting: Setting, target: Path) -> Path:
    """``source`` with ``pages`` replaced by scanned copies of themselves."""
    parts: list[tuple[Path, int]] = []
    count = int(
        subprocess.run(
            ["qpdf", "--show-npages", str(source)], capture_output=True, text=True, check=True
        ).stdout
    )
    for number in range(1, count + 1):
        if number in pages:
            index = pages.index(number)
            scan = scanned_copy(
                source, target.with_name(f"{target.stem}-p{number}.pdf"), dpi=setting.dpi,
                first=number, last=number, seed=number, quality=setting.quality,
                blur=setting.blur, angles=setting.angles[index % 4 :] + setting.angles[: index % 4],
            )  # fmt: skip
            parts.append((scan, 1))
        else:
            parts.append((source, number))
    spec: list[str] = []
    for path, number in parts:
        spec += [str(path), str(number)]
    subprocess.run(["qpdf", "--empty", "--pages", *spec, "--", str(target)], check=True)
    return target


def _plan_pages(result: DocumentResult) -> list[int]:
    budgets = result.frames["budgets"]
    plan = budgets[budgets["table_kind"] == "rumusan"]
    return sorted({int(p) for p in plan["page"].dropna()})


def _budget_row(budgets: pd.DataFrame, node_id: str, jenis: str) -> dict[str, Any] | None:
    rows = budgets[(budgets["node_id"] == node_id) & (budgets["jenis"] == jenis)]
    return None if rows.empty else rows.iloc[0].to_dict()


def _decimal(value: Any) -> Decimal | None:
    return None if value is None or pd.isna(value) else Decimal(str(value))


def score(
    digital: DocumentResult, scanned: DocumentResult, summary: dict[str, Any],
    truth: dict[str, Any], pages: list[int],
) -> Score:  # fmt: skip
    """The nodes and amounts that the born-digital reading places on ``pages``, as read on the
    scanned copy."""
    nodes = truth["nodes"]
    rejected = scanned.status == "rejected"
    if scanned.status == "rejected":  # said plainly: every value of the scanned pages flagged
        scanned = dataclasses.replace(scanned, frames=_empty_frames(digital))
    jenis_of = PERUBAHAN_JENIS if is_perubahan(truth) else PLAN_JENIS
    ours_digital = match_nodes(digital.frames["programs"], nodes)
    ours = match_nodes(scanned.frames["programs"], nodes)
    by_id = {r["node_id"]: r for r in scanned.frames["programs"].to_dict("records")}
    doubts = summary.get("reading_doubts", [])
    # a name's doubt says nothing of the node's amounts; it flags the name
    doubted = {
        n
        for d in doubts
        if d["check"] not in ("unsure_names", "unknown_words", "mended_words")
        for n in d.get("node_ids", [])
    }
    named = {n for d in doubts for n in d.get("node_ids", [])}
    # a doubt that an amount column was not found or not understood says its amounts are not
    # in the output: an amount left out of a node that was read is flagged by it
    columns = any(d["check"] in ("missing_columns", "columns_not_understood") for d in doubts)
    doubt_pages = {d.get("page") for d in summary.get("reading_doubts", [])} | {
        u.get("page") for u in summary.get("unread", [])
    }
    out = Score()
    printed = {n["nama"] for n in nodes}
    for read in scanned.frames["programs"].to_dict("records"):
        if read["page"] in pages:
            out.names.append((read["nama"] in printed, read["node_id"] in named))
            if read["nama"] not in printed:
                near = difflib.get_close_matches(read["nama"], printed, n=1, cutoff=0.5)
                flag = "flagged" if read["node_id"] in named else "NOT flagged"
                out.misread.append(f"{read['nama']!r} ({flag}), printed {near[:1]}")
    for node, before, row in zip(nodes, ours_digital, ours, strict=True):
        if before is None or before["page"] not in pages:
            continue  # not read from a text layer either, or not on a scanned page
        out.nodes += 1
        parent = by_id.get(row["parent_id"]) if row and isinstance(row["parent_id"], str) else None
        out.nodes_exact += bool(
            row is not None
            and row["nama"] == node["nama"]
            and (not node["parent_kode"] or (parent or {}).get("kode") == node["parent_kode"])
        )  # fmt: skip
        for name, jenis in jenis_of.items():
            expected = _decimal(node.get(name))
            where = _budget_row(digital.frames["budgets"], before["node_id"], jenis)
            if where is not None and where["page"] not in pages:
                continue
            got_row = (
                None
                if row is None
                else _budget_row(scanned.frames["budgets"], row["node_id"], jenis)
            )
            value = _value(
                expected, got_row, row, doubted, doubt_pages, before["page"], rejected, columns
            )
            raw = None if got_row is None else got_row.get("amount_raw")
            where = f"page {before['page']} {node.get('kode') or node['nama'][:40]} {name}"
            out.values.append(dataclasses.replace(value, where=f"{where}: read {raw!r}"))
    return out


def _empty_frames(result: DocumentResult) -> dict[str, pd.DataFrame]:
    return {name: frame.iloc[0:0] for name, frame in result.frames.items()}


def _value(
    expected: Decimal | None, got: dict[str, Any] | None, node: dict[str, Any] | None,
    doubted: set[str], doubt_pages: set[Any], page: int, rejected: bool,
    columns_doubted: bool = False,
) -> Value:  # fmt: skip
    if got is None:
        flagged = (
            node is None
            and page in doubt_pages
            or node is not None
            and (node["node_id"] in doubted or columns_doubted)
        )
        lost = node is None or rejected  # the row is gone: not exact, whatever the truth says
        return Value(expected, None, bool(flagged) or rejected, None, None, False, lost)
    flag = got["amount_flag"] if isinstance(got["amount_flag"], str) else None
    confidence = None if pd.isna(got["ocr_confidence"]) else float(got["ocr_confidence"])
    reading = _decimal(got["amount"])
    threshold_flag = bool(flag and flag.startswith("low OCR confidence"))
    if confidence is not None:
        reading = trust_ocr(parse_amount(str(got["amount_raw"] or "")), confidence, 0.0).value
    other_flag = bool(flag and flag != DASH_FLAG and not threshold_flag)
    return Value(
        expected, _decimal(got["amount"]), other_flag or got["node_id"] in doubted, confidence,
        reading, threshold_flag,
    )  # fmt: skip


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "0/0"


def _precision_recall(flagged: int, wrong: int, both: int) -> str:
    precision = f"{both / flagged:.2f}" if flagged else "-"
    recall = f"{both / wrong:.2f}" if wrong else "-"
    return f"precision {precision} recall {recall}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", nargs="*", help="names of documents (default: all)")
    parser.add_argument("--pages", type=int, default=2, help="plan-table pages scanned a document")
    parser.add_argument("--dpi", type=int, nargs="+", default=[150])
    parser.add_argument("--quality", type=int, nargs="+", default=[75])
    parser.add_argument("--blur", type=float, nargs="+", default=[0.6], help="radius, pixels")
    parser.add_argument("--skew", type=float, default=1.0, help="degrees")
    parser.add_argument("--keep", type=Path, help="keep the copies in this folder")
    parser.add_argument(
        "--show", action="store_true", help="list the wrong values not flagged, the names misread"
    )
    parser.add_argument(
        "--misses", action="store_true", help="list every amount not read exact, flagged or not"
    )
    args = parser.parse_args(argv)
    settings = [
        Setting(dpi, quality, blur, args.skew)
        for dpi in args.dpi
        for quality in args.quality
        for blur in args.blur
    ]  # fmt: skip
    total = Score()
    with tempfile.TemporaryDirectory(prefix="renja-scanset-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name, pdf, truth in _documents(folder, args.docs):
            digital = process_pdf(pdf)
            pages = _plan_pages(digital)[: args.pages]
            print(f"{name}: pages {pages}", flush=True)
            for setting in settings:
                started = time.monotonic()
                tag = f"{name}-{setting.dpi}-{setting.quality}-{setting.blur:g}"
                copy = mixed_copy(pdf, pages, setting, folder / f"{tag}.pdf")
                scanned = process_pdf(copy)
                summary = write_outputs([scanned], folder / f"out-{tag}", data_docs=False)
                entry = summary["documents"][0]
                found = score(digital, scanned, entry, truth, pages)
                total.nodes += found.nodes
                total.nodes_exact += found.nodes_exact
                total.values += found.values
                total.names += found.names
                flagged, wrong, both = found.flag_counts()
                if scanned.status == "rejected":
                    print(f"  {setting.label} rejected: {scanned.reason}", flush=True)
                print(
                    f"  {setting.label} [{entry['status']}]: nodes exact "
                    f"{_share(found.nodes_exact, found.nodes)}, amounts exact "
                    f"{_share(found.exact, len(found.values))}, flagged {flagged}, wrong "
                    f"unflagged {wrong - both}; flag {_precision_recall(flagged, wrong, both)}; "
                    f"{found.name_counts()}; {time.monotonic() - started:.0f} s",
                    flush=True,
                )
                for value in found.values if args.show else []:
                    if value.wrong_unflagged:
                        print(f"    wrong, not flagged: {value.where}, expected {value.expected}")
                for value in found.values if args.misses else []:
                    if not value.exact:
                        state = (
                            "lost"
                            if value.lost
                            else "flagged"
                            if (value.flagged or value.threshold_flag)
                            else "NOT flagged"
                        )
                        print(f"    not exact ({state}): {value.where}, expected {value.expected}")
                for misread in found.misread if args.show else []:
                    print(f"    name read {misread}")
    flagged, wrong, both = total.flag_counts()
    print(
        f"all: nodes exact {_share(total.nodes_exact, total.nodes)}, amounts exact "
        f"{_share(total.exact, len(total.values))}, flagged {flagged}, wrong unflagged "
        f"{wrong - both}; flag {_precision_recall(flagged, wrong, both)}; {total.name_counts()}"
    )
    print("flag by OCR confidence threshold (other flags kept):")
    for threshold in THRESHOLDS:
        flagged, wrong, both = total.flag_counts(threshold)
        print(
            f"  below {threshold:g}: flagged {flagged}, wrong {wrong}, wrong unflagged "
            f"{wrong - both}; {_precision_recall(flagged, wrong, both)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
