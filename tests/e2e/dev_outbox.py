"""Reading one-time codes the way a tester does: the backend's development outbox."""

from __future__ import annotations

import re

import httpx


def latest_otp(api_url: str, phone: str) -> str:
    entries = httpx.get(f"{api_url}/dev/outbox", params={"to": phone}, timeout=5).json()
    return re.search(r"\b(\d{6})\b", entries[0]["body"]).group(1)
