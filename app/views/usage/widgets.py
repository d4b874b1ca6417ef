"""Cards of Sản lượng: the mode and unit switches, the chart card, summary figures, forecast."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import flet as ft

from app.i18n import Translator
from app.views.usage.labels import change_text, value_text
from app.widgets.semantics import tagged
from app.widgets.touch import target_style, touch_height
from domain.models.usage import Forecast


def card(controls: list[ft.Control], identifier: str, padding: int = 16) -> ft.Control:
    return tagged(
        identifier,
        ft.Card(
            ft.Container(
                ft.Column(controls, spacing=10, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                padding=padding,
            )
        ),
        container=True,
    )


def heading(text: str) -> ft.Control:
    return ft.Semantics(
        header=True, content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    )


def switch(
    identifier: str, label: str, choices: list[tuple[str, str]], chosen: str, on_pick: Callable
) -> ft.Control:
    """A SegmentedButton of two or three choices (value, text)."""
    return tagged(
        identifier,
        ft.SegmentedButton(
            style=target_style(touch_height()),  # 48 px (72 on a kiosk)
            segments=[ft.Segment(value=v, label=ft.Text(text)) for v, text in choices],
            selected=[chosen],
            show_selected_icon=False,
            on_change=lambda e: on_pick(e.control.selected[0]) if e.control.selected else None,
        ),
        label=label,
    )


def figure(
    label: str, value: str, identifier: str, colour: str | None = None, wide: bool = False
) -> ft.Control:
    return tagged(
        identifier,
        ft.Container(
            ft.Column(
                [
                    ft.Text(label, size=12, color=ft.Colors.ON_SURFACE_VARIANT),
                    ft.Text(value, theme_style=ft.TextThemeStyle.TITLE_MEDIUM, color=colour),
                ],
                spacing=2,
            ),
            padding=ft.Padding.symmetric(horizontal=12, vertical=8),
            border_radius=12,
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
        ),
        container=True,
        col={"xs": 12 if wide else 6, "sm": 4},
    )


def change_colour(change: Decimal | None) -> str | None:
    if change is None or change == 0:
        return None
    return ft.Colors.ERROR if change > 0 else ft.Colors.PRIMARY


def forecast_card(t: Translator, forecast: Forecast | None, threshold: int | None) -> ft.Control:
    lines: list[ft.Control] = [heading(t.t("usage.forecast_title"))]
    if forecast is None:
        lines.append(ft.Text(t.t("usage.forecast_none")))
        return card(lines, "usage-forecast")
    lines += [
        ft.Text(
            t.money(forecast.projected_total),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.BOLD,
        ),
        ft.Text(
            t.t(
                "usage.forecast_period",
                kwh=value_text(t, forecast.projected_kwh, "kwh", daily=True),
                start=t.date(forecast.period_start),
                end=t.date(forecast.period_end),
            )
        ),
        ft.ProgressBar(
            value=min(1.0, forecast.days_elapsed / max(1, forecast.days_total)),
            semantics_label=t.t(
                "usage.forecast_days", days=forecast.days_elapsed, total=forecast.days_total
            ),
        ),
        ft.Text(
            t.t("usage.forecast_days", days=forecast.days_elapsed, total=forecast.days_total),
            size=12,
        ),
    ]
    if forecast.kwh_so_far is not None and forecast.as_of is not None:
        lines.append(
            ft.Text(
                t.t(
                    "usage.forecast_so_far",
                    kwh=value_text(t, forecast.kwh_so_far, "kwh", daily=True),
                    date=t.date(forecast.as_of),
                )
            )
        )
    if threshold is not None and forecast.projected_total > threshold:
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, color=ft.Colors.ERROR),
                    ft.Text(
                        t.t("usage.forecast_over", amount=t.money(threshold)),
                        color=ft.Colors.ERROR,
                        expand=True,
                    ),
                ]
            )
        )
    lines.append(
        ft.Text(
            t.t(f"usage.forecast_basis_{forecast.basis}"),
            size=12,
            color=ft.Colors.ON_SURFACE_VARIANT,
        )
    )
    return card(lines, "usage-forecast")


def change_figure(
    t: Translator, label: str, change: Decimal | None, wide: bool = False
) -> ft.Control:
    return figure(label, change_text(t, change), "usage-change", change_colour(change), wide)
