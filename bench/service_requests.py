"""Service requests at scale (issue 16): a page of the staff queue and of "my requests" at
1 million requests in PostgreSQL, and filing + OTP signing throughput, through the service
functions the API runs (SQLAlchemy on psycopg).

  python bench/service_requests.py --db postgresql+psycopg://postgres@127.0.0.1:5432/diennha_svc_bench \
      --requests 1000000 --people 100000"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

from domain import clock
from domain.models.services import ServiceRequestCreate
from server import migrate
from server.config import Settings
from server.context import ServerContext
from server.models import User
from server.services.service_requests import filing, staff, tracking

TYPES = ["meter_check", "household_norm", "meter_move", "reconnect", "change_purpose",
         "suspend", "terminate", "contact_update", "change_holder", "new_connection"]  # fmt: skip
STATUSES = ["done"] * 14 + ["cancelled", "rejected", "submitted", "received", "scheduled",
                            "in_progress", "awaiting_signature"]  # fmt: skip


def pct(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


def line(label: str, ms: list[float]) -> str:
    return f"{label:<46} n={len(ms):>4}  p50 {pct(ms, 50):7.3f} ms  p99 {pct(ms, 99):7.3f} ms"


def generate(url: str, requests: int, people: int) -> None:
    """People (each the owner of one contract), then `requests` requests spread over them."""
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as db:
        if db.execute("SELECT count(*) FROM service_requests").fetchone()[0] >= requests:
            return
        db.execute("TRUNCATE service_requests, links, contracts, users CASCADE")
        db.execute(
            "INSERT INTO users (id, phone, full_name, password_hash, language, channels, is_staff,"
            " created_at) SELECT g, '+8490' || lpad(g::text, 7, '0'), 'Người ' || g, 'x', 'vi',"
            " '{}', false, now() - interval '3 years' FROM generate_series(1, %s) g",
            (people,),
        )
        db.execute(
            "INSERT INTO contracts (customer_code, owner_phone, name, address, area_code,"
            " meter_type, households, created_at) SELECT 'PE' || lpad(g::text, 11, '0'),"
            " '+8490' || lpad(g::text, 7, '0'), 'Hộ ' || g, 'Địa chỉ ' || g,"
            " 'HCM-' || (g %% 200), 'ami', 1, now() FROM generate_series(1, %s) g",
            (people,),
        )
        db.execute(
            "INSERT INTO links (user_id, customer_code, role, status, requested_at, decided_at)"
            " SELECT g, 'PE' || lpad(g::text, 11, '0'), 'owner', 'approved',"
            " now() - interval '3 years', now() - interval '3 years' FROM generate_series(1, %s) g",
            (people,),
        )
        types = "ARRAY[" + ",".join(f"'{t}'" for t in TYPES) + "]"
        statuses = "ARRAY[" + ",".join(f"'{s}'" for s in STATUSES) + "]"
        db.execute(
            "INSERT INTO service_requests (tracking_no, type, customer_code, area_code,"
            " filer_user_id, fields, status, due_on, created_at, updated_at)"
            f" SELECT 'DV' || lpad(g::text, 13, '0'), ({types})[1 + g %% 10],"
            " 'PE' || lpad((1 + g %% %(p)s)::text, 11, '0'), 'HCM-' || ((1 + g %% %(p)s) %% 200),"
            f" 1 + g %% %(p)s, '{{}}', ({statuses})[1 + (g * 7) %% {len(STATUSES)}],"
            " current_date - ((%(n)s - g) / 1000)::int + 3,"
            " now() - ((%(n)s - g) || ' minutes')::interval, now()"
            " FROM generate_series(1, %(n)s) g",
            {"p": people, "n": requests},
        )
        db.execute("ANALYZE")


async def time_pages(ctx: ServerContext, people: int, runs: int) -> None:
    async def timed(label, call):
        ms = []
        for _ in range(runs):
            async with ctx.sessions() as s:
                t0 = time.perf_counter()
                await call(s)
                ms.append((time.perf_counter() - t0) * 1000)
        print(line(label, ms), flush=True)

    def queue(**f):
        async def call(s):
            await staff.queue(s, status=f.get("status"), type_=f.get("type_"), area=f.get("area"),
                              overdue=f.get("overdue"), before=None, limit=50)  # fmt: skip

        return call

    await timed("staff queue, no filter", queue())
    await timed("staff queue, status=submitted", queue(status="submitted"))
    await timed("staff queue, type=meter_move", queue(type_="meter_move"))
    await timed("staff queue, area=HCM-7", queue(area="HCM-7"))
    await timed("staff queue, overdue", queue(overdue=True))
    await timed(
        "staff queue, area + status + overdue", queue(area="HCM-7", status="received", overdue=True)
    )

    async def mine(s):
        user = await s.get(User, random.randint(1, people))
        await tracking.list_mine(s, user, None, 30)

    await timed("my requests (owner of a code), first page", mine)


async def file_and_sign(ctx: ServerContext, count: int, workers: int, first: int) -> float:
    """File + send the sign code + sign; `workers` owners at once (ids from `first`), each on
    their own code, `count` in all. Returns the seconds taken."""

    async def one(user_id: int) -> None:
        async with ctx.sessions() as s:
            user = await s.get(User, user_id)
            body = ServiceRequestCreate(
                type="household_norm",
                customer_code=f"PE{user_id:011d}",
                fields={"residents": 6, "effective_date": clock.today().isoformat()},
            )
            r = await filing.file_request(ctx, s, user, body)
            await filing.send_sign_code(ctx, s, user, r, "127.0.0.1")
            await filing.sign(ctx, s, user, r, "123456", "127.0.0.1", "bench")

    # The code is random; a tester reads it from the SMS. Here the generator gives a known one
    # (until 2026-12-04 the bench rewrote the stored hash instead: one more UPDATE and COMMIT
    # per request that the API never does).
    filing.new_otp = lambda: "123456"

    async def worker(user_id: int, n: int) -> None:
        for _ in range(n):
            await one(user_id)

    t0 = time.perf_counter()
    per = max(1, count // workers)
    await asyncio.gather(*(worker(first + w, per) for w in range(workers)))
    return time.perf_counter() - t0


def machine_cpu() -> float:
    """Seconds of CPU the whole machine has used (every process: PostgreSQL, other sessions)."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:9]]
    busy = sum(fields) - fields[3] - fields[4]  # all but idle and iowait
    return busy / os.sysconf("SC_CLK_TCK")


def postgres_cpu() -> float:
    """Seconds of CPU used so far by the running PostgreSQL processes (the server on this
    machine: backends, WAL writer, checkpointer; a backend that exits meanwhile is missed)."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        if stat[stat.index("(") + 1 : stat.rindex(")")] == "postgres":
            after = stat[stat.rindex(")") + 2 :].split()
            total += int(after[11]) + int(after[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def process_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


async def time_filing(ctx: ServerContext, count: int, workers: int) -> None:
    await file_and_sign(ctx, 5 * workers, workers, 1)  # warm: connections, caches
    c0, p0, m0 = process_cpu(), postgres_cpu(), machine_cpu()
    took = await file_and_sign(ctx, count, workers, 1)
    c1, p1, m1 = process_cpu(), postgres_cpu(), machine_cpu()
    done = max(1, count // workers) * workers
    print(
        f"filing + sign code + signing, {workers} at once, 1 process: {done / took:7.1f} requests/s"
        f"; CPU per request: this process {(c1 - c0) / done * 1000:.2f} ms, PostgreSQL"
        f" {(p1 - p0) / done * 1000:.2f} ms, the machine"
        f" {(m1 - m0) / done * 1000:.2f} ms; load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )


def time_filing_processes(a: argparse.Namespace) -> None:
    """The same in `a.processes` processes at once (as uvicorn's workers would be), each with
    `a.workers` owners of its own; all start together after their warm-up."""
    start = time.time() + 20 + 5 * a.processes  # imports, connections and warm-up first
    args = [sys.executable, __file__, "--db", a.db, "--filings", str(a.filings // a.processes)]
    args += ["--workers", str(a.workers)]
    children = [
        subprocess.Popen([*args, "--child", f"{k},{start}"], stdout=subprocess.PIPE, text=True)
        for k in range(a.processes)
    ]
    while time.time() < start:
        time.sleep(0.05)
    m0 = machine_cpu()  # (PostgreSQL's share is not told: the children's backends exit first)
    results = [json.loads(c.communicate()[0].strip().splitlines()[-1]) for c in children]
    m1 = machine_cpu()
    load = os.getloadavg()[0]
    done = sum(r["done"] for r in results)
    took = max(r["end"] for r in results) - start
    cpu = sum(r["cpu"] for r in results)
    print(
        f"filing + sign code + signing, {a.workers} at once in each of {a.processes} processes:"
        f" {done / took:7.1f} requests/s ({done} in {took:.1f} s); CPU per request: the"
        f" processes {cpu / done * 1000:.2f} ms, the machine {(m1 - m0) / done * 1000:.2f} ms;"
        f" load average {load:.2f}",
        flush=True,
    )


async def child(a: argparse.Namespace, settings: Settings) -> None:
    k, start = a.child.split(",")
    ctx = ServerContext.build(settings)
    try:
        first = 1 + int(k) * a.workers
        await file_and_sign(ctx, 5 * a.workers, a.workers, first)
        await asyncio.sleep(max(0.0, float(start) - time.time()))
        c0 = process_cpu()
        await file_and_sign(ctx, a.filings, a.workers, first)
        end, c1 = time.time(), process_cpu()
    finally:
        await ctx.close()
    done = max(1, a.filings // a.workers) * a.workers
    print(json.dumps({"done": done, "end": end, "cpu": c1 - c0}), flush=True)


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--requests", type=int, default=1_000_000)
    ap.add_argument("--people", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--filings", type=int, default=300)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--filing-only", action="store_true", help="skip the page timings")
    ap.add_argument("--processes", type=int, default=1, help="filing in this many processes")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    a = ap.parse_args()
    settings = Settings(
        env="dev", db_url=a.db, data_dir=Path("/tmp/diennha-svc-bench"),
        otp_rate_per_phone="1000000/minute", otp_rate_per_ip="1000000/minute",
        otp_rate_global="1000000/minute", sign_otp_rate_per_user="1000000/minute",
    )  # fmt: skip
    if a.child:
        await child(a, settings)
        return
    migrate.upgrade(settings)
    t0 = time.perf_counter()
    generate(a.db, a.requests, a.people)
    print(f"data ready in {time.perf_counter() - t0:.1f} s ({a.requests} requests)", flush=True)
    ctx = ServerContext.build(settings)
    try:
        if not a.filing_only:
            await time_pages(ctx, a.people, a.runs)
        if a.processes == 1:
            await time_filing(ctx, a.filings, a.workers)
    finally:
        await ctx.close()
    if a.processes > 1:
        time_filing_processes(a)


if __name__ == "__main__":
    asyncio.run(main())
