"""Office sweep: write a random plan in a random layout as a Word or Excel file for each seed,
print it to PDF with LibreOffice (or as a web page printed by headless Chromium, ``html``), run
the pipeline on it, and count the documents that come
back exact: every node with its level, parent and name, every amount of every jenis, every
indicator target, the plan year, and status ``ok``.

    .venv/bin/python tests/sweep_office.py docx 1 101
    .venv/bin/python tests/sweep_office.py xlsx 1 101 --keep /tmp/office
    .venv/bin/python tests/sweep_office.py html 1 41
    .venv/bin/python tests/sweep_office.py docx 1 41 --borders vertical

Seeds 1-1000 are for development; 1001-2000 are held out to measure the reader, and their
failures are not looked at while the reader is being fixed. Each failure is printed with the
layout's features and the first differences; a failure whose status is ``ok`` (read wrong and
not said) is marked ``WRONG-OK``; the status is the one validation gives (``ok``,
``invalid``, ``suspect``), as ``renja run`` reports it. A layout that does not fit its page is
not rendered. ``--borders`` prints every seed's table with the given rules, its other choices
kept (``vertical``: rules between the columns only; ``columns``: so in the body, under a header
ruled as a grid; ``groups``: so, with a rule over each program's rows; the random layouts draw
none of these, so that a seed names the layout it always named). ``--plain-kegiatan``: where
levels show by style only, kegiatan rows are shaded but not bold. ``--signed``,
``--watermark``, ``--signature-block``, ``--closing``: each PDF gets an electronic signature's
note, a draft's watermark, or the sign-off under its last table (``synth.marks``);
``--valign``, the body cells set at the middle or foot of their rows; ``--wrap-off``, a
sheet's text cells printed with wrap off; ``--rp-dash``, amounts typed ``Rp. 1.500.000,-``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth.marks import add_options, made_by  # noqa: E402
from synth.office import OfficeLayout, convert, office_layout, office_plan, write_source  # noqa: E402
from truth import compare  # noqa: E402

from renja.process import DocumentResult, process_pdf  # noqa: E402


def final_statuses(results: list[DocumentResult], out_dir: Path) -> dict[str, str]:
    """Each document's status after validation (``ok``, ``invalid``, ``suspect``), as ``renja
    run`` gives it; extraction alone says only ``ok`` or ``rejected``."""
    from renja.output import write_outputs

    summary = write_outputs(results, out_dir)
    return {d["doc_id"]: d["status"] for d in summary["documents"] if not d.get("duplicate_of")}


def differences(
    result: DocumentResult, plan: dict, layout: OfficeLayout, status: str | None = None
) -> list[str]:
    """Every way ``result`` differs from ``plan``; empty when it is exact. ``status`` is the
    document's status after validation (the extraction's when not given)."""
    if result.status == "rejected":
        return [f"rejected: {result.reason}"]
    out: list[str] = []
    if result.tahun != plan["plan_year"]:
        out.append(f"plan year {result.tahun} != {plan['plan_year']}")
    # A Renja Perubahan's plan carries pagu_before and target_before: ``compare`` scores them
    # as pagu_sebelum / target_sebelum and the plan's own as pagu_sesudah / target_sesudah.
    out += compare(result.frames, plan).differences
    status = status or result.status
    if not out and status != "ok":
        out.append(f"status {status}: {result.reason}")
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
    parser.add_argument("maker", choices=["docx", "xlsx", "html"])
    parser.add_argument("first", type=int)
    parser.add_argument("stop", type=int, help="one past the last seed")
    parser.add_argument("--keep", type=Path, help="keep the sources and PDFs in this folder")
    parser.add_argument("--batch", type=int, default=20, help="files per LibreOffice run")
    parser.add_argument(
        "--plain-kegiatan",
        action="store_true",
        help="levels shown by style: kegiatan shaded only, not bold",
    )
    parser.add_argument(
        "--borders",
        choices=["grid", "horizontal", "vertical", "columns", "groups", "none"],
        help="print every seed's table with these rules (the seed's other choices kept)",
    )
    add_options(parser)
    parser.add_argument(
        "--valign",
        choices=["top", "middle", "bottom"],
        help="set every seed's body cells at this height in their rows",
    )
    parser.add_argument(
        "--stacked-indicators",
        action="store_true",
        help="a node's indicators one per line in one cell, their targets so beside them",
    )
    parser.add_argument(
        "--accounting",
        action="store_true",
        help="(xlsx) amounts stored as numbers in Excel's accounting format: Rp at the left",
    )
    parser.add_argument(
        "--rp-dash",
        action="store_true",
        help="amounts typed as many agencies type them: Rp. 2.730.000.000,-",
    )
    parser.add_argument(
        "--wrap-off",
        action="store_true",
        help="(xlsx) the body's text cells printed with wrap off: long texts run on over an "
        "empty neighbour or are cut at the cell's edge",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    rendered = exact = 0
    outcomes: Counter[str] = Counter()
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
                if args.borders:
                    layout = replace(layout, borders=args.borders)
                if args.plain_kegiatan:
                    layout = replace(layout, bold_kegiatan=False)
                if args.stacked_indicators:
                    layout = replace(layout, stacked_indicators=True)
                if args.valign:
                    layout = replace(layout, valign=args.valign)
                if args.accounting:
                    layout = replace(layout, amounts="accounting")
                if args.rp_dash:
                    layout = replace(layout, amounts="rp_dash")
                if args.wrap_off:
                    layout = replace(layout, wrap=False)
                plan = office_plan(seed, layout)
                try:
                    source = write_source(plan, folder / f"{args.maker}_{seed}", layout)
                except ValueError:
                    continue  # the layout does not fit the page
                jobs.append((seed, layout, plan, source))
            pdfs = convert([source for *_, source in jobs], folder)
            made = made_by(args)
            if made is not None:
                pdfs = [made(pdf, pdf.with_name(f"made-{pdf.name}")) for pdf in pdfs]
            results = [process_pdf(pdf) for pdf in pdfs]
            statuses = final_statuses(results, Path(tmp) / f"out{at}")
            for (seed, layout, plan, _), result in zip(jobs, results, strict=True):
                rendered += 1
                status = statuses.get(result.doc_id, result.status)
                found = differences(result, plan, layout, status)
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
                outcomes[status] += 1
                mark = " WRONG-OK" if status == "ok" else ""
                print(
                    f"seed {seed} not exact{mark} [{status}] ({described}): {kind}; "
                    f"{len(found)} differences; {'; '.join(found[:2])[:240]}",
                    flush=True,
                )
    share = 100 * exact / max(rendered, 1)
    print(f"{args.maker} seeds {args.first}-{args.stop - 1}: {exact} of {rendered} exact "
          f"({share:.1f}%); {outcomes['ok']} read wrong with status ok; "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    print("failures by final status: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print("failures by class:")
    for name, count in classes.most_common():
        print(f"  {name}: {count}")
    print("failures by layout feature (failed / rendered):")
    for name, count in sorted(features.items()):
        print(f"  {name}: {failed_features[name]} / {count}")
    return 0 if exact == rendered else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
