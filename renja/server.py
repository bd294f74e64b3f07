"""A temporary local Prefect server for one run, when ``PREFECT_API_URL`` is not set.

Why not Prefect's own temporary server: it waits 20 s for its database by default, which a
loaded machine does not meet, and every run without a server shares one SQLite file in
``~/.prefect``. This one

- keeps its database in a ``PREFECT_HOME`` of its own (a temporary folder per run), so that
  concurrent runs never contend for one SQLite file, and removes it when it stops;
- binds its port itself (port 0), so that runs started together never race for a port;
- starts from a copy of a database already migrated by an earlier run, Prefect's block types
  registered in it (kept per Prefect version in ``~/.cache/renja``), and then neither migrates
  nor registers again, which more than halves its start-up on a loaded machine;
- gives its address as soon as its port is bound (:func:`launch_temporary_server`), so that the
  run loads its own modules while the server loads Prefect's;
- is ended at once (SIGKILL) when the run exits: its database is the run's alone, and a
  graceful shutdown takes seconds;
- is waited for up to ``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`` (default 600 s here);
- watches the run that started it and stops as soon as that run is gone, even killed with
  SIGKILL (it polls its parent process id, and asks the kernel for SIGTERM on the parent's
  death where it can).

Run by hand as ``python -m renja.server PARENT_PID`` (prints its port, then serves).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

__all__ = [
    "NoServer",
    "TemporaryServer",
    "check_server",
    "launch_temporary_server",
    "start_temporary_server",
]

STARTUP_S = 600.0  # a fresh database on a machine whose cores are all busy
_WATCH_S = 0.2  # how often the server looks whether its run is still there
_PR_SET_PDEATHSIG = 1
# How long a server whose run is gone may take to shut down before it is ended at once.
_SHUTDOWN_S = 10.0


class NoServer(Exception):
    """No Prefect server could be had: the message says why, in one line."""


def _healthy(api_url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (OSError, ValueError):
        return False


def check_server(api_url: str, wait_s: float = 30.0) -> None:
    """Raise :class:`NoServer` unless the Prefect API at ``api_url`` answers within ``wait_s``."""
    deadline = time.monotonic() + wait_s
    while not _healthy(api_url):
        if time.monotonic() > deadline:
            raise NoServer(f"no Prefect server answers at PREFECT_API_URL={api_url}")
        time.sleep(1)


def start_temporary_server(startup_s: float | None = None) -> str:
    """Start a temporary server for this process, wait until it answers, and return its API
    URL. It is stopped (and its folder removed) when this process exits, however it exits."""
    server = launch_temporary_server()
    server.wait(startup_s)
    return server.api_url


class TemporaryServer:
    """A temporary server that is starting: its API URL is known as soon as its port is bound,
    so that the run can load its own modules while the server loads Prefect's."""

    def __init__(self, process: subprocess.Popen, home: Path, port: int, template: Path):
        self.process, self.home, self.template = process, home, template
        self.api_url = f"http://127.0.0.1:{port}/api"

    def wait(self, startup_s: float | None = None) -> None:
        """Return once the server answers; raise :class:`NoServer` (and stop it) if it exits
        or does not answer within ``startup_s`` (``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_
        SECONDS``, else 600 s)."""
        if startup_s is None:
            variable = "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
            startup_s = float(os.environ.get(variable, 0)) or STARTUP_S
        deadline = time.monotonic() + startup_s
        while not _healthy(self.api_url):
            if self.process.poll() is not None:
                log = _tail(self.home / "server.log")
                _stop(self.process, self.home)
                raise NoServer(
                    f"the temporary Prefect server exited ({self.process.returncode}): {log}"
                )
            if time.monotonic() > deadline:
                _stop(self.process, self.home)
                raise NoServer(
                    f"the temporary Prefect server did not answer within {startup_s:g} s "
                    "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS)"
                )
            time.sleep(0.1)
        if not self.template.exists():
            _keep_template(self.home / _DB, self.template)


def launch_temporary_server() -> TemporaryServer:
    """Start a temporary server for this process and return it once its port is bound (see
    :meth:`TemporaryServer.wait`). It is stopped, and its folder removed, when this process
    exits, however it exits."""
    home = Path(tempfile.mkdtemp(prefix="renja-prefect-"))
    template = _template()
    env = {**os.environ, "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    env.pop("PREFECT_API_DATABASE_CONNECTION_URL", None)
    with contextlib.suppress(OSError):
        shutil.copyfile(template, home / _DB)
        # A copy of a database that an earlier server migrated and registered Prefect's block
        # types in (it is kept only once that server answered): neither is done again (0.8 s
        # of a start-up of about 5 s, most of the rest Prefect's imports).
        env["PREFECT_API_DATABASE_MIGRATE_ON_START"] = "false"
        env["PREFECT_API_BLOCKS_REGISTER_ON_START"] = "false"
    try:
        server = subprocess.Popen(
            [sys.executable, "-m", "renja.server", str(os.getpid())],
            env=env, stdout=subprocess.PIPE, stderr=(home / "server.log").open("wb"),
            start_new_session=True,
        )  # fmt: skip
    except OSError as exc:
        shutil.rmtree(home, ignore_errors=True)
        raise NoServer(f"could not start a temporary Prefect server: {exc}") from exc
    atexit.register(_stop, server, home)
    assert server.stdout is not None
    line = server.stdout.readline().decode().strip()  # the port, once it is bound
    if not line.isdigit():
        _stop(server, home)
        raise NoServer("the temporary Prefect server did not start (no port)")
    return TemporaryServer(server, home, int(line), template)


_DB = "prefect.db"


def _template() -> Path:
    """Where a migrated, empty database of this Prefect version is kept for the next runs."""
    from importlib.metadata import version

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "renja"
    return cache / f"prefect-{version('prefect')}.db"


def _keep_template(database: Path, template: Path) -> None:
    """Copy the freshly migrated database (SQLite's online backup: consistent while the server
    runs) to ``template``, atomically."""
    try:
        template.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{template.name}.", dir=template.parent)
        os.close(fd)
        try:
            source = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
            with contextlib.closing(source), contextlib.closing(sqlite3.connect(tmp)) as copy:
                source.backup(copy)
            os.replace(tmp, template)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        pass  # the next run migrates a database of its own again


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return "no log"
    return lines[-1][:200] if lines else "no log"


def _stop(server: subprocess.Popen, home: Path) -> None:
    """End the server at once and remove its folder. Its database is this run's alone and goes
    with the folder, so nothing in it needs a graceful shutdown, which takes seconds (the run
    has sent Prefect its last logs and events before: see ``renja.cli``)."""
    if server.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    shutil.rmtree(home, ignore_errors=True)


def _watch(parent: int) -> None:
    """Stop the server, removing its folder, once the run that started it is gone: by a
    graceful shutdown (as the signal Linux sends on the parent's death starts), else at once."""
    while os.getppid() == parent:
        time.sleep(_WATCH_S)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(_SHUTDOWN_S)  # a process that shut down in time never gets here
    shutil.rmtree(os.environ["PREFECT_HOME"], ignore_errors=True)
    os._exit(0)


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the parent dies (the watcher covers other systems)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(0)


def main(argv: list[str]) -> int:
    """The server process: bind a port, print it, then serve the Prefect API."""
    parent = int(argv[0])
    # Registered first, so run last: the database's and Prefect's own handlers at exit may
    # still write into the folder.
    atexit.register(shutil.rmtree, os.environ["PREFECT_HOME"], ignore_errors=True)
    _die_with_parent()
    if os.getppid() != parent:  # the run died before the request above took effect
        return 0
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    print(sock.getsockname()[1], flush=True)
    os.environ |= {"PREFECT_UI_ENABLED": "0", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    import uvicorn
    from prefect.server.api.server import create_app

    app = create_app(ephemeral=True, final=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on"))
    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again under the handler
    # found before it: make that an exit that runs the clean-up below, not a silent death.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        server.run(sockets=[sock])
    finally:  # also when its shutdown fails (uvicorn then exits with status 3)
        shutil.rmtree(os.environ["PREFECT_HOME"], ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
