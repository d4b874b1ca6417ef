"""The last data of a signed-in person, kept on a phone or desktop for when the backend cannot
be reached: one file, AES-256-GCM encrypted, its key held in the OS vault beside the refresh
token (Keystore/Keychain/keyring through a TokenStore). Kiosks and the web never build one.

What is kept is decided by `cache_key` (accounts, bills, 24 months of usage, outages);
everything is wiped on sign-out, a lost session and account erasure, and a code's entries go
as soon as the accounts list no longer shows its link approved."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from domain import clock

log = logging.getLogger(__name__)

FILE_NAME = "kept.bin"  # says nothing about whose data it holds
_AAD = b"diennha-offline-v1"
_NONCE = 12
# Windows of the same kind kept per path (other months of the calendar, other bill years).
PER_PATH = 4
_CODE = r"(?P<code>[A-Za-z0-9]{1,20})"
_KEPT = (
    re.compile(r"^accounts$"),
    re.compile(rf"^accounts/{_CODE}/bills$"),
    re.compile(rf"^accounts/{_CODE}/bills/[0-9]+$"),
    re.compile(rf"^accounts/{_CODE}/usage/monthly$"),
    re.compile(rf"^accounts/{_CODE}/outages$"),
    re.compile(rf"^accounts/{_CODE}/forecast$"),
)


class SecretStore(Protocol):
    """Same shape as app.services.token_store.TokenStore: one secret in the OS vault."""

    kind: str

    async def load(self) -> str | None: ...
    async def save(self, refresh_token: str) -> None: ...
    async def clear(self) -> None: ...


@dataclass(frozen=True)
class Hit:
    body: Any
    saved_at: datetime


def cache_key(path: str, params: dict[str, Any] | None) -> str | None:
    """The key a GET is kept under, or None when it is not offline data."""
    path = path.strip("/")
    if not any(p.match(path) for p in _KEPT):
        return None
    query = "&".join(f"{k}={params[k]}" for k in sorted(params or {}))
    return f"{path}?{query}"


def code_of(key: str) -> str | None:
    found = re.match(rf"^accounts/{_CODE}/", key)
    return found.group("code") if found else None


class OfflineCache:
    def __init__(self, directory: Path, vault: SecretStore) -> None:
        self.path = directory / FILE_NAME
        self._vault = vault
        self._entries: dict[str, dict[str, Any]] | None = None
        self._aead: AESGCM | None = None
        self._lock = asyncio.Lock()

    async def lookup(self, path: str, params: dict[str, Any] | None) -> Hit | None:
        """The exact answer kept for this call, else the newest one kept for its path."""
        key = cache_key(path, params)
        if key is None:
            return None
        async with self._lock:
            entries = await self._load()
            entry = entries.get(key)
            if entry is None:
                prefix = key.split("?", 1)[0] + "?"
                same = [e for k, e in entries.items() if k.startswith(prefix)]
                entry = max(same, key=lambda e: e["at"], default=None)
            if entry is None:
                return None
            return Hit(entry["body"], datetime.fromisoformat(entry["at"]))

    async def store(self, path: str, params: dict[str, Any] | None, body: Any) -> None:
        key = cache_key(path, params)
        if key is None:
            return
        async with self._lock:
            entries = await self._load()
            entries[key] = {"at": clock.now().isoformat(), "body": body}
            if key == "accounts?" and isinstance(body, list):
                _keep_only(entries, _approved_codes(body))
            _trim(entries, key)
            await self._write(entries)

    async def saved_codes(self) -> set[str]:
        async with self._lock:
            return {c for k in await self._load() if (c := code_of(k))}

    async def wipe(self) -> None:
        """Sign-out, a lost session, erasure: the file and its key both go."""
        async with self._lock:
            self._entries, self._aead = {}, None
            await asyncio.to_thread(self.path.unlink, True)
            await self._vault.clear()

    # -- the file -------------------------------------------------------------------------

    async def _load(self) -> dict[str, dict[str, Any]]:
        if self._entries is not None:
            return self._entries
        self._entries = {}
        key = await self._vault.load()
        if key is None:
            if self.path.exists():  # data without its key is unreadable: drop it
                await asyncio.to_thread(self.path.unlink, True)
            return self._entries
        self._aead = AESGCM(base64.urlsafe_b64decode(key))
        try:
            blob = await asyncio.to_thread(self.path.read_bytes)
            plain = self._aead.decrypt(blob[:_NONCE], blob[_NONCE:], _AAD)
            self._entries = json.loads(plain)
        except FileNotFoundError:
            pass
        except (InvalidTag, ValueError, OSError) as e:
            log.warning("offline data unreadable (%s); starting afresh", type(e).__name__)
            await asyncio.to_thread(self.path.unlink, True)
        return self._entries

    async def _write(self, entries: dict[str, dict[str, Any]]) -> None:
        if self._aead is None:
            raw = AESGCM.generate_key(bit_length=256)
            await self._vault.save(base64.urlsafe_b64encode(raw).decode())
            self._aead = AESGCM(raw)
        nonce = os.urandom(_NONCE)
        plain = json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
        blob = nonce + self._aead.encrypt(nonce, plain, _AAD)
        await asyncio.to_thread(_atomic_write, self.path, blob)


def _atomic_write(path: Path, blob: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(blob)
    os.replace(tmp, path)


def _approved_codes(accounts: list[Any]) -> set[str]:
    return {
        str(a.get("customer_code"))
        for a in accounts
        if isinstance(a, dict) and a.get("status") == "approved"
    }


def _keep_only(entries: dict[str, dict[str, Any]], codes: set[str]) -> None:
    """A link that ended (or was never approved) takes its code's data with it."""
    for key in [k for k in entries if (c := code_of(k)) is not None and c not in codes]:
        del entries[key]


def _trim(entries: dict[str, dict[str, Any]], key: str) -> None:
    prefix = key.split("?", 1)[0] + "?"
    same = sorted((k for k in entries if k.startswith(prefix)), key=lambda k: entries[k]["at"])
    for old in same[:-PER_PATH]:
        del entries[old]


def offline_cache(settings: Any, platform: str) -> OfflineCache | None:
    """Phones and desktop with an OS vault; None on kiosks, the web, or without a vault (a key
    that lives in memory only would make the file useless after the app closes)."""
    from app.services.preferences import app_data_dir
    from app.services.token_store import choose_token_store

    if settings.is_kiosk or settings.profile == "web":
        return None
    vault = choose_token_store(settings, platform, is_web=False, entry="offline-key")
    if vault.kind == "memory":
        return None
    return OfflineCache(app_data_dir(), vault)
