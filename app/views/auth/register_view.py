"""Registration: phone, one-time code, name, password and consent to the data policy."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_t
from app.views.auth.view_model import RegisterViewModel
from app.views.auth.widgets import send_otp_button
from app.views.hooks import use_view_model
from app.widgets.form_fields import field_error_text, form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged


@ft.component
def RegisterView() -> ft.View:
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: RegisterViewModel(auth=s.auth, language=state.locale))

    async def submit() -> None:
        if await vm.submit():
            state.signed_in()
            ft.context.page.navigate("/")

    body: list[ft.Control] = [
        ft.Text(t.t("auth.register_intro")),
        text_field(t, vm, "phone", "auth.phone", "register-phone", kind="phone"),
        send_otp_button(t, vm),
    ]
    if vm.otp_sent:
        body += [
            text_field(t, vm, "otp", "auth.otp", "register-otp", kind="otp", autofocus=True),
            text_field(t, vm, "full_name", "auth.full_name", "register-name", kind="name"),
            text_field(t, vm, "password", "auth.password", "register-password", kind="password"),
            ft.Text(t.t("auth.password_rule"), theme_style=ft.TextThemeStyle.BODY_SMALL),
            tagged(
                "register-consent",
                ft.Checkbox(
                    label=t.t("auth.consent"),
                    value=vm.consent,
                    on_change=lambda e: setattr(vm, "consent", bool(e.control.value)),
                    error=field_error_text(t, vm, "consent") is not None,
                ),
            ),
            tagged(
                "open-privacy",
                ft.TextButton(
                    t.t("articles.privacy"),
                    on_click=lambda: ft.context.page.navigate("/guest/articles/privacy"),
                ),
            ),
        ]
    body += form_messages(t, vm)
    if vm.otp_sent:
        body.append(submit_button(t.t("auth.register"), "register-submit", vm, submit))
    body.append(
        tagged(
            "go-sign-in",
            ft.TextButton(
                t.t("auth.have_account"),
                on_click=lambda: ft.context.page.navigate("/sign-in"),
            ),
        )
    )
    return screen("/register", t.t("auth.register"), body, back_to="/welcome", max_width=FORM_WIDTH)
