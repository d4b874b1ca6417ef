"""Filing an outage report: limits, placement (code → area, point → boundary, address → staff),
joining the area's open incident, and what the reporter may read back by tracking number."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import NamedTuple, cast

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.models.incidents import IncidentBrief, OutageReportCreate
from server.context import ServerContext
from server.models import User, utcnow
from server.models.incidents import OutageReport
from server.problems import AppError
from server.services.incidents import geo
from server.services.incidents.grouping import place_and_join

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone


def tracking_number() -> str:
    """Random, not a counter: a tracking number is the key to a report's status page."""
    return f"BC{clock.today():%y%m%d}" + "".join(secrets.choice(_ALPHABET) for _ in range(8))


async def enforce_limits(ctx: ServerContext, ip: str, phone: str | None) -> None:
    s = ctx.settings
    await ctx.limiter.enforce(s.outage_report_per_ip, "outage-report-ip", ip)
    if phone:
        await ctx.limiter.enforce(s.outage_report_per_phone, "outage-report-phone", phone)


class Filed(NamedTuple):
    id: int
    tracking_no: str
    area_code: str | None
    incident: IncidentBrief | None


_TABLE = cast(Table, OutageReport.__table__)
_INSERT = _TABLE.insert().returning(_TABLE.c.id)


async def file_report(
    ctx: ServerContext, session: AsyncSession, body: OutageReportCreate, user: User | None
) -> Filed:
    """One SELECT (place_and_join), the INSERT and the commit on the usual path; both
    statements are built once (a storm files thousands a minute: bench/outage_storm.py)."""
    phone = body.phone or (user.phone if user else None)
    now = utcnow()
    point_area = None
    if body.lat is not None and body.lon is not None:  # boundaries cached in process
        point_area = await geo.area_at(ctx.area_shapes, session, body.lat, body.lon)
    window = timedelta(minutes=ctx.settings.incident_window_minutes)
    area, incident = await place_and_join(
        session, body.customer_code, point_area, body.kind == "hazard", now, window
    )
    tracking_no = tracking_number()
    values = {
        "tracking_no": tracking_no,
        "kind": body.kind,
        "customer_code": body.customer_code,
        "area_code": area,
        "lat": body.lat,
        "lon": body.lon,
        "address": body.address,
        "phone": phone,
        "description": body.description,
        "user_id": user.id if user else None,
        "incident_id": incident.id if incident else None,
        "created_at": now,
    }
    report_id = (await session.execute(_INSERT, values)).scalar_one()
    await session.commit()
    return Filed(report_id, tracking_no, area, incident)


async def report_by_tracking(session: AsyncSession, tracking_no: str) -> OutageReport:
    r = await session.scalar(
        select(OutageReport).where(OutageReport.tracking_no == tracking_no.strip().upper())
    )
    if r is None:
        raise AppError(404, "report_not_found", "No report has that tracking number.")
    return r
