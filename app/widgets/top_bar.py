"""The right-hand side of every top bar: Cài đặt on a person's own device; on a kiosk the
language (for this session only) and, while someone is signed in, "Tôi đã xong"."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_kiosk, use_t
from app.views.kiosk.widgets import done_button
from app.widgets.semantics import tagged


def language_switch(locale: str, set_locale, height: int | None = None) -> ft.Control:
    other = "en" if locale == "vi" else "vi"
    label = "English" if other == "en" else "Tiếng Việt"
    return tagged(
        "language-switch",
        ft.TextButton(
            label, icon=ft.Icons.TRANSLATE, on_click=lambda: set_locale(other), height=height
        ),
    )


def settings_button() -> ft.Control:
    t = use_t()
    return tagged(
        "open-settings",
        ft.IconButton(
            ft.Icons.SETTINGS_OUTLINED,
            tooltip=t.t("settings.title"),
            on_click=lambda: ft.context.page.navigate("/settings"),
        ),
        label=t.t("settings.title"),
    )


def top_actions(*, with_settings: bool = True) -> list[ft.Control]:
    """Call inside a component. A kiosk never offers Cài đặt (nothing may change the machine)."""
    kiosk = use_kiosk()
    if kiosk is None:
        return [settings_button()] if with_settings else []
    state = use_app_state()
    actions = [language_switch(state.locale, state.set_locale)]
    if state.session == "signed_in":
        actions.append(done_button(use_t(), kiosk))
    return actions
