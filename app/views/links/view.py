"""The links page: for each code owned, requests awaiting approval, linked people and history;
then the person's own requests to link other codes."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.links.dialogs import result_banner, use_link_confirmation
from app.views.links.view_model import LinksViewModel
from app.views.links.widgets import (
    audit_row,
    linked_card,
    my_request_card,
    reminder_lines,
    request_card,
)
from app.views.notices.context import use_notices
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading


def heading(text: str, level: ft.TextThemeStyle = ft.TextThemeStyle.TITLE_MEDIUM) -> ft.Control:
    return ft.Semantics(header=True, content=ft.Text(text, theme_style=level))


def quiet(text: str) -> ft.Control:
    return ft.Text(text, color=ft.Colors.ON_SURFACE_VARIANT)


def audit_part(t: Translator, vm: LinksViewModel, code: str) -> list[ft.Control]:
    out: list[ft.Control] = [heading(t.t("links.audit"))]
    if code not in vm.audit:
        out.append(
            tagged(
                f"show-audit-{code}",
                ft.OutlinedButton(
                    t.t("links.audit_show"),
                    icon=ft.Icons.HISTORY,
                    on_click=partial(vm.load_audit, code),
                ),
            )
        )
        return out
    owner = next((lk for lk in vm.links.get(code, []) if lk.role == "owner"), None)
    own_phone = owner.phone if owner else None  # the viewer: only owners see the history
    rows: list[ft.Control] = [audit_row(t, r, own_phone) for r in vm.audit[code]] or [
        ft.Container(ft.Text(t.t("links.audit_none")), padding=12)
    ]
    note = ft.Text(t.t("links.audit_note"), size=12, color=ft.Colors.ON_SURFACE_VARIANT)
    rows.append(ft.Container(note, padding=12))
    out.append(tagged(f"link-audit-{code}", ft.Card(ft.Column(rows, spacing=0)), container=True))
    return out


def owner_section(t: Translator, vm: LinksViewModel, code: str) -> ft.Control:
    out: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.HOME_OUTLINED, color=ft.Colors.PRIMARY),
                heading(code, ft.TextThemeStyle.TITLE_LARGE),
            ]
        ),
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
        for lk in vm.pending(code)
    ] or [quiet(t.t("links.pending_none"))]
    out.append(heading(t.t("links.linked_title")))
    out += [
        linked_card(t, lk, on_revoke=lambda _, lk=lk: vm.ask("revoke", code, lk))
        for lk in vm.linked(code)
    ] or [quiet(t.t("links.linked_none"))]
    if past := vm.past(code):
        out.append(heading(t.t("links.past_title")))
        out += [linked_card(t, lk, on_revoke=None) for lk in past]
    out += audit_part(t, vm, code)
    return tagged(
        f"owned-{code}",
        ft.Column(out, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        container=True,
    )


def member_section(t: Translator, vm: LinksViewModel) -> list[ft.Control]:
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
            on_remind=partial(vm.remind, a.customer_code),  # async: Flet awaits a partial
            extra=reminder_lines(
                t,
                vm.reminded.get(a.customer_code),
                vm.remind_from.get(a.customer_code),
                a.requested_at if a.status == "pending" else None,
            ),
        )
        for a in mine
    ]
    return [
        heading(t.t("links.mine_title"), ft.TextThemeStyle.HEADLINE_SMALL),
        ft.Text(t.t("links.member_intro")),
        *cards,
    ]


def rooms_links(t: Translator, owner: bool) -> ft.Control:
    """Issue 18: an owner's rented rooms, and a tenant's own room (invitations land there)."""
    go = ft.context.page.navigate
    buttons: list[ft.Control] = [
        tagged(
            "open-my-room",
            ft.OutlinedButton(
                t.t("my_room.open"), icon=ft.Icons.BED_OUTLINED, on_click=lambda: go("/my-room")
            ),
        )
    ]
    if owner:
        rooms = ft.OutlinedButton(
            t.t("rooms.open"), icon=ft.Icons.MEETING_ROOM_OUTLINED, on_click=lambda: go("/rooms")
        )
        buttons.insert(0, tagged("open-rooms", rooms))
    return ft.Row(buttons, wrap=True)


def accounts_key(vm: LinksViewModel) -> str:
    """Changes when a code, role or status changes: then the links are loaded again."""
    return ",".join(f"{a.customer_code}:{a.role}:{a.status}" for a in vm.accounts.accounts)


@ft.component
def LinksView() -> ft.Control:
    accounts = use_accounts()
    notices = use_notices()
    t = use_t()
    vm = use_view_model(lambda s: LinksViewModel(repo=s.links, accounts=accounts))
    use_link_confirmation(t, vm)

    async def load() -> None:
        if accounts.loaded:
            await vm.load()

    # A link notice (a new request, a decision) reloads the page while it is open.
    use_load(load, accounts.loaded, accounts_key(vm), notices.link_changes)

    body: list[ft.Control] = [page_title(t.t("links.title"), back_to="/")]
    if vm.loaded and (banner := result_banner(t, vm)):
        body.append(banner)
    if not vm.loaded:
        if vm.error:
            body.append(load_failed(t, vm.error, load))
        else:
            body.append(loading(t.t("common.loading")))
    else:
        if vm.owned_codes:
            body.append(ft.Text(t.t("links.owner_intro")))
        for code in vm.owned_codes:
            body += [owner_section(t, vm, code), ft.Divider()]
        body += member_section(t, vm)
        body.append(rooms_links(t, bool(vm.owned_codes)))
        if not vm.owned_codes and not vm.my_requests:
            body.append(empty(t.t("links.mine_none"), ft.Icons.GROUP_OUTLINED))
    return centred(body, FORM_WIDTH)
