"""The route table: every URL of the client and the component that draws it.

Layout
    Top-level routes are full screens (welcome, sign-in, guest pages, settings). The
    pathless layout route `SignedInShell` (outlet=True) wraps every signed-in page in the
    account switcher, the bottom bar / rail and the offline banner, and sends anyone not
    signed in to /welcome. Its children are plain controls, not Views.

How to add a feature screen (e.g. "bills"; CONTRIBUTING.md has the checklist)
    1. Create `app/views/bills/` with `__init__.py`, `view_model.py` (an `@ft.observable`
       dataclass taking its repository's Protocol; tested in tests/app/views/bills/ with a
       fake, without a page), `view.py` (an `@ft.component` returning controls) and
       `widgets.py`.
    2. Add `app/services/bill_repository.py` if it needs new API calls — its Protocol in
       `app/services/protocols.py`, the class subclassing it, a fake in tests/app/fakes/ —
       and build it once in `app/session.py:build_services` (the one wiring place).
       In the view: `vm = use_view_model(lambda s: BillsViewModel(repo=s.bills))` and
       `use_load(load, accounts.selected_code)` (app/views/hooks.py; `load` an `async def`:
       Flet awaits coroutine functions only), so the account switcher and the offline
       banner's Retry both reload the screen. The selected customer code is
       `use_accounts().selected_code`.
    3. Add `ft.Route(path="bills", component=BillsView)` below (under the shell), and
       `ft.Route(path="bills/:bill_id", component=BillDetailView)` under the shell for a
       detail page (read the id with `ft.use_route_params()`).
    4. If it is one of the five destinations, app/navigation.py already lists it.
    5. Add its strings to app/i18n/vi.<feature>.json and en.<feature>.json (merged with
       vi.json/en.json at load; tests fail on a key missing in either language).
"""

from __future__ import annotations

import flet as ft

from app.config import Settings
from app.views.accounts.view import AddAccountView
from app.views.articles.view import ArticlesView
from app.views.auth.register_view import RegisterView
from app.views.auth.reset_view import ForgotPasswordView
from app.views.auth.view import SignInView
from app.views.bills.adjustment_view import AdjustmentView
from app.views.bills.detail_view import BillDetailView
from app.views.bills.view import BillsView
from app.views.calendar.view import CalendarView
from app.views.guest.view import GuestHomeView
from app.views.home.view import HomeView
from app.views.kiosk.view import KioskHomeView
from app.views.links.view import LinksView
from app.views.notices.view import NoticesView
from app.views.outage_report.places_view import AreaBoundariesView, UnplacedReportsView
from app.views.outage_report.regroup_view import StaffIncidentView
from app.views.outage_report.staff_view import StaffIncidentsView
from app.views.outage_report.view import IncidentView, ReportOutageView, ReportStatusView
from app.views.pay.all_view import PayAllView
from app.views.pay.view import PayView
from app.views.rooms.owner_view import RoomsView
from app.views.rooms.tenant_view import MyRoomView
from app.views.services.requests_view import MyRequestsView, RequestDetailView
from app.views.services.staff_view import StaffQueueView, StaffRequestView
from app.views.services.view import GuestServicesView, ServiceFormView, ServicesView
from app.views.settings.api_tokens_view import ApiTokensView
from app.views.settings.password_view import PasswordChangeView
from app.views.settings.view import SettingsView
from app.views.shell.view import SignedInShell
from app.views.tariffs.view import TariffsView
from app.views.usage.view import UsageView
from app.views.welcome.view import WelcomeView


def build_routes(settings: Settings) -> list[ft.Route]:
    """The kiosk has its own start screen and no registration, password reset or settings
    (nothing there may change the machine, and a shared screen takes one-time codes only)."""
    kiosk = settings.is_kiosk
    own_device: list[ft.Route] = [
        ft.Route(path="register", component=RegisterView),
        ft.Route(path="forgot-password", component=ForgotPasswordView),
        ft.Route(
            path="settings",
            component=SettingsView,
            children=[
                ft.Route(path="password", component=PasswordChangeView),
                ft.Route(path="api-tokens", component=ApiTokensView),
            ],
        ),
    ]
    return [
        ft.Route(path="welcome", component=KioskHomeView if kiosk else WelcomeView),
        ft.Route(path="sign-in", component=SignInView),
        *([] if kiosk else own_device),
        # Báo mất điện (issue 17): guests, signed-in people and kiosks alike.
        ft.Route(path="report-outage", component=ReportOutageView),
        ft.Route(path="report-outage/:tracking_no", component=ReportStatusView),
        ft.Route(path="incidents/:incident_id", component=IncidentView),
        ft.Route(
            path="guest",
            component=GuestHomeView,
            children=[
                ft.Route(path="tariffs", component=TariffsView),
                ft.Route(path="articles/:kind", component=ArticlesView),
                ft.Route(path="services", component=GuestServicesView),
            ],
        ),
        ft.Route(
            component=SignedInShell,
            outlet=True,
            children=[
                ft.Route(index=True, component=HomeView),
                ft.Route(path="accounts/add", component=AddAccountView),
                ft.Route(path="usage", component=UsageView),
                ft.Route(path="bills", component=BillsView),
                ft.Route(path="bills/:bill_id", component=BillDetailView),
                ft.Route(path="bills/:bill_id/pay", component=PayView),
                ft.Route(path="pay-all", component=PayAllView),  # issue 21: one QR, every bill
                ft.Route(path="adjustments/:adjustment_id", component=AdjustmentView),
                ft.Route(path="calendar", component=CalendarView),
                ft.Route(path="notices", component=NoticesView),
                ft.Route(path="links", component=LinksView),
                ft.Route(path="rooms", component=RoomsView),  # issue 18: an owner's rented rooms
                ft.Route(path="my-room", component=MyRoomView),  # issue 18: a tenant's room
                ft.Route(path="services", component=ServicesView),
                ft.Route(path="services/new/:type", component=ServiceFormView),
                ft.Route(path="services/requests", component=MyRequestsView),
                ft.Route(path="services/requests/:request_id", component=RequestDetailView),
                ft.Route(path="staff/services", component=StaffQueueView),
                ft.Route(path="staff/services/:request_id", component=StaffRequestView),
                ft.Route(path="staff/incidents", component=StaffIncidentsView),
                ft.Route(path="staff/incidents/:incident_id", component=StaffIncidentView),
                ft.Route(path="staff/outage-reports", component=UnplacedReportsView),
                ft.Route(path="staff/areas", component=AreaBoundariesView),
            ],
        ),
    ]
