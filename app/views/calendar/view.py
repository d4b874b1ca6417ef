"""Lịch: the month with outage and reading days marked, the chosen day, upcoming outages."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t, use_viewport
from app.i18n import Translator
from app.views.calendar.month_view import month_grid_view
from app.views.calendar.view_model import UPCOMING_DAYS, CalendarViewModel
from app.views.calendar.widgets import legend, outage_card
from app.views.code_gate import code_gate
from app.views.hooks import use_load, use_view_model
from app.views.outage_report.calendar_card import UnplannedCard, incident_tile
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed


def heading(text: str) -> ft.Control:
    return ft.Semantics(
        header=True, content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    )


def day_panel(t: Translator, vm: CalendarViewModel) -> ft.Control | None:
    day = vm.selected_day
    if day is None:
        return None
    lines: list[ft.Control] = [heading(t.t("calendar.day_title", date=t.date(day)))]
    if day in vm.reading_dates:
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.SPEED, size=18),
                    ft.Text(t.t("calendar.day_reading"), expand=True),
                ]
            )
        )
    on_day = vm.outages_on(day)
    lines += [outage_card(t, o, "day-outage") for o in on_day]
    unplanned = vm.incidents_on(day)
    lines += [incident_tile(t, inc, "day-incident") for inc in unplanned]
    if not on_day and not unplanned:
        lines.append(ft.Text(t.t("calendar.day_none")))
    return tagged("calendar-day", ft.Column(lines, spacing=8), container=True)


def reading_lines(t: Translator, vm: CalendarViewModel) -> list[ft.Control]:
    if not vm.reading_dates:
        return []
    return [
        heading(t.t("calendar.reading_schedule")),
        tagged(
            "reading-schedule",
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.SPEED, size=18, color=ft.Colors.PRIMARY),
                            ft.Text(t.t("calendar.reading_on", date=t.date(d))),
                        ]
                    )
                    for d in vm.reading_dates
                ],
                spacing=4,
            ),
            container=True,
        ),
    ]


def upcoming_list(t: Translator, vm: CalendarViewModel) -> list[ft.Control]:
    items: list[ft.Control] = [heading(t.t("calendar.upcoming"))]
    if vm.upcoming:
        items += [outage_card(t, o) for o in vm.upcoming]
    else:
        items.append(
            empty(t.t("calendar.upcoming_none", days=UPCOMING_DAYS), ft.Icons.EVENT_AVAILABLE)
        )
    items.append(ft.Text(t.t("calendar.timezone"), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
    return [tagged("upcoming-outages", ft.Column(items, spacing=8), container=True)]


@ft.component
def CalendarView() -> ft.Control:
    accounts = use_accounts()
    viewport = use_viewport()
    t = use_t()
    vm = use_view_model(
        lambda s: CalendarViewModel(
            repo=s.outages, public=s.public, incidents_repo=s.outage_reports
        )
    )
    selected = accounts.selected
    approved = selected is None or selected.status == "approved"

    async def load() -> None:
        await vm.load(accounts.selected_code, approved=approved)

    use_load(load, accounts.selected_code, approved)

    title = page_title(t.t("outages.title"))
    if gate := code_gate(t, accounts, title, vm, load, needs_approval=False):
        return gate

    calendar_part: list[ft.Control] = [
        tagged(
            "calendar",
            ft.Card(ft.Container(month_grid_view(t, vm, compact=not viewport.wide), padding=12)),
            container=True,
        ),
        legend(t),
    ]
    if vm.limited and selected is not None:  # awaiting approval: the public schedule only
        calendar_part.append(
            tagged(
                "calendar-limited",
                ft.Container(
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.LOCK_CLOCK, color=ft.Colors.ON_SURFACE_VARIANT),
                            ft.Text(t.t("calendar.limited"), expand=True),
                        ]
                    ),
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                    border_radius=12,
                    padding=12,
                ),
                container=True,
            )
        )
    if vm.error:  # a month that failed to load: keep the rest on screen
        calendar_part.append(load_failed(t, vm.error, load))
    if panel := day_panel(t, vm):
        calendar_part.append(panel)
    calendar_part += reading_lines(t, vm)
    right = [
        UnplannedCard(vm.incidents),
        *upcoming_list(t, vm),
    ]  # unplanned beside planned (issue 17)
    if viewport.wide:
        body = ft.Row(
            [
                ft.Column(calendar_part, spacing=12, width=460),
                ft.Column(right, spacing=12, expand=True),
            ],
            spacing=24,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        return centred([title, body], max_width=1100)
    return ft.Column(
        [title, *calendar_part, *right],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
