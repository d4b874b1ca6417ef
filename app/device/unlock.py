"""Biometric unlock on phones: the refresh token stays in the vault until the OS says the
person is the owner. Offered once after a password/OTP sign-in; a switch in Settings.

Rules: three failed checks (counted across launches) or the OS locking biometrics out drop
the stored sign-in, and the person signs in with password or OTP; a changed set of enrolled
biometrics (or none left) does the same and turns the unlock off until they turn it on
again. Cancelling the prompt keeps everything for next time. Never on kiosks or the web
(`app.app.make_main` only builds this for Android and iOS with an OS vault)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from app.device.biometrics import Authenticator
from app.services.token_store import TokenStore

log = logging.getLogger(__name__)

MAX_FAILURES = 3
Fallback = Literal["failed", "changed", "cancelled"]


@ft.observable
@dataclass
class BiometricUnlock:
    authenticator: Authenticator = field(repr=False)
    record: TokenStore = field(repr=False)  # a vault entry: {"enrolled": [...], "failures": n}
    reason: Callable[[], str] = field(repr=False)  # the prompt's text, in the current language
    enabled: bool = False
    can_offer: bool = False  # a fresh password/OTP sign-in on a device that can check
    declined: bool = False  # "not now" for this session
    fallback: Fallback | None = None
    busy: bool = False

    async def load(self) -> dict | None:
        raw = await self.record.load()
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            data = None
        self.enabled = isinstance(data, dict)
        return data if isinstance(data, dict) else None

    async def _save(self, enrolled: frozenset[str], failures: int) -> None:
        await self.record.save(json.dumps({"enrolled": sorted(enrolled), "failures": failures}))

    async def signed_in_fresh(self) -> None:
        """After a sign-in with password or OTP: offer the unlock if the device can do it."""
        if await self.load() is None and not self.declined:
            self.can_offer = await self.authenticator.available()

    def decline(self) -> None:
        self.can_offer, self.declined = False, True

    async def enable(self) -> bool:
        """One OS check now (so the person sees it works), then remember what is enrolled."""
        self.busy = True
        try:
            enrolled = await self.authenticator.enrolled()
            if not enrolled or await self.authenticator.authenticate(self.reason()) != "ok":
                return False
            await self._save(enrolled, 0)
            self.enabled, self.can_offer, self.fallback = True, False, None
            return True
        finally:
            self.busy = False

    async def disable(self) -> None:
        await self.record.clear()
        self.enabled = False

    async def release(self, vault: TokenStore) -> str | None:
        """The stored refresh token, after the OS check when the unlock is on."""
        data = await self.load()
        token = await vault.load()
        if data is None or token is None:
            return token
        failures = int(data.get("failures", 0))
        known = frozenset(str(k) for k in data.get("enrolled", []))
        enrolled = await self.authenticator.enrolled()
        if not enrolled or enrolled != known:
            return await self._drop(vault, "changed")
        while failures < MAX_FAILURES:
            outcome = await self.authenticator.authenticate(self.reason())
            if outcome == "ok":
                if failures:
                    await self._save(known, 0)
                return token
            if outcome == "cancelled":
                self.fallback = "cancelled"
                return None
            if outcome in ("not_enrolled", "unavailable"):
                return await self._drop(vault, "changed")
            if outcome == "locked_out":
                break
            failures += 1
            await self._save(known, failures)
        return await self._drop(vault, "failed")

    async def _drop(self, vault: TokenStore, why: Fallback) -> None:
        log.info("biometric unlock fell back to password/OTP: %s", why)
        await vault.clear()
        await self.disable()
        self.fallback = why
        return None


class GatedTokenStore:
    """A TokenStore whose first `load` in a session asks the OS check; later loads (refreshes
    within the session) and tokens saved by a fresh sign-in pass straight through."""

    def __init__(self, inner: TokenStore, unlock: BiometricUnlock) -> None:
        self.inner = inner
        self.unlock = unlock
        self.kind = inner.kind
        self._open = False

    async def load(self) -> str | None:
        if self._open:
            return await self.inner.load()
        token = await self.unlock.release(self.inner)
        self._open = token is not None
        return token

    async def save(self, refresh_token: str) -> None:
        fresh = not self._open  # not a rotation of a released token: a sign-in just now
        self._open = True
        await self.inner.save(refresh_token)
        if fresh:
            await self.unlock.signed_in_fresh()

    async def clear(self) -> None:
        self._open = False
        await self.inner.clear()
