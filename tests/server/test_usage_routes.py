"""Usage, bills, forecast, schedule and alerts of one code, on the two-year demo data:
right shapes, no zeros for manual meters, query windows checked with 422 problems."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from server.services.billing.periods import add_months, local_today, month_label, month_start
from tests.server.api import OTHER_CODE, OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.billing_support import all_bills, billing_demo  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("billing_demo")


@pytest.fixture
async def owner(api) -> dict:
    return await api.headers(OWNER)


async def test_daily_usage_of_an_ami_meter(client, owner):
    today = local_today()
    first = today - timedelta(days=29)
    r = await client.get(
        f"/accounts/{OWNER_CODE}/usage/daily",
        params={"from": first.isoformat(), "to": today.isoformat()},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    days = r.json()
    # today is not read yet: 29 days, each a positive decimal string, none invented
    assert [d["date"] for d in days] == [(first + timedelta(days=i)).isoformat() for i in range(29)]
    assert all(Decimal(d["kwh"]) > 0 and isinstance(d["estimated"], bool) for d in days)


async def test_daily_usage_of_a_manual_meter_explains_instead_of_zeros(client, owner):
    r = await client.get(f"/accounts/{OWNER_MANUAL_CODE}/usage/daily", headers=owner)
    assert r.status_code == 409
    body = r.json()
    assert body["code"] == "manual_meter" and "by hand" in body["detail"]
    monthly = await client.get(f"/accounts/{OWNER_MANUAL_CODE}/usage/monthly", headers=owner)
    assert monthly.status_code == 200 and all(m["kwh"] for m in monthly.json() if m["billed"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2025-06-10", "to": "2025-06-01"}, "from"),
        ({"from": "2024-01-01", "to": "2025-06-01"}, "to"),
        ({"from": "yesterday"}, "from"),
    ],
)
async def test_daily_window_is_checked(client, owner, params, field):
    r = await client.get(f"/accounts/{OWNER_CODE}/usage/daily", params=params, headers=owner)
    assert r.status_code == 422
    assert r.json()["code"] == "validation_failed"
    assert r.json()["errors"][0]["field"] == field


async def test_monthly_usage_compares_with_the_same_month_last_year(client, owner):
    current = month_start(local_today())
    first = add_months(current, -11)
    r = await client.get(
        f"/accounts/{OWNER_CODE}/usage/monthly",
        params={"from": month_label(first), "to": month_label(current)},
        headers=owner,
    )
    assert r.status_code == 200, r.text
    months = r.json()
    assert [m["month"] for m in months] == [month_label(add_months(first, i)) for i in range(12)]
    billed = [m for m in months if m["billed"]]
    assert len(billed) == 11 and all(m["amount"] > 0 for m in billed)
    assert all(m["previous_year_kwh"] and m["previous_year_amount"] for m in billed)
    this_month = months[-1]  # not billed yet: kWh so far from the AMI meter, no amount
    assert not this_month["billed"] and this_month["amount"] is None
    if local_today().day > 1:  # a day's reading arrives once the day is over
        assert Decimal(this_month["kwh"]) > 0
    else:
        assert this_month["kwh"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2024-01", "to": "2026-01"}, "to"),  # 25 months
        ({"from": "2025-07", "to": "2025-06"}, "from"),
        ({"from": "2025-13"}, "from"),
        ({"to": "June"}, "to"),
    ],
)
async def test_monthly_window_is_checked(client, owner, params, field):
    r = await client.get(f"/accounts/{OWNER_CODE}/usage/monthly", params=params, headers=owner)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == field


async def test_bills_of_a_year_and_one_bill(client, owner):
    year = local_today().year
    r = await client.get(f"/accounts/{OWNER_CODE}/bills", params={"year": year}, headers=owner)
    assert r.status_code == 200
    before = await client.get(
        f"/accounts/{OWNER_CODE}/bills", params={"year": year - 1}, headers=owner
    )
    bills = r.json() + before.json()  # in January this year has no bill yet
    assert len(bills) >= 12 and all(b["period_end"][:4] == str(year - 1) for b in before.json())
    assert [b["period_end"] for b in bills] == sorted(
        (b["period_end"] for b in bills), reverse=True
    )
    assert {b["status"] for b in bills} <= {"paid", "unpaid", "overdue"}
    assert "overdue" in {b["status"] for b in bills}  # the demo keeps one overdue bill
    one = (await client.get(f"/accounts/{OWNER_CODE}/bills/{bills[0]['id']}", headers=owner)).json()
    parts = one["breakdown"]["parts"]
    assert one["total"] == one["subtotal"] + one["vat"] == one["breakdown"]["total"]
    assert sum(t["amount"] for p in parts for t in p["tiers"]) == one["subtotal"]
    assert Decimal(one["end_index"]) - Decimal(one["start_index"]) == Decimal(one["kwh"])
    bad = await client.get(f"/accounts/{OWNER_CODE}/bills", params={"year": 1999}, headers=owner)
    assert bad.status_code == 422


async def test_a_bill_of_another_code_is_not_found_like_an_unknown_one(client, api, owner):
    other = await api.headers("0938000111")
    theirs = (await all_bills(client, other, OTHER_CODE))[0]["id"]
    for path in ("", "/payment-qr", "/invoice.pdf"):
        foreign = await client.get(f"/accounts/{OWNER_CODE}/bills/{theirs}{path}", headers=owner)
        unknown = await client.get(f"/accounts/{OWNER_CODE}/bills/999999{path}", headers=owner)
        assert foreign.status_code == unknown.status_code == 404
        assert foreign.json() == unknown.json()
        assert foreign.json()["code"] == "bill_not_found"


async def test_forecast_reading_schedule_and_alerts(client, owner):
    f = (await client.get(f"/accounts/{OWNER_CODE}/forecast", headers=owner)).json()
    first_day = local_today().day == 1  # no day of this month is over yet: history only
    assert f["basis"] == ("history" if first_day else "daily_readings")
    assert f["projected_total"] == f["estimate"]["total"]
    assert Decimal(f["projected_kwh"]) >= Decimal(f["kwh_so_far"] or 0) >= 0
    assert f["projected_kwh"] and Decimal(f["projected_kwh"]) > 0
    if not first_day:
        assert Decimal(f["kwh_so_far"]) > 0
    manual = (await client.get(f"/accounts/{OWNER_MANUAL_CODE}/forecast", headers=owner)).json()
    assert manual["basis"] == "history" and manual["projected_total"] > 0
    s = (await client.get(f"/accounts/{OWNER_MANUAL_CODE}/reading-schedule", headers=owner)).json()
    assert [d["read_on"][-2:] for d in s["dates"]] == ["18", "18"]  # Hà Nội area reads on the 18th
    a = await client.get(f"/accounts/{OWNER_CODE}/alerts", headers=owner)
    assert a.json() == {"kwh_per_day": "12", "bill_forecast_vnd": 600000}
    put = await client.put(
        f"/accounts/{OWNER_CODE}/alerts", json={"kwh_per_day": "9.5"}, headers=owner
    )
    assert put.json() == {"kwh_per_day": "9.5", "bill_forecast_vnd": None}
    bad = await client.put(
        f"/accounts/{OWNER_CODE}/alerts", json={"kwh_per_day": "-1", "x": 1}, headers=owner
    )
    assert bad.status_code == 422
