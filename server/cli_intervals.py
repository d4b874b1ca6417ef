"""Interval commands: `python -m server import-intervals FILE` and `interval-partitions
[--ahead N] [--detach-before YYYY-MM]` (see --help of each)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser(
        "import-intervals", help="load half-hourly readings from a CSV file ('-' = stdin)"
    )
    r.add_argument("file")
    r.set_defaults(func=cmd_import_intervals)
    p = sub.add_parser(
        "interval-partitions",
        help="PostgreSQL: make the coming months' partitions; optionally detach old months",
    )
    p.add_argument("--ahead", type=int, default=2, help="months after this one to make (2)")
    p.add_argument("--detach-before", default=None, help="YYYY-MM: detach every older month")
    p.set_defaults(func=cmd_partitions)


def _context():
    from server.config import settings_or_exit
    from server.context import ServerContext

    return ServerContext.build(settings_or_exit())


def cmd_import_intervals(args: argparse.Namespace) -> None:
    from server.services.usage.readings_import import ReadingsRejected

    try:
        if args.file == "-":
            result = asyncio.run(_import(sys.stdin))
        else:
            with Path(args.file).open(encoding="utf-8-sig", newline="") as handle:
                result = asyncio.run(_import(handle))
    except OSError as exc:
        sys.exit(f"import-intervals: cannot read {args.file}: {exc.strerror}")
    except ReadingsRejected as exc:
        for line in exc.errors:
            print(f"{args.file}: {line}", file=sys.stderr)
        sys.exit(f"import-intervals: {len(exc.errors)} error(s); nothing was imported")
    print(json.dumps(asdict(result), ensure_ascii=False))


async def _import(lines):
    from server.services.billing.periods import local_today
    from server.services.intervals.csv_import import csv_rows
    from server.services.intervals.importing import import_rows

    ctx = _context()
    try:
        errors: list[str] = []
        return await import_rows(ctx.sessions, csv_rows(lines, local_today(), errors), errors)
    finally:
        await ctx.close()


def cmd_partitions(args: argparse.Namespace) -> None:
    from server.services.billing.periods import parse_month

    before = None
    if args.detach_before:
        try:
            before = parse_month(args.detach_before)
        except ValueError as exc:
            sys.exit(f"interval-partitions: {exc}")
    try:
        print(json.dumps(asyncio.run(_partitions(args.ahead, before))))
    except ValueError as exc:
        sys.exit(f"interval-partitions: {exc}")


async def _partitions(ahead: int, before):
    from server.services.billing.periods import local_today
    from server.services.intervals import partitions

    ctx = _context()
    try:
        async with ctx.sessions() as session:
            made = await partitions.ensure_ahead(session, local_today(), ahead)
            detached = await partitions.detach_before(session, before) if before else []
            await session.commit()
            return {"created": [m.strftime("%Y-%m") for m in made], "detached": detached}
    finally:
        await ctx.close()
