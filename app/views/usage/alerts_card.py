"""Ngưỡng cảnh báo: kWh in one day and the forecast bill, each empty to turn it off."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.i18n import Translator
from app.views.usage.alerts_view_model import AlertsViewModel
from app.views.usage.widgets import card, heading
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.states import load_failed, loading


def alerts_card(t: Translator, vm: AlertsViewModel, manual_meter: bool) -> ft.Control:
    lines: list[ft.Control] = [heading(t.t("usage.alerts_title"))]
    if not vm.loaded:
        if vm.error:
            lines.append(load_failed(t, vm.error, partial(vm.load, vm.code)))
        else:
            lines.append(loading(t.t("common.loading")))
        return card(lines, "usage-alerts")
    lines += [
        ft.Text(t.t("usage.alerts_intro"), size=13),
        text_field(t, vm, "kwh_text", "usage.alert_kwh", "alert-kwh", kind="number"),
    ]
    if manual_meter:
        lines.append(
            ft.Text(t.t("usage.alert_kwh_manual"), size=12, color=ft.Colors.ON_SURFACE_VARIANT)
        )
    lines += [
        text_field(
            t, vm, "vnd_text", "usage.alert_vnd", "alert-vnd", kind="number", on_submit=vm.save
        ),
        *form_messages(t, vm),
        submit_button(t.t("usage.alerts_save"), "alerts-save", vm, vm.save),
    ]
    return card(lines, "usage-alerts")
