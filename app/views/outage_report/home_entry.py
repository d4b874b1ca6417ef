"""The signed-in home's "Báo mất điện" card, and the staff's way to the incident list."""

from __future__ import annotations

import flet as ft

from app.context import use_services
from app.i18n import Translator
from app.views.outage_report.widgets import report_entry
from app.widgets.semantics import tagged
from app.widgets.touch import touch_height


def report_cards(t: Translator) -> list[ft.Control]:
    services = use_services()
    go = ft.context.page.navigate
    cards = [report_entry(t, "home-report-outage", lambda: go("/report-outage"))]
    staff = services.staff_requests
    if staff is not None and staff.looks_like_staff():
        cards.append(
            tagged(
                "staff-incidents",
                ft.FilledTonalButton(
                    t.t("incidents.staff_title"),
                    icon=ft.Icons.SUPPORT_AGENT,
                    on_click=lambda: go("/staff/incidents"),
                    height=touch_height(),
                ),
            )
        )
    return cards
