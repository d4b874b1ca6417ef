"""Thông báo: the inbox, newest first, with unread styling, marking read and paging."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.context import use_accounts, use_t
from app.views.accounts.view_model import AccountsViewModel
from app.views.hooks import use_load
from app.views.notices.context import use_notices
from app.views.notices.deep_links import target_for
from app.views.notices.view_model import NoticeCenter
from app.views.notices.widgets import notice_card
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from app.widgets.touch import target_style, touch_height
from domain.models import NotificationPublic


async def open_notice(
    center: NoticeCenter, accounts: AccountsViewModel, notice: NotificationPublic
) -> None:
    """Mark it read and go to what it is about, on the code it is about."""
    await center.mark_read(notice)
    target = target_for(notice)
    if target is None:
        return
    if notice.customer_code:
        accounts.select(notice.customer_code)
    ft.context.page.navigate(target)


@ft.component
def NoticesView() -> ft.Control:
    center = use_notices()
    accounts = use_accounts()
    t = use_t()

    use_load(center.load)

    async def filter_changed(e: ft.Event) -> None:
        await center.show_only_unread(e.control.selected[0] == "unread")

    toolbar = ft.Row(
        [
            tagged(
                "notices-filter",
                ft.SegmentedButton(
                    style=target_style(touch_height()),  # 48 px (72 on a kiosk)
                    selected=["unread" if center.only_unread else "all"],
                    segments=[
                        ft.Segment(value="all", label=ft.Text(t.t("notices.all"))),
                        ft.Segment(
                            value="unread",
                            label=ft.Text(t.t("notices.unread_count", count=center.unread_count)),
                        ),
                    ],
                    on_change=filter_changed,
                ),
            ),
            tagged(
                "notices-read-all",
                ft.TextButton(
                    t.t("notices.mark_all_read"),
                    icon=ft.Icons.DONE_ALL,
                    on_click=center.mark_all_read,
                    disabled=center.unread_count == 0 or center.busy,
                ),
            ),
        ],
        wrap=True,
        alignment=ft.MainAxisAlignment.SPACE_BETWEEN,
    )
    body: list[ft.Control] = [page_title(t.t("nav.notices")), toolbar]
    if center.error:
        body.append(load_failed(t, center.error, center.load))
    if not center.loaded:
        if not center.error:
            body.append(loading(t.t("common.loading")))
        return centred(body, FORM_WIDTH)
    if not center.items:
        key = "notices.empty_unread" if center.only_unread else "notices.empty"
        body.append(empty(t.t(key), ft.Icons.NOTIFICATIONS_NONE))
    cards = [
        notice_card(
            t,
            n,
            leads_somewhere=target_for(n) is not None,
            on_open=partial(open_notice, center, accounts, n),
            on_read=partial(center.mark_read, n),
        )
        for n in center.items
    ]
    body.append(tagged("inbox", ft.Column(cards, spacing=8), container=True))
    if center.next_cursor:
        body.append(
            tagged(
                "notices-more",
                ft.OutlinedButton(
                    t.t("notices.more"), on_click=center.load_more, disabled=center.busy
                ),
            )
        )
    return centred(body, FORM_WIDTH)
