"""Calendar arithmetic in Vietnam's time: month grids (Monday first) and outage days."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from app.i18n import LOCAL_TZ
from domain.models.outages import OutagePublic

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # calendar.weekday.<name>


def local_today() -> date:
    return datetime.now(LOCAL_TZ).date()


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def month_grid(month: date) -> list[list[date | None]]:
    """Weeks of `month`, Monday first; None pads the days of the neighbouring months."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
    return [[d if d.month == month.month else None for d in week] for week in weeks]


def outage_days(outage: OutagePublic) -> list[date]:
    """Local days an outage touches; one ending exactly at midnight does not touch the next."""
    start = outage.starts_at.astimezone(LOCAL_TZ)
    end = outage.ends_at.astimezone(LOCAL_TZ)
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    days, day = [], start.date()
    while day <= last:
        days.append(day)
        day += timedelta(days=1)
    return days
