"""The bar chart of usage: one bar per day, or per month with last year's month beside it."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

import flet as ft
import flet_charts as fch

from app.i18n import Translator
from app.views.usage.labels import axis_value, bar_caption, short_month
from app.views.usage.series import Point, Unit

CURRENT = ft.Colors.PRIMARY
LAST_YEAR = ft.Colors.TERTIARY
# Month not billed / day estimated: lighter, yet 3:1 against the card (tests/app/test_contrast.py).
SO_FAR_OPACITY = 0.7
SO_FAR = ft.Colors.with_opacity(SO_FAR_OPACITY, ft.Colors.PRIMARY)
CHART_HEIGHT = 240
LEFT_AXIS = 44


def nice_step(peak: float, lines: int = 4) -> float:
    """A round grid step (1, 2, 2.5 or 5 × 10^n) giving about `lines` grid lines."""
    if peak <= 0:
        return 1.0
    raw = peak / lines
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _rod(value: Decimal | int | None, colour: str, width: float, tip: str, selected: bool):
    if value is None:
        return None
    return fch.BarChartRod(
        from_y=0,
        to_y=float(value),
        width=width,
        color=colour,
        border_radius=ft.BorderRadius.only(top_left=3, top_right=3),
        border_side=ft.BorderSide(2, ft.Colors.ON_SURFACE) if selected else None,
        tooltip=fch.BarChartRodTooltip(
            text=tip, text_style=ft.TextStyle(color=ft.Colors.ON_INVERSE_SURFACE, size=12)
        ),
    )


def _hollow(value: Decimal | int | None, width: float, tip: str):
    """An estimated day: an outlined bar (dashes are not available on chart rods)."""
    if value is None:
        return None
    return fch.BarChartRod(
        from_y=0,
        to_y=float(value),
        width=width,
        color=ft.Colors.SURFACE,
        border_radius=ft.BorderRadius.only(top_left=3, top_right=3),
        border_side=ft.BorderSide(2, CURRENT),
        tooltip=fch.BarChartRodTooltip(
            text=tip, text_style=ft.TextStyle(color=ft.Colors.ON_INVERSE_SURFACE, size=12)
        ),
    )


def _missing(top: float, width: float, tip: str):
    """A missing day: a short grey stub at the axis, never a bar of 0 kWh."""
    return fch.BarChartRod(
        from_y=0,
        to_y=top * 0.03,
        width=width,
        color=ft.Colors.OUTLINE,
        tooltip=fch.BarChartRodTooltip(
            text=tip, text_style=ft.TextStyle(color=ft.Colors.ON_INVERSE_SURFACE, size=12)
        ),
    )


def usage_chart(
    t: Translator,
    points: list[Point],
    *,
    monthly: bool,
    unit: Unit,
    width: float,
    selected: int | None,
    on_select: Callable[[int | None], None],
) -> ft.Control:
    """`width` is the room for the chart; bars get thinner on a phone, never fewer than shown."""
    count = max(1, len(points))
    slot = max(6.0, (width - LEFT_AXIS) / count)
    rod_width = max(3.0, min(18.0, slot * (0.34 if monthly else 0.62)))
    peak = max(
        [float(v) for p in points for v in (p.value, p.previous if monthly else None) if v],
        default=0.0,
    )
    step = nice_step(peak)
    top = step * max(1, math.ceil(peak / step)) if peak else step
    groups = []
    # Daily: a day with no reading before the last day read is missing (issue 18), not "future".
    last_read = max((x for x, p in enumerate(points) if p.value is not None), default=-1)
    for x, point in enumerate(points):
        chosen = x == selected
        tip = bar_caption(t, point, monthly=monthly, unit=unit)
        colour = SO_FAR if (not point.billed or point.estimated) else CURRENT
        rods = [
            _rod(point.previous, LAST_YEAR, rod_width, tip, chosen) if monthly else None,
            _rod(point.value, colour, rod_width, tip, chosen),
        ]
        if point.estimated:
            rods[1] = _hollow(point.value, rod_width, tip)  # a shape, not only a colour
        elif not monthly and point.value is None and x < last_read:
            rods[1] = _missing(top, rod_width, t.t("usage.missing_day"))
        groups.append(fch.BarChartGroup(x=x, rods=[r for r in rods if r is not None], spacing=2))
    every = 1 if count <= 12 else 2
    bottom = [
        fch.ChartAxisLabel(
            value=x,
            label=ft.Text(
                short_month(t, p.key) if monthly else str(p.key.day),
                size=10,
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        )
        for x, p in enumerate(points)
        if (monthly and (count - 1 - x) % every == 0)
        or (not monthly and (p.key.day == 1 or p.key.day % 5 == 0))
    ]
    left = [
        fch.ChartAxisLabel(
            value=step * i,
            label=ft.Text(
                axis_value(t, step * i, unit), size=10, color=ft.Colors.ON_SURFACE_VARIANT
            ),
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
        bottom_axis=fch.ChartAxis(labels=bottom, label_size=32),
        tooltip=fch.BarChartTooltip(
            bgcolor=ft.Colors.INVERSE_SURFACE,
            fit_inside_horizontally=True,
            fit_inside_vertically=True,
        ),
        on_event=tapped,
    )


def daily_legend(t: Translator) -> ft.Control:
    """What the daily chart's shapes mean: measured, estimated (outlined), missing (stub)."""

    def key(box: ft.Container, text: str) -> ft.Control:
        return ft.Row([box, ft.Text(text, size=12)], tight=True, spacing=6)

    return ft.Row(
        [
            key(ft.Container(width=14, height=14, bgcolor=CURRENT, border_radius=3),
                t.t("usage.measured_day")),
            key(ft.Container(width=14, height=14, bgcolor=ft.Colors.SURFACE, border_radius=3,
                             border=ft.Border.all(2, CURRENT)), t.t("usage.estimated_day_key")),
            key(ft.Container(width=14, height=4, bgcolor=ft.Colors.OUTLINE),
                t.t("usage.missing_day")),
        ],
        wrap=True,
        spacing=16,
        run_spacing=4,
    )  # fmt: skip


def legend(t: Translator, unit: Unit) -> ft.Control:
    def key(colour: str, text: str) -> ft.Control:
        return ft.Row(
            [
                ft.Container(width=14, height=14, bgcolor=colour, border_radius=3),
                ft.Text(text, size=12),
            ],
            tight=True,
            spacing=6,
        )

    return ft.Row(
        [
            key(CURRENT, t.t(f"usage.series_{unit}")),
            key(LAST_YEAR, t.t("usage.same_month_last_year")),
            key(SO_FAR, t.t("usage.so_far")),
            ft.Row(
                [
                    ft.Container(
                        width=14,
                        height=14,
                        bgcolor=ft.Colors.SURFACE,
                        border_radius=3,
                        border=ft.Border.all(2, CURRENT),
                    ),
                    ft.Text(t.t("usage.estimated_month_key"), size=12),
                ],
                tight=True,
                spacing=6,
            ),
        ],
        wrap=True,
        spacing=16,
        run_spacing=4,
    )
