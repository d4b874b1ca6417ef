"""Half-hourly usage of one customer code: a day's curve (issue 19)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from domain.models.intervals import DayIntervals
from server.access import AccountAccessDep
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.routes.ranges import day_window, invalid
from server.services.billing.periods import local_today
from server.services.intervals.curve import day_curve, has_solar, meter_of
from server.services.intervals.export import csv_stream, espi_stream
from server.services.usage import consumption as usage

router = APIRouter(prefix="/accounts/{code}", tags=["usage"], responses=ACCOUNT_ERRORS)


@router.get("/usage/intervals", responses=errors(409), response_model=DayIntervals)
async def intervals(
    access: AccountAccessDep,
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
    return await day_curve(access.reads, access.contract.customer_code, day)


MAX_EXPORT_DAYS = 366


@router.get(
    "/usage/export",
    responses={
        200: {"content": {"text/csv": {}, "application/atom+xml": {}}},
        **errors(409),
    },
    response_class=StreamingResponse,
)
async def export(
    access: AccountAccessDep,
    fmt: Annotated[Literal["csv", "espi"], Query(alias="format")] = "csv",
    first: Annotated[
        date | None, Query(alias="from", description="first day, default to−29")
    ] = None,
    last: Annotated[
        date | None, Query(alias="to", description="last day, default yesterday")
    ] = None,
) -> StreamingResponse:
    """Green Button Download My Data: the half-hours of from..to (at most 366 days) as CSV
    (`customer_code,start,end,import_kwh,export_kwh`) or ESPI Atom XML (`format=espi`),
    streamed a month at a time. Owner and approved members, like every data route."""
    usage.require_ami(access.contract)
    yesterday = local_today() - timedelta(days=1)
    first, last = day_window(
        first, last or (None if first else yesterday), local_today(), 30, MAX_EXPORT_DAYS
    )
    code = access.contract.customer_code
    meter, solar = await meter_of(access.reads, code), await has_solar(access.reads, code)
    stream = (csv_stream if fmt == "csv" else espi_stream)(
        access.reads, code, meter, solar, first, last
    )
    name = f"diennha-{code}-{first}-{last}.{'csv' if fmt == 'csv' else 'xml'}"
    return StreamingResponse(
        stream,
        media_type="text/csv; charset=utf-8" if fmt == "csv" else "application/atom+xml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
