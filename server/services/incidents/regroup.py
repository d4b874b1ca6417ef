"""Staff regrouping: merge one open incident into another (one fault behind two areas'
reports), split reports placed in the wrong area off to that area's open incident, and read
an incident's reports (with the personal data staff need to call back)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incident_states import OPEN
from domain.models.incidents import OutageReportStaff
from server.context import ServerContext
from server.models import Area, utcnow
from server.models.incidents import Incident, IncidentEvent, OutageReport
from server.problems import AppError
from server.services.audit import records as audit
from server.services.incidents.grouping import open_incident_for
from server.services.incidents.staff import PURPOSE, get


def report_view(r: OutageReport) -> OutageReportStaff:
    return OutageReportStaff(
        id=r.id, tracking_no=r.tracking_no, kind=r.kind, customer_code=r.customer_code,  # type: ignore[arg-type]
        area=r.area_code, lat=r.lat, lon=r.lon, address=r.address, phone=r.phone,
        description=r.description, has_photo=r.photo_key is not None, created_at=r.created_at,
    )  # fmt: skip


async def reports_of(session: AsyncSession, incident_id: int, limit: int) -> list[OutageReport]:
    q = select(OutageReport).order_by(OutageReport.id.desc()).limit(limit)
    if incident_id:
        q = q.where(OutageReport.incident_id == incident_id)
    else:  # 0: the reports nobody placed yet (address only, or outside every boundary)
        q = q.where(OutageReport.area_code.is_(None))
    return list(await session.scalars(q))


def _require_open(inc: Incident) -> None:
    if inc.status not in OPEN:
        raise AppError(409, "incident_closed", f"Incident {inc.id} is {inc.status}.")


async def merge(session: AsyncSession, who: str, source_id: int, target_id: int) -> Incident:
    if source_id == target_id:
        raise AppError(422, "validation_failed", "An incident cannot merge into itself.")
    source = await get(session, source_id, lock=True)
    target = await get(session, target_id, lock=True)
    _require_open(source)
    _require_open(target)
    now = utcnow()
    await session.execute(
        update(OutageReport)
        .where(OutageReport.incident_id == source.id)
        .values(incident_id=target.id)
    )
    source.status, source.merged_into, source.closed_at, source.updated_at = (
        "merged",
        target.id,
        now,
        now,
    )
    target.hazard = target.hazard or source.hazard
    target.updated_at = now
    note = f"#{source.id} → #{target.id}"
    session.add(
        IncidentEvent(incident_id=source.id, status="merged", note=note, by=who[:40], at=now)
    )
    audit.record(session, "incident_merged", PURPOSE, actor=None, actor_label=who[:40], detail=note)
    await session.commit()
    return target


async def split(
    ctx: ServerContext,
    session: AsyncSession,
    who: str,
    source_id: int,
    report_ids: list[int],
    area: str,
) -> Incident:
    source = await get(session, source_id)
    if await session.get(Area, area) is None:
        raise AppError(404, "area_not_found", "There is no area with that code.")
    if area == source.area_code:
        raise AppError(422, "validation_failed", "Split moves reports to another area.")
    window = timedelta(minutes=ctx.settings.incident_window_minutes)
    target = await open_incident_for(session, area, False, utcnow(), window)
    moved = await session.execute(
        update(OutageReport)
        .where(OutageReport.incident_id == source.id, OutageReport.id.in_(report_ids))
        .values(incident_id=target.id, area_code=area)
    )
    if moved.rowcount != len(set(report_ids)):
        await session.rollback()
        raise AppError(422, "validation_failed", "Some reports are not in this incident.")
    note = f"{moved.rowcount} reports #{source.id} → #{target.id} ({area})"
    session.add(IncidentEvent(incident_id=target.id, status=target.status, note=note, by=who[:40]))
    audit.record(session, "incident_split", PURPOSE, actor=None, actor_label=who[:40], detail=note)
    await session.commit()
    return target


async def place_unplaced(
    ctx: ServerContext, session: AsyncSession, who: str, report_id: int, area: str
) -> Incident:
    """A report left for staff (address only) placed in an area by hand."""
    r = await session.get(OutageReport, report_id, with_for_update=True)
    if r is None or r.area_code is not None:
        raise AppError(404, "report_not_found", "No unplaced report has that id.")
    if await session.get(Area, area) is None:
        raise AppError(404, "area_not_found", "There is no area with that code.")
    window = timedelta(minutes=ctx.settings.incident_window_minutes)
    inc = await open_incident_for(session, area, r.kind == "hazard", utcnow(), window)
    r = await session.get(OutageReport, report_id)  # open_incident_for may have rolled back
    r.area_code, r.incident_id = area, inc.id
    audit.record(session, "outage_report_placed", PURPOSE, actor=None, actor_label=who[:40],
                 detail=f"{r.tracking_no} → {area} #{inc.id}")  # fmt: skip
    await session.commit()
    return inc
