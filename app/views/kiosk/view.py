"""Kiosk start screen: look up a customer code's latest bill and outages, then big choices —
estimate a bill, tariffs, fraud warning, sign in with a one-time code."""

from __future__ import annotations

import asyncio

import flet as ft

from app.context import use_app_state, use_services, use_t
from app.i18n import Translator
from app.views.bills.widgets import status_chip
from app.views.guest.widgets import outage_tile
from app.views.hooks import use_view_model
from app.views.kiosk.view_model import KioskLookupViewModel
from app.views.kiosk.widgets import BIG_TEXT, TOUCH, big_tile, unpaid_note
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.offline_banner import OfflineBanner
from app.widgets.screen import centred
from app.widgets.semantics import tagged
from app.widgets.states import empty
from app.widgets.top_bar import language_switch
from domain.models.bills import BillStatusPublic


def unpaid_warning(t: Translator, bill: BillStatusPublic) -> list[ft.Control]:
    note = unpaid_note(t, bill)
    if note is None:
        return []
    colour = ft.Colors.ON_ERROR_CONTAINER if bill.overdue_count else ft.Colors.ON_SURFACE
    return [
        tagged(
            "kiosk-unpaid-note",
            ft.Container(
                ft.Text(note, size=BIG_TEXT, color=colour),
                bgcolor=ft.Colors.ERROR_CONTAINER if bill.overdue_count else None,
                border_radius=12,
                padding=12,
            ),
            container=True,
        )
    ]


def bill_status_card(t: Translator, vm: KioskLookupViewModel) -> ft.Control:
    if vm.bill is None:
        return empty(t.t("kiosk.no_bill"), ft.Icons.RECEIPT_LONG_OUTLINED)
    bill = vm.bill
    return ft.Column(
        [
            ft.Text(t.t("kiosk.latest_bill"), theme_style=ft.TextThemeStyle.TITLE_LARGE),
            ft.Text(
                t.t("bills.period", start=t.date(bill.period_start), end=t.date(bill.period_end))
            ),
            ft.Row([status_chip(t, bill.status, "kiosk-bill-status", size=BIG_TEXT)]),
            ft.Text(t.money(bill.total), size=36, weight=ft.FontWeight.BOLD),
            ft.Text(f"{t.t('bills.due_date')}: {t.date(bill.due_date)}", size=BIG_TEXT),
            *unpaid_warning(t, bill),
        ],
        spacing=8,
    )


def lookup_card(t: Translator, vm: KioskLookupViewModel) -> ft.Control:
    controls: list[ft.Control] = [
        ft.Text(t.t("kiosk.lookup_title"), theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
        ft.Text(t.t("kiosk.lookup_intro"), size=18),
        text_field(t, vm, "code", "common.customer_code", "kiosk-code", on_submit=vm.look_up),
        *form_messages(t, vm),
        submit_button(t.t("kiosk.look_up"), "kiosk-look-up", vm, vm.look_up),
    ]
    if vm.looked_up and not vm.busy:
        outages = [outage_tile(t, o) for o in vm.outages] or [
            ft.Text(t.t("kiosk.no_outages"), size=18)
        ]
        result = ft.Column(
            [
                ft.Row(
                    [
                        ft.Text(
                            vm.looked_up, size=BIG_TEXT, weight=ft.FontWeight.BOLD, expand=True
                        ),
                        tagged(
                            "kiosk-clear",
                            ft.OutlinedButton(
                                t.t("kiosk.clear"),
                                icon=ft.Icons.CLEAR,
                                height=TOUCH,
                                on_click=lambda: vm.clear(),
                            ),
                        ),
                    ],
                ),
                bill_status_card(t, vm),
                ft.Divider(),
                ft.Text(t.t("kiosk.outages_title"), theme_style=ft.TextThemeStyle.TITLE_LARGE),
                *outages,
            ],
            spacing=12,
        )
        controls.append(tagged("kiosk-result", result, container=True))
    return ft.Card(
        ft.Container(
            ft.Column(controls, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
            padding=24,
        )
    )


@ft.component
def KioskHomeView() -> ft.View:
    services = use_services()
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: KioskLookupViewModel(public=s.public))

    async def forget_later() -> None:
        if vm.looked_up:
            await vm.forget_later(asyncio.sleep)

    ft.use_effect(forget_later, [vm.looked_up])
    go = ft.context.page.navigate
    tiles = ft.ResponsiveRow(
        [
            big_tile(
                "kiosk-report-outage",
                ft.Icons.POWER_OFF_OUTLINED,
                t.t("incidents.report"),
                t.t("incidents.report_hint"),
                lambda: go("/report-outage"),
            ),
            big_tile(
                "kiosk-estimate",
                ft.Icons.CALCULATE_OUTLINED,
                t.t("estimate.title"),
                t.t("kiosk.estimate_help"),
                lambda: go("/guest"),
            ),
            big_tile(
                "kiosk-tariffs",
                ft.Icons.PRICE_CHANGE_OUTLINED,
                t.t("tariffs.title"),
                t.t("kiosk.tariffs_help"),
                lambda: go("/guest/tariffs"),
            ),
            big_tile(
                "kiosk-fraud",
                ft.Icons.GPP_MAYBE_OUTLINED,
                t.t("articles.fraud"),
                t.t("kiosk.fraud_help"),
                lambda: go("/guest/articles/fraud"),
            ),
            big_tile(
                "kiosk-sign-in",
                ft.Icons.LOGIN,
                t.t("auth.sign_in"),
                t.t("kiosk.sign_in_help"),
                lambda: go("/sign-in"),
            ),
        ],
        spacing=12,
        run_spacing=12,
    )
    hello = ft.Row(
        [
            ft.Icon(ft.Icons.ELECTRIC_BOLT, size=48, color=ft.Colors.PRIMARY),
            ft.Text(t.t("kiosk.hello"), size=BIG_TEXT, expand=True),
        ]
    )
    return ft.View(
        route="/welcome",
        appbar=ft.AppBar(
            title=ft.Text(services.settings.brand, weight=ft.FontWeight.BOLD),
            automatically_imply_leading=False,
            toolbar_height=TOUCH,
            actions=[language_switch(state.locale, state.set_locale, height=TOUCH)],
        ),
        controls=[OfflineBanner(), centred([hello, lookup_card(t, vm), tiles])],
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(24),
    )
