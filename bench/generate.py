"""Realistic data at a chosen scale for the benchmarks: people, contracts (AMI and manual
meters), links, two years of AMI daily readings, monthly manual index readings, and the
bills the bill run would have made from them (the latest month left unbilled by default,
for bench/bill_run.py).

  python bench/generate.py --db postgresql://postgres@127.0.0.1:5432/diennha_bench \
      --contracts 110000 --ami-share 0.91 --fresh        # ≈73M daily rows
  python bench/generate.py --db sqlite:///data/bench.sqlite3 --contracts 2000 --fresh

Readings are written day by day, all meters of a day together, as a head-end export
would deliver them."""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import gen_model as gm
from bench.gen_bills import BillMaker
from bench.gen_people import static_tables
from bench.gen_sinks import PgSink, SqliteSink
from server import migrate
from server.config import Settings
from server.services.billing.periods import add_months, local_today, month_end, month_start

PROTECTED = {"test", "postgres", "template0", "template1"}


def open_sink(url: str, fresh: bool):
    settings = Settings(db_url=url, data_dir=Path("data"))
    if url.startswith("sqlite"):
        path = Path(url.split("///", 1)[1])
        if fresh and path.exists():
            path.unlink()
        migrate.upgrade(settings)
        return SqliteSink(path)
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    name = conninfo.rsplit("/", 1)[1].split("?")[0]
    if fresh:
        if name in PROTECTED or not name.startswith("diennha_bench"):
            sys.exit(f"refusing to recreate database {name!r}: use a diennha_bench* name")
        import psycopg

        with psycopg.connect(conninfo.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}"')
    migrate.upgrade(settings)
    return PgSink(conninfo)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True, help="postgresql://… or sqlite:///path")
    p.add_argument("--contracts", type=int, default=2000)
    p.add_argument("--years", type=int, default=2)
    p.add_argument("--ami-share", type=float, default=0.9)
    p.add_argument("--unbilled-months", type=int, default=1, help="latest months left unbilled")
    p.add_argument("--seed", type=int, default=9)
    p.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    args = p.parse_args()
    started = time.perf_counter()

    def say(text: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f}s] {text}", flush=True)

    sink = open_sink(args.db, args.fresh)
    rng = random.Random(args.seed)
    specs = gm.contracts(args.contracts, args.ami_share, rng)
    today = local_today()
    first = add_months(month_start(today), -12 * args.years)
    bill_until = add_months(month_start(today), -1 - args.unbilled_months)
    for name, columns, rows in static_tables(specs, first, today, rng):
        sink.table(name, columns, rows)
    say(f"{len(specs)} contracts, people, links, meters, reading schedule")
    sink.prepare_readings()
    rows = load_history(sink, specs, first, today, bill_until, rng, say)
    sizes = sink.finish(say)
    sink.close()
    elapsed = time.perf_counter() - started
    say(
        f"done: {rows['daily']:,} daily readings, {rows['index']:,} index readings, "
        f"{rows['bills']:,} bills in {elapsed:.0f} s ({rows['daily'] / elapsed:,.0f} readings/s)"
    )
    for table, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {table:<20} {size / 2**20:10,.1f} MiB")
    print(f"  {'total':<20} {sum(sizes.values()) / 2**20:10,.1f} MiB")


def load_history(sink, specs, first: date, today: date, bill_until: date, rng, say) -> dict:
    """Day loop: readings of every AMI meter, the register of every meter, an index read and
    a finished period on each area's reading day, the month's bills at its end."""
    noise, est = gm.noise_table(rng), gm.estimated_table(rng)
    mask = gm.NOISE_SIZE - 1
    groups = {}
    for region in ("HCM", "HN"):
        ami = [s for s in specs if s.ami and s.region == region]
        groups[region] = (ami, [str(s.meter_id) for s in ami], [s.daily_wh for s in ami])
    bills = BillMaker(specs, first, bill_until, rng)
    counts = {"daily": 0, "index": 0, "bills": 0}
    month = first
    while month < today:
        sink.begin_block()
        day = month
        while day <= month_end(month) and day < today:
            for region, (_ami, ids, levels) in groups.items():
                f, off, eoff = gm.day_factor(region, day), rng.randrange(mask), rng.randrange(mask)
                whs = [
                    int(lv * f * noise[(k * 7 + off) & mask] * 0.1 + 0.5) * 10
                    for k, lv in enumerate(levels)
                ]
                ests = [est[(k * 13 + eoff) & mask] for k in range(len(ids))]
                sink.daily(day, ids, whs, ests)
                bills.add_ami_day(region, whs)
                bills.add_manual_day(region, f)
                counts["daily"] += len(ids)
                if day == gm.read_day_of(region, month_end(month)):
                    counts["index"] += bills.read(region, day, month)
            day = date.fromordinal(day.toordinal() + 1)
        sink.end_block()
        if month <= bill_until:
            made = bills.month_rows(month)
            sink.table("bills", bills.COLUMNS, made)
            counts["bills"] += len(made)
        sink.table("index_readings", bills.INDEX_COLUMNS, bills.take_index_rows())
        say(f"{month:%Y-%m}: {counts['daily']:,} daily readings, {counts['bills']:,} bills")
        month = add_months(month, 1)
    sink.table("invoice_counters", ["serial", "last_no"], bills.counters.items())
    return counts


if __name__ == "__main__":
    main()
