"""Billing commands: `python -m server bill-run 2025-06`, `import-readings FILE`,
`daily-notices [--date D]`, `prune [--outbox-days N]` (see --help of each)."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("bill-run", help="bill every contract whose period ends in MONTH")
    b.add_argument("month", help="YYYY-MM, e.g. 2025-06")
    b.add_argument("--batch", type=int, default=1000, help="contracts per transaction")
    b.add_argument(
        "--workers",
        type=int,
        default=min(os.cpu_count() or 1, 8),  # each holds two database connections
        help="processes billing in parallel on PostgreSQL (default: one per CPU, at most 8;"
        " SQLite: always 1)",
    )
    b.set_defaults(func=cmd_bill_run)
    r = sub.add_parser("import-readings", help="load meter readings from a CSV file ('-' = stdin)")
    r.add_argument("file")
    r.set_defaults(func=cmd_import_readings)
    d = sub.add_parser("daily-notices", help="send today's scheduled notices (safe to repeat)")
    d.add_argument("--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
    d.set_defaults(func=cmd_daily_notices)
    p = sub.add_parser("prune", help="delete outside messages sent long ago (safe to repeat)")
    p.add_argument(
        "--outbox-days", type=int, default=30, help="keep sent/failed messages this long (30)"
    )
    p.set_defaults(func=cmd_prune)


def _context():
    from server.config import settings_or_exit
    from server.context import ServerContext

    return ServerContext.build(settings_or_exit())


def cmd_bill_run(args: argparse.Namespace) -> None:
    from server.services.billing.periods import local_today, month_start, parse_month

    try:
        month = parse_month(args.month)
    except ValueError as exc:
        sys.exit(f"bill-run: {exc}")
    if month > month_start(local_today()):
        sys.exit(f"bill-run: {args.month} has not started yet")
    if args.batch < 1 or args.workers < 1:
        sys.exit("bill-run: --batch and --workers must be at least 1")
    result = asyncio.run(_bill_run(month, args.batch, args.workers))
    print(json.dumps(asdict(result), ensure_ascii=False))
    if result.stopped:
        sys.exit(1)


async def _bill_run(month: date, batch: int, workers: int):
    from server.services.billing.bill_run import run_bill_run

    ctx = _context()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        return await run_bill_run(
            ctx.sessions, ctx.hub, month, batch_size=batch, stop=stop.is_set, workers=workers
        )
    finally:
        await ctx.close()


def cmd_import_readings(args: argparse.Namespace) -> None:
    from server.services.usage.readings_import import ReadingsRejected

    try:
        if args.file == "-":
            result = asyncio.run(_import(sys.stdin))
        else:
            with Path(args.file).open(encoding="utf-8-sig", newline="") as handle:
                result = asyncio.run(_import(handle))
    except OSError as exc:
        sys.exit(f"import-readings: cannot read {args.file}: {exc.strerror}")
    except ReadingsRejected as exc:
        for line in exc.errors:
            print(f"{args.file}: {line}", file=sys.stderr)
        sys.exit(f"import-readings: {len(exc.errors)} error(s); nothing was imported")
    print(json.dumps(asdict(result)))


async def _import(lines):
    from server.services.billing.periods import local_today
    from server.services.usage.readings_import import csv_rows
    from server.services.usage.readings_store import store_readings

    ctx = _context()
    try:
        async with ctx.sessions() as session:
            errors: list[str] = []
            result = await store_readings(session, csv_rows(lines, local_today(), errors), errors)
            await session.commit()
            return result
    finally:
        await ctx.close()


def cmd_daily_notices(args: argparse.Namespace) -> None:
    print(json.dumps(asyncio.run(_daily(args.date))))


async def _daily(day: date | None) -> dict[str, int]:
    from server.notify.inbox import commit_and_announce
    from server.services.billing.periods import local_today
    from server.services.notices.reminders import run_daily_sweep

    ctx = _context()
    try:
        async with ctx.sessions() as session:
            counts = await run_daily_sweep(session, day or local_today())
            await commit_and_announce(session, ctx.hub)
            return counts
    finally:
        await ctx.close()


def cmd_prune(args: argparse.Namespace) -> None:
    if args.outbox_days < 1:
        sys.exit("prune: --outbox-days must be at least 1")
    print(json.dumps(asdict(asyncio.run(_prune(args.outbox_days)))))


async def _prune(outbox_days: int):
    from server.models import utcnow
    from server.services.notices.retention import prune_outbox

    ctx = _context()
    try:
        async with ctx.sessions() as session:
            return await prune_outbox(session, utcnow(), outbox_days)
    finally:
        await ctx.close()
