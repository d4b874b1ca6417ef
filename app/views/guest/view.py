"""Guest home: estimator, outage look-up and public pages in one column at every width."""

from __future__ import annotations

from datetime import date, datetime

import flet as ft

from app.context import use_app_state, use_services, use_t
from app.views.guest.view_model import EstimatorViewModel, OutageLookupViewModel
from app.views.guest.widgets import estimator_card, outage_card, public_links
from app.views.hooks import use_view_model
from app.views.outage_report.widgets import report_entry
from app.widgets.offline_banner import OfflineBanner
from app.widgets.screen import FORM_WIDTH, centred
from app.widgets.semantics import tagged
from app.widgets.top_bar import top_actions
from domain import clock


def pick_date(value: date | None, on_pick) -> None:
    """Open the Material date picker; `on_pick(date)` runs when the person confirms."""
    value = value or clock.today()

    def changed(e: ft.Event[ft.DatePicker]) -> None:
        if e.control.value:
            on_pick(
                e.control.value.date() if isinstance(e.control.value, datetime) else e.control.value
            )

    ft.context.page.show_dialog(
        ft.DatePicker(
            value=datetime(value.year, value.month, value.day),
            first_date=datetime(2020, 1, 1),
            last_date=datetime(clock.today().year + 1, 12, 31),
            on_change=changed,
        )
    )


@ft.component
def GuestHomeView() -> ft.View:
    services = use_services()
    state = use_app_state()
    t = use_t()
    estimator = use_view_model(lambda s: EstimatorViewModel(public=s.public))
    lookup = use_view_model(lambda s: OutageLookupViewModel(public=s.public))
    go = ft.context.page.navigate
    assert estimator.period_start and estimator.period_end

    cards = [
        estimator_card(
            t,
            estimator,
            lambda: pick_date(estimator.period_start, lambda d: estimator.set_period(start=d)),
            lambda: pick_date(estimator.period_end, lambda d: estimator.set_period(end=d)),
        ),
        ft.Column(
            [
                report_entry(t, "guest-report-outage", lambda: go("/report-outage")),
                outage_card(t, lookup),
                public_links(t),
            ],
            spacing=16,
        ),
    ]
    # One column at every width: side by side, Tab (reading order by rows) would jump
    # between the estimator's fields and the look-up's.
    body: list[ft.Control] = cards
    actions = top_actions()
    if state.session != "signed_in":
        actions.insert(
            0,
            tagged(
                "guest-sign-in",
                ft.TextButton(
                    t.t("auth.sign_in"), icon=ft.Icons.LOGIN, on_click=lambda: go("/sign-in")
                ),
            ),
        )
    return ft.View(
        route="/guest",
        appbar=ft.AppBar(
            title=ft.Text(services.settings.brand),
            leading=tagged(
                "back",
                ft.IconButton(
                    ft.Icons.ARROW_BACK, tooltip=t.t("common.back"), on_click=lambda: go("/")
                ),
                label=t.t("common.back"),
            ),
            automatically_imply_leading=False,
            actions=actions,
        ),
        controls=[OfflineBanner(), centred(body, FORM_WIDTH + 160)],
        scroll=ft.ScrollMode.AUTO,
        padding=ft.Padding.all(16),
    )
