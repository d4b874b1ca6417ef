"""Privacy of what the server holds and hands out: the data export carries no secret or hash,
and an erased account leaves only masked audit records (no full phone anywhere)."""

from __future__ import annotations

import json

import jwt
import pytest
from sqlalchemy import select

from server.models import AuditRecord, OtpCode, SignInSession, User
from tests.server.api import OWNER_CODE

pytestmark = pytest.mark.usefixtures("demo")
PHONE, PASSWORD = "0367123456", "Mat-khau-rieng-7"


async def test_export_has_the_person_and_no_secret(api, client):
    tokens = await api.register(PHONE, password=PASSWORD)
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    await client.post("/accounts/links", json={"customer_code": OWNER_CODE}, headers=h)
    await client.post(
        "/me/devices", json={"platform": "android", "token": "fcm-" + "x" * 40}, headers=h
    )
    r = await client.get("/me/data-export", headers=h)
    assert r.status_code == 200
    text = json.dumps(r.json())
    assert "+84367123456" in text and OWNER_CODE in text  # it is the person's own data
    for secret in (PASSWORD, tokens["access_token"], tokens["refresh_token"], "x" * 40):
        assert secret not in text
    for field in ("password_hash", "token_hash", "code_hash"):
        assert field not in text


async def test_erasure_keeps_only_masked_audit_records(api, client, ctx):
    tokens = await api.register(PHONE, password=PASSWORD)
    user_id = int(jwt.decode(tokens["access_token"], options={"verify_signature": False})["sub"])
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    await client.post("/accounts/links", json={"customer_code": OWNER_CODE}, headers=h)
    await client.post("/auth/otp", json={"phone": PHONE, "purpose": "login"})
    assert (await client.delete("/me", headers=h)).status_code == 204
    async with ctx.sessions() as s:
        assert (await s.execute(select(User).where(User.phone == "+84367123456"))).first() is None
        assert (
            await s.execute(select(OtpCode).where(OtpCode.phone == "+84367123456"))
        ).first() is None
        q = select(SignInSession).where(SignInSession.user_id == user_id)
        assert (await s.execute(q)).first() is None
        audit = (await s.execute(select(AuditRecord))).scalars().all()
    kept = " ".join(f"{a.actor} {a.subject} {a.detail}" for a in audit)
    assert "account_deleted" in {a.action for a in audit}
    for form in ("0367123456", "+84367123456", "84367123456"):
        assert form not in kept
