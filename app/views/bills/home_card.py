"""Trang chủ: the selected code's latest bill (amount, due date, status, pay by QR) and this
month's usage so far with the bill forecast."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_app_state, use_services, use_t
from app.i18n import Translator
from app.views.bills.home_model import HomeBillViewModel
from app.views.bills.widgets import period_text, status_chip
from app.views.usage.labels import value_text
from app.widgets.semantics import tagged
from app.widgets.states import error_notice, loading


def _title(text: str, icon: ft.IconData) -> ft.Control:
    return ft.Row(
        [
            ft.Icon(icon, color=ft.Colors.PRIMARY),
            ft.Semantics(
                header=True,
                content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ),
        ]
    )


def bill_part(t: Translator, vm: HomeBillViewModel) -> list[ft.Control]:
    go = ft.context.page.navigate
    lines: list[ft.Control] = [_title(t.t("bills.home_bill_title"), ft.Icons.RECEIPT_LONG)]
    bill = vm.latest
    if bill is None:
        return [*lines, ft.Text(t.t("bills.home_bill_none"))]
    lines += [
        ft.Row(
            [
                ft.Text(period_text(t, bill), expand=True),
                status_chip(t, bill.status, "home-bill-status"),
            ],
        ),
        ft.Text(
            t.money(bill.total),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.BOLD,
        ),
        ft.Text(t.t("bills.due", date=t.date(bill.due_date))),
    ]
    if vm.other_unpaid:
        amount = t.money(sum(b.total for b in vm.unpaid))
        unpaid = tagged(
            "home-bill-unpaid",
            ft.TextButton(
                t.t("bills.home_more_unpaid", count=len(vm.unpaid), amount=amount),
                icon=ft.Icons.ERROR_OUTLINE,
                style=ft.ButtonStyle(color=ft.Colors.ERROR),
                on_click=lambda: go("/bills"),
            ),
        )
        lines.append(ft.Row([unpaid], wrap=True))
    buttons: list[ft.Control] = []
    if bill.status != "paid":
        buttons.append(
            tagged(
                "home-bill-pay",
                ft.FilledButton(
                    t.t("bills.pay_qr"),
                    icon=ft.Icons.QR_CODE_2,
                    on_click=lambda: go(f"/bills/{bill.id}/pay"),
                ),
            )
        )
    buttons.append(
        tagged(
            "home-bill-open",
            ft.TextButton(t.t("bills.home_bill_open"), on_click=lambda: go(f"/bills/{bill.id}")),
        )
    )
    lines.append(ft.Row(buttons, wrap=True, spacing=8, run_spacing=8))
    return lines


def usage_part(t: Translator, vm: HomeBillViewModel) -> list[ft.Control]:
    lines: list[ft.Control] = [_title(t.t("bills.home_usage_title"), ft.Icons.BAR_CHART)]
    forecast = vm.forecast
    if forecast is None:
        return [*lines, ft.Text(t.t("usage.forecast_none"))]
    if forecast.kwh_so_far is not None and forecast.as_of is not None:
        lines.append(
            ft.Text(
                t.t(
                    "bills.home_usage_so_far",
                    kwh=value_text(t, forecast.kwh_so_far, "kwh", daily=True),
                    date=t.date(forecast.as_of),
                ),
                theme_style=ft.TextThemeStyle.TITLE_SMALL,
            )
        )
    lines.append(
        ft.Text(
            t.t(
                "bills.home_usage_forecast",
                amount=t.money(forecast.projected_total),
                kwh=value_text(t, forecast.projected_kwh, "kwh", daily=True),
            )
        )
    )
    usage_button = tagged(
        "home-usage-open",
        ft.TextButton(
            t.t("bills.home_usage_open"),
            icon=ft.Icons.BAR_CHART,
            on_click=lambda: ft.context.page.navigate("/usage"),
        ),
    )
    lines.append(ft.Row([usage_button], wrap=True))
    return lines


@ft.component
def BillUsageHomeCard() -> ft.Control:
    services = use_services()
    accounts = use_accounts()
    state = use_app_state()
    t = use_t()
    vm, _ = ft.use_state(lambda: HomeBillViewModel(bills=services.bills, usage=services.usage))
    selected = accounts.selected
    approved = selected is not None and selected.status == "approved"

    async def load() -> None:
        if approved:
            await vm.load(accounts.selected_code)

    ft.use_effect(load, [accounts.selected_code, approved, state.reload_token])
    if not approved:
        return ft.Container(visible=False)  # pending links see no bills or usage
    if vm.error and not vm.loaded:
        content: list[ft.Control] = [error_notice(t.error(vm.error), t.t("common.retry"), load)]
    elif not vm.loaded or vm.code != accounts.selected_code:
        content = [loading(t.t("common.loading"))]
    else:
        content = [*bill_part(t, vm), ft.Divider(height=12), *usage_part(t, vm)]
    return tagged(
        "home-bill",
        ft.Card(
            ft.Container(
                ft.Column(content, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
                padding=16,
            )
        ),
        container=True,
    )
