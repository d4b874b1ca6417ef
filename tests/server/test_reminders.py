"""The daily notice sweep: due / disconnection reminders and personal alerts reach approved
links only, and a second run the same day sends nothing again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from server.models import Bill
from server.services.billing.periods import local_today
from tests.server.api import OTHER_CODE, OWNER, OWNER_CODE, PENDING
from tests.server.billing_support import STAFF, billing_demo, notices, user_ids  # noqa: F401

pytestmark = pytest.mark.usefixtures("billing_demo")


async def _sweep(client, day: date) -> dict:
    r = await client.post("/admin/daily-notices", json={"date": day.isoformat()}, headers=STAFF)
    assert r.status_code == 200, r.text
    return r.json()["counts"]


async def _arrange_unpaid(ctx, day: date) -> None:
    """Every bill paid but three: PE01's newest (due tomorrow) and PE02's newest (due in two
    days), and PE01's one before, due ten days ago — set relative to `day`, so the sweep
    finds the same on any date."""
    async with ctx.sessions() as session:
        await session.execute(update(Bill).values(status="paid"))
        for code, nth, due in (
            (OWNER_CODE, 0, day + timedelta(days=1)),
            (OTHER_CODE, 0, day + timedelta(days=2)),
            (OWNER_CODE, 1, day - timedelta(days=10)),
        ):
            bill = (
                await session.scalars(
                    select(Bill)
                    .where(Bill.customer_code == code)
                    .order_by(Bill.period_month.desc())
                    .offset(nth)
                    .limit(1)
                )
            ).one()
            bill.status, bill.paid_at, bill.due_date = "unpaid", None, due
        await session.commit()


async def test_due_and_disconnection_reminders_once(client, ctx):
    day = local_today()
    await _arrange_unpaid(ctx, day)
    counts = await _sweep(client, day)
    # due soon: PE01 (owner + member), PE02 (owner); PE03's owner has no app account
    assert counts["payment_due"] == 3
    # PE01's bill ten days late: a disconnection warning to owner and member
    assert counts["disconnection_warning"] == 2
    assert "payment_overdue" not in counts
    assert await _sweep(client, day) == {}
    (pending,) = await user_ids(ctx, PENDING)
    assert pending not in {u for u, *_ in await notices(ctx)}


async def test_personal_alerts_once_per_day_and_period(client, ctx, api):
    h = await api.headers(OWNER)
    body = {"kwh_per_day": "0.001", "bill_forecast_vnd": 1}
    assert (
        await client.put(f"/accounts/{OWNER_CODE}/alerts", json=body, headers=h)
    ).status_code == 200
    counts = await _sweep(client, local_today())
    assert (counts["abnormal_use"], counts["forecast_over_threshold"]) == (1, 1)
    again = await _sweep(client, local_today())
    assert "abnormal_use" not in again and "forecast_over_threshold" not in again
    (owner,) = await user_ids(ctx, OWNER)
    assert {u for u, *_ in await notices(ctx, "abnormal_use")} == {owner}
