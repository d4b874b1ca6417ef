"""The monthly bill run at scale: tariff computation alone (bills/s in one process), then
the real run_bill_run end to end into the database (bills, invoice numbers, inbox and
outbox notices, batch commits) with --workers processes, then the same month again
(idempotent: nothing to do). Besides wall-clock bills/s it counts the CPU seconds of this
process and its workers and of the PostgreSQL backends serving the bench database (sampled
from /proc), and the whole machine's busy cores, because other work on a shared machine
moves the wall clock but not the CPU per bill.

  python bench/bill_run.py --db postgresql://postgres@127.0.0.1:5432/diennha_bench --reset

The month defaults to the one bench/generate.py left unbilled (last month). --reset first
deletes that month's bills and the notices they caused, so the run can be repeated.
--check N then re-bills N random contracts of the month through the portable path
(SQLAlchemy inserts, the pre-COPY code) in a rolled-back transaction and compares every
column, and checks that each serial's numbers are consecutive."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import sys
import threading
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from bench import procs  # /proc CPU counters
from domain.tariff import compute_bill
from server.config import Settings
from server.context import ServerContext
from server.services.billing.bill_run import BATCH, run_bill_run
from server.services.billing.bill_run_batch import bill_range
from server.services.billing.periods import (
    add_months,
    load_schedule,
    local_today,
    month_start,
    parse_month,
)

RESET = [
    # notices first: the run wrote them at its bills' creation time or later
    """DELETE FROM notifications WHERE kind = 'bill_issued'
       AND created_at >= (SELECT min(created_at) FROM bills WHERE period_month = :m)""",
    """DELETE FROM outbox WHERE body LIKE '%bill_issued%'
       AND created_at >= (SELECT min(created_at) FROM bills WHERE period_month = :m)""",
    "DELETE FROM bills WHERE period_month = :m",
]


def tariff_only(seconds: float = 3.0) -> tuple[float, float]:
    """(bills/s of compute_bill, bills/s of compute_bill + the breakdown as JSON) over a
    month of household kWh with daily-reading decimals, one tariff table."""
    rng = random.Random(9)
    cases = [Decimal(rng.randint(30_000, 900_000) // 10 * 10).scaleb(-3) for _ in range(20_000)]
    start, end = date(2025, 6, 1), date(2025, 6, 30)
    rates = []
    for with_json in (False, True):
        done, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            for kwh in cases:
                b = compute_bill(kwh, start, end, 1)
                if with_json:
                    b.model_dump(mode="json")
            done += len(cases)
        rates.append(done / (time.perf_counter() - t0))
    return rates[0], rates[1]


async def end_to_end(url: str, month: date, batch: int, reset: bool, workers: int) -> dict:
    ctx = ServerContext.build(Settings(db_url=url, data_dir=Path("data")))
    out = {}
    try:
        if reset:
            async with ctx.sessions() as s:
                for sql in RESET:
                    await s.execute(text(sql), {"m": month})
                await s.commit()
        for label in ("first_run", "re_run"):
            cpu = CpuMeter(ctx.engine.url.database)
            result = await run_bill_run(
                ctx.sessions, ctx.hub, month, batch_size=batch, workers=workers
            )
            used = cpu.stop()
            out[label] = {
                "created": result.created,
                "already_billed": result.already_billed,
                "skipped": result.skipped,
                "bills_per_s": round(result.created / used["seconds"]) if result.created else None,
                **used,
            }
            if result.created:
                per_bill = (used["python_cpu_s"] + used["postgres_cpu_s"]) / result.created
                out[label]["cpu_us_per_bill"] = round(per_bill * 1e6, 1)
    finally:
        await ctx.close()
    return out


class CpuMeter:
    """CPU seconds of this process + its children, of the PostgreSQL backends whose title
    names `database` (sampled every 50 ms: backends end with their connections), and of
    the whole machine, from now until stop()."""

    def __init__(self, database: str) -> None:
        self.tag, self.seen, self.done = f" {database} ", {}, threading.Event()
        self.base = procs.cpu_snapshot(self._backends())  # connections already open
        self.t0, self.own0 = time.perf_counter(), self._own()
        self.busy0 = procs.machine_busy_seconds()[0]
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    @staticmethod
    def _own() -> float:
        me, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    def _backends(self) -> list[int]:
        found = []
        for pid in procs.postgres_pids():
            try:
                title = Path(f"/proc/{pid}/cmdline").read_text()
            except OSError:
                continue
            if self.tag in title:
                found.append(pid)
        return found

    def _sample(self) -> None:
        backends: set[int] = set()
        while not self.done.wait(0.05):
            backends.update(self._backends())
            # the last value seen: a backend ends with its connection
            self.seen.update(procs.cpu_snapshot(list(backends)))
        self.sampler_cpu = time.thread_time()  # the meter's own cost, not the run's

    def stop(self) -> dict:
        seconds = time.perf_counter() - self.t0
        busy = procs.machine_busy_seconds()[0] - self.busy0
        self.done.set()
        self.thread.join()
        self.seen.update(procs.cpu_snapshot(list(self.seen)))
        python = self._own() - self.own0 - self.sampler_cpu
        postgres = sum(cpu - self.base.get(pid, 0.0) for pid, cpu in self.seen.items())
        return {
            "seconds": round(seconds, 2),
            "python_cpu_s": round(python, 2),
            "postgres_cpu_s": round(postgres, 2),
            "machine_busy_cores": round(busy / seconds, 2),
            "others_busy_cores": round(max(0.0, busy - python - postgres) / seconds, 2),
        }


async def check_sample(url: str, month: date, n: int) -> dict:
    """Re-bills n random billed contracts through the portable path, rolled back: equal?"""
    ctx = ServerContext.build(Settings(db_url=url, data_dir=Path("data")))
    cols = (
        "customer_code, period_start, period_end, households, start_index_wh, end_index_wh, "
        "wh, subtotal, vat, total, breakdown::text, invoice_serial, issued_on, due_date, status"
    )
    mine = f"SELECT {cols} FROM bills WHERE period_month = :m AND customer_code = ANY(:c)"
    try:
        async with ctx.sessions() as s:
            gaps = (
                await s.execute(
                    text(
                        "SELECT invoice_serial FROM bills WHERE period_month = :m "
                        "GROUP BY invoice_serial "
                        "HAVING max(invoice_no) - min(invoice_no) + 1 <> count(DISTINCT invoice_no)"
                        " OR count(*) <> count(DISTINCT invoice_no)"
                    ),
                    {"m": month},
                )
            ).all()
            codes = list(
                (
                    await s.execute(
                        text(
                            "SELECT customer_code FROM bills WHERE period_month = :m "
                            "ORDER BY random() LIMIT :n"
                        ),
                        {"m": month, "n": n},
                    )
                ).scalars()
            )
            fast = (await s.execute(text(mine), {"m": month, "c": codes})).all()
            await s.execute(
                text("DELETE FROM bills WHERE period_month = :m AND customer_code = ANY(:c)"),
                {"m": month, "c": codes},
            )
            schedule = await load_schedule(s, add_months(month, -1), month)
            today = fast[0].issued_on if fast else local_today()
            await bill_range(s, month, today, schedule, "", portable=True)
            portable = (await s.execute(text(mine), {"m": month, "c": codes})).all()
            await s.rollback()
    finally:
        await ctx.close()
    return {
        "contracts_compared": len(codes),
        "identical": sorted(fast) == sorted(portable) and len(fast) == len(codes),
        "serials_with_gaps": [g[0] for g in gaps],
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True)
    p.add_argument("--month", default=None, help="YYYY-MM, default last month")
    p.add_argument("--batch", type=int, default=BATCH)
    p.add_argument("--reset", action="store_true", help="delete the month's bills first")
    p.add_argument("--skip-tariff", action="store_true")
    p.add_argument("--check", type=int, default=0, metavar="N", help="compare N bills (above)")
    p.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="processes (PostgreSQL)"
    )
    args = p.parse_args()
    month = parse_month(args.month) if args.month else add_months(month_start(local_today()), -1)
    report: dict = {"month": f"{month:%Y-%m}", "batch": args.batch, "workers": args.workers}
    if not args.skip_tariff:
        alone, with_json = tariff_only()
        report["tariff_bills_per_s"] = round(alone)
        report["tariff_plus_json_bills_per_s"] = round(with_json)
    report.update(asyncio.run(end_to_end(args.db, month, args.batch, args.reset, args.workers)))
    if args.check:
        report["check"] = asyncio.run(check_sample(args.db, month, args.check))
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
