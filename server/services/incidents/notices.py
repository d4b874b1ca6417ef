"""Who hears of an incident's change, once each: its reporters who are users, and every
APPROVED link of every code in its area (pending, denied, revoked links and other areas
never). Written in bulk (notice_bulk: one inbox row and one outbox intent each)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Contract, Link
from server.models.incidents import Incident, OutageReport
from server.services.billing.notice_bulk import notify_many

CHUNK = 5000


async def audience(session: AsyncSession, inc: Incident) -> dict[int, str | None]:
    """user id → the customer code the notice names (None for a reporter with no link there)."""
    people: dict[int, str | None] = {}
    links = await session.execute(
        select(Link.user_id, Link.customer_code)
        .join(Contract, Contract.customer_code == Link.customer_code)
        .where(Contract.area_code == inc.area_code, Link.status == "approved")
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
