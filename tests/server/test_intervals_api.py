"""GET /accounts/{code}/usage/intervals: a day's 48 half-hours with the figures the screen shows."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.server.api import MEMBER, OTHER_CODE, OTHER_OWNER, OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.interval_support import TODAY, fixed_today, interval_demo  # noqa: F401

pytestmark = pytest.mark.usefixtures("interval_demo")


async def test_a_solar_day_has_import_export_net_peak_and_split(api, client):
    day = TODAY - timedelta(days=3)
    r = await client.get(
        f"/accounts/{OWNER_CODE}/usage/intervals",
        params={"date": day.isoformat()},
        headers=await api.headers(MEMBER),  # an approved member reads it too
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["date"], body["available"], body["has_export"]) == (day.isoformat(), True, True)
    slots = body["slots"]
    assert [s["start"] for s in slots[:3]] == ["00:00", "00:30", "01:00"] and len(slots) == 48
    imp = [Decimal(s["import_kwh"]) for s in slots]
    exp = [Decimal(s["export_kwh"]) for s in slots]
    assert sum(exp) > 0 and all(e == 0 for e in exp[:10])  # no sun before 05:00
    assert [Decimal(s["net_kwh"]) for s in slots] == [i - e for i, e in zip(imp, exp, strict=True)]
    totals = body["totals"]
    assert Decimal(totals["import_kwh"]) == sum(imp) and Decimal(totals["export_kwh"]) == sum(exp)
    assert Decimal(totals["net_kwh"]) == sum(imp) - sum(exp)
    peak = max(range(48), key=lambda s: imp[s])
    assert body["peak"] == {"start": slots[peak]["start"], "import_kwh": slots[peak]["import_kwh"]}
    night = sum(imp[s] for s in [*range(44, 48), *range(12)])
    assert (Decimal(body["night_kwh"]), Decimal(body["day_kwh"])) == (night, sum(imp) - night)
    assert body["previous_day"]["date"] == (day - timedelta(days=1)).isoformat()
    assert len(body["previous_day"]["import_kwh"]) == 48
    assert body["same_weekday_last_week"]["date"] == (day - timedelta(days=7)).isoformat()


async def test_the_day_total_is_the_daily_reading_billing_uses(api, client):
    headers = await api.headers(OTHER_OWNER)
    day = date(2026, 10, 20)  # billed
    curve = (
        await client.get(
            f"/accounts/{OTHER_CODE}/usage/intervals", params={"date": str(day)}, headers=headers
        )
    ).json()
    daily = (
        await client.get(
            f"/accounts/{OTHER_CODE}/usage/daily",
            params={"from": str(day), "to": str(day)},
            headers=headers,
        )
    ).json()
    assert curve["has_export"] is False and curve["slots"][0]["export_kwh"] is None
    assert Decimal(curve["totals"]["import_kwh"]) == Decimal(daily[0]["kwh"])


async def test_no_data_is_not_zeros_and_manual_meters_have_none(api, client):
    headers = await api.headers(OWNER)
    empty = await client.get(
        f"/accounts/{OWNER_CODE}/usage/intervals", params={"date": "2025-01-01"}, headers=headers
    )
    assert empty.status_code == 200
    assert (empty.json()["available"], empty.json()["slots"], empty.json()["totals"]) == (
        False,
        [],
        None,
    )
    default = await client.get(f"/accounts/{OWNER_CODE}/usage/intervals", headers=headers)
    assert default.json()["date"] == (TODAY - timedelta(days=1)).isoformat()
    manual = await client.get(f"/accounts/{OWNER_MANUAL_CODE}/usage/intervals", headers=headers)
    assert (manual.status_code, manual.json()["code"]) == (409, "manual_meter")
    future = await client.get(
        f"/accounts/{OWNER_CODE}/usage/intervals",
        params={"date": str(TODAY + timedelta(days=1))},
        headers=headers,
    )
    assert future.status_code == 422
    foreign = await client.get(f"/accounts/{OTHER_CODE}/usage/intervals", headers=headers)
    assert foreign.status_code == 404
