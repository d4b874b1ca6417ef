"""Limits on outage reports: per phone and per address, 429 with Retry-After."""

from __future__ import annotations

import pytest

from tests.server.api import OWNER_CODE

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def settings_overrides() -> dict:
    return {"outage_report_per_ip": "5/hour", "outage_report_per_phone": "2/10minutes"}


async def _post(client, **body):
    return await client.post(
        "/public/outage-reports", json={"kind": "no_power", "customer_code": OWNER_CODE, **body}
    )


async def test_one_phone_may_report_only_so_often(client):
    codes = [(await _post(client, phone="0909111222")).status_code for _ in range(3)]
    assert codes == [202, 202, 429]
    again = await _post(client, phone="+84 909 111 222")  # the same phone written otherwise
    assert again.status_code == 429 and int(again.headers["Retry-After"]) > 0
    assert again.json()["code"] == "rate_limited"


async def test_one_address_may_report_only_so_often(client):
    codes = [(await _post(client, phone=f"090911122{i}")).status_code for i in range(6)]
    assert codes == [202] * 5 + [429]
    assert int((await _post(client)).headers["Retry-After"]) > 0
