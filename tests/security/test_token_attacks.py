"""Access and refresh tokens under attack, beyond tests/server/test_tokens.py: header
injection (kid, jku, x5u, embedded jwk), key confusion, oversized tokens, tokens that outlive
their user or sign-in and token-type confusion."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import update

from domain.customer_code import normalize_phone
from server.config import DEV_STAFF_KEY, DEV_WEBHOOK_SECRET
from server.models import User
from tests import figures
from tests.server.api import MEMBER, OWNER

pytestmark = [
    pytest.mark.usefixtures("demo"),
    # forged tokens use short keys on purpose
    pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning"),
]


def _b64(data: dict | bytes) -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _claims_of(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _with_header(claims: dict, key: str, **header) -> str:
    """HS256 by hand, so an empty key (which PyJWT refuses to use) can be tried too."""
    head = _b64({"alg": "HS256", "typ": "JWT", **header})
    body = _b64(json.loads(json.dumps(claims, default=lambda d: int(d.timestamp()))))
    sig = hmac.new(key.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(sig)}"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def _refused(client, token: str) -> bool:
    r = await client.get("/me", headers=_bearer(token))
    return (
        r.status_code == 401
        and r.headers["content-type"] == "application/problem+json"
        and r.json()["code"] == "unauthorized"
        and r.headers.get("www-authenticate") == "Bearer"
    )


async def test_header_tricks_and_key_confusion_are_refused(api, client, settings):
    real = (await api.login(OWNER))["access_token"]
    claims = _claims_of(real)
    payload = real.split(".")[1]
    attacker_key = "attacker-key-0123456789abcdef0123456789"
    jwk = {"kty": "oct", "k": _b64(attacker_key.encode())}
    staff = {**claims, "staff": True}
    forged = {
        # header fields that make naive verifiers fetch or pick a key the attacker controls
        "kid path traversal": _with_header(claims, "", kid="../../../../dev/null"),
        "kid sql": _with_header(claims, attacker_key, kid="x' UNION SELECT 'k"),
        "jku": _with_header(claims, attacker_key, jku="https://evil.example/jwks.json"),
        "x5u": _with_header(claims, attacker_key, x5u="https://evil.example/cert.pem"),
        "embedded jwk": _with_header(claims, attacker_key, jwk=jwk),
        # unsigned in other spellings of "none"
        "alg None": _b64({"alg": "None", "typ": "JWT"}) + "." + payload + ".",
        "alg NONE": _b64({"alg": "NONE"}) + "." + payload + ".",
        "alg nOnE sig kept": _b64({"alg": "nOnE"}) + "." + payload + "." + real.split(".")[2],
        # the server's other secrets are not signing keys
        "signed with the webhook secret": jwt.encode(claims, DEV_WEBHOOK_SECRET, "HS256"),
        "signed with the staff key": jwt.encode(staff, DEV_STAFF_KEY, "HS256"),
        "empty key": _with_header(claims, ""),
        # a customer cannot promote themselves without the key
        "self-made staff claim": _b64(_claims_of_header(real)) + "." + _b64(staff) + "." + "x",
        "sub not a number": jwt.encode({**claims, "sub": "1 OR 1=1"}, settings.secret_key),
        "sid missing": jwt.encode(
            {k: v for k, v in claims.items() if k != "sid"}, settings.secret_key
        ),
        "sub of another user": jwt.encode({**claims, "sub": "2"}, settings.secret_key),
        "issued in the future": jwt.encode(
            {**claims, "iat": datetime.now(UTC) + timedelta(days=1)}, settings.secret_key
        ),
        "huge token": _b64({"alg": "HS256"}) + "." + "A" * 60_000 + ".sig",
        "two dots only": "..",
    }
    results = {name: await _refused(client, token) for name, token in forged.items()}
    figures.record("attacks tried", len(forged))
    assert all(results.values()), [name for name, ok in results.items() if not ok]
    assert (await client.get("/me", headers=_bearer(real))).status_code == 200


def _claims_of_header(token: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))


async def test_token_of_a_deleted_user_is_dead(api, client, settings):
    tokens = await api.register("0366111222")
    h = _bearer(tokens["access_token"])
    assert (await client.delete("/me", headers=h)).status_code == 204
    assert await _refused(client, tokens["access_token"])
    r = await client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 401
    # Someone registers next. SQLite hands the erased last rows' ids out again, so the old
    # token's user and sign-in ids now name the newcomer's: the old token (here as if issued a
    # minute before the erasure, still inside its 15 minutes) must not open their account.
    fresh = await api.register("0366111333")
    now = datetime.now(UTC)
    old = {**_claims_of(tokens["access_token"]), "iat": now - timedelta(minutes=1)}
    aged = jwt.encode({**old, "exp": now + timedelta(minutes=10)}, settings.secret_key)
    assert await _refused(client, aged)
    assert (await client.get("/me", headers=_bearer(fresh["access_token"]))).status_code == 200


async def test_tokens_of_an_ended_sign_in_are_dead_at_once(api, client):
    a, b = await api.login(OWNER), await api.login(OWNER)
    await client.post("/auth/logout", json={"refresh_token": a["refresh_token"]})
    assert await _refused(client, a["access_token"])
    assert (await client.get("/me", headers=_bearer(b["access_token"]))).status_code == 200
    # signed out from the device list of another sign-in: that device is out at once
    c = await api.login(OWNER)
    sid_b = _claims_of(b["access_token"])["sid"]
    r = await client.delete(f"/me/sessions/{sid_b}", headers=_bearer(c["access_token"]))
    assert r.status_code == 204
    assert await _refused(client, b["access_token"])
    assert (await client.get("/me", headers=_bearer(c["access_token"]))).status_code == 200
    r = await client.post("/auth/refresh", json={"refresh_token": b["refresh_token"]})
    assert r.status_code == 401


async def test_token_types_are_not_interchangeable(api, client):
    tokens = await api.login(MEMBER)
    assert await _refused(client, tokens["refresh_token"])
    r = await client.post("/auth/refresh", json={"refresh_token": tokens["access_token"]})
    assert r.status_code in (401, 422)  # not even shaped like a refresh token
    # a token in the query string or a cookie is not a credential
    r = await client.get("/me", params={"access_token": tokens["access_token"]})
    assert r.status_code in (401, 422)
    r = await client.get("/me", headers={"Cookie": f"access_token={tokens['access_token']}"})
    assert r.status_code == 401
    basic = base64.b64encode(f"{MEMBER}:{tokens['access_token']}".encode()).decode()
    assert (await client.get("/me", headers={"Authorization": f"Basic {basic}"})).status_code == 401


async def _make_staff(ctx, phone: str, staff: bool) -> None:
    async with ctx.sessions() as session:
        await session.execute(
            update(User).where(User.phone == normalize_phone(phone)).values(is_staff=staff)
        )
        await session.commit()


async def test_staff_tokens_end_with_their_sign_in_and_their_role(api, client, ctx):
    """The staff claim in a token is not enough: the sign-in must be live and the person must
    still be staff (sign-out and demotion end staff access at once, not 15 minutes later)."""
    await _make_staff(ctx, MEMBER, True)
    run = {"month": "2025-06"}
    a, b = await api.login(MEMBER), await api.login(MEMBER)
    assert _claims_of(a["access_token"]).get("staff") is True
    r = await client.post("/admin/bill-run", json=run, headers=_bearer(a["access_token"]))
    assert r.status_code == 200, r.text
    await client.post("/auth/logout", json={"refresh_token": a["refresh_token"]})
    r = await client.post("/admin/bill-run", json=run, headers=_bearer(a["access_token"]))
    assert r.status_code == 401, r.text
    await _make_staff(ctx, MEMBER, False)
    r = await client.post("/admin/bill-run", json=run, headers=_bearer(b["access_token"]))
    assert r.status_code == 403 and r.json()["code"] == "staff_only", r.text
