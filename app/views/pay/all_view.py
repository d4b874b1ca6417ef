"""Thanh toán tất cả (issue 21): one checked VietQR paying every unpaid bill of the code, the
bills it pays (overdue first, with the disconnection risk), save/share, waiting until paid."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t, use_viewport
from app.i18n import Translator
from app.views.bills.widgets import line, period_short, section, status_chip
from app.views.hooks import use_load, use_view_model
from app.views.pay.all_view_model import PayAllViewModel
from app.views.pay.qr_card import card_lines, draw_qr_card
from app.views.pay.widgets import (
    amount_lines,
    fraud_note,
    payee_section,
    qr_plate,
    refused_card,
    steps_section,
)
from app.widgets.file_export import can_share, save_bytes
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


def save_button(t: Translator, vm: PayAllViewModel) -> ft.Control:
    async def save() -> None:
        if vm.image is None or vm.batch is None:
            return
        qr = vm.batch.qr
        png = draw_qr_card(
            vm.image, t.t("pay.card_title"), card_lines(t, qr, None), t.t("pay.card_hint")
        )
        if await save_bytes(png, f"vietqr-{qr.bill_no}.png", "image/png", t.t("pay.title")):
            ft.context.page.show_dialog(
                ft.SnackBar(ft.Text(t.t("pay.saved")), show_close_icon=True)
            )

    share = can_share()
    return tagged(
        "pay-save",
        ft.OutlinedButton(
            t.t("pay.share" if share else "pay.save"),
            icon=ft.Icons.SHARE if share else ft.Icons.DOWNLOAD,
            on_click=save,
            height=touch_height(),
        ),
    )


def waiting(t: Translator) -> ft.Control:
    return tagged(
        "pay-waiting",
        ft.Semantics(
            live_region=True,
            content=ft.Row(
                [
                    ft.ProgressRing(width=16, height=16, stroke_width=2),
                    ft.Text(t.t("pay.all_waiting"), expand=True, size=13),
                ]
            ),
        ),
        container=True,
    )


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
    return tagged(
        "pay-paid",
        ft.Semantics(
            live_region=True,
            content=ft.Card(
                ft.Container(
                    ft.Column(rows, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=8),
                    padding=24,
                )
            ),
        ),
        container=True,
    )


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
        waiting(t),
        ft.Row([save_button(t, vm)], alignment=ft.MainAxisAlignment.CENTER),
    ]
    details = [bills_section(t, vm), payee_section(t, qr), steps_section(t), fraud_note(t)]
    if viewport.wide:
        body = ft.Row(
            [
                ft.Column(
                    column, spacing=12, width=360,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
                ft.Column(details, spacing=12, expand=True),
            ],
            spacing=24,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )  # fmt: skip
        return centred([title, body], max_width=960)
    return ft.Column(
        [title, details[0], *column, *details[1:]],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
