"""Navigation pieces of the signed-in frame: bottom bar for phones, rail for wide windows."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.navigation import NAV_DESTINATIONS, Destination


def _icon(t: Translator, d: Destination, unread: int, selected: bool) -> ft.Control:
    """The destination's icon; Thông báo carries the unread count as a badge."""
    icon = d.selected_icon if selected else d.icon
    if d.name != "notices":
        return ft.Icon(icon)
    badge = ft.Badge(label="99+" if unread > 99 else str(unread)) if unread > 0 else None
    # The same wrapper with or without a badge: one semantics node whose label says the
    # count (screen readers and the e2e tests follow it), never a node that comes and goes.
    return ft.Semantics(
        identifier="nav-notices-badge",
        label=t.t("notices.badge", count=unread) if unread > 0 else None,
        exclude_semantics=True,  # say "9 unread" once, not the badge's bare "9" as well
        content=ft.Icon(icon, badge=badge),
    )


def go_to_destination(e: ft.Event) -> None:
    index = int(e.control.selected_index or 0)
    ft.context.page.navigate(NAV_DESTINATIONS[index].path)


def navigation_bar(t: Translator, index: int | None, unread: int = 0) -> ft.NavigationBar:
    return ft.NavigationBar(
        selected_index=index or 0,
        destinations=[
            ft.NavigationBarDestination(
                icon=_icon(t, d, unread, False),
                selected_icon=_icon(t, d, unread, True),
                label=t.t(d.label_key),
            )
            for d in NAV_DESTINATIONS
        ],
        on_change=go_to_destination,
    )


def navigation_rail(t: Translator, index: int | None, unread: int = 0) -> ft.NavigationRail:
    return ft.NavigationRail(
        selected_index=index,
        label_type=ft.NavigationRailLabelType.ALL,
        min_width=88,
        group_alignment=-0.9,
        destinations=[
            ft.NavigationRailDestination(
                icon=_icon(t, d, unread, False),
                selected_icon=_icon(t, d, unread, True),
                label=t.t(d.label_key),
            )
            for d in NAV_DESTINATIONS
        ],
        on_change=go_to_destination,
    )
