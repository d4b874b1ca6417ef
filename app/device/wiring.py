"""Where the device features meet a session: only phones get biometric unlock."""

from __future__ import annotations

from app.config import Settings
from app.device.biometrics import Authenticator, FletAuthenticator
from app.device.unlock import BiometricUnlock, GatedTokenStore
from app.services.token_store import TokenStore, choose_token_store

PHONES = ("android", "ios")


def phone_unlock(
    settings: Settings,
    platform: str,
    is_web: bool,
    store: TokenStore,
    authenticator: Authenticator | None = None,
) -> tuple[TokenStore, BiometricUnlock | None]:
    """The refresh-token store, gated by the OS check on a phone; never on a kiosk, the web,
    a desktop, or without an OS vault (nothing stored, nothing to unlock)."""
    if (
        is_web
        or platform not in PHONES
        or settings.profile in ("kiosk", "web")
        or store.kind == "memory"
    ):
        return store, None
    record = choose_token_store(settings, platform, is_web, entry="biometric-unlock")
    unlock = BiometricUnlock(authenticator or FletAuthenticator(), record, reason=lambda: "")
    return GatedTokenStore(store, unlock), unlock
