"""Sản lượng: daily or monthly bars in kWh or VND, the tapped bar, summary, forecast, alerts."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t, use_viewport
from app.views.code_gate import code_gate
from app.views.hooks import use_load, use_view_model
from app.views.usage.alerts_card import alerts_card
from app.views.usage.alerts_view_model import AlertsViewModel
from app.views.usage.chart_card import chart_card, figures
from app.views.usage.intervals_card import intervals_card, intervals_figures
from app.views.usage.intervals_view_model import IntervalsViewModel
from app.views.usage.view_model import MONTHS, UsageViewModel
from app.views.usage.widgets import forecast_card
from app.widgets.screen import centred, page_title
from app.widgets.states import load_failed

SIDE_WIDTH = 340
WIDE_MAX = 1100
RAIL = 81  # navigation rail and its divider


def chart_room(width: float, wide: bool) -> tuple[float, int]:
    """Room for the chart inside its card, and how many months fit at once."""
    if not wide:
        return max(260.0, (width or 390) - 32 - 32), 12
    column = min((width or 1280) - RAIL - 32, WIDE_MAX) - SIDE_WIDTH - 24
    return max(300.0, column - 32), MONTHS


@ft.component
def UsageView() -> ft.Control:
    accounts = use_accounts()
    viewport = use_viewport()
    t = use_t()
    vm = use_view_model(lambda s: UsageViewModel(repo=s.usage))
    alerts = use_view_model(lambda s: AlertsViewModel(repo=s.usage))
    hourly = use_view_model(lambda s: IntervalsViewModel(repo=s.intervals))
    selected = accounts.selected
    approved = selected is not None and selected.status == "approved"
    manual = selected is not None and selected.meter_type == "manual"

    async def load() -> None:
        if approved:
            await vm.load(accounts.selected_code, selected.meter_type if selected else None)

    async def load_alerts() -> None:
        if approved:
            await alerts.load(accounts.selected_code)

    use_load(load, accounts.selected_code, approved)
    use_load(load_alerts, accounts.selected_code, approved)

    async def load_hourly() -> None:
        if approved and vm.mode == "intervals":
            await hourly.load(accounts.selected_code)

    use_load(load_hourly, accounts.selected_code, approved, vm.mode)

    title = page_title(t.t("usage.title"))
    if gate := code_gate(t, accounts, title, vm, load):
        return gate

    room, per_page = chart_room(viewport.width, viewport.wide)
    main: list[ft.Control] = [chart_card(t, vm, room, per_page), figures(t, vm, per_page)]
    if vm.mode == "intervals":
        main = [intervals_card(t, vm, hourly, room), intervals_figures(t, hourly)]
    if vm.error:  # a month that failed to load: keep the rest on screen
        main.append(load_failed(t, vm.error, load))
    threshold = alerts.saved.bill_forecast_vnd if alerts.saved else None
    side = [forecast_card(t, vm.forecast, threshold), alerts_card(t, alerts, manual)]
    if viewport.wide:
        body = ft.Row(
            [
                ft.Column(main, spacing=12, expand=True),
                ft.Column(side, spacing=12, width=SIDE_WIDTH),
            ],
            spacing=24,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        return centred([title, body], max_width=WIDE_MAX)
    return ft.Column(
        [title, *main, *side], spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH
    )
