"""Reporting a power failure: placement by code, by point (each side of a boundary) and left
for staff; 422 without a place; the same answer for unknown codes; limits; hostile text."""

from __future__ import annotations

import pytest

from server.models.incidents import OutageReport
from tests.server.api import OWNER, OWNER_CODE, UNKNOWN_CODE
from tests.server.incident_support import (
    HANOI,
    NORTH_OF_EDGE,
    NOWHERE,
    SOUTH_OF_EDGE,
    report,
    status_of,
)

pytestmark = pytest.mark.usefixtures("demo")


async def _row(ctx, tracking_no: str) -> OutageReport:
    from sqlalchemy import select

    async with ctx.sessions() as session:
        return await session.scalar(
            select(OutageReport).where(OutageReport.tracking_no == tracking_no)
        )


async def test_a_guest_reports_by_code_and_the_status_page_names_the_area_incident(client, ctx):
    done = await report(client, customer_code=OWNER_CODE.lower(), phone="0909 111 222")
    assert done["incident"] is None  # by code: the answer never tells whether the code exists
    page = await status_of(client, done["tracking_no"])
    assert page["placed"] is True and page["incident"]["area"] == "HCM-SG-01"
    assert page["incident"]["status"] == "reported"
    assert "phone" not in str(page) and OWNER_CODE not in str(page)
    row = await _row(ctx, done["tracking_no"])
    assert (row.area_code, row.phone, row.customer_code) == (
        "HCM-SG-01",
        "+84909111222",
        OWNER_CODE,
    )


async def test_points_on_each_side_of_a_boundary_land_in_different_areas(client):
    north = await report(client, **NORTH_OF_EDGE)
    south = await report(client, **SOUTH_OF_EDGE)
    hanoi = await report(client, kind="flicker", **HANOI)
    pages = [await status_of(client, r["tracking_no"]) for r in (north, south, hanoi)]
    assert [p["incident"]["area"] for p in pages] == ["HCM-SG-01", "HCM-SG-02", "HN-HK-02"]
    # by location the answer names the incident at once
    assert north["incident"]["id"] == pages[0]["incident"]["id"]
    assert len({p["incident"]["id"] for p in pages}) == 3


async def test_address_only_and_points_outside_every_area_are_left_for_staff(client, ctx):
    for body in ({"address": "Hẻm 42 Lê Lợi, Quận 1"}, NOWHERE):
        done = await report(client, **body)
        assert done["incident"] is None
        page = await status_of(client, done["tracking_no"])
        assert page["placed"] is False and page["incident"] is None
        assert (await _row(ctx, done["tracking_no"])).incident_id is None


async def test_unknown_and_known_codes_get_the_same_answer(client):
    known = await client.post(
        "/public/outage-reports", json={"kind": "no_power", "customer_code": OWNER_CODE}
    )
    unknown = await client.post(
        "/public/outage-reports", json={"kind": "no_power", "customer_code": UNKNOWN_CODE}
    )
    assert known.status_code == unknown.status_code == 202
    a, b = known.json(), unknown.json()
    assert set(a) == set(b) and a["incident"] is None and b["incident"] is None
    assert len(a["tracking_no"]) == len(b["tracking_no"])


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "no_power"},
        {"kind": "no_power", "lat": 10.77},
        {"kind": "no_power", "address": ""},
        {"kind": "sparks", "customer_code": OWNER_CODE},
        {"kind": "no_power", "customer_code": "PE01"},
        {"kind": "no_power", "lat": 91, "lon": 0},
        {"kind": "no_power", "lat": 10.77, "lon": False},  # not longitude 0 (fuzz found it)
        {"kind": "no_power", "lat": "10.77", "lon": "106.7"},
        {"kind": "no_power", "address": "x" * 301},
        {"kind": "no_power", "address": "ok street", "admin": True},
    ],
)
async def test_reports_without_a_place_or_malformed_are_422(client, body):
    r = await client.post("/public/outage-reports", json=body)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"


async def test_injection_shaped_text_is_kept_as_text(client, ctx):
    evil = "'); DROP TABLE incidents;-- <script>alert(1)</script> {eta:time}"
    done = await report(client, address=evil, description=evil)
    row = await _row(ctx, done["tracking_no"])
    assert row.address == evil and row.description == evil
    page = await status_of(client, done["tracking_no"])
    assert "script" not in str(page)  # the public page never echoes what people wrote
    r = await client.get("/public/outage-reports/' OR 1=1 --")
    assert r.status_code in (404, 422)


async def test_a_signed_in_caller_reports_with_their_phone(client, api, ctx):
    headers = await api.headers(OWNER)
    done = await report(client, headers=headers, customer_code=OWNER_CODE)
    row = await _row(ctx, done["tracking_no"])
    assert row.phone == "+84901234567" and row.user_id is not None
    bad = await client.post(
        "/public/outage-reports",
        json={"kind": "no_power", "customer_code": OWNER_CODE},
        headers={"Authorization": "Bearer not-a-token"},
    )
    assert bad.status_code == 401  # a bad token is refused, not silently made a guest


async def test_unknown_tracking_numbers_are_404(client):
    r = await client.get("/public/outage-reports/BC261203ZZZZZZZZ")
    assert (r.status_code, r.json()["code"]) == (404, "report_not_found")


async def test_erasing_an_account_forgets_who_reported(client, api, ctx):
    headers = await api.headers(OWNER)
    done = await report(client, headers=headers, customer_code=OWNER_CODE, description="Nhà tôi")
    assert (await client.delete("/me", headers=headers)).status_code == 204
    row = await _row(ctx, done["tracking_no"])
    assert (row.user_id, row.phone, row.description) == (None, None, None)
    assert row.area_code == "HCM-SG-01"  # the report still counts for its incident
