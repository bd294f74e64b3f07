"""`renja serve` against a real Prefect server: start it, serve, trigger a run, read the outputs."""

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import SAMPLE

from renja.server import _template

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
PREFECT = BIN / "prefect"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.mark.skipif(not PREFECT.exists(), reason="prefect command not installed")
def test_serve_runs_the_deployment_on_a_prefect_server(tmp_path: Path) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / "serang.pdf")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    # The runner looks for the triggered run every second, not every 10 s (Prefect's default).
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_RUNNER_POLL_FREQUENCY": "1"}  # fmt: skip
    # A database already migrated (kept by the session's own server, tests/conftest.py): the
    # server starts without running every migration first.
    (tmp_path / "prefect").mkdir()
    with contextlib.suppress(OSError):
        shutil.copyfile(_template(), tmp_path / "prefect" / "prefect.db")
    logs = (tmp_path / "server.log").open("w"), (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=logs[0], stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    serve = None
    try:
        _wait(lambda: _up(f"{api}/health"), 120, "the Prefect server")
        serve = subprocess.Popen(
            [str(BIN / "renja"), "serve", str(raw), "--out", str(out), "--name", "ci",
             "--cron", "0 0 1 1 *"],
            env=env, stdout=logs[1], stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        _wait(lambda: _up(f"{api}/deployments/name/renja-run/ci"), 120, "the deployment")
        trigger = subprocess.run(
            [str(PREFECT), "deployment", "run", "renja-run/ci"],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert trigger.returncode == 0, trigger.stdout + trigger.stderr
        summary_path = out / "validation" / "summary.json"
        _wait(summary_path.exists, 240, "the outputs of the triggered run")
        summary = json.loads(summary_path.read_text())
        assert [(d["source_file"], d["status"]) for d in summary["documents"]] == [
            ("serang.pdf", "invalid")  # read; the sample's own sum fault makes it invalid
        ]
        assert (out / "programs.parquet").exists() and (out / "datapackage.json").exists()
        _the_run_tells_its_story(api, tmp_path / "serve.log")
        _a_strict_run_fails_and_prints_its_url(api, env, raw, tmp_path / "strict")
    finally:
        if serve is not None:
            _stop(serve)
        _stop(server)
        for log in logs:
            log.close()


def _post(url: str, body: dict) -> list:
    request = urllib.request.Request(
        url, json.dumps(body).encode(), {"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _finished_run(api: str, run_id: str | None = None) -> dict:
    """The one flow run that has ended (or the given one, once it has ended); the schedule's
    future runs wait in the Scheduled state."""
    found: list = []
    ended = {"type": {"any_": ["COMPLETED", "FAILED", "CRASHED"]}}

    def final() -> bool:
        runs = {"state": ended, **({"id": {"any_": [run_id]}} if run_id else {})}
        found[:] = _post(f"{api}/flow_runs/filter", {"flow_runs": runs})
        return len(found) == 1

    _wait(final, 120, "the flow run's final state")
    return found[0]


def _the_run_tells_its_story(api: str, serve_log: Path) -> None:
    """The UI shows a named run with its counts, one log line per document, and artifacts;
    the serve command prints one line for the run."""
    run = _finished_run(api)
    assert re.fullmatch(r"renja-\d{4}-\d\d-\d\d-1-doc", run["name"]), run["name"]
    assert run["state"]["type"] == "COMPLETED", run["state"]["message"]
    assert run["state"]["message"] == "0 ok, 1 invalid, 0 rejected"
    messages: list[str] = []

    def logged() -> bool:  # log lines reach the server in batches, after the state
        logs = _post(f"{api}/logs/filter", {"logs": {"flow_run_id": {"any_": [run["id"]]}}})
        messages[:] = [log["message"] for log in logs]
        return any(m.startswith("0 ok, 1 invalid, 0 rejected -> ") for m in messages)

    _wait(logged, 60, "the run's last log line")
    assert "processed serang.pdf: ok" in messages, messages
    artifacts = _post(
        f"{api}/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}
    )
    by_type = {a["type"]: a for a in artifacts}
    assert set(by_type) == {"table", "markdown"}
    table = by_type["table"]["data"]
    rows = json.loads(table) if isinstance(table, str) else table
    assert [(r["file"], r["status"], r["sub_kegiatan"], r["failures"]) for r in rows] == [
        ("serang.pdf", "invalid", 51, 14)
    ]
    assert rows[0]["pagu_indikatif"] == "13.319.369.434" and rows[0]["report"].endswith(".html")
    assert "index.html" in by_type["markdown"]["data"]
    _wait(lambda: f"renja run {run['name']}: 0 ok, 1 invalid, 0 rejected" in serve_log.read_text(),
          30, "the serve command's line for the run")  # fmt: skip


def _a_strict_run_fails_and_prints_its_url(api: str, env: dict, raw: Path, out: Path) -> None:
    proc = subprocess.run(
        [str(BIN / "renja"), "run", str(raw), "--out", str(out), "--strict"],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    match = re.search(r"flow run: (http://\S+/runs/flow-run/([0-9a-f-]{36}))", proc.stderr)
    assert match, proc.stderr
    run = _finished_run(api, match[2])
    assert (run["state"]["type"], run["state"]["message"]) == (
        "FAILED", "0 ok, 1 invalid, 0 rejected",
    )  # fmt: skip
