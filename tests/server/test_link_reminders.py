"""Issue 21.6: a relative whose request waits may remind the owner — a day after asking, then
once a day; the owner gets the request again as a new unread notice; each reminder is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from server.models import Link, utcnow
from tests.server.api import OTHER_CODE, OWNER, OWNER_CODE

pytestmark = pytest.mark.usefixtures("demo")
ASKER = "0399000021"


async def _ask(api, client) -> dict:
    tokens = await api.register(ASKER, name="Người Nhắc")
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    r = await client.post("/accounts/links", json={"customer_code": OWNER_CODE}, headers=h)
    assert r.status_code == 201 and r.json()["status"] == "pending", r.text
    return h


async def _age_request(ctx, days: float) -> None:
    async with ctx.sessions() as s:
        await s.execute(
            update(Link)
            .where(Link.customer_code == OWNER_CODE, Link.status == "pending")
            .values(requested_at=utcnow() - timedelta(days=days))
        )
        await s.commit()


async def _owner_requests(client, owner_h) -> int:
    r = await client.get("/notifications", params={"unread": True, "limit": 100}, headers=owner_h)
    return len([n for n in r.json()["items"] if n["kind"] == "link_request"])


async def test_a_reminder_waits_a_day_then_reaches_the_owner_once_a_day(api, client, ctx):
    h = await _ask(api, client)
    too_soon = await client.post(f"/accounts/{OWNER_CODE}/links/me/remind", headers=h)
    assert too_soon.status_code == 429, too_soon.text
    assert too_soon.json()["code"] == "reminder_too_soon"
    assert 82_000 < int(too_soon.headers["Retry-After"]) <= 86_400
    await _age_request(ctx, days=2)
    owner_h = await api.headers(OWNER)
    before = await _owner_requests(client, owner_h)
    r = await client.post(f"/accounts/{OWNER_CODE}/links/me/remind", headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert set(body) == {"requested_at", "reminded_at", "next_at"}
    assert await _owner_requests(client, owner_h) == before + 1
    again = await client.post(f"/accounts/{OWNER_CODE}/links/me/remind", headers=h)
    assert again.status_code == 429  # the day starts again from the reminder
    audit = await client.get(f"/accounts/{OWNER_CODE}/audit", headers=owner_h)
    assert [a for a in audit.json() if a["action"] == "link_reminded"]


async def test_only_a_waiting_request_can_be_reminded(api, client, ctx):
    h = await _ask(api, client)
    await _age_request(ctx, days=2)
    other = await client.post(f"/accounts/{OTHER_CODE}/links/me/remind", headers=h)
    assert other.status_code == 404 and other.json()["code"] == "link_not_pending"
    assert (await client.delete(f"/accounts/{OWNER_CODE}/links/me", headers=h)).status_code == 204
    gone = await client.post(f"/accounts/{OWNER_CODE}/links/me/remind", headers=h)
    assert gone.status_code == 404
    owner = await client.post(
        f"/accounts/{OWNER_CODE}/links/me/remind", headers=await api.headers(OWNER)
    )
    assert owner.status_code == 404  # an owner's link is approved, never waiting
