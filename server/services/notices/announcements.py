"""Staff announcements: one inbox notice per person, to everyone or to the people with an
approved link to a contract in one area."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Announcement, Contract, Link, User
from server.notify.inbox import notify
from server.notify.kinds import ANNOUNCEMENT


async def announce(
    session: AsyncSession, title: str, body: str, area: str | None, staff: str
) -> tuple[Announcement, int]:
    """Adds the announcement and its notices to the caller's transaction; returns the count."""
    row = Announcement(area_code=area, title=title, body=body, created_by=staff[:40])
    session.add(row)
    await session.flush()
    if area is None:
        users = select(User.id)
    else:
        users = (
            select(Link.user_id)
            .join(Contract, Contract.customer_code == Link.customer_code)
            .where(Contract.area_code == area, Link.status == "approved")
            .distinct()
        )
    recipients = list((await session.execute(users)).scalars())
    params = {"title": title, "body": body, "area": area}
    for user_id in recipients:
        notify(session, user_id, ANNOUNCEMENT, params, ref=("announcement", str(row.id)))
    return row, len(recipients)
