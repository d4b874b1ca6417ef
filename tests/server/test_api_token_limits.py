"""A personal token is limited on its own: 429 with Retry-After, another token unaffected."""

from __future__ import annotations

import pytest

from tests.server.api import OWNER, OWNER_CODE
from tests.server.api_token_support import bearer, make_token

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def settings_overrides() -> dict:
    return {"api_token_rate": "3/minute"}


async def test_each_token_has_its_own_limit(api, client):
    first = bearer(await make_token(api, OWNER))
    second = bearer(await make_token(api, OWNER, name="Grafana"))
    url = f"/accounts/{OWNER_CODE}/usage/monthly"
    assert [(await client.get(url, headers=first)).status_code for _ in range(3)] == [200] * 3
    r = await client.get(url, headers=first)
    assert r.status_code == 429 and r.json()["code"] == "rate_limited"
    assert int(r.headers["Retry-After"]) >= 1
    assert (await client.get(url, headers=second)).status_code == 200
