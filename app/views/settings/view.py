"""Cài đặt: language, light/dark theme, and for a signed-in person sign out (here or everywhere)."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_app_state, use_t
from app.views.settings.account_sections import AccountSettings
from app.views.settings.unlock_section import UnlockSetting
from app.widgets.form_fields import action_button
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged
from app.widgets.states import error_notice
from app.widgets.touch import target_style, touch_height


def heading(text: str) -> ft.Control:
    return ft.Semantics(
        header=True,
        content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, color=ft.Colors.PRIMARY),
    )


@ft.component
def SettingsView() -> ft.View:
    state = use_app_state()
    accounts = use_accounts()
    t = use_t()
    page = ft.context.page

    async def sign_out(everywhere: bool = False) -> None:
        await state.sign_out(everywhere=everywhere)
        accounts.clear()
        page.navigate("/welcome")

    async def confirmed_everywhere() -> None:
        page.pop_dialog()
        await sign_out(everywhere=True)

    def ask_everywhere() -> None:
        page.show_dialog(
            ft.AlertDialog(
                title=ft.Text(t.t("settings.sign_out_everywhere")),
                content=ft.Text(t.t("settings.sign_out_everywhere_confirm")),
                actions=[
                    tagged(
                        "cancel-sign-out-everywhere",
                        ft.TextButton(t.t("common.cancel"), on_click=lambda: page.pop_dialog()),
                    ),
                    tagged(
                        "confirm-sign-out-everywhere",
                        ft.FilledButton(
                            t.t("settings.sign_out_everywhere"), on_click=confirmed_everywhere
                        ),
                    ),
                ],
            )
        )

    async def confirmed_here() -> None:
        page.pop_dialog()
        await sign_out()

    def sign_out_here() -> None:
        """Asked first: one stray tap must not sign an older person out of the app."""
        page.show_dialog(
            ft.AlertDialog(
                title=ft.Text(t.t("settings.sign_out")),
                content=ft.Text(t.t("settings.sign_out_confirm")),
                actions=[
                    tagged(
                        "cancel-sign-out",
                        ft.TextButton(t.t("common.cancel"), on_click=lambda: page.pop_dialog()),
                    ),
                    tagged(
                        "confirm-sign-out",
                        ft.FilledButton(t.t("settings.sign_out"), on_click=confirmed_here),
                    ),
                ],
            )
        )

    body: list[ft.Control] = [
        heading(t.t("settings.language")),
        tagged(
            "settings-language",
            ft.SegmentedButton(
                style=target_style(touch_height()),  # 48 px (72 on a kiosk)
                selected=[state.locale],
                segments=[
                    ft.Segment(value="vi", label=ft.Text("Tiếng Việt")),
                    ft.Segment(value="en", label=ft.Text("English")),
                ],
                on_change=lambda e: state.set_locale(e.control.selected[0]),
            ),
        ),
        heading(t.t("settings.theme")),
        tagged(
            "settings-theme",
            ft.SegmentedButton(
                style=target_style(touch_height()),  # 48 px (72 on a kiosk)
                selected=[state.theme],
                segments=[
                    ft.Segment(
                        value="light",
                        # the icon in the label: a segment's own icon keeps it 40 px tall
                        label=ft.Row(
                            [
                                ft.Icon(ft.Icons.LIGHT_MODE_OUTLINED, size=18),
                                ft.Text(t.t("settings.theme_light")),
                            ],
                            tight=True,
                        ),
                    ),
                    ft.Segment(
                        value="dark",
                        # the icon in the label: a segment's own icon keeps it 40 px tall
                        label=ft.Row(
                            [
                                ft.Icon(ft.Icons.DARK_MODE_OUTLINED, size=18),
                                ft.Text(t.t("settings.theme_dark")),
                            ],
                            tight=True,
                        ),
                    ),
                    ft.Segment(
                        value="system",
                        # the icon in the label: a segment's own icon keeps it 40 px tall
                        label=ft.Row(
                            [
                                ft.Icon(ft.Icons.BRIGHTNESS_AUTO_OUTLINED, size=18),
                                ft.Text(t.t("settings.theme_system")),
                            ],
                            tight=True,
                        ),
                    ),
                ],
                on_change=lambda e: state.set_theme(e.control.selected[0]),
            ),
        ),
        heading(t.t("settings.text_size")),
        tagged(
            "settings-text-size",
            ft.SegmentedButton(
                style=target_style(touch_height()),  # 48 px (72 on a kiosk)
                selected=["large" if state.large_text else "normal"],
                segments=[
                    ft.Segment(value="normal", label=ft.Text(t.t("settings.text_normal"))),
                    ft.Segment(
                        value="large",
                        # the icon in the label: a segment's own icon keeps it 40 px tall
                        label=ft.Row(
                            [
                                ft.Icon(ft.Icons.TEXT_INCREASE, size=18),
                                ft.Text(t.t("settings.text_large")),
                            ],
                            tight=True,
                        ),
                    ),
                ],
                on_change=lambda e: state.set_large_text(e.control.selected[0] == "large"),
            ),
        ),
    ]
    if state.session == "signed_in":
        body += [
            heading(t.t("settings.account")),
            action_button(
                "change-password",
                t.t("settings.change_password"),
                ft.Icons.PASSWORD,
                lambda: page.navigate("/settings/password"),
            ),
            ft.Text(t.t("settings.change_password_help"), theme_style=ft.TextThemeStyle.BODY_SMALL),
            UnlockSetting(),  # phones only (nothing elsewhere)
            action_button(
                "open-api-tokens",
                t.t("api_tokens.open"),
                ft.Icons.KEY,
                lambda: page.navigate("/settings/api-tokens"),
            ),
            ft.Text(t.t("api_tokens.open_help"), theme_style=ft.TextThemeStyle.BODY_SMALL),
            action_button(
                "sign-out",
                t.t("settings.sign_out"),
                ft.Icons.LOGOUT,
                sign_out_here,
                disabled=state.signing_out,
            ),
            action_button(
                "sign-out-everywhere",
                t.t("settings.sign_out_everywhere"),
                ft.Icons.DEVICES_OTHER,
                ask_everywhere,
                disabled=state.signing_out,
            ),
            ft.Text(
                t.t("settings.sign_out_everywhere_help"), theme_style=ft.TextThemeStyle.BODY_SMALL
            ),
            ft.Divider(),
            AccountSettings(),  # channels, consents, devices, export, delete account
        ]
    if state.error:
        body.append(error_notice(t.error(state.error)))
    back = "/" if state.session == "signed_in" else "/welcome"
    return screen("/settings", t.t("settings.title"), body, back_to=back, max_width=FORM_WIDTH)
