"""Phòng của tôi (/my-room): invitations to accept, then the tenant's room and its share of
each bill at the legal household tariff, with the average price per kWh and a line comparing
what the landlord charges with what the tariff allows."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.notices.context import use_notices
from app.views.rooms.tenant_view_model import MyRoomViewModel
from app.widgets.form_fields import form_messages, text_field
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from domain.models.rooms import RoomShare


def _invitations(t: Translator, vm: MyRoomViewModel) -> list[ft.Control]:
    return [
        tagged(
            f"invitation-{i.room_id}",
            ft.Card(
                ft.Container(
                    ft.Column(
                        [
                            ft.Text(t.t("my_room.invited", room=i.room_name, code=i.customer_code)),
                            tagged(
                                f"invitation-accept-{i.room_id}",
                                ft.FilledButton(
                                    t.t("my_room.accept"),
                                    on_click=partial(vm.accept, i.room_id),  # awaited
                                ),
                            ),
                        ]
                    ),
                    padding=12,
                )
            ),
            container=True,
        )
        for i in vm.invitations
    ]


def _share_card(t: Translator, vm: MyRoomViewModel, share: RoomShare) -> ft.Control:
    method = t.t(f"my_room.method.{share.method}")
    lines: list[ft.Control] = [
        ft.Text(
            t.t("my_room.period", start=t.date(share.period_start), end=t.date(share.period_end)),
            theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
        ),
        ft.Text(t.t("my_room.kwh_line", kwh=t.kwh(share.kwh), method=method)),
        ft.Text(
            t.t("my_room.legal_line", amount=t.money(share.amount), households=share.households)
        ),
    ]
    if share.average_vnd_per_kwh is not None:
        lines.append(ft.Text(t.t("my_room.average", price=t.money(share.average_vnd_per_kwh))))
    if share.days_present < (share.period_end - share.period_start).days + 1:
        lines.append(ft.Text(t.t("my_room.days", days=share.days_present), size=12))
    if (c := vm.comparison(share)) is not None:
        key = "my_room.over" if c.over > 0 else "my_room.within"
        colour = ft.Colors.ERROR if c.over > 0 else ft.Colors.PRIMARY
        lines.append(
            tagged(
                f"share-compare-{share.period_month}",
                ft.Text(
                    t.t(key, charged=t.money(c.charged), over=t.money(abs(c.over))), color=colour
                ),
            )
        )
    return tagged(
        f"share-{share.period_month}",
        ft.Card(ft.Container(ft.Column(lines, spacing=4), padding=12)),
        container=True,
    )


@ft.component
def MyRoomView() -> ft.Control:
    accounts = use_accounts()
    notices = use_notices()
    t = use_t()
    vm = use_view_model(lambda s: MyRoomViewModel(repo=s.rooms, accounts=accounts))

    async def load() -> None:
        if accounts.loaded:
            await vm.load()

    # a link notice (the owner approved, revoked) reloads the page while it is open
    use_load(load, accounts.loaded, len(accounts.tenancies), notices.link_changes)
    body: list[ft.Control] = [page_title(t.t("my_room.title"), back_to="/")]
    body += form_messages(t, vm)
    if not vm.loaded:
        body.append(load_failed(t, vm.error, load) if vm.error else loading(t.t("common.loading")))
        return centred(body, FORM_WIDTH)
    body += _invitations(t, vm)
    if vm.room is None:
        key = "my_room.waiting" if vm.waiting else "my_room.none"
        if not vm.invitations or vm.waiting:
            body.append(
                tagged("my-room-empty", empty(t.t(key), ft.Icons.BED_OUTLINED), container=True)
            )
        return centred(body, FORM_WIDTH)
    room = vm.room
    body += [
        ft.Text(room.name, theme_style=ft.TextThemeStyle.HEADLINE_SMALL),
        ft.Text(t.t("my_room.residents", n=room.residents, households=room.households)),
        ft.Text(t.t("my_room.law")),
        text_field(
            t, vm, "landlord_price", "my_room.landlord_price", "landlord-price", kind="number"
        ),
    ]
    if not vm.shares:
        body.append(empty(t.t("my_room.no_bills"), ft.Icons.RECEIPT_LONG_OUTLINED))
    body += [_share_card(t, vm, s) for s in vm.shares]
    return centred(body, FORM_WIDTH)
