"""Monthly partitions of interval_readings on PostgreSQL (declarative RANGE partitioning).

Why the app's own job and not pg_partman: the whole job is two statements — CREATE TABLE …
PARTITION OF for the months that will be needed and ALTER TABLE … DETACH PARTITION for months
to archive — so it runs in tests on the stock PostgreSQL the project already uses, with no
extension to install, preload or upgrade on every server. Imports also make the months their
data needs (so history loads without a preparation step); `python -m server
interval-partitions` makes the coming months and can detach old ones. A detached partition is
an ordinary table: dump it (pg_dump -t) to archive and drop it. On SQLite there is one table
and nothing to do; detaching is refused with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from server.services.billing.periods import add_months, month_start

PARENT = "interval_readings"


def partition_name(month: date) -> str:
    return f"{PARENT}_y{month.year}m{month.month:02d}"


def is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def attached_months(session: AsyncSession) -> list[date]:
    """The months that have a partition attached now, oldest first."""
    if not is_postgres(session):
        return []
    rows = await session.execute(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = CAST(:parent AS regclass) ORDER BY c.relname"
        ),
        {"parent": PARENT},
    )
    months = []
    for (name,) in rows:
        y, m = name.removeprefix(f"{PARENT}_y").split("m")
        months.append(date(int(y), int(m), 1))
    return months


async def ensure_months(session: AsyncSession, days: Iterable[date]) -> list[date]:
    """Creates the partition of every month these days fall in (if missing); returns the
    months created. The caller commits (creating one takes a short lock on the parent)."""
    if not is_postgres(session):
        return []
    wanted = sorted({month_start(d) for d in days})
    have = set(await attached_months(session))
    made = []
    for month in wanted:
        if month in have:
            continue
        await session.execute(
            text(
                f'CREATE TABLE IF NOT EXISTS "{partition_name(month)}" PARTITION OF {PARENT} '
                f"FOR VALUES FROM ('{month.isoformat()}') TO ('{add_months(month, 1).isoformat()}')"
            )
        )
        made.append(month)
    return made


async def ensure_ahead(session: AsyncSession, today: date, months_ahead: int) -> list[date]:
    """This month's partition and the next `months_ahead` ones."""
    first = month_start(today)
    return await ensure_months(session, (add_months(first, i) for i in range(months_ahead + 1)))


async def detach_before(session: AsyncSession, month: date) -> list[str]:
    """Detaches every partition of a month before `month` (newer months stay as they are);
    returns the names of the tables now standing alone, ready to archive."""
    if not is_postgres(session):
        raise ValueError("SQLite keeps interval readings in one table: nothing to detach")
    names = []
    for m in await attached_months(session):
        if m < month_start(month):
            name = partition_name(m)
            await session.execute(text(f'ALTER TABLE {PARENT} DETACH PARTITION "{name}"'))
            names.append(name)
    return names
