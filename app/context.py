"""Contexts that hand the wired services and app-wide view models down the component tree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import flet as ft

from app.app_state import AppState
from app.config import Settings
from app.i18n import Translator, translator
from app.services.accounts_repository import AccountsRepository
from app.services.api_tokens_repository import ApiTokensRepository
from app.services.auth_repository import AuthRepository
from app.services.bill_repository import BillRepository
from app.services.intervals_repository import IntervalsRepository
from app.services.kiosk_printer import KioskPrinter
from app.services.link_repository import LinkRepository
from app.services.links_policy import LinksPolicy
from app.services.notice_repository import NoticeRepository
from app.services.outage_reports_repository import OutageReportsRepository
from app.services.outage_repository import OutageRepository
from app.services.profile_repository import ProfileRepository
from app.services.public_repository import PublicRepository
from app.services.rooms_repository import RoomsRepository
from app.services.service_requests_repository import ServiceRequestsRepository
from app.services.staff_requests_repository import StaffRequestsRepository
from app.services.usage_repository import UsageRepository

if TYPE_CHECKING:
    from app.device.kit import DeviceKit
    from app.device.unlock import BiometricUnlock
    from app.session import SessionHolder
    from app.views.accounts.view_model import AccountsViewModel
    from app.views.kiosk.idle_watch import IdleWatch

WIDE_MIN_WIDTH = 840  # Material 3 "expanded" window class: rail instead of bottom bar


@dataclass(frozen=True)
class Services:
    """Everything a view model may need; built once per session in app/session.py: build_services."""

    settings: Settings
    auth: AuthRepository
    accounts: AccountsRepository
    public: PublicRepository
    outages: OutageRepository
    links: LinkRepository
    notices: NoticeRepository
    profile: ProfileRepository
    usage: UsageRepository
    bills: BillRepository
    link_policy: LinksPolicy
    printer: KioskPrinter  # kiosk desktops only; wiped with the session
    service_requests: ServiceRequestsRepository  # electricity services
    staff_requests: StaffRequestsRepository  # staff users: the service queue
    outage_reports: OutageReportsRepository  # báo mất điện, incidents (issue 17)
    intervals: IntervalsRepository  # half-hourly usage (issue 19)
    api_tokens: ApiTokensRepository  # personal API tokens (issue 19)
    rooms: RoomsRepository  # rooms let on a code, tenants (issue 18)
    locator: Any = None  # app/services/location.py: Locator (None: no location offered)
    unlock: BiometricUnlock | None = None  # phones with an OS vault: fingerprint / Face ID
    device: DeviceKit | None = None  # files, camera, location (app/device/kit.py)


@ft.observable
@dataclass
class Viewport:
    width: float = 0
    height: float = 0

    @property
    def wide(self) -> bool:
        return self.width >= WIDE_MIN_WIDTH


ServicesContext: Any = ft.create_context(None)
AppStateContext: Any = ft.create_context(None)
ViewportContext: Any = ft.create_context(None)
AccountsContext: Any = ft.create_context(None)
KioskContext: Any = ft.create_context(None)


@dataclass(frozen=True)
class Kiosk:
    """Kiosk profile only: ending a person's session, and the inactivity countdown."""

    holder: SessionHolder
    idle: IdleWatch


def use_services() -> Services:
    return ft.use_context(ServicesContext)


def use_app_state() -> AppState:
    return ft.use_context(AppStateContext)


def use_viewport() -> Viewport:
    return ft.use_context(ViewportContext)


def use_accounts() -> AccountsViewModel:
    """The signed-in person's customer codes and the selected one (inside the signed-in shell)."""
    return ft.use_context(AccountsContext)


def use_kiosk() -> Kiosk | None:
    """The kiosk controls, or None outside the kiosk profile."""
    return ft.use_context(KioskContext)


def use_t() -> Translator:
    return translator(use_app_state().locale)
