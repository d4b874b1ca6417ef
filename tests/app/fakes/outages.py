"""Fake outages repository of one signed-in code: outages in a date range, reading dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.services.protocols import IncidentsRepo, OutagesRepo
from app.views.calendar.month import outage_days
from domain.models.incidents import IncidentPublic
from domain.models.outages import OutagePublic
from domain.models.usage import ReadingDate, ReadingSchedule


@dataclass
class FakeOutages(OutagesRepo):
    items: list[OutagePublic] = field(default_factory=list)
    reading: list[date] = field(default_factory=lambda: [date(2026, 10, 31), date(2026, 11, 30)])
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail_with: Exception | None = None

    async def outages(self, code: str, first: date, last: date) -> list[OutagePublic]:
        self.calls.append(("outages", code, first, last))
        if self.fail_with:
            raise self.fail_with
        return [o for o in self.items if any(first <= d <= last for d in outage_days(o))]

    async def reading_schedule(self, code: str) -> ReadingSchedule:
        self.calls.append(("reading", code))
        dates = [ReadingDate(month=d.strftime("%Y-%m"), read_on=d) for d in self.reading]
        return ReadingSchedule(customer_code=code, area="HCM-SG-01", dates=dates)


@dataclass
class FakeIncidents(IncidentsRepo):
    """Unplanned outages of the code's area as the public incidents route lists them."""

    items: list[IncidentPublic] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    fail_with: Exception | None = None

    async def for_code(self, customer_code: str) -> list[IncidentPublic]:
        self.calls.append(customer_code)
        if self.fail_with:
            raise self.fail_with
        return list(self.items)
