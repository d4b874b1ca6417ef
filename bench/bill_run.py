"""The monthly bill run at scale: tariff computation alone (bills/s in one process), then
the real run_bill_run end to end into the database (bills, invoice numbers, inbox and
outbox notices, batch commits), then the same month again (idempotent: nothing to do).

  python bench/bill_run.py --db postgresql://postgres@127.0.0.1:5432/diennha_bench

The month defaults to the one bench/generate.py left unbilled (last month). --reset first
deletes that month's bills and the notices they caused, so the run can be repeated."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from domain.tariff import compute_bill
from server.config import Settings
from server.context import ServerContext
from server.services.bill_run import BATCH, run_bill_run
from server.services.periods import add_months, local_today, month_start, parse_month

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
            t0 = time.perf_counter()
            result = await run_bill_run(
                ctx.sessions, ctx.hub, month, batch_size=batch, workers=workers
            )
            seconds = time.perf_counter() - t0
            out[label] = {
                "seconds": round(seconds, 2),
                "created": result.created,
                "already_billed": result.already_billed,
                "skipped": result.skipped,
                "bills_per_s": round(result.created / seconds) if result.created else None,
            }
    finally:
        await ctx.close()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True)
    p.add_argument("--month", default=None, help="YYYY-MM, default last month")
    p.add_argument("--batch", type=int, default=BATCH)
    p.add_argument("--reset", action="store_true", help="delete the month's bills first")
    p.add_argument("--skip-tariff", action="store_true")
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
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
