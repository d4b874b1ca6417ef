"""Material 3 themes from one brand colour (an EVN-like blue), light and dark.

Every colour role the screens name (ft.Colors.PRIMARY, ON_SURFACE_VARIANT, ERROR…) is pinned
here rather than left to the seed, so tests/app/test_contrast.py can prove each text/background
pair the app uses meets WCAG AA in both themes."""

from __future__ import annotations

import flet as ft

BRAND_BLUE = "#0057A8"  # 7:1 against white: text-safe as well as a fill

LIGHT: dict[str, str] = {
    "primary": BRAND_BLUE,
    "on_primary": "#FFFFFF",
    "primary_container": "#D6E3FF",
    "on_primary_container": "#001B3E",
    "secondary_container": "#DAE2F9",
    "on_secondary_container": "#131C2B",
    "tertiary": "#6B4F73",
    "tertiary_container": "#F6D9FB",
    "on_tertiary_container": "#25102C",
    "error": "#BA1A1A",
    "on_error": "#FFFFFF",
    "error_container": "#FFDAD6",
    "on_error_container": "#410002",
    "surface": "#F9F9FF",
    "on_surface": "#191C20",
    "on_surface_variant": "#43474E",
    "outline": "#73777F",
    "outline_variant": "#C3C6CF",
    "surface_container_lowest": "#FFFFFF",
    "surface_container_low": "#F3F3FA",
    "surface_container": "#EDEDF4",
    "surface_container_high": "#E7E8EE",
    "surface_container_highest": "#E2E2E9",
    "inverse_surface": "#2E3036",
    "on_inverse_surface": "#F0F0F7",
}

DARK: dict[str, str] = {
    "primary": "#A9C7FF",
    "on_primary": "#003063",
    "primary_container": "#00468C",
    "on_primary_container": "#D6E3FF",
    "secondary_container": "#3E4759",
    "on_secondary_container": "#DAE2F9",
    "tertiary": "#DDBCE0",
    "tertiary_container": "#573E5C",
    "on_tertiary_container": "#FAD8FD",
    "error": "#FFB4AB",
    "on_error": "#690005",
    "error_container": "#93000A",
    "on_error_container": "#FFDAD6",
    "surface": "#111318",
    "on_surface": "#E2E2E9",
    "on_surface_variant": "#C3C6CF",
    "outline": "#8D9199",
    "outline_variant": "#43474E",
    "surface_container_lowest": "#0C0E13",
    "surface_container_low": "#191C20",
    "surface_container": "#1D2024",
    "surface_container_high": "#282A2F",
    "surface_container_highest": "#33353A",
    "inverse_surface": "#E2E2E9",
    "on_inverse_surface": "#2E3036",
}


def _text_theme(large: bool) -> ft.TextTheme | None:
    """Kiosk screens are read standing up, from further away: one step up across the board."""
    if not large:
        return None
    return ft.TextTheme(
        body_large=ft.TextStyle(size=20),
        body_medium=ft.TextStyle(size=18),
        body_small=ft.TextStyle(size=16),
        label_large=ft.TextStyle(size=18, weight=ft.FontWeight.W_500),
        title_medium=ft.TextStyle(size=20, weight=ft.FontWeight.W_500),
        title_large=ft.TextStyle(size=26),
    )


# Every button is at least 48 px tall (Material's minimum touch target; 64 on a kiosk):
# Flutter's web and desktop default to a compact density, which made buttons and segmented
# toggles 32 px, too small for older fingers (issue 21.7). Text (20 px line) + 2 x padding.
TARGET_PADDING, KIOSK_TARGET_PADDING = 14, 22


def target_style(large: bool) -> ft.ButtonStyle:
    vertical = KIOSK_TARGET_PADDING if large else TARGET_PADDING
    return ft.ButtonStyle(
        padding=ft.Padding.symmetric(horizontal=16, vertical=vertical),
        visual_density=ft.VisualDensity.STANDARD,
    )


def _theme(colours: dict[str, str], large: bool) -> ft.Theme:
    # The seed fills anything not named; the named roles are pinned because the seed's tone
    # for primary comes out greyer than the company colour, and so contrast can be tested.
    style = target_style(large)
    return ft.Theme(
        color_scheme_seed=BRAND_BLUE,
        color_scheme=ft.ColorScheme(**colours),
        text_theme=_text_theme(large),
        use_material3=True,
        visual_density=ft.VisualDensity.STANDARD,
        filled_button_theme=ft.FilledButtonTheme(style=style),
        text_button_theme=ft.TextButtonTheme(style=style),
        outlined_button_theme=ft.OutlinedButtonTheme(style=style),
        segmented_button_theme=ft.SegmentedButtonTheme(style=style),
        icon_button_theme=ft.IconButtonTheme(
            style=ft.ButtonStyle(padding=12, visual_density=ft.VisualDensity.STANDARD)
        ),
    )


def light_theme(large: bool = False) -> ft.Theme:
    return _theme(LIGHT, large)


def dark_theme(large: bool = False) -> ft.Theme:
    return _theme(DARK, large)


def theme_mode(choice: str) -> ft.ThemeMode:
    return {"light": ft.ThemeMode.LIGHT, "dark": ft.ThemeMode.DARK}.get(choice, ft.ThemeMode.SYSTEM)


def apply_theme(page: ft.Page, large: bool = False) -> None:
    page.theme = light_theme(large)
    page.dark_theme = dark_theme(large)
