"""Staff operations (X-Staff-Key or a staff user): readings, outages, bill run, announcements,
and the daily sweep of scheduled notices."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AwareDatetime, BaseModel, Field, model_validator

from domain.models.common import JSON_NUMBER, WireModel
from domain.models.outages import OutagePublic
from server.deps import ContextDep, SessionDep, require_staff
from server.notify.inbox import commit_and_announce
from server.problems import problem_response
from server.routes.problems_doc import errors
from server.routes.ranges import invalid
from server.services.billing.bill_run import run_bill_run
from server.services.billing.periods import local_today, month_start, parse_month
from server.services.notices.announcements import announce
from server.services.notices.outages import area_name, outage_view, save_area, save_outage
from server.services.notices.reminders import run_daily_sweep
from server.services.usage.readings_import import ReadingsRejected, parse_row
from server.services.usage.readings_store import store_readings

_STAFF_KEY = APIKeyHeader(
    name="X-Staff-Key", scheme_name="StaffKey", auto_error=False, description="shared staff key"
)
_TOKEN = HTTPBearer(auto_error=False, description="access token of a staff member")


async def _staff(
    ctx: ContextDep,
    session: SessionDep,
    key: Annotated[str | None, Security(_STAFF_KEY)] = None,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_TOKEN)] = None,
) -> str:
    """server.deps.require_staff, with X-Staff-Key documented as a security scheme (an API
    key) rather than a plain header parameter, so clients and fuzzers treat it as a credential."""
    return await require_staff(ctx, session, key, creds)


StaffDep = Annotated[str, Depends(_staff)]
router = APIRouter(prefix="/admin", tags=["staff"], responses=errors(401, 403, 422))


class ReadingIn(WireModel):
    customer_code: str = Field(max_length=20)
    date: str = Field(max_length=10)
    kwh: str | None = Field(default=None, max_length=20, description="AMI: kWh that day")
    index_kwh: str | None = Field(default=None, max_length=20, description="manual: index")
    estimated: bool = False


class ReadingsIn(WireModel):
    # 400 rows stay inside the 64 KB body limit; bulk loads use `import-readings FILE`
    readings: list[ReadingIn] = Field(min_length=1, max_length=400)


class OutageIn(WireModel):
    id: Annotated[int, Field(ge=1, le=2**62), JSON_NUMBER] | None = Field(
        default=None, description="to change an outage"
    )
    area: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: str = Field(min_length=3, max_length=300)
    reason_en: str | None = Field(
        default=None, min_length=3, max_length=300, description="the reason in English"
    )
    cancelled: bool = False

    @model_validator(mode="after")
    def _order(self) -> OutageIn:
        if not (2000 <= self.starts_at.year and self.ends_at.year <= 2999):
            raise ValueError("an outage lies between the years 2000 and 2999")
        if self.ends_at <= self.starts_at:
            raise ValueError("ends_at must be after starts_at")
        if (self.ends_at - self.starts_at).days > 7:
            raise ValueError("a planned outage lasts at most 7 days")
        return self


class MonthIn(WireModel):
    month: str = Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$", examples=["2025-06"])


class AnnouncementIn(WireModel):
    title: str = Field(min_length=3, max_length=200)
    body: str = Field(min_length=3, max_length=2000)
    area: str | None = Field(default=None, max_length=20)


class SweepIn(WireModel):
    date: dt.date | None = None


class Counts(BaseModel):
    counts: dict[str, int | str | dict]


@router.post("/readings", responses=errors(413))
async def import_readings(body: ReadingsIn, staff: StaffDep, session: SessionDep) -> Counts:
    """Bulk meter readings (same rules as the CSV of `python -m server import-readings`);
    all or nothing: any error → 422 `readings_rejected` with every problem by item."""
    today, errors_found, rows = local_today(), [], []
    for i, item in enumerate(body.readings):
        raw = item.model_dump()
        raw["estimated"] = "1" if item.estimated else ""
        try:
            rows.append(parse_row(f"readings[{i}]", raw, today))
        except ValueError as exc:
            errors_found.append(str(exc))
    try:
        result = await store_readings(session, rows, errors_found)
    except ReadingsRejected as exc:
        await session.rollback()
        items = [
            dict(zip(("field", "message"), e.split(": ", 1), strict=False)) for e in exc.errors
        ]
        return problem_response(422, "readings_rejected", "Nothing was imported.", errors=items)  # type: ignore[return-value]
    await session.commit()
    return Counts(counts=asdict(result))


@router.post("/outages", responses=errors(404, 409))
async def write_outage(
    body: OutageIn, staff: StaffDep, ctx: ContextDep, session: SessionDep, response: Response
) -> OutagePublic:
    """Plans an outage (201) or changes/cancels one by id (200); approved links of the area's
    codes get a notice, pending ones never do."""
    row, created = await save_outage(
        session,
        outage_id=body.id,
        area=body.area,
        starts_at=body.starts_at,
        ends_at=body.ends_at,
        reason=body.reason,
        reason_en=body.reason_en,
        cancelled=body.cancelled,
    )
    name = await area_name(session, row.area_code)
    await commit_and_announce(session, ctx.hub)
    response.status_code = 201 if created else 200
    return outage_view(row, name)


class AreaIn(WireModel):
    name: str = Field(min_length=2, max_length=200, description="as people call the area")


class AreaOut(BaseModel):
    code: str
    name: str


@router.put("/areas/{code}")
async def write_area(
    code: Annotated[str, Path(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")],
    body: AreaIn,
    staff: StaffDep,
    session: SessionDep,
) -> AreaOut:
    """Names an area (or renames it): outages and their notices show the name, not the code."""
    row = await save_area(session, code, body.name.strip())
    await session.commit()
    return AreaOut(code=row.code, name=row.name)


@router.post("/bill-run")
async def bill_run(body: MonthIn, staff: StaffDep, ctx: ContextDep) -> Counts:
    """Bills every contract whose period ends in `month` (idempotent: a re-run adds only
    what is missing)."""
    month = parse_month(body.month)
    if month > month_start(local_today()):
        raise invalid("month", "that month has not started yet")
    result = await run_bill_run(ctx.sessions, ctx.hub, month)
    return Counts(counts=asdict(result))


@router.post("/announcements", status_code=201)
async def post_announcement(
    body: AnnouncementIn, staff: StaffDep, ctx: ContextDep, session: SessionDep
) -> Counts:
    """An inbox notice to everyone, or to the approved links of one area."""
    row, count = await announce(session, body.title, body.body, body.area, staff)
    await commit_and_announce(session, ctx.hub)
    return Counts(counts={"id": row.id, "recipients": count})


@router.post("/daily-notices")
async def daily_notices(
    body: SweepIn, staff: StaffDep, ctx: ContextDep, session: SessionDep
) -> Counts:
    """Runs the daily sweep (payment due/overdue, disconnection warning, reading date,
    usage and forecast alerts) for `date` (default today); safe to repeat."""
    counts = await run_daily_sweep(session, body.date or local_today())
    await commit_and_announce(session, ctx.hub)
    return Counts(counts=counts)
