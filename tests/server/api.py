"""A small test driver over the HTTP API: sign people in and keep their headers."""

from __future__ import annotations

import re

import httpx

OWNER = "0901234567"
PENDING = "0912345678"
MEMBER = "0987654321"
OTHER_OWNER = "0938000111"
OWNER_CODE = "PE01000123456"
OWNER_MANUAL_CODE = "PD01000654321"
OTHER_CODE = "PE02000777888"
UNKNOWN_CODE = "PE09999999999"


class Api:
    def __init__(self, client: httpx.AsyncClient, password: str) -> None:
        self.client, self.password = client, password

    async def login(self, phone: str, password: str | None = None) -> dict:
        r = await self.client.post(
            "/auth/login", json={"phone": phone, "password": password or self.password}
        )
        assert r.status_code == 200, r.text
        return r.json()

    async def headers(self, phone: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {(await self.login(phone))['access_token']}"}

    async def last_otp(self, phone: str) -> str:
        r = await self.client.get("/dev/outbox", params={"to": phone})
        assert r.status_code == 200, r.text
        for entry in r.json():
            m = re.search(r"\b(\d{6})\b", entry["body"])
            if m:
                return m.group(1)
        raise AssertionError(f"no OTP in the outbox for {phone}")

    async def register(
        self, phone: str, name: str = "Người Thử", password: str = "Mat-khau-123"
    ) -> dict:
        r = await self.client.post("/auth/otp", json={"phone": phone, "purpose": "register"})
        assert r.status_code == 202, r.text
        otp = await self.last_otp(phone)
        r = await self.client.post(
            "/auth/register",
            json={"phone": phone, "otp": otp, "password": password, "full_name": name},
        )
        assert r.status_code == 201, r.text
        return r.json()
