"""What a bill run reads, in a few set-based queries per batch: contracts still to bill with
the end of each one's previous bill and its approved links, daily energy sums (AMI) and
index readings (manual). These are the portable queries (SQLite, asyncpg); on psycopg the
run uses the PostgreSQL forms in bill_run_pg.py, which return the same values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from server.models import Bill, Contract, DailyReading, IndexReading, Link, Meter
from server.models.accounts import household_link
from server.services.billing.batch_sql import one_of
from server.services.billing.periods import add_months


@dataclass(slots=True)
class Candidate:
    code: str
    area: str
    meter_type: str
    households: int
    meter_id: int
    installed_on: date
    base_wh: int
    prev_end: date | None = None  # period_end and end_index_wh of the latest earlier bill
    prev_wh: int | None = None
    users: tuple[int, ...] = ()  # approved links, to tell
    bill_id: int | None = None  # taken from the sequence up front (PostgreSQL only)
    supply_ends_on: date | None = None  # a terminated contract's last day of supply


async def unbilled(
    session: AsyncSession,
    month: date,
    after: str,
    upto: str | None = None,
    limit: int | None = None,
    links: bool = True,
) -> list[Candidate]:
    """Contracts with a meter and no bill for `month`, in code order, after `after` and up to
    `upto` (inclusive) or `limit` of them, with their previous bill and approved links."""
    billed = aliased(Bill)
    prev = aliased(Bill)
    latest = (
        select(func.max(billed.period_month))
        .where(billed.customer_code == Contract.customer_code, billed.period_month < month)
        .scalar_subquery()
    )
    done = select(billed.id).where(
        billed.customer_code == Contract.customer_code, billed.period_month == month
    )
    q = (
        select(
            Contract.customer_code,
            Contract.area_code,
            Contract.meter_type,
            Contract.households,
            Meter.id,
            Meter.installed_on,
            Meter.base_wh,
            prev.period_end,
            prev.end_index_wh,
            Contract.supply_ends_on,
        )
        .join(Meter, Meter.customer_code == Contract.customer_code)
        .outerjoin(
            prev,
            (prev.customer_code == Contract.customer_code) & (prev.period_month == latest),
        )
        .where(Contract.customer_code > after, ~done.exists())
        # a terminated contract: billed until a bill ends on its last day of supply (the
        # final bill, bill_compose.plan_periods), then never again; the month guard ends a
        # contract that was never billed (a period starts at most a month before its month)
        .where(
            or_(
                Contract.supply_ends_on.is_(None),
                (Contract.supply_ends_on >= add_months(month, -1))
                & or_(prev.period_end.is_(None), prev.period_end < Contract.supply_ends_on),
            )
        )
        .order_by(Contract.customer_code)
    )
    if upto is not None:
        q = q.where(Contract.customer_code <= upto)
    if limit is not None:
        q = q.limit(limit)
    found = [
        Candidate(code, area, kind, hh, meter, installed, base, pend, pwh, supply_ends_on=ends)
        for code, area, kind, hh, meter, installed, base, pend, pwh, ends in (
            await session.execute(q)
        ).all()
    ]
    if found and links:
        told: dict[str, list[int]] = defaultdict(list)
        rows = await session.execute(
            select(Link.customer_code, Link.user_id)
            .where(
                one_of(session, Link.customer_code, [c.code for c in found]),
                household_link(),
            )
            .order_by(Link.user_id)
        )
        for code, user_id in rows.all():
            told[code].append(user_id)
        for c in found:
            c.users = tuple(told.get(c.code, ()))
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
