"""Trang chủ: the selected code's latest bill (amount, due date, status, pay by QR) and this
month's usage so far with the bill forecast."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.bills.home_rows import adjustment_row, overdue_warning, unpaid_row
from app.views.bills.home_view_model import HomeBillViewModel
from app.views.bills.widgets import credit_text, pay_all_button, period_text, status_chip
from app.views.hooks import use_load, use_view_model
from app.views.usage.labels import value_text
from app.widgets.semantics import tagged
from app.widgets.states import load_failed, loading
from app.widgets.touch import touch_height


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


def explain_line(t: Translator, vm: HomeBillViewModel) -> list[ft.Control]:
    """The latest bill's change in one sentence (issue 18)."""
    if vm.explanation is None:
        return []
    return [tagged("home-bill-explain", ft.Text(vm.explanation.sentence, size=13), container=True)]


def bill_part(t: Translator, vm: HomeBillViewModel, h: int = 48) -> list[ft.Control]:
    return [*_bill_part(t, vm, h), *explain_line(t, vm)]


def _bill_part(t: Translator, vm: HomeBillViewModel, h: int = 48) -> list[ft.Control]:
    go = ft.context.page.navigate
    lines: list[ft.Control] = [_title(t.t("bills.home_bill_title"), ft.Icons.RECEIPT_LONG)]
    bill = vm.latest
    if bill is None:
        return [*lines, ft.Text(t.t("bills.home_bill_none"))]
    if vm.unpaid or vm.owed_adjustments:  # all that is owed, overdue first: none hides
        if vm.disconnection_risk:
            lines.append(overdue_warning(t, vm))
        if vm.unpaid_count > 1:
            lines.append(
                tagged(
                    "home-bill-unpaid",
                    ft.Text(
                        t.t(
                            "bills.home_more_unpaid",
                            count=vm.unpaid_count,
                            amount=t.money(vm.unpaid_total),
                        ),
                        weight=ft.FontWeight.BOLD,
                    ),
                )
            )
            lines.append(pay_all_button(t, vm.unpaid_count, vm.unpaid_total, "home-bill-pay-all"))
        for i, unpaid in enumerate(vm.unpaid):
            tag = "home-bill-pay" if i == 0 else f"home-bill-pay-{unpaid.id}"
            lines.append(unpaid_row(t, unpaid, tag, h))
        lines += [adjustment_row(t, adj, h) for adj in vm.owed_adjustments]
        return lines
    lines += [
        ft.Row(
            [
                ft.Text(period_text(t, bill), expand=True),
                status_chip(t, bill.status, "home-bill-status"),
            ],
        ),
        ft.Text(
            t.money(bill.amount_due),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.BOLD,
        ),
        *credit_text(t, bill, "home-bill-credit"),
        ft.Text(t.t("bills.due", date=t.date(bill.due_date))),
    ]
    open_button = tagged(
        "home-bill-open",
        ft.TextButton(
            t.t("bills.home_bill_open"), height=h, on_click=lambda: go(f"/bills/{bill.id}")
        ),
    )
    lines.append(ft.Row([open_button], wrap=True, spacing=8, run_spacing=8))
    return lines


def usage_part(t: Translator, vm: HomeBillViewModel, h: int = 48) -> list[ft.Control]:
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
            height=h,
            on_click=lambda: ft.context.page.navigate("/usage"),
        ),
    )
    lines.append(ft.Row([usage_button], wrap=True))
    return lines


@ft.component
def BillUsageHomeCard() -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    h = touch_height()
    vm = use_view_model(
        lambda s: HomeBillViewModel(bills=s.bills, usage=s.usage, lang=t.locale), key=t.locale
    )
    selected = accounts.selected
    approved = selected is not None and selected.status == "approved"

    async def load() -> None:
        if approved:
            await vm.load(accounts.selected_code)

    use_load(load, accounts.selected_code, approved)
    if not approved:
        return ft.Container(visible=False)  # pending links see no bills or usage
    if vm.error and not vm.loaded:
        content: list[ft.Control] = [load_failed(t, vm.error, load)]
    elif not vm.loaded or vm.code != accounts.selected_code:
        content = [loading(t.t("common.loading"))]
    else:
        content = [*bill_part(t, vm, h), ft.Divider(height=12), *usage_part(t, vm, h)]
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
