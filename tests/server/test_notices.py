"""The inbox over HTTP on SQLite and PostgreSQL: pages, unread, read, read-all, ownership."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.models import User
from server.notify.inbox import commit_and_announce, notify
from tests.server.api import MEMBER, OWNER, OWNER_CODE, PENDING

pytestmark = pytest.mark.usefixtures("demo")


async def user_id(ctx, phone: str) -> int:
    e164 = "+84" + phone[1:]
    async with ctx.sessions() as s:
        return (await s.execute(select(User.id).where(User.phone == e164))).scalar_one()


async def give_notices(ctx, phone: str, n: int) -> None:
    uid = await user_id(ctx, phone)
    async with ctx.sessions() as s:
        for i in range(n):
            notify(
                s,
                uid,
                "reading_date",
                {"code": OWNER_CODE, "month": "2025-07", "read_on": f"2025-07-{i % 28 + 1:02d}"},
                customer_code=OWNER_CODE,
                ref=("reading", "2025-07"),
            )
        await commit_and_announce(s, ctx.hub)


async def test_pages_newest_first_with_cursor_and_unread_count(api, client, ctx):
    h = await api.headers(OWNER)
    seeded = (await client.get("/notifications", headers=h)).json()["unread_count"]
    assert seeded >= 1  # at least the demo's link request
    await give_notices(ctx, OWNER, 24)
    total = seeded + 24
    seen, cursor, pages = [], None, 0
    while True:
        params = {"limit": 10, **({"cursor": cursor} if cursor else {})}
        r = await client.get("/notifications", params=params, headers=h)
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["unread_count"] == total
        seen += [n["id"] for n in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == -(-total // 10) and len(seen) == total == len(set(seen))
    assert seen == sorted(seen, reverse=True)
    first = (await client.get("/notifications", params={"limit": 1}, headers=h)).json()["items"][0]
    assert first["kind"] == "reading_date" and first["customer_code"] == OWNER_CODE
    assert first["title"] == "Lịch ghi chỉ số công tơ" and first["read_at"] is None
    assert first["ref_type"] == "reading" and first["ref_id"] == "2025-07"
    assert set(first) == {
        "id",
        "kind",
        "title",
        "body",
        "created_at",
        "read_at",
        "customer_code",
        "ref_type",
        "ref_id",
    }


async def test_read_one_then_unread_filter_then_read_all(api, client, ctx):
    h = await api.headers(OWNER)
    seeded = (await client.get("/notifications", headers=h)).json()["unread_count"]
    await give_notices(ctx, OWNER, 3)
    items = (await client.get("/notifications", headers=h)).json()["items"]
    r = await client.post(f"/notifications/{items[0]['id']}/read", headers=h)
    assert r.status_code == 200 and r.json()["read_at"] and r.json()["id"] == items[0]["id"]
    again = await client.post(f"/notifications/{items[0]['id']}/read", headers=h)
    assert again.json()["read_at"] == r.json()["read_at"]  # reading twice changes nothing
    unread = (await client.get("/notifications", params={"unread": True}, headers=h)).json()
    assert unread["unread_count"] == seeded + 2
    assert items[0]["id"] not in [n["id"] for n in unread["items"]]
    assert all(n["read_at"] is None for n in unread["items"])
    r = await client.post("/notifications/read-all", headers=h)
    assert r.status_code == 200 and r.json() == {"marked": seeded + 2, "unread_count": 0}
    after = (await client.get("/notifications", params={"unread": "true"}, headers=h)).json()
    assert after == {"items": [], "next_cursor": None, "unread_count": 0}
    assert (await client.post("/notifications/read-all", headers=h)).json()["marked"] == 0


async def test_someone_elses_notice_is_not_found(api, client, ctx):
    owner, other = await api.headers(OWNER), await api.headers(MEMBER)
    page = (await client.get("/notifications", headers=owner)).json()
    mine = page["items"][0]
    r = await client.post(f"/notifications/{mine['id']}/read", headers=other)
    assert r.status_code == 404 and r.json()["code"] == "notification_not_found"
    assert r.headers["content-type"].startswith("application/problem+json")
    missing = await client.post("/notifications/987654/read", headers=other)
    assert missing.json() == r.json()  # "not yours" and "no such" look the same
    assert (await client.get("/notifications", headers=owner)).json()["items"][0]["read_at"] is None
    assert all(
        n["id"] != mine["id"]
        for n in (await client.get("/notifications", headers=other)).json()["items"]
    )
    # read-all of the other person leaves the owner's inbox alone
    await client.post("/notifications/read-all", headers=other)
    assert (await client.get("/notifications", headers=owner)).json()["unread_count"] == page[
        "unread_count"
    ]


async def test_text_follows_the_readers_language_at_read_time(api, client):
    h = await api.headers(OWNER)
    items = (await client.get("/notifications", headers=h)).json()["items"]
    vi = next(n for n in items if n["kind"] == "link_request")
    assert vi["title"] == "Yêu cầu liên kết mới"
    assert "Trần Thị Bình" in vi["body"] and "091****678" in vi["body"]
    assert (await client.patch("/me", json={"language": "en"}, headers=h)).status_code == 200
    items = (await client.get("/notifications", headers=h)).json()["items"]
    en = next(n for n in items if n["id"] == vi["id"])
    assert en["title"] == "New link request"
    assert "asks to link to customer" in en["body"]


async def test_link_request_reaches_the_owners_inbox(api, client):
    owner = await api.headers(OWNER)
    before = (await client.get("/notifications", headers=owner)).json()["unread_count"]
    tokens = await api.register("0365555555", name="Lê Thị Hoa")
    asker = {"Authorization": f"Bearer {tokens['access_token']}"}
    r = await client.post(
        "/accounts/links", json={"customer_code": OWNER_CODE, "note": "Em gái"}, headers=asker
    )
    assert r.status_code == 201, r.text
    page = (await client.get("/notifications", headers=owner)).json()
    assert page["unread_count"] == before + 1
    top = page["items"][0]
    assert top["kind"] == "link_request" and top["customer_code"] == OWNER_CODE
    assert "Lê Thị Hoa" in top["body"] and "“Em gái”" in top["body"] and "036****555" in top["body"]
    assert top["ref_type"] == "link"
    # the asker hears back when the owner decides
    await client.post(f"/accounts/{OWNER_CODE}/links/{top['ref_id']}/approve", headers=owner)
    theirs = (await client.get("/notifications", headers=asker)).json()["items"][0]
    assert theirs["kind"] == "link_approved" and OWNER_CODE in theirs["body"]


async def test_inbox_needs_sign_in_and_valid_paging(api, client):
    assert (await client.get("/notifications")).status_code == 401
    assert (await client.post("/notifications/read-all")).status_code == 401
    assert (await client.get("/notifications/stream")).status_code == 401
    h = await api.headers(PENDING)
    for bad in ({"cursor": "abc"}, {"cursor": "-1"}, {"limit": 0}, {"limit": 101}):
        r = await client.get("/notifications", params=bad, headers=h)
        assert r.status_code == 422, bad
