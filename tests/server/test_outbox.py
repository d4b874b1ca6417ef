"""Outbox dispatcher on SQLite and PostgreSQL: outages of the gateway and the mail server,
backoff, giving up, crash recovery by lease and idempotency key, concurrent dispatchers."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from server.db import create_engine, create_session_factory
from server.models import Delivery, OutboxMessage
from server.notify.dispatcher import Dispatcher, RetryPolicy
from server.notify.email import SmtpSender
from server.notify.inbox import enqueue
from server.notify.sms import SmsGateway
from tests import figures
from tests.server.notice_fakes import FakeClock, FakeGateway, LocalSmtp

PHONES = [f"+8490{n:07d}" for n in range(1, 100)]


async def queue(ctx, channel: str, n: int, start: int = 0) -> list[int]:
    async with ctx.sessions() as s:
        rows = [
            enqueue(
                s,
                channel,
                PHONES[start + i] if channel == "sms" else f"kh{start + i}@example.vn",
                f"Tin nhắn {start + i}",
                subject="Điện Nhà: thử" if channel == "email" else None,
            )
            for i in range(n)
        ]
        await s.commit()
        return [r.id for r in rows]


async def outbox(ctx) -> dict[int, OutboxMessage]:
    async with ctx.sessions() as s:
        return {m.id: m for m in (await s.execute(select(OutboxMessage))).scalars()}


async def deliveries(ctx, ok: bool | None = None) -> dict[int, int]:
    q = select(Delivery.outbox_id, func.count()).group_by(Delivery.outbox_id)
    if ok is not None:
        q = q.where(Delivery.ok.is_(ok))
    async with ctx.sessions() as s:
        return dict((await s.execute(q)).all())


def make(ctx, senders, clock, **kw) -> Dispatcher:
    kw.setdefault("policy", RetryPolicy(max_attempts=5, base_seconds=10, max_seconds=60))
    return Dispatcher(ctx.sessions, senders, lease_seconds=30, clock=clock, **kw)


async def test_gateway_and_mail_server_down_then_everything_delivered_once(ctx):
    gw, smtp, clock = FakeGateway(), LocalSmtp(), FakeClock()  # neither is listening yet
    # Generous timeouts: the faults here are refusals and 500s; a slow answer on a loaded CI
    # machine must not count as one more failed attempt.
    senders = {
        "sms": SmsGateway(gw.url, gw.token, timeout=15),
        "email": SmtpSender("127.0.0.1", smtp.port, "no-reply@diennha.local", timeout=15),
    }
    sms_ids, mail_ids = await queue(ctx, "sms", 6), await queue(ctx, "email", 4)
    d = make(ctx, senders, clock)
    try:
        assert await d.run_once() == 10  # connection refused everywhere
        rows = await outbox(ctx)
        assert {(m.status, m.attempts) for m in rows.values()} == {("pending", 1)}
        assert all(m.next_attempt_at > clock() for m in rows.values())
        assert "unreachable" in rows[sms_ids[0]].last_error
        assert await d.run_once() == 0  # backoff: nothing is due yet

        await gw.start()
        gw.mode = "500"
        smtp.start()
        clock.advance(61)
        assert await d.run_until_idle() == 10  # mail goes; the gateway answers 500
        rows = await outbox(ctx)
        assert {rows[i].status for i in mail_ids} == {"sent"}
        assert {(rows[i].status, rows[i].attempts) for i in sms_ids} == {("pending", 2)}

        gw.mode = "ok"
        clock.advance(61)
        assert await d.run_until_idle() == 6
        clock.advance(7200)
        assert await d.run_until_idle() == 0  # nothing left, nothing repeated
    finally:
        await gw.stop()
        smtp.stop()
        await senders["sms"].aclose()

    rows = await outbox(ctx)
    mail_ids_got = [m["Message-ID"] for m in smtp.messages]
    figures.record("outbox faults injected", sum((await deliveries(ctx, ok=False)).values()))
    figures.record("notices lost", sum(m.status != "sent" for m in rows.values()))
    figures.record(
        "notices sent twice",
        len(gw.keys_sent_more_than_once()) + len(mail_ids_got) - len(set(mail_ids_got)),
    )
    assert {m.status for m in rows.values()} == {"sent"}
    assert sorted(gw.accepted) == sorted(f"diennha-outbox-{i}" for i in sms_ids)
    assert len(gw.requests) == 6 + 6  # 6 answered 500, 6 accepted
    assert gw.keys_sent_more_than_once() == []
    got = sorted(m["Message-ID"] for m in smtp.messages)
    assert got == sorted(f"<diennha-outbox-{i}@diennha.local>" for i in mail_ids)
    assert await deliveries(ctx, ok=True) == {i: 1 for i in sms_ids + mail_ids}
    assert (await deliveries(ctx, ok=False)) == {
        **{i: 2 for i in sms_ids},
        **{i: 1 for i in mail_ids},
    }


async def test_gives_up_after_max_attempts_and_records_each(ctx):
    gw, clock = FakeGateway(), FakeClock()
    await gw.start()
    gw.mode = "500"
    d = make(
        ctx,
        {"sms": SmsGateway(gw.url, gw.token)},
        clock,
        policy=RetryPolicy(max_attempts=3, base_seconds=1, max_seconds=2),
    )
    [msg_id] = await queue(ctx, "sms", 1)
    for _ in range(5):
        await d.run_once()
        clock.advance(3)
    await gw.stop()
    row = (await outbox(ctx))[msg_id]
    assert (row.status, row.attempts) == ("failed", 3) and "500" in row.last_error
    assert await deliveries(ctx, ok=False) == {msg_id: 3} and len(gw.requests) == 3


async def test_permanent_refusal_is_not_retried(ctx):
    gw, clock = FakeGateway(), FakeClock()
    await gw.start()
    gw.mode = "400"
    d = make(ctx, {"sms": SmsGateway(gw.url, gw.token)}, clock)
    [msg_id] = await queue(ctx, "sms", 1)
    await d.run_once()
    clock.advance(3600)
    assert await d.run_once() == 0
    await gw.stop()
    assert (await outbox(ctx))[msg_id].status == "failed" and len(gw.requests) == 1


async def test_crash_after_send_is_healed_by_lease_and_idempotency_key(ctx):
    """A dispatcher sends, then dies before recording it. Nobody else touches the row while
    its lease runs; then it goes again with the same key and the gateway drops the repeat."""
    gw, clock = FakeGateway(), FakeClock()
    await gw.start()
    sms = SmsGateway(gw.url, gw.token)
    crashed, healer = make(ctx, {"sms": sms}, clock), make(ctx, {"sms": sms}, clock)
    [msg_id] = await queue(ctx, "sms", 1)
    [claim] = await crashed.claim()
    await sms.send(claim.outgoing())  # accepted by the gateway... and then the process died
    assert await healer.claim() == []  # leased: not sent a second time meanwhile
    clock.advance(31)
    assert await healer.run_once() == 1
    row = (await outbox(ctx))[msg_id]
    assert (row.status, row.attempts) == ("sent", 2)
    assert gw.accepted == {f"diennha-outbox-{msg_id}": 1} and len(gw.requests) == 2
    # the crashed one comes back late with its outcome: the fence keeps the newer result
    await crashed._outcome(claim, ok=False, detail="late", final=True)
    assert (await outbox(ctx))[msg_id].status == "sent"
    figures.record("outbox faults injected", 1)
    await sms.aclose()
    await gw.stop()


async def test_two_dispatchers_with_their_own_pools_send_each_message_once(ctx, settings):
    gw = FakeGateway(delay=0.02)
    await gw.start()
    ids = await queue(ctx, "sms", 60)
    engines = [create_engine(settings) for _ in range(2)]
    senders = [{"sms": SmsGateway(gw.url, gw.token)} for _ in range(2)]
    workers = [
        Dispatcher(create_session_factory(e), s, batch_size=5)
        for e, s in zip(engines, senders, strict=True)
    ]
    try:
        done = await asyncio.gather(*(w.run_until_idle() for w in workers))
    finally:
        for e, s in zip(engines, senders, strict=True):
            await s["sms"].aclose()
            await e.dispose()
        await gw.stop()
    assert sum(done) == 60 and min(done) > 0, done  # both worked, together exactly 60
    assert len(gw.requests) == 60 and len(gw.accepted) == 60
    assert gw.keys_sent_more_than_once() == []
    rows = await outbox(ctx)
    assert {rows[i].status for i in ids} == {"sent"} and {rows[i].attempts for i in ids} == {1}


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    policy = RetryPolicy(max_attempts=10, base_seconds=10, max_seconds=300)
    for attempt, ceiling in [(1, 10), (2, 20), (3, 40), (5, 160), (6, 300), (9, 300)]:
        delays = {policy.delay(attempt) for _ in range(50)}
        assert all(ceiling / 2 <= x <= ceiling for x in delays)
        assert len(delays) > 1  # jitter: a recovered gateway is not hit all at once


async def test_unknown_channel_fails_without_stopping_others(ctx):
    gw, clock = FakeGateway(), FakeClock()
    await gw.start()
    async with ctx.sessions() as s:
        odd = enqueue(s, "pigeon", "roof", "coo")
        await s.commit()
    [sms_id] = await queue(ctx, "sms", 1)
    await make(ctx, {"sms": SmsGateway(gw.url, gw.token)}, clock).run_until_idle()
    await gw.stop()
    rows = await outbox(ctx)
    assert rows[odd.id].status == "failed" and rows[sms_id].status == "sent"


pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")
