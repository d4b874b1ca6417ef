"""The README's first command, `./run`, as a person runs it: backend on SQLite seeded with the
demo data and the web client, both answering; Ctrl+C (SIGINT to the group) stops both.
It reuses this test run's virtual environment (DIENNHA_VENV) instead of installing again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from server.seed.demo import DEMO_PASSWORD
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def _wait(url: str, proc: subprocess.Popen, log: Path, seconds: float = 120) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
        try:
            r = httpx.get(url, timeout=2)
            if r.status_code == 200:
                return r
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} not up: {log.read_text()[-3000:]}"
        time.sleep(0.3)


def test_run_starts_the_seeded_backend_and_the_web_client(tmp_path):
    venv = Path(sys.prefix)
    if not (venv / "bin" / "python").exists() or not list(venv.glob(".lock-*")):
        pytest.skip("not running from a ./test-made virtual environment (no .lock-* stamp)")
    api_port, web_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DIENNHA_", "FLET_"))}
    env |= {
        "DIENNHA_VENV": str(venv),
        "DIENNHA_DATA_DIR": str(tmp_path / "data"),
        "DIENNHA_API_PORT": str(api_port),
        "DIENNHA_WEB_PORT": str(web_port),
    }
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["bash", "run"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        api = f"http://127.0.0.1:{api_port}/api/v1"
        _wait(f"{api}/ready", proc, log)
        page = _wait(f"http://127.0.0.1:{web_port}/", proc, log)
        assert "Điện Nhà" in page.text
        login = httpx.post(
            f"{api}/auth/login", json={"phone": "0901234567", "password": DEMO_PASSWORD}
        )
        assert login.status_code == 200, login.text
        assert (tmp_path / "data" / "diennha.sqlite3").exists()
        assert f"http://127.0.0.1:{web_port}" in log.read_text()  # the address is printed
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl+C in the terminal sends
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
    for port in (api_port, web_port):  # nothing left listening
        with socket.socket() as s:
            assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still open"
