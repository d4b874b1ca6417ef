"""Welcome screen with the brand, the three ways in and a language switch."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_services, use_t
from app.widgets.offline_banner import OfflineBanner
from app.widgets.screen import FORM_WIDTH, centred
from app.widgets.semantics import tagged
from app.widgets.top_bar import language_switch, settings_button


@ft.component
def WelcomeView() -> ft.View:
    services = use_services()
    state = use_app_state()
    t = use_t()
    go = ft.context.page.navigate
    hero = ft.Column(
        [
            ft.Icon(
                ft.Icons.ELECTRIC_BOLT,
                size=72,
                color=ft.Colors.PRIMARY,
                semantics_label=services.settings.brand,
            ),
            ft.Text(
                services.settings.brand,
                theme_style=ft.TextThemeStyle.DISPLAY_SMALL,
                weight=ft.FontWeight.BOLD,
                color=ft.Colors.PRIMARY,
            ),
            ft.Text(
                t.t("welcome.tagline"),
                text_align=ft.TextAlign.CENTER,
                theme_style=ft.TextThemeStyle.BODY_LARGE,
            ),
        ],
        horizontal_alignment=ft.CrossAxisAlignment.CENTER,
    )
    buttons = [
        tagged(
            "welcome-sign-in",
            ft.FilledButton(t.t("auth.sign_in"), on_click=lambda: go("/sign-in"), height=48),
        ),
        tagged(
            "welcome-register",
            ft.OutlinedButton(t.t("auth.register"), on_click=lambda: go("/register"), height=48),
        ),
        tagged(
            "welcome-guest",
            ft.TextButton(t.t("welcome.guest"), on_click=lambda: go("/guest"), height=48),
        ),
    ]
    return ft.View(
        route="/welcome",
        appbar=ft.AppBar(
            automatically_imply_leading=False,
            actions=[language_switch(state.locale, state.set_locale), settings_button()],
        ),
        controls=[
            OfflineBanner(),
            centred([ft.Container(height=24), hero, ft.Container(height=24), *buttons], FORM_WIDTH),
        ],
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(24),
    )
