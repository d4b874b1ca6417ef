"""Pieces of Hóa đơn: status chips, a bill in a list, label–value lines, section cards."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

import flet as ft
from babel.dates import format_date

from app.i18n import Translator
from app.widgets.semantics import tagged
from app.widgets.touch import touch_height
from domain.models.bills import BillSummary

# status -> (icon, background, foreground): theme roles, so dark mode keeps its contrast.
STATUS_LOOK = {
    "paid": (
        ft.Icons.CHECK_CIRCLE,
        ft.Colors.SECONDARY_CONTAINER,
        ft.Colors.ON_SECONDARY_CONTAINER,
    ),
    "unpaid": (ft.Icons.SCHEDULE, ft.Colors.TERTIARY_CONTAINER, ft.Colors.ON_TERTIARY_CONTAINER),
    "overdue": (ft.Icons.ERROR, ft.Colors.ERROR_CONTAINER, ft.Colors.ON_ERROR_CONTAINER),
}


def status_chip(
    t: Translator, status: str, identifier: str = "bill-status", size: int = 13
) -> ft.Control:
    """`size` 18 on the kiosk: read standing up, from further away."""
    icon, background, foreground = STATUS_LOOK.get(status, STATUS_LOOK["unpaid"])
    return tagged(
        identifier,
        ft.Container(
            ft.Row(
                [
                    ft.Icon(icon, size=size + 4, color=foreground),
                    ft.Text(t.t(f"bills.status.{status}"), size=size, color=foreground),
                ],
                tight=True,
                spacing=4,
            ),
            bgcolor=background,
            border_radius=16,
            padding=ft.Padding.symmetric(horizontal=10, vertical=4),
        ),
        container=True,
    )


def bill_kwh(t: Translator, kwh: Decimal) -> str:
    """A bill's kWh: whole, or with one decimal (half up) like every other kWh on screen;
    the meter's exact indexes are shown as they are (Chỉ số đầu / Chỉ số cuối)."""
    if kwh == kwh.to_integral_value():
        return t.kwh(kwh, 0)
    return t.kwh(kwh.quantize(Decimal("0.1"), ROUND_HALF_UP), 1)


def period_text(t: Translator, bill: BillSummary) -> str:
    return t.t("bills.period", start=t.date(bill.period_start), end=t.date(bill.period_end))


def channel_text(t: Translator, channel: str | None) -> str:
    if not channel:
        return t.t("bills.channel_unknown")
    key = f"bills.channel.{channel}"
    return t.t(key) if t.has(key) else channel


class HasPeriod(Protocol):
    """A bill or an adjustment: anything with a billing period."""

    @property
    def period_start(self) -> date: ...
    @property
    def period_end(self) -> date: ...


def period_short(t: Translator, bill: HasPeriod) -> str:
    """`01/10 – 31/10/2026` (vi), `1 Oct – 31 Oct 2026` (en): fits a phone's list row."""
    start, end = bill.period_start, bill.period_end
    if start.year != end.year:
        return f"{t.date(start)} – {t.date(end)}"
    first = f"{start:%d/%m}" if t.locale == "vi" else format_date(start, "d MMM", locale="en_US")
    return f"{first} – {t.date(end)}"


def credit_note(t: Translator, bill: BillSummary) -> str | None:
    """ "Đã trừ X đ từ hóa đơn điều chỉnh" when an adjustment's credit lowered what is paid."""
    if bill.credit <= 0:
        return None
    return t.t("bills.credit_note", amount=t.money(min(bill.credit, bill.total)))


def credit_text(t: Translator, bill: BillSummary, tag: str) -> list[ft.Control]:
    note = credit_note(t, bill)
    return [] if note is None else [tagged(tag, ft.Text(note, size=12, color=ft.Colors.PRIMARY))]


def bill_tile(t: Translator, bill: BillSummary, on_open: Callable) -> ft.Control:
    due = (
        t.t("bills.paid_on", date=t.date(bill.paid_at.date()))
        if bill.paid_at
        else t.t("bills.due", date=t.date(bill.due_date))
    )
    return tagged(
        f"bill-{bill.id}",
        ft.ListTile(
            title=ft.Row(
                [
                    ft.Text(period_short(t, bill), weight=ft.FontWeight.W_500, expand=True),
                    ft.Text(t.money(bill.amount_due), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            subtitle=ft.Column(
                [
                    ft.Text(f"{bill_kwh(t, bill.kwh)} · {due}", size=12),
                    *credit_text(t, bill, f"bill-{bill.id}-credit"),
                    ft.Row([status_chip(t, bill.status, f"bill-{bill.id}-status")]),
                ],
                spacing=4,
                tight=True,
            ),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
            on_click=on_open,
            is_three_line=True,
        ),
    )


# A value longer than this goes under its label: beside it, a sentence such as "Ước tính: 1 ngày
# công tơ không gửi số liệu…" squeezed the label to one letter a line.
LONG_VALUE = 28


def line(label: str, value: str, strong: bool = False) -> ft.Control:
    style = ft.TextThemeStyle.TITLE_MEDIUM if strong else None
    weight = ft.FontWeight.BOLD if strong else None
    if len(value) > LONG_VALUE:
        return ft.Column(
            [
                ft.Text(label, theme_style=style, weight=ft.FontWeight.BOLD),
                ft.Text(value, theme_style=style, weight=weight),
            ],
            spacing=2,
        )
    return ft.Row(
        [
            ft.Text(label, expand=True, theme_style=style, weight=weight),
            ft.Text(value, theme_style=style, weight=weight, text_align=ft.TextAlign.RIGHT),
        ],
        vertical_alignment=ft.CrossAxisAlignment.START,
    )


def section(title: str, controls: list[ft.Control], identifier: str) -> ft.Control:
    header = ft.Semantics(
        header=True, content=ft.Text(title, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    )
    return tagged(
        identifier,
        ft.Card(
            ft.Container(
                ft.Column(
                    [header, *controls],
                    spacing=8,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
                padding=16,
            )
        ),
        container=True,
    )


def pay_all_button(t: Translator, count: int, amount: int, identifier: str) -> ft.Control:
    """Thanh toán tất cả (issue 21): one QR for every unpaid bill; each keeps its own too."""
    return tagged(
        identifier,
        ft.FilledButton(
            t.t("bills.pay_all", count=count, amount=t.money(amount)),
            icon=ft.Icons.QR_CODE_2,
            height=touch_height(),
            on_click=lambda: ft.context.page.navigate("/pay-all"),
        ),
    )
