"""Cài đặt: Xuất dữ liệu của tôi and Xóa tài khoản (a strong, explained confirmation)."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.settings.notice_settings import section_title, small
from app.views.settings.profile_view_model import ProfileSettingsViewModel
from app.widgets.form_fields import action_button, field_error_text
from app.widgets.semantics import tagged
from app.widgets.states import error_notice


def data_section(
    t: Translator, vm: ProfileSettingsViewModel, on_export, on_delete
) -> list[ft.Control]:
    return [
        section_title(t.t("privacy.data_title")),
        action_button(
            "export-data",
            t.t("privacy.export"),
            ft.Icons.DOWNLOAD_OUTLINED,
            on_export,
            disabled=vm.busy,
        ),
        small(t.t("privacy.export_help")),
        action_button(
            "delete-account",
            t.t("privacy.delete"),
            ft.Icons.DELETE_FOREVER_OUTLINED,
            on_delete,
            disabled=vm.busy,
            style=ft.ButtonStyle(color=ft.Colors.ERROR),
        ),
        small(t.t("privacy.delete_help")),
    ]


def _bullet(icon: ft.IconData, text: str, colour: str | None = None) -> ft.Control:
    return ft.Row(
        [ft.Icon(icon, size=18, color=colour), ft.Text(text, expand=True)],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def delete_dialog(t: Translator, vm: ProfileSettingsViewModel, on_confirm) -> ft.AlertDialog | None:
    if not vm.deleting:
        return None
    content: list[ft.Control] = [
        _bullet(ft.Icons.DELETE_OUTLINE, t.t("privacy.delete_erased"), ft.Colors.ERROR),
        _bullet(ft.Icons.GAVEL_OUTLINED, t.t("privacy.delete_kept")),
        _bullet(ft.Icons.ELECTRIC_METER_OUTLINED, t.t("privacy.delete_contract")),
        tagged(
            "delete-confirm-phone",
            ft.TextField(
                label=t.t("privacy.delete_type_phone"),
                value=vm.delete_confirm_text,
                keyboard_type=ft.KeyboardType.PHONE,
                on_change=lambda e: setattr(vm, "delete_confirm_text", e.control.value),
                error=field_error_text(t, vm, "delete_confirm"),
                autofocus=True,
            ),
        ),
    ]
    if vm.error and vm.error.code != "check_fields":
        content.append(error_notice(t.error(vm.error)))
    return ft.AlertDialog(
        title=ft.Text(t.t("privacy.delete_title")),
        content=ft.Column(content, tight=True, spacing=12, width=420),
        scrollable=True,
        on_dismiss=lambda: vm.ask_delete(False),
        actions=[
            tagged(
                "delete-cancel",
                ft.TextButton(t.t("common.cancel"), on_click=lambda: vm.ask_delete(False)),
            ),
            tagged(
                "delete-confirm",
                ft.FilledButton(
                    t.t("privacy.delete_button"),
                    on_click=on_confirm,
                    disabled=not vm.delete_confirmed or vm.busy,
                    style=ft.ButtonStyle(  # greyed until the phone is typed: it must look off
                        bgcolor={
                            ft.ControlState.DISABLED: ft.Colors.SURFACE_CONTAINER_HIGHEST,
                            ft.ControlState.DEFAULT: ft.Colors.ERROR,
                        },
                        color={
                            ft.ControlState.DISABLED: ft.Colors.ON_SURFACE_VARIANT,
                            ft.ControlState.DEFAULT: ft.Colors.ON_ERROR,
                        },
                    ),
                ),
            ),
        ],
    )
