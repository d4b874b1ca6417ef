"""Working days (Monday to Friday) for the turnaround the company commits to."""

from __future__ import annotations

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """The working day `days` working days after `start` (a weekend start counts from Monday)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day
