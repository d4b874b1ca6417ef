"""Wire shapes of a customer code's usage: daily and monthly energy, forecast, reading dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from domain.models.billing import Breakdown


class DailyUsage(BaseModel):
    """Energy of one local day of a remote-read (AMI) meter; `estimated` when the head-end
    filled a day the meter did not report."""

    date: dt.date
    kwh: Decimal
    estimated: bool = False


class MonthlyUsage(BaseModel):
    """One month (YYYY-MM: the month its billing period ends in) and the same month a year
    earlier. `billed` False: no bill yet, kWh so far from daily readings, amount None."""

    month: str
    kwh: Decimal | None
    amount: int | None
    previous_year_kwh: Decimal | None = None
    previous_year_amount: int | None = None
    billed: bool = True
    # Issue 18: the month's bill counted days the head-end estimated (the client fills this
    # from GET …/usage/estimated-months; the monthly route itself does not send it).
    estimated: bool = False


class Forecast(BaseModel):
    """Projected energy and bill of the current billing period.

    basis "daily_readings": kWh so far scaled to the whole period (AMI meters);
    "history": the same month last year, else the average of the last three bills (manual
    meters, or an AMI meter with no reading yet in this period)."""

    period_start: dt.date
    period_end: dt.date
    as_of: dt.date | None
    days_elapsed: int
    days_total: int
    kwh_so_far: Decimal | None
    projected_kwh: Decimal
    projected_total: int
    basis: Literal["daily_readings", "history"]
    estimate: Breakdown


class ReadingDate(BaseModel):
    month: str
    read_on: dt.date


class ReadingSchedule(BaseModel):
    """Reading days (ghi chỉ số) of the previous and the current month for the code's area."""

    customer_code: str
    area: str
    dates: list[ReadingDate]
