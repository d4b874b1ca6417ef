"""GET /public/bill-status: the latest bill of a code for guests and kiosks — its period,
total, due date and status only, nothing about the person, and a per-address limit."""

from __future__ import annotations

import httpx
import pytest

from domain import clock
from server.seed.demo import CONTRACTS
from tests.server.api import OWNER, OWNER_CODE
from tests.server.billing_support import billing_demo  # noqa: F401 (fixture)

PUBLIC_FIELDS = {"customer_code", "period_start", "period_end", "total", "due_date", "status"}
# Issue 21.1: an older overdue bill must not hide behind the newest one at the kiosk.
UNPAID_FIELDS = {"unpaid_count", "unpaid_total", "overdue_count", "oldest_unpaid_due"}


@pytest.fixture
def settings_overrides() -> dict:
    return {"public_lookup_per_ip": "4/hour"}


async def _bills(client, api) -> list[dict]:
    headers = await api.headers(OWNER)
    year = clock.today().year
    bills = []
    for y in (year, year - 1):
        bills += (
            await client.get(f"/accounts/{OWNER_CODE}/bills", params={"year": y}, headers=headers)
        ).json()
    return bills


async def _newest_bill(client, api) -> dict:
    return max(await _bills(client, api), key=lambda b: b["period_end"])


@pytest.mark.usefixtures("billing_demo")
async def test_the_latest_bill_without_anything_personal(client, api):
    bills = await _bills(client, api)
    newest = max(bills, key=lambda b: b["period_end"])
    unpaid = [b for b in bills if b["status"] != "paid"]
    r = await client.get("/public/bill-status", params={"customer_code": OWNER_CODE})
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == PUBLIC_FIELDS | UNPAID_FIELDS
    assert body["unpaid_count"] == len(unpaid)
    assert body["unpaid_total"] == sum(b["total"] for b in unpaid)
    assert body["overdue_count"] == sum(b["status"] == "overdue" for b in unpaid)
    if unpaid:
        assert body["oldest_unpaid_due"] == min(b["due_date"] for b in unpaid)
    assert body["customer_code"] == OWNER_CODE
    for key in ("period_start", "period_end", "total", "due_date", "status"):
        assert body[key] == newest[key], key
    for _code, phone, name, address, *_ in CONTRACTS:
        assert name not in r.text and address not in r.text and phone[-9:] not in r.text
    assert newest["invoice_no"] not in r.text


@pytest.mark.usefixtures("billing_demo")
async def test_unknown_and_malformed_codes(client):
    unknown = await client.get("/public/bill-status", params={"customer_code": "PE09999999999"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "customer_code_not_found")
    bad = await client.get("/public/bill-status", params={"customer_code": "abc"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    missing = await client.get("/public/bill-status")
    assert missing.status_code == 422


@pytest.mark.usefixtures("demo")
async def test_a_contract_without_bills_says_so(client):
    r = await client.get("/public/bill-status", params={"customer_code": OWNER_CODE})
    assert (r.status_code, r.json()["code"]) == (404, "no_bill_yet")


@pytest.mark.usefixtures("billing_demo")
async def test_each_address_may_ask_only_so_often(app, client):
    for _ in range(4):
        r = await client.get("/public/bill-status", params={"customer_code": OWNER_CODE})
        assert r.status_code == 200
    refused = await client.get("/public/bill-status", params={"customer_code": OWNER_CODE})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    # Another address (another browser or kiosk) still has its own allowance.
    other = httpx.ASGITransport(app=app, client=("198.51.100.9", 5000))
    async with httpx.AsyncClient(transport=other, base_url="http://test/api/v1") as c:
        r = await c.get("/public/bill-status", params={"customer_code": OWNER_CODE})
    assert r.status_code == 200
