"""Access tokens: forged, unsigned, expired, wrong audience or issuer — all refused."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from server.security import AUDIENCE, ISSUER, TokenIssuer
from tests.server.api import OWNER

pytestmark = pytest.mark.usefixtures("demo")


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(**over) -> dict:
    now = datetime.now(UTC)
    c = {
        "sub": "1",
        "sid": 1,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "aud": AUDIENCE,
        "iss": ISSUER,
        "typ": "access",
    }
    c.update(over)
    return c


async def test_forged_tokens_are_refused(api, client, settings):
    real = (await api.login(OWNER))["access_token"]
    header, payload, _sig = real.split(".")
    key = settings.secret_key
    now = datetime.now(UTC)
    forged = {
        "alg none": _b64({"alg": "none", "typ": "JWT"}) + "." + payload + ".",
        "alg none no dot": _b64({"alg": "none"}) + "." + payload,
        "wrong key": jwt.encode(
            _claims(), "another-secret-0123456789abcdef0123", algorithm="HS256"
        ),
        "expired": jwt.encode(
            _claims(iat=now - timedelta(hours=1), exp=now - timedelta(minutes=1)),
            key,
            algorithm="HS256",
        ),
        "wrong audience": jwt.encode(_claims(aud="someone-else"), key, algorithm="HS256"),
        "wrong issuer": jwt.encode(_claims(iss="evil"), key, algorithm="HS256"),
        "not an access token": jwt.encode(_claims(typ="refresh"), key, algorithm="HS256"),
        "no expiry": jwt.encode(
            {k: v for k, v in _claims().items() if k != "exp"}, key, algorithm="HS256"
        ),
        "HS512 with the key": jwt.encode(_claims(), key, algorithm="HS512"),
        "tampered payload": header
        + "."
        + _b64({**json.loads(base64.urlsafe_b64decode(payload + "==")), "sub": "2"})
        + "."
        + _sig,
        "garbage": "not-a-jwt",
    }
    for name, token in forged.items():
        r = await client.get("/me", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, name
        assert r.json()["code"] == "unauthorized", name
    assert (await client.get("/me", headers={"Authorization": f"Bearer {real}"})).status_code == 200


def test_issuer_round_trip_and_lifetime():
    issuer = TokenIssuer("k" * 40, minutes=15)
    claims = issuer.verify(issuer.issue(7, 9, staff=True))
    assert (claims.user_id, claims.session_id, claims.staff) == (7, 9, True)
    assert TokenIssuer("x" * 40, minutes=15).verify(issuer.issue(7, 9)) is None
