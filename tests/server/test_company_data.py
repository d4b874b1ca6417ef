"""Issue 21, point 12: the fraud page said "1900 xxxx". The hotline is configured data: the
articles name it as `{hotline}` and every reader gets the configured line."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def settings_overrides() -> dict:
    return {"hotline": "1900 54 54 54", "company_name": "Điện lực Thử"}


@pytest.mark.parametrize("lang", ["vi", "en"])
async def test_the_fraud_page_names_the_configured_hotline(client, lang):
    r = await client.get("/public/articles", params={"kind": "fraud", "lang": lang})
    assert r.status_code == 200, r.text
    (article,) = r.json()
    assert "1900 54 54 54" in article["body"]
    assert "xxxx" not in article["body"] and "{hotline}" not in article["body"]
    one = await client.get(f"/public/articles/{article['slug']}", params={"lang": lang})
    assert one.json()["body"] == article["body"]


async def test_the_company_endpoint_gives_name_and_hotline(client):
    r = await client.get("/public/company")
    assert r.json() == {"name": "Điện lực Thử", "hotline": "1900 54 54 54"}


def test_a_hotline_that_is_not_a_phone_number_is_refused():
    from pydantic import ValidationError

    from server.config import Settings

    with pytest.raises(ValidationError, match="hotline"):
        Settings(hotline="call us")
