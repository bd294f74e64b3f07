"""``renja`` commands run in the tests' own process, through the typer app (never
``renja.cli.entry``, which ends the process): the imports of Prefect, pandas and Great
Expectations, and the workers' fork server, are paid once per test process instead of once per
command. For what needs a process of its own (a kill, a lock between two runs, the console
script's own output, exit before any server), the tests start ``renja`` itself."""

import contextlib
import os
import traceback
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

# Prefect sets up its logging on import, on the streams of that moment: the real ones, not the
# runner's, which are closed when a command returns.
import flows.pipeline  # noqa: F401
from renja.cli import app


@dataclass(frozen=True)
class Ran:
    """What a command left: as ``subprocess.CompletedProcess`` has it."""

    returncode: int
    stdout: str
    stderr: str


def renja(*args: str, cwd: Path | None = None) -> Ran:
    """``renja ARGS`` in this process. An exception the command lets out is in ``stderr`` as a
    traceback with status 1, as the console script would print it; the environment is left as
    it was (the command sets Prefect's defaults in it)."""
    saved = dict(os.environ)
    try:
        with contextlib.chdir(cwd) if cwd else contextlib.nullcontext():
            result = CliRunner().invoke(app, list(args))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Ran(result.exit_code, result.stdout, stderr)
