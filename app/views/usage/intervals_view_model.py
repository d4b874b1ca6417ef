"""Theo giờ: one day's half-hours of a remote-read code, against the previous day or the same
weekday last week, as hourly bars or a table of the 48 half-hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

import flet as ft

from app.services.intervals_repository import IntervalsRepository
from app.views.form_state import FormState
from app.views.months import local_today
from app.views.usage.series import percent_change
from domain.models.intervals import DayIntervals, IntervalCompare

Against = Literal["previous_day", "last_week"]
Shown = Literal["chart", "table"]
HISTORY_DAYS = 3 * 366  # what the API serves


@dataclass(frozen=True)
class HourBar:
    """One hour (two half-hours): import, export (solar) and the day compared with."""

    hour: int
    import_kwh: Decimal
    export_kwh: Decimal | None
    compare_kwh: Decimal | None


@dataclass(frozen=True)
class TableRow:
    start: str
    import_kwh: Decimal
    export_kwh: Decimal | None
    net_kwh: Decimal
    compare_kwh: Decimal | None


@ft.observable
@dataclass(kw_only=True)
class IntervalsViewModel(FormState):
    repo: IntervalsRepository
    today: date = field(default_factory=local_today)
    code: str | None = None
    day: date | None = None
    curve: DayIntervals | None = None
    against: Against = "previous_day"
    shown: Shown = "chart"
    selected: int | None = None  # the tapped hour

    async def load(self, code: str | None) -> None:
        if code is None:
            return
        if code != self.code:
            self.code, self.curve, self.selected = code, None, None
            self.day = self.today - timedelta(days=1)  # today is not over yet
        await self._fetch()

    async def _fetch(self) -> None:
        code, day = self.code, self.day
        assert code and day

        async def call() -> None:
            self.curve = await self.repo.day(code, day)

        await self.run(call)

    async def show_day(self, delta: int) -> None:
        assert self.day
        target = self.day + timedelta(days=delta)
        if not self.today - timedelta(days=HISTORY_DAYS) <= target <= self.today or self.busy:
            return
        self.day, self.selected = target, None
        await self._fetch()

    @property
    def can_go_forward(self) -> bool:
        return bool(self.day and self.day < self.today)

    def set_against(self, against: Against) -> None:
        self.against = against

    def set_shown(self, shown: Shown) -> None:
        self.shown = shown

    def select(self, hour: int | None) -> None:
        self.selected = hour if hour is not None and 0 <= hour < 24 else None

    @property
    def solar(self) -> bool:
        return bool(self.curve and self.curve.has_export)

    @property
    def compared(self) -> IntervalCompare | None:
        if self.curve is None:
            return None
        c = (
            self.curve.previous_day
            if self.against == "previous_day"
            else self.curve.same_weekday_last_week
        )
        return c if c.available else None

    def hours(self) -> list[HourBar]:
        if self.curve is None or not self.curve.available:
            return []
        slots, other = self.curve.slots, self.compared
        bars = []
        for h in range(24):
            a, b = slots[2 * h], slots[2 * h + 1]
            export = None
            if self.solar and a.export_kwh is not None and b.export_kwh is not None:
                export = a.export_kwh + b.export_kwh
            compare = other.import_kwh[2 * h] + other.import_kwh[2 * h + 1] if other else None
            bars.append(HourBar(h, a.import_kwh + b.import_kwh, export, compare))
        return bars

    def rows(self) -> list[TableRow]:
        if self.curve is None or not self.curve.available:
            return []
        other = self.compared
        return [
            TableRow(
                s.start,
                s.import_kwh,
                s.export_kwh,
                s.net_kwh,
                other.import_kwh[i] if other else None,
            )
            for i, s in enumerate(self.curve.slots)
        ]

    def change(self) -> Decimal | None:
        """The day's import against the day compared with, in %."""
        other = self.compared
        if self.curve is None or self.curve.totals is None or other is None or not other.total_kwh:
            return None
        return percent_change(self.curve.totals.import_kwh, other.total_kwh)
