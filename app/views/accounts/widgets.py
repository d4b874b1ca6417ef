"""Status chips, the account switcher menu and the card of one customer code."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.accounts.nickname import NicknameButton
from app.views.accounts.view_model import AccountsViewModel
from app.widgets.semantics import tagged
from domain.models import AccountPublic

STATUS_LOOK = {
    "approved": (ft.Icons.VERIFIED_OUTLINED, ft.Colors.PRIMARY),
    "pending": (ft.Icons.HOURGLASS_TOP, ft.Colors.TERTIARY),
    "denied": (ft.Icons.BLOCK, ft.Colors.ERROR),
    "revoked": (ft.Icons.LINK_OFF, ft.Colors.ERROR),
}


def badge_key(account: AccountPublic) -> str:
    """One's own code says "Chủ hợp đồng"; "Đã duyệt" only means something on another's."""
    if account.role == "owner" and account.status == "approved":
        return "link.role.owner"
    return f"link.status.{account.status}"


def display_name(t: Translator, account: AccountPublic) -> str:
    """The server masks names until approval ("N***** V** A*"); initials read as a name."""
    if "*" not in account.name:
        return account.name
    initials = " ".join(f"{w[0]}." for w in account.name.split() if w and w[0] != "*")
    return t.t("accounts.masked_name", initials=initials or "…")


def switcher_subtitle(t: Translator, account: AccountPublic) -> str:
    """What tells codes apart in the switcher: the address once it may be seen, else why not."""
    if account.status == "approved":
        return account.address
    return t.t(f"link.status.{account.status}")


def switcher_title(account: AccountPublic) -> str:
    """The person's own name for the code first, when they gave one: "Nhà mẹ · PE01…"."""
    if account.nickname:
        return f"{account.nickname} · {account.customer_code}"
    return account.customer_code


def account_chip(t: Translator, account: AccountPublic) -> ft.Control:
    if badge_key(account) == "link.role.owner":
        return chip(t.t("link.role.owner"), ft.Icons.HOME_OUTLINED, ft.Colors.PRIMARY)
    return status_chip(t, account.status)


def status_chip(t: Translator, status: str) -> ft.Control:
    icon, colour = STATUS_LOOK.get(status, (ft.Icons.HELP_OUTLINE, ft.Colors.OUTLINE))
    return chip(t.t(f"link.status.{status}"), icon, colour)


def chip(text: str, icon: ft.IconData, colour: ft.ColorValue) -> ft.Control:
    return ft.Container(
        ft.Row(
            [
                ft.Icon(icon, size=16, color=colour),
                ft.Text(text, size=13, color=colour),
            ],
            tight=True,
            spacing=4,
        ),
        border=ft.Border.all(1, colour),
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
    )


def account_switcher(t: Translator, accounts: AccountsViewModel, compact: bool) -> ft.Control:
    """The selected code and its status at the top; opens the list of the person's codes."""
    selected = accounts.selected
    label = selected.customer_code if selected else t.t("accounts.none_short")
    items: list[ft.PopupMenuItem] = [
        ft.PopupMenuItem(
            content=ft.Column(
                [
                    ft.Text(switcher_title(a), weight=ft.FontWeight.BOLD),
                    ft.Text(
                        switcher_subtitle(t, a),
                        size=13,
                        color=ft.Colors.ON_SURFACE_VARIANT,
                        max_lines=2,
                        overflow=ft.TextOverflow.ELLIPSIS,
                    ),
                ],
                spacing=0,
                tight=True,
            ),
            height=64,
            checked=a.customer_code == accounts.selected_code,
            on_click=lambda _, code=a.customer_code: accounts.select(code),
        )
        for a in accounts.accounts
    ]
    items += [
        ft.PopupMenuItem(),  # divider
        ft.PopupMenuItem(
            content=t.t("accounts.add"),
            icon=ft.Icons.ADD,
            on_click=lambda: ft.context.page.navigate("/accounts/add"),
        ),
    ]
    heading: list[ft.Control] = [
        ft.Column(
            [
                ft.Text(
                    selected.nickname
                    if selected and selected.nickname
                    else t.t("common.customer_code"),
                    size=11,
                    color=ft.Colors.ON_SURFACE_VARIANT,
                    max_lines=1,
                    overflow=ft.TextOverflow.ELLIPSIS,
                ),
                ft.Text(label, size=16, weight=ft.FontWeight.BOLD),
            ],
            spacing=0,
            tight=True,
        ),
    ]
    if selected and not compact:
        heading.append(account_chip(t, selected))
    heading.append(ft.Icon(ft.Icons.ARROW_DROP_DOWN))
    return tagged(
        "account-switcher",
        ft.PopupMenuButton(
            content=ft.Container(
                ft.Row(heading, tight=True, spacing=8),
                height=48,  # a 48 px target, like every other control
                alignment=ft.Alignment.CENTER_LEFT,
            ),
            items=items,
            tooltip=t.t("accounts.switch"),
        ),
    )


def account_card(t: Translator, account: AccountPublic, renamable: bool = False) -> ft.Control:
    meter = t.t(f"accounts.meter.{account.meter_type}")
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(
                    account.customer_code,
                    theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
                    weight=ft.FontWeight.BOLD,
                    expand=True,
                ),
                account_chip(t, account),
            ],
        ),
        ft.Text(display_name(t, account), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Text(account.address),
        ft.Row([ft.Icon(ft.Icons.SPEED, size=18), ft.Text(meter)], spacing=6),
    ]
    if account.nickname:
        lines.insert(1, ft.Text(account.nickname, color=ft.Colors.PRIMARY))
    if badge_key(account) != "link.role.owner":  # the owner's chip already says it
        lines.insert(
            -1,
            ft.Row(
                [
                    ft.Icon(ft.Icons.PERSON_OUTLINE, size=18),
                    ft.Text(t.t(f"link.role.{account.role}")),
                ],
                spacing=6,
            ),
        )
    if account.status != "approved":
        lines.append(
            tagged(
                "account-status-note",
                ft.Container(
                    ft.Text(t.t(f"accounts.note.{account.status}")),
                    bgcolor=ft.Colors.SECONDARY_CONTAINER,
                    border_radius=8,
                    padding=12,
                ),
                container=True,
            )
        )
    # The tag holds the card's words only: a button inside it would make the card a parent
    # node, whose words the browser's accessibility tree then keeps as a label, not as text.
    facts = tagged("account-card", ft.Column(lines, spacing=8), container=True)
    if not (renamable and account.status == "approved"):
        return ft.Card(ft.Container(facts, padding=16))
    rename = ft.Row([NicknameButton(account)], alignment=ft.MainAxisAlignment.END)
    return ft.Card(ft.Container(ft.Column([facts, rename], spacing=8), padding=16))


def account_list_tile(
    t: Translator, account: AccountPublic, selected: bool, on_select
) -> ft.Control:
    return tagged(
        f"account-{account.customer_code}",
        ft.ListTile(
            leading=ft.Icon(
                ft.Icons.HOME_OUTLINED if account.role == "owner" else ft.Icons.GROUP_OUTLINED
            ),
            title=ft.Text(account.customer_code, weight=ft.FontWeight.BOLD),
            subtitle=ft.Text(f"{t.t(f'link.role.{account.role}')} · {display_name(t, account)}"),
            trailing=account_chip(t, account),
            selected=selected,
            on_click=on_select,
        ),
    )
