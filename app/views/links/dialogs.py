"""The confirmation every link action asks for, and the result it reports afterwards."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.links.view_model import Ask, LinksViewModel, local_phone
from app.widgets.semantics import tagged
from app.widgets.states import error_notice


def _params(ask: Ask) -> dict[str, str]:
    if ask.link is None:
        return {"code": ask.code}
    return {"code": ask.code, "name": ask.link.full_name, "phone": local_phone(ask.link.phone)}


def action_key(vm: LinksViewModel, ask: Ask) -> str:
    """Leaving a code whose request is still pending is cancelling the request."""
    pending = any(
        a.customer_code == ask.code and a.status == "pending" for a in vm.accounts.accounts
    )
    return "cancel_request" if ask.action == "leave" and pending else ask.action


def _body_key(ask: Ask, key: str) -> str:
    """A tenant (issue 18) sees only their room: approving one says so."""
    if ask.link is not None and ask.link.role == "tenant" and key == "approve":
        return "links.confirm.approve.body_tenant"
    return f"links.confirm.{key}.body"


def done_message(t: Translator, ask: Ask, key: str | None = None) -> str:
    return t.t(f"links.done.{key or ask.action}", **_params(ask))


def use_link_confirmation(t: Translator, vm: LinksViewModel) -> None:
    """Call on every render of a component that lets people act on links: shows the dialog
    while `vm.asking` is set; result_banner says what it did."""

    async def confirm() -> None:
        key = action_key(vm, vm.asking) if vm.asking else None
        if await vm.confirm():
            vm.done_key = key
        # The result (or the error) is said once, by result_banner on the page (issue 21.8).

    dialog = None
    if ask := vm.asking:
        danger = ask.action != "approve"
        key = action_key(vm, ask)
        dialog = ft.AlertDialog(
            title=ft.Text(t.t(f"links.confirm.{key}.title", code=ask.code)),
            content=ft.Text(t.t(_body_key(ask, key), **_params(ask))),
            on_dismiss=lambda: vm.cancel(),
            actions=[
                tagged(
                    "link-cancel",
                    ft.TextButton(t.t("common.cancel"), on_click=lambda: vm.cancel()),
                ),
                tagged(
                    "link-confirm",
                    ft.FilledButton(
                        t.t(f"links.{key}"),
                        on_click=confirm,
                        style=ft.ButtonStyle(bgcolor=ft.Colors.ERROR, color=ft.Colors.ON_ERROR)
                        if danger
                        else None,
                    ),
                ),
            ],
        )
    ft.use_dialog(dialog)


def result_banner(t: Translator, vm: LinksViewModel) -> ft.Control | None:
    """What the last action did (or why it failed), kept on the page after the snackbar."""
    if vm.error:
        return tagged("links-error", error_notice(t.error(vm.error)), container=True)
    if vm.done:
        return tagged(
            "links-result",
            ft.Container(
                ft.Row(
                    [
                        ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE, color=ft.Colors.PRIMARY),
                        ft.Semantics(
                            live_region=True,
                            content=ft.Text(done_message(t, vm.done, vm.done_key)),
                            expand=True,
                        ),
                    ]
                ),
                bgcolor=ft.Colors.PRIMARY_CONTAINER,
                border_radius=12,
                padding=12,
            ),
            container=True,
        )
    return None
