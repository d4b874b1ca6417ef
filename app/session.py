"""One person's time on this device: every service and app-wide view model, built together and
dropped together. A kiosk ends it after each person and starts a fresh one (`SessionHolder`)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import flet as ft
import httpx

from app.app_state import AppState
from app.config import Settings
from app.context import Services
from app.device.kit import DeviceKit
from app.device.unlock import BiometricUnlock
from app.i18n import translator
from app.offline.cache import OfflineCache
from app.offline.follow import OfflineFollower
from app.offline.sync import OfflineSync
from app.services.accounts_repository import AccountsRepository
from app.services.api_client import ApiClient, Connection
from app.services.api_tokens_repository import ApiTokensRepository
from app.services.auth_repository import AuthRepository
from app.services.bill_repository import BillRepository
from app.services.credentials import Credentials
from app.services.intervals_repository import IntervalsRepository
from app.services.kiosk_printer import KioskPrinter
from app.services.link_repository import LinkRepository
from app.services.links_policy import LinksPolicy
from app.services.location import locator_for
from app.services.notice_feed import NoticeFeed
from app.services.notice_repository import NoticeRepository
from app.services.outage_reports_repository import OutageReportsRepository
from app.services.outage_repository import OutageRepository
from app.services.preferences import PreferencesStore
from app.services.profile_repository import ProfileRepository
from app.services.public_repository import PublicRepository
from app.services.rooms_repository import RoomsRepository
from app.services.service_requests_repository import ServiceRequestsRepository
from app.services.staff_requests_repository import StaffRequestsRepository
from app.services.token_store import TokenStore
from app.services.usage_repository import UsageRepository
from app.views.accounts.view_model import AccountsViewModel
from app.views.notices.view_model import NoticeCenter

log = logging.getLogger(__name__)


def build_services(
    settings: Settings, api: ApiClient, transport=None, device: str | None = None
) -> Services:
    """The one place where repositories are made; views reach them through ServicesContext."""
    return Services(
        settings=settings,
        auth=AuthRepository(api, device=device or f"Điện Nhà {settings.profile}"),
        accounts=AccountsRepository(api),
        public=PublicRepository(api),
        outages=OutageRepository(api),
        links=LinkRepository(api),
        notices=NoticeRepository(api, settings.api_url, transport=transport),
        profile=ProfileRepository(api),
        usage=UsageRepository(api),
        bills=BillRepository(api),
        # A kiosk opens nothing outside the app: no browser on a shared screen.
        link_policy=LinksPolicy(() if settings.is_kiosk else settings.link_hosts),
        printer=KioskPrinter(),
        service_requests=ServiceRequestsRepository(api),
        staff_requests=StaffRequestsRepository(api),
        outage_reports=OutageReportsRepository(api),
        intervals=IntervalsRepository(api),
        api_tokens=ApiTokensRepository(api),
        rooms=RoomsRepository(api),
    )


@dataclass
class ClientSession:
    """Everything that may hold something of the person using the app right now."""

    settings: Settings
    api: ApiClient
    services: Services
    state: AppState
    accounts: AccountsViewModel
    notices: NoticeCenter
    offline: OfflineFollower | None = None  # phones and desktop: the last data kept

    def begin(self) -> None:
        """Follow sign-in with the inbox stream and resume a stored session (needs a loop)."""
        self.notices.follow_session(self.state)
        if self.offline is not None:
            self.offline.follow(self.state)
        if self.services.unlock is not None:
            self.state.on_forget.append(self.services.unlock.disable)
        asyncio.get_running_loop().create_task(self._start())

    async def _start(self) -> None:
        await self.state.start()
        unlock = self.services.unlock
        if unlock is not None and unlock.fallback in ("failed", "changed"):
            self.state.error = f"unlock_{unlock.fallback}"  # sign in with password or OTP

    async def close(self, keep_stored: bool = False) -> None:
        """Forget every person-bound thing held in memory and close the connections.
        `keep_stored`: a phone or desktop app closing keeps the refresh token in the OS vault
        (the person is still signed in next time, and can start offline); sign-out, kiosks and
        web tabs forget it."""
        await self.notices.stop(forget=True)
        if self.offline is not None:
            await self.offline.stop()
        self.accounts.clear()
        self.services.printer.wipe()
        if keep_stored:
            self.api.credentials.drop_access_token()
        else:
            await self.api.credentials.forget()
        await self.services.notices.aclose()
        await self.api.aclose()


def build_session(
    settings: Settings,
    store: TokenStore,
    prefs: PreferencesStore,
    *,
    client_ip: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    server_side: bool = False,
    device: str | None = None,
    offline: OfflineCache | None = None,
    unlock: BiometricUnlock | None = None,
    kit: DeviceKit | None = None,
) -> ClientSession:
    state_ref: list[AppState] = []

    def session_lost() -> None:
        if state_ref:
            state_ref[0].session_lost()

    def connectivity(connection: Connection) -> None:
        if state_ref:
            state_ref[0].report_connectivity(connection)

    api = ApiClient(
        settings.api_url,
        Credentials(store),
        timeout_s=settings.request_timeout_s,
        transport=transport,
        on_session_lost=session_lost,
        on_connectivity=connectivity,
        forwarded_for=client_ip,
        server_side=server_side,
        cache=offline,
        on_cached=lambda at: state_ref and state_ref[0].showing_saved(at),
    )
    services = build_services(settings, api, transport, device)
    if kit is not None:
        services = dataclasses.replace(services, device=kit, locator=locator_for(kit))
    if unlock is not None:
        services = dataclasses.replace(services, unlock=unlock)
        unlock.reason = lambda: translator(state.locale).t("unlock.reason")
    state = AppState(auth=services.auth, prefs=prefs)
    state.restore_preferences(settings.default_locale)
    state_ref.append(state)
    accounts = AccountsViewModel(repo=services.accounts)
    notices = NoticeCenter(
        repo=services.notices, feed=NoticeFeed(services.notices), on_link_change=accounts.load
    )
    follower = None
    if offline is not None:
        sync = OfflineSync(api, services.accounts, services.bills, services.usage, services.outages)
        follower = OfflineFollower(offline, sync)
    return ClientSession(settings, api, services, state, accounts, notices, follower)


@ft.observable
@dataclass
class SessionHolder:
    """The current session; `end()` signs out on the server, forgets everything and swaps in a
    brand-new session (the root component is keyed on `generation`, so every screen and its
    view-model state is built anew as well)."""

    make: Callable[[], ClientSession] = field(repr=False)
    current: ClientSession = field(init=False, repr=False)
    generation: int = 0
    ending: bool = False
    on_end: list[Callable[[], object]] = field(default_factory=list, repr=False)
    # Work that lives as long as the window or tab (the kiosk's idle ticker).
    tasks: list[asyncio.Task] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.current = self.make()

    async def end(self) -> None:
        """ "Tôi đã xong" and the idle timeout: revoke the sign-in, wipe, start afresh."""
        if self.ending:
            return
        self.ending = True
        old = self.current
        try:
            if old.state.session == "signed_in":
                await old.state.sign_out()  # POST /auth/logout; local tokens go in any case
        finally:
            try:
                await old.close()
            except Exception:  # a closing connection must never keep the old session alive
                log.exception("closing the previous session failed")
            for hook in self.on_end:
                hook()
            self.current = self.make()
            self.current.begin()
            self.generation += 1
            self.ending = False

    async def close(self, revoke: bool = False, keep_stored: bool = False) -> None:
        """The window or tab closed: stop background work and close the last session.
        `revoke` (web tabs): sign out on the server too, so no live token outlives the tab.
        `keep_stored` (phone and desktop apps): the vault keeps the refresh token."""
        for task in self.tasks:
            task.cancel()
        if revoke and self.current.state.session == "signed_in":
            try:
                await self.current.state.sign_out()
            except Exception:  # the tab is gone either way; the token expires on its own
                log.exception("revoking a closed tab's sign-in failed")
        await self.current.close(keep_stored=keep_stored)
