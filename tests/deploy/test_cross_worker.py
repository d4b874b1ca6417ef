"""Two real API processes on one PostgreSQL and one Redis behave as one service: a rate limit
counted on one worker holds on the other, and a notice made on one reaches a stream on the other.

This is what running several API workers behind a load balancer (compose.yaml) relies on."""

from __future__ import annotations

import asyncio
import contextlib
import json
import re

import httpx
import pytest

from tests.deploy.workers import (
    OWNER_PASSWORD,
    OWNER_PHONE,
    SHARED_CODE,
    reachable,
    running_pair,
)

pytestmark = pytest.mark.slow

_why_not = reachable()
if _why_not:
    pytest.skip(_why_not, allow_module_level=True)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    with running_pair(tmp_path_factory.mktemp("xw")) as servers:
        yield servers


def test_rate_limit_counts_across_workers(pair):
    """3 OTPs per phone per 10 minutes: the 4th is refused although each worker saw only two."""
    phone = "0909555001"
    answers = []
    for base in (pair.a, pair.b, pair.a, pair.b):
        r = httpx.post(f"{base}/auth/otp", json={"phone": phone, "purpose": "register"})
        answers.append(r)
    assert [r.status_code for r in answers[:3]] == [202, 202, 202], [r.text for r in answers]
    refused = answers[3]
    assert refused.status_code == 429, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "rate_limited"
    retry_after = int(refused.headers["Retry-After"])
    assert 0 < retry_after <= 600
    # the same phone stays refused on the first worker too
    again = httpx.post(f"{pair.a}/auth/otp", json={"phone": phone, "purpose": "register"})
    assert again.status_code == 429


def test_sign_in_refresh_and_sign_out_cross_workers(pair):
    """Tokens issued by one worker work on the other, a rotated refresh token is dead on
    both, and signing out on one ends access on the other at once."""
    creds = {"phone": OWNER_PHONE, "password": OWNER_PASSWORD}
    tokens = httpx.post(f"{pair.a}/auth/login", json=creds).json()
    assert httpx.get(f"{pair.b}/me", headers=_bearer(tokens)).status_code == 200
    renewed = httpx.post(f"{pair.b}/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert renewed.status_code == 200, renewed.text
    reused = httpx.post(f"{pair.a}/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert reused.status_code == 401  # rotated on B, so a replay on A is caught

    session = httpx.post(f"{pair.b}/auth/login", json=creds).json()
    assert httpx.get(f"{pair.a}/me", headers=_bearer(session)).status_code == 200
    out = httpx.post(
        f"{pair.a}/auth/logout",
        json={"refresh_token": session["refresh_token"], "everywhere": True},
    )
    assert out.status_code == 204
    assert httpx.get(f"{pair.b}/me", headers=_bearer(session)).status_code == 401


def _bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_notice_made_on_one_worker_reaches_a_stream_on_the_other(pair):
    async with httpx.AsyncClient(timeout=10) as client:
        login = await client.post(
            f"{pair.a}/auth/login", json={"phone": OWNER_PHONE, "password": OWNER_PASSWORD}
        )
        assert login.status_code == 200, login.text
        owner = {"Authorization": f"Bearer {login.json()['access_token']}"}
        stream_url = f"{pair.a}/notifications/stream"
        async with client.stream("GET", stream_url, headers=owner, timeout=None) as stream:
            if stream.status_code == 404:
                pytest.skip("GET /notifications/stream does not exist yet (notices work pending)")
            assert stream.status_code == 200
            assert stream.headers["content-type"].startswith("text/event-stream")
            events: list[str] = []
            notice_seen = asyncio.Event()
            reader = asyncio.create_task(_collect_events(stream, events, notice_seen))
            try:
                # let worker A subscribe to the Redis channel and send any greeting event
                await asyncio.sleep(1.5)
                before = len(events)
                notice_seen.clear()
                await _new_person_asks_to_link(client, pair.b)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(notice_seen.wait(), timeout=5)
                news = [e for e in events[before:] if e.startswith("notice:")]
                assert news, (
                    "no notice on worker A's stream within 5 s of the link request on worker B; "
                    f"events: {events}"
                )
                notice = json.loads(news[0].removeprefix("notice:"))
                assert notice["kind"] == "link_request"
                assert notice["customer_code"] == SHARED_CODE
                assert "090****002" in notice["body"]  # the asker, masked
            finally:
                reader.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await reader


async def _collect_events(
    stream: httpx.Response, events: list[str], notice_seen: asyncio.Event
) -> None:
    """Appends `kind:data` per SSE event; comment lines (`: ping` keep-alives) are skipped."""
    data: list[str] = []
    kind = ""
    async for line in stream.aiter_lines():
        if line.startswith("data:"):
            data.append(line[5:].strip())
        elif line.startswith("event:"):
            kind = line[6:].strip()
        elif line == "" and data:
            events.append(f"{kind}:{' '.join(data)}")
            if kind == "notice":
                notice_seen.set()
            data, kind = [], ""


async def _new_person_asks_to_link(client: httpx.AsyncClient, base: str) -> None:
    """A new person registers on `base` and asks to link the owner's code: a notice for the owner."""
    phone = "0909555002"
    r = await client.post(f"{base}/auth/otp", json={"phone": phone, "purpose": "register"})
    assert r.status_code == 202, r.text
    outbox = await client.get(f"{base}/dev/outbox", params={"to": phone})
    otp = next(m.group(1) for e in outbox.json() if (m := re.search(r"\b(\d{6})\b", e["body"])))
    r = await client.post(
        f"{base}/auth/register",
        json={"phone": phone, "otp": otp, "password": "Mat-khau-123", "full_name": "Người Mới"},
    )
    assert r.status_code == 201, r.text
    asker = {"Authorization": f"Bearer {r.json()['access_token']}"}
    r = await client.post(
        f"{base}/accounts/links", json={"customer_code": SHARED_CODE}, headers=asker
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "pending"


def test_workers_are_separate_processes(pair):
    assert pair.a != pair.b
    assert {p.pid for p in pair.processes} and len({p.pid for p in pair.processes}) == 2
    assert all(p.poll() is None for p in pair.processes)
