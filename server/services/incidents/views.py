"""Incidents and reports as the wire shows them: public (no personal data) and staff."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incident_states import allowed_next
from domain.models.incidents import (
    IncidentBrief,
    IncidentPublic,
    IncidentStaff,
    OutageReportStatus,
    TimelineStep,
)
from server.models import Area
from server.models.incidents import Incident, IncidentEvent, OutageReport


async def _names(session: AsyncSession, codes: Iterable[str]) -> dict[str, str]:
    codes = set(codes)
    if not codes:
        return {}
    rows = await session.execute(select(Area.code, Area.name).where(Area.code.in_(codes)))
    return {code: name for code, name in rows}


async def _timelines(session: AsyncSession, ids: list[int]) -> dict[int, list[TimelineStep]]:
    out: dict[int, list[TimelineStep]] = {i: [] for i in ids}
    if not ids:
        return out
    rows = await session.scalars(
        select(IncidentEvent)
        .where(IncidentEvent.incident_id.in_(ids))
        .order_by(IncidentEvent.incident_id, IncidentEvent.id)
    )
    for e in rows:
        out[e.incident_id].append(TimelineStep(status=e.status, at=e.at, eta=e.eta, note=e.note))
    return out


def brief(inc: Incident) -> IncidentBrief:
    return IncidentBrief(id=inc.id, status=inc.status, eta=inc.eta)  # type: ignore[arg-type]


def _public_fields(inc: Incident, name: str | None, timeline: list[TimelineStep]) -> dict:
    return {
        "id": inc.id,
        "area": inc.area_code,
        "area_name": name,
        "status": inc.status,
        "hazard": inc.hazard,
        "eta": inc.eta,
        "opened_at": inc.opened_at,
        "updated_at": inc.updated_at,
        "closed_at": inc.closed_at,
        "timeline": timeline,
    }


async def public_many(session: AsyncSession, incidents: list[Incident]) -> list[IncidentPublic]:
    names = await _names(session, (i.area_code for i in incidents))
    lines = await _timelines(session, [i.id for i in incidents])
    return [
        IncidentPublic(**_public_fields(i, names.get(i.area_code), lines[i.id])) for i in incidents
    ]


async def public_one(session: AsyncSession, inc: Incident) -> IncidentPublic:
    return (await public_many(session, [inc]))[0]


async def staff_many(session: AsyncSession, incidents: list[Incident]) -> list[IncidentStaff]:
    ids = [i.id for i in incidents]
    counts: dict[int, tuple[int, int, object]] = {}
    if ids:
        rows = await session.execute(
            select(
                OutageReport.incident_id,
                func.count(),
                func.sum(case((OutageReport.kind == "hazard", 1), else_=0)),
                func.max(OutageReport.created_at),
            )
            .where(OutageReport.incident_id.in_(ids))
            .group_by(OutageReport.incident_id)
        )
        counts = {i: (n, h or 0, last) for i, n, h, last in rows}
    names = await _names(session, (i.area_code for i in incidents))
    lines = await _timelines(session, ids)
    out = []
    for i in incidents:
        n, h, last = counts.get(i.id, (0, 0, None))
        fields = _public_fields(i, names.get(i.area_code), lines[i.id])
        out.append(
            IncidentStaff(
                **fields,
                reports=n,
                hazard_reports=h,
                last_report_at=last,
                next=allowed_next(i.status),
            )
        )
    return out


async def report_status(session: AsyncSession, r: OutageReport) -> OutageReportStatus:
    incident = None
    if r.incident_id is not None:
        inc = await session.get(Incident, r.incident_id)
        while inc is not None and inc.merged_into is not None:  # follow a merge
            inc = await session.get(Incident, inc.merged_into)
        incident = await public_one(session, inc) if inc else None
    return OutageReportStatus(
        tracking_no=r.tracking_no,
        kind=r.kind,  # type: ignore[arg-type]
        created_at=r.created_at,
        placed=r.area_code is not None,
        has_photo=r.photo_key is not None,
        incident=incident,
    )
