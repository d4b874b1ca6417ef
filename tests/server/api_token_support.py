"""Helpers for personal-token tests: make a token as a signed-in person, call with it."""

from __future__ import annotations

from tests.server.api import Api


async def make_token(api: Api, phone: str, **fields) -> dict:
    body = {"name": "Home Assistant", "scopes": ["read:usage"], "expires_in_days": 30} | fields
    r = await api.client.post("/me/api-tokens", json=body, headers=await api.headers(phone))
    assert r.status_code == 201, r.text
    return r.json()


def bearer(token: dict | str) -> dict[str, str]:
    raw = token if isinstance(token, str) else token["token"]
    return {"Authorization": f"Bearer {raw}"}
