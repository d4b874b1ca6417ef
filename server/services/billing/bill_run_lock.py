"""What a bill run does before billing: take the month's run lock (PostgreSQL advisory lock,
per schema, held by the run's own connection until the end) and cut the unbilled contracts
into code ranges of one batch each."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server import dialect
from server.problems import AppError

# hashtext of schema + month: test schemas (and tenants) sharing one database don't clash
_LOCK = "SELECT pg_try_advisory_lock(hashtext('bill-run:' || current_schema() || ':' || :m))"
_UNLOCK = "SELECT pg_advisory_unlock(hashtext('bill-run:' || current_schema() || ':' || :m))"

# Every `size`-th unbilled code (and the count); code order is the database's, as in the
# batches' own `customer_code > :after AND customer_code <= :upto`.
_BOUNDS = """
SELECT n, total, customer_code FROM (
    SELECT c.customer_code, row_number() OVER (ORDER BY c.customer_code) AS n,
           count(*) OVER () AS total
    FROM contracts c JOIN meters m ON m.customer_code = c.customer_code
    WHERE NOT EXISTS (SELECT 1 FROM bills b
                      WHERE b.customer_code = c.customer_code AND b.period_month = :month)
) t
WHERE n % :size = 0 OR n = total
ORDER BY n
"""


@asynccontextmanager
async def one_run_per_month(sessions: async_sessionmaker[AsyncSession], month: date):
    engine = sessions.kw["bind"]
    if not dialect.is_postgresql(engine):
        yield  # SQLite has one writer at a time; a clash would fail on the unique constraint
        return
    key = {"m": month.isoformat()}
    async with engine.connect() as conn:  # the lock lives as long as this connection's session
        got = await conn.scalar(text(_LOCK), key)
        await conn.commit()
        if not got:
            raise AppError(409, "bill_run_in_progress", "This month's bill run is already running.")
        try:
            yield
        finally:
            await conn.execute(text(_UNLOCK), key)
            await conn.commit()


async def batch_ranges(
    session: AsyncSession, month: date, size: int
) -> list[tuple[str, str | None]]:
    """(after, upto] code ranges of `size` unbilled contracts; the last is open-ended, so a
    contract added during the run is still billed. Empty when everything is billed."""
    rows = (await session.execute(text(_BOUNDS), {"month": month, "size": size})).all()
    await session.rollback()
    if not rows:
        return []
    total = rows[0][1]
    bounds = [code for n, _, code in rows if n != total]
    ranges: list[tuple[str, str | None]] = []
    after = ""
    for code in bounds:
        ranges.append((after, code))
        after = code
    ranges.append((after, None))
    return ranges
