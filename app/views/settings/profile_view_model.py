"""Cài đặt (signed in): notice channels, consents per purpose, e-mail, devices, export, erasure."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import flet as ft

from app.services.protocols import ProfileRepo
from app.views.form_state import FormState
from domain.models import SessionPublic, UserPublic
from domain.models.auth import Channels

CHANNELS = ("email", "sms", "zalo", "push")
# A channel that carries personal data to a third party needs its own consent (Law 91/2025).
CHANNEL_CONSENT = {"email": "notices_email", "sms": "notices_sms", "zalo": "notices_zalo"}
PURPOSES = ("notices_email", "notices_sms", "notices_zalo", "marketing")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def phone_digits(text: str) -> str:
    """`0901 234 567`, `+84901234567` and `84901234567` all give `0901234567`."""
    digits = re.sub(r"\D", "", text)
    return "0" + digits[2:] if digits.startswith("84") and len(digits) == 11 else digits


@ft.observable
@dataclass(kw_only=True)
class ProfileSettingsViewModel(FormState):
    repo: ProfileRepo
    user: UserPublic | None = None
    sessions: list[SessionPublic] = field(default_factory=list)
    email_text: str = ""
    withdrawing: str | None = None  # purpose waiting for the person to confirm withdrawal
    deleting: bool = False  # the delete-account dialog is open
    delete_confirm_text: str = ""
    loaded: bool = False
    revision: int = 0  # bumped to redraw switches the person moved but the profile refused

    async def load(self) -> None:
        async def call() -> None:
            user, self.sessions = await asyncio.gather(self.repo.me(), self.repo.sessions())
            self.user, self.email_text = user, user.email or ""
            self.loaded = True

        await self.run(call)

    def channel_on(self, name: str) -> bool:
        return bool(self.user and getattr(self.user.channels, name))

    def consent_given(self, purpose: str) -> bool:
        return bool(self.user and self.user.consents.get(purpose))

    def consent_shown(self, purpose: str) -> bool:
        """The switch: off while its withdrawal waits for confirmation, back on if cancelled."""
        return self.consent_given(purpose) and purpose != self.withdrawing

    async def set_channel(self, name: str, on: bool) -> bool:
        """Turning on e-mail/SMS/Zalo also gives that channel's consent (the switch says so)."""
        if self.user is None:
            return False
        if on and name == "email" and not self.user.email:
            self.refuse({"email": "email_needed"})
            return False
        channels = Channels(**(self.user.channels.model_dump() | {name: on}))
        purpose = CHANNEL_CONSENT.get(name)
        consents = {purpose: True} if on and purpose and not self.consent_given(purpose) else None
        return await self._save(channels=channels, consents=consents, notice="privacy.saved")

    async def set_consent(self, purpose: str, granted: bool) -> bool:
        """Giving is immediate; withdrawing waits for `confirm_withdraw` (the view asks)."""
        if not granted:
            self.withdrawing = purpose
            return False
        return await self._save(consents={purpose: True}, notice="privacy.consent_given")

    def cancel_withdraw(self) -> None:
        self.withdrawing = None

    async def confirm_withdraw(self) -> bool:
        purpose, self.withdrawing = self.withdrawing, None
        if purpose is None or self.user is None:
            return False
        channel = next((c for c, p in CHANNEL_CONSENT.items() if p == purpose), None)
        channels = None
        if channel and self.channel_on(channel):  # no consent, no sending: switch it off too
            channels = Channels(**(self.user.channels.model_dump() | {channel: False}))
        return await self._save(
            consents={purpose: False}, channels=channels, notice="privacy.consent_withdrawn"
        )

    async def save_email(self) -> bool:
        text = self.email_text.strip()
        if text and not EMAIL.match(text):
            self.refuse({"email": "email"})
            return False
        if self.user and text == (self.user.email or ""):
            return True
        if text:
            return await self._save(email=text, notice="privacy.saved")
        channels = None
        if self.channel_on("email") and self.user:
            channels = Channels(**(self.user.channels.model_dump() | {"email": False}))
        return await self._save(clear_email=True, channels=channels, notice="privacy.saved")

    async def sync_language(self, locale: str) -> None:
        """Notices and e-mails are worded in the profile's language: keep it the app's."""
        if self.user and self.user.language != locale and locale in ("vi", "en"):
            await self._save(language=locale)

    async def end_session(self, session: SessionPublic) -> bool:
        async def call() -> None:
            await self.repo.end_session(session.id)
            self.sessions = [s for s in self.sessions if s.id != session.id]

        ok = await self.run(call)
        if ok:
            self.notice = "privacy.device_signed_out"
        return ok

    async def export(self) -> bytes | None:
        data: list[bytes] = []

        async def call() -> None:
            data.append(await self.repo.data_export())

        return data[0] if await self.run(call) else None

    # -- Xóa tài khoản ----------------------------------------------------------------------

    def ask_delete(self, open_: bool = True) -> None:
        self.deleting, self.delete_confirm_text, self.error = open_, "", None

    @property
    def delete_confirmed(self) -> bool:
        """The person typed their own phone number: a deliberate act, not a stray tap."""
        typed = phone_digits(self.delete_confirm_text)
        return bool(self.user and typed and typed == phone_digits(self.user.phone))

    async def delete_account(self, after: Callable[[], Awaitable[None]]) -> bool:
        if not self.delete_confirmed:
            self.refuse({"delete_confirm": "phone_mismatch"})
            return False
        if not await self.run(self.repo.delete_account):
            return False
        self.deleting, self.user, self.sessions, self.loaded = False, None, [], False
        await after()  # sign out locally and forget this person's data on the device
        return True

    async def _save(self, notice: str | None = None, **changes: object) -> bool:
        async def call() -> None:
            self.user = await self.repo.update(**changes)  # type: ignore[arg-type]
            self.email_text = self.user.email or ""

        ok = await self.run(call)
        if ok and notice:
            self.notice = notice
        return ok
