"""Shared test fixtures: paths to the sample and to the shared documents (skipped when absent),
and one Prefect server for the whole test session (each pytest-xdist worker is a session)."""

import os
import sys
from pathlib import Path

import pytest

# Quiet Prefect in the tests' own process, as the command line does (its temporary server would
# otherwise log its shutdown after pytest has closed the streams).
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")
# A task called on its own (tests/test_flow.py) has no flow run to send its logs to.
os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
# Scanned pages read two at a time, as `renja run` reads a document alone on two cores: the
# OCR tests then take the other core whenever the other test worker leaves it free.
os.environ.setdefault("RENJA_OCR_THREADS", "2")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "renja_serang_2022.pdf"
SAMPLE_TRUTH = ROOT / "tests" / "golden" / "renja_serang_2022.truth.json"
SHARED = ROOT.parent / "shared"
REAL = SHARED / "real"


@pytest.fixture(scope="session")
def prefect_api() -> str:
    """The Prefect API the session's ``renja`` subprocesses use: ``PREFECT_API_URL`` when set,
    otherwise one temporary server started here for the session (``renja.server``), instead
    of one per ``renja run``. It stops when the session ends."""
    api_url = os.environ.get("PREFECT_API_URL")
    if not api_url:
        from renja.server import start_temporary_server

        api_url = start_temporary_server()
        os.environ["PREFECT_API_URL"] = api_url
        if "prefect.context" in sys.modules:  # imported by a test module: read settings again
            sys.modules["prefect.context"].refresh_global_settings_context()
    return api_url


# The test files that take longest (runs of `renja`, OCR, real documents), handed out first by
# pytest-xdist (`make test`: --dist loadfile --no-loadscope-reorder), so that none of them starts
# last while the other worker idles; the other files follow, those with the most tests first.
LONGEST_FIRST = (
    "test_golden.py",  # every real document: the others find them read (results.py)
    "test_unattended.py",
    "test_safeguards.py",
    "test_ocr.py",
    "test_cli.py",
    "test_serve.py",
    "test_office.py",
    "test_synthetic.py",
    "test_validation.py",
    "test_reading.py",
    "test_report.py",
    "test_review.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (runs through Prefect) get the session's server, before their
    module's fixtures run ``renja``; the others never start one. On a pytest-xdist worker, the
    files are put in the order they are to be handed out (``LONGEST_FIRST``)."""
    for item in items:
        if item.get_closest_marker("slow") and "prefect_api" not in item.fixturenames:
            item.fixturenames.insert(0, "prefect_api")  # type: ignore[attr-defined]
    if os.environ.get("PYTEST_XDIST_WORKER"):
        files: dict[str, list[pytest.Item]] = {}
        for item in items:
            files.setdefault(item.path.name, []).append(item)

        def rank(name: str) -> tuple[int, int]:
            order = LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)
            return (order, -len(files[name]))

        items[:] = [item for name in sorted(files, key=rank) for item in files[name]]


@pytest.fixture(scope="session", autouse=True)
def _shared_results(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Documents read once per run (``results.processed``), in a folder of the run's temporary
    folder that every pytest-xdist worker sees: the parent of the workers' own."""
    import results

    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "results"
    folder.mkdir(exist_ok=True)
    results.FOLDER = folder


@pytest.fixture(scope="session")
def sample_result():
    from results import processed

    return processed(SAMPLE)


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory, sample_result) -> tuple[Path, dict]:
    """The sample's outputs: tables, summary, reports, Data Docs and data package."""
    from renja.output import write_outputs

    out = tmp_path_factory.mktemp("sample_out")
    return out, write_outputs([sample_result], out)
