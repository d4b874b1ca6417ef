"""Query latency at scale: one customer's year of daily readings and 24 months of monthly
usage, as the API runs them. Captures the exact SQL the service functions send, then times
(1) that SQL alone over many random customers (psycopg, server-side prepared as the API's
connections prepare repeated statements), first pass and again warm, and (2) the service
function itself on the API's read lane (server/reads.py: asyncpg's pool on PostgreSQL);
saves EXPLAIN (ANALYZE, BUFFERS).

  python bench/queries.py --db postgresql://postgres@127.0.0.1:5432/diennha_bench \
      --customers 2000 --explain-dir bench/results"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg
from sqlalchemy import event, select

from server.config import Settings
from server.db import create_engine, create_session_factory
from server.models import Contract
from server.reads import CoreReads, new_lane
from server.services.billing.periods import add_months, local_today, month_start
from server.services.usage import consumption as usage


def pct(samples: list[float], p: float) -> float:
    return (
        statistics.quantiles(samples, n=100, method="inclusive")[p - 1]
        if len(samples) > 1
        else samples[0]
    )


def line(label: str, ms: list[float]) -> str:
    return (f"{label:<44} n={len(ms):>5}  p50 {pct(ms, 50):7.3f} ms  p99 {pct(ms, 99):7.3f} ms"
            f"  max {max(ms):7.3f} ms")  # fmt: skip


async def capture(url: str, codes: list[str], windows) -> dict:
    """The statements (SQL text and parameters) each service sends for the first code
    (through Core on the psycopg engine, where they can be seen), and the service functions
    timed over all codes on the read lane the API uses."""
    engine = create_engine(Settings(db_url=url))
    sessions = create_session_factory(engine)
    core, lane = CoreReads(engine), new_lane(engine)
    sent: list[tuple[str, dict]] = []
    event.listen(engine.sync_engine, "before_cursor_execute",
                 lambda c, cur, sql, params, ctx, many: sent.append((sql, dict(params))))  # fmt: skip
    out = {}
    try:
        for name, (fn, first, last) in windows.items():
            timings = []
            async with sessions() as s:
                contracts = (
                    await s.execute(select(Contract).where(Contract.customer_code.in_(codes)))
                ).scalars().all()  # fmt: skip
            sent.clear()
            await fn(core, contracts[0], first, last)
            out[name] = {
                "sql": sent[-1][0],
                "params": sent[-1][1],
                "code": contracts[0].customer_code,
            }
            for contract in contracts:
                t0 = time.perf_counter()
                await fn(lane, contract, first, last)
                timings.append((time.perf_counter() - t0) * 1000)
            out[name]["service_ms"] = timings
    finally:
        await engine.dispose()
    return out


def time_sql(
    conninfo: str, sql: str, params: dict, sample_code: str, codes: list[str]
) -> list[float]:
    keys = [k for k, v in params.items() if v == sample_code]
    ms = []
    with psycopg.connect(conninfo, prepare_threshold=0) as db:
        for code in codes:
            p = {**params, **dict.fromkeys(keys, code)}
            t0 = time.perf_counter()
            db.execute(sql, p).fetchall()
            ms.append((time.perf_counter() - t0) * 1000)
            db.rollback()
    return ms


def explain(conninfo: str, sql: str, params: dict) -> str:
    with psycopg.connect(conninfo) as db:
        rows = db.execute("EXPLAIN (ANALYZE, BUFFERS, VERBOSE OFF) " + sql, params).fetchall()
    return "\n".join(r[0] for r in rows)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True)
    p.add_argument("--customers", type=int, default=2000)
    p.add_argument("--explain-dir", type=Path, default=None)
    args = p.parse_args()
    conninfo = args.db.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as db:
        codes = [r[0] for r in db.execute(
            "SELECT customer_code FROM contracts WHERE meter_type = 'ami'").fetchall()]  # fmt: skip
        rows = db.execute("SELECT count(*) FROM daily_readings").fetchone()[0]
    codes = random.Random(9).sample(codes, min(args.customers, len(codes)))
    this_month = month_start(local_today())
    year_end = add_months(this_month, -1)
    windows = {
        "daily_year": (usage.daily_usage, add_months(this_month, -12),
                       year_end.replace(day=28)),  # 365 days of readings
        "monthly_24": (usage.monthly_usage, add_months(this_month, -23), this_month),
    }  # fmt: skip
    print(f"{rows:,} daily readings; {len(codes)} random AMI customers")
    found = asyncio.run(capture(args.db, codes, windows))
    for name, f in found.items():
        first = time_sql(conninfo, f["sql"], f["params"], f["code"], codes)
        warm = time_sql(conninfo, f["sql"], f["params"], f["code"], codes)
        print(line(f"{name}: SQL, first pass", first))
        print(line(f"{name}: SQL, warm", warm))
        print(line(f"{name}: service function (read lane)", f["service_ms"]))
        if args.explain_dir:
            plan = explain(conninfo, f["sql"], f["params"])
            path = args.explain_dir / f"explain-{name}.txt"
            path.write_text(
                f"-- {rows:,} rows in daily_readings\n{f['sql']}\n-- {f['params']}\n\n{plan}\n"
            )
            print(f"  plan saved to {path}")


if __name__ == "__main__":
    main()
