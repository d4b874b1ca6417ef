"""The OS's fingerprint / Face ID check behind a small interface: `FletAuthenticator` wraps
Flet's official `flet-local-auth` service (Android, iOS; macOS and Windows too, unused here);
tests use a fake with the same three methods."""

from __future__ import annotations

import logging
from typing import Any, Literal, Protocol

log = logging.getLogger(__name__)

# ok: the OS accepted the person; failed: not recognised; cancelled: they closed the prompt;
# locked_out: the OS stopped trying; not_enrolled: no biometrics (any more); unavailable:
# no hardware or no prompt could be shown.
Outcome = Literal["ok", "failed", "cancelled", "locked_out", "not_enrolled", "unavailable"]


class Authenticator(Protocol):
    async def available(self) -> bool: ...
    async def enrolled(self) -> frozenset[str]: ...
    async def authenticate(self, reason: str) -> Outcome: ...


def outcome_of(code: str) -> Outcome:
    """flet-local-auth's LocalAuthErrorCode value -> what the app does about it."""
    if code in ("userCanceled", "systemCanceled", "timeout", "userRequestedFallback"):
        return "cancelled"
    if code in ("temporaryLockout", "biometricLockout"):
        return "locked_out"
    if code in ("noBiometricsEnrolled", "noCredentialsSet"):
        return "not_enrolled"
    if code in ("noBiometricHardware", "uiUnavailable", "biometricHardwareTemporarilyUnavailable"):
        return "unavailable"
    return "failed"


class FletAuthenticator:
    """The real control. Made lazily inside the page's context (a Flet service registers with
    the current page when constructed), so building a session never touches the plugin."""

    def __init__(self, cancel_label: str = "Hủy") -> None:
        self._service: Any = None
        self._cancel = cancel_label

    def _local_auth(self) -> Any:
        if self._service is None:
            from flet_local_auth import LocalAuthentication

            self._service = LocalAuthentication()
        return self._service

    async def available(self) -> bool:
        try:
            auth = self._local_auth()
            return bool(await auth.is_device_supported() and await auth.can_check_biometrics())
        except Exception:  # the plugin is missing from this build, or the platform has none
            log.info("biometric check not available", exc_info=True)
            return False

    async def enrolled(self) -> frozenset[str]:
        try:
            kinds = await self._local_auth().get_available_biometrics()
        except Exception:
            log.info("enrolled biometrics unknown", exc_info=True)
            return frozenset()
        return frozenset(k.value for k in kinds)

    async def authenticate(self, reason: str) -> Outcome:
        from flet_local_auth import AndroidAuthMessages, IOSAuthMessages, LocalAuthException

        try:
            ok = await self._local_auth().authenticate(
                reason,
                biometric_only=True,  # the device PIN is not the person's Điện Nhà password
                sensitive_transaction=True,
                android_messages=AndroidAuthMessages(cancel_button=self._cancel),
                ios_messages=IOSAuthMessages(cancel_button=self._cancel),
            )
        except LocalAuthException as e:
            return outcome_of(e.code.value)
        except Exception:
            log.warning("biometric prompt failed", exc_info=True)
            return "unavailable"
        return "ok" if ok else "failed"
