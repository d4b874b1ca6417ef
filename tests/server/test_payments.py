"""Payment webhook: signature, time window, replay, wrong amount, unknown bill, duplicate
delivery — a bill is paid once, its approved links are told once, every call is audited."""

from __future__ import annotations

import time

import pytest

from domain import clock
from server.services.billing.invoices import bill_number
from tests.server.api import OTHER_CODE, OWNER_CODE
from tests.server.billing_support import bill_row, billing_demo, notices, payment_events, signed  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("billing_demo")


async def _unpaid(client, api, code: str = OWNER_CODE) -> dict:
    h = await api.headers("0901234567" if code == OWNER_CODE else "0938000111")
    year = clock.today().year
    bills = (await client.get(f"/accounts/{code}/bills", params={"year": year}, headers=h)).json()
    bills += (
        await client.get(f"/accounts/{code}/bills", params={"year": year - 1}, headers=h)
    ).json()
    bill = next(b for b in bills if b["status"] != "paid")
    return bill | {"bill_no": bill["invoice_serial"] + bill["invoice_no"]}


def _payment(bill: dict, txn: str = "FT25070312345", **extra) -> dict:
    return {"transaction_id": txn, "bill_no": bill["bill_no"], "amount": bill["total"]} | extra


async def _post(client, payload, **kw):
    body, headers = signed(payload, **kw)
    return await client.post("/payments/webhook", content=body, headers=headers)


async def test_a_payment_marks_the_bill_paid_and_tells_each_approved_link_once(client, ctx, api):
    bill = await _unpaid(client, api)
    before = await notices(ctx, "payment_received")
    r = await _post(client, _payment(bill, channel="vietqr"))
    assert r.status_code == 200, r.text
    assert r.json() == {"status": "paid", "bill_id": bill["id"], "bill_no": bill["bill_no"]}
    row = await bill_row(ctx, bill["id"])
    assert (row.status, row.channel, row.transaction_id) == ("paid", "vietqr", "FT25070312345")
    told = [n for n in await notices(ctx, "payment_received") if n not in before]
    assert len(told) == 2  # owner and the approved member; the pending relative gets nothing
    assert {n[3] for n in told} == {str(bill["id"])}
    # The same delivery again (a gateway retry, or a replay inside the window): nothing more.
    again = await _post(client, _payment(bill, channel="vietqr"))
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert len(await notices(ctx, "payment_received")) == len(before) + 2
    assert [e[0] for e in await payment_events(ctx)] == ["paid", "duplicate"]
    detail = await client.get(
        f"/accounts/{OWNER_CODE}/bills/{bill['id']}", headers=await api.headers("0901234567")
    )
    assert detail.json()["status"] == "paid" and detail.json()["channel"] == "vietqr"


async def test_refused_calls_never_pay_and_are_all_audited(client, ctx, api):
    bill = await _unpaid(client, api)
    body, headers = signed(_payment(bill))
    bad_sig = await client.post(
        "/payments/webhook", content=body, headers=headers | {"X-Signature": "00" * 32}
    )
    tampered = await client.post(
        "/payments/webhook", content=body.replace(b'"amount": ', b'"amount": 1'), headers=headers
    )
    no_headers = await client.post("/payments/webhook", content=body)
    stale = await _post(client, _payment(bill), ts=int(time.time()) - 301)
    future = await _post(client, _payment(bill), ts=int(time.time()) + 400)
    wrong_amount = await _post(client, _payment(bill) | {"amount": bill["total"] - 1})
    unknown = await _post(client, _payment(bill) | {"bill_no": "1C25TPE99999999"})
    garbage = await _post(client, b"{not json")
    wanted = [
        (bad_sig, 401, "bad_signature"),
        (tampered, 401, "bad_signature"),
        (no_headers, 401, "bad_signature"),
        (stale, 401, "stale_timestamp"),
        (future, 401, "stale_timestamp"),
        (wrong_amount, 422, "amount_mismatch"),
        (unknown, 404, "bill_not_found"),
        (garbage, 422, "invalid_payment"),
    ]
    for response, status, code in wanted:
        assert (response.status_code, response.json()["code"]) == (status, code), response.text
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (await bill_row(ctx, bill["id"])).status == "unpaid"
    assert await notices(ctx, "payment_received") == []
    outcomes = [e for e in await payment_events(ctx)]
    assert outcomes == [
        ("bad_signature", 401),
        ("bad_signature", 401),
        ("bad_signature", 401),
        ("stale", 401),
        ("stale", 401),
        ("amount_mismatch", 422),
        ("unknown_bill", 404),
        ("invalid", 422),
    ]


async def test_a_second_transaction_for_a_paid_bill_is_refused(client, ctx, api):
    bill = await _unpaid(client, api)
    assert (await _post(client, _payment(bill, "TXN-A"))).status_code == 200
    second = await _post(client, _payment(bill, "TXN-B"))
    assert (second.status_code, second.json()["code"]) == (409, "bill_already_paid")
    assert (await bill_row(ctx, bill["id"])).transaction_id == "TXN-A"
    other = await _unpaid(client, api, OTHER_CODE)
    reused = await _post(client, _payment(other, "TXN-A"))
    assert (reused.status_code, reused.json()["code"]) == (409, "transaction_reused")
    assert (await bill_row(ctx, other["id"])).status == "unpaid"
    assert [e[0] for e in await payment_events(ctx)] == [
        "paid",
        "already_paid",
        "transaction_reused",
    ]


async def test_payment_qr_pays_exactly_the_bill(client, ctx, api):
    from domain.vietqr import parse_payload

    bill = await _unpaid(client, api)
    h = await api.headers("0901234567")
    qr = (
        await client.get(f"/accounts/{OWNER_CODE}/bills/{bill['id']}/payment-qr", headers=h)
    ).json()
    parsed = parse_payload(qr["payload"])
    assert parsed.dynamic and parsed.amount == qr["amount"] == bill["total"]
    assert parsed.bill_number == qr["bill_no"] == bill["bill_no"]
    assert (parsed.bank_bin, parsed.account) == (qr["bank_bin"], qr["account"])
    assert qr["bill_no"] == bill_number(bill["invoice_serial"], int(bill["invoice_no"]))
    # paying with what the QR carries settles it; the QR of a paid bill is refused
    assert (await _post(client, _payment(bill))).status_code == 200
    again = await client.get(f"/accounts/{OWNER_CODE}/bills/{bill['id']}/payment-qr", headers=h)
    assert (again.status_code, again.json()["code"]) == (409, "bill_already_paid")


async def test_simultaneous_deliveries_pay_once(client, ctx, api):
    import asyncio

    bill = await _unpaid(client, api)
    body, headers = signed(_payment(bill, "TXN-SAME"))
    results = await asyncio.gather(
        *(client.post("/payments/webhook", content=body, headers=headers) for _ in range(3))
    )
    assert sorted(r.json()["status"] for r in results) == ["duplicate", "duplicate", "paid"]
    assert len(await notices(ctx, "payment_received")) == 2
