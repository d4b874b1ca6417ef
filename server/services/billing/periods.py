"""Months, local dates and billing periods: a period runs from the day after the previous
month's reading day to this month's reading day (the last day of the month unless the
area's schedule says otherwise)."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.months import (  # re-exported: the server reads months from here
    add_months,
    month_end,
    month_label,
    month_start,
    months_between,
    parse_month,
)
from server.models import ReadingSchedule

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
__all__ = [
    "LOCAL_TZ",
    "Schedule",
    "add_months",
    "load_schedule",
    "local_today",
    "month_end",
    "month_label",
    "month_start",
    "months_between",
    "parse_month",
    "period_of",
    "read_day",
]

Schedule = dict[tuple[str, date], date]  # (area, first of month) -> reading day


def local_today() -> date:
    """Today in Việt Nam on the one business clock (domain/clock.py)."""
    return clock.today()


def read_day(schedule: Schedule, area: str, month: date) -> date:
    return schedule.get((area, month)) or month_end(month)


def period_of(schedule: Schedule, area: str, month: date) -> tuple[date, date]:
    """The billing period (inclusive) that ends in `month` for a contract in `area`."""
    start = read_day(schedule, area, add_months(month, -1)) + timedelta(days=1)
    return start, read_day(schedule, area, month)


async def load_schedule(
    session: AsyncSession, first: date, last: date, area: str | None = None
) -> Schedule:
    """Scheduled reading days of months first..last (first days of months), all or one area."""
    q = select(ReadingSchedule.area_code, ReadingSchedule.month, ReadingSchedule.read_on).where(
        ReadingSchedule.month.between(first, last)
    )
    if area is not None:
        q = q.where(ReadingSchedule.area_code == area)
    return {(a, m): r for a, m, r in (await session.execute(q)).all()}


def current_period(schedule: Schedule, area: str, today: date) -> tuple[date, date, date]:
    """(month, start, end) of the period `today` falls in (the one not yet read)."""
    month = month_start(today)
    start, end = period_of(schedule, area, month)
    if today > end:  # read early this month: today already belongs to next month's period
        month = add_months(month, 1)
        start, end = period_of(schedule, area, month)
    return month, start, end
