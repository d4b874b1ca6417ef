"""Issue 21.6: a relative whose request waits has no way to nudge the owner but a phone call.
After a day of waiting they may remind the owner once a day, through the same notice (or SMS
for an owner without the app) as the request; each reminder is audited."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import LinkReminder
from server.context import ServerContext
from server.models import AuditRecord, Contract, Link, User, utcnow
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.services.accounts.link_requests import tell_owner
from server.services.accounts.links import NOT_YOURS, PURPOSE
from server.services.audit import records as audit

EVERY = timedelta(days=1)  # first reminder a day after asking, then at most once a day
ACTION = "link_reminded"


async def remind_owner(
    ctx: ServerContext, session: AsyncSession, user: User, code: str
) -> LinkReminder:
    link = (
        await session.execute(
            select(Link).where(Link.user_id == user.id, Link.customer_code == code)
        )
    ).scalar_one_or_none()
    if link is None or link.status != "pending":
        raise AppError(404, "link_not_pending", "You have no request waiting for this code.")
    contract = await session.get(Contract, code)
    if contract is None:  # a pending link always has its contract; kept for the type checker
        raise AppError(404, "account_not_found", NOT_YOURS)
    last = await _last_reminder(session, user.id, code, link.requested_at)
    allowed_at = (last or link.requested_at) + EVERY
    now = utcnow()
    if now < allowed_at:
        raise AppError(
            429,
            "reminder_too_soon",
            "The owner was told recently. You can remind them again later.",
            headers={"Retry-After": str(math.ceil((allowed_at - now).total_seconds()))},
        )
    await tell_owner(session, contract, user, link, reminder=True)
    audit.record(session, ACTION, PURPOSE, actor=user, customer_code=code, subject=user)
    requested_at = link.requested_at
    await commit_and_announce(session, ctx.hub)
    return LinkReminder(requested_at=requested_at, reminded_at=now, next_at=now + EVERY)


async def _last_reminder(
    session: AsyncSession, user_id: int, code: str, since: datetime
) -> datetime | None:
    """Reminders of this request only: one made before a denial and a new request does not
    count. The audit log is the record (append-only, so it cannot be wiped to remind again)."""
    return (
        await session.execute(
            select(AuditRecord.at)
            .where(
                AuditRecord.action == ACTION,
                AuditRecord.customer_code == code,
                AuditRecord.actor_user_id == user_id,
                AuditRecord.at >= since,
            )
            .order_by(AuditRecord.at.desc())
            .limit(1)
        )
    ).scalar_one_or_none()
