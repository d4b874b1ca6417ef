"""Hóa đơn điều chỉnh (issue 18): which bill it adjusts and why, kWh and money before and
after, the signed difference, and its own VietQR while money is owed (or the credit)."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.bills.adjustment_view_model import AdjustmentViewModel
from app.views.bills.explain_view import signed_money
from app.views.bills.view_model import parse_bill_id
from app.views.bills.widgets import bill_kwh, line, period_short, section, status_chip
from app.views.hooks import use_load, use_view_model
from app.views.pay.widgets import amount_lines, qr_plate
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from app.widgets.touch import touch_height
from domain.models.bill_review import AdjustmentSummary


def adjustment_tile(t: Translator, a: AdjustmentSummary) -> ft.Control:
    go = ft.context.page.navigate
    what = (
        t.t("adjust.owed", amount=t.money(a.total))
        if a.total > 0
        else t.t("adjust.credit", amount=t.money(-a.total))
    )
    return tagged(
        f"adjustment-{a.id}",
        ft.ListTile(
            title=ft.Row(
                [
                    ft.Text(t.t("adjust.for_bill", period=period_short(t, a)), expand=True),
                    ft.Text(signed_money(t, a.total), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                ]
            ),
            subtitle=ft.Column(
                [
                    ft.Text(what, size=12),
                    ft.Row([status_chip(t, a.status, f"adjustment-{a.id}-status")]),
                ],
                spacing=4,
                tight=True,
            ),
            trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
            on_click=lambda: go(f"/adjustments/{a.id}"),
            is_three_line=True,
        ),
    )


def adjustments_section(
    t: Translator, year: int, items: list[AdjustmentSummary]
) -> list[ft.Control]:
    if not items:
        return []
    tiles: list[ft.Control] = []
    for i, a in enumerate(items):
        if i:
            tiles.append(ft.Divider(height=1))
        tiles.append(adjustment_tile(t, a))
    heading = ft.Semantics(
        header=True,
        content=ft.Text(
            t.t("adjust.list_title", year=year), theme_style=ft.TextThemeStyle.TITLE_MEDIUM
        ),
    )
    return [
        heading,
        tagged("adjustments-list", ft.Card(ft.Column(tiles, spacing=0)), container=True),
    ]


@ft.component
def AdjustmentView() -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    params = ft.use_route_params()
    adjustment_id = parse_bill_id(params.get("adjustment_id"))
    vm = use_view_model(lambda s: AdjustmentViewModel(repo=s.bills))
    go = ft.context.page.navigate

    async def load() -> None:
        await vm.load(accounts.selected_code, adjustment_id)

    use_load(load, accounts.selected_code, adjustment_id)
    title = page_title(t.t("adjust.title"), back_to="/bills")
    if adjustment_id is None:
        return centred([title, empty(t.t("error.not_found"), ft.Icons.SEARCH_OFF)])
    if vm.error and not vm.loaded:
        return centred([title, load_failed(t, vm.error, load)])
    a = vm.adjustment
    if not vm.loaded or a is None or vm.adjustment_id != adjustment_id:
        return centred([title, loading(t.t("common.loading"))])
    head = [
        ft.Row([status_chip(t, a.status, "adjustment-status")]),
        tagged(
            "adjustment-total",
            ft.Text(
                signed_money(t, a.total),
                theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM,
                weight=ft.FontWeight.BOLD,
            ),
            container=True,
        ),
        ft.Text(
            t.t("adjust.owed", amount=t.money(a.total))
            if a.total > 0
            else t.t("adjust.credit", amount=t.money(-a.total))
        ),
        line(t.t("bills.invoice_no"), f"{a.invoice_serial} – {a.invoice_no}"),
        line(t.t("bills.issued_on"), t.date(a.issued_on)),
        line(t.t("adjust.reason"), a.reason),
        line(t.t("adjust.kwh"), f"{bill_kwh(t, a.kwh_before)} / {bill_kwh(t, a.kwh_after)}"),
        line(t.t("adjust.totals"), f"{t.money(a.total_before)} / {t.money(a.total_after)}"),
        line(t.t("adjust.difference"), signed_money(t, a.total), strong=True),
    ]
    if a.due_date is not None and a.total > 0:
        head.append(line(t.t("bills.due_date"), t.date(a.due_date)))
    head.append(
        tagged(
            "adjustment-open-bill",
            ft.TextButton(
                t.t("adjust.open_bill"),
                height=touch_height(),
                on_click=lambda: go(f"/bills/{a.bill_id}"),
            ),
        )
    )
    body: list[ft.Control] = [
        title,
        section(t.t("adjust.for_bill", period=period_short(t, a)), head, "adjustment-head"),
    ]
    if vm.qr is not None and vm.image is not None:
        qr_rows: list[ft.Control] = [
            ft.Row([qr_plate(t, vm.image, vm.qr)], alignment=ft.MainAxisAlignment.CENTER),
            *amount_lines(t, vm.qr),
        ]
        body.append(section(t.t("adjust.qr_title"), qr_rows, "adjustment-qr"))
    return centred(body, max_width=760)
