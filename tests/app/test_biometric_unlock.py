"""Biometric unlock on phones, with a fake authenticator behind the Authenticator protocol:
the refresh token leaves the vault only after the OS check; 3 failures or a changed set fall
back to password/OTP; never on kiosks, the web or desktops."""

from __future__ import annotations

from collections import deque

import httpx
import pytest
from flet_local_auth import LocalAuthErrorCode

from app.config import load_settings
from app.device.biometrics import outcome_of
from app.device.unlock import BiometricUnlock, GatedTokenStore
from app.device.wiring import phone_unlock
from app.services.preferences import MemoryPreferences
from app.services.token_store import MemoryTokenStore
from app.session import build_session
from tests.app.fake_backend import FakeBackend, tokens

TOKEN = "refresh-1-0123456789"


class Vault(MemoryTokenStore):
    kind = "secure_storage"


class FakeAuthenticator:
    """The OS prompt: answers scripted per call; records every prompt shown."""

    def __init__(self, *answers: str, enrolled=("fingerprint",), available=True) -> None:
        self.answers = deque(answers)
        self.set = frozenset(enrolled)
        self.can = available
        self.prompts: list[str] = []

    async def available(self) -> bool:
        return self.can

    async def enrolled(self) -> frozenset[str]:
        return self.set

    async def authenticate(self, reason: str):
        self.prompts.append(reason)
        return self.answers.popleft() if self.answers else "failed"


async def enabled_unlock(auth: FakeAuthenticator, record: Vault) -> BiometricUnlock:
    unlock = BiometricUnlock(auth, record, reason=lambda: "Mở khóa Điện Nhà")
    auth.answers.appendleft("ok")
    assert await unlock.enable()
    auth.prompts.clear()
    return unlock


@pytest.fixture
async def vault() -> Vault:
    v = Vault()
    await v.save(TOKEN)
    return v


async def test_the_token_is_released_only_after_the_os_check(vault):
    auth = FakeAuthenticator("failed", "ok")
    unlock = await enabled_unlock(auth, Vault())
    store = GatedTokenStore(vault, unlock)
    assert await store.load() == TOKEN
    assert auth.prompts == ["Mở khóa Điện Nhà"] * 2
    assert await store.load() == TOKEN  # refreshes within the session do not prompt again
    assert len(auth.prompts) == 2


async def test_off_means_no_prompt(vault):
    auth = FakeAuthenticator()
    store = GatedTokenStore(vault, BiometricUnlock(auth, Vault(), reason=lambda: "x"))
    assert await store.load() == TOKEN and auth.prompts == []


async def test_three_failures_fall_back_to_password_and_drop_the_token(vault):
    record = Vault()
    auth = FakeAuthenticator("failed", "failed", "failed", "ok")
    unlock = await enabled_unlock(auth, record)
    assert await GatedTokenStore(vault, unlock).load() is None
    assert len(auth.prompts) == 3  # the fourth ("ok") never asked
    assert unlock.fallback == "failed" and not unlock.enabled
    assert await vault.load() is None and await record.load() is None


async def test_failures_count_across_launches(vault):
    record = Vault()
    auth = FakeAuthenticator("failed", "failed", "cancelled")
    unlock = await enabled_unlock(auth, record)
    assert await GatedTokenStore(vault, unlock).load() is None  # 2 failures, then closed
    assert unlock.fallback == "cancelled" and await vault.load() == TOKEN  # kept for next time
    # Next launch: one more failure is the third.
    auth2 = FakeAuthenticator("failed", "ok")
    unlock2 = BiometricUnlock(auth2, record, reason=lambda: "x")
    assert await GatedTokenStore(vault, unlock2).load() is None
    assert len(auth2.prompts) == 1 and unlock2.fallback == "failed"
    assert await vault.load() is None


async def test_a_success_resets_the_count(vault):
    record = Vault()
    auth = FakeAuthenticator("failed", "failed", "ok")
    unlock = await enabled_unlock(auth, record)
    assert await GatedTokenStore(vault, unlock).load() == TOKEN
    auth2 = FakeAuthenticator("failed", "failed", "ok")
    assert await GatedTokenStore(vault, BiometricUnlock(auth2, record, lambda: "x")).load()


@pytest.mark.parametrize("change", ["added_face", "none_left"])
async def test_a_changed_biometric_set_falls_back_without_prompting(vault, change):
    record = Vault()
    auth = FakeAuthenticator()
    unlock = await enabled_unlock(auth, record)
    auth.set = frozenset({"fingerprint", "face"}) if change == "added_face" else frozenset()
    auth.answers.extend(["ok"])
    assert await GatedTokenStore(vault, unlock).load() is None
    assert auth.prompts == [] and unlock.fallback == "changed"
    assert await vault.load() is None and await record.load() is None


async def test_the_os_locking_out_falls_back_at_once(vault):
    auth = FakeAuthenticator("locked_out", "ok")
    unlock = await enabled_unlock(auth, Vault())
    assert await GatedTokenStore(vault, unlock).load() is None
    assert len(auth.prompts) == 1 and unlock.fallback == "failed"


async def test_a_fresh_sign_in_offers_the_unlock_a_rotation_does_not():
    auth = FakeAuthenticator()
    unlock = BiometricUnlock(auth, Vault(), reason=lambda: "x")
    store = GatedTokenStore(Vault(), unlock)
    await store.save("refresh-2-0123456789")  # sign-in with password or OTP
    assert unlock.can_offer
    unlock.decline()
    await store.save("refresh-3-0123456789")  # a rotation
    assert not unlock.can_offer
    no_hardware = BiometricUnlock(FakeAuthenticator(available=False), Vault(), lambda: "x")
    await GatedTokenStore(Vault(), no_hardware).save("refresh-2-0123456789")
    assert not no_hardware.can_offer


async def test_turning_it_on_needs_one_passing_check():
    auth = FakeAuthenticator("cancelled")
    unlock = BiometricUnlock(auth, Vault(), reason=lambda: "x")
    assert not await unlock.enable() and not unlock.enabled
    auth.answers.append("ok")
    assert await unlock.enable() and unlock.enabled


def backend_with_refresh() -> FakeBackend:
    backend = FakeBackend()
    backend.on("POST", "auth/refresh", tokens(2))
    backend.on("POST", "auth/logout", 204)
    return backend


async def session_with(auth: FakeAuthenticator, vault: Vault, record: Vault, backend):
    settings = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    store, unlock = phone_unlock(settings, "android", False, vault, authenticator=auth)
    assert unlock is not None
    unlock.record = record
    return build_session(
        settings, store, MemoryPreferences(), transport=httpx.MockTransport(backend), unlock=unlock
    )


async def test_session_three_failures_send_the_person_to_sign_in(vault):
    record = Vault()
    await enabled_unlock(FakeAuthenticator(), record)
    backend = backend_with_refresh()
    session = await session_with(FakeAuthenticator("failed"), vault, record, backend)
    await session._start()
    assert session.state.session == "signed_out" and session.state.error == "unlock_failed"
    assert backend.paths() == []  # the refresh token never left the device
    await session.api.aclose()


async def test_session_unlocked_resumes_and_sign_out_turns_it_off(vault):
    record = Vault()
    await enabled_unlock(FakeAuthenticator(), record)
    backend = backend_with_refresh()
    auth = FakeAuthenticator("ok")
    session = await session_with(auth, vault, record, backend)
    session.state.on_forget.append(session.services.unlock.disable)
    await session._start()
    assert session.state.session == "signed_in" and backend.paths() == ["POST auth/refresh"]
    await session.state.sign_out()
    assert await record.load() is None and await vault.load() is None
    assert len(auth.prompts) == 1  # signing out used the released token, no second prompt
    await session.api.aclose()


def test_never_on_kiosks_the_web_desktops_or_without_a_vault():
    mobile = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    kiosk = load_settings(environ={"DIENNHA_PROFILE": "kiosk"})
    web = load_settings(environ={"DIENNHA_PROFILE": "web"})
    auth = FakeAuthenticator()
    assert phone_unlock(kiosk, "android", False, Vault(), auth)[1] is None
    assert phone_unlock(web, "android", False, Vault(), auth)[1] is None
    assert phone_unlock(mobile, "android", True, Vault(), auth)[1] is None
    assert phone_unlock(mobile, "linux", False, Vault(), auth)[1] is None
    assert phone_unlock(mobile, "android", False, MemoryTokenStore(), auth)[1] is None
    assert phone_unlock(mobile, "ios", False, Vault(), auth)[1] is not None


def test_every_plugin_error_code_has_an_outcome():
    seen = {outcome_of(code.value) for code in LocalAuthErrorCode}
    assert seen <= {"failed", "cancelled", "locked_out", "not_enrolled", "unavailable"}
    assert outcome_of("biometricLockout") == "locked_out"
    assert outcome_of("userCanceled") == "cancelled"
    assert outcome_of("noBiometricsEnrolled") == "not_enrolled"
