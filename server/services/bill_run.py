"""Monthly bill run: every contract whose billing period ends in a month gets one bill from
its readings, priced by the domain tariff engine, numbered, and announced to every approved
link. Batches commit one by one (bills, invoice numbers and notices together), so a run
killed midway keeps whole batches only, and running the month again bills only the rest;
the unique (customer_code, period_month) makes a second bill for a month impossible."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.models import Bill
from server.notify.hub import NoticeHub
from server.notify.inbox import commit_and_announce
from server.services.bill_compose import compose_bills, insert_bills
from server.services.bill_sources import unbilled
from server.services.periods import add_months, load_schedule, local_today, month_label

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
    """Bills up to `limit` unbilled contracts after code `after`, without committing.
    Returns how many contracts were looked at and the last code (the next `after`).
    `backdate` dates each bill the day after its reading whatever `today` is, and `announce`
    False writes no bill_issued notices: both for loading history."""
    if session.get_bind().dialect.name == "postgresql":
        # Two runs of one month take turns per batch, so the second never sees a stale
        # "unbilled" list (SQLite has one writer at a time anyway).
        key = zlib.crc32(f"bill-run:{month.isoformat()}".encode())
        await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
    candidates = await unbilled(session, month, after, limit)
    if not candidates:
        return 0, after
    schedule = await load_schedule(session, add_months(month, -1), month)
    rows = await compose_bills(session, candidates, month, today, schedule, result, backdate)
    result.created += await insert_bills(session, rows, announce)
    return len(candidates), candidates[-1].code


async def run_bill_run(
    sessions: async_sessionmaker[AsyncSession],
    hub: NoticeHub,
    month: date,
    today: date | None = None,
    batch_size: int = BATCH,
    stop: Callable[[], bool] | None = None,
) -> BillRunResult:
    """The whole month, batch after batch, each in its own transaction; `stop()` true ends
    the run between batches (a graceful SIGTERM: nothing half-done, the re-run continues)."""
    today = today or local_today()
    result = BillRunResult(month=month_label(month))
    after = ""
    while True:
        async with sessions() as session:
            seen, after = await bill_batch(session, month, today, result, after, batch_size)
            await commit_and_announce(session, hub)
        if seen < batch_size:
            break
        if stop is not None and stop():
            result.stopped = True
            break
    async with sessions() as session:
        total = await session.scalar(
            select(func.count()).select_from(Bill).where(Bill.period_month == month)
        )
    result.already_billed = int(total or 0) - result.created
    return result
