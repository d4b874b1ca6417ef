"""Tenants' share (issue 18): a tenant sees only their room, loses it at move-out, and their
share of a bill at the legal tariff matches a computation written out here."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from domain import clock
from server.config import DEV_STAFF_KEY
from server.seed.demo import CONTRACTS
from tests.server.api import MEMBER, OWNER, OWNER_CODE
from tests.server.tenant_support import make_tenant

pytestmark = pytest.mark.usefixtures("demo")
STAFF = {"X-Staff-Key": DEV_STAFF_KEY}
CONTRACT = next(c for c in CONTRACTS if c[0] == OWNER_CODE)
DAY = date(2025, 9, 20)  # the bill of August 2025: 1279/QĐ-BCT prices, VAT 8 %
PRICES = (1984, 2050, 2380, 2998, 3350, 3460)


async def _august_bill(client, owner) -> dict:
    """The August 2025 bill of OWNER_CODE, from 5.5 kWh a day of readings."""
    days = [date(2025, 7, 1) + timedelta(days=i) for i in range(62)]
    rows = [{"customer_code": OWNER_CODE, "date": d.isoformat(), "kwh": "5.5"} for d in days]
    r = await client.post("/admin/readings", json={"readings": rows}, headers=STAFF)
    assert r.status_code == 200, r.text
    r = await client.post("/admin/bill-run", json={"month": "2025-08"}, headers=STAFF)
    assert r.status_code == 200, r.text
    bills = (await client.get(f"/accounts/{OWNER_CODE}/bills?year=2025", headers=owner)).json()
    return next(b for b in bills if b["period_end"].startswith("2025-08"))


def _by_hand(kwh: Decimal, households: int) -> int:
    """The household tariff, independently: widths 50/50/100/100/100 × households, each
    tier's amount rounded half up, VAT 8 % once on the subtotal."""
    widths = [50, 50, 100, 100, 100, None]
    subtotal, left = 0, kwh
    for width, price in zip(widths, PRICES, strict=True):
        take = left if width is None else min(left, Decimal(width * households))
        subtotal += int((take * price).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        left -= take
    return subtotal + int((Decimal(subtotal) * Decimal("0.08")).quantize(Decimal(1), ROUND_HALF_UP))


async def test_a_tenant_sees_only_their_room(api, client):
    owner = await api.headers(OWNER)
    other = {"name": "Phòng 2 bí mật", "residents": 3, "moved_in": "2020-01-01"}
    assert (
        await client.post(f"/accounts/{OWNER_CODE}/rooms", json=other, headers=owner)
    ).is_success
    tenant = await make_tenant(api, client, owner, OWNER_CODE, "0365550001", name="Phòng 1")
    r = await client.get(f"/accounts/{OWNER_CODE}/my-room", headers=tenant.headers)
    assert r.status_code == 200, r.text
    assert r.json()["name"] == "Phòng 1" and r.json()["residents"] == 2
    listed = (await client.get("/accounts", headers=tenant.headers)).json()
    assert [(a["role"], a["status"], a["name"], a["address"]) for a in listed] == [
        ("tenant", "approved", "", "")
    ]
    for path in (
        "/accounts",
        f"/accounts/{OWNER_CODE}/my-room",
        f"/accounts/{OWNER_CODE}/my-room/shares",
    ):
        text = (await client.get(path, headers=tenant.headers)).text
        for secret in (CONTRACT[2], CONTRACT[3], "Phòng 2", CONTRACT[1]):
            assert secret not in text, (path, secret)
    for path in ("", "/bills", "/usage/monthly", "/rooms", "/links"):
        r = await client.get(f"/accounts/{OWNER_CODE}{path}", headers=tenant.headers)
        assert (r.status_code, r.json()["code"]) == (403, "tenant_room_only"), path
    # a member is no tenant
    r = await client.get(f"/accounts/{OWNER_CODE}/my-room", headers=await api.headers(MEMBER))
    assert (r.status_code, r.json()["code"]) == (403, "tenant_only")


async def test_a_pending_tenant_waits_for_the_owner(api, client):
    owner = await api.headers(OWNER)
    tenant = await make_tenant(api, client, owner, OWNER_CODE, "0365550002", approve=False)
    r = await client.get(f"/accounts/{OWNER_CODE}/my-room", headers=tenant.headers)
    assert (r.status_code, r.json()["code"]) == (403, "link_not_approved")
    links = (await client.get(f"/accounts/{OWNER_CODE}/links", headers=owner)).json()
    assert any(x["id"] == tenant.link_id and x["role"] == "tenant" for x in links)
    r = await client.post(f"/accounts/{OWNER_CODE}/links/{tenant.link_id}/deny", headers=owner)
    assert r.json()["status"] == "denied"
    r = await client.get(f"/accounts/{OWNER_CODE}/my-room", headers=tenant.headers)
    assert r.status_code == 403


async def test_a_tenant_loses_access_after_moving_out(api, client):
    owner = await api.headers(OWNER)
    tenant = await make_tenant(api, client, owner, OWNER_CODE, "0365550003")
    out = date(2031, 3, 31)
    body = {"moved_out": out.isoformat()}
    r = await client.patch(
        f"/accounts/{OWNER_CODE}/rooms/{tenant.room_id}", json=body, headers=owner
    )
    assert r.status_code == 200, r.text
    with clock.shifted_to(out):
        r = await client.get(f"/accounts/{OWNER_CODE}/my-room", headers=tenant.headers)
        assert r.status_code == 200, r.text
    with clock.shifted_to(out + timedelta(days=1)):
        for path in ("/my-room", "/my-room/shares"):
            r = await client.get(f"/accounts/{OWNER_CODE}{path}", headers=tenant.headers)
            assert (r.status_code, r.json()["code"]) == (403, "tenant_moved_out"), path
        r = await client.get(f"/accounts/{OWNER_CODE}/bills", headers=tenant.headers)
        assert r.status_code == 403


@pytest.mark.parametrize(
    ("residents", "expected"), [(1, 1_235_196), (4, 1_235_196), (5, 1_014_509), (9, 961_956)]
)
async def test_a_sub_metered_share_at_the_legal_tariff(api, client, residents, expected):
    with clock.shifted_to(DAY):
        owner = await api.headers(OWNER)
        await _august_bill(client, owner)
        tenant = await make_tenant(
            api, client, owner, OWNER_CODE, "0365550004", residents=residents
        )
        reading = {"month": "2025-08", "kwh": "420"}
        path = f"/accounts/{OWNER_CODE}/rooms/{tenant.room_id}/readings"
        assert (await client.put(path, json=reading, headers=owner)).status_code == 200
        r = await client.get(f"/accounts/{OWNER_CODE}/my-room/shares", headers=tenant.headers)
    assert r.status_code == 200, r.text
    share = next(s for s in r.json() if s["period_month"] == "2025-08")
    assert (share["method"], Decimal(share["kwh"])) == ("sub_meter", 420)
    # by hand, for 420 kWh: 1–4 residents 1,143,700 + VAT 91,496; 5 residents (2 households)
    # 939,360 + 75,149; 9 residents (3 households) 890,700 + 71,256.
    assert share["amount"] == expected == _by_hand(Decimal(420), -(-residents // 4))
    assert share["average_vnd_per_kwh"] == int(
        (Decimal(expected) / 420).quantize(Decimal(1), ROUND_HALF_UP)
    )


async def test_a_share_split_by_residents(api, client):
    with clock.shifted_to(DAY):
        owner = await api.headers(OWNER)
        bill = await _august_bill(client, owner)
        other = {"name": "P2", "residents": 3, "moved_in": "2020-01-01"}
        await client.post(f"/accounts/{OWNER_CODE}/rooms", json=other, headers=owner)
        tenant = await make_tenant(api, client, owner, OWNER_CODE, "0365550005", residents=1)
        r = await client.get(f"/accounts/{OWNER_CODE}/my-room/shares", headers=tenant.headers)
    share = next(s for s in r.json() if s["period_month"] == "2025-08")
    kwh = (Decimal(bill["kwh"]) / 4).quantize(Decimal("0.001"), ROUND_HALF_UP)
    assert share["method"] == "split_by_residents" and Decimal(share["kwh"]) == kwh
    assert share["amount"] == _by_hand(kwh, 1)


async def test_bad_rooms_are_problems(api, client):
    owner = await api.headers(OWNER)
    url = f"/accounts/{OWNER_CODE}/rooms"
    for body in (
        {"name": "A", "residents": 0, "moved_in": "2025-01-01"},
        {"name": "A", "residents": 51, "moved_in": "2025-01-01"},
        {"name": "", "residents": 2, "moved_in": "2025-01-01"},
        {"name": "A", "residents": 2, "moved_in": "2025-02-01", "moved_out": "2025-01-31"},
        {"name": "A", "residents": 2, "moved_in": "2025-02-01", "invite_phone": "12345"},
    ):
        r = await client.post(url, json=body, headers=owner)
        assert r.status_code == 422, body
        assert r.headers["content-type"].startswith("application/problem+json")
    room = (
        await client.post(
            url, json={"name": "A", "residents": 2, "moved_in": "2025-02-01"}, headers=owner
        )
    ).json()
    r = await client.patch(f"{url}/{room['id']}", json={"moved_out": "2025-01-01"}, headers=owner)
    assert (r.status_code, r.json()["code"]) == (422, "move_out_before_move_in")
    r = await client.patch(f"{url}/999999", json={"residents": 3}, headers=owner)
    assert (r.status_code, r.json()["code"]) == (404, "room_not_found")
    audit = (await client.get(f"/accounts/{OWNER_CODE}/audit", headers=owner)).json()
    assert "room_added" in {a["action"] for a in audit}


async def test_an_invitation_is_for_its_phone_only(api, client):
    owner = await api.headers(OWNER)
    body = {"name": "A", "residents": 2, "moved_in": "2025-02-01", "invite_phone": "0365550006"}
    room = (await client.post(f"/accounts/{OWNER_CODE}/rooms", json=body, headers=owner)).json()
    assert room["tenant_status"] == "invited"
    member = await api.headers(MEMBER)
    assert (await client.get("/me/room-invitations", headers=member)).json() == []
    r = await client.post(f"/me/room-invitations/{room['id']}/accept", headers=member)
    assert (r.status_code, r.json()["code"]) == (404, "invitation_not_found")


async def test_a_tenant_gets_no_household_notices(api, client):
    with clock.shifted_to(DAY):
        owner = await api.headers(OWNER)
        tenant = await make_tenant(api, client, owner, OWNER_CODE, "0365550007")
        member = await api.headers(MEMBER)
        await _august_bill(client, owner)
        kinds = {
            n["kind"] for n in (await client.get("/notifications", headers=member)).json()["items"]
        }
        assert "bill_issued" in kinds  # the household is told (so the test can fail)
        page = (await client.get("/notifications", headers=tenant.headers)).json()
        assert [n["kind"] for n in page["items"] if n["customer_code"] == OWNER_CODE] == [
            "link_approved"
        ]  # its own link, nothing of the household
        # nor files requests on the household's code
        body = {"type": "meter_check", "customer_code": OWNER_CODE}
        r = await client.post("/service-requests", json=body, headers=tenant.headers)
        assert (r.status_code, r.json()["code"]) == (403, "tenant_room_only"), r.text


async def test_a_room_with_a_tenant_is_not_invited_again_and_erasure_frees_it(api, client):
    owner = await api.headers(OWNER)
    tenant = await make_tenant(api, client, owner, OWNER_CODE, "0365550008")
    url = f"/accounts/{OWNER_CODE}/rooms/{tenant.room_id}/invite"
    r = await client.post(url, json={"phone": "0365550009"}, headers=owner)
    assert (r.status_code, r.json()["code"]) == (409, "room_has_tenant")
    assert (await client.delete("/me", headers=tenant.headers)).status_code == 204
    rooms = (await client.get(f"/accounts/{OWNER_CODE}/rooms", headers=owner)).json()
    mine = next(x for x in rooms if x["id"] == tenant.room_id)
    assert mine["link_id"] is None and mine["tenant_status"] == "invited"
    r = await client.post(url, json={"phone": "0365550009"}, headers=owner)
    assert r.status_code == 200 and r.json()["invite_phone"] == "+84365550009"
