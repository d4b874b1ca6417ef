"""Lịch: the unplanned power cuts of the selected code's area, beside the planned ones
(hidden when there are none); each leads to its incident page."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_services, use_t
from app.views.hooks import use_load, use_view_model
from app.views.outage_report.view_model import CodeIncidentsViewModel
from app.views.outage_report.widgets import status_chip
from app.widgets.semantics import tagged


@ft.component
def UnplannedCard() -> ft.Control:
    services = use_services()
    accounts = use_accounts()

    t = use_t()
    vm = use_view_model(lambda s: CodeIncidentsViewModel(repo=s.outage_reports))

    async def load() -> None:
        if services.outage_reports is not None:  # None in builds without the feature wired
            await vm.load(accounts.selected_code)

    use_load(load, accounts.selected_code)
    if not vm.items:
        return ft.Container(visible=False)
    go = ft.context.page.navigate
    rows = [
        tagged(
            f"calendar-incident-{inc.id}",
            ft.ListTile(
                leading=ft.Icon(ft.Icons.POWER_OFF_OUTLINED, color=ft.Colors.ERROR),
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
        for inc in vm.items
    ]
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
                    *rows,
                ],
                spacing=0,
            )
        ),
        container=True,
    )
