"""Month arithmetic in Vietnam's time (months as their first day), for every screen with months:
usage, bills, the calendar."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from domain import clock


def local_today() -> date:
    """Today in Việt Nam on the one business clock (domain/clock.py)."""
    return clock.today()


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def add_months(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def parse_month(text: str) -> date:
    """`2026-11` -> date(2026, 11, 1)."""
    year, month = text.split("-")
    return date(int(year), int(month), 1)


def days_of(month: date, until: date | None = None) -> list[date]:
    """Every day of `month`, stopping at `until` when it falls inside the month."""
    last = last_of_month(month)
    if until is not None and first_of_month(until) == month:
        last = min(last, until)
    count = (last - month).days + 1
    return [month + timedelta(days=i) for i in range(max(0, count))]
