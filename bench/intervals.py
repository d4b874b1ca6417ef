"""Half-hourly readings at scale (issue 19): a year of 48-value meter-days for N meters in
PostgreSQL's monthly partitions, then: size per meter-year, one day's curve p99, a month of
hourly sums p99, a year's CSV export through the streaming service (MB/s), and the import of
the CSV of `import-intervals` through the real parse + store path (meter-days a minute).

  python bench/intervals.py --db postgresql+psycopg://postgres@127.0.0.1:5432/diennha_bench_intervals \
      --meters 20000 --days 365"""

from __future__ import annotations

import argparse
import asyncio
import io
import random
import statistics
import struct
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg

from domain import clock
from server import migrate
from server.config import Settings
from server.context import ServerContext
from server.reads import reads_for
from server.services.intervals import partitions
from server.services.intervals.codec import HEADER_SLOTS, unpack, wh_text
from server.services.intervals.csv_import import csv_rows
from server.services.intervals.export import csv_stream
from server.services.intervals.importing import import_rows

PACK = struct.Struct("<48i")
TODAY = date(2026, 12, 1)


def pct(samples: list[float], p: int) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[p - 1]


def shapes(n: int = 400) -> list[tuple[bytes, int]]:
    rng = random.Random(19)
    out = []
    for _ in range(n):
        values = [max(0, int(rng.gauss(250, 90))) for _ in range(48)]
        out.append((PACK.pack(*values), sum(values)))
    return out


def sync_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def generate(url: str, meters: int, days: int, first: date) -> float:
    """The meter-days made inside PostgreSQL (INSERT … SELECT over generate_series, values
    from 400 day shapes), a month per statement; returns seconds."""
    t0 = time.perf_counter()
    with psycopg.connect(sync_url(url), autocommit=True) as conn:
        conn.execute("TRUNCATE interval_readings")
        conn.execute("DROP TABLE IF EXISTS bench_shapes")
        conn.execute("CREATE TABLE bench_shapes (i int PRIMARY KEY, blob bytea, total int)")
        with conn.cursor().copy("COPY bench_shapes FROM STDIN") as copy:
            for i, (blob, total) in enumerate(shapes()):
                copy.write_row((i, blob, total))
        day = first
        last = first + timedelta(days=days - 1)
        while day <= last:
            end = min(
                last, (day.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            )
            conn.execute(
                "INSERT INTO interval_readings (meter_id, day, import_wh, import_total_wh) "
                "SELECT m, d::date, s.blob, s.total FROM generate_series(1, %s) m "
                "CROSS JOIN generate_series(%s::date, %s::date, interval '1 day') d "
                "JOIN bench_shapes s ON s.i = (m * 7 + (d::date - %s::date)) %% 400",
                (meters, day, end, first),
            )
            print(f"  {day:%Y-%m} loaded, {time.perf_counter() - t0:.0f} s", flush=True)
            day = end + timedelta(days=1)
        conn.execute("ANALYZE interval_readings")
    return time.perf_counter() - t0


def measure_reads(url: str, meters: int, first: date, days: int, runs: int) -> dict:
    rng = random.Random(5)
    with psycopg.connect(sync_url(url), autocommit=True) as conn:
        size = conn.execute(
            "SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits "
            "WHERE inhparent = 'interval_readings'::regclass"
        ).fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM interval_readings").fetchone()[0]
        curve, month = [], []
        q_day = (
            "SELECT import_wh, export_wh FROM interval_readings WHERE meter_id = %s AND day = %s"
        )
        q_month = (
            "SELECT day, import_wh FROM interval_readings WHERE meter_id = %s "
            "AND day >= %s AND day < %s ORDER BY day"
        )
        for _ in range(runs):
            m, d = rng.randint(1, meters), first + timedelta(days=rng.randrange(days))
            t = time.perf_counter()
            row = conn.execute(q_day, (m, d)).fetchone()
            unpack(row[0])
            curve.append((time.perf_counter() - t) * 1000)
            start = (first + timedelta(days=rng.randrange(days - 31))).replace(day=1)
            end = (start + timedelta(days=32)).replace(day=1)
            t = time.perf_counter()
            hourly = []
            for _day, blob in conn.execute(q_month, (m, start, end)):
                v = unpack(blob)
                hourly += [v[2 * h] + v[2 * h + 1] for h in range(24)]
            month.append((time.perf_counter() - t) * 1000)
        plan = "\n".join(
            r[0] for r in conn.execute("EXPLAIN " + q_day, (1, first + timedelta(days=40)))
        )
    return {
        "rows": rows,
        "bytes": size,
        "per_meter_year_kb": float(size) / meters * (365 / days) / 1024,
        "curve_p50": statistics.median(curve),
        "curve_p99": pct(curve, 99),
        "month_p50": statistics.median(month),
        "month_p99": pct(month, 99),
        "plan": plan,
    }


async def measure_export(ctx, meters: int, first: date, days: int, runs: int) -> list[tuple]:
    """MB/s of wall time and of this process's CPU time (the machine is shared), through the
    read lane the route uses (asyncpg on PostgreSQL), each chunk encoded as the response does.
    The same meters twice: first as they are (a meter-year is 365 rows on 365 pages, read
    from disk when not cached), then again with those pages in PostgreSQL's buffers."""
    sample = random.Random(7).sample(range(1, meters + 1), runs)
    out = []
    for _ in ("cold", "warm"):
        total_bytes, seconds, cpu0 = 0, 0.0, time.process_time()
        for m in sample:
            t = time.perf_counter()
            async for chunk in csv_stream(
                reads_for(ctx), "PE01000000001", m, False, first, first + timedelta(days=days - 1)
            ):
                total_bytes += len(chunk.encode())
            seconds += time.perf_counter() - t
        out.append((total_bytes / seconds / 1e6, total_bytes / (time.process_time() - cpu0) / 1e6))
    return out


def import_file(codes: list[str], days: int, end: date) -> str:
    pool = shapes(50)
    out = io.StringIO()
    out.write(",".join(["customer_code", "date", "channel", *HEADER_SLOTS]) + "\n")
    for d in range(days):
        day = end - timedelta(days=d)
        for i, code in enumerate(codes):
            values = unpack(pool[(i + d) % len(pool)][0])
            out.write(f"{code},{day},import," + ",".join(wh_text(v) for v in values) + "\n")
    return out.getvalue()


async def measure_import(ctx, url: str, count: int, days: int) -> tuple[int, float, float]:
    """`count` contracts with meters (ids far above the read set), `days` meter-days each."""
    codes = [f"PE9{n:010d}" for n in range(count)]
    with psycopg.connect(sync_url(url), autocommit=True) as conn:
        conn.execute("DELETE FROM interval_readings WHERE meter_id > 10000000")
        conn.execute("DELETE FROM daily_readings WHERE meter_id > 10000000")
        conn.execute("DELETE FROM meters WHERE id > 10000000")
        conn.execute("DELETE FROM contracts WHERE customer_code LIKE 'PE9%'")
        with conn.cursor().copy(
            "COPY contracts (customer_code, owner_phone, name, address, area_code, meter_type,"
            " households, created_at) FROM STDIN"
        ) as copy:
            for c in codes:
                copy.write_row((c, "+84900000000", "Bench", "Bench", "HCM-SG-01", "ami", 1, "now"))
        with conn.cursor().copy(
            "COPY meters (id, customer_code, serial, installed_on, base_wh) FROM STDIN"
        ) as copy:
            for i, c in enumerate(codes):
                copy.write_row((10_000_001 + i, c, f"M{c[2:]}", TODAY - timedelta(days=400), 0))
    text = import_file(codes, days, TODAY - timedelta(days=1))
    t, cpu0 = time.perf_counter(), time.process_time()
    errors: list[str] = []
    result = await import_rows(ctx.sessions, csv_rows(io.StringIO(text), TODAY, errors), errors)
    return result.meter_days, time.perf_counter() - t, time.process_time() - cpu0


def report_reads(r: dict) -> None:
    print(f"rows {r['rows']:,}; partitions {float(r['bytes']) / 2**30:.2f} GiB; "
              f"{r['per_meter_year_kb']:.1f} KiB per meter-year", flush=True)  # fmt: skip
    print(f"day curve: p50 {r['curve_p50']:.2f} ms, p99 {r['curve_p99']:.2f} ms")
    print(f"month of hourly sums: p50 {r['month_p50']:.2f} ms, p99 {r['month_p99']:.2f} ms")
    print("plan of one day:\n" + r["plan"])


async def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--meters", type=int, default=20_000)
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--exports", type=int, default=20)
    ap.add_argument("--import-meters", type=int, default=5000)
    ap.add_argument("--import-days", type=int, default=4)
    ap.add_argument("--skip-generate", action="store_true")
    ap.add_argument("--skip-reads", action="store_true", help="no curve/month timings")
    ap.add_argument("--skip-import", action="store_true")
    a = ap.parse_args()
    settings = Settings(env="dev", db_url=a.db, data_dir=Path("/tmp/diennha-intervals-bench"))
    migrate.upgrade(settings)
    first = TODAY - timedelta(days=a.days)
    ctx = ServerContext.build(settings)
    try:
        with clock.shifted_to(TODAY):
            async with ctx.sessions() as session:
                await partitions.ensure_months(
                    session, (first + timedelta(days=i) for i in range(a.days + 1))
                )
                await session.commit()
            if not a.skip_generate:
                secs = generate(a.db, a.meters, a.days, first)
                print(f"generated {a.meters * a.days:,} meter-days in {secs:.0f} s "
                      f"({a.meters * a.days / secs:,.0f}/s)", flush=True)  # fmt: skip
            if not a.skip_reads:
                report_reads(measure_reads(a.db, a.meters, first, a.days, a.runs))
            passes = await measure_export(ctx, a.meters, first, min(a.days, 365), a.exports)
            for name, (mbs, cpu_mbs) in zip(("first read", "cached"), passes, strict=True):
                print(f"CSV export of a year ({name}), through csv_stream: {mbs:.1f} MB/s wall, "
                      f"{cpu_mbs:.1f} MB/s of this process's CPU", flush=True)  # fmt: skip
            if a.skip_import:
                return
            n, secs, cpu = await measure_import(ctx, a.db, a.import_meters, a.import_days)
            print(f"import-intervals path: {n:,} meter-days in {secs:.1f} s = {n / secs * 60:,.0f}/min"
                  f" wall; {n / cpu * 60:,.0f}/min of this process's CPU")  # fmt: skip
    finally:
        await ctx.close()


if __name__ == "__main__":
    asyncio.run(main())
