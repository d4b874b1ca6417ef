"""Phòng cho thuê (/rooms): an owner's rooms on one code they own, a form to add one, and per
room: invite its tenant by phone, record a sub-meter reading. Approving the tenant's link is
done on the links page, with every other link."""

from __future__ import annotations

from functools import partial

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.rooms.owner_view_model import RoomsViewModel
from app.widgets.form_fields import field_error_text, form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from domain.models.rooms import RoomPublic


def _heading(text: str) -> ft.Control:
    return ft.Semantics(
        header=True, content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    )


def _bound(
    t: Translator, vm: RoomsViewModel, store: dict[int, str], room_id: int, label: str, err: str
) -> ft.Control:
    """A small field kept in one of the view model's per-room dicts."""

    def change(e: ft.Event[ft.TextField]) -> None:
        store[room_id] = e.control.value or ""

    return ft.TextField(
        label=t.t(label),
        value=store.get(room_id, ""),
        on_change=change,
        error=field_error_text(t, vm, err),
        dense=True,
        expand=True,
        disabled=vm.busy,
    )


def _room_card(t: Translator, vm: RoomsViewModel, room: RoomPublic) -> ft.Control:
    lines: list[ft.Control] = [
        ft.Text(room.name, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Text(t.t("rooms.residents_line", n=room.residents, households=room.households)),
        ft.Text(t.t("rooms.since", day=t.date(room.moved_in)), size=12),
        ft.Text(t.t(f"rooms.tenant.{room.tenant_status}"), color=ft.Colors.TERTIARY),
    ]
    if room.moved_out:
        lines.append(ft.Text(t.t("rooms.until", day=t.date(room.moved_out)), size=12))
    for reading in room.readings[-3:]:
        lines.append(
            ft.Text(t.t("rooms.reading_line", month=reading.month, kwh=t.kwh(reading.kwh)))
        )
    if room.tenant_status not in ("pending", "approved"):
        lines.append(
            ft.Row(
                [
                    tagged(
                        f"room-invite-phone-{room.id}",
                        _bound(
                            t, vm, vm.invite_to, room.id, "rooms.invite_phone", f"invite_{room.id}"
                        ),
                        expand=True,  # the wrapper, not only the field, takes the row's width
                    ),
                    tagged(
                        f"room-invite-{room.id}",
                        ft.OutlinedButton(
                            t.t("rooms.invite"), on_click=partial(vm.invite, room.id)
                        ),
                    ),
                ]
            )
        )
    lines.append(
        ft.Row(
            [
                _bound(t, vm, vm.reading_month, room.id, "rooms.reading_month", f"month_{room.id}"),
                _bound(t, vm, vm.reading_kwh, room.id, "rooms.reading_kwh", f"kwh_{room.id}"),
                tagged(
                    f"room-reading-{room.id}",
                    ft.OutlinedButton(
                        t.t("rooms.save_reading"), on_click=partial(vm.record, room.id)
                    ),
                ),
            ]
        )
    )
    return tagged(
        f"room-{room.id}",
        ft.Card(ft.Container(ft.Column(lines, spacing=6), padding=12)),
        container=True,
    )


def _form(t: Translator, vm: RoomsViewModel) -> list[ft.Control]:
    return [
        _heading(t.t("rooms.new")),
        text_field(t, vm, "name", "rooms.name", "room-name"),
        text_field(t, vm, "residents", "rooms.residents", "room-residents", kind="number"),
        text_field(t, vm, "moved_in", "rooms.moved_in", "room-moved-in"),
        text_field(t, vm, "invite_phone", "rooms.invite_phone", "room-phone", kind="phone"),
        ft.Text(t.t("rooms.norm_hint"), size=12),
        submit_button(t.t("rooms.add"), "room-add", vm, vm.add),
    ]


@ft.component
def RoomsView() -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(lambda s: RoomsViewModel(repo=s.rooms, accounts=accounts))

    async def load() -> None:
        if accounts.loaded:
            await vm.load()

    use_load(load, accounts.loaded, accounts.selected_code)
    body: list[ft.Control] = [page_title(t.t("rooms.title"), back_to="/links")]
    code = vm.code
    if code is None:
        body.append(empty(t.t("rooms.not_owner"), ft.Icons.BED_OUTLINED))
        return centred(body, FORM_WIDTH)
    body.append(ft.Text(t.t("rooms.intro", code=code)))
    body += form_messages(t, vm)
    if not vm.loaded:
        body.append(load_failed(t, vm.error, load) if vm.error else loading(t.t("common.loading")))
        return centred(body, FORM_WIDTH)
    if not vm.rooms:
        body.append(empty(t.t("rooms.none"), ft.Icons.BED_OUTLINED))
    body += [_room_card(t, vm, r) for r in vm.rooms]
    body += _form(t, vm)
    return centred(body, FORM_WIDTH)
