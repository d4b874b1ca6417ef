"""What a bill run reads, in a few set-based queries per batch: contracts still to bill, the
end of each one's previous bill, daily energy sums (AMI) and index readings (manual)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Bill, Contract, DailyReading, IndexReading, Meter
from server.services.batch_sql import one_of
from server.services.periods import add_months


@dataclass(slots=True)
class Candidate:
    code: str
    area: str
    meter_type: str
    households: int
    meter_id: int
    installed_on: date
    base_wh: int


async def unbilled(session: AsyncSession, month: date, after: str, limit: int) -> list[Candidate]:
    """Contracts with a meter and no bill for `month`, in code order after `after` (keyset)."""
    billed = select(Bill.id).where(
        Bill.customer_code == Contract.customer_code, Bill.period_month == month
    )
    rows = await session.execute(
        select(
            Contract.customer_code,
            Contract.area_code,
            Contract.meter_type,
            Contract.households,
            Meter.id,
            Meter.installed_on,
            Meter.base_wh,
        )
        .join(Meter, Meter.customer_code == Contract.customer_code)
        .where(Contract.customer_code > after, ~billed.exists())
        .order_by(Contract.customer_code)
        .limit(limit)
    )
    return [Candidate(*row) for row in rows.all()]


async def previous_bills(
    session: AsyncSession, codes: list[str], month: date
) -> dict[str, tuple[date, int]]:
    """code -> (period_end, end_index_wh) of its latest bill before `month`."""
    rows = await session.execute(
        select(Bill.customer_code, Bill.period_end, Bill.end_index_wh).where(
            one_of(session, Bill.customer_code, codes), Bill.period_month == add_months(month, -1)
        )
    )
    found = {code: (end, wh) for code, end, wh in rows.all()}
    missing = [c for c in codes if c not in found]
    if missing:  # a skipped month or a first bill: look further back, in one query
        latest = (
            select(Bill.customer_code, func.max(Bill.period_month).label("pm"))
            .where(one_of(session, Bill.customer_code, missing), Bill.period_month < month)
            .group_by(Bill.customer_code)
            .subquery()
        )
        rows = await session.execute(
            select(Bill.customer_code, Bill.period_end, Bill.end_index_wh).join(
                latest,
                (Bill.customer_code == latest.c.customer_code) & (Bill.period_month == latest.c.pm),
            )
        )
        found.update({code: (end, wh) for code, end, wh in rows.all()})
    return found


async def daily_sums(
    session: AsyncSession, meter_ids: list[int], first: date, last: date
) -> dict[int, tuple[int, int]]:
    """meter id -> (Wh, number of days with a reading) over first..last inclusive."""
    rows = await session.execute(
        select(DailyReading.meter_id, func.sum(DailyReading.wh), func.count())
        .where(
            one_of(session, DailyReading.meter_id, meter_ids), DailyReading.day.between(first, last)
        )
        .group_by(DailyReading.meter_id)
    )
    return {m: (int(wh), int(n)) for m, wh, n in rows.all()}


async def energy_before(
    session: AsyncSession, meter_ids: list[int], before: dict[int, date]
) -> dict[int, int]:
    """meter id -> Wh recorded before its date (first bill of a meter read for a while)."""
    sums: dict[int, int] = {}
    by_day: dict[date, list[int]] = defaultdict(list)
    for meter_id in meter_ids:
        by_day[before[meter_id]].append(meter_id)
    for day, ids in by_day.items():
        rows = await session.execute(
            select(DailyReading.meter_id, func.sum(DailyReading.wh))
            .where(one_of(session, DailyReading.meter_id, ids), DailyReading.day < day)
            .group_by(DailyReading.meter_id)
        )
        sums.update({m: int(wh) for m, wh in rows.all()})
    return sums


async def index_readings(
    session: AsyncSession, meter_ids: list[int], first: date, last: date
) -> dict[int, list[tuple[date, int]]]:
    """meter id -> [(read_on, index Wh)] between first and last inclusive, oldest first."""
    rows = await session.execute(
        select(IndexReading.meter_id, IndexReading.read_on, IndexReading.index_wh)
        .where(
            one_of(session, IndexReading.meter_id, meter_ids),
            IndexReading.read_on.between(first, last),
        )
        .order_by(IndexReading.meter_id, IndexReading.read_on)
    )
    found: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for meter_id, read_on, index_wh in rows.all():
        found[meter_id].append((read_on, index_wh))
    return found


async def index_before(
    session: AsyncSession, meter_ids: list[int], before: dict[int, date]
) -> dict[int, int]:
    """meter id -> latest index (Wh) read before its date: the start of a first manual bill."""
    found: dict[int, int] = {}
    for meter_id in meter_ids:  # first bills only: rare, one small query each
        row = (
            await session.execute(
                select(IndexReading.index_wh)
                .where(IndexReading.meter_id == meter_id, IndexReading.read_on < before[meter_id])
                .order_by(IndexReading.read_on.desc())
                .limit(1)
            )
        ).scalar_one_or_none()
        if row is not None:
            found[meter_id] = row
    return found
