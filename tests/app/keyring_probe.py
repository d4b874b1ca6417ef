"""Run inside a private D-Bus session with gnome-keyring: sign in, then look for leaks.

Prints one JSON line: what the vault returned and which files (if any) hold token text.
Used by test_token_files.py; not a test module itself.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import httpx

from app.services.api_client import ApiClient
from app.services.auth_repository import AuthRepository
from app.services.credentials import Credentials
from app.services.token_store import KeyringTokenStore

ACCESS = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwcm9iZSJ9.c2lnbmF0dXJlLXByb2Jl"
REFRESH = "probe-refresh-token-7f3a9c1e5b"


def backend(request: httpx.Request) -> httpx.Response:
    body = {
        "access_token": ACCESS,
        "refresh_token": REFRESH,
        "token_type": "bearer",
        "expires_in": 900,
    }
    return httpx.Response(200, json=body)


async def main() -> dict:
    import keyring

    store = KeyringTokenStore("probe@http://127.0.0.1")
    api = ApiClient(
        "http://127.0.0.1:9/api/v1", Credentials(store), transport=httpx.MockTransport(backend)
    )
    await AuthRepository(api).sign_in("0901234567", "DienNha@2025")
    await api.aclose()
    again = await KeyringTokenStore("probe@http://127.0.0.1").load()
    return {"backend": type(keyring.get_keyring()).__module__, "loaded": again}


def files_with_tokens(home: Path) -> list[str]:
    leaks = []
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if REFRESH.encode() in data or ACCESS.encode() in data:
                leaks.append(str(path))
    return leaks


if __name__ == "__main__":
    report = asyncio.run(main())
    report["leaks"] = files_with_tokens(Path(os.environ["HOME"]))
    print(json.dumps(report))
    sys.stdout.flush()
