"""Grouping: concurrent reports of one area open exactly one incident (SQLite and PostgreSQL),
a report after `restored` opens a new one, an unconfirmed incident lapses after the window."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from server.models.incidents import Incident
from tests.server.api import OTHER_CODE, OWNER_CODE
from tests.server.incident_support import SOUTH_OF_EDGE, incident_count, move, report, status_of

pytestmark = pytest.mark.usefixtures("demo")


async def test_concurrent_reports_of_one_area_open_exactly_one_incident(client, ctx):
    bodies = [{"customer_code": OWNER_CODE}, {"customer_code": OTHER_CODE}] * 10
    answers = await asyncio.gather(
        *(client.post("/public/outage-reports", json={"kind": "no_power", **b}) for b in bodies)
    )
    assert [a.status_code for a in answers] == [202] * 20, [a.text for a in answers]
    assert await incident_count(ctx, "HCM-SG-01") == 1
    pages = [await status_of(client, a.json()["tracking_no"]) for a in answers]
    assert len({p["incident"]["id"] for p in pages}) == 1


async def test_concurrent_reports_of_two_areas_open_one_each(client, ctx):
    bodies = [{"customer_code": OWNER_CODE}, SOUTH_OF_EDGE] * 8
    answers = await asyncio.gather(
        *(client.post("/public/outage-reports", json={"kind": "no_power", **b}) for b in bodies)
    )
    assert {a.status_code for a in answers} == {202}
    assert await incident_count(ctx) == 2


async def test_a_report_after_restored_opens_a_new_incident(client, ctx):
    first = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    await move(client, first["incident"]["id"], "restored")
    again = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    assert again["incident"]["id"] != first["incident"]["id"]
    assert again["incident"]["status"] == "reported"
    assert await incident_count(ctx, "HCM-SG-01") == 2


async def test_an_unconfirmed_incident_lapses_after_the_window(client, ctx):
    old = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    async with ctx.sessions() as session:  # its only report came long ago
        from sqlalchemy import update

        from server.models.incidents import OutageReport

        inc = await session.get(Incident, old["incident"]["id"])
        back = inc.opened_at - timedelta(minutes=ctx.settings.incident_window_minutes + 1)
        inc.opened_at = back
        await session.execute(update(OutageReport).values(created_at=back))
        await session.commit()
    new = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    assert new["incident"]["id"] != old["incident"]["id"]
    lapsed = await status_of(client, old["tracking_no"])
    assert lapsed["incident"]["status"] == "lapsed"
    # a confirmed incident never lapses, however quiet
    await move(client, new["incident"]["id"], "confirmed")
    async with ctx.sessions() as session:
        from sqlalchemy import update

        from server.models.incidents import OutageReport

        await session.execute(update(OutageReport).values(created_at=back))
        await session.commit()
    third = await status_of(client, (await report(client, customer_code=OWNER_CODE))["tracking_no"])
    assert third["incident"]["id"] == new["incident"]["id"]
