"""Fault: every database connection of a running server is killed (pg_terminate_backend) in
the middle of steady traffic, twice. At most a handful of requests that were inside the
database at that moment fail, each with 503 "try again" (no 500, no cut connection); then the
server recovers on its own, /ready is 200 again, and the one-time codes asked for meanwhile are
all sent (none lost)."""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import httpx
import psycopg
import pytest

from server import migrate
from server.seed.demo import DEMO_PASSWORD, seed_demo
from tests import figures
from tests.security.server_process import ServerProcess, server_env
from tests.server.dbfixtures import PG_URL, make_settings, pg_available

pytestmark = pytest.mark.slow
WORKERS, STEADY_S, AFTER_S, KILLS = 4, 1.5, 3.0, 2
PER_KILL_FAILURES = 8  # requests in flight when the connections die (workers + dispatcher)
RECOVERY_S = 2.0


def _conninfo() -> str:
    return PG_URL.replace("postgresql+psycopg://", "postgresql://", 1)


class Schema:
    """A schema of its own in the test database, for a server that is not this process."""

    def __init__(self) -> None:
        self.name = f"fault_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.app_name = f"diennha_fault_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(_conninfo(), autocommit=True) as c:
            c.execute(f"CREATE SCHEMA {self.name}")
        base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
        sep = "&" if "?" in base else "?"
        self.url = (
            f"{base}{sep}options=-csearch_path%3D{self.name}&application_name={self.app_name}"
        )

    def kill_backends(self) -> int:
        with psycopg.connect(_conninfo(), autocommit=True) as c:
            rows = c.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND pid <> pg_backend_pid()",
                (self.app_name,),
            ).fetchall()
        return sum(1 for (ok,) in rows if ok)

    def unsent(self) -> int:
        with psycopg.connect(_conninfo(), autocommit=True) as c:
            return c.execute(
                f"SELECT count(*) FROM {self.name}.outbox WHERE status <> 'sent'"
            ).fetchone()[0]

    def drop(self) -> None:
        with psycopg.connect(_conninfo(), autocommit=True) as c:
            c.execute(f"DROP SCHEMA IF EXISTS {self.name} CASCADE")


async def _traffic(base: str, token: str, until: float, log: list) -> None:
    bearer = {"Authorization": f"Bearer {token}"}
    calls = [
        ("GET", "/accounts", None),
        ("GET", "/accounts/PE01000123456", None),
        ("POST", "/auth/otp", {"phone": "0987654321", "purpose": "login"}),
        ("GET", "/ready", None),
    ]
    async with httpx.AsyncClient(base_url=base, headers=bearer, timeout=10) as c:
        i = 0
        while time.monotonic() < until:
            method, path, body = calls[i % len(calls)]
            i += 1
            try:
                r = await c.request(method, path, json=body)
                log.append((time.monotonic(), r.status_code))
            except httpx.TransportError:
                log.append((time.monotonic(), 599))


async def _drive(server: ServerProcess, schema: Schema, token: str) -> tuple[list, list]:
    log: list[tuple[float, int]] = []
    kills: list[tuple[float, int]] = []
    end = time.monotonic() + STEADY_S + KILLS * AFTER_S
    workers = [asyncio.create_task(_traffic(server.base, token, end, log)) for _ in range(WORKERS)]
    await asyncio.sleep(STEADY_S)
    for _ in range(KILLS):
        kills.append((time.monotonic(), await asyncio.to_thread(schema.kill_backends)))
        await asyncio.sleep(AFTER_S)
    await asyncio.gather(*workers)
    return log, kills


def test_killed_database_connections_recover_without_a_500_storm(tmp_path):
    ok, why = pg_available()
    if not ok:
        pytest.skip(f"PostgreSQL fault test skipped: {why}")
    schema = Schema()
    try:
        settings = make_settings(tmp_path / "data", schema.url)
        migrate.upgrade(settings)
        asyncio.run(seed_demo(settings))
        env = server_env(
            tmp_path / "data",
            db_url=schema.url,
            otp_rate_per_phone="100000/minute",
            otp_rate_per_ip="100000/minute",
            otp_rate_global="100000/minute",
            outbox_poll_seconds="0.2",
        )
        with ServerProcess(env, tmp_path / "server.log") as server:
            r = httpx.post(
                f"{server.base}/auth/login", json={"phone": "0901234567", "password": DEMO_PASSWORD}
            )
            log, kills = asyncio.run(_drive(server, schema, r.json()["access_token"]))
            assert httpx.get(f"{server.base}/ready", timeout=5).status_code == 200
            deadline = time.monotonic() + 15  # the dispatcher catches up with the codes
            while schema.unsent() and time.monotonic() < deadline:
                time.sleep(0.2)
            lost = schema.unsent()
            output = server.output()
    finally:
        schema.drop()

    failures = [(t, s) for t, s in log if s >= 500]
    statuses = sorted({s for _, s in failures})
    figures.record("faults injected", len(kills))
    figures.record("database connections killed", sum(n for _, n in kills))
    figures.record("requests during database kills", len(log))
    figures.record("5xx during database kills", len(failures))
    figures.record("notices lost", lost)
    assert all(n >= 1 for _, n in kills), f"nothing to kill: {kills}"
    assert len(log) > 50, "too little traffic to mean anything"
    assert len(failures) <= PER_KILL_FAILURES * KILLS, (len(failures), len(log), output[-3000:])
    # a lost connection is "try again" (503 + Retry-After), never a 500 or a cut connection
    assert statuses in ([], [503]), (statuses, output[-3000:])
    for at, _ in kills:  # every failure sits right at a kill; later requests all succeed
        late = [(t, s) for t, s in failures if at + RECOVERY_S < t < at + AFTER_S]
        assert not late, (late, output[-3000:])
    last_kill = kills[-1][0]
    after = [s for t, s in log if t > last_kill + RECOVERY_S]
    assert after and all(s < 500 for s in after)
    assert lost == 0
