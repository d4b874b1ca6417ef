"""Finding 8 of issue 14: edge input answers a 4xx problem, never a 500 — huge ids, years 1 and
9999, identical requests sent at once, a signed webhook with an absurd amount (which is also
audited, like every call)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select

from server.models import Bill, Link, PaymentEvent
from tests.server.api import OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.billing_support import signed

pytestmark = pytest.mark.usefixtures("billing_demo")
HUGE = "99999999999999999999999"


def _problem(r, *statuses: int) -> dict:
    assert r.status_code in statuses, (r.status_code, r.text)
    assert r.headers["content-type"] == "application/problem+json", r.text
    body = r.json()
    assert body["status"] == r.status_code and body["code"], body
    return body


@pytest.mark.parametrize(
    ("method", "path", "params"),
    [
        ("DELETE", f"/me/sessions/{HUGE}", None),
        ("DELETE", "/me/sessions/-1", None),
        ("POST", f"/notifications/{HUGE}/read", None),
        ("GET", f"/accounts/{OWNER_CODE}/bills/{HUGE}", None),
        ("GET", f"/accounts/{OWNER_CODE}/usage/monthly", {"from": "0001-01", "to": "0001-12"}),
        ("GET", f"/accounts/{OWNER_CODE}/usage/monthly", {"to": "0001-01"}),
        ("GET", f"/accounts/{OWNER_CODE}/usage/monthly", {"from": "9999-12"}),
        ("GET", f"/accounts/{OWNER_CODE}/usage/daily", {"from": "0001-01-01", "to": "0001-01-02"}),
        ("GET", f"/accounts/{OWNER_CODE}/usage/daily", {"to": "0001-01-01"}),
        ("GET", f"/accounts/{OWNER_CODE}/usage/daily", {"from": "9999-12-31"}),
        ("GET", f"/accounts/{OWNER_CODE}/outages", {"from": "9999-12-01", "to": "9999-12-31"}),
        ("GET", f"/accounts/{OWNER_CODE}/outages", {"to": "0001-01-01"}),
        ("GET", f"/accounts/{OWNER_CODE}/outages", {"from": "9999-12-31"}),
        ("GET", "/public/outages", {"area": "HCM-Q1", "from": "9999-12-31"}),
        ("GET", "/public/outages", {"area": "HCM-Q1", "to": "0001-01-01"}),
        ("GET", f"/accounts/{OWNER_CODE}/bills", {"year": "1"}),
        ("GET", f"/accounts/{OWNER_MANUAL_CODE}/bills", {"year": "9999"}),
    ],
)
async def test_out_of_range_input_is_a_4xx_problem(api, client, method, path, params):
    h = await api.headers(OWNER)
    r = await client.request(method, path, params=params, headers=h)
    _problem(r, 400, 404, 422)


@pytest.fixture
def settings_overrides() -> dict:
    return {"link_requests_per_user": "3/day"}


async def test_identical_link_requests_at_once_answer_one_link(api, client, ctx):
    tokens = await api.register("0399333444", name="Người Hỏi")
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    body = {"customer_code": OWNER_CODE, "note": "Em họ"}
    answers = await asyncio.gather(
        *(client.post("/accounts/links", json=body, headers=h) for _ in range(8))
    )
    statuses = sorted(r.status_code for r in answers)
    assert 500 not in statuses, [r.text for r in answers if r.status_code >= 500]
    assert statuses.count(201) == 1 and set(statuses) <= {200, 201, 409}, statuses
    assert len({r.json().get("link_id") for r in answers if r.status_code < 300}) == 1
    async with ctx.sessions() as s:
        mine = await s.scalar(
            select(func.count()).select_from(Link).where(Link.customer_code == OWNER_CODE)
        )
    assert mine >= 1
    # one request was made: one allowance used of three, so two more codes may still be asked
    for code in ("PE02000777888", OWNER_MANUAL_CODE):
        r = await client.post("/accounts/links", json={"customer_code": code}, headers=h)
        assert r.status_code in (200, 201), r.text


async def test_a_signed_webhook_with_an_absurd_amount_is_a_4xx_and_audited(client, ctx):
    async with ctx.sessions() as s:
        bill = (await s.execute(select(Bill).where(Bill.status == "unpaid").limit(1))).scalar()
        before = await s.scalar(select(func.count()).select_from(PaymentEvent))
    number = f"{bill.invoice_serial}{bill.invoice_no:08d}"
    deliveries = [
        {"transaction_id": "EDGE-1", "bill_no": number, "amount": 10**30},
        {"transaction_id": "EDGE-2", "bill_no": number, "amount": 2**63},
        {"transaction_id": "EDGE-3", "bill_no": number, "amount": bill.total,
         "paid_at": "9999-12-31T23:59:59-12:00"},
        {"transaction_id": "EDGE-4", "bill_no": number, "amount": bill.total,
         "paid_at": "0001-01-01T00:00:00+14:00"},
    ]  # fmt: skip
    for payload in deliveries:
        body, headers = signed(payload)
        r = await client.post("/payments/webhook", content=body, headers=headers)
        _problem(r, 400, 422)
    async with ctx.sessions() as s:
        after = await s.scalar(select(func.count()).select_from(PaymentEvent))
        paid = await s.scalar(select(Bill.status).where(Bill.id == bill.id))
    assert after - before == len(deliveries)  # every call audited
    assert paid == "unpaid"


async def test_a_failing_webhook_call_is_still_audited(client, ctx, monkeypatch):
    """Whatever goes wrong inside, the call leaves its payment_events row."""
    import server.services.payments.webhook as payments

    async def broken(self, pay):
        raise RuntimeError("boom")

    monkeypatch.setattr(payments.Webhook, "_apply", broken)
    async with ctx.sessions() as s:
        before = await s.scalar(select(func.count()).select_from(PaymentEvent))
    body, headers = signed({"transaction_id": "EDGE-9", "bill_no": "1C25TPE00000001", "amount": 5})
    r = await client.post("/payments/webhook", content=body, headers=headers)
    _problem(r, 500)
    async with ctx.sessions() as s:
        rows = (await s.execute(select(PaymentEvent.outcome, PaymentEvent.status_code))).all()
    assert len(rows) == before + 1 and rows[-1] == ("error", 500)


async def test_a_huge_link_id_is_a_problem(api, client):
    h = await api.headers(OWNER)
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{HUGE}/approve", headers=h)
    _problem(r, 404, 422)
