"""Issue 21, point 12: each web sign-in added an unread "Đăng nhập mới", four in a row made the
badge say 4. Sign-ins from the same device leave one unread notice (the newest); another
device's sign-in stays unread beside it; every notice stays in the inbox as a record."""

from __future__ import annotations

import pytest

from server.seed.demo import DEMO_PASSWORD
from tests.server.api import OWNER

pytestmark = pytest.mark.usefixtures("demo")


async def _sign_in(client, device: str) -> dict:
    body = {"phone": OWNER, "password": DEMO_PASSWORD, "device": device}
    r = await client.post("/auth/login", json=body)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def _sign_in_notices(client, headers, unread: bool) -> list[dict]:
    r = await client.get("/notifications", params={"unread": unread, "limit": 100}, headers=headers)
    assert r.status_code == 200, r.text
    return [n for n in r.json()["items"] if n["kind"] == "new_sign_in"]


async def test_repeated_sign_ins_from_one_device_leave_one_unread_notice(client):
    for _ in range(4):
        h = await _sign_in(client, "Chrome, Windows (web)")
    assert len(await _sign_in_notices(client, h, unread=True)) == 1
    assert len(await _sign_in_notices(client, h, unread=False)) >= 4  # the record stays


async def test_a_sign_in_from_another_device_stays_unread(client):
    await _sign_in(client, "Chrome, Windows (web)")
    await _sign_in(client, "Chrome, Windows (web)")
    h = await _sign_in(client, "Điện Nhà Android")
    unread = await _sign_in_notices(client, h, unread=True)
    assert len(unread) == 2
    assert {n["title"] for n in unread} == {"Đăng nhập mới"}
