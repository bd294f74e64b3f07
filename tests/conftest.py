"""Shared test fixtures: paths to the sample and to the shared documents (skipped when absent)."""

import os
from pathlib import Path

import pytest

# Quiet Prefect in the tests' own process, as the command line does (its temporary server would
# otherwise log its shutdown after pytest has closed the streams).
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
# A task called on its own (tests/test_flow.py) has no flow run to send its logs to.
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "renja_serang_2022.pdf"
SAMPLE_TRUTH = ROOT / "tests" / "golden" / "renja_serang_2022.truth.json"
SHARED = ROOT.parent / "shared"
REAL = SHARED / "real"


@pytest.fixture(scope="session")
def sample_result():
    from renja.process import process_pdf

    return process_pdf(SAMPLE)


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory, sample_result) -> tuple[Path, dict]:
    """The sample's outputs: tables, summary, reports, Data Docs and data package."""
    from renja.output import write_outputs

    out = tmp_path_factory.mktemp("sample_out")
    return out, write_outputs([sample_result], out)
