"""The days off a turnaround skips: Việt Nam's public holidays with their lunar dates (Tết,
Giỗ Tổ Hùng Vương) and the substitute days the government announces, from the maintained
`holidays` package rather than a list of our own that would go stale every year."""

from __future__ import annotations

from datetime import date
from functools import cache

import holidays

from domain.working_days import add_working_days


@cache
def _vietnam(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year))


class DaysOff:
    """A Container[date] over every year a turnaround may reach."""

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day in _vietnam(day.year)


def due_after(start: date, working_days: int) -> date:
    return add_working_days(start, working_days, DaysOff())
