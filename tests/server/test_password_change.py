"""POST /me/password: change the password with the current one; every other sign-in ends
(issue 21.3: the new-sign-in notice tells people to change it, so Settings must offer it)."""

from __future__ import annotations

import pytest

from tests.server.api import OWNER

pytestmark = pytest.mark.usefixtures("demo")

NEW = "Mat-khau-moi-2026"


def _bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_change_password_ends_the_other_sign_ins_only(api, client):
    other, here = await api.login(OWNER), await api.login(OWNER)
    r = await client.post(
        "/me/password",
        json={"current_password": api.password, "new_password": NEW},
        headers=_bearer(here),
    )
    assert r.status_code == 204, r.text
    gone = await client.post("/auth/refresh", json={"refresh_token": other["refresh_token"]})
    assert gone.status_code == 401
    kept = await client.post("/auth/refresh", json={"refresh_token": here["refresh_token"]})
    assert kept.status_code == 200
    assert (await api.login(OWNER, NEW))["access_token"]


async def test_a_wrong_current_password_changes_nothing(api, client):
    here = await api.login(OWNER)
    r = await client.post(
        "/me/password",
        json={"current_password": "not-the-password", "new_password": NEW},
        headers=_bearer(here),
    )
    assert r.status_code == 400 and r.json()["code"] == "wrong_password"
    assert r.json()["errors"][0]["field"] == "current_password"
    assert (await api.login(OWNER))["access_token"]  # the old password still works
    weak = await client.post(
        "/me/password",
        json={"current_password": api.password, "new_password": "123"},
        headers=_bearer(here),
    )
    assert weak.status_code == 422
    anonymous = await client.post(
        "/me/password", json={"current_password": api.password, "new_password": NEW}
    )
    assert anonymous.status_code == 401
