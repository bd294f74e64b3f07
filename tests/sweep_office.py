"""Office sweep: write a random plan in a random layout as a Word or Excel file for each seed,
print it to PDF with LibreOffice, run the pipeline on it, and count the documents that come
back exact: every node with its level, parent and name, every amount of every jenis, every
indicator target, the plan year, and status ``ok``.

    .venv/bin/python tests/sweep_office.py docx 1 101
    .venv/bin/python tests/sweep_office.py xlsx 1 101 --keep /tmp/office

Seeds 1-1000 are for development; 1001-2000 are held out to measure the reader, and their
failures are not looked at while the reader is being fixed. Each failure is printed with the
layout's features and the first differences; a failure whose status is ``ok`` (read wrong and
not said) is marked ``WRONG-OK``. A layout that does not fit its page is not rendered.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth.office import OfficeLayout, convert, office_layout, office_plan, write_source  # noqa: E402
from truth import compare  # noqa: E402

from renja.process import DocumentResult, process_pdf  # noqa: E402


def _as_plan_and_next(frames: dict[str, pd.DataFrame], plan_year: int) -> dict[str, Any]:
    """A Renja Perubahan's frames seen through the two slots ``compare`` scores: SESUDAH in the
    plan year's place (``pagu``, ``target``), SEBELUM in the second (``pagu_next``,
    ``target_next``). Any other reading of those columns (pagu_indikatif, prakiraan_maju, a
    plain target) is dropped, so that it cannot pass for them."""
    budgets = frames["budgets"].copy()
    budgets = budgets[budgets["jenis"].isin(["pagu_sesudah", "pagu_sebelum"])].copy()
    budgets["jenis"] = budgets["jenis"].map(
        {"pagu_sesudah": "pagu_indikatif", "pagu_sebelum": "prakiraan_maju"}
    )
    indicators = frames["indicators"].copy()
    keep = indicators["measure"].isin(["target_sesudah", "target_sebelum"])
    keep &= indicators["tahun"] == plan_year
    indicators = indicators[keep].copy()
    indicators.loc[indicators["measure"] == "target_sebelum", "tahun"] = plan_year + 1
    return {**frames, "budgets": budgets, "indicators": indicators}


def differences(result: DocumentResult, plan: dict, layout: OfficeLayout) -> list[str]:
    """Every way ``result`` differs from ``plan``; empty when it is exact."""
    if result.status == "rejected":
        return [f"rejected: {result.reason}"]
    out: list[str] = []
    if result.tahun != plan["plan_year"]:
        out.append(f"plan year {result.tahun} != {plan['plan_year']}")
    truth = plan
    frames = result.frames
    if layout.perubahan:
        truth = {**plan, "nodes": [{**n, "pagu_next": n["pagu_before"]} for n in plan["nodes"]]}
        truth["indicators"] = [{**i, "target_next": i["target_before"]} for i in plan["indicators"]]
        frames = _as_plan_and_next(frames, plan["plan_year"])
    found = compare(frames, truth).differences
    if layout.perubahan:  # name the two slots by what they hold
        found = [line.replace(": pagu_next ", ": pagu_sebelum ") for line in found]
        found = [line.replace(": pagu ", ": pagu_sesudah ") for line in found]
    out += found
    if not out and result.status != "ok":
        out.append(f"status {result.status}: {result.reason}")
    return out


def failure_class(found: list[str]) -> str:
    """The broad kind of a failure, for the totals: what went wrong first in reading order of
    severity (the document refused, rows lost, names, amounts, targets, year, status)."""
    if found[0].startswith("rejected"):
        return found[0][:60]
    kinds = [
        ("nodes missing or at the wrong level", "missing node"),
        ("parent wrong", "wrong"),
        ("names differ", ": nama "),
        ("amounts missing", " None != "),
        ("amounts differ", ": pagu"),
        ("indicator text or unit differs", ": indikator "),
        ("indicator text or unit differs", ": satuan "),
        ("targets differ", ": target "),
        ("plan year", "plan year"),
        ("node count", "nodes extracted"),
    ]
    for name, marker in kinds:
        if any(marker in line for line in found):
            return name
    return found[0].split(":")[0]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maker", choices=["docx", "xlsx"])
    parser.add_argument("first", type=int)
    parser.add_argument("stop", type=int, help="one past the last seed")
    parser.add_argument("--keep", type=Path, help="keep the sources and PDFs in this folder")
    parser.add_argument("--batch", type=int, default=20, help="files per LibreOffice run")
    args = parser.parse_args(argv)
    started = time.monotonic()
    rendered = exact = wrong_ok = 0
    features: Counter[str] = Counter()
    failed_features: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="renja-office-") as tmp:
        folder = args.keep or Path(tmp)
        seeds = list(range(args.first, args.stop))
        for at in range(0, len(seeds), args.batch):
            jobs: list[tuple[int, OfficeLayout, dict, Path]] = []
            for seed in seeds[at : at + args.batch]:
                layout = office_layout(seed, args.maker)
                plan = office_plan(seed, layout)
                try:
                    source = write_source(plan, folder / f"{args.maker}_{seed}", layout)
                except ValueError:
                    continue  # the layout does not fit the page
                jobs.append((seed, layout, plan, source))
            pdfs = convert([source for *_, source in jobs], folder)
            for (seed, layout, plan, _), pdf in zip(jobs, pdfs, strict=True):
                rendered += 1
                result = process_pdf(pdf)
                found = differences(result, plan, layout)
                names = layout.features()[1:-1]
                features.update(names)
                described = ", ".join(layout.features()[1:])
                if not found:
                    exact += 1
                    print(f"seed {seed} exact ({described})", flush=True)
                    continue
                failed_features.update(names)
                kind = failure_class(found)
                classes[kind] += 1
                mark = " WRONG-OK" if result.status == "ok" else ""
                print(
                    f"seed {seed} not exact{mark} [{result.status}] ({described}): {kind}; "
                    f"{len(found)} differences; {'; '.join(found[:2])[:240]}",
                    flush=True,
                )
                wrong_ok += result.status == "ok"
    share = 100 * exact / max(rendered, 1)
    print(f"{args.maker} seeds {args.first}-{args.stop - 1}: {exact} of {rendered} exact "
          f"({share:.1f}%); {wrong_ok} read wrong with status ok; "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    print("failures by class:")
    for name, count in classes.most_common():
        print(f"  {name}: {count}")
    print("failures by layout feature (failed / rendered):")
    for name, count in sorted(features.items()):
        print(f"  {name}: {failed_features[name]} / {count}")
    return 0 if exact == rendered else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
