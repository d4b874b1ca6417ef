"""GET /accounts/{code}/bills/{id}/readings (issue 18): how each index of a bill was read —
AMI days (estimated ones named), manual readings with their date and who read them, the
meter's installation for a first bill."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update

from server.models import DailyReading, Meter
from tests.server.api import OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.billing_support import all_bills, billing_demo  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("billing_demo")


async def _readings(client, h, code: str, bill: dict) -> dict:
    r = await client.get(f"/accounts/{code}/bills/{bill['id']}/readings", headers=h)
    assert r.status_code == 200, r.text
    return r.json()


async def test_ami_bills_name_their_estimated_days(client, api, ctx):
    h = await api.headers(OWNER)
    bills = sorted(await all_bills(client, h, OWNER_CODE), key=lambda b: b["period_end"])
    first, bill = bills[0], bills[-2]
    start, end = date.fromisoformat(bill["period_start"]), date.fromisoformat(bill["period_end"])
    async with ctx.sessions() as session:
        meter_id = await session.scalar(select(Meter.id).where(Meter.customer_code == OWNER_CODE))
        await session.execute(
            update(DailyReading)
            .where(DailyReading.meter_id == meter_id, DailyReading.day.between(start, end))
            .values(estimated=False)
        )
        await session.execute(
            update(DailyReading)
            .where(DailyReading.meter_id == meter_id, DailyReading.day == start.replace(day=7))
            .values(estimated=True)
        )
        await session.commit()
    got = await _readings(client, h, OWNER_CODE, bill)
    assert got["meter_type"] == "ami" and got["missing_days"] == 0
    assert got["estimated_days"] == [start.replace(day=7).isoformat()]
    assert got["start"]["method"] == "ami"
    assert got["end"] == {
        "method": "estimated", "on": bill["period_end"], "source": None,
        "reason": "ami_days_estimated", "count": 1,
    }  # fmt: skip
    assert (await _readings(client, h, OWNER_CODE, first))["start"]["method"] == "installation"


async def test_manual_bills_say_when_the_index_was_read(client, api):
    h = await api.headers(OWNER)
    bills = sorted(await all_bills(client, h, OWNER_MANUAL_CODE), key=lambda b: b["period_end"])
    got = await _readings(client, h, OWNER_MANUAL_CODE, bills[-2])
    assert got["meter_type"] == "manual" and got["estimated_days"] == []
    assert got["end"]["method"] == "manual" and got["end"]["source"] == "reader"
    assert got["end"]["on"] <= bills[-2]["period_end"]
    assert got["start"]["method"] == "manual"


async def test_months_billed_on_estimated_days_are_listed(client, api, ctx):
    h = await api.headers(OWNER)
    bills = sorted(await all_bills(client, h, OWNER_CODE), key=lambda b: b["period_end"])
    async with ctx.sessions() as session:
        meter_id = await session.scalar(select(Meter.id).where(Meter.customer_code == OWNER_CODE))
        await session.execute(
            update(DailyReading).where(DailyReading.meter_id == meter_id).values(estimated=False)
        )
        day = date.fromisoformat(bills[-3]["period_start"]).replace(day=12)
        await session.execute(
            update(DailyReading)
            .where(DailyReading.meter_id == meter_id, DailyReading.day == day)
            .values(estimated=True)
        )
        await session.commit()
    r = await client.get(f"/accounts/{OWNER_CODE}/usage/estimated-months", headers=h)
    assert r.status_code == 200 and r.json() == {"months": [bills[-3]["period_end"][:7]]}
    r = await client.get(f"/accounts/{OWNER_MANUAL_CODE}/usage/estimated-months", headers=h)
    assert r.json() == {"months": []}
