"""Pieces used only by the auth screens."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.auth.view_model import OtpForm
from app.widgets.semantics import tagged
from app.widgets.touch import touch_height


def send_otp_button(t: Translator, vm: OtpForm) -> ft.Control:
    """Sends (or re-sends) the one-time code to the phone in the form."""
    return tagged(
        "send-otp",
        ft.OutlinedButton(
            t.t("auth.resend_otp" if vm.otp_sent else "auth.send_otp"),
            icon=ft.Icons.SMS_OUTLINED,
            on_click=vm.send_otp,  # type: ignore[attr-defined]
            disabled=vm.busy,
            height=touch_height(),
        ),
    )
