"""Filing with signature through the HTTP API (issue 16): uvicorn with `--workers` processes on
127.0.0.1, `--owners` owners at once, each in a loop for `--seconds`: POST /service-requests
(household_norm) → POST …/sign/otp → the code read from its SMS row (by the bench's own
connection, as a tester reads the dev outbox) → POST …/sign. Uses the data of
bench/service_requests.py (owners 1…N with a code each); sets their passwords to sign in.

  python bench/service_requests_api.py --db postgresql+psycopg://postgres@127.0.0.1:5432/diennha_bench_filing \
      --owners 16 --seconds 20 --workers 2"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg

from bench.procs import start, stop
from domain import clock
from server.security import hash_password

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Mat-khau-123"
LIMIT = "1000000/minute"


def phone(user_id: int) -> str:
    return f"+8490{user_id:07d}"


async def run(api: str, dsn: str, owners: int, seconds: float) -> None:
    async with httpx.AsyncClient(base_url=api, timeout=30) as client:
        tokens = {}
        for u in range(1, owners + 1):
            r = await client.post("/auth/login", json={"phone": phone(u), "password": PASSWORD})
            assert r.status_code == 200, r.text
            tokens[u] = {"Authorization": f"Bearer {r.json()['access_token']}"}
        db = await psycopg.AsyncConnection.connect(dsn, autocommit=True)
        done: list[float] = []
        stop_at = time.perf_counter() + seconds

        async def owner(u: int) -> None:
            h = tokens[u]
            body = {
                "type": "household_norm",
                "customer_code": f"PE{u:011d}",
                "fields": {"residents": 6, "effective_date": clock.today().isoformat()},
            }
            while time.perf_counter() < stop_at:
                t0 = time.perf_counter()
                r = await client.post("/service-requests", json=body, headers=h)
                assert r.status_code == 201, r.text
                sr = r.json()
                r = await client.post(f"/service-requests/{sr['id']}/sign/otp", headers=h)
                assert r.status_code == 202, r.text
                sms = await (
                    await db.execute(
                        "SELECT body FROM outbox WHERE channel = 'sms' AND \"to\" = %s"
                        " ORDER BY id DESC LIMIT 1",
                        (phone(u),),
                    )
                ).fetchone()
                assert sms and sr["tracking_no"] in sms[0]
                code = re.search(r"\b(\d{6})\b", sms[0]).group(1)  # type: ignore[union-attr]
                r = await client.post(
                    f"/service-requests/{sr['id']}/sign", json={"otp": code}, headers=h
                )
                assert r.status_code == 200 and r.json()["status"] == "submitted", r.text
                done.append((time.perf_counter() - t0) * 1000)

        t0 = time.perf_counter()
        await asyncio.gather(*(owner(u) for u in range(1, owners + 1)))
        took = time.perf_counter() - t0
        await db.close()
    q = statistics.quantiles(done, n=100, method="inclusive")
    print(
        f"through the API, {owners} owners at once: {len(done) / took:.1f} requests/s"
        f" ({len(done)} filed and signed in {took:.1f} s, 3 calls each); one request's 3 calls:"
        f" p50 {q[49]:.0f} ms, p99 {q[98]:.0f} ms; load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--owners", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--workers", type=int, default=2)
    a = ap.parse_args()
    dsn = a.db.replace("+psycopg", "")
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(
            "UPDATE users SET password_hash = %s WHERE id <= %s",
            (hash_password(PASSWORD), a.owners),
        )
    port = 18000 + os.getpid() % 1000
    env = {
        **os.environ,
        "DIENNHA_DB_URL": a.db,
        "DIENNHA_ENV": "dev",
        "DIENNHA_DISPATCHER_IN_APP": "false",
        "DIENNHA_OTP_RATE_PER_IP": LIMIT,
        "DIENNHA_OTP_RATE_PER_PHONE": LIMIT,
        "DIENNHA_OTP_RATE_GLOBAL": LIMIT,
        "DIENNHA_SIGN_OTP_RATE_PER_USER": LIMIT,
        "DIENNHA_DB_POOL_SIZE": "8",
    }
    cmd = [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(a.workers)]  # fmt: skip
    api = f"http://127.0.0.1:{port}/api/v1"
    proc = start(cmd, env, f"{api}/health", Path("/tmp/service_requests_api.log"), ROOT)
    try:
        asyncio.run(run(api, dsn, a.owners, a.seconds))
    finally:
        stop(proc)


if __name__ == "__main__":
    main()
