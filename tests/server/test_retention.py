"""Outbox retention on SQLite and PostgreSQL: finished messages older than the cut-off go
with their delivery records; pending ones and recent ones stay; running it twice is fine."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from server.models import Delivery, OutboxMessage, utcnow
from server.services.notices import retention
from server.services.notices.retention import prune_outbox


async def _add(ctx, rows: list[tuple[str, int]]) -> dict[str, int]:
    """rows: (status, age in days) -> {f"{status}-{age}": outbox id}, one delivery each."""
    now, ids = utcnow(), {}
    async with ctx.sessions() as s:
        for status, age in rows:
            msg = OutboxMessage(
                channel="sms",
                to="+84901234567",
                body="Mã OTP của bạn là 123456",
                status=status,
                created_at=now - timedelta(days=age),
            )
            s.add(msg)
            await s.flush()
            s.add(Delivery(outbox_id=msg.id, ok=status == "sent", at=msg.created_at))
            ids[f"{status}-{age}"] = msg.id
        await s.commit()
    return ids


async def _left(ctx) -> tuple[set[int], set[int]]:
    async with ctx.sessions() as s:
        outbox = set((await s.execute(select(OutboxMessage.id))).scalars())
        deliveries = set((await s.execute(select(Delivery.outbox_id))).scalars())
    return outbox, deliveries


async def test_finished_messages_past_the_cut_off_go_with_their_deliveries(ctx, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)  # several batches
    ids = await _add(
        ctx,
        [("sent", 40), ("sent", 31), ("failed", 90), ("pending", 60), ("sent", 29), ("sent", 1)],
    )
    async with ctx.sessions() as s:
        done = await prune_outbox(s, utcnow(), 30)
    assert (done.outbox, done.deliveries) == (3, 3)
    keep = {ids["pending-60"], ids["sent-29"], ids["sent-1"]}
    assert await _left(ctx) == (keep, keep)
    async with ctx.sessions() as s:
        again = await prune_outbox(s, utcnow(), 30)
    assert (again.outbox, again.deliveries) == (0, 0)


async def test_a_cut_off_below_one_day_is_refused(ctx):
    async with ctx.sessions() as s:
        with pytest.raises(ValueError):
            await prune_outbox(s, utcnow(), 0)
