"""App-wide view model: session status, language, theme and connectivity (no UI in here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import flet as ft

from app.services.auth_repository import AuthRepository
from app.services.errors import AppError
from app.services.preferences import Preferences, PreferencesStore

SessionStatus = Literal["starting", "signed_out", "signed_in"]
ThemeChoice = Literal["light", "dark", "system"]


@ft.observable
@dataclass
class AppState:
    auth: AuthRepository = field(repr=False)
    prefs: PreferencesStore = field(repr=False)
    locale: str = "vi"
    theme: ThemeChoice = "system"
    session: SessionStatus = "starting"
    offline: bool = False
    # Screens reload their data when this changes (the offline banner's "Retry").
    reload_token: int = 0
    signing_out: bool = False
    error: str | None = None

    def restore_preferences(self, default_locale: str) -> None:
        saved = self.prefs.load()
        self.locale = saved.locale if saved.locale in ("vi", "en") else default_locale
        self.theme = saved.theme if saved.theme in ("light", "dark") else "system"

    async def start(self) -> None:
        """Resume a session from the vault's refresh token, if one is there and still valid."""
        resumed = await self.auth.resume()
        if self.session == "starting":  # the person may have signed in meanwhile
            self.session = "signed_in" if resumed else "signed_out"

    def set_locale(self, locale: str) -> None:
        if locale in ("vi", "en") and locale != self.locale:
            self.locale = locale
            self._save()

    def set_theme(self, theme: ThemeChoice) -> None:
        if theme != self.theme:
            self.theme = theme
            self._save()

    def signed_in(self) -> None:
        self.session = "signed_in"
        self.error = None

    def session_lost(self) -> None:
        """The server no longer accepts this sign-in (revoked, expired, reused token)."""
        if self.session == "signed_in":
            self.error = "session_expired"
        self.session = "signed_out"

    async def sign_out(self, everywhere: bool = False) -> None:
        self.signing_out = True
        try:
            await self.auth.sign_out(everywhere=everywhere)
            self.error = None
        except AppError as e:
            # Local tokens are gone anyway; say that the server could not be told.
            self.error = e.code
        finally:
            self.signing_out = False
            self.session = "signed_out"

    def report_connectivity(self, online: bool) -> None:
        if self.offline == (not online):
            return
        self.offline = not online

    def retry(self) -> None:
        self.offline = False
        self.reload_token += 1

    def _save(self) -> None:
        theme = None if self.theme == "system" else self.theme
        self.prefs.save(Preferences(locale=self.locale, theme=theme))
