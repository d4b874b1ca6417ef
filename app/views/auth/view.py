"""Sign-in screen: phone with password, or phone with a one-time code (kiosk: code only)."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_services, use_t
from app.views.auth.view_model import SignInViewModel
from app.views.auth.widgets import send_otp_button
from app.views.hooks import use_view_model
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged
from app.widgets.states import error_notice
from app.widgets.touch import target_style, touch_height

# Why the person is back here: said above the form (issue 20: unlock and idle web tabs too).
SIGNED_OUT_NOTES = ("session_expired", "session_idle", "unlock_failed", "unlock_changed")


@ft.component
def SignInView() -> ft.View:
    services = use_services()
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: SignInViewModel(auth=s.auth, otp_only=s.settings.otp_only))

    async def submit() -> None:
        if await vm.submit():
            state.signed_in()
            ft.context.page.navigate("/")

    intro = "auth.sign_in_intro_otp" if vm.otp_only else "auth.sign_in_intro"
    body: list[ft.Control] = [ft.Text(t.t(intro))]
    if state.error in SIGNED_OUT_NOTES and not vm.error:
        body.append(tagged("session-expired", error_notice(t.error(state.error)), container=True))
    if not vm.otp_only:
        body.append(
            tagged(
                "sign-in-mode",
                ft.SegmentedButton(
                    style=target_style(touch_height()),  # 48 px (72 on a kiosk)
                    selected=[vm.mode],
                    segments=[
                        ft.Segment(value="password", label=ft.Text(t.t("auth.password"))),
                        ft.Segment(value="otp", label=ft.Text(t.t("auth.otp"))),
                    ],
                    on_change=lambda e: vm.set_mode(e.control.selected[0]),
                ),
            )
        )
    body.append(text_field(t, vm, "phone", "auth.phone", "sign-in-phone", kind="phone"))
    if vm.mode == "password":
        body += [
            text_field(
                t,
                vm,
                "password",
                "auth.password",
                "sign-in-password",
                kind="password",
                on_submit=submit,
            ),
            tagged(
                "forgot-password",
                ft.TextButton(
                    t.t("auth.forgot_password"),
                    on_click=lambda: ft.context.page.navigate("/forgot-password"),
                ),
            ),
        ]
    else:
        body.append(send_otp_button(t, vm))
        if vm.otp_sent:
            body.append(
                text_field(
                    t,
                    vm,
                    "otp",
                    "auth.otp",
                    "sign-in-otp",
                    kind="otp",
                    autofocus=True,
                    on_submit=submit,
                )
            )
    body += form_messages(t, vm)
    body.append(submit_button(t.t("auth.sign_in"), "sign-in-submit", vm, submit))
    if not services.settings.is_kiosk:
        body.append(
            tagged(
                "go-register",
                ft.TextButton(
                    t.t("auth.no_account"),
                    on_click=lambda: ft.context.page.navigate("/register"),
                ),
            )
        )
    return screen("/sign-in", t.t("auth.sign_in"), body, back_to="/welcome", max_width=FORM_WIDTH)
