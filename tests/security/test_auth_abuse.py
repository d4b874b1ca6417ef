"""Authentication abuse: SMS-cost abuse (per phone, per IP, global daily cap), OTP guessing,
password spraying, and an attacker rotating phones or forged proxy headers."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import func, select

from server.models import OutboxMessage
from server.notify.inbox import VOID
from tests import figures
from tests.server.api import MEMBER, OWNER

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def settings_overrides() -> dict:
    return {
        "otp_rate_per_phone": "3/10minutes;10/day",
        "otp_rate_per_ip": "8/hour",
        "otp_rate_global": "6/day",
        "login_fail_per_phone": "5/15minutes",
        "login_fail_per_ip": "10/15minutes",
    }


def client_from(app, ip: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(ip, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://test/api/v1")


async def sms_count(ctx) -> int:
    async with ctx.sessions() as s:
        q = select(func.count()).select_from(OutboxMessage)
        q = q.where(OutboxMessage.channel == "sms", OutboxMessage.status != VOID)
        return int(await s.scalar(q))


async def test_global_daily_cap_stops_sms_from_every_ip(app, ctx):
    """A botnet of many IPs and many phones still cannot spend more than the daily SMS budget."""
    sent_before, statuses = await sms_count(ctx), []
    for i in range(10):
        async with client_from(app, f"198.51.100.{i + 1}") as c:
            r = await c.post("/auth/otp", json={"phone": f"03530000{i:02d}", "purpose": "register"})
            statuses.append(r.status_code)
            if r.status_code == 429:
                assert r.json()["code"] == "sms_capacity", r.text
                assert int(r.headers["Retry-After"]) > 0
                assert r.headers["content-type"] == "application/problem+json"
    figures.record("attacks tried", len(statuses))
    assert statuses == [202] * 6 + [429] * 4
    assert await sms_count(ctx) - sent_before == 6  # refused requests cost nothing


async def test_otp_for_a_phone_without_account_costs_no_sms(client, ctx):
    before = await sms_count(ctx)
    for purpose in ("login", "reset"):
        r = await client.post("/auth/otp", json={"phone": "0377000001", "purpose": purpose})
        assert r.status_code == 202
    assert await sms_count(ctx) == before  # nothing to sign in to: nothing sent
    known = await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    unknown = await client.post("/auth/otp", json={"phone": "0377000002", "purpose": "login"})
    assert known.status_code == unknown.status_code == 202 and known.json() == unknown.json()
    assert await sms_count(ctx) == before + 1


async def test_per_phone_limit_holds_across_ips(app, ctx):
    """Rotating IPs does not buy more codes for one victim's phone (SMS bombing)."""
    statuses = []
    for i in range(6):
        async with client_from(app, f"192.0.2.{i + 1}") as c:
            r = await c.post("/auth/otp", json={"phone": MEMBER, "purpose": "login"})
            statuses.append(r.status_code)
    figures.record("attacks tried", len(statuses))
    assert statuses == [202] * 3 + [429] * 3


async def test_forged_forwarded_for_does_not_reset_the_per_ip_limit(client):
    statuses = []
    for i in range(10):
        r = await client.post(
            "/auth/otp",
            json={"phone": f"03540000{i:02d}", "purpose": "register"},
            headers={"X-Forwarded-For": f"203.0.113.{100 + i}", "X-Real-IP": f"10.0.0.{i}"},
        )
        statuses.append(r.status_code)
    figures.record("attacks tried", len(statuses))
    # 8/hour per IP; the global cap (6/day) may answer first: either way no 9th SMS
    assert statuses.count(202) <= 6 and statuses[-1] == 429


async def test_guessing_an_otp_is_bounded_by_attempts_and_request_limits(api, client):
    """An attacker who can ask for codes and guess: at most 5 guesses per code, 3 codes per
    10 minutes, so at most 15 of the million codes per window, and none of them right."""
    guesses, requested = 0, 0
    for _ in range(5):
        r = await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
        if r.status_code == 429:
            break
        requested += 1
        real = await api.last_otp(OWNER)
        for n in range(7):
            guess = f"{(int(real) + 1 + n) % 1_000_000:06d}"  # never the real code
            r = await client.post("/auth/login/otp", json={"phone": OWNER, "otp": guess})
            guesses += 1
            assert r.status_code == 400 and r.json()["code"] == "otp_invalid"
        # the code is burnt after 5 wrong tries, even for its rightful owner
        r = await client.post("/auth/login/otp", json={"phone": OWNER, "otp": real})
        assert r.status_code == 400
    figures.record("attacks tried", guesses + requested)
    assert requested == 3


async def test_spraying_one_password_over_many_phones_locks_the_ip_only(app, api):
    async with client_from(app, "198.51.100.66") as attacker:
        statuses = []
        for i in range(12):
            r = await attacker.post(
                "/auth/login", json={"phone": f"03550000{i:02d}", "password": "Password@1"}
            )
            statuses.append(r.status_code)
        assert statuses == [401] * 10 + [429] * 2
        # once locked, even a right password from that IP is refused before any hash check
        r = await attacker.post("/auth/login", json={"phone": OWNER, "password": api.password})
        assert r.status_code == 429 and r.json()["code"] == "login_locked"
        assert int(r.headers["Retry-After"]) > 0
    figures.record("attacks tried", len(statuses) + 1)
    async with client_from(app, "203.0.113.200") as owner:  # the real person elsewhere
        r = await owner.post("/auth/login", json={"phone": OWNER, "password": api.password})
        assert r.status_code == 200


async def test_guessing_one_phone_from_many_ips_locks_the_phone(app, api):
    statuses = []
    for i in range(7):
        async with client_from(app, f"192.0.2.{50 + i}") as c:
            r = await c.post("/auth/login", json={"phone": MEMBER, "password": f"Guess-{i}"})
            statuses.append(r.status_code)
    figures.record("attacks tried", len(statuses))
    assert statuses == [401] * 5 + [429] * 2
    # the rightful owner gets in with a one-time code, which also lifts the lock
    async with client_from(app, "203.0.113.201") as c:
        assert (
            await c.post("/auth/login", json={"phone": MEMBER, "password": api.password})
        ).status_code == 429
        await c.post("/auth/otp", json={"phone": MEMBER, "purpose": "login"})
        code = await api.last_otp(MEMBER)
        assert (
            await c.post("/auth/login/otp", json={"phone": MEMBER, "otp": code})
        ).status_code == 200
        assert (
            await c.post("/auth/login", json={"phone": MEMBER, "password": api.password})
        ).status_code == 200
