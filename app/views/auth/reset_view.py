"""Forgotten password: a `reset` one-time code to the phone, then a new password."""

from __future__ import annotations

import flet as ft

from app.context import use_t
from app.views.auth.view_model import ResetPasswordViewModel
from app.views.auth.widgets import send_otp_button
from app.views.hooks import use_view_model
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged


@ft.component
def ForgotPasswordView() -> ft.View:
    t = use_t()
    vm = use_view_model(lambda s: ResetPasswordViewModel(auth=s.auth))
    done, set_done = ft.use_state(False)

    async def submit() -> None:
        if await vm.submit():
            set_done(True)

    body: list[ft.Control] = [ft.Text(t.t("auth.reset_intro"))]
    if done:
        body += form_messages(t, vm)
        body.append(
            tagged(
                "reset-go-sign-in",
                ft.FilledButton(
                    t.t("auth.sign_in"),
                    on_click=lambda: ft.context.page.navigate("/sign-in"),
                ),
            )
        )
    else:
        body += [
            text_field(t, vm, "phone", "auth.phone", "reset-phone", kind="phone"),
            send_otp_button(t, vm),
        ]
        if vm.otp_sent:
            body += [
                text_field(t, vm, "otp", "auth.otp", "reset-otp", kind="otp", autofocus=True),
                text_field(
                    t,
                    vm,
                    "new_password",
                    "auth.new_password",
                    "reset-password",
                    kind="password",
                    on_submit=submit,
                ),
                ft.Text(t.t("auth.password_rule"), theme_style=ft.TextThemeStyle.BODY_SMALL),
            ]
        body += form_messages(t, vm)
        if vm.otp_sent:
            body.append(submit_button(t.t("auth.reset_submit"), "reset-submit", vm, submit))
    return screen(
        "/forgot-password",
        t.t("auth.forgot_password"),
        body,
        back_to="/sign-in",
        max_width=FORM_WIDTH,
    )
