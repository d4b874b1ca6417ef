"""Hóa đơn: the chosen year's bills with status chips, the year's total and what is unpaid."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.bills.adjustment_view import adjustments_section
from app.views.bills.view_model import BillsViewModel
from app.views.bills.widgets import bill_tile, line, pay_all_button
from app.views.code_gate import code_gate
from app.views.hooks import use_load, use_view_model
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from app.widgets.stepper import stepper


def year_summary(t: Translator, vm: BillsViewModel) -> ft.Control:
    lines = [
        line(t.t("bills.year_total", year=vm.year), t.money(vm.total), strong=True),
        line(t.t("bills.count"), str(len(vm.bills))),
    ]
    if vm.unpaid_count:
        lines.append(
            ft.Row(
                [
                    ft.Icon(ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR, size=18),
                    ft.Text(
                        t.t(
                            "bills.unpaid_summary",
                            count=vm.unpaid_count,
                            amount=t.money(vm.unpaid_total),
                        ),
                        color=ft.Colors.ERROR,
                        expand=True,
                    ),
                ]
            )
        )
        if vm.unpaid_count > 1:  # issue 21: one QR for all of them
            lines.append(pay_all_button(t, vm.unpaid_count, vm.unpaid_total, "bills-pay-all"))
    return tagged(
        "bills-summary",
        ft.Card(ft.Container(ft.Column(lines, spacing=8), padding=16)),
        container=True,
    )


@ft.component
def BillsView() -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(lambda s: BillsViewModel(repo=s.bills))
    selected = accounts.selected
    approved = selected is not None and selected.status == "approved"
    go = ft.context.page.navigate

    async def load() -> None:
        if approved:
            await vm.load(accounts.selected_code)

    use_load(load, accounts.selected_code, approved)

    title = page_title(t.t("bills.title"))
    if gate := code_gate(t, accounts, title, vm, load):
        return gate

    years = vm.years
    body: list[ft.Control] = [
        title,
        stepper(
            "bills-year",
            t.t("bills.year", year=vm.year),
            (
                t.t("bills.prev_year"),
                partial(vm.show_year, vm.year - 1) if vm.year - 1 in years else None,
            ),
            (
                t.t("bills.next_year"),
                partial(vm.show_year, vm.year + 1) if vm.year + 1 in years else None,
            ),
            busy=vm.busy,
        ),
    ]
    if vm.error:
        body.append(load_failed(t, vm.error, load))
    if vm.busy:
        body.append(loading(t.t("common.loading")))
    elif not vm.bills:
        body.append(empty(t.t("bills.none", year=vm.year), ft.Icons.RECEIPT_LONG_OUTLINED))
    else:
        body.append(year_summary(t, vm))
        tiles: list[ft.Control] = []
        for i, bill in enumerate(vm.bills):
            if i:
                tiles.append(ft.Divider(height=1))
            tiles.append(bill_tile(t, bill, lambda _, b=bill.id: go(f"/bills/{b}")))
        body.append(tagged("bills-list", ft.Card(ft.Column(tiles, spacing=0)), container=True))
        body += adjustments_section(t, vm.year, vm.adjustments)  # issue 18
    return centred(body, max_width=760)
