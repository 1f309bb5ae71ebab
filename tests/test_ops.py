"""Operating the server: `ea serve --workers 2` leaves no process behind when it is stopped or killed."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")

GONE_WITHIN_S = 15


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(child) for child in text.split()]
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped (a container's init may never reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_healthy(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"the server did not answer /health: {log.read_text()}")


def _wait_gone(pids: list[int], port: int) -> tuple[list[int], bool]:
    deadline = time.monotonic() + GONE_WITHIN_S
    while time.monotonic() < deadline:
        left = [pid for pid in pids if _alive(pid)]
        if not left and not _listening(port):
            return [], False
        time.sleep(0.25)
    return [pid for pid in pids if _alive(pid)], _listening(port)


@pytest.fixture
def started(tmp_path):
    db = tmp_path / "ea.db"
    subprocess.run(["ea", "--db", str(db), "init"], check=True, capture_output=True)
    port, log = _free_port(), tmp_path / "serve.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            ["ea", "--db", str(db), "serve", "--workers", "2", "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    workers: list[int] = []
    try:
        _wait_healthy(port, server, log)
        workers = _children(server.pid)
        assert len(workers) >= 2, workers  # two workers (and multiprocessing's resource tracker)
        yield server, workers, port, log
    finally:  # whatever a failed test left running
        for pid in [server.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
        server.wait(5)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_main_process_stops_every_worker(started, stop):
    server, workers, port, log = started
    server.send_signal(stop)
    left, listening = _wait_gone(workers, port)
    assert server.wait(5) == 0
    assert left == [] and not listening, log.read_text()


def test_workers_of_a_killed_main_process_stop_on_their_own(started):
    server, workers, port, log = started
    server.send_signal(signal.SIGKILL)  # no handler runs: the workers must notice themselves
    server.wait(5)
    left, listening = _wait_gone(workers, port)
    assert left == [] and not listening, log.read_text()


def test_a_new_sqlite_database_and_its_wal_and_shm_files_are_private(tmp_path):
    from typer.testing import CliRunner

    from cli import app
    from ea_repo import service

    previous = os.umask(0o022)  # the usual umask, under which SQLite would create 0644 files
    try:
        db = tmp_path / "ea.db"
        assert CliRunner().invoke(app, ["--db", str(db), "init"]).exit_code == 0
        repo = service.open_repository(str(db))
        with repo.engine.connect() as reader:
            reader.exec_driver_sql("SELECT count(*) FROM element").all()  # holds the -wal and -shm open
            service.create_token(repo, role="viewer", name="a write", principal=service.local_principal())
            modes = {path.name: path.stat().st_mode & 0o777 for path in tmp_path.iterdir()}
        repo.engine.dispose()
    finally:
        os.umask(previous)
    assert modes == {"ea.db": 0o600, "ea.db-wal": 0o600, "ea.db-shm": 0o600}
