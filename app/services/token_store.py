"""Where the refresh token lives: the OS vault on a person's device, memory anywhere shared."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

from app.config import Settings

log = logging.getLogger(__name__)

SERVICE_NAME = "vn.diennha.app"


class TokenStore(Protocol):
    """Keeps one secret, the refresh token. Access tokens never come here."""

    kind: str

    async def load(self) -> str | None: ...
    async def save(self, refresh_token: str) -> None: ...
    async def clear(self) -> None: ...


class InsecureVaultError(RuntimeError):
    """The only keyring available would write the secret somewhere readable (e.g. keyrings.alt)."""


class MemoryTokenStore:
    """Kiosk and server-side web: gone when the process or the session ends."""

    kind = "memory"

    def __init__(self) -> None:
        self._token: str | None = None

    async def load(self) -> str | None:
        return self._token

    async def save(self, refresh_token: str) -> None:
        self._token = refresh_token

    async def clear(self) -> None:
        self._token = None


def is_secure_keyring(backend: Any) -> bool:
    """True for OS vaults (Secret Service, macOS Keychain, Windows Credential Locker)."""
    module = type(backend).__module__
    name = type(backend).__name__
    if module.startswith("keyrings.alt") or module in (
        "keyring.backends.fail",
        "keyring.backends.null",
    ):
        return False
    if module == "keyring.backends.chainer":
        chained = list(getattr(backend, "backends", []))
        return bool(chained) and all(is_secure_keyring(b) for b in chained)
    return name != "PlaintextKeyring"


class KeyringTokenStore:
    """Desktop Python: the OS vault through `keyring`; refuses plaintext backends."""

    kind = "keyring"

    def __init__(self, account: str, backend: Any = None) -> None:
        import keyring

        self._backend = backend or keyring.get_keyring()
        if not is_secure_keyring(self._backend):
            raise InsecureVaultError(
                f"keyring backend {type(self._backend).__module__} is not an OS vault"
            )
        self._account = account

    async def load(self) -> str | None:
        return await asyncio.to_thread(self._backend.get_password, SERVICE_NAME, self._account)

    async def save(self, refresh_token: str) -> None:
        await asyncio.to_thread(
            self._backend.set_password, SERVICE_NAME, self._account, refresh_token
        )

    async def clear(self) -> None:
        import keyring.errors

        try:
            await asyncio.to_thread(self._backend.delete_password, SERVICE_NAME, self._account)
        except keyring.errors.PasswordDeleteError:
            pass


class SecureStorageTokenStore:
    """Packaged Android/iOS: Keystore/Keychain through the flet-secure-storage service."""

    kind = "secure_storage"

    def __init__(self, storage: Any, account: str) -> None:
        self._storage = storage
        self._key = f"{SERVICE_NAME}.{account}"

    async def load(self) -> str | None:
        value = await self._storage.get(self._key)
        return value or None

    async def save(self, refresh_token: str) -> None:
        await self._storage.set(self._key, refresh_token)

    async def clear(self) -> None:
        await self._storage.remove(self._key)


def choose_token_store(
    settings: Settings, platform: str, is_web: bool, entry: str = "refresh-token"
) -> TokenStore:
    """Pick by profile first (kiosk/web never persist), then by platform.

    `platform` is Flet's page.platform value ("android", "ios", "linux", "macos", "windows").
    A desktop without a safe vault falls back to memory: the person signs in each launch.
    `entry` names another vault entry (the offline data's key) kept the same way.
    """
    account = f"{entry}@{settings.api_url}"
    kind = settings.token_store
    if kind == "memory" or is_web or settings.profile in ("kiosk", "web"):
        return MemoryTokenStore()
    if kind == "secure_storage" or (kind == "auto" and platform in ("android", "ios")):
        from flet_secure_storage import SecureStorage

        return SecureStorageTokenStore(SecureStorage(), account)
    try:
        return KeyringTokenStore(account)
    except InsecureVaultError as e:
        log.warning("no OS vault for the refresh token (%s); keeping it in memory", e)
        return MemoryTokenStore()
