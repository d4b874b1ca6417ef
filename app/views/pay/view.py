"""Thanh toán bằng mã QR: the checked QR, amount and payee, save/share, waiting until paid."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t, use_viewport
from app.i18n import Translator
from app.views.bills.view_model import parse_bill_id
from app.views.hooks import use_load, use_view_model
from app.views.pay.qr_card import card_lines, draw_qr_card
from app.views.pay.view_model import PayViewModel
from app.views.pay.widgets import (
    amount_lines,
    fraud_note,
    next_bill_button,
    paid_card,
    payee_section,
    qr_plate,
    refused_card,
    steps_section,
    waiting_line,
)
from app.widgets.file_export import can_share, save_bytes
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from app.widgets.touch import touch_height


def save_button(t: Translator, vm: PayViewModel) -> ft.Control:
    async def save() -> None:
        if vm.image is None or vm.qr is None:
            return
        name = f"vietqr-{vm.qr.bill_no}.png"
        lines = card_lines(t, vm.qr, vm.bill)
        png = draw_qr_card(vm.image, t.t("pay.card_title"), lines, t.t("pay.card_hint"))
        if await save_bytes(png, name, "image/png", t.t("pay.title")):
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


def qr_column(t: Translator, vm: PayViewModel) -> list[ft.Control]:
    assert vm.qr is not None and vm.image is not None
    return [
        ft.Row([qr_plate(t, vm.image, vm.qr)], alignment=ft.MainAxisAlignment.CENTER),
        *amount_lines(t, vm.qr),
        waiting_line(t),
        ft.Row([save_button(t, vm)], alignment=ft.MainAxisAlignment.CENTER),
    ]


@ft.component
def PayView() -> ft.Control:
    accounts = use_accounts()
    viewport = use_viewport()
    t = use_t()
    bill_id = parse_bill_id(ft.use_route_params().get("bill_id"))
    vm = use_view_model(lambda s: PayViewModel(repo=s.bills, payees=s.settings.payees))

    async def open_and_wait() -> None:
        await vm.open(accounts.selected_code, bill_id)
        await vm.poll_until_paid()

    # Leaving the screen (or Retry) runs vm.stop and cancels the waiting task.
    use_load(open_and_wait, accounts.selected_code, bill_id, cleanup=vm.stop)

    back = f"/bills/{bill_id}" if bill_id else "/bills"
    title = page_title(t.t("pay.title"), back_to=back)
    if bill_id is None:
        return centred([title, empty(t.t("error.not_found"), ft.Icons.SEARCH_OFF)])
    if vm.error and not vm.loaded:
        return centred([title, load_failed(t, vm.error, open_and_wait)])
    if not vm.loaded or vm.bill_id != bill_id or vm.bill is None:
        return centred([title, loading(t.t("common.loading"))])
    if vm.paid:
        next_button = next_bill_button(t, vm.next_bill, vm.remaining_total)
        return centred([title, paid_card(t, vm.bill, next_button)], max_width=560)
    if vm.refused or vm.qr is None or vm.image is None:
        return centred(
            [title, refused_card(t, vm.refused or "invalid", open_and_wait), fraud_note(t)],
            max_width=560,
        )
    details = [payee_section(t, vm.qr), steps_section(t), fraud_note(t)]
    if viewport.wide:
        body = ft.Row(
            [
                ft.Column(
                    qr_column(t, vm),
                    spacing=12,
                    width=360,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
                ft.Column(details, spacing=12, expand=True),
            ],
            spacing=24,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        return centred([title, body], max_width=960)
    return ft.Column(
        [title, *qr_column(t, vm), *details],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
