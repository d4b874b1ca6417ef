"""Navigation pieces of the signed-in frame: bottom bar for phones, rail for wide windows."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.navigation import NAV_DESTINATIONS


def go_to_destination(e: ft.Event) -> None:
    index = int(e.control.selected_index or 0)
    ft.context.page.navigate(NAV_DESTINATIONS[index].path)


def navigation_bar(t: Translator, index: int | None) -> ft.NavigationBar:
    return ft.NavigationBar(
        selected_index=index or 0,
        destinations=[
            ft.NavigationBarDestination(
                icon=d.icon, selected_icon=d.selected_icon, label=t.t(d.label_key)
            )
            for d in NAV_DESTINATIONS
        ],
        on_change=go_to_destination,
    )


def navigation_rail(t: Translator, index: int | None) -> ft.NavigationRail:
    return ft.NavigationRail(
        selected_index=index,
        label_type=ft.NavigationRailLabelType.ALL,
        min_width=88,
        group_alignment=-0.9,
        destinations=[
            ft.NavigationRailDestination(
                icon=d.icon, selected_icon=d.selected_icon, label=t.t(d.label_key)
            )
            for d in NAV_DESTINATIONS
        ],
        on_change=go_to_destination,
    )
