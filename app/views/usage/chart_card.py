"""The chart card of Sản lượng (switches, month or range, bars, tapped bar) and its figures."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.i18n import Translator
from app.views.usage.chart import daily_legend, legend, usage_chart
from app.views.usage.labels import axis_title, bar_caption, month_label, value_text
from app.views.usage.series import average
from app.views.usage.view_model import UsageViewModel
from app.views.usage.widgets import card, change_figure, figure, switch
from app.widgets.semantics import tagged
from app.widgets.states import empty
from app.widgets.stepper import stepper


def caption(t: Translator, vm: UsageViewModel, per_page: int) -> ft.Control:
    points = vm.points(per_page)
    point = vm.selected_point(per_page)
    monthly = vm.mode == "monthly"
    text = bar_caption(t, point, monthly=monthly, unit=vm.unit) if point else t.t("usage.tap_hint")
    last = len(points) - 1

    def move(step: int) -> None:
        if vm.selected is None:
            vm.select(last if step < 0 else 0)
        else:
            vm.select(min(last, max(0, vm.selected + step)))

    def arrow(name: str, icon: ft.IconData, key: str, step: int) -> ft.Control:
        return tagged(
            f"usage-select-{name}",
            ft.IconButton(icon, tooltip=t.t(key), on_click=lambda: move(step), disabled=last < 0),
            label=t.t(key),
        )

    return ft.Row(
        [
            arrow("prev", ft.Icons.ARROW_LEFT, "usage.select_prev", -1),
            tagged(
                "usage-selected",
                ft.Semantics(
                    live_region=True, content=ft.Text(text, text_align=ft.TextAlign.CENTER)
                ),
                container=True,
                expand=True,
            ),
            arrow("next", ft.Icons.ARROW_RIGHT, "usage.select_next", 1),
        ],
    )


def mode_switch(t: Translator, vm: UsageViewModel) -> ft.Control:
    """Theo ngày / Theo tháng, and Theo giờ for a remote-read meter (issue 19)."""
    choices = [("daily", t.t("usage.daily")), ("monthly", t.t("usage.monthly"))]
    if vm.daily_note is None:
        choices.append(("intervals", t.t("usage.intervals")))
    return switch("usage-mode", t.t("usage.mode_label"), choices, vm.mode, vm.set_mode)


def chart_card(t: Translator, vm: UsageViewModel, room: float, per_page: int) -> ft.Control:
    assert vm.month
    monthly = vm.mode == "monthly"
    controls: list[ft.Control] = [
        ft.Row(
            [
                mode_switch(t, vm),
                switch(
                    "usage-unit",
                    t.t("usage.unit_label"),
                    [("kwh", t.t("usage.unit_kwh")), ("vnd", t.t("usage.unit_vnd"))],
                    vm.unit,
                    vm.set_unit,
                ),
            ],
            wrap=True,
            spacing=12,
            run_spacing=8,
            alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
        )
    ]
    if not monthly:
        controls.append(
            stepper(
                "usage-month",
                month_label(t, vm.month),
                (t.t("usage.prev_month"), partial(vm.show_month, -1) if vm.can_go_back else None),
                (
                    t.t("usage.next_month"),
                    partial(vm.show_month, 1) if vm.can_go_forward else None,
                ),
                busy=vm.daily_busy,
            )
        )
    elif per_page < len(vm.monthly):
        shown = vm.monthly_points(per_page)
        span = f"{shown[0].key:%m/%Y} – {shown[-1].key:%m/%Y}" if shown else ""
        controls.append(
            stepper(
                "usage-page",
                span,
                (t.t("usage.earlier"), (lambda: vm.show_page(1)) if vm.page == 0 else None),
                (t.t("usage.later"), (lambda: vm.show_page(0)) if vm.page == 1 else None),
            )
        )
    elif vm.monthly:
        span = f"{vm.monthly_points()[0].key:%m/%Y} – {vm.monthly_points()[-1].key:%m/%Y}"
        controls.append(
            tagged(
                "usage-page",
                ft.Text(
                    span, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, text_align=ft.TextAlign.CENTER
                ),
                container=True,
            )
        )
    points = vm.points(per_page)
    if not monthly and vm.daily_note:
        controls.append(
            tagged(
                "usage-daily-note",
                empty(t.t("usage.manual_meter"), ft.Icons.ELECTRIC_METER_OUTLINED),
                container=True,
            )
        )
        return card(controls, "usage-chart-card", padding=12)
    if all(p.value is None and p.previous is None for p in points):
        key = "usage.no_daily" if not monthly else "usage.no_monthly"
        controls.append(empty(t.t(key), ft.Icons.BAR_CHART))
        return card(controls, "usage-chart-card", padding=12)
    label_key = "usage.chart_monthly_label" if monthly else "usage.chart_daily_label"
    # The unit of the left axis, said once above it (not "200k" on every line).
    controls.append(ft.Text(axis_title(t, vm.unit), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
    controls.append(
        tagged(
            "usage-chart",
            usage_chart(
                t,
                points,
                monthly=monthly,
                unit=vm.unit,
                width=room,
                selected=vm.selected,
                on_select=vm.select,
            ),
            label=t.t(label_key, month=month_label(t, vm.month)),
            container=True,
        )
    )
    if monthly:
        controls.append(legend(t, vm.unit))
    else:
        controls.append(daily_legend(t))  # issue 18: estimated/missing days by shape
    controls.append(caption(t, vm, per_page))
    if not monthly and vm.unit == "vnd":
        price = vm.day_price()
        if price is not None:
            controls.append(
                ft.Text(
                    t.t("usage.vnd_note", price=t.money(int(price))),
                    size=12,
                    color=ft.Colors.ON_SURFACE_VARIANT,
                )
            )
    return card(controls, "usage-chart-card", padding=12)


def figures(t: Translator, vm: UsageViewModel, per_page: int) -> ft.Control:
    daily = vm.mode == "daily"
    if daily and vm.daily_note:
        return ft.Container(visible=False)
    points = vm.points(per_page)
    items: list[ft.Control] = []
    if daily:
        items.append(
            figure(
                t.t("usage.month_total"),
                value_text(t, vm.month_total(), vm.unit, True),
                "usage-total",
            )
        )
        items.append(
            figure(
                t.t("usage.average_day"),
                value_text(t, vm.average(), vm.unit, True),
                "usage-average",
            )
        )
        items.append(
            change_figure(t, t.t("usage.change_daily"), vm.change_vs_last_year(), wide=True)
        )
    else:
        items.append(
            figure(
                t.t("usage.average_month"), value_text(t, average(points), vm.unit), "usage-average"
            )
        )
        items.append(change_figure(t, t.t("usage.change"), vm.change_vs_last_year(per_page)))
    return ft.ResponsiveRow(items, spacing=8, run_spacing=8)
