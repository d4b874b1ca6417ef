"""Trang chủ (signed in): the selected code's card, shortcuts, and all of the person's codes."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_kiosk, use_t, use_viewport
from app.i18n import Translator
from app.navigation import NAV_DESTINATIONS
from app.views.accounts.widgets import account_card, account_list_tile
from app.views.bills.home_card import BillUsageHomeCard
from app.views.calendar.home_card import NextOutageCard
from app.views.links.home_card import LinkRequestsHome
from app.views.outage_report.home_entry import report_cards
from app.views.rooms.home_card import my_room_button
from app.widgets.screen import centred
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from app.widgets.touch import touch_height


def services_card(t: Translator) -> ft.Control:
    """Dịch vụ: file electricity-service requests and follow them (issue 16)."""
    return tagged(
        "home-services",
        ft.Card(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.HOME_REPAIR_SERVICE_OUTLINED, color=ft.Colors.PRIMARY),
                title=ft.Text(t.t("services.title")),
                subtitle=ft.Text(t.t("services.home_hint")),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=lambda: ft.context.page.navigate("/services"),
            )
        ),
    )


def fraud_card(t: Translator) -> ft.Control:
    return tagged(
        "home-fraud",
        ft.Card(
            ft.ListTile(
                leading=ft.Icon(ft.Icons.GPP_MAYBE_OUTLINED, color=ft.Colors.ERROR),
                title=ft.Text(t.t("articles.fraud")),
                subtitle=ft.Text(t.t("home.fraud_hint")),
                trailing=ft.Icon(ft.Icons.CHEVRON_RIGHT),
                on_click=lambda: ft.context.page.navigate("/guest/articles/fraud"),
            )
        ),
    )


@ft.component
def HomeView() -> ft.Control:
    accounts = use_accounts()
    viewport = use_viewport()
    t = use_t()
    go = ft.context.page.navigate

    if not accounts.loaded:
        if accounts.error:
            return centred([load_failed(t, accounts.error, accounts.load)])
        return centred([loading(t.t("common.loading"))])
    add_button = tagged(
        "add-account",
        ft.OutlinedButton(
            t.t("accounts.add"),
            icon=ft.Icons.ADD_LINK,
            on_click=lambda: go("/accounts/add"),
            height=touch_height(),
        ),
    )
    fraud = fraud_card(t)  # one tap from home, whatever else the home shows
    if not accounts.accounts:
        return centred(
            [
                empty(t.t("accounts.empty"), ft.Icons.LINK_OFF),
                add_button,
                my_room_button(t),  # issue 18: a tenant's room, an invitation to accept
                *report_cards(t),
                services_card(t),
                fraud,
            ]
        )

    body: list[ft.Control] = []
    if accounts.selected:
        # no naming on a kiosk: a shared machine changes nothing of a person's own
        body.append(account_card(t, accounts.selected, renamable=use_kiosk() is None))
    body.append(BillUsageHomeCard())  # latest bill, pay by QR, usage so far and forecast
    body.append(LinkRequestsHome())  # owners: Duyệt / Từ chối each pending request
    if accounts.tenancies:
        body.append(my_room_button(t))  # issue 18: the person also rents a room
    body.append(NextOutageCard())  # hidden unless the selected code is approved
    body += report_cards(t)  # Báo mất điện (and, for staff, the incidents)
    if accounts.selected and accounts.selected.status == "approved":
        shortcuts = [
            tagged(
                f"shortcut-{d.name}",
                ft.Card(
                    ft.Container(
                        ft.Column(
                            [
                                ft.Icon(d.icon, color=ft.Colors.PRIMARY, size=32),
                                ft.Text(t.t(d.label_key), text_align=ft.TextAlign.CENTER),
                            ],
                            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
                        ),
                        padding=16,
                        on_click=lambda _, p=d.path: go(p),
                    )
                ),
            )
            for d in NAV_DESTINATIONS[1:]
        ]
        body.append(ft.ResponsiveRow([ft.Container(s, col={"xs": 6, "md": 3}) for s in shortcuts]))
    body.append(ft.Text(t.t("accounts.yours"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    body.append(
        ft.Card(
            ft.Column(
                [
                    account_list_tile(
                        t,
                        a,
                        a.customer_code == accounts.selected_code,
                        lambda _, code=a.customer_code: accounts.select(code),
                    )
                    for a in accounts.accounts
                ],
                spacing=0,
            )
        )
    )
    body.append(add_button)
    body.append(services_card(t))
    body.append(fraud)
    if viewport.wide:
        return centred(body)
    return ft.Column(body, spacing=16, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
