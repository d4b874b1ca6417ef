"""The month grid of Lịch, drawn with rows of day cells (Monday first, Vietnamese names)."""

from __future__ import annotations

from datetime import date
from functools import partial

import flet as ft
from babel.dates import format_date

from app.i18n import Translator
from app.views.calendar.month import WEEKDAYS
from app.views.calendar.view_model import CalendarViewModel, DayMarks
from app.views.calendar.widgets import ON_OUTAGE, ON_READING, OUTAGE_BG, READING_BG
from app.widgets.semantics import tagged


def month_title(t: Translator, month: date) -> str:
    name = str(month.month) if t.locale == "vi" else format_date(month, "LLLL", locale="en_US")
    return t.t("calendar.month_title", month=name, year=month.year)


def day_label(t: Translator, day: date, marks: DayMarks) -> str:
    """What a screen reader says for a day: the date and its marks."""
    parts = [t.date(day)]
    if marks.outage:
        parts.append(t.t("calendar.legend.outage"))
    if marks.cancelled:
        parts.append(t.t("calendar.legend.cancelled"))
    if marks.unplanned:
        parts.append(t.t("calendar.legend.unplanned"))
    if marks.reading:
        parts.append(t.t("calendar.legend.reading"))
    if marks.today:
        parts.append(t.t("calendar.legend.today"))
    return ", ".join(parts)


def _cell(t: Translator, vm: CalendarViewModel, day: date | None, height: int) -> ft.Control:
    if day is None:
        return ft.Container(expand=1, height=height)
    m = vm.marks(day)
    bg = OUTAGE_BG if m.outage else READING_BG if m.reading else None
    if m.cancelled and not m.reading:
        bg = ft.Colors.SURFACE_CONTAINER_HIGHEST
    colour = ON_OUTAGE if m.outage else ON_READING if m.reading else None
    dots: list[ft.Control] = []
    if m.outage:
        dots.append(ft.Icon(ft.Icons.POWER_OFF, size=12, color=colour))
    if m.unplanned:  # an icon of its own, not colour alone (it may share a planned day)
        dots.append(ft.Icon(ft.Icons.FLASH_OFF, size=12, color=ft.Colors.ERROR))
    if m.reading:
        dots.append(ft.Icon(ft.Icons.SPEED, size=12, color=colour))
    if m.cancelled:
        dots.append(ft.Icon(ft.Icons.EVENT_BUSY, size=12, color=ft.Colors.OUTLINE))
    border = None
    if m.selected:
        border = ft.Border.all(3, ft.Colors.ON_SURFACE)
    elif m.today:
        border = ft.Border.all(2, ft.Colors.PRIMARY)
    elif m.unplanned:
        border = ft.Border.all(2, ft.Colors.ERROR)
    cell = ft.Container(
        ft.Column(
            [
                ft.Text(
                    str(day.day),
                    weight=(
                        ft.FontWeight.BOLD
                        if (m.today or m.outage or m.reading or m.unplanned)
                        else None
                    ),
                    color=colour,
                ),
                ft.Row(dots, spacing=2, alignment=ft.MainAxisAlignment.CENTER, height=12),
            ],
            spacing=0,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
            alignment=ft.MainAxisAlignment.CENTER,
        ),
        height=height,
        bgcolor=bg,
        border=border,
        border_radius=8,
        alignment=ft.Alignment.CENTER,
        on_click=lambda _, d=day: vm.select_day(d),
    )
    return tagged(f"day-{day.isoformat()}", cell, label=day_label(t, day, m), expand=1)


def month_grid_view(t: Translator, vm: CalendarViewModel, compact: bool) -> ft.Control:
    month = vm.month or vm.today
    height = 48 if compact else 56
    header = ft.Row(
        [
            tagged(
                "calendar-prev",
                ft.IconButton(
                    ft.Icons.CHEVRON_LEFT,
                    tooltip=t.t("calendar.prev_month"),
                    on_click=partial(vm.show_month, -1),
                ),
                label=t.t("calendar.prev_month"),
            ),
            ft.Container(
                tagged(
                    "calendar-month",
                    ft.Text(
                        month_title(t, month),
                        theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                        text_align=ft.TextAlign.CENTER,
                    ),
                ),
                expand=True,
            ),
            tagged(
                "calendar-next",
                ft.IconButton(
                    ft.Icons.CHEVRON_RIGHT,
                    tooltip=t.t("calendar.next_month"),
                    on_click=partial(vm.show_month, 1),
                ),
                label=t.t("calendar.next_month"),
            ),
        ]
    )
    names = ft.Row(
        [
            ft.Semantics(
                label=t.t(f"calendar.weekday_full.{w}"),
                expand=1,
                content=ft.Text(
                    t.t(f"calendar.weekday.{w}"),
                    text_align=ft.TextAlign.CENTER,
                    weight=ft.FontWeight.BOLD,
                    color=ft.Colors.ERROR if w == "sun" else ft.Colors.ON_SURFACE_VARIANT,
                ),
            )
            for w in WEEKDAYS
        ],
        spacing=4,
    )
    weeks = [ft.Row([_cell(t, vm, d, height) for d in week], spacing=4) for week in vm.weeks]
    return tagged(
        "calendar-month-grid",
        ft.Column([header, names, *weeks], spacing=4),
        container=True,
    )
