"""Planned outages: staff create/change/cancel, approved links of the area's codes are told
(never pending ones), per-code and public look-ups without personal data."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from domain import clock
from server.seed.demo import CONTRACTS
from server.services.billing.periods import local_today
from tests.server.api import MEMBER, OTHER_OWNER, OWNER, OWNER_CODE, OWNER_MANUAL_CODE, PENDING
from tests.server.billing_support import STAFF, notices, user_ids

pytestmark = pytest.mark.usefixtures("demo")


def _outage(days: int = 3, **extra) -> dict:
    start = clock.now().replace(microsecond=0) + timedelta(days=days)
    return {
        "area": "HCM-SG-01",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=6)).isoformat(),
        "reason": "Thay máy biến áp T3 trạm Nguyễn Huệ",
    } | extra


async def test_a_planned_outage_reaches_approved_links_of_the_area_only(client, ctx):
    r = await client.post("/admin/outages", json=_outage(), headers=STAFF)
    assert r.status_code == 201, r.text
    outage = r.json()
    assert outage["status"] == "planned" and outage["area"] == "HCM-SG-01"
    owner, member, pending, other_owner = await user_ids(ctx, OWNER, MEMBER, PENDING, OTHER_OWNER)
    told = await notices(ctx, "outage_planned")
    # HCM-SG-01 holds PE01000123456 (owner + approved member; one pending) and PE02000777888
    assert sorted((u, c) for u, _, c, _ in told) == sorted(
        [(owner, OWNER_CODE), (member, OWNER_CODE), (other_owner, "PE02000777888")]
    )
    assert pending not in {u for u, *_ in told}
    assert all(ref == str(outage["id"]) for *_, ref in told)


async def test_changes_and_cancellation_are_told_and_versioned(client, ctx):
    planned = _outage()  # built once: the same times to the second
    created = (await client.post("/admin/outages", json=planned, headers=STAFF)).json()
    same = await client.post("/admin/outages", json=planned | {"id": created["id"]}, headers=STAFF)
    assert same.status_code == 200 and await notices(ctx, "outage_changed") == []
    moved = _outage(days=4) | {"id": created["id"]}
    r = await client.post("/admin/outages", json=moved, headers=STAFF)
    assert r.status_code == 200 and r.json()["status"] == "changed"
    assert len(await notices(ctx, "outage_changed")) == 3
    r = await client.post("/admin/outages", json=moved | {"cancelled": True}, headers=STAFF)
    assert r.json()["status"] == "cancelled"
    assert len(await notices(ctx, "outage_changed")) == 6
    again = await client.post("/admin/outages", json=moved, headers=STAFF)
    assert (again.status_code, again.json()["code"]) == (409, "outage_cancelled")
    elsewhere = await client.post(
        "/admin/outages", json=moved | {"area": "HN-HK-02", "cancelled": False}, headers=STAFF
    )
    assert elsewhere.status_code == 409
    missing = await client.post("/admin/outages", json=_outage() | {"id": 999}, headers=STAFF)
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"ends_at": "2020-01-01T00:00:00+07:00"},
        {"starts_at": "2030-01-01T08:00:00"},  # no time zone
        {"reason": ""},
        {"area": "HCM SG 01"},
    ],
)
async def test_outage_input_is_checked_and_staff_only(client, bad):
    assert (
        await client.post("/admin/outages", json=_outage() | bad, headers=STAFF)
    ).status_code == 422
    r = await client.post("/admin/outages", json=_outage(), headers={"X-Staff-Key": "guess"})
    assert (r.status_code, r.json()["code"]) == (403, "staff_only")


async def test_outages_of_a_code_and_public_look_ups(client, api):
    await client.post("/admin/outages", json=_outage(days=3), headers=STAFF)
    await client.post("/admin/outages", json=_outage(days=3, area="HN-HK-02"), headers=STAFF)
    owner = await api.headers(OWNER)
    mine = (await client.get(f"/accounts/{OWNER_CODE}/outages", headers=owner)).json()
    assert [o["area"] for o in mine] == ["HCM-SG-01"]
    hanoi = (await client.get(f"/accounts/{OWNER_MANUAL_CODE}/outages", headers=owner)).json()
    assert [o["area"] for o in hanoi] == ["HN-HK-02"]
    today = local_today()
    later = {"from": (today + timedelta(days=10)).isoformat()}
    assert (
        await client.get(f"/accounts/{OWNER_CODE}/outages", params=later, headers=owner)
    ).json() == []
    public = await client.get("/public/outages", params={"customer_code": "pe01 0001 23456"})
    assert public.status_code == 200 and public.json() == mine
    text = public.text
    for _code, phone, name, address, *_ in CONTRACTS:
        assert name not in text and address not in text and phone not in text
    by_area = await client.get("/public/outages", params={"area": "HN-HK-02"})
    assert [o["area"] for o in by_area.json()] == ["HN-HK-02"]
    unknown = await client.get("/public/outages", params={"customer_code": "PE09999999999"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "customer_code_not_found")
    for params in ({}, {"area": "X", "customer_code": OWNER_CODE}):
        r = await client.get("/public/outages", params=params)
        assert (r.status_code, r.json()["code"]) == (400, "code_or_area")
    reversed_window = {"area": "HN-HK-02", "from": "2026-01-10", "to": "2026-01-01"}
    assert (await client.get("/public/outages", params=reversed_window)).status_code == 422


async def test_announcements_to_an_area_reach_its_approved_links_and_to_all_everyone(client, ctx):
    body = {
        "title": "Lịch nghỉ Tết",
        "body": "Phòng giao dịch nghỉ từ 28 Tết.",
        "area": "HCM-SG-01",
    }
    r = await client.post("/admin/announcements", json=body, headers=STAFF)
    assert r.status_code == 201 and r.json()["counts"]["recipients"] == 3
    owner, member, pending, other_owner = await user_ids(ctx, OWNER, MEMBER, PENDING, OTHER_OWNER)
    told = {u for u, *_ in await notices(ctx, "announcement")}
    assert told == {owner, member, other_owner} and pending not in told
    everyone = await client.post("/admin/announcements", json=body | {"area": None}, headers=STAFF)
    # every app account: pending ones too, and the demo counter clerk (staff have accounts too)
    assert everyone.json()["counts"]["recipients"] == 5
    assert (await client.post("/admin/announcements", json=body)).status_code == 401


async def test_outages_name_their_area_and_staff_can_rename_it(client, api):
    """People read "Sài Gòn – Bến Thành", not HCM-SG-01: in the look-ups and in the notice."""
    created = (await client.post("/admin/outages", json=_outage(), headers=STAFF)).json()
    assert created["area_name"] == "Sài Gòn – Bến Thành, TP. Hồ Chí Minh"
    owner = await api.headers(OWNER)
    notices = (await client.get("/notifications", headers=owner)).json()
    planned = [n for n in notices["items"] if n["kind"] == "outage_planned"]
    assert planned and "Sài Gòn – Bến Thành" in planned[0]["body"]
    assert "HCM-SG-01" not in planned[0]["body"]

    renamed = await client.put(
        "/admin/areas/HCM-SG-01", json={"name": "  Bến Thành, TP. Hồ Chí Minh "}, headers=STAFF
    )
    assert renamed.status_code == 200 and renamed.json()["name"] == "Bến Thành, TP. Hồ Chí Minh"
    public = await client.get("/public/outages", params={"area": "HCM-SG-01"})
    assert [o["area_name"] for o in public.json()] == ["Bến Thành, TP. Hồ Chí Minh"]
    # an area nobody named yet is shown by its code (area_name null)
    await client.post("/admin/outages", json=_outage(area="HCM-TD-09"), headers=STAFF)
    unnamed = await client.get("/public/outages", params={"area": "HCM-TD-09"})
    assert [(o["area"], o["area_name"]) for o in unnamed.json()] == [("HCM-TD-09", None)]
    assert (await client.put("/admin/areas/HCM-TD-09", json={"name": "x"}, headers=STAFF)).json()[
        "code"
    ] == "validation_failed"
    customer = await client.put("/admin/areas/HCM-TD-09", json={"name": "Thủ Đức"}, headers=owner)
    assert customer.status_code in (401, 403)


@pytest.mark.parametrize("settings_overrides", [{"public_lookup_per_ip": "3/hour"}])
async def test_code_look_ups_count_against_the_address_area_look_ups_do_not(app, client):
    """A 404 says whether a code exists: guessing codes from one address is bounded."""
    for code in (OWNER_CODE, "PE09999999998", "PE09999999999"):
        r = await client.get("/public/outages", params={"customer_code": code})
        assert r.status_code in (200, 404)
    refused = await client.get("/public/outages", params={"customer_code": OWNER_CODE})
    assert (refused.status_code, refused.json()["code"]) == (429, "rate_limited")
    assert int(refused.headers["Retry-After"]) > 0
    assert refused.headers["content-type"].startswith("application/problem+json")
    by_area = await client.get("/public/outages", params={"area": "HCM-SG-01"})
    assert by_area.status_code == 200
    other = httpx.ASGITransport(app=app, client=("198.51.100.7", 5000))
    async with httpx.AsyncClient(transport=other, base_url="http://test/api/v1") as c:
        r = await c.get("/public/outages", params={"customer_code": OWNER_CODE})
    assert r.status_code == 200
