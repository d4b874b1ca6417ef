"""A real server with the access log on, taken through sign-in, one-time codes, refresh,
registration, a link request and sign-out (and clients that put secrets in the URL): its
whole output holds no token, password, one-time code or full phone number."""

from __future__ import annotations

import re

import httpx
import pytest

from server.seed.demo import DEMO_PASSWORD
from tests import figures
from tests.security.server_process import ServerProcess, server_env

pytestmark = pytest.mark.slow
OWNER, NEWCOMER, NEW_PASSWORD = "0901234567", "0356789012", "Bi-mat-cua-toi-9"


def _phone_forms(phone: str) -> list[str]:
    national = phone[1:]
    return [phone, "+84" + national, "84" + national, "%2B84" + national]


def _otp(c: httpx.Client, phone: str) -> str:
    for entry in c.get("/dev/outbox", params={"to": phone}).json():
        found = re.search(r"\b(\d{6})\b", entry["body"])
        if found:
            return found.group(1)
    raise AssertionError(f"no code for {phone}")


def _journey(c: httpx.Client) -> list[str]:
    """Everything a person and a careless client do; returns the secrets that went by."""
    secrets = [DEMO_PASSWORD, NEW_PASSWORD, "Sai-mat-khau-77"]
    r = c.post("/auth/login", json={"phone": OWNER, "password": DEMO_PASSWORD})
    first = r.json()
    c.post("/auth/login", json={"phone": OWNER, "password": "Sai-mat-khau-77"})
    assert c.post("/auth/otp", json={"phone": OWNER, "purpose": "login"}).status_code == 202
    code = _otp(c, OWNER)
    by_code = c.post("/auth/login/otp", json={"phone": OWNER, "otp": code}).json()
    rotated = c.post("/auth/refresh", json={"refresh_token": first["refresh_token"]}).json()
    bearer = {"Authorization": f"Bearer {rotated['access_token']}"}
    assert c.get("/me", headers=bearer).status_code == 200
    c.post("/auth/otp", json={"phone": NEWCOMER, "purpose": "register"})
    new_code = _otp(c, "+84" + NEWCOMER[1:])
    body = {"phone": NEWCOMER, "otp": new_code, "password": NEW_PASSWORD, "full_name": "Lý Thị Hoa"}
    newcomer = c.post("/auth/register", json=body).json()
    link = c.post(
        "/accounts/links",
        json={"customer_code": "PE01000123456", "note": "Con dâu"},
        headers={"Authorization": f"Bearer {newcomer['access_token']}"},
    )
    assert link.status_code == 201, link.text
    # careless clients: secrets in the URL, where access logs see them
    c.get("/me", params={"access_token": rotated["access_token"]})
    c.post(f"/auth/refresh?refresh_token={by_code['refresh_token']}", json={})
    c.post(f"/auth/login/otp?otp={code}&phone=%2B84{OWNER[1:]}", json={})
    c.get("/dev/outbox", params={"to": "+84" + NEWCOMER[1:]})
    c.post("/auth/logout", json={"refresh_token": rotated["refresh_token"], "everywhere": True})
    for tokens in (first, by_code, rotated, newcomer):
        secrets += [tokens["access_token"], tokens["refresh_token"]]
    return [*secrets, code, new_code]


def test_server_output_has_no_tokens_otps_passwords_or_phones(tmp_path):
    env = server_env(tmp_path / "data")
    with ServerProcess(env, tmp_path / "server.log", "--seed-demo", "--access-log") as server:
        with httpx.Client(base_url=server.base, timeout=30) as c:
            secrets = _journey(c)
        server.stop()
        out = server.output()
    assert "POST /api/v1/auth/login" in out  # the access log was on
    assert "090****567" in out  # phones show masked, not dropped
    leaked = [s[:16] for s in secrets if s in out]
    leaked += [p for phone in (OWNER, NEWCOMER) for p in _phone_forms(phone) if p in out]
    figures.record("log lines checked", out.count("\n"))
    assert not leaked, leaked
