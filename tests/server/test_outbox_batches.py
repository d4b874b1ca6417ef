"""The dispatcher's set-based path (issue 17) on SQLite and PostgreSQL: a batch of notice
intents is expanded once per intent by the person's own settings, a dispatcher that lost its
lease expands nothing, two dispatchers in parallel never expand or send one intent twice, one
unreadable intent does not hold back the batch, and void rows are never sent."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from sqlalchemy import func, select

from server.db import create_engine, create_session_factory
from server.models import Consent, Delivery, Device, OutboxMessage, User
from server.notify.dispatcher import Dispatcher, RetryPolicy
from server.notify.fanout import NOTICE_CHANNEL
from server.notify.inbox import VOID, enqueue, notify
from server.notify.sending import DevSink
from tests.server.notice_fakes import FakeClock

KIND, PARAMS = "incident_restored", {"area": "KV-01"}


class Counting(DevSink):
    """A dev sink that remembers every outbox id it was handed (to count repeats)."""

    def __init__(self, channel: str) -> None:
        super().__init__(channel)
        self.ids: Counter[int] = Counter()

    async def send(self, msg) -> str:
        self.ids[msg.outbox_id] += 1
        await asyncio.sleep(0)
        return "counted"


def senders() -> dict:
    return {"sms": Counting("sms"), "zalo": Counting("zalo"), "email": Counting("email"),
            "push": Counting("push")}  # fmt: skip


async def people(ctx, n: int) -> list[int]:
    """n people with settings that differ by i % 4: 0 SMS with consent, 1 SMS without
    consent, 2 e-mail + Zalo with consent and two devices, 3 push off, nothing else."""
    async with ctx.sessions() as s:
        users = []
        for i in range(n):
            kind = i % 4
            channels = {
                0: {"sms": True, "push": False},
                1: {"sms": True, "push": False},
                2: {"email": True, "zalo": True, "push": True},
                3: {"push": False},
            }[kind]
            u = User(
                phone=f"+8491{i:07d}",
                full_name=f"Người {i}",
                email=f"n{i}@example.vn" if kind == 2 else None,
                password_hash="x",
                language="en" if i % 8 == 2 else "vi",
                channels=channels,
            )
            s.add(u)
            users.append(u)
        await s.flush()
        for i, u in enumerate(users):
            if i % 4 == 0:
                s.add(Consent(user_id=u.id, purpose="notices_sms", granted=True, source="t"))
            if i % 4 == 2:
                for purpose in ("notices_email", "notices_zalo"):
                    s.add(Consent(user_id=u.id, purpose=purpose, granted=True, source="t"))
                s.add(Consent(user_id=u.id, purpose="notices_zalo", granted=False, source="t"))
                s.add(Consent(user_id=u.id, purpose="notices_zalo", granted=True, source="t"))
                for d in range(2):
                    s.add(Device(user_id=u.id, platform="android", token=f"tok-{u.id}-{d}"))
        await s.commit()
        return [u.id for u in users]


def expected(i: int) -> list[str]:
    return [["sms"], [], ["email", "zalo", "push", "push"], []][i % 4]


async def intents_for(ctx, user_ids: list[int]) -> list[int]:
    async with ctx.sessions() as s:
        for uid in user_ids:
            notify(s, uid, KIND, dict(PARAMS), ref=("incident", "1"))
        await s.commit()
        rows = await s.execute(
            select(OutboxMessage.id)
            .where(OutboxMessage.channel == NOTICE_CHANNEL)
            .order_by(OutboxMessage.id)
        )
        return list(rows.scalars())


async def rows(ctx) -> list[OutboxMessage]:
    async with ctx.sessions() as s:
        return list((await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars())


async def fan_out_records(ctx) -> Counter[int]:
    async with ctx.sessions() as s:
        q = select(Delivery.outbox_id, func.count()).where(
            Delivery.ok.is_(True), Delivery.detail.like("fan-out:%")
        )
        return Counter(dict((await s.execute(q.group_by(Delivery.outbox_id))).all()))


def channel_messages_by_intent(all_rows: list[OutboxMessage]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for m in all_rows:
        if m.channel != NOTICE_CHANNEL:
            intent = int(m.dedupe_key.split(":")[1])
            out.setdefault(intent, []).append(m.channel)
    return out


async def test_a_batch_expands_each_intent_by_its_own_persons_settings(ctx):
    uids = await people(ctx, 24)
    intent_ids = await intents_for(ctx, uids)
    d = Dispatcher(ctx.sessions, senders(), batch_size=500)
    await d.run_until_idle()
    all_rows = await rows(ctx)
    by_intent = channel_messages_by_intent(all_rows)
    for i, intent_id in enumerate(intent_ids):
        assert sorted(by_intent.get(intent_id, [])) == sorted(expected(i)), i
    assert await fan_out_records(ctx) == Counter({i: 1 for i in intent_ids})
    assert {m.status for m in all_rows} == {"sent"}
    [english] = [m for m in all_rows if m.channel == "email" and m.to == "n2@example.vn"]
    [vietnamese] = [m for m in all_rows if m.channel == "email" and m.to == "n6@example.vn"]
    assert "You get this because" in english.body and "Bạn nhận thư" in vietnamese.body
    # what the batch expanded is what one-by-one expansion gives (batch of one)
    async with ctx.sessions() as s:
        await s.execute(OutboxMessage.__table__.delete())
        await s.commit()
    intent_ids = await intents_for(ctx, uids)
    await Dispatcher(ctx.sessions, senders(), batch_size=1).run_until_idle()
    one_by_one = channel_messages_by_intent(await rows(ctx))
    assert [sorted(one_by_one.get(i, [])) for i in intent_ids] == [
        sorted(expected(i)) for i in range(24)
    ]


async def test_a_dispatcher_that_lost_its_lease_expands_nothing(ctx):
    uids = await people(ctx, 12)
    intent_ids = await intents_for(ctx, uids)
    clock = FakeClock()
    late = Dispatcher(ctx.sessions, senders(), batch_size=100, lease_seconds=30, clock=clock)
    healer = Dispatcher(ctx.sessions, senders(), batch_size=100, lease_seconds=30, clock=clock)
    stale = await late.claim()
    assert sorted(c.id for c in stale) == intent_ids
    assert await healer.claim() == []  # leased
    clock.advance(31)
    fresh = await healer.claim()
    assert sorted(c.id for c in fresh) == intent_ids and {c.attempts for c in fresh} == {2}
    await late._fan_out(stale)  # its fence no longer matches: nothing is added
    assert channel_messages_by_intent(await rows(ctx)) == {}
    assert await fan_out_records(ctx) == Counter()
    await healer._fan_out(fresh)
    await late._fan_out(stale)  # and not after the healer either
    by_intent = channel_messages_by_intent(await rows(ctx))
    assert sum(len(v) for v in by_intent.values()) == sum(len(expected(i)) for i in range(12))
    assert await fan_out_records(ctx) == Counter({i: 1 for i in intent_ids})


async def test_two_dispatchers_with_their_own_pools_expand_and_send_each_intent_once(ctx, settings):
    uids = await people(ctx, 160)
    intent_ids = await intents_for(ctx, uids)
    engines = [create_engine(settings) for _ in range(2)]
    sinks = [senders() for _ in range(2)]
    workers = [
        Dispatcher(create_session_factory(e), s, batch_size=16)
        for e, s in zip(engines, sinks, strict=True)
    ]
    try:
        done = await asyncio.gather(*(w.run_until_idle() for w in workers))
    finally:
        for e in engines:
            await e.dispose()
    channel_total = sum(len(expected(i)) for i in range(160))
    assert sum(done) == 160 + channel_total and min(done) > 0, done
    assert await fan_out_records(ctx) == Counter({i: 1 for i in intent_ids})
    all_rows = await rows(ctx)
    sent = Counter()
    for sink in sinks:
        for counting in sink.values():
            sent.update(counting.ids)
    outside = [m.id for m in all_rows if m.channel != NOTICE_CHANNEL]
    assert len(outside) == channel_total
    assert sent == Counter({i: 1 for i in outside})  # every message handed over once
    assert {m.status for m in all_rows} == {"sent"}


async def test_one_unreadable_intent_does_not_hold_back_its_batch(ctx):
    uids = await people(ctx, 8)
    intent_ids = await intents_for(ctx, uids)
    async with ctx.sessions() as s:
        bad = OutboxMessage(channel=NOTICE_CHANNEL, to="user:0", body="{not json")
        s.add(bad)
        await s.commit()
    clock = FakeClock()
    d = Dispatcher(
        ctx.sessions,
        senders(),
        batch_size=100,
        clock=clock,
        policy=RetryPolicy(max_attempts=2, base_seconds=10, max_seconds=10),
    )
    await d.run_until_idle()
    by_id = {m.id: m for m in await rows(ctx)}
    assert {by_id[i].status for i in intent_ids} == {"sent"}
    assert (by_id[bad.id].status, by_id[bad.id].attempts) == ("pending", 1)
    assert "fan-out error" in by_id[bad.id].last_error
    clock.advance(11)
    await d.run_until_idle()
    by_id = {m.id: m for m in await rows(ctx)}
    assert (by_id[bad.id].status, by_id[bad.id].attempts) == ("failed", 2)
    assert (await fan_out_records(ctx))[bad.id] == 0
    assert await fan_out_records(ctx) == Counter({i: 1 for i in intent_ids})


async def test_void_rows_are_never_claimed_sent_or_counted(ctx):
    uids = await people(ctx, 4)
    await intents_for(ctx, uids)
    async with ctx.sessions() as s:
        void = enqueue(s, "sms", "+84900000001", "Mã 123456")
        void.status = VOID
        real = enqueue(s, "sms", "+84900000002", "Mã 654321")
        await s.commit()
    sinks = senders()
    settled = await Dispatcher(ctx.sessions, sinks, batch_size=500).run_until_idle()
    by_id = {m.id: m for m in await rows(ctx)}
    assert by_id[void.id].status == VOID and by_id[void.id].attempts == 0
    assert by_id[real.id].status == "sent"
    assert void.id not in sinks["sms"].ids and sinks["sms"].ids[real.id] == 1
    assert settled == 4 + 1 + sum(len(expected(i)) for i in range(4))  # the void row: not counted


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
