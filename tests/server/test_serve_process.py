"""The README's way of running the backend works from a clean data directory: a real process."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from server.seed.demo import DEMO_PASSWORD
from tests.ports import free_port

pytestmark = pytest.mark.slow


def test_serve_migrates_seeds_and_signs_in_a_demo_user(tmp_path):
    port = free_port()
    env = {**os.environ, "DIENNHA_DATA_DIR": str(tmp_path / "data"), "DIENNHA_ENV": "dev"}
    env.pop("DIENNHA_DB_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "server", "serve", "--port", str(port), "--seed-demo"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stdout.read().decode()
            try:
                if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server did not become ready in 60 s"
            time.sleep(0.2)
        r = httpx.post(
            f"{base}/auth/login", json={"phone": "0901234567", "password": DEMO_PASSWORD}
        )
        assert r.status_code == 200, r.text
        accounts = httpx.get(
            f"{base}/accounts", headers={"Authorization": f"Bearer {r.json()['access_token']}"}
        )
        assert {a["customer_code"] for a in accounts.json()} == {"PE01000123456", "PD01000654321"}
        assert (tmp_path / "data" / "diennha.sqlite3").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_production_refuses_default_secrets(tmp_path):
    env = {**os.environ, "DIENNHA_DATA_DIR": str(tmp_path), "DIENNHA_ENV": "prod"}
    for k in ("DIENNHA_SECRET_KEY", "DIENNHA_WEBHOOK_SECRET", "DIENNHA_STAFF_KEY"):
        env.pop(k, None)
    r = subprocess.run(
        [sys.executable, "-m", "server", "migrate"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2
    assert "DIENNHA_SECRET_KEY" in r.stderr and "production needs real secrets" in r.stderr
