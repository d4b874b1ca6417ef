"""The customer side after filing: my requests, cancel, messages."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customer_code import mask_phone
from server.context import ServerContext
from server.models import Link, User, utcnow
from server.models.accounts import household_link
from server.models.services import ServiceMessage, ServiceRequest
from server.notify.inbox import commit_and_announce
from server.services.audit import records as audit
from server.services.service_requests.filing import PURPOSE
from server.services.service_requests.timeline import move, tell


async def list_mine(
    session: AsyncSession, user: User, before: int | None, limit: int
) -> list[ServiceRequest]:
    """access.visible_to as index-friendly parts: the person's own requests (by filer, id)
    and, per code they own, the code's requests since they became owner (by code, id); each
    part newest first up to `limit`, merged. One OR over both was a scan at 1M requests."""
    links = (
        await session.execute(
            select(Link.customer_code, Link.role, Link.decided_at).where(
                Link.user_id == user.id, household_link()
            )
        )
    ).all()
    seen = [lk.customer_code for lk in links]
    parts = [
        select(ServiceRequest).where(
            ServiceRequest.filer_user_id == user.id,
            or_(ServiceRequest.customer_code.is_(None), ServiceRequest.customer_code.in_(seen)),
        )
    ]
    parts += [
        select(ServiceRequest).where(
            ServiceRequest.customer_code == lk.customer_code,
            ServiceRequest.created_at >= lk.decided_at,
        )
        for lk in links
        if lk.role == "owner" and lk.decided_at is not None
    ]
    found: dict[int, ServiceRequest] = {}
    for q in parts:
        if before is not None:
            q = q.where(ServiceRequest.id < before)
        for r in await session.scalars(q.order_by(ServiceRequest.id.desc()).limit(limit)):
            found[r.id] = r
    return [found[i] for i in sorted(found, reverse=True)[:limit]]


async def cancel(
    ctx: ServerContext, session: AsyncSession, user: User, r: ServiceRequest, note: str | None
) -> None:
    """The filer or the owner cancels, before the work starts (the state machine says when)."""
    by = mask_phone(user.phone)
    await move(session, r, "cancelled", "customer", by, note)
    audit.record(
        session, "service_request_cancelled", PURPOSE, actor=user,
        customer_code=r.customer_code, detail=r.tracking_no,
    )  # fmt: skip
    await session.flush()
    await commit_and_announce(session, ctx.hub)


async def add_message(
    ctx: ServerContext, session: AsyncSession, r: ServiceRequest, author: User | None, text: str
) -> ServiceMessage:
    """A message on the request; one from staff is a notice to the filer (and the owner)."""
    m = ServiceMessage(
        request_id=r.id,
        author_user_id=author.id if author else None,
        by=mask_phone(author.phone) if author else "staff",
        text=text,
        at=utcnow(),
    )
    session.add(m)
    r.updated_at = m.at
    if author is None:
        await tell(session, r, "service_request_message", {"text": text[:200]})
    await session.flush()
    await commit_and_announce(session, ctx.hub)
    return m
