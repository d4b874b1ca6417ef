"""No account oracle: "unknown phone" and "wrong password" (or wrong code) answer with the same
status, body and headers, and in about the same time."""

from __future__ import annotations

import statistics
import time

import pytest

from tests import figures
from tests.server.api import MEMBER, OWNER

pytestmark = pytest.mark.usefixtures("demo")
ROUNDS = 30
# Headers that differ between any two responses for reasons unrelated to the account.
VOLATILE = {"date", "x-request-id"}


@pytest.fixture
def settings_overrides() -> dict:
    # the timing loop makes 60 failed sign-ins: no lock-out may change the answers halfway
    return {"login_fail_per_phone": "1000/minute", "login_fail_per_ip": "1000/minute"}


def shape(r) -> tuple:
    headers = {k: v for k, v in r.headers.items() if k.lower() not in VOLATILE}
    return r.status_code, r.content, tuple(sorted(headers.items()))


@pytest.mark.slow  # 60 argon2 checks
async def test_unknown_phone_and_wrong_password_are_indistinguishable(client):
    async def attempt(phone: str):
        started = time.perf_counter()
        r = await client.post("/auth/login", json={"phone": phone, "password": "Sai-mat-khau-1"})
        return time.perf_counter() - started, r

    # warm up both paths (first argon2 call, first query plans)
    await attempt(OWNER)
    await attempt("0377123456")
    known, unknown, shapes = [], [], set()
    for i in range(ROUNDS):  # interleaved, so load on the machine hits both alike
        pairs = [(OWNER, known), (f"03771{i:05d}", unknown)]
        for phone, times in pairs if i % 2 else reversed(pairs):
            took, r = await attempt(phone)
            times.append(took)
            shapes.add(shape(r))
    figures.record("attacks tried", 2 * ROUNDS)
    assert len(shapes) == 1, shapes  # same status, body and headers, byte for byte
    status, body, _ = shapes.pop()
    assert status == 401 and b"invalid_credentials" in body
    ratio = statistics.median(known) / statistics.median(unknown)
    assert 0.5 <= ratio <= 2.0, (statistics.median(known), statistics.median(unknown))


async def test_wrong_code_and_unknown_phone_look_the_same_for_otp_calls(client):
    await client.post("/auth/otp", json={"phone": MEMBER, "purpose": "login"})
    await client.post("/auth/otp", json={"phone": MEMBER, "purpose": "reset"})
    calls = [
        ("/auth/login/otp", {"otp": "000001"}),
        ("/auth/password/reset", {"otp": "000001", "new_password": "Mat-khau-moi-1"}),
    ]
    for path, extra in calls:
        known = await client.post(path, json={"phone": MEMBER, **extra})
        unknown = await client.post(path, json={"phone": "0377999888", **extra})
        assert shape(known) == shape(unknown), path
        assert known.status_code == 400 and known.json()["code"] == "otp_invalid"


async def test_register_code_for_an_existing_phone_answers_like_a_new_one(client):
    existing = await client.post("/auth/otp", json={"phone": OWNER, "purpose": "register"})
    new = await client.post("/auth/otp", json={"phone": "0377555444", "purpose": "register"})
    assert shape(existing) == shape(new)
