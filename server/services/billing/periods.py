"""Months, local dates and billing periods: a period runs from the day after the previous
month's reading day to this month's reading day (the last day of the month unless the
area's schedule says otherwise)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from server.models import ReadingSchedule

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")

Schedule = dict[tuple[str, date], date]  # (area, first of month) -> reading day


def local_today() -> date:
    """Today in Việt Nam on the one business clock (domain/clock.py)."""
    return clock.today()


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def months_between(first: date, last: date) -> int:
    """Number of months from `first` to `last` counting both."""
    return (last.year - first.year) * 12 + last.month - first.month + 1


def parse_month(text: str) -> date:
    """'2025-06' -> date(2025, 6, 1); ValueError with a readable message otherwise."""
    m = _MONTH.fullmatch(text.strip())
    if not m:
        raise ValueError(f"{text!r} is not a month written YYYY-MM, e.g. 2025-06")
    return date(int(m.group(1)), int(m.group(2)), 1)


def month_label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


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
