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
    Kiosk,
    KioskContext,
    Services,
    ServicesContext,
    Viewport,
    ViewportContext,
    use_t,
)
from app.device.kit import device_kit
from app.device.wiring import phone_unlock
from app.hot_paths import install as install_hot_paths
from app.offline.cache import offline_cache
from app.routes import build_routes
from app.services.device_name import device_name
from app.services.preferences import FilePreferences, MemoryPreferences, app_data_dir
from app.services.token_store import choose_token_store
from app.session import ClientSession, SessionHolder, build_session
from app.theme import apply_theme, theme_mode
from app.views.accounts.view_model import AccountsViewModel
from app.views.kiosk.idle_watch import IdleWatch, watch_activity
from app.views.kiosk.widgets import idle_dialog
from app.views.notices.context import NoticesContext
from app.views.notices.view_model import NoticeCenter
from app.web_sessions import registry
from app.widgets.screen import centred
from app.widgets.semantics import tagged
from app.widgets.states import empty

log = logging.getLogger(__name__)


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
    kiosk: Kiosk | None = None,
) -> list[ft.View]:
    page = ft.context.page

    def follow_preferences() -> None:
        page.theme_mode = theme_mode(state.theme)
        page.locale_configuration = ft.LocaleConfiguration(
            supported_locales=[ft.Locale("vi", "VN"), ft.Locale("en", "US")],
            current_locale=ft.Locale(*(("vi", "VN") if state.locale == "vi" else ("en", "US"))),
        )
        page.title = services.settings.brand
        apply_theme(page, large=services.settings.large_touch_targets or state.large_text)
        page.update()

    ft.use_effect(follow_preferences, [state.theme, state.locale, state.large_text])

    async def keep_retrying() -> None:
        if state.offline:  # one loop per session, ended when the session's tree goes
            await state.keep_retrying(asyncio.sleep)

    ft.use_effect(keep_retrying, [state.offline])
    ft.use_effect(lambda: None, [], cleanup=state.stop_retrying)  # on unmount only
    if kiosk is not None:
        ft.use_dialog(idle_dialog(state, kiosk))
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
                        lambda: KioskContext(
                            kiosk,
                            lambda: ft.Router(
                                build_routes(services.settings),
                                not_found=NotFound,
                                manage_views=True,
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


@ft.component
def Root(holder: SessionHolder, viewport: Viewport, idle: IdleWatch | None) -> list[ft.View]:
    """Keyed on the session's generation: a new session is a new tree, so no screen keeps
    state (typed codes, loaded bills, scroll positions) from the person before."""
    s = holder.current
    kiosk = Kiosk(holder, idle) if idle is not None else None
    return App(
        s.services,
        s.state,
        s.accounts,
        viewport,
        s.notices,
        kiosk,
        key=f"session-{holder.generation}",  # type: ignore[call-arg]  # components take key=
    )


def make_main(settings: Settings | None = None):
    """The Flet entry point for one session (a window, or one browser tab in web mode)."""
    install_hot_paths()  # once per process: no work per message or request that helps nobody

    async def main(page: ft.Page) -> None:
        cfg = settings or load_settings()
        platform = page.platform.value if page.platform else ""
        # Web and kiosk keep choices in memory: a shared machine or server writes nothing.
        keep_in_memory = page.web or cfg.is_kiosk

        def new_session() -> ClientSession:
            store, unlock = phone_unlock(
                cfg, platform, page.web, choose_token_store(cfg, platform, page.web)
            )
            prefs = MemoryPreferences() if keep_in_memory else FilePreferences(app_data_dir())
            offline = None if keep_in_memory else offline_cache(cfg, platform)
            client_ip = page.client_ip if page.web else None
            agent = page.client_user_agent if page.web else None
            return build_session(
                cfg,
                store,
                prefs,
                client_ip=client_ip,
                server_side=page.web,
                device=device_name(cfg.profile, platform, agent),
                offline=offline,
                unlock=unlock,
                kit=device_kit(cfg, platform, page.web),
            )

        holder = SessionHolder(make=new_session)
        viewport = Viewport(width=page.width or 0, height=page.height or 0)
        idle = start_kiosk(page, cfg, holder) if cfg.is_kiosk else None
        if page.web and not cfg.is_kiosk:  # idle signed-in tabs are signed out (web_sessions)
            registry().track(page, holder)

        def resized(e: ft.PageResizeEvent) -> None:
            viewport.width, viewport.height = e.width, e.height

        async def closed(_: ft.Event) -> None:
            # Web: Flet evicted the tab after the reconnect window; its token is revoked.
            # A phone or desktop app keeps its sign-in in the OS vault; kiosks and tabs do not.
            await holder.close(revoke=page.web, keep_stored=not keep_in_memory)
            if page.web:
                registry().forget(page)

        page.on_resize = resized
        page.on_close = closed
        page.title = cfg.brand
        apply_theme(page, large=cfg.large_touch_targets)
        page.render_views(Root, holder, viewport, idle)
        # Resume a stored session after the first frame, so start-up never waits on the network.
        holder.current.begin()

    return main


def start_kiosk(page: ft.Page, cfg: Settings, holder: SessionHolder) -> IdleWatch:
    """Full screen on a counter's desktop; every tap or key counts as activity; after the
    quiet time the session ends (signed out on the server, wiped here) and the start screen
    comes back."""
    if not page.web:
        page.window.full_screen = True
    idle = IdleWatch(idle_s=cfg.idle_sign_out_s, warning_s=cfg.idle_warning_s)
    watch_activity(page, idle.touch)
    holder.on_end.append(idle.reset)

    async def timed_out() -> None:
        await holder.end()
        page.navigate("/welcome")

    if idle.enabled:
        holder.tasks.append(asyncio.get_running_loop().create_task(idle.run(timed_out)))
    return idle


main = make_main()
