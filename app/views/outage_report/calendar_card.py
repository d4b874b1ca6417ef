"""Lịch: the unplanned power cuts of the selected code's area, beside the planned ones
(hidden when there are none); each leads to its incident page. The calendar's view model
loads them (its grid marks their days too)."""

from __future__ import annotations

import flet as ft

from app.context import use_t
from app.i18n import Translator
from app.views.outage_report.widgets import status_chip
from app.widgets.semantics import tagged
from domain.models.incidents import IncidentPublic


def incident_tile(t: Translator, inc: IncidentPublic, tag: str = "calendar-incident") -> ft.Control:
    go = ft.context.page.navigate
    return tagged(
        f"{tag}-{inc.id}",
        ft.ListTile(
            leading=ft.Icon(ft.Icons.FLASH_OFF, color=ft.Colors.ERROR),
            title=ft.Text(inc.area_name or inc.area),
            subtitle=ft.Text(
                t.t("incidents.eta", at=t.datetime(inc.eta))
                if inc.eta
                else t.t("incidents.staff_opened", at=t.datetime(inc.opened_at))
            ),
            trailing=status_chip(t, inc.status),
            on_click=lambda _, i=inc.id: go(f"/incidents/{i}"),
        ),
    )


@ft.component
def UnplannedCard(items: list[IncidentPublic]) -> ft.Control:
    t = use_t()
    if not items:
        return ft.Container(visible=False)
    return tagged(
        "calendar-unplanned",
        ft.Card(
            ft.Column(
                [
                    ft.Container(
                        ft.Text(
                            t.t("incidents.calendar_title"),
                            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                        ),
                        padding=ft.Padding.only(left=16, top=12, right=16),
                    ),
                    *[incident_tile(t, inc) for inc in items],
                ],
                spacing=0,
            )
        ),
        container=True,
    )
