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


# The work that takes longest, handed out first by pytest-xdist (`make test`), so that no long
# unit of work starts last while the other worker idles; the rest follows, largest first.
LONGEST_FIRST = (
    "tests/test_unattended.py",
    "tests/test_ocr.py",
    "tests/test_safeguards.py",
    "tests/test_cli.py",
    "tests/test_serve.py",
    "tests/test_office.py",
    "tests/test_golden.py",
    "tests/test_reading.py",
    "tests/test_validation.py",
    "tests/test_report.py",
)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``slow`` (runs through Prefect) get the session's server, before their
    module's fixtures run ``renja``; the others never start one.

    For ``--dist loadgroup``: the tests that share a module- or session-scoped fixture of
    their module form one group (one worker, the fixture made once); every other test may go
    to either worker. On a worker, the groups are ordered by ``LONGEST_FIRST``."""
    for item in items:
        if item.get_closest_marker("slow") and "prefect_api" not in item.fixturenames:
            item.fixturenames.insert(0, "prefect_api")  # type: ignore[attr-defined]
    groups = _fixture_groups(items)
    for item in items:
        if item in groups and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(groups[item]))
    if os.environ.get("PYTEST_XDIST_WORKER"):
        units: dict[str, list[pytest.Item]] = {}
        for item in items:
            mark = item.get_closest_marker("xdist_group")
            units.setdefault(str(mark.args[0]) if mark else item.nodeid, []).append(item)

        def rank(unit: list[pytest.Item]) -> tuple[int, int]:
            first = unit[0].nodeid
            heavy = [i for i, name in enumerate(LONGEST_FIRST) if first.startswith(name + "::")]
            return (heavy[0] if heavy else len(LONGEST_FIRST), -len(unit))

        items[:] = [item for unit in sorted(units.values(), key=rank) for item in unit]


def _fixture_groups(items: list[pytest.Item]) -> dict[pytest.Item, str]:
    """Each test that uses a module- or session-scoped fixture defined in its own module, and
    the name of its group: tests joined by any such fixture, directly or through another."""
    parent: dict[str, str] = {}

    def root(name: str) -> str:
        while parent.setdefault(name, name) != name:
            name = parent[name]
        return name

    shared: dict[pytest.Item, str] = {}
    for item in items:
        module = getattr(item, "module", None)
        info = getattr(item, "_fixtureinfo", None)
        if module is None or info is None:
            continue
        names = [
            f"{item.path.name}:{name}"
            for name, definitions in info.name2fixturedefs.items()
            if definitions[-1].scope in ("module", "session")
            and getattr(definitions[-1].func, "__module__", None) == module.__name__
        ]
        for name in names[1:]:
            parent[root(name)] = root(names[0])
        if names:
            shared[item] = names[0]
    return {item: root(name) for item, name in shared.items()}


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
