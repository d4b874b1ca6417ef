"""Writing notices: an inbox row per person, queued channel messages, a live event after commit."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Notification, OutboxMessage
from server.notify.fanout import notice_intent
from server.notify.hub import NoticeHub

_ANNOUNCE = "diennha.announce"


def notify(
    session: AsyncSession,
    user_id: int,
    kind: str,
    params: dict | None = None,
    *,
    customer_code: str | None = None,
    ref: tuple[str, str] | None = None,
) -> Notification:
    """Adds the notice to the caller's transaction; it exists only if that transaction commits.
    With it goes an outbox intent that the dispatcher fans out to e-mail/SMS/Zalo/push."""
    n = Notification(
        user_id=user_id,
        kind=kind,
        params=params or {},
        customer_code=customer_code,
        ref_type=ref[0] if ref else None,
        ref_id=ref[1] if ref else None,
    )
    session.add(n)
    session.add(notice_intent(user_id, kind, n.params, customer_code, ref))
    session.info.setdefault(_ANNOUNCE, set()).add(user_id)
    return n


# An outbox row written so that two paths do the same work, never to be sent (a sign-in code
# for a phone without an account: identity/otp.py); pruned like sent and failed rows.
VOID = "void"


def enqueue(
    session: AsyncSession,
    channel: str,
    to: str,
    body: str,
    *,
    subject: str | None = None,
    dedupe_key: str | None = None,
) -> OutboxMessage:
    """Queues a message for an outside channel in the same transaction as its cause."""
    msg = OutboxMessage(channel=channel, to=to, subject=subject, body=body, dedupe_key=dedupe_key)
    session.add(msg)
    return msg


async def commit_and_announce(session: AsyncSession, hub: NoticeHub) -> None:
    """Commits, then tells open streams of everyone who got a notice in this transaction."""
    await session.commit()
    for user_id in session.info.pop(_ANNOUNCE, set()):
        await hub.publish(user_id, {"type": "notice"})
