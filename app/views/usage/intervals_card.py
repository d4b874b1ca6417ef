"""The Theo giờ card of Sản lượng: mode switch, day stepper, compare and chart/table switches,
the hourly bars or the table, the tapped hour, and the day's figures."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.i18n import Translator
from app.views.usage.chart_card import mode_switch
from app.views.usage.intervals_chart import hour_caption, hourly_chart, kwh, legend, table
from app.views.usage.intervals_view_model import IntervalsViewModel
from app.views.usage.labels import change_text
from app.views.usage.view_model import UsageViewModel
from app.views.usage.widgets import card, change_colour, figure, switch
from app.widgets.semantics import tagged
from app.widgets.states import empty
from app.widgets.stepper import stepper


def _switches(t: Translator, usage: UsageViewModel, vm: IntervalsViewModel) -> ft.Control:
    return ft.Row(
        [
            mode_switch(t, usage),
            switch(
                "intervals-against",
                t.t("intervals.against_label"),
                [
                    ("previous_day", t.t("intervals.previous_day")),
                    ("last_week", t.t("intervals.last_week")),
                ],
                vm.against,
                vm.set_against,
            ),
            switch(
                "intervals-shown",
                t.t("intervals.shown_label"),
                [("chart", t.t("intervals.chart")), ("table", t.t("intervals.table"))],
                vm.shown,
                vm.set_shown,
            ),
        ],
        wrap=True,
        spacing=12,
        run_spacing=8,
    )


def _caption(t: Translator, vm: IntervalsViewModel) -> ft.Control:
    bars = vm.hours()
    text = (
        hour_caption(t, bars[vm.selected])
        if vm.selected is not None and vm.selected < len(bars)
        else t.t("intervals.tap_hint")
    )
    return tagged(
        "intervals-selected",
        ft.Semantics(live_region=True, content=ft.Text(text, text_align=ft.TextAlign.CENTER)),
        container=True,
    )


def intervals_card(
    t: Translator, usage: UsageViewModel, vm: IntervalsViewModel, room: float
) -> ft.Control:
    controls: list[ft.Control] = [_switches(t, usage, vm)]
    if vm.day is not None:
        controls.append(
            stepper(
                "intervals-day",
                t.date(vm.day),
                (t.t("intervals.day_prev"), partial(vm.show_day, -1)),
                (t.t("intervals.day_next"), partial(vm.show_day, 1) if vm.can_go_forward else None),
                busy=vm.busy,
            )
        )
    curve = vm.curve
    if vm.error is not None and vm.error.code == "manual_meter":
        controls.append(empty(t.t("intervals.manual_meter"), ft.Icons.ELECTRIC_METER_OUTLINED))
        return card(controls, "intervals-card", padding=12)
    if curve is None or not curve.available:
        if curve is not None or not vm.busy:
            controls.append(empty(t.t("intervals.no_data"), ft.Icons.SCHEDULE))
        return card(controls, "intervals-card", padding=12)
    if vm.shown == "table":
        controls.append(tagged("intervals-table", table(t, vm), container=True))
    else:
        controls.append(ft.Text(t.t("intervals.unit"), size=12, color=ft.Colors.ON_SURFACE_VARIANT))
        controls.append(
            tagged(
                "intervals-chart",
                hourly_chart(t, vm.hours(), vm.solar, room, vm.selected, vm.select),
                label=t.t("intervals.chart_label", date=t.date(curve.date)),
                container=True,
            )
        )
        controls.append(legend(t, vm))
        controls.append(_caption(t, vm))
    return card(controls, "intervals-card", padding=12)


def intervals_figures(t: Translator, vm: IntervalsViewModel) -> ft.Control:
    curve = vm.curve
    if curve is None or not curve.available or curve.totals is None:
        return ft.Container(visible=False)
    items = [
        figure(t.t("intervals.total"), kwh(t, curve.totals.import_kwh, 1), "intervals-total"),
    ]
    if curve.peak is not None:
        peak = t.t(
            "intervals.peak_value", start=curve.peak.start, kwh=kwh(t, curve.peak.import_kwh)
        )
        items.append(figure(t.t("intervals.peak"), peak, "intervals-peak"))
    if curve.night_kwh is not None and curve.day_kwh is not None:
        split = f"{kwh(t, curve.night_kwh, 1)} / {kwh(t, curve.day_kwh, 1)}"
        items.append(figure(t.t("intervals.night_day"), split, "intervals-night-day"))
    if vm.solar:
        items.append(
            figure(t.t("intervals.export"), kwh(t, curve.totals.export_kwh, 1), "intervals-export")
        )
        items.append(figure(t.t("intervals.net"), kwh(t, curve.totals.net_kwh, 1), "intervals-net"))
    change = vm.change()
    items.append(
        figure(
            t.t("intervals.change"),
            change_text(t, change),
            "intervals-change",
            change_colour(change),
        )
    )
    return ft.ResponsiveRow(items, spacing=8, run_spacing=8)
