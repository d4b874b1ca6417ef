"""Payment batches (issue 21): one QR paying every unpaid bill of a code — made only for one's
own approved codes, the right total, paid once by the webhook, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from domain.vietqr import parse_payload
from server.models.payment_batches import PaymentBatch
from tests.server.api import MEMBER, OTHER_CODE, OTHER_OWNER, OWNER, OWNER_CODE, PENDING
from tests.server.billing_support import (  # noqa: F401 (fixture)
    all_bills,
    bill_row,
    billing_demo,
    notices,
    payment_events,
    signed,
)

pytestmark = pytest.mark.usefixtures("billing_demo")
URL = f"/accounts/{OWNER_CODE}/payment-batches"


async def _unpaid(client, api, code: str = OWNER_CODE, phone: str = OWNER) -> list[dict]:
    bills = await all_bills(client, await api.headers(phone), code)
    return [b for b in bills if b["status"] != "paid"]


async def _make_unpaid(client, api, ctx, count: int = 3) -> list[dict]:
    """The demo owes one bill; make the `count` newest bills unpaid (an overdue one among
    them), as the issue's household had."""
    from server.models import Bill

    bills = await all_bills(client, await api.headers(OWNER), OWNER_CODE)
    ids = [b["id"] for b in bills[:count]]
    async with ctx.sessions() as s:
        for bill_id in ids:
            row = await s.get(Bill, bill_id)
            row.status, row.paid_at, row.channel, row.transaction_id = "unpaid", None, None, None
        await s.commit()
    return await _unpaid(client, api)


async def _post(client, payload):
    body, headers = signed(payload)
    return await client.post("/payments/webhook", content=body, headers=headers)


def _pay(batch: dict, txn: str = "FT-BATCH-1", **extra) -> dict:
    return {"transaction_id": txn, "bill_no": batch["reference"], "amount": batch["amount"]} | extra


async def test_a_batch_pays_the_total_of_every_unpaid_bill(client, api, ctx):
    unpaid = await _make_unpaid(client, api, ctx)
    assert len(unpaid) >= 2 and any(b["status"] == "overdue" for b in unpaid)
    r = await client.post(URL, headers=await api.headers(OWNER))
    assert r.status_code == 201, r.text
    batch = r.json()
    assert sorted(batch["bill_ids"]) == sorted(b["id"] for b in unpaid)
    assert batch["amount"] == sum(b["total"] for b in unpaid) == batch["qr"]["amount"]
    assert batch["status"] == "open" and batch["adjustment_ids"] == []
    qr = parse_payload(batch["qr"]["payload"])
    assert qr.dynamic and qr.amount == batch["amount"]
    assert qr.bill_number == batch["reference"] == batch["qr"]["bill_no"]
    assert batch["reference"] in batch["qr"]["purpose"] and len(batch["qr"]["purpose"]) <= 25
    # the same press again (or by the member): the same live batch, not a second one
    again = await client.post(URL, headers=await api.headers(MEMBER))
    assert again.status_code == 200 and again.json()["reference"] == batch["reference"]
    # a chosen subset is a batch of its own
    one = await client.post(
        URL, json={"bill_ids": [unpaid[0]["id"]]}, headers=await api.headers(OWNER)
    )
    assert one.status_code == 201 and one.json()["amount"] == unpaid[0]["total"]
    assert one.json()["reference"] != batch["reference"]


async def test_only_approved_links_make_a_batch_of_their_own_bills(client, api, ctx):
    await _make_unpaid(client, api, ctx)
    stranger = await client.post(URL, headers=await api.headers(OTHER_OWNER))
    assert (stranger.status_code, stranger.json()["code"]) == (404, "account_not_found")
    pending = await client.post(URL, headers=await api.headers(PENDING))
    # server/access.py's rule for every account route: a link still waiting is 403
    assert (pending.status_code, pending.json()["code"]) == (403, "link_not_approved")
    no_sign_in = await client.post(URL)
    assert no_sign_in.status_code == 401
    # another code's bill id cannot be slipped into one's own batch
    other = (await _unpaid(client, api, OTHER_CODE, OTHER_OWNER))[0]
    foreign = await client.post(
        URL, json={"bill_ids": [other["id"]]}, headers=await api.headers(OWNER)
    )
    assert (foreign.status_code, foreign.json()["code"]) == (404, "bill_not_found")
    async with ctx.sessions() as s:
        assert (await s.scalars(select(PaymentBatch))).all() == []


async def test_nothing_owed_or_a_paid_bill_is_refused(client, api, ctx):
    bills = await all_bills(client, await api.headers(OWNER), OWNER_CODE)
    paid = next(b for b in bills if b["status"] == "paid")
    r = await client.post(URL, json={"bill_ids": [paid["id"]]}, headers=await api.headers(OWNER))
    assert (r.status_code, r.json()["code"]) == (409, "bill_already_paid")
    for b in await _unpaid(client, api):
        assert (
            await _post(client, _pay({"reference": _no(b), "amount": b["total"]}, f"T{b['id']}"))
        ).status_code == 200
    nothing = await client.post(URL, headers=await api.headers(OWNER))
    assert (nothing.status_code, nothing.json()["code"]) == (409, "nothing_to_pay")


def _no(bill: dict) -> str:
    return bill["invoice_serial"] + bill["invoice_no"]


async def test_the_webhook_pays_every_bill_of_the_batch_once(client, api, ctx):
    unpaid = await _make_unpaid(client, api, ctx)
    batch = (await client.post(URL, headers=await api.headers(OWNER))).json()
    r = await _post(client, _pay(batch, channel="vietqr"))
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "paid" and r.json()["batch"] == batch["reference"]
    assert sorted(r.json()["bill_ids"]) == sorted(batch["bill_ids"])
    for b in unpaid:
        row = await bill_row(ctx, b["id"])
        assert (row.status, row.channel) == ("paid", "vietqr")
    told = await notices(ctx, "payment_received")
    assert sorted({n[3] for n in told}) == sorted(str(b["id"]) for b in unpaid)
    assert len(told) == 2 * len(unpaid)  # owner and member, once per bill
    # a replay (the gateway's retry) changes nothing
    again = await _post(client, _pay(batch, channel="vietqr"))
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert len(await notices(ctx, "payment_received")) == len(told)
    # a second transaction for the paid batch is refused
    second = await _post(client, _pay(batch, "FT-BATCH-2"))
    assert (second.status_code, second.json()["code"]) == (409, "bill_already_paid")
    assert [e[0] for e in await payment_events(ctx)] == ["paid", "duplicate", "already_paid"]
    # and a batch is no longer offered: nothing is owed
    nothing = await client.post(URL, headers=await api.headers(OWNER))
    assert nothing.json()["code"] == "nothing_to_pay"


async def test_a_wrong_amount_pays_nothing_and_is_audited(client, api, ctx):
    unpaid = await _make_unpaid(client, api, ctx)
    batch = (await client.post(URL, headers=await api.headers(OWNER))).json()
    for amount in (batch["amount"] - 1, unpaid[0]["total"]):
        r = await _post(client, _pay(batch, amount=amount))
        assert (r.status_code, r.json()["code"]) == (422, "amount_mismatch")
    assert [(await bill_row(ctx, b["id"])).status for b in unpaid] == ["unpaid"] * len(unpaid)
    assert await notices(ctx, "payment_received") == []
    assert [e[0] for e in await payment_events(ctx)] == ["amount_mismatch"] * 2


async def test_a_bill_paid_meanwhile_refuses_the_whole_batch(client, api, ctx):
    unpaid = await _make_unpaid(client, api, ctx)
    batch = (await client.post(URL, headers=await api.headers(OWNER))).json()
    single = unpaid[0]
    paid = await _post(
        client, _pay({"reference": _no(single), "amount": single["total"]}, "FT-ONE")
    )
    assert paid.status_code == 200
    r = await _post(client, _pay(batch))
    assert (r.status_code, r.json()["code"]) == (409, "batch_bill_paid")
    for b in unpaid[1:]:
        assert (await bill_row(ctx, b["id"])).status == "unpaid"  # nothing half-paid
    async with ctx.sessions() as s:
        row = await s.scalar(
            select(PaymentBatch).where(PaymentBatch.reference == batch["reference"])
        )
        assert (row.status, row.transaction_id) == ("open", None)
    assert [e[0] for e in await payment_events(ctx)] == ["paid", "batch_stale"]
    # the rest can be paid by a fresh batch of what is still owed
    fresh = (await client.post(URL, headers=await api.headers(OWNER))).json()
    assert fresh["reference"] != batch["reference"]
    assert sorted(fresh["bill_ids"]) == sorted(b["id"] for b in unpaid[1:])
    assert (await _post(client, _pay(fresh, "FT-REST"))).status_code == 200


async def test_one_transaction_pays_one_batch_or_one_bill(client, api, ctx):
    unpaid = await _make_unpaid(client, api, ctx)
    batch = (await client.post(URL, headers=await api.headers(OWNER))).json()
    other = (await _unpaid(client, api, OTHER_CODE, OTHER_OWNER))[0]
    assert (
        await _post(client, _pay({"reference": _no(other), "amount": other["total"]}, "FT-X"))
    ).status_code == 200
    reused = await _post(client, _pay(batch, "FT-X"))
    assert (reused.status_code, reused.json()["code"]) == (409, "transaction_reused")
    assert (await _post(client, _pay(batch, "FT-Y"))).status_code == 200
    unpaid_other = await _unpaid(client, api, OTHER_CODE, OTHER_OWNER)
    if unpaid_other:
        b = unpaid_other[0]
        r = await _post(client, _pay({"reference": _no(b), "amount": b["total"]}, "FT-Y"))
        assert (r.status_code, r.json()["code"]) == (409, "transaction_reused")
    assert [(await bill_row(ctx, b["id"])).status for b in unpaid] == ["paid"] * len(unpaid)


async def test_an_unknown_reference_is_an_unknown_bill(client, api, ctx):
    r = await _post(client, {"transaction_id": "FT-Z", "bill_no": "TTABCDEFGHJKL", "amount": 1000})
    assert (r.status_code, r.json()["code"]) == (404, "bill_not_found")
    assert [e[0] for e in await payment_events(ctx)] == ["unknown_bill"]


async def test_simultaneous_deliveries_pay_the_batch_once(client, api, ctx):
    import asyncio

    unpaid = await _make_unpaid(client, api, ctx)
    batch = (await client.post(URL, headers=await api.headers(OWNER))).json()
    body, headers = signed(_pay(batch, "FT-SAME"))
    results = await asyncio.gather(
        *(client.post("/payments/webhook", content=body, headers=headers) for _ in range(3))
    )
    assert sorted(r.json()["status"] for r in results) == ["duplicate", "duplicate", "paid"]
    assert len(await notices(ctx, "payment_received")) == 2 * len(unpaid)


async def test_an_adjustment_bill_owed_is_in_the_batch_and_paid_with_it(client, api, ctx):
    from decimal import Decimal

    from tests.server.billing_support import STAFF

    h = await api.headers(OWNER)
    unpaid = await _make_unpaid(client, api, ctx, count=2)
    bill = (await client.get(f"/accounts/{OWNER_CODE}/bills/{unpaid[0]['id']}", headers=h)).json()
    filed = await client.post(
        f"/accounts/{OWNER_CODE}/bills/{bill['id']}/review", json={"note": "cao"}, headers=h
    )
    closed = await client.post(
        f"/admin/bill-reviews/{filed.json()['request_id']}/close",
        json={
            "outcome": "corrected",
            "reason": "Ghi sai chỉ số cuối",
            "corrected_kwh": str(Decimal(bill["kwh"]) + 30),
        },
        headers=STAFF,
    )
    assert closed.status_code == 200, closed.text
    adj_id = closed.json()["adjustment_id"]
    adj = (await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}", headers=h)).json()
    batch = (await client.post(URL, headers=h)).json()
    assert batch["adjustment_ids"] == [adj_id]
    assert batch["amount"] == sum(b["total"] for b in unpaid) + adj["total"]
    r = await _post(client, _pay(batch))
    assert r.status_code == 200 and r.json()["adjustment_ids"] == [adj_id], r.text
    adj = (await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}", headers=h)).json()
    assert adj["status"] == "paid"
    told = {(n[3]) for n in await notices(ctx, "payment_received")}
    assert told == {str(b["id"]) for b in unpaid} | {str(adj_id)}
