"""Lịch of one code: the shown month's outages and reading dates, the upcoming outages, and
the unplanned outages of its area (now, or closed in the last 24 hours) beside them."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import flet as ft

from app.services.errors import AppError
from app.services.protocols import IncidentsRepo, OutagesRepo, PublicRepo
from app.views.calendar.month import incident_days, month_grid, outage_days
from app.views.form_state import FormState
from app.views.months import add_months, first_of_month, last_of_month, local_today
from domain import clock
from domain.models.incidents import IncidentPublic
from domain.models.outages import OutagePublic

UPCOMING_DAYS = 90


@dataclass(frozen=True)
class DayMarks:
    outage: bool = False  # an outage that still takes place
    cancelled: bool = False  # only cancelled outages that day
    reading: bool = False
    unplanned: bool = False  # an unplanned outage (sự cố) of the area that day
    today: bool = False
    selected: bool = False


@ft.observable
@dataclass(kw_only=True)
class CalendarViewModel(FormState):
    repo: OutagesRepo
    # Anyone with the code may see its area's planned outages (guests, kiosks); a link still
    # awaiting approval reads them there, without reading dates.
    public: PublicRepo | None = None
    incidents_repo: IncidentsRepo | None = None  # None in builds without outage reports
    limited: bool = False  # showing the public schedule only (no reading dates)
    today: date = field(default_factory=local_today)
    now: datetime | None = None  # for tests; the wall clock otherwise
    month: date | None = None
    code: str | None = None
    month_outages: list[OutagePublic] = field(default_factory=list)
    upcoming: list[OutagePublic] = field(default_factory=list)
    reading_dates: list[date] = field(default_factory=list)
    selected_day: date | None = None
    loaded: bool = False
    all_public: list[OutagePublic] = field(default_factory=list)
    incidents: list[IncidentPublic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.month = self.month or first_of_month(self.today)

    async def load(self, code: str | None, approved: bool = True) -> None:
        """Everything for `code`: called on open, on account switch and on Retry."""
        if code is None:
            return
        if code != self.code:
            self.code, self.loaded, self.selected_day = code, False, None
            self.incidents = []  # never another code's
        self.limited = not approved and self.public is not None
        if self.limited:
            await self.run(lambda: self._load_public(code))
            return

        async def call() -> None:
            first, last = self.today, self.today + timedelta(days=UPCOMING_DAYS)
            month, upcoming, schedule, incidents = await asyncio.gather(
                self._month_outages(code),
                self.repo.outages(code, first, last),
                self.repo.reading_schedule(code),
                self._incidents(code),
            )
            self.incidents = incidents
            now = self.now or clock.now()
            self.month_outages = month
            self.upcoming = [o for o in upcoming if o.ends_at > now]
            self.reading_dates = sorted(d.read_on for d in schedule.dates)
            self.loaded = True

        await self.run(call)

    async def _load_public(self, code: str) -> None:
        assert self.public is not None
        now = self.now or clock.now()
        self.all_public, self.incidents = await asyncio.gather(
            self.public.outages(code), self._incidents(code)
        )
        self.upcoming = [o for o in self.all_public if o.ends_at > now]
        self.month_outages = self._in_month(self.all_public)
        self.reading_dates = []
        self.loaded = True

    async def _incidents(self, code: str) -> list[IncidentPublic]:
        """The area's unplanned outages; a failure here leaves the planned calendar standing."""
        if self.incidents_repo is None:
            return []
        try:
            return await self.incidents_repo.for_code(code)
        except AppError:
            return []

    def _in_month(self, outages: list[OutagePublic]) -> list[OutagePublic]:
        month = self.month or first_of_month(self.today)
        first, last = month, last_of_month(month)
        return [o for o in outages if any(first <= d <= last for d in outage_days(o))]

    async def show_month(self, delta: int) -> None:
        self.month = add_months(self.month or first_of_month(self.today), delta)
        self.selected_day = None
        if self.limited:
            self.month_outages = self._in_month(self.all_public)
            return
        if self.code:
            code = self.code

            async def call() -> None:
                self.month_outages = await self._month_outages(code)

            await self.run(call)

    async def _month_outages(self, code: str) -> list[OutagePublic]:
        month = self.month or first_of_month(self.today)
        return await self.repo.outages(code, month, last_of_month(month))

    @property
    def weeks(self) -> list[list[date | None]]:
        return month_grid(self.month or first_of_month(self.today))

    def select_day(self, day: date | None) -> None:
        self.selected_day = None if day == self.selected_day else day

    def outages_on(self, day: date) -> list[OutagePublic]:
        return [o for o in self.month_outages if day in outage_days(o)]

    def incidents_on(self, day: date) -> list[IncidentPublic]:
        now = self.now or clock.now()
        return [i for i in self.incidents if day in incident_days(i, now)]

    def marks(self, day: date) -> DayMarks:
        on_day = self.outages_on(day)
        live = [o for o in on_day if o.status != "cancelled"]
        return DayMarks(
            outage=bool(live),
            cancelled=bool(on_day) and not live,
            reading=day in self.reading_dates,
            unplanned=bool(self.incidents_on(day)),
            today=day == self.today,
            selected=day == self.selected_day,
        )

    @property
    def next_outage(self) -> OutagePublic | None:
        """The next outage that still takes place (Trang chủ shows it)."""
        return next((o for o in self.upcoming if o.status != "cancelled"), None)
