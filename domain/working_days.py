"""Working days for the turnaround the company commits to: Monday to Friday, less the days off
(public holidays and their substitutes, which the server takes from a maintained calendar)."""

from __future__ import annotations

from collections.abc import Container
from datetime import date, timedelta


def add_working_days(start: date, days: int, days_off: Container[date] = frozenset()) -> date:
    """The working day `days` working days after `start` (a start on a day off counts from the
    next working day)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in days_off:
            days -= 1
    return day
