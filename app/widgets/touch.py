"""How tall a touch target is: the Material 48 px on a person's own device, 72 px on a kiosk
(`large_touch_targets`), where people stand, tap with a finger and may see less well."""

from __future__ import annotations

import flet as ft

from app.context import use_services

KIOSK_TOUCH = 72


def touch_height(normal: int = 48) -> int:
    """Call while a component renders."""
    services = use_services()
    large = services is not None and services.settings.large_touch_targets
    return max(normal, KIOSK_TOUCH) if large else normal


def target_style(height: int) -> ft.ButtonStyle:
    """A segmented toggle's segments `height` tall (a 20 px text line + padding): the
    SegmentedButton's own height would only pad around 40 px segments."""
    vertical = max(8, (height - 20) // 2)
    return ft.ButtonStyle(
        padding=ft.Padding.symmetric(horizontal=12, vertical=vertical),
        visual_density=ft.VisualDensity.STANDARD,
    )
