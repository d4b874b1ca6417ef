"""Trang chủ: a prompt card per pending Yêu cầu liên kết (owners), and the way to the links page."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_app_state, use_services, use_t
from app.views.links.dialogs import use_link_confirmation
from app.views.links.view_model import LinksViewModel
from app.views.links.widgets import request_card
from app.views.notices.context import use_notices
from app.widgets.semantics import tagged


@ft.component
def LinkRequestsHome() -> ft.Control:
    services = use_services()
    accounts = use_accounts()
    state = use_app_state()
    notices = use_notices()
    t = use_t()
    vm, _ = ft.use_state(lambda: LinksViewModel(repo=services.links, accounts=accounts))
    use_link_confirmation(t, vm)

    async def load() -> None:
        if accounts.loaded:
            await vm.load(accounts.selected_code)

    ft.use_effect(
        load, [accounts.selected_code, accounts.loaded, state.reload_token, notices.link_changes]
    )
    selected = accounts.selected
    if selected is None:
        return ft.Container(visible=False)
    go = ft.context.page.navigate
    code = selected.customer_code
    cards: list[ft.Control] = []
    if vm.is_owner and vm.code == code:
        cards = [
            request_card(
                t,
                lk,
                code,
                on_approve=lambda _, lk=lk: vm.ask("approve", code, lk),
                on_deny=lambda _, lk=lk: vm.ask("deny", code, lk),
            )
            for lk in vm.pending
        ]
    label = t.t("links.manage") if selected.role == "owner" else t.t("links.mine_title")
    if selected.role == "owner" and vm.code == code:
        label = t.t("links.manage_count", count=len(vm.linked))
    cards.append(
        tagged(
            "open-links",
            ft.TextButton(label, icon=ft.Icons.GROUP_OUTLINED, on_click=lambda: go("/links")),
        )
    )
    return tagged("home-links", ft.Column(cards, spacing=8), container=True)
