"""Name a code ("Nhà mẹ", "Phòng trọ Q.7"; issue 21.5): a button on the account card opens a
dialog with one field; the name is the person's own and shows in the switcher."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.widgets.semantics import tagged
from app.widgets.states import error_notice
from domain.models import AccountPublic


@ft.component
def NicknameButton(account: AccountPublic) -> ft.Control:
    t = use_t()
    accounts = use_accounts()
    editing, set_editing = ft.use_state(False)
    text, set_text = ft.use_state(account.nickname or "")

    def start() -> None:
        accounts.error = None
        set_text(account.nickname or "")
        set_editing(True)

    async def save() -> None:
        if await accounts.rename(account.customer_code, text.strip() or None):
            set_editing(False)

    dialog = None
    if editing:
        content: list[ft.Control] = [
            ft.Text(t.t("accounts.nickname_help", code=account.customer_code)),
            tagged(
                "nickname-field",
                ft.TextField(
                    label=t.t("accounts.nickname_label"),
                    value=text,
                    max_length=40,
                    autofocus=True,
                    on_change=lambda e: set_text(e.control.value or ""),
                    on_submit=save,
                ),
            ),
        ]
        if accounts.error is not None:
            content.append(error_notice(t.error(accounts.error)))
        dialog = ft.AlertDialog(
            title=ft.Text(t.t("accounts.nickname_title")),
            content=ft.Column(content, tight=True, spacing=12, width=360),
            on_dismiss=lambda: set_editing(False),
            actions=[
                tagged(
                    "nickname-cancel",
                    ft.TextButton(t.t("common.cancel"), on_click=lambda: set_editing(False)),
                ),
                tagged(
                    "nickname-save", ft.FilledButton(t.t("accounts.nickname_save"), on_click=save)
                ),
            ],
        )
    ft.use_dialog(dialog)
    key = "accounts.nickname_change" if account.nickname else "accounts.nickname_set"
    return tagged(
        "nickname-edit",
        ft.TextButton(t.t(key), icon=ft.Icons.EDIT_OUTLINED, on_click=start, height=48),
    )
