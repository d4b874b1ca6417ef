"""Thêm mã khách hàng: ask to link a customer code, with what happens next explained."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.views.accounts.view_model import AddAccountViewModel
from app.views.accounts.widgets import account_card
from app.views.hooks import use_view_model
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged


@ft.component
def AddAccountView() -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(lambda s: AddAccountViewModel(repo=s.accounts))

    async def submit() -> None:
        if await vm.submit() and vm.result:
            accounts.added(vm.result)

    body: list[ft.Control] = [page_title(t.t("accounts.add"), back_to="/")]
    if vm.result:
        key = "accounts.added_owner" if vm.result.status == "approved" else "accounts.added_pending"
        body += [
            tagged(
                "add-account-result",
                ft.Text(
                    t.t(key, code=vm.result.customer_code),
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                ),
                container=True,
            ),
            account_card(t, vm.result),
            tagged(
                "add-account-done",
                ft.FilledButton(
                    t.t("common.go_home"), on_click=lambda: ft.context.page.navigate("/")
                ),
            ),
        ]
    else:
        body += [
            ft.Text(t.t("accounts.add_intro")),
            tagged(
                "add-account-approval",
                ft.Container(
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.INFO_OUTLINE, color=ft.Colors.PRIMARY),
                            ft.Text(t.t("accounts.add_approval"), expand=True),
                        ]
                    ),
                    bgcolor=ft.Colors.PRIMARY_CONTAINER,
                    border_radius=8,
                    padding=12,
                ),
                container=True,
            ),
            text_field(t, vm, "code", "common.customer_code", "add-account-code", on_submit=submit),
            text_field(t, vm, "note", "accounts.note_label", "add-account-note"),
            *form_messages(t, vm),
            submit_button(t.t("accounts.send_request"), "add-account-submit", vm, submit),
        ]
    return centred(body, FORM_WIDTH)
