"""Layout route of every signed-in page: guards the session, draws bar/rail and top bar."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_app_state, use_services, use_t, use_viewport
from app.navigation import selected_index
from app.services.errors import AppError
from app.views.accounts.widgets import account_switcher
from app.views.hooks import use_load
from app.views.notices.context import use_notices
from app.views.settings.unlock_section import use_unlock_offer
from app.views.shell.widgets import navigation_bar, navigation_rail
from app.widgets.offline_banner import OfflineBanner
from app.widgets.states import loading
from app.widgets.top_bar import top_actions


@ft.component
def SignedInShell() -> ft.View:
    state = use_app_state()
    accounts = use_accounts()
    services = use_services()
    viewport = use_viewport()
    notices = use_notices()
    unread = notices.unread_count if notices else 0
    t = use_t()
    outlet = ft.use_route_outlet()
    pathname = ft.use_route_location()

    async def guard() -> None:
        if state.session == "signed_out":
            expired = state.error in ("session_expired", "unlock_failed", "unlock_changed")
            ft.context.page.navigate("/sign-in" if expired else "/welcome")

    async def load_accounts() -> None:
        if state.session == "signed_in":
            await accounts.load()

    async def follow_profile_language() -> None:
        """Issue 21.9: a new session speaks the person's language, kept in the profile."""
        if state.session != "signed_in" or state.locale_chosen:
            return
        try:
            me = await services.profile.me()
        except AppError:
            return  # the banner or the sign-in screen says what went wrong
        state.adopt_profile_language(me.language)

    ft.use_effect(guard, [state.session])
    use_load(load_accounts, state.session)
    ft.use_effect(follow_profile_language, [state.session])
    use_unlock_offer(t, services.unlock)  # phones: fingerprint / Face ID next time

    # One key for the whole frame, so switching tabs does not animate a page push.
    if state.session != "signed_in":
        return ft.View(route="/", controls=[loading(t.t("common.loading"))])

    index = selected_index(pathname)
    appbar = ft.AppBar(
        title=account_switcher(t, accounts, compact=not viewport.wide),
        automatically_imply_leading=False,
        actions=top_actions(),
    )
    content = ft.Container(outlet, padding=16)
    if viewport.wide:
        return ft.View(
            route="/",
            appbar=appbar,
            padding=0,
            controls=[
                ft.Row(
                    [
                        navigation_rail(t, index, unread),
                        ft.VerticalDivider(width=1),
                        ft.Column(
                            [OfflineBanner(), content],
                            scroll=ft.ScrollMode.AUTO,
                            expand=True,
                            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                        ),
                    ],
                    expand=True,
                    vertical_alignment=ft.CrossAxisAlignment.START,
                )
            ],
        )
    return ft.View(
        route="/",
        appbar=appbar,
        padding=0,
        navigation_bar=navigation_bar(t, index, unread),
        controls=[OfflineBanner(), content],
        scroll=ft.ScrollMode.AUTO,
    )
