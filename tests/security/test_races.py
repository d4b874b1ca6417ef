"""Races an attacker can start by sending the same request many times at once: one refresh
token, one one-time code, many guesses at one code. The database must serialise them on
SQLite as well as on PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from domain.customer_code import normalize_phone
from server.models import OtpCode
from tests import figures
from tests.server.api import MEMBER, OWNER

pytestmark = pytest.mark.usefixtures("demo")
PARALLEL = 8


async def test_refresh_race_leaves_at_most_one_live_token(api, client):
    """Two clients racing with one refresh token (a thief and the owner): never two working
    sign-ins from one token; either one wins, or reuse is detected and the family dies."""
    tokens = await api.login(OWNER)
    results = await asyncio.gather(
        *(
            client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
            for _ in range(PARALLEL)
        )
    )
    figures.record("attacks tried", len(results))
    won = [r.json() for r in results if r.status_code == 200]
    assert len(won) <= 1, [r.status_code for r in results]
    assert all(r.status_code in (200, 401) for r in results)


async def test_one_code_signs_in_once_however_many_race(api, client):
    await client.post("/auth/otp", json={"phone": MEMBER, "purpose": "login"})
    code = await api.last_otp(MEMBER)
    results = await asyncio.gather(
        *(
            client.post("/auth/login/otp", json={"phone": MEMBER, "otp": code})
            for _ in range(PARALLEL)
        )
    )
    figures.record("attacks tried", len(results))
    assert sorted(r.status_code for r in results) == [200] + [400] * (PARALLEL - 1)


async def test_parallel_guesses_still_burn_the_code_after_five(api, client, ctx):
    """Guesses sent all at once must each count: lost updates of the attempt counter would
    give an attacker unlimited tries at one code."""
    await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    code = await api.last_otp(OWNER)
    wrong = [f"{(int(code) + 1 + n) % 1_000_000:06d}" for n in range(4 * PARALLEL)]
    results = await asyncio.gather(
        *(client.post("/auth/login/otp", json={"phone": OWNER, "otp": w}) for w in wrong)
    )
    figures.record("attacks tried", len(results))
    assert {r.status_code for r in results} == {400}
    async with ctx.sessions() as session:
        row = (
            (
                await session.execute(
                    select(OtpCode)
                    .where(OtpCode.phone == normalize_phone(OWNER))
                    .order_by(OtpCode.id.desc())
                )
            )
            .scalars()
            .first()
        )
    assert (row.attempts, row.used_at is not None) == (5, True)  # 5 compared, no more
    r = await client.post("/auth/login/otp", json={"phone": OWNER, "otp": code})
    assert r.status_code == 400  # burnt, even though the right code comes last
