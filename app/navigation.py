"""The five signed-in destinations, in bar/rail order (paths must match app/routes.py)."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft


@dataclass(frozen=True)
class Destination:
    name: str  # semantics identifier `nav-<name>`
    path: str
    label_key: str
    icon: ft.IconData
    selected_icon: ft.IconData


NAV_DESTINATIONS: tuple[Destination, ...] = (
    Destination("home", "/", "nav.home", ft.Icons.HOME_OUTLINED, ft.Icons.HOME),
    Destination("usage", "/usage", "nav.usage", ft.Icons.BAR_CHART_OUTLINED, ft.Icons.BAR_CHART),
    Destination(
        "bills", "/bills", "nav.bills", ft.Icons.RECEIPT_LONG_OUTLINED, ft.Icons.RECEIPT_LONG
    ),
    Destination(
        "calendar",
        "/calendar",
        "nav.calendar",
        ft.Icons.CALENDAR_MONTH_OUTLINED,
        ft.Icons.CALENDAR_MONTH,
    ),
    Destination(
        "notices",
        "/notices",
        "nav.notices",
        ft.Icons.NOTIFICATIONS_OUTLINED,
        ft.Icons.NOTIFICATIONS,
    ),
)


def selected_index(pathname: str) -> int | None:
    """Which destination a path belongs to (`/bills/42` -> Hóa đơn); None for other pages."""
    best = None
    for i, d in enumerate(NAV_DESTINATIONS):
        if pathname == d.path or (d.path != "/" and pathname.startswith(d.path + "/")):
            best = i
    return best
