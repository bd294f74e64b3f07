"""Layout sweep: render a random plan in a random layout for each seed, run the pipeline on it,
and count the documents that come back exact (``truth.check_round_trip``, as
``tests/test_synthetic.py`` checks them).

    .venv/bin/python tests/sweep.py 701 1001

Seeds 100-699 were used while the readers were developed; 701-1000 are kept to measure them.
A layout that does not fit its page is not rendered and not counted. Each failure is printed
with its status after validation; one still ``ok`` is marked ``WRONG-OK``. ``--signed``,
``--watermark``, ``--signature-block``, ``--closing``: each PDF gets an electronic signature's
note, a draft's watermark, or the sign-off under its last table (``synth.marks``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth.generator import random_layout, render_pdf, seed_plan  # noqa: E402
from synth.marks import add_options, made_by  # noqa: E402
from truth import check_round_trip  # noqa: E402


def final_status(pdf: Path) -> str:
    """A document's status after validation, as ``renja run`` reports it: a failure whose
    status is ``ok`` (read wrong and not said) is marked ``WRONG-OK``."""
    from renja.output import write_outputs
    from renja.process import process_pdf

    with tempfile.TemporaryDirectory() as out:
        summary = write_outputs([process_pdf(pdf)], Path(out))
    return str(summary["documents"][0]["status"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", type=int)
    parser.add_argument("stop", type=int, help="one past the last seed")
    add_options(parser)
    args = parser.parse_args(argv)
    made = made_by(args)
    rendered = exact = 0
    statuses: Counter[str] = Counter()
    for seed in range(args.first, args.stop):
        layout = random_layout(seed)
        plan = seed_plan(seed, layout)
        with tempfile.TemporaryDirectory() as folder:
            try:
                render_pdf(plan, Path(folder) / "probe.pdf", layout)
            except ValueError:
                continue  # the layout does not fit the page
            rendered += 1
            try:
                check_round_trip(plan, layout, Path(folder) / "plan.pdf", made)
            except AssertionError as exc:
                ruling = "ruled" if layout.ruled else "borderless"
                read = "made-plan.pdf" if made else "plan.pdf"
                status = final_status(Path(folder) / read)
                statuses[status] += 1
                mark = " WRONG-OK" if status == "ok" else ""
                print(f"seed {seed} ({ruling}){mark} [{status}]: "
                      f"{(str(exc).splitlines() or [''])[0][:160]}")  # fmt: skip
                continue
            exact += 1
    print(f"{exact} of {rendered} rendered layouts exact ({100 * exact / max(rendered, 1):.1f}%)")
    print("failures by final status: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    return 0 if exact == rendered else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
