"""Cards of Yêu cầu liên kết: a pending request, a linked person, a member's own request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import flet as ft

from app.i18n import Translator
from app.views.accounts.widgets import display_name, status_chip
from app.views.links.view_model import local_phone
from app.widgets.semantics import tagged
from domain.customer_code import mask_phone
from domain.models import AccountPublic, AuditRecord, LinkPublic, LinkReminder


def _who(t: Translator, link: LinkPublic) -> list[ft.Control]:
    return [
        ft.Text(link.full_name, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Row(
            [ft.Icon(ft.Icons.PHONE_OUTLINED, size=16), ft.Text(local_phone(link.phone))],
            spacing=6,
        ),
    ]


def request_card(
    t: Translator, link: LinkPublic, code: str, on_approve: Callable, on_deny: Callable
) -> ft.Control:
    """A pending request with Duyệt / Từ chối (Trang chủ and the links page)."""
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Icon(ft.Icons.PERSON_ADD_ALT, color=ft.Colors.TERTIARY),
                ft.Text(
                    t.t("links.request_for", code=code),
                    theme_style=ft.TextThemeStyle.LABEL_LARGE,
                    expand=True,
                ),
            ]
        ),
        *_who(t, link),
        ft.Text(
            t.t("links.requested_at", time=t.datetime(link.requested_at)),
            size=12,
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
    ]
    if link.note:
        lines.append(ft.Text(t.t("links.note", note=link.note), italic=True))
    if link.role == "tenant":  # issue 18: accepted a room's invitation
        lines.append(ft.Text(t.t("links.tenant_request"), color=ft.Colors.TERTIARY))
    lines.append(
        ft.Row(
            [
                tagged(
                    f"deny-{link.id}",
                    ft.OutlinedButton(t.t("links.deny"), icon=ft.Icons.CLOSE, on_click=on_deny),
                ),
                tagged(
                    f"approve-{link.id}",
                    ft.FilledButton(t.t("links.approve"), icon=ft.Icons.CHECK, on_click=on_approve),
                ),
            ],
            alignment=ft.MainAxisAlignment.END,
            wrap=True,
        )
    )
    return tagged(
        f"request-{link.id}",
        ft.Card(
            ft.Container(ft.Column(lines, spacing=6), padding=16),
            bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
        ),
        container=True,
        key=f"request-{link.id}",  # a shrinking list: a card must not take another's place
    )


def linked_card(t: Translator, link: LinkPublic, on_revoke: Callable | None) -> ft.Control:
    """An approved person (with Thu hồi) or a past one (denied / revoked, status only)."""
    when = link.decided_at or link.requested_at
    key = "links.since" if link.status == "approved" else "links.decided_at"
    right: ft.Control = status_chip(t, link.status)
    if on_revoke is not None:
        right = tagged(
            f"revoke-{link.id}",
            ft.OutlinedButton(t.t("links.revoke"), icon=ft.Icons.LINK_OFF, on_click=on_revoke),
        )
    info = ft.Column(
        [
            *_who(t, link),
            ft.Text(t.t(key, time=t.datetime(when)), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=4,
        expand=True,
    )
    return tagged(
        f"linked-{link.id}",
        ft.Card(ft.Container(ft.Row([info, right], wrap=False), padding=16)),
        container=True,
        key=f"linked-{link.id}",
    )


def leave_key(status: str) -> str:
    """A request nobody approved yet is cancelled; an approved link is left."""
    return "links.cancel_request" if status == "pending" else "links.leave"


def reminder_lines(
    t: Translator,
    reminded: LinkReminder | None,
    remind_from: datetime | None,
    requested_at: datetime | None = None,
) -> list[ft.Control]:
    """What the waiting relative knows: when they asked and reminded, and when they may again."""
    if reminded is not None:
        text = t.t(
            "links.reminded",
            asked=t.datetime(reminded.requested_at),
            time=t.datetime(reminded.reminded_at),
            next=t.datetime(reminded.next_at),
        )
    elif remind_from is not None:
        text = t.t("links.remind_from", time=t.datetime(remind_from))
    elif requested_at is not None:
        text = t.t("links.asked_at", time=t.datetime(requested_at))
    else:
        return []
    return [ft.Text(text, size=13, color=ft.Colors.ON_SURFACE_VARIANT)]


def my_request_card(
    t: Translator,
    account: AccountPublic,
    on_leave: Callable | None,
    on_remind: Callable | None = None,
    extra: list[ft.Control] | None = None,
) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(account.customer_code, weight=ft.FontWeight.BOLD, expand=True),
                status_chip(t, account.status),
            ]
        ),
        ft.Text(display_name(t, account)),
        ft.Text(t.t(f"accounts.note.{account.status}"))
        if account.status != "approved"
        else ft.Text(t.t("links.member_sees"), size=12),
    ]
    lines += extra or []
    if on_leave is not None:
        remind = (
            [
                tagged(
                    f"remind-{account.customer_code}",
                    ft.FilledTonalButton(
                        t.t("links.remind"),
                        icon=ft.Icons.NOTIFICATIONS_ACTIVE_OUTLINED,
                        on_click=on_remind,
                        height=48,
                    ),
                )
            ]
            if on_remind is not None and account.status == "pending"
            else []
        )
        lines.append(
            ft.Row(
                [
                    *remind,
                    tagged(
                        f"leave-{account.customer_code}",
                        ft.OutlinedButton(
                            t.t(leave_key(account.status)),
                            icon=ft.Icons.CANCEL_OUTLINED
                            if account.status == "pending"
                            else ft.Icons.LOGOUT,
                            on_click=on_leave,
                            height=48,
                        ),
                    ),
                ],
                alignment=ft.MainAxisAlignment.END,
            )
        )
    return tagged(
        f"my-request-{account.customer_code}",
        ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=16)),
        container=True,
        key=f"my-request-{account.customer_code}",
    )


def audit_who(t: Translator, record: AuditRecord, own_phone: str | None) -> str:
    """Who acted on whom; the log keeps masked phones, but the owner's own is his to read."""

    def name(masked: str) -> str:
        if own_phone and masked == mask_phone(own_phone):
            return t.t("links.audit_you", phone=local_phone(own_phone))
        return masked

    if not record.subject or record.subject == record.actor:
        return name(record.actor)
    return t.t("links.audit_line", actor=name(record.actor), subject=name(record.subject))


def audit_row(t: Translator, record: AuditRecord, own_phone: str | None = None) -> ft.Control:
    key = f"links.audit_action.{record.action}"
    action = t.t(key) if t.has(key) else record.action
    who = audit_who(t, record, own_phone)
    return ft.ListTile(
        leading=ft.Icon(ft.Icons.HISTORY),
        title=ft.Text(action),
        subtitle=ft.Text(f"{t.datetime(record.at)} · {who}"),
        dense=True,
    )
