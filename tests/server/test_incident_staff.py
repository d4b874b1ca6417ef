"""Staff moves: estimates, audit, 409 on bad moves, and the notices — every reporter who is a
user and every approved link of the area, once each; nobody pending, denied, revoked or of
another area."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from domain import clock
from server.models import AuditRecord, Link
from tests.server.api import MEMBER, OTHER_OWNER, OWNER, OWNER_CODE, PENDING
from tests.server.billing_support import STAFF, notices, user_ids
from tests.server.incident_support import HANOI, move, report, status_of

pytestmark = pytest.mark.usefixtures("demo")


async def _incident(client, **where) -> int:
    done = await report(client, **(where or {"customer_code": OWNER_CODE}))
    return (await status_of(client, done["tracking_no"]))["incident"]["id"]


async def test_restoration_reaches_reporters_and_approved_links_of_the_area_once(client, api, ctx):
    owner, member, pending, other_owner = await user_ids(ctx, OWNER, MEMBER, PENDING, OTHER_OWNER)
    # The pending asker reports too (as a user): a reporter is told even without a link.
    await report(client, headers=await api.headers(PENDING), customer_code=OWNER_CODE)
    # The member reports twice and is linked: still told once.
    for _ in range(2):
        await report(client, headers=await api.headers(MEMBER), customer_code=OWNER_CODE)
    incident_id = await _incident(client)
    # A revoked link in the area must not be told: revoke the member's link? No — make a
    # revoked one for the other owner's contract by flipping a second link.
    async with ctx.sessions() as session:
        link = await session.scalar(
            select(Link).where(Link.user_id == other_owner, Link.customer_code == "PE02000777888")
        )
        link.status = "revoked"
        await session.commit()
    await report(client, **HANOI)  # another area's incident: its people are not told
    eta = (clock.now() + timedelta(hours=3)).replace(microsecond=0)
    await move(client, incident_id, "confirmed", eta=eta.isoformat(), note="Sự cố trạm biến áp")
    told = await notices(ctx, "incident_confirmed")
    assert sorted(u for u, *_ in told) == sorted([owner, member, pending])
    assert all(ref == str(incident_id) for *_, ref in told)
    await move(client, incident_id, "restored")
    restored = await notices(ctx, "incident_restored")
    assert sorted(u for u, *_ in restored) == sorted([owner, member, pending])
    assert other_owner not in {u for u, *_ in restored}


async def test_an_eta_change_is_told_and_a_no_change_is_not(client, ctx):
    incident_id = await _incident(client)
    eta = (clock.now() + timedelta(hours=2)).replace(microsecond=0)
    body = await move(client, incident_id, "confirmed", eta=eta.isoformat())
    assert body["eta"].startswith(eta.strftime("%Y-%m-%dT%H:%M"))
    first = len(await notices(ctx))
    await move(client, incident_id, "confirmed", eta=eta.isoformat())  # the same: nothing
    assert len(await notices(ctx)) == first
    later = eta + timedelta(hours=1)
    await move(client, incident_id, "confirmed", eta=later.isoformat())
    assert len(await notices(ctx, "incident_eta")) == 3  # owner, member, other owner


async def test_moves_are_audited_and_bad_moves_refused(client, ctx):
    incident_id = await _incident(client)
    await move(client, incident_id, "crew_dispatched")
    back = await client.post(
        f"/admin/incidents/{incident_id}/transition", json={"status": "confirmed"}, headers=STAFF
    )
    assert (back.status_code, back.json()["code"]) == (409, "invalid_transition")
    await move(client, incident_id, "not_our_fault", note="Lỗi aptomat trong nhà")
    async with ctx.sessions() as session:
        actions = list(
            await session.scalars(
                select(AuditRecord.action).where(AuditRecord.action.like("incident_%"))
            )
        )
    assert actions == ["incident_crew_dispatched", "incident_not_our_fault"]
    missing = await client.post(
        "/admin/incidents/999999/transition", json={"status": "confirmed"}, headers=STAFF
    )
    assert missing.status_code == 404


async def test_staff_list_puts_hazards_first_with_counts(client):
    await report(client, customer_code=OWNER_CODE)
    await report(client, customer_code=OWNER_CODE)
    await report(client, kind="hazard", **HANOI)
    r = await client.get("/admin/incidents", headers=STAFF)
    assert r.status_code == 200
    rows = r.json()
    assert [x["area"] for x in rows] == ["HN-HK-02", "HCM-SG-01"]
    assert rows[0]["hazard"] and rows[0]["hazard_reports"] == 1
    assert rows[1]["reports"] == 2 and rows[1]["next"][0] == "confirmed"
    assert (await client.get("/admin/incidents")).status_code == 401
    only = await client.get("/admin/incidents", params={"area": "HCM-SG-01"}, headers=STAFF)
    assert [x["area"] for x in only.json()] == ["HCM-SG-01"]


async def test_public_incidents_by_area_and_code_have_no_personal_data(client):
    await report(client, customer_code=OWNER_CODE, phone="0909111222", description="Nhà số 12")
    by_code = await client.get("/public/incidents", params={"customer_code": OWNER_CODE})
    by_area = await client.get("/public/incidents", params={"area": "HCM-SG-01"})
    assert by_code.status_code == by_area.status_code == 200
    assert by_code.json() == by_area.json() and len(by_area.json()) == 1
    text = by_area.text
    assert "0909" not in text and "Nhà số 12" not in text and OWNER_CODE not in text
    both = await client.get("/public/incidents", params={"area": "X", "customer_code": OWNER_CODE})
    assert both.status_code == 400
    one = await client.get(f"/public/incidents/{by_area.json()[0]['id']}")
    assert one.status_code == 200 and one.json()["area_name"]


async def test_staff_set_a_boundary_and_reports_follow_it(client):
    # Move Hoàn Kiếm's boundary over Đà Nẵng: a point there now lands in HN-HK-02.
    box = [[108.1, 15.9], [108.3, 15.9], [108.3, 16.1], [108.1, 16.1], [108.1, 15.9]]
    r = await client.put(
        "/admin/areas/HN-HK-02/boundary",
        json={"type": "Polygon", "coordinates": [box]},
        headers=STAFF,
    )
    assert r.status_code == 200, r.text
    done = await report(client, lat=16.0, lon=108.2)
    assert (await status_of(client, done["tracking_no"]))["incident"]["area"] == "HN-HK-02"
    bowtie = [[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]
    bad = await client.put(
        "/admin/areas/HN-HK-02/boundary",
        json={"type": "Polygon", "coordinates": [bowtie]},
        headers=STAFF,
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_boundary")
    nowhere = await client.put(
        "/admin/areas/XX-01/boundary", json={"type": "Polygon", "coordinates": [box]}, headers=STAFF
    )
    assert nowhere.status_code == 404


async def test_staff_read_every_area_with_its_boundary(client, api):
    r = await client.get("/admin/areas", headers=STAFF)
    assert r.status_code == 200, r.text
    areas = {a["code"]: a for a in r.json()}
    assert list(areas) == sorted(areas) and "HN-HK-02" in areas
    assert areas["HN-HK-02"]["name"] and areas["HN-HK-02"]["boundary"]["type"] in (
        "Polygon",
        "MultiPolygon",
    )
    box = [[108.1, 15.9], [108.3, 15.9], [108.3, 16.1], [108.1, 16.1], [108.1, 15.9]]
    put = await client.put(
        "/admin/areas/HN-HK-02/boundary",
        json={"type": "Polygon", "coordinates": [box]},
        headers=STAFF,
    )
    assert put.status_code == 200
    again = {a["code"]: a for a in (await client.get("/admin/areas", headers=STAFF)).json()}
    assert again["HN-HK-02"]["boundary"]["coordinates"] == [box]
    # A customer is not staff.
    mine = await client.get("/admin/areas", headers=await api.headers(OWNER))
    assert (mine.status_code, mine.json()["code"]) == (403, "staff_only")
