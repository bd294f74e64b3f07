"""`renja serve` against a real Prefect server: start it, serve, trigger a run, read the outputs."""

import json
import os
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
        time.sleep(1)
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
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}  # fmt: skip
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
    finally:
        if serve is not None:
            _stop(serve)
        _stop(server)
        for log in logs:
            log.close()
