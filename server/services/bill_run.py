"""Monthly bill run: every contract whose billing period ends in a month gets one bill from
its readings, priced by the domain tariff engine, numbered, and announced to every approved
link. Batches commit one by one (bills, invoice numbers and notices together), so a run
killed midway keeps whole batches only, and running the month again bills only the rest;
the unique (customer_code, period_month) makes a second bill for a month impossible.

On PostgreSQL one run per month holds an advisory lock (a second gets 409), and two batches
are in flight at once: while one is written and committed by the database, the next is
priced in Python. Invoice numbers are taken under the counter's row lock, just before the
write, so no number is lost when a batch rolls back."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.models import Bill
from server.notify.hub import NoticeHub
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.services.bill_compose import compose_bills, insert_bills
from server.services.bill_sources import Candidate, unbilled
from server.services.periods import Schedule, add_months, load_schedule, local_today, month_label

BATCH = 1000


@dataclass
class BillRunResult:
    month: str
    created: int = 0
    already_billed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    stopped: bool = False

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


async def bill_batch(
    session: AsyncSession,
    month: date,
    today: date,
    result: BillRunResult,
    after: str = "",
    limit: int = BATCH,
    backdate: bool = False,
    announce: bool = True,
) -> tuple[int, str]:
    """Bills up to `limit` unbilled contracts after code `after` in the caller's transaction
    (one run at a time is the caller's business: the seed and tests use it directly).
    Returns how many contracts were looked at and the last code (the next `after`).
    `backdate` dates each bill the day after its reading whatever `today` is, and `announce`
    False writes no bill_issued notices: both for loading history."""
    candidates = await unbilled(session, month, after, limit)
    if not candidates:
        return 0, after
    schedule = await load_schedule(session, add_months(month, -1), month)
    rows = await compose_bills(session, candidates, month, today, schedule, result, backdate)
    created = await insert_bills(session, rows, announce)
    result.created += created
    return len(candidates), candidates[-1].code


@asynccontextmanager
async def _one_run_per_month(sessions: async_sessionmaker[AsyncSession], month: date):
    engine = sessions.kw["bind"]
    if engine.dialect.name != "postgresql":
        yield  # SQLite has one writer at a time; a clash would fail on the unique constraint
        return
    key = zlib.crc32(f"bill-run:{month.isoformat()}".encode())
    async with engine.connect() as conn:  # the lock lives as long as this connection's session
        got = await conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
        await conn.commit()
        if not got:
            raise AppError(409, "bill_run_in_progress", "This month's bill run is already running.")
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            await conn.commit()


async def _batches(
    sessions: async_sessionmaker[AsyncSession], month: date, size: int
) -> AsyncIterator[list[Candidate]]:
    after = ""
    while True:
        async with sessions() as session:
            batch = await unbilled(session, month, after, size)
        if not batch:
            return
        yield batch
        if len(batch) < size:
            return
        after = batch[-1].code


async def run_bill_run(
    sessions: async_sessionmaker[AsyncSession],
    hub: NoticeHub,
    month: date,
    today: date | None = None,
    batch_size: int = BATCH,
    stop: Callable[[], bool] | None = None,
    in_flight: int = 2,
) -> BillRunResult:
    """The whole month, batch after batch, each in its own transaction; `stop()` true ends
    the run between batches (a graceful SIGTERM: nothing half-done, the re-run continues)."""
    today = today or local_today()
    result = BillRunResult(month=month_label(month))
    async with sessions() as session:
        schedule = await load_schedule(session, add_months(month, -1), month)
    if sessions.kw["bind"].dialect.name != "postgresql":
        in_flight = 1
    slots, tasks = asyncio.Semaphore(in_flight), []

    async def bill(batch: list[Candidate]) -> None:
        try:
            async with sessions() as session:
                await _write(session, hub, batch, month, today, schedule, result)
        finally:
            slots.release()

    async with _one_run_per_month(sessions, month):
        try:
            async for batch in _batches(sessions, month, batch_size):
                await slots.acquire()
                tasks.append(asyncio.create_task(bill(batch)))
                if stop is not None and stop():
                    result.stopped = True
                    break
        finally:
            outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
    async with sessions() as session:
        total = await session.scalar(
            select(func.count()).select_from(Bill).where(Bill.period_month == month)
        )
    result.already_billed = int(total or 0) - result.created
    return result


async def _write(session, hub, batch, month, today, schedule: Schedule, result) -> None:
    rows = await compose_bills(session, batch, month, today, schedule, result)
    created = await insert_bills(session, rows)
    await commit_and_announce(session, hub)
    result.created += created  # after the awaits: batches in flight share `result`
