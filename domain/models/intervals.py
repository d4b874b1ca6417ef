"""Wire shapes of half-hourly usage (issue 19): a day's 48 slots with import, export (solar
customers) and net, the peak half-hour, the night/day split and two days to compare with."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel


class IntervalSlot(BaseModel):
    """The half-hour that starts at `start` (HH:MM local time)."""

    start: str
    import_kwh: Decimal
    export_kwh: Decimal | None = None
    net_kwh: Decimal


class IntervalTotals(BaseModel):
    import_kwh: Decimal
    export_kwh: Decimal | None = None
    net_kwh: Decimal


class IntervalPeak(BaseModel):
    start: str
    import_kwh: Decimal


class IntervalCompare(BaseModel):
    """Another day's import per slot (empty when that day has no data)."""

    date: dt.date
    available: bool
    import_kwh: list[Decimal]
    total_kwh: Decimal | None = None


class DayIntervals(BaseModel):
    """One day of a remote-read meter. `available` False: no data that day (no slots, never
    zeros). `night_kwh` is import from 22:00 to 06:00, `day_kwh` the rest."""

    customer_code: str
    date: dt.date
    has_export: bool
    available: bool
    slots: list[IntervalSlot]
    totals: IntervalTotals | None = None
    peak: IntervalPeak | None = None
    night_kwh: Decimal | None = None
    day_kwh: Decimal | None = None
    previous_day: IntervalCompare
    same_weekday_last_week: IntervalCompare
