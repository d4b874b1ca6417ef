"""What the usage charts draw: points per day or month in kWh or VND, averages, change vs last year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from app.views.months import parse_month
from domain.models.usage import DailyUsage, Forecast, MonthlyUsage

Unit = Literal["kwh", "vnd"]
Value = Decimal | int


@dataclass(frozen=True)
class Point:
    key: date  # the day, or the first day of the month
    value: Value | None  # None: no reading (never drawn as 0)
    previous: Value | None = None  # the same month a year earlier (monthly only)
    billed: bool = True  # monthly: False for the month still being measured
    estimated: bool = False  # a day the head-end filled in; a month billed on such days


def vnd(kwh: Decimal, price: Decimal) -> int:
    return int((kwh * price).to_integral_value(rounding=ROUND_HALF_UP))


def month_price(month: MonthlyUsage | None, forecast: Forecast | None) -> Decimal | None:
    """Average VND per kWh (VAT included) to turn a day's kWh into money: the month's bill,
    else this period's forecast. Tiers make any per-day price an approximation."""
    if month and month.billed and month.amount and month.kwh:
        return Decimal(month.amount) / month.kwh
    if forecast and forecast.projected_kwh:
        return Decimal(forecast.projected_total) / forecast.projected_kwh
    return None


def daily_points(
    days: list[date], usage: list[DailyUsage], unit: Unit, price: Decimal | None
) -> list[Point]:
    by_day = {u.date: u for u in usage}
    points = []
    for day in days:
        found = by_day.get(day)
        value: Value | None = None
        if found is not None:
            value = found.kwh if unit == "kwh" else (vnd(found.kwh, price) if price else None)
        points.append(Point(day, value, estimated=bool(found and found.estimated)))
    return points


def monthly_points(
    months: list[MonthlyUsage], unit: Unit, price_so_far: Decimal | None = None
) -> list[Point]:
    """In VND, the month still being measured is its kWh so far at `price_so_far`."""
    if unit == "kwh":
        return [
            Point(parse_month(m.month), m.kwh, m.previous_year_kwh, m.billed, m.estimated)
            for m in months
        ]
    points = []
    for m in months:
        amount: Value | None = m.amount
        if amount is None and not m.billed and m.kwh is not None and price_so_far:
            amount = vnd(m.kwh, price_so_far)
        points.append(
            Point(parse_month(m.month), amount, m.previous_year_amount, m.billed, m.estimated)
        )
    return points


def average(points: list[Point]) -> Decimal | None:
    """Mean of the points with a value; a month still being measured does not count."""
    values = [Decimal(p.value) for p in points if p.value is not None and p.billed]
    return sum(values, Decimal(0)) / len(values) if values else None


def percent_change(now: Decimal | int, before: Decimal | int) -> Decimal | None:
    if not before:
        return None
    return (Decimal(now) - Decimal(before)) * 100 / Decimal(before)


def change_vs_last_year(points: list[Point]) -> Decimal | None:
    """Total of the billed months that have a same-month-last-year value, against those."""
    pairs = [
        (p.value, p.previous)
        for p in points
        if p.billed and p.value is not None and p.previous is not None
    ]
    if not pairs:
        return None
    now = sum((Decimal(v) for v, _ in pairs), Decimal(0))
    before = sum((Decimal(b) for _, b in pairs), Decimal(0))
    return percent_change(now, before)


def peak(points: list[Point]) -> Value | None:
    values = [p.value for p in points if p.value is not None]
    previous = [p.previous for p in points if p.previous is not None]
    return max([*values, *previous], default=None)
