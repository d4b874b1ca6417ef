"""One notice in the inbox: unread styling, Đánh dấu đã đọc, and where it leads."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.i18n import Translator
from app.widgets.semantics import tagged
from domain.models import NotificationPublic

KIND_ICONS = {
    "bill_issued": ft.Icons.RECEIPT_LONG_OUTLINED,
    "payment_due": ft.Icons.EVENT_NOTE_OUTLINED,
    "payment_overdue": ft.Icons.WARNING_AMBER,
    "disconnection_warning": ft.Icons.REPORT_GMAILERRORRED,
    "payment_received": ft.Icons.PAID_OUTLINED,
    "outage_planned": ft.Icons.POWER_OFF_OUTLINED,
    "outage_changed": ft.Icons.UPDATE,
    "reading_date": ft.Icons.SPEED,
    "abnormal_use": ft.Icons.TRENDING_UP,
    "forecast_over_threshold": ft.Icons.TRENDING_UP,
    "link_request": ft.Icons.PERSON_ADD_ALT,
    "link_approved": ft.Icons.VERIFIED_OUTLINED,
    "link_denied": ft.Icons.BLOCK,
    "link_revoked": ft.Icons.LINK_OFF,
    "new_sign_in": ft.Icons.SECURITY,
    "announcement": ft.Icons.CAMPAIGN_OUTLINED,
}


def notice_card(
    t: Translator,
    notice: NotificationPublic,
    *,
    leads_somewhere: bool,
    on_open: Callable,
    on_read: Callable,
) -> ft.Control:
    """Tapping opens what it is about (and marks it read); the envelope only marks it read."""
    unread = notice.read_at is None
    meta = t.datetime(notice.created_at)
    if notice.customer_code:
        meta = f"{notice.customer_code} · {meta}"
    title = ft.Text(
        notice.title,
        weight=ft.FontWeight.BOLD if unread else ft.FontWeight.NORMAL,
        theme_style=ft.TextThemeStyle.TITLE_SMALL,
    )
    text = ft.Column(
        [
            title,
            ft.Text(notice.body, color=None if unread else ft.Colors.ON_SURFACE_VARIANT),
            ft.Text(meta, size=12, color=ft.Colors.ON_SURFACE_VARIANT),
        ],
        spacing=4,
        expand=True,
    )
    icon = ft.Icon(
        KIND_ICONS.get(notice.kind, ft.Icons.NOTIFICATIONS_OUTLINED),
        color=ft.Colors.PRIMARY if unread else ft.Colors.OUTLINE,
        badge=ft.Badge(small_size=8) if unread else None,
    )
    actions: list[ft.Control] = []
    if unread:
        actions.append(
            tagged(
                f"read-{notice.id}",
                ft.IconButton(
                    ft.Icons.MARK_EMAIL_READ_OUTLINED,
                    tooltip=t.t("notices.mark_read"),
                    on_click=on_read,
                ),
                label=t.t("notices.mark_read"),
            )
        )
    if leads_somewhere:
        actions.append(ft.Icon(ft.Icons.CHEVRON_RIGHT, color=ft.Colors.OUTLINE))
    row = ft.Row([icon, text, *actions], vertical_alignment=ft.CrossAxisAlignment.START, spacing=12)
    body = ft.Container(
        row,
        padding=12,
        border_radius=12,
        bgcolor=ft.Colors.SECONDARY_CONTAINER if unread else None,
        border=None if unread else ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        on_click=on_open,
    )
    state = t.t("notices.unread") if unread else t.t("notices.read")
    return tagged(
        f"notice-{notice.id}",
        body,
        label=f"{state}: {notice.title}",
        container=True,
        button=leads_somewhere,
        key=f"notice-{notice.id}",  # new ones arrive on top: keep each node with its notice
    )
