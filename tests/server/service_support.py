"""Helpers for the service-request tests: file, sign with the dev outbox's code, move as staff."""

from __future__ import annotations

import re
from datetime import timedelta

from domain import clock
from server.config import DEV_STAFF_KEY

STAFF = {"X-Staff-Key": DEV_STAFF_KEY}


def norm_body(code: str, residents: int = 6, days_ahead: int = 0) -> dict:
    day = clock.today() + timedelta(days=days_ahead)
    return {
        "type": "household_norm",
        "customer_code": code,
        "fields": {"residents": residents, "effective_date": day.isoformat()},
    }


async def sign_code(client, phone: str, tracking_no: str) -> str:
    """The last sign code sent to `phone`, from the SMS that names `tracking_no`."""
    r = await client.get("/dev/outbox", params={"to": phone})
    for entry in r.json():
        if tracking_no in entry["body"]:
            return re.search(r"\b(\d{6})\b", entry["body"]).group(1)
    raise AssertionError(f"no sign code for {tracking_no}")


async def file_and_sign(client, headers, phone: str, body: dict) -> dict:
    r = await client.post("/service-requests", json=body, headers=headers)
    assert r.status_code == 201, r.text
    sr = r.json()
    if sr["status"] == "awaiting_signature":
        r = await client.post(f"/service-requests/{sr['id']}/sign/otp", headers=headers)
        assert r.status_code == 202, r.text
        otp = await sign_code(client, phone, sr["tracking_no"])
        r = await client.post(
            f"/service-requests/{sr['id']}/sign", json={"otp": otp}, headers=headers
        )
        assert r.status_code == 200, r.text
        sr = r.json()
    return sr


async def staff_move(client, request_id: int, status: str, **extra) -> dict:
    r = await client.post(
        f"/admin/service-requests/{request_id}/transition",
        json={"status": status, **extra},
        headers=STAFF,
    )
    assert r.status_code == 200, r.text
    return r.json()


async def complete(client, request_id: int) -> dict:
    day = clock.today().isoformat()
    await staff_move(client, request_id, "received")
    await staff_move(client, request_id, "scheduled", appointment={"date": day, "window": "08-12"})
    await staff_move(client, request_id, "in_progress")
    return await staff_move(client, request_id, "done", note="xong")
