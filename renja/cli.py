"""The ``renja`` command."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(no_args_is_help=True, add_completion=False)
console = Console(stderr=True, soft_wrap=True)

# Quiet, local defaults for Prefect; any of them can be overridden from the environment.
_PREFECT_DEFAULTS = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
}


@app.callback()
def main() -> None:
    """Turn Renja PDFs into validated Parquet tables of programs, indicators and budgets."""


@app.command()
def run(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="PDF files and folders (default: data/raw).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder.")] = Path("data/clean"),
) -> None:
    """Extract every PDF and write programs/indicators/budgets Parquet and validation/summary.json.

    Exit status is 0 only when every document was processed.
    """
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from flows.pipeline import renja_run

    inputs = inputs or [Path("data/raw")]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        console.print(f"[red]not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    summary = renja_run(inputs, out)
    for doc in summary["documents"]:
        if doc["status"] == "ok":
            counts = doc.get("counts", {})
            console.print(
                f"[green]ok[/green]       {doc['source_file']}: "
                f"{counts.get('program', 0)} programs, {counts.get('kegiatan', 0)} kegiatan, "
                f"{counts.get('sub_kegiatan', 0)} sub kegiatan"
            )
        else:
            console.print(f"[red]{doc['status']:<8}[/red] {doc['source_file']}: {doc['reason']}")
    totals = summary["totals"]
    console.print(
        f"{len(summary['documents'])} documents: {totals['ok']} ok, {totals['invalid']} invalid, "
        f"{totals['rejected']} rejected -> {out}"
    )
    if totals["ok"] != len(summary["documents"]):
        raise typer.Exit(1)


@app.command()
def fields() -> None:
    """Print the field dictionary (every output column) as Markdown."""
    from transform.fields import FIELDS, KEYS

    for table, columns in FIELDS.items():
        typer.echo(f"### {table}\n\nKey: {', '.join(KEYS[table])}\n")
        typer.echo("| column | type | unit | required | description |")
        typer.echo("|---|---|---|---|---|")
        for f in columns:
            allowed = f" One of: {', '.join(f.allowed)}." if f.allowed else ""
            required = "yes" if not f.nullable else ""
            typer.echo(
                f"| {f.name} | {f.type} | {f.unit or ''} | {required} | {f.description}{allowed} |"
            )
        typer.echo("")
