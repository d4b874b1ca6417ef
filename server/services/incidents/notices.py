"""Who hears of an incident's change, once each: its reporters who are users, and every
APPROVED link of every code in its area and in the areas of the incidents merged into it (one
fault behind two areas' reports: both areas hear of its restoration); pending, denied,
revoked links and other areas never. Written in bulk (notice_bulk: one inbox row and one outbox intent each)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Contract, Link
from server.models.incidents import Incident, OutageReport
from server.services.billing.notice_bulk import notify_many

CHUNK = 5000


async def areas_of(session: AsyncSession, inc: Incident) -> set[str]:
    """The incident's area and those of every incident merged into it, at any depth."""
    areas, seen, frontier = {inc.area_code}, {inc.id}, [inc.id]
    while frontier:
        rows = await session.execute(
            select(Incident.id, Incident.area_code).where(Incident.merged_into.in_(frontier))
        )
        frontier = []
        for incident_id, area in rows:
            areas.add(area)
            if incident_id not in seen:
                seen.add(incident_id)
                frontier.append(incident_id)
    return areas


async def audience(session: AsyncSession, inc: Incident) -> dict[int, str | None]:
    """user id → the customer code the notice names (None for a reporter with no link there)."""
    people: dict[int, str | None] = {}
    areas = sorted(await areas_of(session, inc))
    links = await session.execute(
        select(Link.user_id, Link.customer_code)
        .join(Contract, Contract.customer_code == Link.customer_code)
        .where(Contract.area_code.in_(areas), Link.status == "approved")
        .order_by(Link.user_id, Link.customer_code)
    )
    for user_id, code in links:
        people.setdefault(user_id, code)
    reporters = await session.scalars(
        select(OutageReport.user_id)
        .where(OutageReport.incident_id == inc.id, OutageReport.user_id.is_not(None))
        .distinct()
    )
    for user_id in reporters:
        people.setdefault(user_id, None)
    return people


async def tell(session: AsyncSession, inc: Incident, kind: str, params: dict) -> int:
    """Adds the notices to the caller's transaction; returns how many people."""
    people = await audience(session, inc)
    items = [
        (
            user_id,
            kind,
            {**params, **({"code": code} if code else {})},
            code,
            ("incident", str(inc.id)),
        )
        for user_id, code in people.items()
    ]
    for start in range(0, len(items), CHUNK):
        await notify_many(session, items[start : start + CHUNK])
    return len(items)
