"""The links page: requests awaiting approval, linked people, history; the person's own requests."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.context import use_accounts, use_app_state, use_services, use_t
from app.i18n import Translator
from app.views.links.dialogs import result_banner, use_link_confirmation
from app.views.links.view_model import LinksViewModel
from app.views.links.widgets import audit_row, linked_card, my_request_card, request_card
from app.views.notices.context import use_notices
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, error_notice, loading


def heading(text: str) -> ft.Control:
    return ft.Semantics(
        header=True, content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    )


def owner_sections(t: Translator, vm: LinksViewModel) -> list[ft.Control]:
    code = vm.code or ""
    out: list[ft.Control] = [
        ft.Text(t.t("links.owner_intro", code=code)),
        heading(t.t("links.pending_title")),
    ]
    out += [
        request_card(
            t,
            lk,
            code,
            on_approve=lambda _, lk=lk: vm.ask("approve", code, lk),
            on_deny=lambda _, lk=lk: vm.ask("deny", code, lk),
        )
        for lk in vm.pending
    ] or [ft.Text(t.t("links.pending_none"), color=ft.Colors.ON_SURFACE_VARIANT)]
    out.append(heading(t.t("links.linked_title")))
    out += [
        linked_card(t, lk, on_revoke=lambda _, lk=lk: vm.ask("revoke", code, lk))
        for lk in vm.linked
    ] or [ft.Text(t.t("links.linked_none"), color=ft.Colors.ON_SURFACE_VARIANT)]
    if vm.past:
        out.append(heading(t.t("links.past_title")))
        out += [linked_card(t, lk, on_revoke=None) for lk in vm.past]
    out.append(heading(t.t("links.audit")))
    if not vm.audit_loaded:
        out.append(
            tagged(
                "show-audit",
                ft.OutlinedButton(
                    t.t("links.audit_show"), icon=ft.Icons.HISTORY, on_click=vm.load_audit
                ),
            )
        )
    else:
        rows = [audit_row(t, r) for r in vm.audit] or [
            ft.Container(ft.Text(t.t("links.audit_none")), padding=12)
        ]
        note = ft.Text(t.t("links.audit_note"), size=12, color=ft.Colors.ON_SURFACE_VARIANT)
        out.append(
            tagged(
                "link-audit",
                ft.Card(ft.Column([*rows, ft.Container(note, padding=12)], spacing=0)),
                container=True,
            )
        )
    return out


def member_sections(t: Translator, vm: LinksViewModel) -> list[ft.Control]:
    mine = vm.my_requests
    if not mine:
        return []
    cards = [
        my_request_card(
            t,
            a,
            on_leave=(lambda _, c=a.customer_code: vm.ask("leave", c))
            if a.status in ("approved", "pending")
            else None,
        )
        for a in mine
    ]
    return [heading(t.t("links.mine_title")), ft.Text(t.t("links.member_intro")), *cards]


@ft.component
def LinksView() -> ft.Control:
    services = use_services()
    accounts = use_accounts()
    state = use_app_state()
    notices = use_notices()
    t = use_t()
    vm, _ = ft.use_state(lambda: LinksViewModel(repo=services.links, accounts=accounts))
    use_link_confirmation(t, vm)

    async def load() -> None:
        await vm.load(accounts.selected_code)

    # A link notice (a new request, a decision) reloads the page while it is open.
    ft.use_effect(
        load, [accounts.selected_code, accounts.loaded, state.reload_token, notices.link_changes]
    )

    body: list[ft.Control] = [page_title(t.t("links.title"), back_to="/")]
    if vm.loaded and (banner := result_banner(t, vm)):
        body.append(banner)
    if not accounts.loaded or (vm.busy and not vm.loaded):
        body.append(loading(t.t("common.loading")))
    elif vm.error and not vm.loaded:
        retry = partial(vm.load, vm.code)
        body.append(error_notice(t.error(vm.error), t.t("common.retry"), retry))
    else:
        if vm.is_owner:
            body += owner_sections(t, vm)
        body += member_sections(t, vm)
        if not vm.is_owner and not vm.my_requests:
            body.append(empty(t.t("links.mine_none"), ft.Icons.GROUP_OUTLINED))
    return tagged("links-page", centred(body, FORM_WIDTH), container=True)
