"""App-wide state: session, preferences, connectivity and Retry, sign-out, profile language."""

from __future__ import annotations

import pytest

from app.app_state import AppState
from app.services.errors import OfflineError
from app.services.preferences import MemoryPreferences
from tests.app.fakes import FakeAuth


async def test_app_state_session_preferences_and_offline():
    auth, prefs = FakeAuth(resumes=True), MemoryPreferences()
    state = AppState(auth=auth, prefs=prefs)
    state.restore_preferences("vi")
    assert (state.locale, state.theme, state.session) == ("vi", "system", "starting")
    await state.start()
    assert state.session == "signed_in"
    state.set_locale("en")
    state.set_theme("dark")
    assert (prefs.load().locale, prefs.load().theme) == ("en", "dark")
    state.report_connectivity("offline")
    assert state.offline and state.connection == "offline"
    token = state.reload_token
    state.retry()
    assert not state.offline and state.reload_token == token + 1
    state.session_lost()
    assert state.session == "signed_out" and state.error == "session_expired"


async def test_back_online_reloads_the_screens_and_retries_back_off():
    """Issue 21.2: cards left in error reload by themselves once the service answers again,
    and while it does not, retries come at growing intervals (2, 4, 8 … 30 s)."""
    state = AppState(auth=FakeAuth(resumes=True), prefs=MemoryPreferences())
    state.report_connectivity("unavailable")
    assert state.offline and state.connection == "unavailable"
    token = state.reload_token
    state.report_connectivity("ok")
    assert not state.offline and state.reload_token == token + 1  # the cards try again
    state.report_connectivity("ok")
    assert state.reload_token == token + 1  # only on the way back, not on every call

    slept: list[float] = []
    state.report_connectivity("offline")

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) == 6:
            state.report_connectivity("ok")  # the next reload succeeds

    before = state.reload_token
    await state.keep_retrying(sleep)
    assert slept == [2, 4, 8, 16, 30, 30]
    assert state.reload_token > before and not state.offline


@pytest.mark.parametrize("everywhere", [False, True])
async def test_sign_out_always_ends_locally(everywhere):
    auth = FakeAuth(fail_with=OfflineError(code="offline"))
    state = AppState(auth=auth, prefs=MemoryPreferences(), session="signed_in")
    await state.sign_out(everywhere=everywhere)
    assert state.session == "signed_out" and state.error == "offline"
    assert auth.calls == [("sign_out", everywhere)]


def test_text_size_is_a_kept_preference(tmp_path):
    """Issue 21.7: older people need larger text; the choice is kept like the theme."""
    from app.services.preferences import FilePreferences

    prefs = FilePreferences(tmp_path)
    state = AppState(auth=FakeAuth(), prefs=prefs)
    state.restore_preferences("vi")
    assert state.large_text is False
    state.set_large_text(True)
    again = AppState(auth=FakeAuth(), prefs=FilePreferences(tmp_path))
    again.restore_preferences("vi")
    assert again.large_text is True


async def test_a_new_session_takes_the_language_of_the_profile():
    """Issue 21.9: the language belongs to the person's profile. A fresh session (a web tab
    keeps nothing) follows the profile; a choice made on this device wins over it."""
    fresh = AppState(auth=FakeAuth(), prefs=MemoryPreferences())
    fresh.restore_preferences("vi")
    assert not fresh.locale_chosen
    fresh.adopt_profile_language("en")
    assert fresh.locale == "en" and not fresh.locale_chosen

    chosen = AppState(auth=FakeAuth(), prefs=MemoryPreferences())
    chosen.restore_preferences("vi")
    chosen.set_locale("en")
    chosen.adopt_profile_language("vi")
    assert chosen.locale == "en" and chosen.locale_chosen
