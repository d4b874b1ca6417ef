"""Asking the OS for a permission at the moment a feature is used, never at start-up.
`FletPermissions` wraps Flet's official `flet-permission-handler`; tests use a fake."""

from __future__ import annotations

import logging
from typing import Any, Literal, Protocol

log = logging.getLogger(__name__)

Need = Literal["camera", "location"]
# granted; denied (may ask again); blocked (only the system settings can change it);
# unsupported (no such thing on this platform, or the plugin is not in this build).
Access = Literal["granted", "denied", "blocked", "unsupported"]


class Permissions(Protocol):
    async def ask(self, need: Need) -> Access: ...
    async def open_settings(self) -> bool: ...


def access_of(status: str | None) -> Access:
    """flet-permission-handler's PermissionStatus value -> what the screen does."""
    if status in ("granted", "limited", "provisional"):
        return "granted"
    if status in ("permanentlyDenied", "restricted"):
        return "blocked"
    if status == "denied":
        return "denied"
    return "unsupported"


class FletPermissions:
    """Checks first and asks only when not yet granted, so the OS dialog appears once, at the
    tap that needs it. The service is made lazily inside the page's context."""

    def __init__(self) -> None:
        self._handler: Any = None

    def _service(self) -> Any:
        if self._handler is None:
            from flet_permission_handler import PermissionHandler

            self._handler = PermissionHandler()
        return self._handler

    async def ask(self, need: Need) -> Access:
        from flet_permission_handler import Permission

        permission = Permission.CAMERA if need == "camera" else Permission.LOCATION_WHEN_IN_USE
        try:
            status = await self._service().get_status(permission)
            if access_of(status.value if status else None) == "granted":
                return "granted"
            asked = await self._service().request(permission)
        except Exception:  # the plugin is missing from this build, or the platform has none
            log.info("permission %s not available here", need, exc_info=True)
            return "unsupported"
        return access_of(asked.value if asked else None)

    async def open_settings(self) -> bool:
        try:
            return bool(await self._service().open_app_settings())
        except Exception:
            return False
