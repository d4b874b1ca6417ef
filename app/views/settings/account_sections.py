"""The signed-in part of Cài đặt: notice channels, consents, devices, export and erasure."""

from __future__ import annotations

import logging

import flet as ft

from app.context import use_accounts, use_app_state, use_t
from app.views.hooks import use_load, use_view_model
from app.views.settings.data_settings import data_section, delete_dialog
from app.views.settings.devices import devices_section
from app.views.settings.notice_settings import channel_section, consent_section, withdraw_dialog
from app.views.settings.profile_view_model import ProfileSettingsViewModel
from app.widgets.semantics import tagged
from app.widgets.states import load_failed, loading
from domain import clock
from domain.models import SessionPublic

log = logging.getLogger(__name__)


@ft.component
def AccountSettings() -> ft.Control:
    state = use_app_state()
    accounts = use_accounts()
    t = use_t()
    page = ft.context.page
    vm = use_view_model(lambda s: ProfileSettingsViewModel(repo=s.profile))

    def report(ok: bool) -> None:
        """A snackbar with what happened (the switch itself already shows the new state)."""
        if ok and vm.notice:
            page.show_dialog(ft.SnackBar(ft.Text(t.t(vm.notice)), show_close_icon=True))
        elif not ok and vm.error:
            page.show_dialog(ft.SnackBar(ft.Text(t.error(vm.error)), show_close_icon=True))

    def show_saved(e: ft.Event, value: bool) -> None:
        """The switch moved on the screen before we knew. Declarative controls are frozen, so
        when the profile disagrees (refused, failed), draw the switches anew from it."""
        if bool(e.control.value) != value:
            vm.revision += 1

    async def toggle_channel(name: str, e: ft.Event) -> None:
        report(await vm.set_channel(name, bool(e.control.value)))
        show_saved(e, vm.channel_on(name))

    async def toggle_consent(purpose: str, e: ft.Event) -> None:
        granted = bool(e.control.value)
        ok = await vm.set_consent(purpose, granted)
        if granted:
            report(ok)
        show_saved(e, vm.consent_shown(purpose))  # a withdrawal waits for the dialog

    async def confirm_withdraw() -> None:
        report(await vm.confirm_withdraw())

    async def sign_out_device(session: SessionPublic) -> None:
        report(await vm.end_session(session))

    async def export() -> None:
        data = await vm.export()
        if data is None:
            report(False)
            return
        name = f"dien-nha-du-lieu-{clock.today():%Y%m%d}.json"
        try:  # web: a download; desktop and phones: the system's save dialog
            await ft.FilePicker().save_file(
                dialog_title=t.t("privacy.export"), file_name=name, src_bytes=data
            )
        except Exception:  # no file dialog on this system (e.g. Linux without zenity)
            log.exception("saving the data export failed")
            page.show_dialog(ft.SnackBar(ft.Text(t.t("error.generic")), show_close_icon=True))
            return
        page.show_dialog(ft.SnackBar(ft.Text(t.t("privacy.exported")), show_close_icon=True))

    async def wipe_and_leave() -> None:
        await state.sign_out()  # tokens are already gone: this only forgets locally
        accounts.clear()
        page.show_dialog(ft.SnackBar(ft.Text(t.t("privacy.deleted")), show_close_icon=True))
        page.navigate("/welcome")

    async def confirm_delete() -> None:
        await vm.delete_account(wipe_and_leave)

    async def sync_language() -> None:
        if state.locale_chosen:  # a chosen language goes to the profile, a default does not
            await vm.sync_language(state.locale)

    use_load(vm.load)
    ft.use_effect(sync_language, [state.locale, vm.loaded])
    ft.use_dialog(withdraw_dialog(t, vm, confirm_withdraw))
    ft.use_dialog(delete_dialog(t, vm, confirm_delete))

    if not vm.loaded:
        if vm.error:
            return load_failed(t, vm.error, vm.load)
        return loading(t.t("common.loading"))
    body = [
        *channel_section(t, vm, toggle_channel),
        ft.Divider(),
        *consent_section(t, vm, toggle_consent),
        ft.Divider(),
        *devices_section(t, vm, sign_out_device),
        ft.Divider(),
        *data_section(t, vm, export, lambda: vm.ask_delete(True)),
    ]
    return tagged(
        "account-settings",
        ft.Column(body, spacing=12, horizontal_alignment=ft.CrossAxisAlignment.STRETCH),
        container=True,
    )
