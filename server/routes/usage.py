"""Usage of one customer code: daily (AMI), monthly with last year, forecast, reading days."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from domain.models.usage import DailyUsage, Forecast, MonthlyUsage, ReadingSchedule
from server.access import AccountAccessDep
from server.json_body import JsonBody
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.routes.ranges import day_window, month_window
from server.services.billing.periods import local_today, month_start
from server.services.usage import consumption as usage
from server.services.usage.forecast import compute_forecast

router = APIRouter(prefix="/accounts/{code}", tags=["usage"], responses=ACCOUNT_ERRORS)
MAX_DAILY_DAYS = 366
MAX_MONTHS = 24


@router.get("/usage/daily", responses=errors(409), response_model=list[DailyUsage])
async def daily(
    access: AccountAccessDep,
    first: Annotated[
        date | None, Query(alias="from", description="first day, default to−29")
    ] = None,
    last: Annotated[date | None, Query(alias="to", description="last day, default today")] = None,
) -> JsonBody:
    """Energy per day of a remote-read (AMI) meter, at most 366 days; days without a reading are
    left out, never shown as 0. A manual meter has no daily readings: 409 `manual_meter`."""
    usage.require_ami(access.contract)
    first, last = day_window(first, last, local_today(), 30, MAX_DAILY_DAYS)
    return JsonBody(await usage.daily_usage(access.reads, access.contract, first, last))


@router.get("/usage/monthly", response_model=list[MonthlyUsage])
async def monthly(
    access: AccountAccessDep,
    first: Annotated[str | None, Query(alias="from", description="YYYY-MM, default to−11")] = None,
    last: Annotated[
        str | None, Query(alias="to", description="YYYY-MM, default this month")
    ] = None,
) -> JsonBody:
    """kWh and billed amount per month (at most 24), each with the same month a year earlier."""
    first_m, last_m = month_window(first, last, month_start(local_today()), 12, MAX_MONTHS)
    return JsonBody(await usage.monthly_usage(access.reads, access.contract, first_m, last_m))


@router.get("/forecast", responses=errors(409))
async def forecast(access: AccountAccessDep) -> Forecast:
    """Projected kWh and bill of the current billing period (409 `no_usage_history` when there
    is nothing to project from yet)."""
    return await compute_forecast(access.reads, access.contract)


@router.get("/reading-schedule")
async def reading_schedule(access: AccountAccessDep) -> ReadingSchedule:
    """Reading days of the previous and the current month for this code's area."""
    return await usage.reading_schedule(access.reads, access.contract)
