"""Thanh toán tất cả (issue 21): one checked VietQR paying every unpaid bill of the code, the
bills it pays (overdue first, with the disconnection risk), save/share, waiting until paid."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t, use_viewport
from app.i18n import Translator
from app.views.bills.widgets import line, period_short, section, status_chip
from app.views.hooks import use_load, use_view_model
from app.views.pay.all_view_model import PayAllViewModel
from app.views.pay.layout import paid_frame, qr_screen, save_button
from app.views.pay.widgets import (
    amount_lines,
    fraud_note,
    payee_section,
    qr_plate,
    refused_card,
    steps_section,
    waiting_line,
)
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from app.widgets.touch import touch_height


def bills_section(t: Translator, vm: PayAllViewModel) -> ft.Control:
    rows: list[ft.Control] = []
    if vm.has_overdue and not vm.paid:
        rows.append(
            tagged(
                "pay-all-overdue",
                ft.Text(t.t("pay.all_overdue"), color=ft.Colors.ERROR, weight=ft.FontWeight.W_500),
                container=True,
            )
        )
    for bill in vm.bills:
        rows.append(
            ft.Row(
                [
                    ft.Text(period_short(t, bill), expand=True),
                    status_chip(t, bill.status, f"pay-all-status-{bill.id}"),
                    ft.Text(t.money(bill.amount_due), weight=ft.FontWeight.BOLD),
                ]
            )
        )
    for adj in vm.adjustments:
        number = f"{adj.invoice_serial}{adj.invoice_no}"
        rows.append(line(t.t("pay.all_adjustment", number=number), t.money(adj.total)))
    return section(t.t("pay.all_bills", count=vm.count), rows, "pay-all-bills")


def paid_card(t: Translator, vm: PayAllViewModel) -> ft.Control:
    total = sum(b.total for b in vm.bills) + sum(a.total for a in vm.adjustments)
    rows: list[ft.Control] = [
        ft.Icon(ft.Icons.CHECK_CIRCLE, size=72, color=ft.Colors.PRIMARY),
        ft.Text(
            t.t("pay.all_paid", count=vm.count),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.BOLD,
            text_align=ft.TextAlign.CENTER,
        ),
        ft.Text(t.money(total), theme_style=ft.TextThemeStyle.TITLE_LARGE),
        tagged(
            "pay-open-bills",
            ft.OutlinedButton(
                t.t("nav.bills"),
                icon=ft.Icons.RECEIPT_LONG,
                height=touch_height(),
                on_click=lambda: ft.context.page.navigate("/bills"),
            ),
        ),
    ]
    return paid_frame(rows)


@ft.component
def PayAllView() -> ft.Control:
    accounts = use_accounts()
    viewport = use_viewport()
    t = use_t()
    vm = use_view_model(lambda s: PayAllViewModel(repo=s.bills, payees=s.settings.payees))

    async def open_and_wait() -> None:
        await vm.open(accounts.selected_code)
        await vm.poll_until_paid()

    use_load(open_and_wait, accounts.selected_code, cleanup=vm.stop)

    title = page_title(t.t("pay.all_title"), back_to="/")
    if vm.error and not vm.loaded:
        return centred([title, load_failed(t, vm.error, open_and_wait)])
    if not vm.loaded or vm.code != accounts.selected_code:
        return centred([title, loading(t.t("common.loading"))])
    if vm.nothing_owed or vm.batch is None:
        return centred([title, empty(t.t("pay.all_nothing"), ft.Icons.CHECK_CIRCLE)])
    if vm.paid:
        return centred([title, paid_card(t, vm)], max_width=560)
    if vm.refused or vm.image is None:
        return centred(
            [title, refused_card(t, vm.refused or "invalid", open_and_wait), fraud_note(t)],
            max_width=560,
        )
    qr = vm.batch.qr
    column: list[ft.Control] = [
        ft.Row([qr_plate(t, vm.image, qr)], alignment=ft.MainAxisAlignment.CENTER),
        amount_lines(t, qr)[0],
        tagged(
            "pay-bill-no",
            ft.Text(t.t("pay.all_reference", reference=qr.bill_no), text_align=ft.TextAlign.CENTER),
            container=True,
        ),
        waiting_line(t, "pay.all_waiting"),
        ft.Row([save_button(t, vm.image, qr, None)], alignment=ft.MainAxisAlignment.CENTER),
    ]
    details = [payee_section(t, qr), steps_section(t), fraud_note(t)]
    return qr_screen(title, column, details, viewport.wide, first=[bills_section(t, vm)])
