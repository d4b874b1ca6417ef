"""Material 3 themes from one brand colour (an EVN-like blue), light and dark."""

from __future__ import annotations

import flet as ft

BRAND_BLUE = "#0057A8"


def light_theme() -> ft.Theme:
    return ft.Theme(color_scheme_seed=BRAND_BLUE, use_material3=True)


def dark_theme() -> ft.Theme:
    return ft.Theme(color_scheme_seed=BRAND_BLUE, use_material3=True)


def theme_mode(choice: str) -> ft.ThemeMode:
    return {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}.get(choice, ft.ThemeMode.SYSTEM)


def apply_theme(page: ft.Page) -> None:
    page.theme = light_theme()
    page.dark_theme = dark_theme()
