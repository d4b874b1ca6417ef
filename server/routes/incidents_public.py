"""Reporting a power failure or a hazard (no sign-in needed), the reporter's status page by
tracking number, and the unplanned outages of an area (no personal data)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, File, Header, Path, Query, Response, UploadFile
from sqlalchemy import or_, select

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from domain.incident_states import OPEN
from domain.models.incidents import (
    IncidentPublic,
    OutageReportAccepted,
    OutageReportCreate,
    OutageReportStatus,
)
from server.deps import ClientIp, ContextDep, SessionDep, _signed_in
from server.models import Contract, User, utcnow
from server.models.incidents import Incident
from server.problems import AppError
from server.routes.params import RowId
from server.routes.problems_doc import errors
from server.routes.ranges import invalid
from server.services.incidents import photos, reports, views
from server.services.service_requests.attachments import MAX_BYTES
from server.services.service_requests.storage import store_for

router = APIRouter(prefix="/public", tags=["incidents"])
Tracking = Annotated[str, Path(min_length=8, max_length=20, pattern=r"^[A-Za-z0-9]+$")]
RECENTLY_CLOSED = timedelta(hours=24)


async def _optional_user(ctx, session, authorization: str | None) -> User | None:
    """A signed-in caller's report carries their id (they are told of changes) and phone.
    Read by hand, not with HTTPBearer: the route must stay callable without any credential."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return (await _signed_in(ctx, session, token.strip())).user


@router.post("/outage-reports", status_code=202, responses=errors(401, 422, 429))
async def report_outage(
    body: OutageReportCreate,
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
    authorization: Annotated[str | None, Header()] = None,
) -> OutageReportAccepted:
    """Report no power, one phase, flicker or a hazard, by customer code, location (lat, lon)
    or address. The answer is the same whether a code exists or not: a report by code names
    its incident on its status page, not here; a report placed by location names it at once."""
    user = await _optional_user(ctx, session, authorization)
    await reports.enforce_limits(ctx, ip, body.phone or (user.phone if user else None))
    filed = await reports.file_report(ctx, session, body, user)
    by_location = body.customer_code is None and filed.area_code is not None
    return OutageReportAccepted(
        id=filed.id, tracking_no=filed.tracking_no, incident=filed.incident if by_location else None
    )


@router.get("/outage-reports/{tracking_no}", responses=errors(404, 422))
async def report_status(tracking_no: Tracking, session: SessionDep) -> OutageReportStatus:
    """The reporter's page: the report's kind and time, and its incident's status, estimate and
    timeline. Tracking numbers are random; the page holds no personal data."""
    return await views.report_status(
        session, await reports.report_by_tracking(session, tracking_no)
    )


@router.post(
    "/outage-reports/{tracking_no}/photo",
    status_code=204,
    responses=errors(400, 404, 409, 413, 415, 429),  # 400: a multipart body that is not one
)
async def add_photo(
    tracking_no: Tracking,
    file: Annotated[UploadFile, File(description="JPEG or PNG, at most 5 MB")],
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
) -> Response:
    """A photo of the hazard (one per hazard report; the tracking number is the key). The
    type is read from the bytes; the picture is re-encoded without its metadata (GPS)."""
    await ctx.limiter.enforce(ctx.settings.outage_report_per_ip, "outage-photo-ip", ip)
    r = await reports.report_by_tracking(session, tracking_no)
    data = await file.read(MAX_BYTES + 1)
    await photos.add_photo(session, store_for(ctx.settings.data_dir), r, data)
    return Response(status_code=204)


@router.get("/incidents", responses=errors(400, 404, 422, 429))
async def public_incidents(
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
    customer_code: Annotated[str | None, Query(max_length=20)] = None,
    area: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z0-9-]+$")] = None,
) -> list[IncidentPublic]:
    """Unplanned outages of an area now, and those closed in the last 24 hours. Look-ups by
    code count against the address's allowance, as for planned outages."""
    if (customer_code is None) == (area is None):
        raise AppError(400, "code_or_area", "Give either customer_code or area, not both.")
    if customer_code is not None:
        await ctx.limiter.enforce(ctx.settings.public_lookup_per_ip, "public-incidents-ip", ip)
        try:
            code = normalize_customer_code(customer_code)
        except InvalidCustomerCode as exc:
            raise invalid("customer_code", str(exc)) from None
        area = await session.scalar(
            select(Contract.area_code).where(Contract.customer_code == code)
        )
        if area is None:
            raise AppError(404, "customer_code_not_found", "No contract has that customer code.")
    since = utcnow() - RECENTLY_CLOSED
    rows = await session.scalars(
        select(Incident)
        .where(
            Incident.area_code == area,
            Incident.merged_into.is_(None),
            or_(
                Incident.status.in_(OPEN),
                Incident.status.in_(("restored", "not_our_fault")) & (Incident.closed_at > since),
            ),
        )
        .order_by(Incident.opened_at.desc(), Incident.id.desc())
        .limit(20)
    )
    return await views.public_many(session, list(rows))


@router.get("/incidents/{incident_id}", responses=errors(404, 422))
async def public_incident(incident_id: RowId, session: SessionDep) -> IncidentPublic:
    """One incident (where a notice leads): area, status, estimate, timeline."""
    inc = await session.get(Incident, incident_id)
    while inc is not None and inc.merged_into is not None:
        inc = await session.get(Incident, inc.merged_into)
    if inc is None:
        raise AppError(404, "incident_not_found", "There is no incident with that id.")
    return await views.public_one(session, inc)
