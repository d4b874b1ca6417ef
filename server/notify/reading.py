"""Reading the inbox: pages newest first, the unread count, marking read — worded per reader."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import NotificationPage, NotificationPublic, ReadAllResult
from server.models import Notification, utcnow
from server.notify.render import render_notice
from server.problems import AppError

NOT_FOUND = "You have no notice with that id."


def public(n: Notification, lang: str) -> NotificationPublic:
    text = render_notice(n.kind, n.params, lang, n.customer_code)
    return NotificationPublic(
        id=n.id,
        kind=n.kind,
        title=text.title,
        body=text.body,
        created_at=n.created_at,
        read_at=n.read_at,
        customer_code=n.customer_code,
        ref_type=n.ref_type,
        ref_id=n.ref_id,
    )


async def unread_count(session: AsyncSession, user_id: int) -> int:
    q = select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    return (await session.execute(q)).scalar_one()


async def page(
    session: AsyncSession,
    user_id: int,
    lang: str,
    *,
    unread: bool = False,
    cursor: int | None = None,
    limit: int = 20,
) -> NotificationPage:
    q = select(Notification).where(Notification.user_id == user_id)
    if unread:
        q = q.where(Notification.read_at.is_(None))
    if cursor is not None:
        q = q.where(Notification.id < cursor)
    rows = list(
        (await session.execute(q.order_by(Notification.id.desc()).limit(limit + 1))).scalars()
    )
    more = len(rows) > limit
    rows = rows[:limit]
    return NotificationPage(
        items=[public(n, lang) for n in rows],
        next_cursor=str(rows[-1].id) if more else None,
        unread_count=await unread_count(session, user_id),
    )


async def newer_than(
    session: AsyncSession, user_id: int, lang: str, after_id: int, limit: int = 50
) -> list[NotificationPublic]:
    """Notices that arrived after `after_id`, oldest first (what a live stream sends)."""
    q = (
        select(Notification)
        .where(Notification.user_id == user_id, Notification.id > after_id)
        .order_by(Notification.id)
        .limit(limit)
    )
    return [public(n, lang) for n in (await session.execute(q)).scalars()]


async def newest_id(session: AsyncSession, user_id: int) -> int:
    q = select(func.max(Notification.id)).where(Notification.user_id == user_id)
    return (await session.execute(q)).scalar_one() or 0


async def mark_read(
    session: AsyncSession, user_id: int, lang: str, notification_id: int
) -> NotificationPublic:
    n = await session.get(Notification, notification_id)
    if n is None or n.user_id != user_id:  # someone else's notice looks like no notice
        raise AppError(404, "notification_not_found", NOT_FOUND)
    if n.read_at is None:
        n.read_at = utcnow()
        await session.commit()
    return public(n, lang)


async def mark_all_read(session: AsyncSession, user_id: int) -> ReadAllResult:
    result = await session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    await session.commit()
    return ReadAllResult(marked=result.rowcount, unread_count=await unread_count(session, user_id))
