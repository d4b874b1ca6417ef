"""Closing the app (issue 20, found at merge): a phone or desktop app that closes keeps its
refresh token in the OS vault — the person is still signed in next time and can start offline
— while a web tab or a kiosk forgets it."""

from __future__ import annotations

import httpx

from app.config import load_settings
from app.services.preferences import MemoryPreferences
from app.services.token_store import MemoryTokenStore
from app.session import SessionHolder, build_session
from tests.app.fake_backend import FakeBackend, tokens


def holder_with(store: MemoryTokenStore, profile: str) -> SessionHolder:
    backend = FakeBackend()
    backend.on("POST", "auth/login", tokens(1))
    backend.on("POST", "auth/logout", 204)
    settings = load_settings(environ={"DIENNHA_PROFILE": profile})
    return SessionHolder(
        make=lambda: build_session(
            settings, store, MemoryPreferences(), transport=httpx.MockTransport(backend)
        )
    )


async def signed_in(holder: SessionHolder) -> None:
    await holder.current.services.auth.sign_in("0901234567", "DienNha@2025")
    holder.current.state.signed_in()


async def test_a_closing_phone_or_desktop_app_keeps_the_stored_sign_in():
    store = MemoryTokenStore()
    holder = holder_with(store, "mobile")
    await signed_in(holder)
    await holder.close(keep_stored=True)
    assert await store.load() == tokens(1)["refresh_token"]
    assert holder.current.api.credentials.access_token is None  # memory is cleared


async def test_a_closing_tab_or_kiosk_forgets_it():
    store = MemoryTokenStore()
    holder = holder_with(store, "kiosk")
    await signed_in(holder)
    await holder.close()
    assert await store.load() is None
