"""Sản lượng of one code: the daily month, 24 months with last year's, the unit, the chosen bar."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Literal

import flet as ft

from app.services.errors import AppError
from app.services.protocols import UsageRepo
from app.views.form_state import FormState
from app.views.months import add_months, days_of, first_of_month, local_today, parse_month
from app.views.usage import series
from app.views.usage.series import Point, Unit
from domain.models.usage import DailyUsage, Forecast, MonthlyUsage

Mode = Literal["daily", "monthly", "intervals"]
MONTHS = 24  # the monthly chart; the daily one can go back as far


@ft.observable
@dataclass(kw_only=True)
class UsageViewModel(FormState):
    repo: UsageRepo
    today: date = field(default_factory=local_today)
    code: str | None = None
    mode: Mode = "daily"
    unit: Unit = "kwh"
    month: date | None = None  # the month of the daily chart
    daily: list[DailyUsage] = field(default_factory=list)
    # Why there are no daily bars (an error code, e.g. "manual_meter"), None when there are.
    daily_note: str | None = None
    daily_busy: bool = False
    monthly: list[MonthlyUsage] = field(default_factory=list)
    forecast: Forecast | None = None
    page: int = 0  # phones show 12 months at a time: 0 = the latest, 1 = the year before
    selected: int | None = None  # index of the tapped bar in the shown series
    loaded: bool = False

    def __post_init__(self) -> None:
        self.month = self.month or first_of_month(self.today)

    @property
    def current_month(self) -> date:
        return first_of_month(self.today)

    @property
    def first_month(self) -> date:
        return add_months(self.current_month, -(MONTHS - 1))

    async def load(self, code: str | None, meter_type: str | None = None) -> None:
        """Everything for `code`: called on open, on account switch and on Retry."""
        if code is None:
            return
        if code != self.code:
            self.code, self.loaded, self.selected, self.page = code, False, None, 0
            self.month = self.current_month
            self.mode = "monthly" if meter_type == "manual" else "daily"

        async def call() -> None:
            monthly, forecast, (daily, note) = await asyncio.gather(
                self.repo.monthly(code, self.first_month, self.current_month),
                self.repo.forecast(code),
                self._fetch_daily(code),
            )
            # One assignment after the last answer: one render of the screen, not one per
            # answer (issue 20: each render re-diffs the whole chart in the web process).
            self.daily, self.daily_note = daily, note
            self.monthly, self.forecast, self.loaded = monthly, forecast, True

        await self.run(call)

    async def _fetch_daily(self, code: str) -> tuple[list[DailyUsage], str | None]:
        """The shown month's days, or none and why (a manual meter has no daily bars)."""
        assert self.month
        first, last = self.month, days_of(self.month, self.today)[-1]
        try:
            return await self.repo.daily(code, first, last), None
        except AppError as e:
            if e.code != "manual_meter":
                raise
            return [], e.code

    async def _load_daily(self, code: str) -> None:
        self.daily, self.daily_note = await self._fetch_daily(code)

    async def show_month(self, delta: int) -> None:
        assert self.month
        target = add_months(self.month, delta)
        if not self.first_month <= target <= self.current_month or not self.code:
            return
        self.month, self.selected = target, None
        code = self.code
        self.daily_busy = True
        try:
            await self.run(lambda: self._load_daily(code))
        finally:
            self.daily_busy = False

    def set_mode(self, mode: Mode) -> None:
        if mode != self.mode:
            self.mode, self.selected = mode, None

    def set_unit(self, unit: Unit) -> None:
        self.unit = unit  # the tapped bar stays: its caption changes unit with it

    def show_page(self, page: int) -> None:
        if page in (0, 1) and page != self.page:
            self.page, self.selected = page, None

    def select(self, index: int | None) -> None:
        points = self.points()
        self.selected = index if index is not None and 0 <= index < len(points) else None

    @property
    def can_go_back(self) -> bool:
        return bool(self.month and self.month > self.first_month)

    @property
    def can_go_forward(self) -> bool:
        return bool(self.month and self.month < self.current_month)

    # --- what the chart and the summary show -------------------------------------------

    def month_usage(self, month: date) -> MonthlyUsage | None:
        return next((m for m in self.monthly if parse_month(m.month) == month), None)

    def day_price(self) -> Decimal | None:
        """VND per kWh used to show a day in money (see series.month_price)."""
        assert self.month
        return series.month_price(self.month_usage(self.month), self.forecast)

    def daily_points(self) -> list[Point]:
        assert self.month
        # The whole month, so bars keep their width; days still to come have no bar.
        return series.daily_points(days_of(self.month), self.daily, self.unit, self.day_price())

    def monthly_points(self, per_page: int = MONTHS) -> list[Point]:
        points = series.monthly_points(
            self.monthly, self.unit, series.month_price(None, self.forecast)
        )
        if per_page >= len(points):
            return points
        end = len(points) - self.page * per_page
        return points[max(0, end - per_page) : end]

    def points(self, per_page: int = MONTHS) -> list[Point]:
        return self.daily_points() if self.mode == "daily" else self.monthly_points(per_page)

    def selected_point(self, per_page: int = MONTHS) -> Point | None:
        points = self.points(per_page)
        if self.selected is None or self.selected >= len(points):
            return None
        return points[self.selected]

    def average(self, per_page: int = MONTHS) -> Decimal | None:
        """Per day (daily) or per billed month (monthly) of what is shown."""
        return series.average(self.points(per_page))

    def change_vs_last_year(self, per_page: int = MONTHS) -> Decimal | None:
        """Monthly: the shown billed months against the same months a year earlier. Daily:
        this month's average day against last year's same month, per day."""
        if self.mode == "monthly":
            return series.change_vs_last_year(self.monthly_points(per_page))
        assert self.month
        before = self.month_usage(self.month)
        now = self.average()
        if before is None or now is None:
            return None
        last_year = before.previous_year_kwh if self.unit == "kwh" else before.previous_year_amount
        if last_year is None:
            return None
        days = len(days_of(add_months(self.month, -12)))
        return series.percent_change(now, Decimal(last_year) / days)

    def month_total(self) -> Decimal | int | None:
        values = [p.value for p in self.daily_points() if p.value is not None]
        if not values:
            return None
        return sum(values, Decimal(0)) if self.unit == "kwh" else sum(int(v) for v in values)
