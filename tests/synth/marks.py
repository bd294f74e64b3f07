"""What a published PDF carries besides its tables, for the sweeps to add: an electronic
signature's note and QR code in every page's foot (``synth.signed``), a draft's watermark
behind every page (``synth.watermark``), the signature block under the last table
(``synth.endorsed``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from synth.endorsed import closed, endorsed, sourced
from synth.signed import signed
from synth.watermark import watermarked

__all__ = ["add_options", "made_by"]

Making = Callable[[Path, Path], Path]  # (source, target) -> target


def add_options(parser: argparse.ArgumentParser) -> None:
    """``--signature-block``, ``--closing``, ``--source-note``, ``--signed``, ``--watermark``."""
    parser.add_argument(
        "--signed",
        action="store_true",
        help="an electronic signature's note and QR code stamped in every page's foot",
    )
    parser.add_argument(
        "--signature-block",
        action="store_true",
        help="the head of the agency's signature block (date, office, name, NIP) under the "
        "last table",
    )
    parser.add_argument(
        "--closing",
        action="store_true",
        help="closing words across the page and the signature block under the last table",
    )
    parser.add_argument(
        "--source-note",
        action="store_true",
        help="a note of the table's source (Sumber: ...) close under the last table",
    )
    parser.add_argument(
        "--watermark",
        action="store_true",
        help="a draft's watermark, RANCANGAN aslant in light type behind every page",
    )


def made_by(args: argparse.Namespace) -> Making | None:
    """The copy the options ask for (both marks one after the other), or None."""
    steps: list[Making] = [step for on, step in ((args.signature_block, endorsed),
                                                  (args.closing, closed),
                                                  (args.source_note, sourced),
                                                  (args.signed, signed),
                                                  (args.watermark, watermarked)) if on]  # fmt: skip
    if not steps:
        return None

    def made(source: Path, target: Path) -> Path:
        for number, step in enumerate(steps):
            last = number == len(steps) - 1
            source = step(source, target if last else target.with_name(f"{number}-{target.name}"))
        return source

    return made
