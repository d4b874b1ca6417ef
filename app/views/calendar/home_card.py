"""Trang chủ's card of the selected code's next planned outage, with a way into Lịch."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.views.calendar.view_model import UPCOMING_DAYS, CalendarViewModel
from app.views.calendar.widgets import status_chip, time_window
from app.views.hooks import use_load, use_view_model
from app.widgets.semantics import tagged


@ft.component
def NextOutageCard() -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(lambda s: CalendarViewModel(repo=s.outages))
    selected = accounts.selected
    approved = selected is not None and selected.status == "approved"

    async def load() -> None:
        if approved:
            await vm.load(accounts.selected_code)

    use_load(load, accounts.selected_code, approved)
    if not approved or not vm.loaded or vm.code != accounts.selected_code:
        return ft.Container(visible=False)  # nothing to say yet; Home shows its own loading
    outage = vm.next_outage
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.POWER_OFF_OUTLINED, color=ft.Colors.ERROR),
                ft.Text(
                    t.t("calendar.next_outage"),
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    expand=True,
                ),
            ]
        )
    ]
    if outage is None:
        lines.append(ft.Text(t.t("calendar.upcoming_none", days=UPCOMING_DAYS)))
    else:
        lines += [
            ft.Text(time_window(t, outage), weight=ft.FontWeight.BOLD),
            ft.Text(t.t("calendar.reason", reason=outage.reason_in(t.locale))),
        ]
        if outage.status != "planned":
            lines.append(ft.Row([status_chip(t, outage.status)]))
    lines.append(
        ft.Row(
            [
                tagged(
                    "next-outage-open",
                    ft.TextButton(
                        t.t("calendar.open"),
                        icon=ft.Icons.CALENDAR_MONTH,
                        on_click=lambda: ft.context.page.navigate("/calendar"),
                    ),
                )
            ],
            alignment=ft.MainAxisAlignment.END,
        )
    )
    return tagged(
        "next-outage",
        ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=16)),
        container=True,
    )
