"""Fakes for the usage view models: canned months, days and forecast, call logs, failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.services.errors import AppError, ValidationError
from app.services.protocols import UsageRepo
from domain.models.alerts import AlertSettings
from domain.models.usage import DailyUsage, Forecast, MonthlyUsage
from domain.tariff import compute_bill

TODAY = date(2026, 11, 24)


def months_back(last: date, count: int) -> list[date]:
    index = last.year * 12 + last.month - 1
    return [date((index - i) // 12, (index - i) % 12 + 1, 1) for i in range(count)][::-1]


def monthly_usage(today: date = TODAY) -> list[MonthlyUsage]:
    """24 months to today's: 150 + month kWh, last year's 10 less; this month not billed."""
    rows = []
    months = months_back(today.replace(day=1), 24)
    for i, month in enumerate(months):
        kwh = Decimal(150 + month.month)
        current = month == today.replace(day=1)
        rows.append(
            MonthlyUsage(
                month=f"{month:%Y-%m}",
                kwh=Decimal("100.5") if current else kwh,
                amount=None if current else int(kwh) * 2000,
                previous_year_kwh=kwh - 10 if i >= 12 else None,
                previous_year_amount=(int(kwh) - 10) * 2000 if i >= 12 else None,
                billed=not current,
            )
        )
    return rows


def forecast(today: date = TODAY) -> Forecast:
    return Forecast.model_validate(
        {
            "period_start": today.replace(day=1),
            "period_end": date(2026, 11, 30),
            "as_of": today - timedelta(days=1),
            "days_elapsed": 24,
            "days_total": 30,
            "kwh_so_far": "100.5",
            "projected_kwh": "150",
            "projected_total": 375000,
            "basis": "daily_readings",
            "estimate": compute_bill(150, date(2026, 11, 1), date(2026, 11, 30)).model_dump(),
        }
    )


@dataclass
class FakeUsage(UsageRepo):
    manual_codes: set[str] = field(default_factory=lambda: {"PD01000654321"})
    months: list[MonthlyUsage] = field(default_factory=monthly_usage)
    projection: Forecast | None = field(default_factory=forecast)
    settings: AlertSettings = field(
        default_factory=lambda: AlertSettings(kwh_per_day=Decimal(12), bill_forecast_vnd=600000)
    )
    fail_with: AppError | None = None
    calls: list[tuple[Any, ...]] = field(default_factory=list)

    def _maybe_fail(self) -> None:
        if self.fail_with:
            raise self.fail_with

    async def daily(self, code: str, first: date, last: date) -> list[DailyUsage]:
        self.calls.append(("daily", code, first, last))
        self._maybe_fail()
        if code in self.manual_codes:
            raise ValidationError(code="manual_meter", status=409)
        days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
        # The 3rd of every month is missing (no reading), the 4th was estimated.
        return [
            DailyUsage(date=d, kwh=Decimal(d.day) / 2 + Decimal("0.25"), estimated=d.day == 4)
            for d in days
            if d.day != 3 and d < TODAY
        ]

    async def monthly(self, code: str, first: date, last: date) -> list[MonthlyUsage]:
        self.calls.append(("monthly", code, first, last))
        self._maybe_fail()
        return list(self.months)

    async def forecast(self, code: str) -> Forecast | None:
        self.calls.append(("forecast", code))
        self._maybe_fail()
        return self.projection

    async def alerts(self, code: str) -> AlertSettings:
        self.calls.append(("alerts", code))
        self._maybe_fail()
        return self.settings

    async def save_alerts(self, code: str, settings: AlertSettings) -> AlertSettings:
        self.calls.append(("save_alerts", code, settings))
        self._maybe_fail()
        self.settings = settings
        return settings
