"""Two `python -m server serve` processes on 127.0.0.1 sharing one PostgreSQL schema and one
Redis database, as two API workers behind a load balancer would."""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from sqlalchemy import create_engine, text

from server.seed.demo import DEMO_PASSWORD
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "xw_test"
REDIS_DB = 14
LOCK = "/tmp/diennha-cross-worker.lock"  # one pair at a time: the schema and Redis db are shared
OWNER_PHONE = "0901234567"
OWNER_PASSWORD = DEMO_PASSWORD
SHARED_CODE = "PE01000123456"  # owned by OWNER_PHONE in the demo data
LIMITS = {
    "DIENNHA_OTP_RATE_PER_PHONE": "3/10minutes",
    "DIENNHA_OTP_RATE_PER_IP": "100/hour",
}


def pg_admin_url() -> str:
    url = os.environ.get("DIENNHA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def redis_url() -> str:
    """The test Redis server (DIENNHA_TEST_REDIS_URL or the local one), database 14."""
    base = urlsplit(os.environ.get("DIENNHA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    return urlunsplit((base.scheme, base.netloc, f"/{REDIS_DB}", "", ""))


def reachable() -> str | None:
    """None when PostgreSQL and Redis both answer, else why the tests cannot run."""
    try:
        engine = create_engine(pg_admin_url())
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL is not reachable at {pg_admin_url()}: {exc.__class__.__name__}"
    try:
        import redis

        redis.Redis.from_url(redis_url(), socket_timeout=2).ping()
    except Exception as exc:
        return f"Redis is not reachable at {redis_url()}: {exc.__class__.__name__}"
    return None


@contextlib.contextmanager
def running_pair(workdir: Path, limits: dict[str, str] | None = None):
    """Starts a ServerPair (waiting up to 5 minutes for another test run to finish with the
    shared schema) and always stops it."""
    with open(LOCK, "w") as lock:
        deadline = time.monotonic() + 300
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.skip("another test process holds the cross-worker PostgreSQL schema")
                time.sleep(0.5)
        servers = ServerPair(pg_admin_url(), redis_url(), workdir, limits)
        try:
            servers.start()
            yield servers
        finally:
            servers.stop()


class ServerPair:
    def __init__(
        self, admin_url: str, redis: str, workdir: Path, limits: dict[str, str] | None = None
    ) -> None:
        self.admin_url, self.redis, self.workdir = admin_url, redis, workdir
        self.limits = LIMITS | (limits or {})
        sep = "&" if "?" in admin_url else "?"
        self.db_url = f"{admin_url}{sep}options=-csearch_path%3D{SCHEMA}"
        self.processes: list[subprocess.Popen] = []
        self.logs: list[Path] = []
        self.a = self.b = ""

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DIENNHA_")}
        return (
            env
            | self.limits
            | {
                "DIENNHA_ENV": "dev",  # keeps /dev/outbox, where a test reads an OTP
                "DIENNHA_DATA_DIR": str(self.workdir / "data"),
                "DIENNHA_DB_URL": self.db_url,
                "DIENNHA_REDIS_URL": self.redis,
            }
        )

    def start(self) -> None:
        self._reset_shared_state()
        for command in (["migrate"], ["seed", "--demo"]):
            done = subprocess.run(
                [sys.executable, "-m", "server", *command],
                cwd=ROOT,
                env=self.env(),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert done.returncode == 0, f"server {command}: {done.stdout}{done.stderr}"
        bases = [self._spawn(name) for name in ("a", "b")]
        self.a, self.b = bases
        for base, proc, log in zip(bases, self.processes, self.logs, strict=True):
            self._wait_ready(base, proc, log)

    def _spawn(self, name: str) -> str:
        port = free_port()
        log = self.workdir / f"worker-{name}.log"
        self.logs.append(log)
        with log.open("wb") as out:
            self.processes.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "server",
                        "serve",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        str(port),
                    ],
                    cwd=ROOT,
                    env=self.env(),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            )
        return f"http://127.0.0.1:{port}/api/v1"

    @staticmethod
    def _wait_ready(base: str, proc: subprocess.Popen, log: Path) -> None:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"worker exited:\n{log.read_text(errors='replace')}"
            try:
                if httpx.get(f"{base}/ready", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"not ready in 60 s:\n{log.read_text()}"
            time.sleep(0.2)

    def _reset_shared_state(self) -> None:
        import redis

        engine = create_engine(self.admin_url)
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {SCHEMA}"))
        engine.dispose()
        redis.Redis.from_url(self.redis).flushdb()

    def stop(self) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                proc.terminate()
        for proc in self.processes:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        try:
            import redis

            redis.Redis.from_url(self.redis).flushdb()
            engine = create_engine(self.admin_url)
            with engine.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE"))
            engine.dispose()
        except Exception:  # cleanup is best effort; the next run starts with a reset anyway
            pass
