"""Issue 21.5: a person names their codes ("Nhà mẹ"); the name is theirs alone — another
person linked to the same code never sees it — and it is cleaned like any words people type."""

from __future__ import annotations

import pytest

from tests.server.api import MEMBER, OWNER, OWNER_CODE, PENDING

pytestmark = pytest.mark.usefixtures("demo")


async def _accounts(client, h) -> dict[str, dict]:
    return {a["customer_code"]: a for a in (await client.get("/accounts", headers=h)).json()}


async def test_a_nickname_is_the_callers_own(api, client):
    owner, member = await api.headers(OWNER), await api.headers(MEMBER)
    r = await client.put(
        f"/accounts/{OWNER_CODE}/nickname", json={"nickname": "  Nhà   mẹ "}, headers=owner
    )
    assert r.status_code == 200, r.text
    assert r.json()["nickname"] == "Nhà mẹ"
    assert (await _accounts(client, owner))[OWNER_CODE]["nickname"] == "Nhà mẹ"
    assert (await client.get(f"/accounts/{OWNER_CODE}", headers=owner)).json()[
        "nickname"
    ] == "Nhà mẹ"
    assert (await _accounts(client, member))[OWNER_CODE]["nickname"] is None
    cleared = await client.put(
        f"/accounts/{OWNER_CODE}/nickname", json={"nickname": None}, headers=owner
    )
    assert cleared.json()["nickname"] is None


async def test_a_nickname_is_cleaned_and_bounded(api, client):
    owner = await api.headers(OWNER)
    url = f"/accounts/{OWNER_CODE}/nickname"
    r = await client.put(url, json={"nickname": "Gọi 0901234567 www.lua.vn\u202e"}, headers=owner)
    assert "0901234567" not in r.json()["nickname"] and "lua.vn" not in r.json()["nickname"]
    long = await client.put(url, json={"nickname": "N" * 100}, headers=owner)
    assert len(long.json()["nickname"]) == 40
    assert (await client.put(url, json={"nickname": "x" * 201}, headers=owner)).status_code == 422
    blank = await client.put(url, json={"nickname": "   "}, headers=owner)
    assert blank.json()["nickname"] is None


async def test_a_waiting_relative_sees_since_when(api, client):
    pending = await api.headers(PENDING)
    mine = (await _accounts(client, pending))[OWNER_CODE]
    assert mine["status"] == "pending" and mine["requested_at"] is not None
    r = await client.put(
        f"/accounts/{OWNER_CODE}/nickname", json={"nickname": "Nhà anh"}, headers=pending
    )
    assert r.status_code == 403  # names are for approved links
