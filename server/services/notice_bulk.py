"""Many notices at once (bill run): the same rows notify() writes — an inbox row and an outbox
intent per notice, announced after commit — inserted with two executemany statements instead
of one ORM object each (COPY on PostgreSQL). At bill-run scale the ORM path spent most of
its time building and parsing multi-thousand-parameter INSERT … RETURNING statements."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Notification, OutboxMessage, utcnow
from server.notify import inbox
from server.notify.fanout import notice_intent
from server.services.batch_sql import bulk_insert

Notice = tuple[int, str, dict, str | None, tuple[str, str] | None]  # user, kind, params, code, ref


async def notify_many(session: AsyncSession, notices: list[Notice]) -> None:
    """Adds every notice to the caller's transaction, exactly as notify() would one by one."""
    if not notices:
        return
    now = utcnow()
    inbox_rows, intents = [], []
    for user_id, kind, params, code, ref in notices:
        inbox_rows.append(
            {
                "user_id": user_id,
                "kind": kind,
                "params": params,
                "customer_code": code,
                "ref_type": ref[0] if ref else None,
                "ref_id": ref[1] if ref else None,
                "created_at": now,
                "read_at": None,
            }
        )
        intent = notice_intent(user_id, kind, params, code, ref)
        intents.append(
            {
                "channel": intent.channel,
                "to": intent.to,
                "subject": intent.subject,
                "body": intent.body,
                "dedupe_key": intent.dedupe_key,
                "created_at": now,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
            }
        )
    await bulk_insert(session, Notification, inbox_rows)
    await bulk_insert(session, OutboxMessage, intents)
    # notify()'s announce list, so commit_and_announce() wakes these users' open streams
    session.info.setdefault(inbox._ANNOUNCE, set()).update(n[0] for n in notices)
