"""Account erasure: a person's outage reports keep what they said about the grid (kind, place,
time) but lose who sent them (user id, phone, free text)."""

from __future__ import annotations

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import User
from server.models.incidents import OutageReport


async def forget_reporter(session: AsyncSession, user: User) -> None:
    await session.execute(
        update(OutageReport)
        .where(or_(OutageReport.user_id == user.id, OutageReport.phone == user.phone))
        .values(user_id=None, phone=None, description=None)
    )
