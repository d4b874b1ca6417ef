"""Issue 16: signing codes shared the sign-in allowance per phone, so a person who had just
asked for sign-in codes could not sign a request for ten minutes. Signing has its own allowance
per filer; it is still limited."""

from __future__ import annotations

import pytest

from tests.server.api import OWNER, OWNER_CODE
from tests.server.service_support import norm_body

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def settings_overrides() -> dict:
    return {"otp_rate_per_phone": "2/10minutes", "sign_otp_rate_per_user": "3/10minutes"}


async def test_signing_codes_have_their_own_allowance(api, client):
    h = await api.headers(OWNER)
    for _ in range(2):  # the sign-in allowance is spent
        r = await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
        assert r.status_code == 202
    assert (
        await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    ).status_code == 429
    r = await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)
    sr = r.json()
    asks = [
        (await client.post(f"/service-requests/{sr['id']}/sign/otp", headers=h)).status_code
        for _ in range(4)
    ]
    assert asks == [202, 202, 202, 429]
