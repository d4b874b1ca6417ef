"""The demo data and what people do with it hold on any date: one run moves the business clock
(domain/clock.py) through the first and last day of every month of a year, 29 February, the
days a price or VAT decision takes effect and 31 December, seeds the demo on each and walks the
owner's day through the API — bills, the overdue one, usage, forecast, outages, the daily
notice sweep, a QR payment, the guest estimate."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest

from domain import clock
from server.seed.billing import seed_billing
from server.seed.demo import seed_into
from server.services.billing.periods import add_months, month_label, month_start
from tests.server.api import OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.billing_support import STAFF, all_bills, signed


def spread(year: int = 2027) -> list[date]:
    days = []
    for month in range(1, 13):
        days += [date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])]
    days += [
        date(2028, 2, 29),  # leap day
        date(2028, 12, 31),
        date(2025, 5, 10),  # 1279/QĐ-BCT prices take effect
        date(2027, 1, 1),  # VAT back to 10 % (already above; kept for the reader)
    ]
    return sorted(set(days))


DAYS = spread()


def test_the_spread_names_the_days_the_issue_asks_for():
    assert len(DAYS) == 27
    assert {date(2028, 2, 29), date(2028, 12, 31), date(2025, 5, 10)} <= set(DAYS)
    assert all(date(2027, m, 1) in DAYS for m in range(1, 13))


async def _seed(ctx) -> None:
    async with ctx.sessions() as session:
        await seed_into(session)
        await seed_billing(session, ctx.settings)
        await session.commit()


@pytest.mark.parametrize("day", DAYS, ids=str)
async def test_an_owner_s_day_on_any_date(ctx, client, api, day: date):
    with clock.shifted_to(day):
        assert clock.today() == day
        await _seed(ctx)
        owner = await api.headers(OWNER)

        # Bills: every period is over, newest first; the newest is unpaid (overdue late in a
        # month), the one before it overdue (the demo always has one), the rest paid.
        bills = await all_bills(client, owner, OWNER_CODE)
        assert len(bills) >= 23
        assert all(date.fromisoformat(b["period_end"]) < day for b in bills)
        assert bills[0]["status"] in {"unpaid", "overdue"} and bills[1]["status"] == "overdue"
        assert date.fromisoformat(bills[1]["due_date"]) < day
        assert all(b["status"] == "paid" for b in bills[2:])

        # Usage: 12 months to this one by default, each billed month priced; no future day.
        monthly = (await client.get(f"/accounts/{OWNER_CODE}/usage/monthly", headers=owner)).json()
        assert monthly[-1]["month"] == month_label(month_start(day))
        assert monthly[0]["month"] == month_label(add_months(month_start(day), -11))
        assert not monthly[-1]["billed"]
        assert all(m["amount"] for m in monthly if m["billed"])
        daily = await client.get(f"/accounts/{OWNER_CODE}/usage/daily", headers=owner)
        assert daily.status_code == 200, daily.text
        days = [date.fromisoformat(d["date"]) for d in daily.json()]
        assert days and max(days) == day - timedelta(days=1)
        forecast = (await client.get(f"/accounts/{OWNER_CODE}/forecast", headers=owner)).json()
        assert forecast["projected_total"] > 0
        manual = await client.get(f"/accounts/{OWNER_MANUAL_CODE}/usage/monthly", headers=owner)
        assert manual.status_code == 200 and any(m["billed"] for m in manual.json())

        # Outages: the planned cut next week is in the calendar.
        outages = (await client.get(f"/accounts/{OWNER_CODE}/outages", headers=owner)).json()
        starts = {o["starts_at"][:10] for o in outages}
        assert (day + timedelta(days=7)).isoformat() in starts, starts

        # The daily notice sweep runs for today, once.
        sweep = await client.post("/admin/daily-notices", json={}, headers=STAFF)
        assert sweep.status_code == 200, sweep.text
        again = await client.post("/admin/daily-notices", json={}, headers=STAFF)
        assert again.json()["counts"] == {}

        # Paying the overdue bill by QR: the code is drawn, the bank's webhook pays it.
        overdue = bills[1]
        qr = await client.get(
            f"/accounts/{OWNER_CODE}/bills/{overdue['id']}/payment-qr", headers=owner
        )
        assert qr.status_code == 200, qr.text
        body, headers = signed(
            {
                "transaction_id": f"FT{day:%Y%m%d}{overdue['id']}",
                "bill_no": overdue["invoice_serial"] + overdue["invoice_no"],
                "amount": overdue["total"],
            }
        )
        paid = await client.post("/payments/webhook", content=body, headers=headers)
        assert paid.status_code == 200 and paid.json()["status"] == "paid", paid.text
        after = await all_bills(client, owner, OWNER_CODE)
        assert [b["status"] for b in after[:2]] == [bills[0]["status"], "paid"]

        # A guest's estimate of this month.
        estimate = await client.post(
            "/public/estimate",
            json={
                "kwh": "250",
                "period_start": month_start(day).isoformat(),
                "period_end": (add_months(month_start(day), 1) - timedelta(days=1)).isoformat(),
            },
        )
        assert estimate.status_code == 200, estimate.text
        assert estimate.json()["total"] > 0


@pytest.mark.parametrize("day", [date(2028, 2, 29), date(2025, 5, 10)], ids=str)
async def test_an_owner_reads_a_member_s_request_on_any_date(ctx, client, api, day: date):
    """Record times are the machine's, whatever the business date: the seed once stamped the
    owner's link with the moved clock, which hid every request filed since from the owner."""
    from tests.server.api import MEMBER
    from tests.server.test_service_bola import CHECK

    with clock.shifted_to(day):
        await _seed(ctx)
        r = await client.post("/service-requests", json=CHECK, headers=await api.headers(MEMBER))
        assert r.status_code == 201, r.text
        mine = await client.get("/service-requests", headers=await api.headers(OWNER))
        assert r.json()["id"] in {x["id"] for x in mine.json()}
