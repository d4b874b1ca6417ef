"""Cài đặt: the signed-in devices, each with its own sign-out (this one excepted)."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.i18n import Translator
from app.views.settings.notice_settings import section_title, small
from app.views.settings.profile_view_model import ProfileSettingsViewModel
from app.widgets.semantics import tagged
from domain.models import SessionPublic


def _device(t: Translator, s: SessionPublic, on_sign_out) -> ft.Control:
    name = s.device or t.t("devices.unnamed")
    lines = [
        ft.Text(name, weight=ft.FontWeight.BOLD),
        small(t.t("devices.signed_in_at", time=t.datetime(s.created_at))),
        small(t.t("devices.last_seen", time=t.datetime(s.last_seen_at))),
    ]
    trailing: ft.Control
    if s.current:
        trailing = ft.Container(
            ft.Text(t.t("devices.this_device"), size=12, color=ft.Colors.ON_PRIMARY_CONTAINER),
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
            border_radius=12,
            padding=ft.Padding.symmetric(horizontal=8, vertical=2),
        )
    else:
        trailing = tagged(
            f"device-sign-out-{s.id}",
            ft.TextButton(t.t("settings.sign_out"), on_click=partial(on_sign_out, s)),
        )
    return tagged(
        f"device-{s.id}",
        ft.Row(
            [
                ft.Icon(ft.Icons.DEVICES_OUTLINED),
                ft.Column(lines, spacing=2, expand=True),
                trailing,
            ]
        ),
        container=True,
    )


def devices_section(t: Translator, vm: ProfileSettingsViewModel, on_sign_out) -> list[ft.Control]:
    rows: list[ft.Control] = [section_title(t.t("devices.title")), small(t.t("devices.intro"))]
    rows += [_device(t, s, on_sign_out) for s in vm.sessions]
    return rows
