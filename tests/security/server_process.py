"""A real `python -m server serve` in a subprocess on a free 127.0.0.1 port, its output
captured to a file, stopped with SIGTERM (killed if it hangs)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


def server_env(data_dir: Path, **settings: str) -> dict[str, str]:
    """The test runner's environment without its DIENNHA_* settings, plus `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIENNHA_")}
    env |= {"DIENNHA_ENV": "dev", "DIENNHA_DATA_DIR": str(data_dir)}
    return env | {f"DIENNHA_{k.upper()}": v for k, v in settings.items()}


class ServerProcess:
    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.env, self.log, self.args = env, log, args
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/api/v1"
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> ServerProcess:
        command = [sys.executable, "-m", "server", "serve", "--port", str(self.port), *self.args]
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        self.wait_ready(90)
        return self

    def wait_ready(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while True:
            assert self.proc.poll() is None, f"server exited:\n{self.output()}"
            try:
                if httpx.get(f"{self.base}/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"not ready in {seconds} s:\n{self.output()}"
            time.sleep(0.2)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def __exit__(self, *exc) -> None:
        self.stop()
