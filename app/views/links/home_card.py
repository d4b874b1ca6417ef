"""Trang chủ: a prompt card per pending Yêu cầu liên kết on any code the person owns, and the
way to the links page."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.views.hooks import use_load, use_view_model
from app.views.links.dialogs import result_banner, use_link_confirmation
from app.views.links.view import accounts_key
from app.views.links.view_model import LinksViewModel
from app.views.links.widgets import request_card
from app.views.notices.context import use_notices
from app.widgets.semantics import tagged


@ft.component
def LinkRequestsHome() -> ft.Control:
    accounts = use_accounts()
    notices = use_notices()
    t = use_t()
    vm = use_view_model(lambda s: LinksViewModel(repo=s.links, accounts=accounts))
    use_link_confirmation(t, vm)

    async def load() -> None:
        if accounts.loaded:
            await vm.load()

    use_load(load, accounts.loaded, accounts_key(vm), notices.link_changes)
    selected = accounts.selected
    if selected is None:
        return ft.Container(visible=False)
    cards: list[ft.Control] = [banner] if (banner := result_banner(t, vm)) else []
    cards += [
        request_card(
            t,
            lk,
            code,
            on_approve=lambda _, c=code, lk=lk: vm.ask("approve", c, lk),
            on_deny=lambda _, c=code, lk=lk: vm.ask("deny", c, lk),
        )
        for code, lk in vm.all_pending
    ]
    if vm.owned_codes:
        count = vm.selected_linked_count  # this code's people, not every owned code's
        label = (
            t.t("links.manage_count", count=count)
            if vm.loaded and count is not None
            else t.t("links.manage")
        )
    else:
        label = t.t("links.mine_title")
    cards.append(
        tagged(
            "open-links",
            ft.TextButton(
                label,
                icon=ft.Icons.GROUP_OUTLINED,
                height=48,
                on_click=lambda: ft.context.page.navigate("/links"),
            ),
        )
    )
    return tagged("home-links", ft.Column(cards, spacing=8), container=True)
