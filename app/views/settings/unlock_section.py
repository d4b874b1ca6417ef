"""Biometric unlock on phones: the offer after a sign-in, and the switch in Cài đặt."""

from __future__ import annotations

import flet as ft

from app.context import use_services, use_t
from app.device.unlock import BiometricUnlock
from app.i18n import Translator
from app.widgets.semantics import tagged


def use_unlock_offer(t: Translator, unlock: BiometricUnlock | None) -> None:
    """Call on every render of the signed-in frame: asks once after a password/OTP sign-in."""

    async def turn_on() -> None:
        if unlock is not None and not await unlock.enable():
            unlock.decline()  # the check did not pass: ask again after the next sign-in

    dialog = None
    if unlock is not None and unlock.can_offer:
        dialog = ft.AlertDialog(
            title=ft.Text(t.t("unlock.offer_title")),
            content=ft.Text(t.t("unlock.offer_body")),
            on_dismiss=lambda: unlock.decline(),
            actions=[
                tagged(
                    "unlock-not-now",
                    ft.TextButton(t.t("unlock.not_now"), on_click=lambda: unlock.decline()),
                ),
                tagged(
                    "unlock-turn-on",
                    ft.FilledButton(t.t("unlock.turn_on"), on_click=turn_on),
                ),
            ],
        )
    ft.use_dialog(dialog)


@ft.component
def UnlockSetting() -> ft.Control:
    """A switch; turning it on asks the OS check once, off forgets the enrolment."""
    unlock = use_services().unlock
    t = use_t()
    if unlock is None:
        return ft.Container(visible=False)

    async def loaded() -> None:
        await unlock.load()

    async def changed(e: ft.Event) -> None:
        if e.control.value:
            await unlock.enable()
        else:
            await unlock.disable()

    ft.use_effect(loaded, [])
    return ft.Column(
        [
            tagged(
                "unlock-switch",
                ft.Switch(
                    label=t.t("unlock.setting"),
                    value=unlock.enabled,
                    disabled=unlock.busy,
                    on_change=changed,
                ),
            ),
            ft.Text(t.t("unlock.setting_help"), theme_style=ft.TextThemeStyle.BODY_SMALL),
        ]
    )
