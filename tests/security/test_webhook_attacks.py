"""An attacker at the payment webhook: forged, stale, replayed, tampered, wrong-amount,
unknown-bill, duplicate and racing deliveries. No bill is ever paid wrongly and every attempt
leaves an audit row (payment_events)."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time

import pytest
from sqlalchemy import func, select

from server.models import Bill, PaymentEvent
from tests import figures
from tests.server.api import OTHER_CODE, OWNER_CODE
from tests.server.billing_support import signed

pytestmark = pytest.mark.usefixtures("billing_demo")
ATTACKER_SECRET = "guessed-webhook-secret"


async def _unpaid(ctx, code: str) -> list[Bill]:
    async with ctx.sessions() as s:
        q = select(Bill).where(Bill.customer_code == code, Bill.status == "unpaid")
        return list((await s.execute(q.order_by(Bill.id))).scalars())


async def _paid(ctx) -> dict[int, tuple[str | None, int]]:
    async with ctx.sessions() as s:
        rows = await s.execute(
            select(Bill.id, Bill.transaction_id, Bill.total).where(Bill.status == "paid")
        )
        return {i: (txn, total) for i, txn, total in rows.all()}


async def _events(ctx) -> int:
    async with ctx.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(PaymentEvent)))


def _no(bill: Bill) -> str:
    return f"{bill.invoice_serial}{bill.invoice_no:08d}"


def _pay(bill: Bill, txn: str, **over) -> dict:
    return {"transaction_id": txn, "bill_no": _no(bill), "amount": bill.total} | over


def _raw(body: bytes, ts: str | None, sig: str | None) -> tuple[bytes, dict]:
    headers = {"Content-Type": "application/json"}
    if ts is not None:
        headers["X-Timestamp"] = ts
    if sig is not None:
        headers["X-Signature"] = sig
    return body, headers


def _sig(secret: str, message: bytes) -> str:
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _attacks(target: Bill, other: Bill) -> list[tuple[str, bytes, dict]]:
    """(name, body, headers) of deliveries that must never pay anything."""
    now = int(time.time())
    good_body, good_headers = signed(_pay(target, "ATK-GOOD"))
    ts = good_headers["X-Timestamp"]
    body = json.dumps(_pay(target, "ATK-1")).encode()
    out = [
        ("attacker's secret", *signed(_pay(target, "ATK-2"), secret=ATTACKER_SECRET)),
        ("no signature", *_raw(body, str(now), None)),
        ("no timestamp", *_raw(body, None, _sig(ATTACKER_SECRET, body))),
        ("empty signature", *_raw(body, str(now), "")),
        ("signature of the body alone", *_raw(good_body, ts, _sig("x", good_body))),
        (
            "signature for another timestamp",
            *_raw(good_body, str(now - 1), good_headers["X-Signature"]),
        ),
        ("tampered amount", good_body.replace(b'"amount": ', b'"amount": 1'), good_headers),
        (
            "tampered bill",
            good_body.replace(_no(target).encode(), _no(other).encode()),
            good_headers,
        ),
        ("appended field", good_body[:-1] + b', "channel": "x"}', good_headers),
        ("sha256= of nothing", *_raw(body, str(now), "sha256=")),
        ("stale by 301 s", *signed(_pay(target, "ATK-3"), ts=now - 301)),
        ("from the future", *signed(_pay(target, "ATK-4"), ts=now + 400)),
        ("timestamp zero", *signed(_pay(target, "ATK-5"), ts=0)),
        ("one cent short", *signed(_pay(target, "ATK-6", amount=target.total - 1))),
        ("one over", *signed(_pay(target, "ATK-7", amount=target.total + 1))),
        ("amount 1", *signed(_pay(target, "ATK-8", amount=1))),
        ("amount 0", *signed(_pay(target, "ATK-9", amount=0))),
        ("negative amount", *signed(_pay(target, "ATK-10", amount=-target.total))),
        ("huge amount", *signed(_pay(target, "ATK-11", amount=10**18))),
        ("amount as text", *signed(_pay(target, "ATK-12", amount="all of it"))),
        ("fractional amount", *signed(_pay(target, "ATK-13", amount=target.total - 0.5))),
        ("other bill's number, this amount", *signed(_pay(other, "ATK-14", amount=target.total))),
        ("unknown bill", *signed(_pay(target, "ATK-15", bill_no="1C25TPE99999999"))),
        ("injection in bill no", *signed(_pay(target, "ATK-16", bill_no="1' OR '1'='1--"))),
        ("injection in txn", *signed(_pay(target, "1' OR '1'='1"))),
        ("not json", *signed(b"amount=all")),
        ("json list", *signed(b"[1, 2]")),
        ("no bill number", *signed({"transaction_id": "ATK-17", "amount": target.total})),
        # a correctly signed, valid payment padded past the body limit: refused unread
        ("oversized", *signed(json.dumps(_pay(target, "ATK-18")).encode() + b" " * 70_000)),
    ]
    return [(name, b, h) for name, b, h in out]


async def test_attack_loop_pays_nothing_wrongly_and_audits_every_attempt(client, ctx):
    target, other = (await _unpaid(ctx, OWNER_CODE))[0], (await _unpaid(ctx, OTHER_CODE))[0]
    paid_before, events_before = await _paid(ctx), await _events(ctx)
    attempts, refused = 0, []
    for name, body, headers in _attacks(target, other):
        r = await client.post("/payments/webhook", content=body, headers=headers)
        attempts += 1
        if not (400 <= r.status_code < 500 and r.json().get("code")):
            refused.append(f"{name}: {r.status_code} {r.text[:100]}")
    assert not refused, refused
    # the real payment, then the same delivery replayed and a second transaction on the bill
    body, headers = signed(_pay(target, "ATK-GOOD"))
    first = await client.post("/payments/webhook", content=body, headers=headers)
    replays = [
        await client.post("/payments/webhook", content=body, headers=headers) for _ in range(3)
    ]
    second = await client.post(
        "/payments/webhook",
        content=signed(_pay(target, "ATK-NEW"))[0],
        headers=signed(_pay(target, "ATK-NEW"))[1],
    )
    reuse = await client.post(
        "/payments/webhook",
        content=signed(_pay(other, "ATK-GOOD"))[0],
        headers=signed(_pay(other, "ATK-GOOD"))[1],
    )
    attempts += 1 + len(replays) + 2
    assert first.json()["status"] == "paid"
    assert {r.json()["status"] for r in replays} == {"duplicate"}
    assert second.json()["code"] == "bill_already_paid"
    assert reuse.json()["code"] == "transaction_reused"

    paid_after = await _paid(ctx)
    newly = {i: v for i, v in paid_after.items() if i not in paid_before}
    wrongly = [i for i, (txn, _) in newly.items() if not (i == target.id and txn == "ATK-GOOD")]
    wrongly += [i for i in paid_before if paid_after.get(i) != paid_before[i]]
    figures.record("attacks tried", attempts)
    figures.record("webhook attacks tried", attempts)
    figures.record("wrongly paid bills", len(wrongly))
    assert wrongly == [] and target.id in newly
    assert await _events(ctx) - events_before == attempts  # every attempt audited


async def test_racing_transactions_for_one_bill_pay_it_once(client, ctx):
    """Many different transactions for the same bill at once (a double-spend attempt)."""
    target = (await _unpaid(ctx, OWNER_CODE))[0]
    events_before = await _events(ctx)
    deliveries = [signed(_pay(target, f"RACE-{i % 3}")) for i in range(9)]
    results = await asyncio.gather(
        *(client.post("/payments/webhook", content=b, headers=h) for b, h in deliveries)
    )
    figures.record("attacks tried", len(results))
    assert all(r.status_code in (200, 409) for r in results), [r.text for r in results]
    paid = [r.json() for r in results if r.status_code == 200]
    assert sum(p["status"] == "paid" for p in paid) == 1
    txn = (await _paid(ctx))[target.id][0]
    # only deliveries of the winning transaction are answered 200 (paid or duplicate)
    assert len(paid) == sum(1 for b, _ in deliveries if json.loads(b)["transaction_id"] == txn)
    assert await _events(ctx) - events_before == len(results)


async def test_an_oversized_streamed_delivery_is_refused_and_audited(client, ctx):
    """No Content-Length (chunked): the body is read up to the limit, then refused with the
    same 413, and the attempt is audited like every other."""
    target = (await _unpaid(ctx, OWNER_CODE))[0]
    body, headers = signed(json.dumps(_pay(target, "ATK-STREAM")).encode() + b" " * 200_000)

    async def chunks():
        for start in range(0, len(body), 16_384):
            yield body[start : start + 16_384]

    before = await _events(ctx)
    r = await client.post("/payments/webhook", content=chunks(), headers=headers)
    assert r.status_code == 413 and r.json()["code"] == "payload_too_large", r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert await _events(ctx) == before + 1
    async with ctx.sessions() as s:
        event = (await s.execute(select(PaymentEvent).order_by(PaymentEvent.id.desc()))).scalar()
    assert (event.outcome, event.status_code) == ("too_large", 413)
    assert target.id not in await _paid(ctx)
