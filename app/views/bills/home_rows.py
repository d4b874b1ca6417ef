"""Trang chủ's rows of what is owed: the overdue warning, one unpaid bill, one adjustment bill
still owed after a review (issue 18); each row has its own QR button."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.bills.home_view_model import HomeBillViewModel
from app.views.bills.widgets import credit_text, period_short, period_text, status_chip
from app.widgets.semantics import tagged
from domain.models.bill_review import AdjustmentSummary
from domain.models.bills import BillSummary


def _outlined(identifier: str, lines: list[ft.Control]) -> ft.Control:
    return tagged(
        identifier,
        ft.Container(
            ft.Column(lines, spacing=4),
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
            border_radius=12,
            padding=12,
        ),
        container=True,
    )


def overdue_warning(t: Translator, vm: HomeBillViewModel) -> ft.Control:
    """The oldest overdue bill and what happens if it stays unpaid (said once, on top)."""
    first = vm.overdue[0]
    text = t.t(
        "bills.home_overdue_warning",
        period=period_text(t, first),
        date=t.date(first.due_date),
        count=len(vm.overdue),
    )
    return tagged(
        "home-bill-overdue",
        ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.WARNING_AMBER_ROUNDED, color=ft.Colors.ON_ERROR_CONTAINER),
                    ft.Text(text, color=ft.Colors.ON_ERROR_CONTAINER, expand=True),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=12,
            padding=12,
        ),
        container=True,
    )


def unpaid_row(t: Translator, bill: BillSummary, identifier: str, h: int) -> ft.Control:
    """One unpaid bill: its period and status, amount and due date, and its own QR button."""
    go = ft.context.page.navigate
    return _outlined(
        f"home-unpaid-{bill.id}",
        [
            ft.Row(
                [
                    ft.Text(period_short(t, bill), expand=True),
                    status_chip(t, bill.status, f"home-unpaid-status-{bill.id}"),
                ]
            ),
            ft.Text(
                t.money(bill.amount_due),
                theme_style=ft.TextThemeStyle.TITLE_LARGE,
                weight=ft.FontWeight.BOLD,
            ),
            *credit_text(t, bill, f"home-unpaid-credit-{bill.id}"),
            ft.Text(t.t("bills.due", date=t.date(bill.due_date))),
            ft.Row(
                [
                    tagged(
                        identifier,
                        ft.FilledButton(
                            t.t("bills.pay_qr"),
                            icon=ft.Icons.QR_CODE_2,
                            height=h,
                            on_click=lambda: go(f"/bills/{bill.id}/pay"),
                        ),
                    ),
                    tagged(
                        f"home-unpaid-open-{bill.id}",
                        ft.TextButton(
                            t.t("bills.home_bill_open"),
                            height=h,
                            on_click=lambda: go(f"/bills/{bill.id}"),
                        ),
                    ),
                ],
                wrap=True,
                spacing=8,
                run_spacing=8,
            ),
        ],
    )


def adjustment_row(t: Translator, adj: AdjustmentSummary, h: int) -> ft.Control:
    """An adjustment bill still owed after a review: its number, amount, due date and the way
    to its screen, where its own QR is (issue 18)."""
    go = ft.context.page.navigate
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(t.t("pay.all_adjustment", number=adj.invoice_no), expand=True),
                status_chip(t, adj.status, f"home-adjustment-status-{adj.id}"),
            ]
        ),
        ft.Text(
            t.money(adj.total), theme_style=ft.TextThemeStyle.TITLE_LARGE, weight=ft.FontWeight.BOLD
        ),
    ]
    if adj.due_date is not None:
        lines.append(ft.Text(t.t("bills.due", date=t.date(adj.due_date))))
    lines.append(
        tagged(
            f"home-adjustment-pay-{adj.id}",
            ft.FilledButton(
                t.t("bills.pay_qr"),
                icon=ft.Icons.QR_CODE_2,
                height=h,
                on_click=lambda: go(f"/adjustments/{adj.id}"),
            ),
        )
    )
    return _outlined(f"home-adjustment-{adj.id}", lines)
