"""Half-hourly usage of one customer code: a day's curve (issue 19)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from domain.models.intervals import DayIntervals
from server.deps import LinkedAccount, SessionDep
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.routes.ranges import invalid
from server.services import usage
from server.services.intervals.curve import day_curve
from server.services.periods import local_today

router = APIRouter(prefix="/accounts/{code}", tags=["usage"], responses=ACCOUNT_ERRORS)


@router.get("/usage/intervals", responses=errors(409), response_model=DayIntervals)
async def intervals(
    access: LinkedAccount,
    session: SessionDep,
    day: Annotated[
        date | None, Query(alias="date", description="local day, default yesterday")
    ] = None,
) -> dict:
    """48 half-hourly values of a remote-read meter: `slots[{start, import_kwh, export_kwh,
    net_kwh}]` (export only for a solar customer, else null), `totals`, `peak` (the half-hour
    drawing most), `night_kwh` (22:00–06:00) and `day_kwh`, and the previous day and the same
    weekday a week earlier (`import_kwh` per slot) to compare. A day without data answers
    `available: false` and no slots (never zeros). A manual meter: 409 `manual_meter`."""
    usage.require_ami(access.contract)
    today = local_today()
    day = day or today - timedelta(days=1)
    if not today - timedelta(days=3 * 366) <= day <= today:
        raise invalid("date", "must be a day of the last three years, not after today")
    return await day_curve(session, access.contract.customer_code, day)
