"""Chi tiết hóa đơn: indexes, tiers (split when prices changed), totals, payment, e-invoice."""

from __future__ import annotations

import asyncio
import logging

import flet as ft

from app.context import use_accounts, use_services, use_t, use_viewport
from app.i18n import Translator
from app.views.bills.breakdown import breakdown_section
from app.views.bills.explain_view import BillExplainSection
from app.views.bills.provenance_view import BillProvenanceSection
from app.views.bills.view_model import BillDetailViewModel, parse_bill_id
from app.views.bills.widgets import (
    bill_kwh,
    channel_text,
    credit_text,
    line,
    period_text,
    section,
    status_chip,
)
from app.views.hooks import use_load, use_view_model
from app.widgets.file_export import can_share, save_bytes
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, error_notice, load_failed, loading
from app.widgets.touch import touch_height
from domain.models.bills import Bill

log = logging.getLogger(__name__)


def pay_button(t: Translator, bill: Bill) -> ft.Control:
    return tagged(
        "bill-pay",
        ft.FilledButton(
            t.t("bills.pay_qr"),
            icon=ft.Icons.QR_CODE_2,
            height=48,
            on_click=lambda: ft.context.page.navigate(f"/bills/{bill.id}/pay"),
        ),
    )


def head_section(t: Translator, bill: Bill) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Row([status_chip(t, bill.status)]),
        ft.Text(
            t.money(bill.amount_due),
            theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM,
            weight=ft.FontWeight.BOLD,
        ),
        *credit_text(t, bill, "bill-credit"),
        line(t.t("bills.due_date"), t.date(bill.due_date)),
        line(t.t("common.customer_code"), bill.customer_code),
        line(t.t("bills.invoice_no"), f"{bill.invoice_serial} – {bill.invoice_no}"),
        line(t.t("bills.issued_on"), t.date(bill.issued_on)),
    ]
    if bill.status != "paid" and bill.amount_due > 0:
        controls.append(pay_button(t, bill))
    return section(period_text(t, bill), controls, "bill-head")


def readings_section(t: Translator, bill: Bill) -> ft.Control:
    rows = [
        line(t.t("bills.start_index"), t.number(bill.start_index, 2)),
        line(t.t("bills.end_index"), t.number(bill.end_index, 2)),
        line(t.t("bill.energy_used"), bill_kwh(t, bill.kwh), strong=True),
    ]
    if bill.households > 1:
        rows.append(line(t.t("bills.households"), str(bill.households)))
    return section(t.t("bills.readings_title"), rows, "bill-readings")


def payment_section(t: Translator, bill: Bill) -> ft.Control:
    rows = [
        ft.Row([status_chip(t, bill.status, "bill-payment-status")]),
        line(t.t("bills.due_date"), t.date(bill.due_date)),
    ]
    if bill.paid_at is not None:
        rows.append(line(t.t("bills.paid_at"), t.datetime(bill.paid_at)))
        rows.append(line(t.t("bills.channel_label"), channel_text(t, bill.channel)))
    return section(t.t("bills.payment_title"), rows, "bill-payment")


def invoice_section(t: Translator, vm: BillDetailViewModel) -> ft.Control:
    services = use_services()
    page = ft.context.page
    # A kiosk prints: its desktop sends the PDF to the counter's printer, its browser opens
    # the download in the browser's viewer. Never a save dialog onto a shared machine.
    kiosk_desktop = services.settings.is_kiosk and not page.web

    async def download() -> None:
        if kiosk_desktop:  # fetching and spooling take seconds: say at once that it started
            page.show_dialog(ft.SnackBar(ft.Text(t.t("kiosk.print_preparing"))))
        found = await vm.invoice(t.locale)
        if found is None:
            return
        data, name = found
        if not kiosk_desktop:
            await save_bytes(data, name, "application/pdf", t.t("bills.invoice_title"))
            return
        try:
            await asyncio.to_thread(services.printer.print_pdf, data, name)
            message = "kiosk.printing"
        except OSError:
            log.exception("printing the e-invoice failed")
            message = "kiosk.print_failed"
        page.show_dialog(ft.SnackBar(ft.Text(t.t(message)), show_close_icon=True))

    if services.settings.is_kiosk:
        label, icon = t.t("kiosk.print_invoice"), ft.Icons.PRINT
    elif can_share():
        label, icon = t.t("bills.invoice_share"), ft.Icons.SHARE
    else:
        label, icon = t.t("bills.invoice_download"), ft.Icons.DOWNLOAD
    content: ft.Control = ft.Text(label)
    if vm.invoice_busy:
        content = ft.Row(
            [ft.ProgressRing(width=16, height=16, stroke_width=2), ft.Text(label)], tight=True
        )
    button = ft.OutlinedButton(
        content=content,
        icon=None if vm.invoice_busy else icon,
        on_click=download,
        disabled=vm.invoice_busy,
        height=touch_height(),
    )
    rows: list[ft.Control] = [
        ft.Text(t.t("bills.invoice_note"), size=13),
        tagged("bill-invoice", button),
    ]
    return section(t.t("bills.invoice_title"), rows, "bill-invoice-card")


@ft.component
def BillDetailView() -> ft.Control:
    accounts = use_accounts()
    viewport = use_viewport()
    t = use_t()
    params = ft.use_route_params()
    bill_id = parse_bill_id(params.get("bill_id"))
    vm = use_view_model(lambda s: BillDetailViewModel(repo=s.bills))

    async def load() -> None:
        await vm.load(accounts.selected_code, bill_id)

    use_load(load, accounts.selected_code, bill_id)

    title = page_title(t.t("bills.detail_title"), back_to="/bills")
    if bill_id is None:
        return centred([title, empty(t.t("error.not_found"), ft.Icons.SEARCH_OFF)])
    if vm.error and not vm.loaded:
        return centred([title, load_failed(t, vm.error, load)])
    if not vm.loaded or vm.bill is None or vm.bill_id != bill_id:
        return centred([title, loading(t.t("common.loading"))])
    bill = vm.bill
    left = [head_section(t, bill), BillExplainSection(bill.id), breakdown_section(t, bill)]
    right = [
        readings_section(t, bill),
        BillProvenanceSection(bill.id),
        payment_section(t, bill),
        invoice_section(t, vm),
    ]
    notes: list[ft.Control] = []
    if vm.error:  # the invoice could not be fetched: the bill stays on screen
        notes.append(error_notice(t.error(vm.error)))
    if viewport.wide:
        body = ft.Row(
            [
                ft.Column(left, spacing=12, expand=3),
                ft.Column(right, spacing=12, expand=2),
            ],
            spacing=16,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        return centred([title, *notes, body], max_width=1100)
    return ft.Column(
        [title, *notes, left[0], left[1], right[0], left[2], *right[1:]],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
