"""Staff work on incidents: the list (hazards first), moves with an estimate, each audited and
told to the reporters and the area's approved links."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incident_states import FINAL, OPEN, InvalidIncidentMove, next_status
from domain.models.incidents import IncidentTransition
from server.context import ServerContext
from server.models import utcnow
from server.models.incidents import Incident, IncidentEvent
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.services.audit import records as audit
from server.services.incidents.notices import tell
from server.services.notices.outages import area_name

PURPOSE = "outage_response"


async def incidents(
    session: AsyncSession, status: str | None, area: str | None, limit: int
) -> list[Incident]:
    q = select(Incident).where(Incident.merged_into.is_(None))
    q = q.where(Incident.status == status) if status else q.where(Incident.status.in_(OPEN))
    if area:
        q = q.where(Incident.area_code == area)
    # Hazards jump the queue, then the oldest first.
    q = q.order_by(Incident.hazard.desc(), Incident.opened_at, Incident.id).limit(limit)
    return list(await session.scalars(q))


async def get(session: AsyncSession, incident_id: int, lock: bool = False) -> Incident:
    inc = await session.get(Incident, incident_id, with_for_update=lock)
    if inc is None:
        raise AppError(404, "incident_not_found", "There is no incident with that id.")
    return inc


async def transition(
    ctx: ServerContext, session: AsyncSession, who: str, inc: Incident, body: IncidentTransition
) -> int:
    """Moves (or re-estimates) the incident; returns how many people were told."""
    try:
        next_status(inc.status, body.status)
    except InvalidIncidentMove as exc:
        raise AppError(409, "invalid_transition", str(exc)) from None
    if body.eta is not None and body.status in FINAL:
        raise AppError(422, "eta_on_closed", "A closed incident has no estimate.")
    same = body.status == inc.status
    if same and body.eta == inc.eta and not body.note:
        return 0  # nothing changed, nobody is told
    now = utcnow()
    eta_changed = body.eta is not None and body.eta != inc.eta
    inc.status = body.status
    if body.eta is not None:
        inc.eta = body.eta
    if body.status in FINAL:
        inc.closed_at, inc.eta = now, None
    inc.updated_at = now
    session.add(
        IncidentEvent(
            incident_id=inc.id, status=inc.status, eta=inc.eta, note=body.note, by=who[:40], at=now
        )
    )
    audit.record(
        session, f"incident_{inc.status}", PURPOSE, actor=None, actor_label=who[:40],
        detail=f"incident {inc.id} area {inc.area_code}" + (f" eta {inc.eta:%Y-%m-%dT%H:%MZ}" if inc.eta else ""),
    )  # fmt: skip
    told = 0
    if not same or eta_changed:
        kind = f"incident_{inc.status}" if not same else "incident_eta"
        params = {
            "incident_id": inc.id,
            "area": await area_name(session, inc.area_code) or inc.area_code,
            "area_code": inc.area_code,
            "status": inc.status,
        }
        if inc.eta is not None:
            params["eta"] = inc.eta.isoformat()
        told = await tell(session, inc, kind, params)
    await commit_and_announce(session, ctx.hub)
    return told
