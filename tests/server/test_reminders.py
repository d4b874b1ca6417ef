"""The daily notice sweep: due / disconnection reminders and personal alerts reach approved
links only, and a second run the same day sends nothing again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from server.models import Bill
from server.services.periods import local_today
from tests.server.api import OWNER, OWNER_CODE, PENDING
from tests.server.billing_support import STAFF, billing_demo, notices, user_ids  # noqa: F401

pytestmark = pytest.mark.usefixtures("billing_demo")


async def _sweep(client, day: date) -> dict:
    r = await client.post("/admin/daily-notices", json={"date": day.isoformat()}, headers=STAFF)
    assert r.status_code == 200, r.text
    return r.json()["counts"]


async def test_due_and_disconnection_reminders_once(client, ctx):
    async with ctx.sessions() as session:
        latest = await session.scalar(
            select(Bill).where(Bill.customer_code == OWNER_CODE).order_by(Bill.period_month.desc())
        )
    day = latest.due_date - timedelta(days=1)
    counts = await _sweep(client, day)
    # latest bills of PE01 (owner + member), PE02 (owner); PE03's owner has no app account
    assert counts["payment_due"] == 3
    # PE01's bill before it is a month late: a disconnection warning to owner and member
    assert counts["disconnection_warning"] == 2
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
