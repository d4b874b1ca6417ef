"""How tall a touch target is: the Material 48 px on a person's own device, 72 px on a kiosk
(`large_touch_targets`), where people stand, tap with a finger and may see less well."""

from __future__ import annotations

from app.context import use_services

KIOSK_TOUCH = 72


def touch_height(normal: int = 48) -> int:
    """Call while a component renders."""
    services = use_services()
    large = services is not None and services.settings.large_touch_targets
    return max(normal, KIOSK_TOUCH) if large else normal
