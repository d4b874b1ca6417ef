"""Monthly bill run: every contract whose billing period ends in a month gets one bill from
its readings, priced by the domain tariff engine, numbered, and announced to every approved
link. The unbilled contracts are cut into code ranges of `batch_size` up front; each range
is one transaction (bills, invoice numbers and notices together), so a run stopped or killed
midway keeps whole batches only, and running the month again bills only the rest; the
unique (customer_code, period_month) makes a second bill for a month impossible.

On PostgreSQL one run per month holds an advisory lock (a second gets 409) for its whole
length, and two batches are in flight at once: while one is written and committed by the
database, the next is priced in Python. With `workers` > 1 the ranges are shared out to
that many processes (bill_run_parallel.py), all under the lock this process holds.

Invoice numbers: each batch takes a block of consecutive numbers per serial from the
counter row just before inserting its bills, and that row lock is held until the batch
commits. A batch that rolls back (error, SIGKILL, lost connection) undoes its increment, so
the committed numbers of a serial are always 1..N without gap or repeat; they follow the
order in which batches commit, not the customer codes (with several workers or batches in
flight, a later range can commit first)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server import dialect
from server.models import Bill
from server.notify import inbox
from server.notify.hub import NoticeHub
from server.services.billing.bill_run_announce import Announcer
from server.services.billing.bill_run_batch import BatchOutcome, bill_range
from server.services.billing.bill_run_lock import batch_ranges, one_run_per_month
from server.services.billing.periods import add_months, load_schedule, local_today, month_label

BATCH = 1000
_one_run_per_month = one_run_per_month  # the name tests/server/test_bill_run.py imports


@dataclass
class BillRunResult:
    month: str
    created: int = 0
    already_billed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    stopped: bool = False

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + count

    def add(self, batch: BatchOutcome) -> None:
        self.created += batch.created
        for reason, count in batch.skipped.items():
            self.skip(reason, count)


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
    schedule = await load_schedule(session, add_months(month, -1), month)
    out = await bill_range(session, month, today, schedule, after, None, limit, backdate, announce)
    result.add(out)
    session.info.setdefault(inbox._ANNOUNCE, set()).update(out.told)  # commit_and_announce
    return out.looked_at, out.last_code


async def run_bill_run(
    sessions: async_sessionmaker[AsyncSession],
    hub: NoticeHub,
    month: date,
    today: date | None = None,
    batch_size: int = BATCH,
    stop: Callable[[], bool] | None = None,
    in_flight: int = 2,
    workers: int = 1,
) -> BillRunResult:
    """The whole month, batch after batch, each in its own transaction; `stop()` true ends
    the run between batches (a graceful SIGTERM: nothing half-done, the re-run continues).
    `workers` > 1 bills in that many processes on PostgreSQL (one process on SQLite)."""
    today = today or local_today()
    result = BillRunResult(month=month_label(month))
    postgres = dialect.is_postgresql(sessions)
    async with one_run_per_month(sessions, month):
        async with sessions() as session:
            schedule = await load_schedule(session, add_months(month, -1), month)
            ranges = await batch_ranges(session, month, batch_size)
        announcer = Announcer(hub)
        try:
            if postgres and workers > 1 and len(ranges) > 1:
                from server.services.billing.bill_run_parallel import run_in_processes

                await run_in_processes(
                    sessions, announcer, month, today, schedule, ranges, stop, in_flight,
                    workers, result,
                )  # fmt: skip
            else:
                in_flight = in_flight if postgres else 1
                await _run_here(
                    sessions, announcer, month, today, schedule, ranges, stop, in_flight, result
                )
        finally:
            await announcer.close()
    async with sessions() as session:
        total = await session.scalar(
            select(func.count()).select_from(Bill).where(Bill.period_month == month)
        )
    result.already_billed = int(total or 0) - result.created
    return result


async def _run_here(sessions, announcer, month, today, schedule, ranges, stop, in_flight, result):
    slots, tasks = asyncio.Semaphore(in_flight), []

    async def bill(after: str, upto: str | None) -> None:
        try:
            async with sessions() as session:
                out = await bill_range(session, month, today, schedule, after, upto)
                await session.commit()
            result.add(out)  # after the awaits: batches in flight share `result`
            announcer.add(out.told)
        finally:
            slots.release()

    try:
        for number, (after, upto) in enumerate(ranges, start=1):
            await slots.acquire()
            tasks.append(asyncio.create_task(bill(after, upto)))
            if stop is not None and stop() and number < len(ranges):
                result.stopped = True
                break
    finally:
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
