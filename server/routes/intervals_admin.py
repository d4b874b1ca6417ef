"""Staff: one meter-day of half-hourly readings, read and written (issue 19). Bulk loads go
through `python -m server import-intervals FILE`; the rules are the same."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import Field

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from domain.models.common import WireModel
from server.deps import ContextDep
from server.problems import AppError, problem_response
from server.reads import reads_for
from server.routes.admin import StaffDep
from server.routes.problems_doc import errors
from server.services.billing.periods import local_today
from server.services.intervals.csv_import import parse_fields
from server.services.intervals.curve import day_curve
from server.services.intervals.importing import import_rows
from server.services.usage.readings_import import ReadingsRejected

router = APIRouter(prefix="/admin/intervals", tags=["staff"], responses=errors(401, 403, 422))
Kwh = Annotated[str, Field(max_length=12)]


class MeterDayIn(WireModel):
    import_kwh: list[Kwh] = Field(max_length=60, description="48 values, 00:00 … 23:30")
    export_kwh: list[Kwh] | None = Field(default=None, max_length=60, description="solar only")


def _code(code: str) -> str:
    try:
        return normalize_customer_code(code)
    except InvalidCustomerCode:
        raise AppError(404, "account_not_found", "No contract has that customer code.") from None


@router.get("/{code}/{day}", responses=errors(404))
async def read_meter_day(
    code: Annotated[str, Path(max_length=20)], day: date, staff: StaffDep, ctx: ContextDep
) -> dict:
    """The stored curve of one meter-day (same shape as the customer's usage/intervals)."""
    return await day_curve(reads_for(ctx), _code(code), day)


@router.put("/{code}/{day}", responses=errors(404))
async def write_meter_day(
    code: Annotated[str, Path(max_length=20)],
    day: date,
    body: MeterDayIn,
    staff: StaffDep,
    ctx: ContextDep,
) -> dict:
    """Stores one meter-day (replacing what was there), reconciled with the daily reading:
    422 `readings_rejected` with the problems (nothing stored); otherwise the import counts
    and `differences` with the daily reading billing uses (never changed here)."""
    today, problems, rows = local_today(), [], []
    given = [("import", body.import_kwh), ("export", body.export_kwh)]
    for channel, values in given:
        if values is None:
            continue
        try:
            rows.append(
                parse_fields(f"{channel}_kwh", code, day.isoformat(), channel, values, today)
            )
        except ValueError as exc:
            problems.append(str(exc))
    try:
        result = await import_rows(ctx.sessions, rows, problems)
    except ReadingsRejected as exc:
        items = [
            dict(zip(("field", "message"), e.split(": ", 1), strict=False)) for e in exc.errors
        ]
        return problem_response(422, "readings_rejected", "Nothing was stored.", errors=items)  # type: ignore[return-value]
    return asdict(result)
