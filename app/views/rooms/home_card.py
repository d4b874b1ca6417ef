"""Trang chủ's way to a tenant's room (issue 18): always when the person holds no household
code (an invitation may wait for them), else when they hold a tenant link."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.widgets.semantics import tagged
from app.widgets.touch import touch_height


def my_room_button(t: Translator) -> ft.Control:
    return tagged(
        "home-my-room",
        ft.OutlinedButton(
            t.t("my_room.open"),
            icon=ft.Icons.BED_OUTLINED,
            on_click=lambda: ft.context.page.navigate("/my-room"),
            height=touch_height(),
        ),
    )
