"""A credit from an adjustment bill (issue 18) lowers what the next bill asks for: its QR, the
webhook's amount check and a payment batch use amount_due = total − credit, the invoice total
stays; a credit that covers the bill pays it by credit (no QR)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.vietqr import parse_payload
from server.models import Bill, Notification
from tests.server.api import OWNER, OWNER_CODE
from tests.server.billing_support import (  # noqa: F401 (fixture)
    STAFF,
    all_bills,
    billing_demo,
    signed,
)
from tests.server.test_invoice_pdf import _text

pytestmark = pytest.mark.usefixtures("billing_demo")
BILLS = f"/accounts/{OWNER_CODE}/bills"


async def _credit(
    client, h, kwh_less: Decimal | None = None, back: int = 1
) -> tuple[dict, dict, dict]:
    """The `back`-th newest paid bill corrected downwards: (the adjustment, the next unpaid
    bill before, after)."""
    bills = sorted(await all_bills(client, h, OWNER_CODE), key=lambda b: b["period_end"])
    paid = [b for b in bills if b["status"] == "paid"][-back]
    owed = ("unpaid", "overdue")
    nxt = next(b for b in bills if b["period_end"] > paid["period_end"] and b["status"] in owed)
    r = await client.post(f"{BILLS}/{paid['id']}/review", json={"note": "Cao"}, headers=h)
    assert r.status_code == 201, r.text
    less = kwh_less if kwh_less is not None else Decimal(20)
    r = await client.post(
        f"/admin/bill-reviews/{r.json()['request_id']}/close",
        json={"outcome": "corrected", "reason": "Công tơ chạy nhanh",
              "corrected_kwh": str(max(Decimal(paid["kwh"]) - less, Decimal(0)))},
        headers=STAFF,
    )  # fmt: skip
    assert r.status_code == 200, r.text
    path = f"/accounts/{OWNER_CODE}/adjustments/{r.json()['adjustment_id']}"
    adj = (await client.get(path, headers=h)).json()
    assert adj["total"] < 0 and adj["carried_to_bill_id"] == nxt["id"]
    after = (await client.get(f"{BILLS}/{nxt['id']}", headers=h)).json()
    return adj, nxt, after


async def _pay(client, payload: dict):
    body, headers = signed(payload)
    return await client.post("/payments/webhook", content=body, headers=headers)


async def test_a_credit_lowers_the_next_bills_qr_and_webhook_amount(client, api, tmp_path):
    h = await api.headers(OWNER)
    adj, before, bill = await _credit(client, h)
    credit = -adj["total"]
    assert bill["total"] == before["total"]  # the invoice total stays
    assert (bill["credit"], bill["amount_due"]) == (credit, before["total"] - credit)
    listed = next(b for b in await all_bills(client, h, OWNER_CODE) if b["id"] == bill["id"])
    assert (listed["credit"], listed["amount_due"]) == (credit, bill["amount_due"])
    qr = (await client.get(f"{BILLS}/{bill['id']}/payment-qr", headers=h)).json()
    assert qr["amount"] == parse_payload(qr["payload"]).amount == bill["amount_due"]
    pdf = await client.get(f"{BILLS}/{bill['id']}/invoice.pdf", headers=h)
    text = _text(pdf.content, tmp_path)
    adj_no = adj["invoice_serial"] + adj["invoice_no"]
    assert f"Trừ điều chỉnh (hóa đơn {adj_no})" in text
    assert f"-{credit:,}".replace(",", ".") in text
    assert f"{bill['amount_due']:,}".replace(",", ".") in text
    bill_no = bill["invoice_serial"] + bill["invoice_no"]
    full = await _pay(client, {"transaction_id": "FT26CR1", "bill_no": bill_no,
                               "amount": bill["total"]})  # fmt: skip
    assert full.status_code == 422 and full.json()["code"] == "amount_mismatch"
    ok = await _pay(client, {"transaction_id": "FT26CR2", "bill_no": bill_no,
                             "amount": bill["amount_due"]})  # fmt: skip
    assert ok.status_code == 200 and ok.json()["status"] == "paid", ok.text
    paid = (await client.get(f"{BILLS}/{bill['id']}", headers=h)).json()
    assert paid["status"] == "paid" and paid["total"] == bill["total"]


async def test_a_batch_counts_the_amount_due(client, api):
    h = await api.headers(OWNER)
    _adj, _before, bill = await _credit(client, h)
    unpaid = [
        b for b in await all_bills(client, h, OWNER_CODE) if b["status"] in ("unpaid", "overdue")
    ]
    assert bill["id"] in [b["id"] for b in unpaid]
    r = await client.post(f"/accounts/{OWNER_CODE}/payment-batches", headers=h)
    assert r.status_code == 201, r.text
    batch = r.json()
    assert batch["amount"] == sum(b["amount_due"] for b in unpaid)
    assert batch["amount"] == sum(b["total"] for b in unpaid) - bill["credit"]
    assert parse_payload(batch["qr"]["payload"]).amount == batch["amount"]


async def test_credits_larger_than_the_bill_pay_it_by_credit(client, api):
    h = await api.headers(OWNER)
    # Two paid bills corrected to 0 kWh: both credits go to the oldest unpaid bill and add up.
    first, before, part = await _credit(client, h, kwh_less=Decimal(100000), back=1)
    assert part["status"] != "paid" or -first["total"] >= before["total"]
    second, _, bill = await _credit(client, h, kwh_less=Decimal(100000), back=2)
    assert first["carried_to_bill_id"] == second["carried_to_bill_id"] == bill["id"]
    assert bill["credit"] == -first["total"] - second["total"] >= before["total"]
    assert bill["status"] == "paid" and bill["channel"] == "credit" and bill["paid_at"]
    assert bill["amount_due"] == 0 and bill["total"] == before["total"]
    r = await client.get(f"{BILLS}/{bill['id']}/payment-qr", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "paid_by_credit"
    bill_no = bill["invoice_serial"] + bill["invoice_no"]
    r = await _pay(client, {"transaction_id": "FT26CR3", "bill_no": bill_no, "amount": 1})
    assert r.status_code == 409
    r = await client.post(
        f"/accounts/{OWNER_CODE}/payment-batches", json={"bill_ids": [bill["id"]]}, headers=h
    )
    assert r.status_code == 409


async def test_a_batch_made_before_the_credit_is_not_paid_at_the_old_total(client, api):
    h = await api.headers(OWNER)
    old = await client.post(f"/accounts/{OWNER_CODE}/payment-batches", headers=h)
    assert old.status_code == 201, old.text
    _adj, _before, bill = await _credit(client, h)
    assert bill["id"] in old.json()["bill_ids"]
    paid = await _pay(client, {"transaction_id": "FT26CR4", "bill_no": old.json()["reference"],
                               "amount": old.json()["amount"]})  # fmt: skip
    assert paid.status_code == 409 and paid.json()["code"] == "batch_bill_changed"
    new = await client.post(f"/accounts/{OWNER_CODE}/payment-batches", headers=h)
    assert new.status_code == 201 and new.json()["reference"] != old.json()["reference"]
    assert new.json()["amount"] == old.json()["amount"] - bill["credit"]
    paid = await _pay(client, {"transaction_id": "FT26CR5", "bill_no": new.json()["reference"],
                               "amount": new.json()["amount"]})  # fmt: skip
    assert paid.status_code == 200 and paid.json()["status"] == "paid", paid.text


async def test_the_kiosk_look_up_asks_for_what_is_left_to_pay(client, api):
    """GET /public/bill-status (kiosk, guest): the unpaid total is what the person pays."""
    h = await api.headers(OWNER)
    before = (await client.get("/public/bill-status", params={"customer_code": OWNER_CODE})).json()
    adj, _, _ = await _credit(client, h)
    after = (await client.get("/public/bill-status", params={"customer_code": OWNER_CODE})).json()
    assert after["unpaid_count"] == before["unpaid_count"]
    assert after["unpaid_total"] == before["unpaid_total"] + adj["total"]  # adj total < 0


async def test_reminders_ask_for_what_is_left_to_pay(client, api, ctx):
    """The due-soon notice (in the app, by SMS and e-mail) names amount_due, not the total."""
    h = await api.headers(OWNER)
    _, _, bill = await _credit(client, h)
    async with ctx.sessions() as session:  # unpaid in the store, due in two days of `day`
        row = await session.get(Bill, bill["id"])
        row.status, row.paid_at = "unpaid", None
        await session.commit()
    day = date.fromisoformat(bill["due_date"]) - timedelta(days=1)
    r = await client.post("/admin/daily-notices", json={"date": day.isoformat()}, headers=STAFF)
    assert r.status_code == 200, r.text
    async with ctx.sessions() as session:
        sent = (
            await session.scalars(
                select(Notification.params).where(Notification.kind == "payment_due")
            )
        ).all()
    said = [p["total"] for p in sent if p.get("bill_id") == bill["id"]]
    assert said and set(said) == {bill["amount_due"]} and bill["amount_due"] < bill["total"]


async def test_a_credit_with_no_later_bill_waits_for_the_next_bill_run(client, api, ctx):
    """The newest bill, paid, then corrected downwards: no later bill exists, so the credit
    waits; the next month's bill run carries it to the bill it issues, in the same run."""
    from domain import clock
    from server.services.billing.periods import add_months, month_label
    from tests.server.test_service_effects import _bill_month

    h = await api.headers(OWNER)
    bills = sorted(await all_bills(client, h, OWNER_CODE), key=lambda b: b["period_end"])
    newest = bills[-1]
    if newest["status"] != "paid":
        bill_no = newest["invoice_serial"] + newest["invoice_no"]
        payment = {"transaction_id": "FTWAIT1", "bill_no": bill_no, "amount": newest["amount_due"]}
        assert (await _pay(client, payment)).status_code == 200
    r = await client.post(f"{BILLS}/{newest['id']}/review", json={"note": "Cao"}, headers=h)
    assert r.status_code == 201, r.text
    r = await client.post(
        f"/admin/bill-reviews/{r.json()['request_id']}/close",
        json={"outcome": "corrected", "reason": "Công tơ chạy nhanh",
              "corrected_kwh": str(Decimal(newest["kwh"]) - 20)},
        headers=STAFF,
    )  # fmt: skip
    assert r.status_code == 200, r.text
    path = f"/accounts/{OWNER_CODE}/adjustments/{r.json()['adjustment_id']}"
    adj = (await client.get(path, headers=h)).json()
    assert adj["total"] < 0 and adj["carried_to_bill_id"] is None  # nothing to carry it to yet
    month = add_months(date.fromisoformat(newest["period_end"]).replace(day=1), 1)
    with clock.shifted_to(add_months(month, 1) + timedelta(days=1)):
        issued = await _bill_month(client, OWNER_CODE, h, month)
        # the same run again carries nothing twice (and bills nothing)
        again = await client.post(
            "/admin/bill-run", json={"month": month_label(month)}, headers=STAFF
        )
        assert again.status_code == 200, again.text
    adj = (await client.get(path, headers=h)).json()
    assert adj["carried_to_bill_id"] == issued["id"]
    after = (await client.get(f"{BILLS}/{issued['id']}", headers=h)).json()
    assert after["credit"] == -adj["total"]
    assert after["amount_due"] == max(after["total"] + adj["total"], 0)
