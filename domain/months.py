"""Month arithmetic (a month is its first day), shared by the server's billing periods
(server/services/billing/periods.py) and the client's screens (app/views/months.py)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


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


def days_of(month: date, until: date | None = None) -> list[date]:
    """Every day of `month`, stopping at `until` when it falls inside the month."""
    last = month_end(month)
    if until is not None and month_start(until) == month:
        last = min(last, until)
    count = (last - month).days + 1
    return [month + timedelta(days=i) for i in range(max(0, count))]
