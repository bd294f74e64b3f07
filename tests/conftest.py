"""Shared test fixtures: paths to the sample and to the shared documents (skipped when absent)."""

from pathlib import Path

import pytest

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
