"""Retention: what the outbox keeps after it has done its job.

A sent (or finally failed) outside message stays `outbox_days` for support questions ("did
the SMS go out?"), then it and its delivery records are deleted: their bodies hold one-time
codes, names and amounts that nobody needs months later (data minimisation, Decree
13/2023). Pending messages are never touched, however old. Inbox notices belong to their
reader (deleted with the account); payment_events and the audit log are records the
company must keep and are not pruned here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Delivery, OutboxMessage
from server.notify.inbox import VOID

BATCH = 5000  # rows per statement: short locks on a busy outbox


@dataclass
class Pruned:
    outbox: int = 0
    deliveries: int = 0


async def prune_outbox(session: AsyncSession, now: datetime, outbox_days: int) -> Pruned:
    """Deletes finished outbox messages created before now - outbox_days, in batches, each
    committed; returns how many rows went."""
    if outbox_days < 1:
        raise ValueError("outbox_days must be at least 1")
    cutoff = now - timedelta(days=outbox_days)
    done = Pruned()
    while True:
        ids = list(
            (
                await session.execute(
                    select(OutboxMessage.id)
                    .where(
                        OutboxMessage.status.in_(("sent", "failed", VOID)),
                        OutboxMessage.created_at < cutoff,
                    )
                    .order_by(OutboxMessage.id)
                    .limit(BATCH)
                )
            ).scalars()
        )
        if not ids:
            return done
        gone = await session.execute(delete(Delivery).where(Delivery.outbox_id.in_(ids)))
        done.deliveries += gone.rowcount or 0
        gone = await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))
        done.outbox += gone.rowcount or 0
        await session.commit()
