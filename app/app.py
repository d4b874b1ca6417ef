"""Root of the client: wires services once per session, provides contexts, runs the router."""

from __future__ import annotations

import asyncio
import logging

import flet as ft

from app.app_state import AppState
from app.config import Settings, load_settings
from app.context import (
    AccountsContext,
    AppStateContext,
    Services,
    ServicesContext,
    Viewport,
    ViewportContext,
    use_t,
)
from app.routes import build_routes
from app.services.accounts_repository import AccountsRepository
from app.services.api_client import ApiClient
from app.services.auth_repository import AuthRepository
from app.services.bill_repository import BillRepository
from app.services.credentials import Credentials
from app.services.link_repository import LinkRepository
from app.services.notice_feed import NoticeFeed
from app.services.notice_repository import NoticeRepository
from app.services.outage_repository import OutageRepository
from app.services.preferences import FilePreferences, MemoryPreferences, app_data_dir
from app.services.profile_repository import ProfileRepository
from app.services.public_repository import PublicRepository
from app.services.token_store import TokenStore, choose_token_store
from app.services.usage_repository import UsageRepository
from app.theme import apply_theme, theme_mode
from app.views.accounts.view_model import AccountsViewModel
from app.views.notices.center import NoticeCenter
from app.views.notices.context import NoticesContext
from app.widgets.screen import centred
from app.widgets.semantics import tagged
from app.widgets.states import empty

log = logging.getLogger(__name__)


def build_services(settings: Settings, store: TokenStore, api: ApiClient) -> Services:
    """The one place where repositories are made; views reach them through ServicesContext."""
    return Services(
        settings=settings,
        auth=AuthRepository(api, device=f"Điện Nhà {settings.profile}"),
        accounts=AccountsRepository(api),
        public=PublicRepository(api),
        outages=OutageRepository(api),
        links=LinkRepository(api),
        notices=NoticeRepository(api, settings.api_url),
        profile=ProfileRepository(api),
        usage=UsageRepository(api),
        bills=BillRepository(api),
    )


@ft.component
def NotFound() -> ft.Control:
    t = use_t()
    go_home = ft.TextButton(t.t("common.go_home"), on_click=lambda: ft.context.page.navigate("/"))
    return centred(
        [empty(t.t("common.not_found"), ft.Icons.EXPLORE_OFF), tagged("go-home", go_home)]
    )


@ft.component
def App(
    services: Services,
    state: AppState,
    accounts: AccountsViewModel,
    viewport: Viewport,
    notices: NoticeCenter,
) -> list[ft.View]:
    page = ft.context.page

    def follow_preferences() -> None:
        page.theme_mode = theme_mode(state.theme)
        page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=[ft.Locale("vi", "VN"), ft.Locale("en", "US")],
            current_locale=ft.Locale(*(("vi", "VN") if state.locale == "vi" else ("en", "US"))),
        )
        page.title = services.settings.brand
        page.update()

    ft.use_effect(follow_preferences, [state.theme, state.locale])
    return ServicesContext(
        services,
        lambda: AppStateContext(
            state,
            lambda: ViewportContext(
                viewport,
                lambda: AccountsContext(
                    accounts,
                    lambda: NoticesContext(
                        notices,
                        lambda: ft.Router(build_routes(), not_found=NotFound, manage_views=True),
                    ),
                ),
            ),
        ),
    )


def make_main(settings: Settings | None = None):
    """The Flet entry point for one session (a window, or one browser tab in web mode)."""

    async def main(page: ft.Page) -> None:
        cfg = settings or load_settings()
        platform = page.platform.value if page.platform else ""
        store = choose_token_store(cfg, platform, page.web)
        state_ref: list[AppState] = []
        api = ApiClient(
            cfg.api_url,
            Credentials(store),
            timeout_s=cfg.request_timeout_s,
            on_session_lost=lambda: state_ref and state_ref[0].session_lost(),
            on_connectivity=lambda online: state_ref and state_ref[0].report_connectivity(online),
        )
        services = build_services(cfg, store, api)
        prefs = MemoryPreferences() if page.web or cfg.is_kiosk else FilePreferences(app_data_dir())
        state = AppState(auth=services.auth, prefs=prefs)
        state.restore_preferences(cfg.default_locale)
        state_ref.append(state)
        accounts = AccountsViewModel(repo=services.accounts)
        # The inbox and its live stream follow the session: open while signed in, gone after.
        notices = NoticeCenter(
            repo=services.notices, feed=NoticeFeed(services.notices), on_link_change=accounts.load
        )
        viewport = Viewport(width=page.width or 0, height=page.height or 0)

        def resized(e: ft.PageResizeEvent) -> None:
            viewport.width, viewport.height = e.width, e.height

        async def closed(_: ft.Event) -> None:
            await notices.stop()
            await services.notices.aclose()
            await api.aclose()

        page.on_resize = resized
        page.on_close = closed
        page.title = cfg.brand
        apply_theme(page)
        page.render_views(App, services, state, accounts, viewport, notices)
        notices.follow_session(state)
        # Resume a stored session after the first frame, so start-up never waits on the network.
        asyncio.create_task(state.start())  # noqa: RUF006 - lives as long as the session

    return main


main = make_main()
