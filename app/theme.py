"""Material 3 themes from one brand colour (an EVN-like blue), light and dark."""

from __future__ import annotations

import flet as ft

BRAND_BLUE = "#0057A8"  # 7:1 against white: text-safe as well as a fill


def light_theme() -> ft.Theme:
    # The seed fills the palette; the brand blue itself is pinned as primary because the
    # seed's tone for primary comes out greyer than the company colour.
    return ft.Theme(
        color_scheme_seed=BRAND_BLUE,
        color_scheme=ft.ColorScheme(
            primary=BRAND_BLUE,
            on_primary="#FFFFFF",
            primary_container="#D6E3FF",
            on_primary_container="#001B3E",
        ),
        use_material3=True,
    )


def dark_theme() -> ft.Theme:
    return ft.Theme(
        color_scheme_seed=BRAND_BLUE,
        color_scheme=ft.ColorScheme(
            primary="#A9C7FF",
            on_primary="#003063",
            primary_container="#00468C",
            on_primary_container="#D6E3FF",
        ),
        use_material3=True,
    )


def theme_mode(choice: str) -> ft.ThemeMode:
    return {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}.get(choice, ft.ThemeMode.SYSTEM)


def apply_theme(page: ft.Page) -> None:
    page.theme = light_theme()
    page.dark_theme = dark_theme()
