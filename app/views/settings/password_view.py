"""Đổi mật khẩu (Settings): current password, the new one twice; other devices are signed out."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_t
from app.views.hooks import use_view_model
from app.views.settings.password_view_model import PasswordChangeViewModel
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged


@ft.component
def PasswordChangeView() -> ft.View:
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: PasswordChangeViewModel(repo=s.profile))
    go = ft.context.page.navigate
    if state.session != "signed_in":
        body: list[ft.Control] = [
            ft.Text(t.t("settings.password_sign_in_first")),
            tagged(
                "password-forgot",
                ft.TextButton(t.t("auth.forgot_password"), on_click=lambda: go("/forgot-password")),
            ),
        ]
    else:
        body = [
            ft.Text(t.t("settings.password_intro")),
            text_field(
                t,
                vm,
                "current_password",
                "settings.current_password",
                "password-current",
                kind="password",
            ),
            text_field(t, vm, "new_password", "auth.new_password", "password-new", kind="password"),
            ft.Text(t.t("auth.password_rule"), theme_style=ft.TextThemeStyle.BODY_SMALL),
            text_field(
                t,
                vm,
                "confirm",
                "settings.confirm_password",
                "password-confirm",
                kind="password",
                on_submit=vm.submit,
            ),
            *form_messages(t, vm),
            submit_button(t.t("settings.change_password"), "password-submit", vm, vm.submit),
            tagged(
                "password-forgot",
                ft.TextButton(
                    t.t("auth.forgot_password"),
                    height=48,
                    on_click=lambda: go("/forgot-password"),
                ),
            ),
        ]
    return screen(
        "/settings/password",
        t.t("settings.change_password"),
        body,
        back_to="/settings",
        max_width=FORM_WIDTH,
    )
