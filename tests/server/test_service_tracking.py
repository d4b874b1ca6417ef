"""Tracking and the staff queue: timeline, cancel, messages, transitions, notices, overdue."""

from __future__ import annotations

from datetime import timedelta

import pytest

from domain import clock
from tests.server.api import MEMBER, OWNER, OWNER_CODE, OWNER_MANUAL_CODE
from tests.server.service_support import STAFF, complete, file_and_sign, norm_body, staff_move

pytestmark = pytest.mark.usefixtures("demo")
CHECK = {"type": "meter_check", "customer_code": OWNER_CODE, "fields": {"reason": "Số nhảy"}}


async def _notices(client, headers) -> list[dict]:
    return (await client.get("/notifications", headers=headers)).json()["items"]


async def test_timeline_appointment_and_notices_to_filer_and_owner(api, client):
    member, owner = await api.headers(MEMBER), await api.headers(OWNER)
    sr = await file_and_sign(client, member, MEMBER, CHECK)
    day = (clock.today() + timedelta(days=2)).isoformat()
    await staff_move(client, sr["id"], "received", note="Đã nhận hồ sơ")
    done = await staff_move(
        client, sr["id"], "scheduled", appointment={"date": day, "window": "13-17"}
    )
    assert done["appointment"] == {"date": day, "window": "13-17"}
    r = await client.get(f"/service-requests/{sr['id']}", headers=member)
    detail = r.json()
    assert [e["status"] for e in detail["timeline"]] == ["submitted", "received", "scheduled"]
    assert (
        detail["timeline"][1]["note"] == "Đã nhận hồ sơ" and detail["timeline"][1]["by"] == "staff"
    )
    for who in (member, owner):
        kinds = [n["kind"] for n in await _notices(client, who)]
        assert "service_request_scheduled" in kinds and "service_request_received" in kinds
    n = next(n for n in await _notices(client, member) if n["kind"] == "service_request_scheduled")
    assert n["ref_type"] == "service_request" and n["ref_id"] == str(sr["id"])
    assert sr["tracking_no"] in n["title"]


async def test_scheduling_needs_an_appointment_and_rejecting_a_reason(api, client):
    sr = await file_and_sign(client, await api.headers(MEMBER), MEMBER, CHECK)
    await staff_move(client, sr["id"], "received")
    r = await client.post(
        f"/admin/service-requests/{sr['id']}/transition",
        json={"status": "scheduled"},
        headers=STAFF,
    )
    assert r.status_code == 422 and r.json()["code"] == "appointment_required"
    r = await client.post(
        f"/admin/service-requests/{sr['id']}/transition", json={"status": "rejected"}, headers=STAFF
    )
    assert r.status_code == 422 and r.json()["code"] == "reason_required"
    done = await staff_move(client, sr["id"], "rejected", note="Thiếu giấy tờ")
    assert done["status"] == "rejected" and done["reason"] == "Thiếu giấy tờ"


async def test_cancel_before_work_starts_not_after(api, client):
    h = await api.headers(MEMBER)
    sr = await file_and_sign(client, h, MEMBER, CHECK)
    r = await client.post(f"/service-requests/{sr['id']}/cancel", headers=h)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    sr = await file_and_sign(client, h, MEMBER, CHECK)
    await staff_move(client, sr["id"], "received")
    await staff_move(client, sr["id"], "in_progress")
    r = await client.post(f"/service-requests/{sr['id']}/cancel", headers=h)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


async def test_staff_cannot_skip_states(api, client):
    sr = await file_and_sign(client, await api.headers(MEMBER), MEMBER, CHECK)
    r = await client.post(
        f"/admin/service-requests/{sr['id']}/transition", json={"status": "done"}, headers=STAFF
    )
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


async def test_messages_both_ways(api, client):
    h = await api.headers(MEMBER)
    sr = await file_and_sign(client, h, MEMBER, CHECK)
    r = await client.post(
        f"/service-requests/{sr['id']}/messages", json={"text": "Chiều nay có nhà"}, headers=h
    )
    assert r.status_code == 201
    r = await client.post(
        f"/admin/service-requests/{sr['id']}/messages",
        json={"text": "Sáng mai 9 giờ"},
        headers=STAFF,
    )
    assert r.status_code == 201
    detail = (await client.get(f"/service-requests/{sr['id']}", headers=h)).json()
    assert [m["text"] for m in detail["messages"]] == ["Chiều nay có nhà", "Sáng mai 9 giờ"]
    assert detail["messages"][1]["by"] == "staff"
    assert any(n["kind"] == "service_request_message" for n in await _notices(client, h))


async def test_queue_filters_by_status_type_area_and_overdue(api, client):
    owner = await api.headers(OWNER)
    a = await file_and_sign(client, owner, OWNER, CHECK)
    b = await file_and_sign(client, owner, OWNER, {**CHECK, "customer_code": OWNER_MANUAL_CODE})
    c = await file_and_sign(client, owner, OWNER, norm_body(OWNER_CODE))
    await staff_move(client, c["id"], "received")

    async def ids(**params):
        r = await client.get("/admin/service-requests", params=params, headers=STAFF)
        assert r.status_code == 200, r.text
        return {x["id"] for x in r.json()}

    assert await ids(status="received") == {c["id"]}
    assert await ids(type="meter_check") == {a["id"], b["id"]}
    areas = {x["customer_code"]: x for x in (await client.get("/accounts", headers=owner)).json()}
    assert await ids(area=areas[OWNER_MANUAL_CODE]["area"]) == {b["id"]}
    assert await ids(overdue=True) == set()
    with clock.shifted_to(clock.today() + timedelta(days=30)):
        assert await ids(overdue=True) == {a["id"], b["id"], c["id"]}
        await staff_move(client, c["id"], "rejected", note="trùng")
        assert await ids(overdue=True) == {a["id"], b["id"]}
        row = next(
            x
            for x in (await client.get("/service-requests", headers=owner)).json()
            if x["id"] == a["id"]
        )
        assert row["overdue"] is True
    assert await ids(overdue=False) >= {a["id"], b["id"], c["id"]}


async def test_transitions_are_audited(api, client):
    owner = await api.headers(OWNER)
    sr = await file_and_sign(client, await api.headers(MEMBER), MEMBER, CHECK)
    await complete(client, sr["id"])
    actions = [
        a["action"]
        for a in (await client.get(f"/accounts/{OWNER_CODE}/audit", headers=owner)).json()
    ]
    for step in ("filed", "received", "scheduled", "in_progress", "done"):
        assert f"service_request_{step}" in actions
