"""Pieces of Lịch: time windows in Vietnam's time, outage cards, the legend."""

from __future__ import annotations

import flet as ft

from app.i18n import LOCAL_TZ, Translator
from app.widgets.semantics import tagged
from domain.models.outages import OutagePublic

# status -> (icon, colour); cancelled and changed must stand out from a plain planned one.
STATUS_LOOK = {
    "planned": (ft.Icons.EVENT_OUTLINED, ft.Colors.PRIMARY),
    "changed": (ft.Icons.UPDATE, ft.Colors.TERTIARY),
    "cancelled": (ft.Icons.EVENT_BUSY, ft.Colors.ERROR),
    "in_progress": (ft.Icons.POWER_OFF, ft.Colors.ERROR),
    "done": (ft.Icons.POWER, ft.Colors.OUTLINE),
}
# Outage days are the loud ones (solid error colour); reading days a quiet brand tint.
OUTAGE_BG, ON_OUTAGE = ft.Colors.ERROR, ft.Colors.ON_ERROR
READING_BG, ON_READING = ft.Colors.PRIMARY_CONTAINER, ft.Colors.ON_PRIMARY_CONTAINER


def time_window(t: Translator, outage: OutagePublic) -> str:
    """`01/12/2026 08:00 – 16:00`, or both dates when it spans midnight (Vietnam's time)."""
    start, end = outage.starts_at.astimezone(LOCAL_TZ), outage.ends_at.astimezone(LOCAL_TZ)
    first = f"{t.date(start.date())} {start:%H:%M}"
    second = f"{end:%H:%M}" if end.date() == start.date() else f"{t.date(end.date())} {end:%H:%M}"
    return t.t("outages.window", start=first, end=second)


def status_chip(t: Translator, status: str) -> ft.Control:
    icon, colour = STATUS_LOOK.get(status, STATUS_LOOK["planned"])
    return ft.Container(
        ft.Row(
            [
                ft.Icon(icon, size=16, color=colour),
                ft.Text(t.t(f"calendar.status.{status}"), size=12, color=colour),
            ],
            tight=True,
            spacing=4,
        ),
        border=ft.Border.all(1, colour),
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
    )


def outage_card(t: Translator, outage: OutagePublic, prefix: str = "outage") -> ft.Control:
    cancelled = outage.status == "cancelled"
    window = ft.Text(
        time_window(t, outage),
        weight=ft.FontWeight.BOLD,
        style=ft.TextStyle(decoration=ft.TextDecoration.LINE_THROUGH) if cancelled else None,
        color=ft.Colors.ON_SURFACE_VARIANT if cancelled else None,
    )
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.POWER_OFF_OUTLINED, color=ft.Colors.ERROR),
                ft.Container(window, expand=True),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
        ft.Row([status_chip(t, outage.status)], wrap=True),
        ft.Text(t.t("calendar.area", area=outage.area_name or outage.area)),
        ft.Text(t.t("calendar.reason", reason=outage.reason_in(t.locale))),
    ]
    if outage.status == "changed":
        lines.append(ft.Text(t.t("calendar.changed_note"), italic=True, size=12))
    if cancelled:
        lines.append(ft.Text(t.t("calendar.cancelled_note"), color=ft.Colors.ERROR, size=12))
    return tagged(
        f"{prefix}-{outage.id}",
        ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12)),
        container=True,
        key=f"{prefix}-{outage.id}",
    )


def legend(t: Translator) -> ft.Control:
    def item(swatch: ft.Control, key: str) -> ft.Control:
        return ft.Row([swatch, ft.Text(t.t(key), size=12)], tight=True, spacing=6)

    def box(bg: str | None = None, border: str | None = None) -> ft.Control:
        return ft.Container(
            width=16,
            height=16,
            bgcolor=bg,
            border_radius=4,
            border=ft.Border.all(2, border) if border else None,
        )

    return tagged(
        "calendar-legend",
        ft.Row(
            [
                item(box(OUTAGE_BG), "calendar.legend.outage"),
                item(box(READING_BG), "calendar.legend.reading"),
                item(
                    ft.Icon(ft.Icons.FLASH_OFF, size=16, color=ft.Colors.ERROR),
                    "calendar.legend.unplanned",
                ),
                item(box(border=ft.Colors.PRIMARY), "calendar.legend.today"),
                item(
                    box(ft.Colors.SURFACE_CONTAINER_HIGHEST, ft.Colors.OUTLINE),
                    "calendar.legend.cancelled",
                ),
            ],
            wrap=True,
            spacing=16,
            run_spacing=6,
        ),
        container=True,
    )
