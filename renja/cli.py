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
    nomenclature: Annotated[
        Path | None,
        typer.Option(
            "--nomenclature",
            help="Code list CSV (level,kode,nama or a SIPD export) to check every kode against.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit with status 1 unless every document is ok (to gate publication).",
        ),
    ] = False,
) -> None:
    """Extract every PDF, write programs/indicators/budgets Parquet, and validate them.

    Writes validation/summary.json, the audit reports and Data Docs, and datapackage.json.
    Exit status is 0 when the outputs were written (documents that are invalid or rejected are
    listed in the summary); with --strict, 1 unless every document is ok.
    """
    for key, value in _PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from flows.pipeline import renja_run

    inputs = inputs or [Path("data/raw")]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        console.print(f"[red]not found:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    summary = renja_run(inputs, out, nomenclature)
    _report(summary, out, strict)


@app.command()
def validate(
    out: Annotated[
        Path,
        typer.Argument(help="Output folder of a run (holding programs.parquet and validation/)."),
    ] = Path("data/clean"),
    nomenclature: Annotated[
        Path | None,
        typer.Option(
            "--nomenclature",
            help="Code list CSV (level,kode,nama or a SIPD export) to check every kode against.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Exit with status 1 unless every document is ok (to gate publication).",
        ),
    ] = False,
) -> None:
    """Validate a run's output folder again (e.g. with a code list) and rewrite its reports.

    Exit status is 0 when the reports were written; with --strict, 1 unless every document is ok.
    """
    from expectations.codelist import CodeListError
    from renja.files import SUMMARY_PATH
    from renja.validate import validate_dir

    missing = [
        str(out / name)
        for name in ("programs.parquet", "indicators.parquet", "budgets.parquet", SUMMARY_PATH)
        if not (out / name).exists()
    ]
    if missing:
        console.print(f"[red]not an output folder, missing:[/red] {', '.join(missing)}")
        raise typer.Exit(2)
    try:
        summary = validate_dir(out, code_list=nomenclature)
    except CodeListError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    _report(summary, out, strict)


def _report(summary: dict, out: Path, strict: bool) -> None:
    for doc in summary["documents"]:
        if doc.get("duplicate_of"):
            console.print(
                f"{doc['status']:<8} {doc['source_file']}: same content as {doc['duplicate_of']}"
            )
        elif doc["status"] == "ok":
            counts = doc.get("counts", {})
            console.print(
                f"[green]ok[/green]       {doc['source_file']}: "
                f"{counts.get('program', 0)} programs, {counts.get('kegiatan', 0)} kegiatan, "
                f"{counts.get('sub_kegiatan', 0)} sub kegiatan"
            )
        elif doc["status"] == "invalid":
            failed = [
                c["check"] for c in doc["checks"] if not c["success"] and c["severity"] == "error"
            ]
            console.print(f"[red]invalid[/red]  {doc['source_file']}: failed {', '.join(failed)}")
        else:
            console.print(f"[red]{doc['status']:<8}[/red] {doc['source_file']}: {doc['reason']}")
    totals = summary["totals"]
    console.print(
        f"{len(summary['documents'])} documents: {totals['ok']} ok, {totals['invalid']} invalid, "
        f"{totals['rejected']} rejected -> {out}"
    )
    console.print(f"reports: {out / 'validation' / 'reports' / 'index.html'}")
    if strict and totals["ok"] != len(summary["documents"]):
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


@app.command()
def checks() -> None:
    """Print the validation checks (name, group, severity, what each asserts) as Markdown."""
    from expectations.suites import CHECKS

    typer.echo("| check | group | severity | asserts |")
    typer.echo("|---|---|---|---|")
    for check in CHECKS:
        typer.echo(f"| {check.name} | {check.group} | {check.severity} | {check.description} |")
