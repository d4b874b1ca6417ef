"""Theo giờ drawn: 24 hourly bars (import, with export or the day compared beside it) and the
same numbers as a table of the 48 half-hours, for screen readers and for copying."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import flet as ft
import flet_charts as fch

from app.i18n import Translator
from app.views.usage.chart import CHART_HEIGHT, LAST_YEAR, LEFT_AXIS, nice_step
from app.views.usage.intervals_view_model import HourBar, IntervalsViewModel

IMPORT = ft.Colors.PRIMARY
EXPORT = ft.Colors.TERTIARY  # solar: energy sent to the grid (3:1 on cards, test_contrast)
COMPARE = LAST_YEAR

# Flet 1.0 declares DataColumn as a dataclass with an InitVar that mypy reads as a required
# positional argument; the runtime takes a label control (e2e: tests/e2e/test_intervals_e2e.py).
DataColumn: Any = ft.DataColumn


def kwh(t: Translator, value: Decimal | None, digits: int = 2) -> str:
    return t.t("usage.no_value") if value is None else t.kwh(value, digits)


def hour_caption(t: Translator, bar: HourBar) -> str:
    start, end = f"{bar.hour:02d}:00", f"{(bar.hour + 1) % 24:02d}:00"
    if bar.export_kwh is not None:
        text = t.t(
            "intervals.hour_caption_export",
            start=start,
            end=end,
            kwh=kwh(t, bar.import_kwh),
            export=kwh(t, bar.export_kwh),
        )
    else:
        text = t.t("intervals.hour_caption", start=start, end=end, kwh=kwh(t, bar.import_kwh))
    if bar.compare_kwh is not None:
        text += t.t("intervals.hour_caption_compare", compare=kwh(t, bar.compare_kwh))
    return text


def _rod(value: Decimal | None, colour: str, width: float, tip: str, chosen: bool):
    if value is None:
        return None
    return fch.BarChartRod(
        from_y=0,
        to_y=float(value),
        width=width,
        color=colour,
        border_radius=ft.BorderRadius.only(top_left=2, top_right=2),
        border_side=ft.BorderSide(2, ft.Colors.ON_SURFACE) if chosen else None,
        tooltip=fch.BarChartRodTooltip(
            text=tip, text_style=ft.TextStyle(color=ft.Colors.ON_INVERSE_SURFACE, size=12)
        ),
    )


def hourly_chart(
    t: Translator,
    bars: list[HourBar],
    solar: bool,
    width: float,
    selected: int | None,
    on_select: Callable[[int | None], None],
) -> ft.Control:
    slot = max(8.0, (width - LEFT_AXIS) / 24)
    rod = max(2.5, min(10.0, slot * 0.34))
    values = [float(v) for b in bars for v in (b.import_kwh, b.export_kwh, b.compare_kwh) if v]
    peak = max(values, default=0.0)
    step = nice_step(peak)
    top = step * max(1, math.ceil(peak / step)) if peak else step
    groups = []
    for b in bars:
        tip, chosen = hour_caption(t, b), b.hour == selected
        second = (
            _rod(b.export_kwh, EXPORT, rod, tip, chosen)
            if solar
            else _rod(b.compare_kwh, COMPARE, rod, tip, chosen)
        )
        rods = [r for r in (_rod(b.import_kwh, IMPORT, rod, tip, chosen), second) if r]
        groups.append(fch.BarChartGroup(x=b.hour, rods=rods, spacing=1))
    small = ft.Colors.ON_SURFACE_VARIANT
    bottom = [
        fch.ChartAxisLabel(value=h, label=ft.Text(f"{h}h", size=10, color=small))
        for h in range(0, 24, 3)
    ]
    left = [
        fch.ChartAxisLabel(
            value=step * i, label=ft.Text(t.number(step * i, 1), size=10, color=small)
        )
        for i in range(0, round(top / step) + 1)
    ]

    def tapped(e: fch.BarChartEvent) -> None:
        if e.type == fch.ChartEventType.TAP_UP and e.group_index is not None:
            on_select(e.group_index if e.group_index >= 0 else None)

    return fch.BarChart(
        groups=groups,
        group_alignment=ft.MainAxisAlignment.SPACE_AROUND,
        max_y=top,
        min_y=0,
        height=CHART_HEIGHT,
        width=width,
        interactive=True,
        horizontal_grid_lines=fch.ChartGridLines(
            interval=step, color=ft.Colors.OUTLINE_VARIANT, width=1
        ),
        left_axis=fch.ChartAxis(labels=left, label_size=LEFT_AXIS),
        bottom_axis=fch.ChartAxis(labels=bottom, label_size=24),
        tooltip=fch.BarChartTooltip(
            bgcolor=ft.Colors.INVERSE_SURFACE,
            fit_inside_horizontally=True,
            fit_inside_vertically=True,
        ),
        on_event=tapped,
    )


def compare_title(t: Translator, vm: IntervalsViewModel) -> str:
    assert vm.curve
    c = vm.curve.previous_day if vm.against == "previous_day" else vm.curve.same_weekday_last_week
    return t.t(f"intervals.compare_{vm.against}", date=t.date(c.date))


def legend(t: Translator, vm: IntervalsViewModel) -> ft.Control:
    def key(colour: str, text: str) -> ft.Control:
        return ft.Row(
            [
                ft.Container(width=14, height=14, bgcolor=colour, border_radius=3),
                ft.Text(text, size=12),
            ],
            tight=True,
            spacing=6,
        )

    keys = [key(IMPORT, t.t("intervals.import"))]
    if vm.solar:
        keys.append(key(EXPORT, t.t("intervals.export")))
    elif vm.compared is not None:
        keys.append(key(COMPARE, compare_title(t, vm)))
    else:
        keys.append(
            ft.Text(t.t("intervals.no_compare"), size=12, color=ft.Colors.ON_SURFACE_VARIANT)
        )
    return ft.Row(keys, wrap=True, spacing=16, run_spacing=4)


def table(t: Translator, vm: IntervalsViewModel) -> ft.Control:
    """Every half-hour as a row: the numbers of the chart, readable one by one."""
    columns = [DataColumn(ft.Text(t.t("intervals.time")))]
    columns.append(DataColumn(ft.Text(t.t("intervals.import")), numeric=True))
    if vm.solar:
        columns.append(DataColumn(ft.Text(t.t("intervals.export")), numeric=True))
        columns.append(DataColumn(ft.Text(t.t("intervals.net")), numeric=True))
    columns.append(DataColumn(ft.Text(compare_title(t, vm)), numeric=True))
    rows = []
    for r in vm.rows():
        cells = [r.start, t.number(r.import_kwh, 3)]
        if vm.solar:
            cells += [t.number(r.export_kwh or 0, 3), t.number(r.net_kwh, 3)]
        cells.append(t.number(r.compare_kwh, 3) if r.compare_kwh is not None else "–")
        rows.append(ft.DataRow(cells=[ft.DataCell(ft.Text(c)) for c in cells]))
    return ft.Row(
        [
            ft.DataTable(
                columns=columns,
                rows=rows,
                column_spacing=16,
                horizontal_margin=8,
                data_row_min_height=40,
            )
        ],
        scroll=ft.ScrollMode.AUTO,
    )
