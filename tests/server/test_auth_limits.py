"""Brute force and SMS-cost abuse meet 429 with Retry-After; repeated wrong passwords lock."""

from __future__ import annotations

import pytest

from tests.server.api import OWNER

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def settings_overrides() -> dict:
    return {
        "otp_rate_per_phone": "3/10minutes",
        "otp_rate_per_ip": "5/hour",
        "login_fail_per_phone": "5/15minutes",
        "login_fail_per_ip": "8/15minutes",
    }


async def test_otp_requests_are_limited_per_phone(client):
    for _ in range(3):
        assert (
            await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
        ).status_code == 202
    r = await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    assert r.status_code == 429
    assert r.json()["code"] == "rate_limited"
    assert 0 < int(r.headers["Retry-After"]) <= 600


async def test_otp_requests_are_limited_per_ip_across_phones(client):
    phones = ["0351000001", "0351000002", "0351000003", "0351000004", "0351000005"]
    for p in phones:
        assert (
            await client.post("/auth/otp", json={"phone": p, "purpose": "register"})
        ).status_code == 202
    r = await client.post("/auth/otp", json={"phone": "0351000006", "purpose": "register"})
    assert r.status_code == 429 and "Retry-After" in r.headers


async def test_wrong_passwords_lock_the_phone_even_for_the_right_password(api, client):
    for _ in range(5):
        r = await client.post("/auth/login", json={"phone": OWNER, "password": "guess-123"})
        assert r.status_code == 401
    r = await client.post("/auth/login", json={"phone": OWNER, "password": api.password})
    assert r.status_code == 429
    assert r.json()["code"] == "login_locked"
    assert int(r.headers["Retry-After"]) > 0


async def test_password_spraying_from_one_ip_is_locked(client):
    phones = [f"03520000{i:02d}" for i in range(8)]
    for p in phones:
        assert (
            await client.post("/auth/login", json={"phone": p, "password": "Password1"})
        ).status_code == 401
    r = await client.post("/auth/login", json={"phone": "0352000099", "password": "Password1"})
    assert r.status_code == 429
