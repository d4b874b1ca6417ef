"""App-wide view model: session status, language, theme and connectivity (no UI in here)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import flet as ft

from app.services.api_client import Connection
from app.services.errors import AppError
from app.services.preferences import Preferences, PreferencesStore
from app.services.protocols import AuthRepo

SessionStatus = Literal["starting", "signed_out", "signed_in"]
ThemeChoice = Literal["light", "dark", "system"]
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 30.0


@ft.observable
@dataclass
class AppState:
    auth: AuthRepo = field(repr=False)
    prefs: PreferencesStore = field(repr=False)
    locale: str = "vi"
    theme: ThemeChoice = "system"
    large_text: bool = False
    # True once the person picked a language on this device (or one was saved here); until
    # then the signed-in profile's language is followed (notices use it too).
    locale_chosen: bool = False
    session: SessionStatus = "starting"
    offline: bool = False
    connection: Connection = "ok"
    # Phones and desktop without the backend: when the data on screen was last fetched.
    data_as_of: datetime | None = None
    # Screens reload their data when this changes (the offline banner's "Retry").
    reload_token: int = 0
    signing_out: bool = False
    error: str | None = None
    _retrying: bool = field(default=False, repr=False)
    _retry_token: int = field(default=-1, repr=False)
    _stopped: bool = field(default=False, repr=False)
    # Called when the person's local data must go (sign-out, lost session): the offline cache.
    on_forget: list[Callable[[], Awaitable[None]]] = field(default_factory=list, repr=False)

    def restore_preferences(self, default_locale: str) -> None:
        saved = self.prefs.load()
        self.locale = saved.locale if saved.locale in ("vi", "en") else default_locale
        self.locale_chosen = saved.locale in ("vi", "en")
        self.theme = (
            "light" if saved.theme == "light" else "dark" if saved.theme == "dark" else "system"
        )
        self.large_text = saved.large_text

    async def start(self) -> None:
        """Resume a session from the vault's refresh token, if one is there and still valid."""
        resumed = await self.auth.resume()
        if self.session == "starting":  # the person may have signed in meanwhile
            self.session = "signed_in" if resumed else "signed_out"

    def set_locale(self, locale: str) -> None:
        if locale in ("vi", "en"):
            self.locale_chosen = True
        if locale in ("vi", "en") and locale != self.locale:
            self.locale = locale
            self._save()

    def adopt_profile_language(self, language: str | None) -> None:
        """After sign-in: the profile's language, unless one was chosen on this device."""
        if not self.locale_chosen and language in ("vi", "en"):
            self.locale = language

    def set_theme(self, theme: ThemeChoice) -> None:
        if theme != self.theme:
            self.theme = theme
            self._save()

    def set_large_text(self, large: bool) -> None:
        if large != self.large_text:
            self.large_text = large
            self._save()

    def signed_in(self) -> None:
        self.session = "signed_in"
        self.error = None

    def session_lost(self) -> None:
        """The server no longer accepts this sign-in (revoked, expired, reused token)."""
        if self.session == "signed_in":
            self.error = "session_expired"
        self.session = "signed_out"
        for forget in self.on_forget:
            asyncio.get_running_loop().create_task(forget())

    async def sign_out(self, everywhere: bool = False) -> None:
        self.signing_out = True
        try:
            await self.auth.sign_out(everywhere=everywhere)
            self.error = None
        except AppError as e:
            # Local tokens are gone anyway; say that the server could not be told.
            self.error = e.code
        finally:
            for forget in self.on_forget:
                await forget()
            self.signing_out = False
            self.session = "signed_out"

    def report_connectivity(self, connection: Connection) -> None:
        if connection == self.connection:
            return
        was_down = self.offline
        self.connection = connection
        self.offline = connection != "ok"
        if not self.offline:
            self.data_as_of = None
        if was_down and not self.offline and self._retry_token != self.reload_token:
            self.reload_token += 1  # screens left in error load again by themselves

    def showing_saved(self, saved_at: datetime) -> None:
        """A screen shows kept data: the banner says how old (the oldest shown counts)."""
        if self.data_as_of is None or saved_at < self.data_as_of:
            self.data_as_of = saved_at

    def retry(self) -> None:
        self.connection, self.offline = "ok", False
        self.reload_token += 1

    async def keep_retrying(self, sleep: Callable[[float], Awaitable[None]]) -> None:
        """While the service cannot be reached, reload the screens at growing intervals
        (2, 4, 8, 16, then every 30 s); a successful call ends it (report_connectivity)."""
        if self._retrying:
            return
        self._retrying = True
        delay = RETRY_FIRST_S
        try:
            while self.offline and not self._stopped:
                await sleep(delay)
                if not self.offline or self._stopped:
                    break
                self.reload_token += 1
                self._retry_token = self.reload_token
                delay = min(delay * 2, RETRY_MAX_S)
        finally:
            self._retrying = False

    def stop_retrying(self) -> None:
        self._stopped = True

    def _save(self) -> None:
        theme = None if self.theme == "system" else self.theme
        self.prefs.save(Preferences(locale=self.locale, theme=theme, large_text=self.large_text))
