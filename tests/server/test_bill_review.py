"""Bill review in one tap (issue 18): filing from a bill with a snapshot, staff closing it
no_change (the reason reaches the customer) or corrected (an adjustment bill with its own
invoice number, signed difference, own VietQR or a credit carried to the next bill), a payment
of it through the signed webhook once, its PDF, and the audit trail."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.tariff_households import compute_bill_with_norms
from domain.vietqr import parse_payload
from server.models import AuditRecord, InvoiceCounter
from tests.server.api import MEMBER, OTHER_OWNER, OWNER, OWNER_CODE, PENDING
from tests.server.billing_support import (  # noqa: F401 (fixture)
    STAFF,
    all_bills,
    billing_demo,
    notices,
    signed,
)
from tests.server.test_invoice_pdf import _text

pytestmark = pytest.mark.usefixtures("billing_demo")


async def _rose_most(client, h) -> tuple[dict, dict]:
    """The bill that rose most against the one before it, in full, and that one."""
    bills = sorted(await all_bills(client, h, OWNER_CODE), key=lambda b: b["period_end"])
    _rise, prev, bill = max((b["total"] - a["total"], a, b) for a, b in itertools.pairwise(bills))
    full = (await client.get(f"/accounts/{OWNER_CODE}/bills/{bill['id']}", headers=h)).json()
    return full, prev


async def _file(client, h, bill_id: int, note: str | None = "Tháng này cao bất thường") -> dict:
    r = await client.post(
        f"/accounts/{OWNER_CODE}/bills/{bill_id}/review", json={"note": note}, headers=h
    )
    assert r.status_code == 201, r.text
    return r.json()


async def _close(client, request_id: int, **body) -> dict:
    r = await client.post(f"/admin/bill-reviews/{request_id}/close", json=body, headers=STAFF)
    assert r.status_code == 200, r.text
    return r.json()


async def test_filing_keeps_a_snapshot_and_one_open_review_per_bill(client, api, ctx):
    h = await api.headers(OWNER)
    bill, prev = await _rose_most(client, h)
    filed = await _file(client, h, bill["id"])
    assert filed["status"] == "submitted" and filed["tracking_no"].startswith("DV")
    r = await client.get(f"/service-requests/{filed['request_id']}", headers=h)
    assert r.status_code == 200, r.text
    fields = r.json()["fields"]
    assert fields["bill_id"] == bill["id"]
    snap = fields["snapshot"]
    assert snap["explanation"]["against_bill"]["id"] == prev["id"]
    assert snap["explanation"]["sentence"].startswith("Hóa đơn tăng")
    assert snap["sentence_en"].startswith("The bill is ")  # staff reading in English
    assert snap["readings"]["meter_type"] == "ami"
    assert snap["readings"]["end"]["method"] in ("ami", "estimated")
    assert snap["readings"]["end_index"] == str(Decimal(bill["end_index"]).normalize())
    again = await client.post(f"/accounts/{OWNER_CODE}/bills/{bill['id']}/review", headers=h)
    assert again.status_code == 409 and again.json()["code"] == "review_open"
    member = await api.headers(MEMBER)
    assert (
        await client.post(f"/accounts/{OWNER_CODE}/bills/{prev['id']}/review", headers=member)
    ).status_code == 201
    for who, status in ((PENDING, 403), (OTHER_OWNER, 404)):
        other = await api.headers(who)
        r = await client.post(f"/accounts/{OWNER_CODE}/bills/{bill['id']}/review", headers=other)
        assert r.status_code == status
    # Named in the catalogue but filed from a bill only: the generic filing refuses it.
    catalogue = (await client.get("/public/service-types", params={"lang": "vi"})).json()
    assert next(t for t in catalogue if t["code"] == "bill_review")["from_bill"] is True
    r = await client.post(
        "/service-requests",
        json={"type": "bill_review", "customer_code": OWNER_CODE, "fields": {"bill_id": 1}},
        headers=h,
    )
    assert r.status_code == 422


async def test_no_change_tells_the_customer_why(client, api, ctx):
    h = await api.headers(OWNER)
    bill, _ = await _rose_most(client, h)
    filed = await _file(client, h, bill["id"])
    reason = "Chỉ số công tơ đúng; tháng nóng nên dùng nhiều hơn."
    closed = await _close(client, filed["request_id"], outcome="no_change", reason=reason)
    assert closed == {
        "request_id": filed["request_id"], "status": "done", "outcome": "no_change",
        "adjustment_id": None,
    }  # fmt: skip
    r = (await client.get(f"/service-requests/{filed['request_id']}", headers=h)).json()
    assert r["status"] == "done" and r["reason"] == reason
    told = await notices(ctx, "bill_review_no_change")
    assert told and all(n[3] == str(filed["request_id"]) for n in told)
    steps = [n[1] for n in await notices(ctx) if n[3] == str(filed["request_id"])]
    for step in ("submitted", "received", "in_progress", "done"):
        assert f"service_request_{step}" in steps
    assert (await client.get(f"/accounts/{OWNER_CODE}/adjustments", headers=h)).json() == []


async def test_corrected_issues_an_adjustment_bill_paid_once_by_the_webhook(
    client, api, ctx, tmp_path
):
    h = await api.headers(OWNER)
    bill, _ = await _rose_most(client, h)
    filed = await _file(client, h, bill["id"])
    serial_before = await _counter(ctx)
    right_kwh = Decimal(bill["kwh"]) + 30
    closed = await _close(
        client, filed["request_id"], outcome="corrected", reason="Ghi sai chỉ số cuối",
        corrected_kwh=str(right_kwh),
    )  # fmt: skip
    adj_id = closed["adjustment_id"]
    adj = (await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}", headers=h)).json()
    # Independent figure: the engine's bill of the right kWh over the same period, minus the
    # issued total (the demo code has one household and no norm change).
    period = (_d(bill["period_start"]), _d(bill["period_end"]))
    right = compute_bill_with_norms(right_kwh, *period, 1, [])
    assert adj["total"] == right.total - bill["total"] > 0
    assert (adj["total_before"], adj["total_after"]) == (bill["total"], right.total)
    assert adj["subtotal"] == right.subtotal - bill["subtotal"]
    assert adj["vat"] == right.vat - bill["vat"]
    assert Decimal(adj["kwh"]) == 30 and adj["status"] == "unpaid" and adj["bill_id"] == bill["id"]
    _serial, number = await _counter(ctx, adj["invoice_serial"])
    assert int(adj["invoice_no"]) == number  # its own, the last number taken in the serial
    assert serial_before.get(adj["invoice_serial"], 0) + 1 == number
    listed = (await client.get(f"/accounts/{OWNER_CODE}/adjustments", headers=h)).json()
    assert [a["id"] for a in listed] == [adj_id] and listed[0]["total"] == adj["total"]
    qr = (
        await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}/payment-qr", headers=h)
    ).json()
    payload = parse_payload(qr["payload"])
    bill_no = adj["invoice_serial"] + adj["invoice_no"]
    assert (payload.amount, payload.bill_number, qr["bill_no"]) == (adj["total"], bill_no, bill_no)
    pdf = await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}/invoice.pdf", headers=h)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    text = _text(pdf.content, tmp_path)
    assert "HÓA ĐƠN ĐIỀU CHỈNH (TIỀN ĐIỆN)" in text
    assert f"{bill['invoice_serial']}{bill['invoice_no']}" in text
    assert f"+{adj['total']:,}".replace(",", ".") in text
    # Paid through the signed webhook, once.
    pay = {"transaction_id": "FT26ADJ0001", "bill_no": bill_no, "amount": adj["total"]}
    assert (await _pay(client, pay | {"amount": adj["total"] + 1})).status_code == 422
    first = await _pay(client, pay)
    assert first.status_code == 200 and first.json()["status"] == "paid"
    assert (await _pay(client, pay)).json()["status"] == "duplicate"
    other = await _pay(client, pay | {"transaction_id": "FT26ADJ0002"})
    assert other.status_code == 409
    adj = (await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}", headers=h)).json()
    assert adj["status"] == "paid" and adj["paid_at"]
    assert (
        await client.get(f"/accounts/{OWNER_CODE}/adjustments/{adj_id}/payment-qr", headers=h)
    ).status_code == 409
    paid_notices = [n for n in await notices(ctx, "payment_received") if n[3] == str(adj_id)]
    assert len(paid_notices) == 2  # owner and the approved member, once each
    assert len(await notices(ctx, "bill_adjustment_issued")) == 2
    actions = await _audit(ctx)
    assert {"bill_review_filed", "bill_adjustment_issued", "bill_review_corrected"} <= actions


async def test_money_returned_is_a_credit_carried_to_the_next_bill(client, api):
    h = await api.headers(OWNER)
    bills = sorted(await all_bills(client, h, OWNER_CODE), key=lambda b: b["period_end"])
    paid = [b for b in bills if b["status"] == "paid"][-1]
    next_unpaid = next(b for b in bills if b["period_end"] > paid["period_end"])
    filed = await _file(client, h, paid["id"])
    closed = await _close(
        client, filed["request_id"], outcome="corrected", reason="Công tơ chạy nhanh",
        corrected_kwh=str(Decimal(paid["kwh"]) - 20),
    )  # fmt: skip
    path = f"/accounts/{OWNER_CODE}/adjustments/{closed['adjustment_id']}"
    adj = (await client.get(path, headers=h)).json()
    assert adj["total"] < 0 and adj["status"] == "credit" and adj["due_date"] is None
    assert adj["carried_to_bill_id"] == next_unpaid["id"]
    r = await client.get(f"{path}/payment-qr", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "nothing_to_pay"


async def test_closing_needs_kwh_when_corrected_and_the_staff(client, api):
    h = await api.headers(OWNER)
    bill, _ = await _rose_most(client, h)
    filed = await _file(client, h, bill["id"])
    path = f"/admin/bill-reviews/{filed['request_id']}/close"
    body = {"outcome": "corrected", "reason": "Ghi sai"}
    assert (await client.post(path, json=body, headers=STAFF)).status_code == 422
    assert (await client.post(path, json=body | {"corrected_kwh": "1"}, headers=h)).status_code in (
        401,
        403,
    )
    same = body | {"corrected_kwh": bill["kwh"]}
    r = await client.post(path, json=same, headers=STAFF)
    assert r.status_code == 422 and r.json()["code"] == "no_difference"


async def _pay(client, payload: dict):
    body, headers = signed(payload)
    return await client.post("/payments/webhook", content=body, headers=headers)


async def _counter(ctx, serial: str | None = None):
    async with ctx.sessions() as session:
        rows = {r.serial: r.last_no for r in await session.scalars(select(InvoiceCounter))}
    return rows if serial is None else (serial, rows[serial])


async def _audit(ctx) -> set[str]:
    async with ctx.sessions() as session:
        return set(await session.scalars(select(AuditRecord.action)))


def _d(text: str):
    from datetime import date

    return date.fromisoformat(text)
