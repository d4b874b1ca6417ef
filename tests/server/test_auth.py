"""Phone sign-in: OTP, register, password login, lock-out, refresh rotation and logout."""

from __future__ import annotations

import pytest

from tests.server.api import MEMBER, OWNER

pytestmark = pytest.mark.usefixtures("demo")


async def test_register_with_otp_then_sign_in(api, client):
    tokens = await api.register("0355555555", name="Đặng Thu Hà")
    assert tokens["token_type"] == "bearer" and tokens["expires_in"] == 900
    me = await client.get("/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["phone"] == "+84355555555"
    assert me.json()["full_name"] == "Đặng Thu Hà"
    assert me.json()["consents"] == {"service": True}
    again = await api.login("+84 355 555 555", "Mat-khau-123")
    assert again["access_token"]


async def test_otp_answer_does_not_reveal_whether_phone_exists(client):
    known = await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    unknown = await client.post("/auth/otp", json={"phone": "0377777777", "purpose": "login"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()


async def test_wrong_password_and_unknown_phone_look_the_same(client):
    wrong = await client.post("/auth/login", json={"phone": OWNER, "password": "wrong-password"})
    unknown = await client.post(
        "/auth/login", json={"phone": "0377777777", "password": "wrong-password"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert wrong.headers["content-type"] == "application/problem+json"


async def test_otp_login_and_five_wrong_tries_burn_the_code(api, client):
    await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    code = await api.last_otp(OWNER)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        r = await client.post("/auth/login/otp", json={"phone": OWNER, "otp": wrong})
        assert r.status_code == 400 and r.json()["code"] == "otp_invalid"
    # the right code no longer works: it was burnt by the attempt limit
    r = await client.post("/auth/login/otp", json={"phone": OWNER, "otp": code})
    assert r.status_code == 400
    await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    r = await client.post(
        "/auth/login/otp", json={"phone": OWNER, "otp": await api.last_otp(OWNER)}
    )
    assert r.status_code == 200, r.text


async def test_otp_is_single_use(api, client):
    await client.post("/auth/otp", json={"phone": MEMBER, "purpose": "login"})
    code = await api.last_otp(MEMBER)
    assert (
        await client.post("/auth/login/otp", json={"phone": MEMBER, "otp": code})
    ).status_code == 200
    assert (
        await client.post("/auth/login/otp", json={"phone": MEMBER, "otp": code})
    ).status_code == 400


async def test_refresh_rotates_and_reuse_revokes_the_family(api, client):
    first = await api.login(OWNER)
    second = (
        await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    ).json()
    assert second["refresh_token"] != first["refresh_token"]
    # the old token is replayed (stolen): the whole sign-in dies, including the new token
    replay = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401 and replay.json()["code"] == "refresh_reused"
    after = await client.post("/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert after.status_code == 401
    me = await client.get("/me", headers={"Authorization": f"Bearer {second['access_token']}"})
    assert me.status_code == 401


async def test_logout_everywhere_kills_every_refresh_token(api, client):
    a, b = await api.login(OWNER), await api.login(OWNER)
    other = await api.login(MEMBER)
    r = await client.post(
        "/auth/logout", json={"refresh_token": a["refresh_token"], "everywhere": True}
    )
    assert r.status_code == 204
    for t in (a, b):
        assert (
            await client.post("/auth/refresh", json={"refresh_token": t["refresh_token"]})
        ).status_code == 401
        assert (
            await client.get("/me", headers={"Authorization": f"Bearer {t['access_token']}"})
        ).status_code == 401
    # another person's sign-in is untouched
    assert (
        await client.post("/auth/refresh", json={"refresh_token": other["refresh_token"]})
    ).status_code == 200


async def test_logout_ends_only_this_device(api, client):
    a, b = await api.login(OWNER), await api.login(OWNER)
    assert (
        await client.post("/auth/logout", json={"refresh_token": a["refresh_token"]})
    ).status_code == 204
    assert (
        await client.post("/auth/refresh", json={"refresh_token": a["refresh_token"]})
    ).status_code == 401
    assert (
        await client.post("/auth/refresh", json={"refresh_token": b["refresh_token"]})
    ).status_code == 200


async def test_password_reset_with_otp_ends_old_sessions(api, client):
    old = await api.login(MEMBER)
    await client.post("/auth/otp", json={"phone": MEMBER, "purpose": "reset"})
    code = await api.last_otp(MEMBER)
    r = await client.post(
        "/auth/password/reset",
        json={"phone": MEMBER, "otp": code, "new_password": "Moi-mat-khau-9"},
    )
    assert r.status_code == 204
    assert (
        await client.post("/auth/refresh", json={"refresh_token": old["refresh_token"]})
    ).status_code == 401
    assert (await api.login(MEMBER, "Moi-mat-khau-9"))["access_token"]


async def test_sessions_list_marks_the_current_one(api, client):
    await api.login(OWNER)
    tokens = await api.login(OWNER)
    r = await client.get(
        "/me/sessions", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    sessions = r.json()
    assert len(sessions) == 2
    assert sum(s["current"] for s in sessions) == 1
