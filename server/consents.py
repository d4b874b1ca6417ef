"""A person's consents in force, read by the services (profile, consent changes) and by the
notice fan-out (which outside channels may carry a notice). It sits outside both so that
server/notify/ needs nothing from server/services/ (issue 15; tests/server/test_layering.py).
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Consent


async def current_consents(session: AsyncSession, user_id: int) -> dict[str, bool]:
    """The latest decision per purpose: consent is withdrawable, so only the last one counts."""
    latest = (
        select(Consent.purpose, func.max(Consent.id).label("id"))
        .where(Consent.user_id == user_id)
        .group_by(Consent.purpose)
        .subquery()
    )
    rows = await session.execute(
        select(Consent.purpose, Consent.granted).join(latest, latest.c.id == Consent.id)
    )
    return {p: g for p, g in rows.all()}


async def current_consents_many(
    session: AsyncSession, user_ids: list[int]
) -> dict[int, dict[str, bool]]:
    """current_consents() of many people in one statement (the notice fan-out's batches)."""
    if not user_ids:
        return {}
    latest = (
        select(func.max(Consent.id).label("id"))
        .where(Consent.user_id.in_(user_ids))
        .group_by(Consent.user_id, Consent.purpose)
        .subquery()
    )
    rows = await session.execute(
        select(Consent.user_id, Consent.purpose, Consent.granted).join(
            latest, latest.c.id == Consent.id
        )
    )
    out: dict[int, dict[str, bool]] = {}
    for user_id, purpose, granted in rows.all():
        out.setdefault(user_id, {})[purpose] = granted
    return out
