"""Thanh toán bằng mã QR: the checked QR, amount and payee, save/share, waiting until paid."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t, use_viewport
from app.i18n import Translator
from app.views.bills.view_model import parse_bill_id
from app.views.hooks import use_load, use_view_model
from app.views.pay.layout import qr_screen, save_button
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
from app.widgets.screen import centred, page_title
from app.widgets.states import empty, load_failed, loading


def qr_column(t: Translator, vm: PayViewModel) -> list[ft.Control]:
    assert vm.qr is not None and vm.image is not None
    return [
        ft.Row([qr_plate(t, vm.image, vm.qr)], alignment=ft.MainAxisAlignment.CENTER),
        *amount_lines(t, vm.qr),
        waiting_line(t),
        ft.Row([save_button(t, vm.image, vm.qr, vm.bill)], alignment=ft.MainAxisAlignment.CENTER),
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
    return qr_screen(title, qr_column(t, vm), details, viewport.wide)
