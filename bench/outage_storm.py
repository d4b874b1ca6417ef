"""A storm (issue 17): 10,000 outage reports in 60 s from 2,000 phones across 20 areas against
the API on PostgreSQL (uvicorn on 127.0.0.1 only) — none lost, at most 20 incidents, latency
percentiles — then staff restore every incident and the dispatcher fans the restoration out
to every approved link (50,000 people by default), timed until the outbox is empty.

  python bench/outage_storm.py --db postgresql+psycopg://postgres@127.0.0.1:5432/diennha_storm_bench

Latency is measured from each request's scheduled start (an open-loop schedule, so a slow
server cannot hide its queue: coordinated omission). At most --connections are in flight."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import psycopg

from bench.procs import cpu_snapshot, cpu_used, postgres_pids, start, stop, tree
from bench.raw_http import open_loop, post_json
from server import migrate
from server.config import DEV_STAFF_KEY, Settings

ROOT = Path(__file__).resolve().parent.parent
AREAS = [f"STORM-{i:02d}" for i in range(1, 21)]


def box(i: int) -> tuple[float, float, float, float]:
    """Area i's rectangle (west, south, east, north): a 4 x 5 grid over HCMC."""
    west, south = 106.60 + (i % 4) * 0.05, 10.70 + (i // 4) * 0.04
    return west, south, west + 0.05, south + 0.04


def plain(url: str) -> str:
    return url.replace("+psycopg", "")


def prepare(url: str, people: int) -> None:
    """Fresh tables; 20 areas with boundaries; `people` owners with one contract each, spread
    over the areas, approved; plus pending and revoked links that must never be told."""
    with psycopg.connect(plain(url), autocommit=True) as db:
        db.execute(
            "TRUNCATE incident_events, outage_reports, incidents, notifications, deliveries,"
            " outbox, links, contracts, users, areas CASCADE"
        )
        for i, code in enumerate(AREAS):
            w, s, e, n = box(i)
            ring = f"[[{w},{s}],[{e},{s}],[{e},{n}],[{w},{n}],[{w},{s}]]"
            db.execute(
                "INSERT INTO areas (code, name, boundary, updated_at) VALUES (%s, %s, %s, now())",
                (code, f"Khu vực bão {i + 1}", f'{{"type": "Polygon", "coordinates": [{ring}]}}'),
            )
        db.execute(
            "INSERT INTO users (id, phone, full_name, password_hash, language, channels, is_staff,"
            " created_at) SELECT g, '+8490' || lpad(g::text, 7, '0'), 'Người ' || g, 'x', 'vi',"
            " '{\"push\": true}', false, now() FROM generate_series(1, %s) g",
            (people + 2000,),
        )
        db.execute("SELECT setval(pg_get_serial_sequence('users', 'id'), %s)", (people + 2000,))
        db.execute(
            "INSERT INTO contracts (customer_code, owner_phone, name, address, area_code,"
            " meter_type, households, created_at) SELECT 'PS' || lpad(g::text, 11, '0'),"
            " '+8490' || lpad(g::text, 7, '0'), 'Hộ ' || g, 'Địa chỉ ' || g,"
            " 'STORM-' || lpad((g %% 20 + 1)::text, 2, '0'), 'ami', 1, now()"
            " FROM generate_series(1, %s) g",
            (people,),
        )
        db.execute(
            "INSERT INTO links (user_id, customer_code, role, status, requested_at, decided_at)"
            " SELECT g, 'PS' || lpad(g::text, 11, '0'), 'owner', 'approved', now(), now()"
            " FROM generate_series(1, %s) g",
            (people,),
        )
        # 2,000 more people: a pending or revoked link each (never told)
        db.execute(
            "INSERT INTO links (user_id, customer_code, role, status, requested_at)"
            " SELECT %s + g, 'PS' || lpad(g::text, 11, '0'), 'member',"
            " CASE WHEN g %% 2 = 0 THEN 'pending' ELSE 'revoked' END, now()"
            " FROM generate_series(1, 2000) g",
            (people,),
        )
        db.execute("ANALYZE")


def bodies(reports: int, phones: int, people: int, seed: int = 17) -> list[dict]:
    """Half by customer code, half by a point inside the area; phones reused round-robin."""
    rnd = random.Random(seed)
    out = []
    for i in range(reports):
        phone = f"09{(10_000_000 + i % phones):08d}"
        area = i % len(AREAS)
        if i % 2:
            contract = rnd.randrange(area or 20, people + 1, 20)
            where = {"customer_code": f"PS{contract:011d}"}
        else:
            w, s, e, n = box(area)
            where = {"lat": rnd.uniform(s + 1e-4, n - 1e-4), "lon": rnd.uniform(w + 1e-4, e - 1e-4)}
        kind = (
            "hazard" if i % 50 == 0 else rnd.choice(["no_power", "no_power", "partial", "flicker"])
        )
        out.append({"kind": kind, "phone": phone, **where})
    return out


async def storm(api: str, items: list[dict], seconds: float, connections: int):
    gate = asyncio.Semaphore(connections)
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    async with httpx.AsyncClient(base_url=api, limits=limits, timeout=60) as client:
        t0 = time.perf_counter()

        async def one(i: int, body: dict) -> None:
            due = t0 + i * seconds / len(items)
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            code = 0
            for _attempt in range(3):  # a connection the server closed as idle: send again
                try:
                    async with gate:
                        code = (await client.post("/public/outage-reports", json=body)).status_code
                    break
                except httpx.TransportError:
                    statuses[-1] = statuses.get(-1, 0) + 1  # -1: transport errors, retried
            latencies.append((time.perf_counter() - due) * 1000)
            statuses[code] = statuses.get(code, 0) + 1

        await asyncio.gather(*(one(i, b) for i, b in enumerate(items)))
        took = time.perf_counter() - t0
    return latencies, statuses, took


def run(coro):
    """uvloop when installed (uvicorn's own loop here), else asyncio's."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def pct(xs: list[float], p: int) -> float:
    return statistics.quantiles(xs, n=100, method="inclusive")[p - 1]


def restore_all(api: str) -> tuple[float, int]:
    headers = {"X-Staff-Key": DEV_STAFF_KEY}
    incidents = httpx.get(f"{api}/admin/incidents", params={"limit": 500}, headers=headers).json()
    t0 = time.perf_counter()
    for inc in incidents:
        r = httpx.post(
            f"{api}/admin/incidents/{inc['id']}/transition",
            json={"status": "restored"},
            headers=headers,
            timeout=300,
        )
        r.raise_for_status()
    return time.perf_counter() - t0, len(incidents)


def drain(url: str, env: dict, processes: int, limit_s: float) -> tuple[float, int, int]:
    """`python -m server dispatch --once` in `processes` processes at once (SKIP LOCKED),
    stopped after `limit_s`: (seconds, settled, still pending)."""
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen([sys.executable, "-m", "server", "dispatch", "--once"], env=env, cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(processes)
    ]  # fmt: skip
    for p in procs:
        try:
            p.wait(max(1.0, limit_s - (time.perf_counter() - t0)))
        except subprocess.TimeoutExpired:
            p.kill()  # `--once` drains to the end and does not stop on SIGTERM
            p.wait(30)
    took = time.perf_counter() - t0
    with psycopg.connect(plain(url)) as db:
        rows = dict(db.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    return took, rows.get("sent", 0) + rows.get("failed", 0), rows.get("pending", 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", required=True, help="a PostgreSQL database named diennha_*bench*")
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--phones", type=int, default=2_000)
    ap.add_argument("--people", type=int, default=50_000)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dispatchers", type=int, default=2)
    ap.add_argument("--drain-seconds", type=float, default=300.0)
    ap.add_argument(
        "--client",
        choices=["raw", "httpx"],
        default="raw",
        help="load generator: raw sockets (bench/raw_http.py) or the httpx client used before",
    )
    args = ap.parse_args()
    if "bench" not in args.db.rsplit("/", 1)[-1]:
        sys.exit("refusing: the database name must contain 'bench' (its tables are emptied)")
    settings = Settings(db_url=args.db)
    migrate.upgrade(settings)
    t = time.perf_counter()
    prepare(args.db, args.people)
    print(f"prepared {args.people} linked people in 20 areas in {time.perf_counter() - t:.1f} s")
    port = 18000 + os.getpid() % 1000
    env = {
        **os.environ,
        "DIENNHA_DB_URL": args.db,
        "DIENNHA_ENV": "dev",
        "DIENNHA_DISPATCHER_IN_APP": "false",
        # a storm comes through one proxy address here; phones still have a limit
        "DIENNHA_OUTAGE_REPORT_PER_IP": "1000000/hour",
        "DIENNHA_OUTAGE_REPORT_PER_PHONE": f"{args.reports // args.phones + 1}/10minutes",
        "DIENNHA_OUTBOX_BATCH_SIZE": "200",
        "DIENNHA_DB_POOL_SIZE": "8",  # 16 connections a worker: PostgreSQL allows 100 in all
    }
    cmd = [sys.executable, "-m", "server", "serve", "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(args.workers)]  # fmt: skip
    api = f"http://127.0.0.1:{port}/api/v1"
    proc = start(cmd, env, f"{api}/health", Path("/tmp/outage_storm_api.log"), ROOT)
    try:
        items = bodies(args.reports, args.phones, args.people)
        server, pg = tree(proc.pid), postgres_pids()
        before = (cpu_snapshot(server), cpu_snapshot(pg), time.process_time())
        if args.client == "raw":
            raw = [post_json(f"{api}/public/outage-reports", b) for b in items]
            lat, statuses, took = run(open_loop(api, raw, args.seconds, args.connections))
        else:
            lat, statuses, took = run(storm(api, items, args.seconds, args.connections))
        api_cpu = cpu_used(before[0], cpu_snapshot(server))
        pg_cpu = cpu_used(before[1], cpu_snapshot(list(set(pg) | set(postgres_pids()))))
        client_cpu = time.process_time() - before[2]
        with psycopg.connect(plain(args.db)) as db:
            stored = db.execute("SELECT count(*) FROM outage_reports").fetchone()[0]
            placed = db.execute(
                "SELECT count(*) FROM outage_reports WHERE incident_id IS NOT NULL"
            ).fetchone()[0]
            incidents = db.execute("SELECT count(*) FROM incidents").fetchone()[0]
        print(f"reports sent {len(items)} in {took:.1f} s; answers {statuses}")
        print(f"stored {stored}, placed in an incident {placed}; incidents {incidents}")
        print(f"latency from schedule: p50 {pct(lat, 50):.1f} ms  p95 {pct(lat, 95):.1f} ms  "
              f"p99 {pct(lat, 99):.1f} ms  max {max(lat):.1f} ms")  # fmt: skip
        n = len(items)
        print(f"CPU per report: API {api_cpu / n * 1e3:.2f} ms, PostgreSQL {pg_cpu / n * 1e3:.2f}"
              f" ms, this load generator {client_cpu / n * 1e3:.2f} ms; cores busy over the"
              f" storm: {(api_cpu + pg_cpu + client_cpu) / took:.2f} of {os.cpu_count()}")  # fmt: skip
        secs, n = restore_all(api)
        with psycopg.connect(plain(args.db)) as db:
            told = db.execute(
                "SELECT count(*), count(DISTINCT user_id) FROM notifications"
                " WHERE kind = 'incident_restored'"
            ).fetchone()
            wrong = db.execute(
                "SELECT count(*) FROM notifications n JOIN links l ON l.user_id = n.user_id"
                " WHERE n.kind = 'incident_restored' AND l.status <> 'approved'"
            ).fetchone()[0]
        print(f"restored {n} incidents in {secs:.1f} s: {told[0]} notices to {told[1]} people "
              f"(pending/revoked told: {wrong})")  # fmt: skip
    finally:
        stop(proc)
    secs, settled, pending = drain(args.db, env, args.dispatchers, args.drain_seconds)
    print(f"dispatcher ({args.dispatchers} processes): {settled} settled in {secs:.1f} s "
          f"({settled / secs:.0f}/s), {pending} still pending")  # fmt: skip


if __name__ == "__main__":
    main()
