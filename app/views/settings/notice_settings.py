"""Cài đặt: where notices go (channels, e-mail) and consent per purpose, explained."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.i18n import Translator
from app.views.settings.profile_view_model import CHANNELS, PURPOSES, ProfileSettingsViewModel
from app.widgets.form_fields import field_error_text
from app.widgets.semantics import tagged


def section_title(text: str) -> ft.Control:
    return ft.Semantics(
        header=True,
        content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, color=ft.Colors.PRIMARY),
    )


def small(text: str) -> ft.Control:
    return ft.Text(text, size=12, color=ft.Colors.ON_SURFACE_VARIANT)


def _switch(
    identifier: str, label: str, value: bool, on_change, disabled: bool, revision: int
) -> ft.Control:
    return tagged(
        identifier,
        ft.Switch(
            label=label,
            value=value,
            on_change=on_change,
            disabled=disabled,
            key=f"{identifier}-{revision}",  # a new key redraws it from `value`
        ),
    )


def channel_section(t: Translator, vm: ProfileSettingsViewModel, on_toggle) -> list[ft.Control]:
    async def save_email(_: ft.Event | None = None) -> None:
        await vm.save_email()

    rows: list[ft.Control] = [
        section_title(t.t("channels.title")),
        small(t.t("channels.intro")),
        tagged(
            "settings-email",
            ft.TextField(
                label=t.t("channels.email_address"),
                value=vm.email_text,
                keyboard_type=ft.KeyboardType.EMAIL,
                on_change=lambda e: setattr(vm, "email_text", e.control.value),
                on_submit=save_email,
                on_blur=save_email,
                error=field_error_text(t, vm, "email"),
                disabled=vm.busy,
            ),
        ),
    ]
    for name in CHANNELS:
        rows.append(
            _switch(
                f"channel-{name}",
                t.t(f"channels.{name}"),
                vm.channel_on(name),
                partial(on_toggle, name),
                vm.busy,
                vm.revision,
            )
        )
        rows.append(small(t.t(f"channels.{name}_help")))
    return rows


def consent_section(t: Translator, vm: ProfileSettingsViewModel, on_toggle) -> list[ft.Control]:
    rows: list[ft.Control] = [
        section_title(t.t("privacy.consents_title")),
        small(t.t("privacy.consents_intro")),
        tagged(
            "consent-service",
            ft.ListTile(
                leading=ft.Icon(ft.Icons.LOCK_OUTLINE),
                title=ft.Text(t.t("privacy.purpose.service")),
                subtitle=ft.Text(t.t("privacy.purpose.service_help")),
                content_padding=0,
            ),
            container=True,
        ),
    ]
    for purpose in PURPOSES:
        rows += [
            _switch(
                f"consent-{purpose}",
                t.t(f"privacy.purpose.{purpose}"),
                vm.consent_shown(purpose),
                partial(on_toggle, purpose),
                vm.busy,
                vm.revision,
            ),
            small(t.t(f"privacy.purpose.{purpose}_help")),
        ]
    return rows


def withdraw_dialog(
    t: Translator, vm: ProfileSettingsViewModel, on_confirm
) -> ft.AlertDialog | None:
    purpose = vm.withdrawing
    if purpose is None:
        return None
    return ft.AlertDialog(
        title=ft.Text(t.t("privacy.withdraw_title")),
        content=ft.Column(
            [
                ft.Text(t.t(f"privacy.purpose.{purpose}"), weight=ft.FontWeight.BOLD),
                ft.Text(t.t(f"privacy.withdraw.{purpose}")),
                ft.Text(t.t("privacy.withdraw_record")),
            ],
            tight=True,
            spacing=8,
        ),
        on_dismiss=lambda: vm.cancel_withdraw(),
        actions=[
            tagged(
                "withdraw-cancel",
                ft.TextButton(t.t("common.cancel"), on_click=lambda: vm.cancel_withdraw()),
            ),
            tagged(
                "withdraw-confirm",
                ft.FilledButton(t.t("privacy.withdraw_button"), on_click=on_confirm),
            ),
        ],
    )
