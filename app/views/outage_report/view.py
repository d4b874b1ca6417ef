"""Báo mất điện: the report form (guests, signed-in people, kiosks), the reporter's status
page by tracking number, and one incident (where notices lead)."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_app_state, use_services, use_t
from app.views.hooks import use_load, use_view_model
from app.views.outage_report.hazard_photo import HazardPhoto
from app.views.outage_report.view_model import (
    KINDS,
    IncidentViewModel,
    ReportStatusViewModel,
    ReportViewModel,
)
from app.views.outage_report.widgets import incident_card, safety_advice
from app.views.route_ids import route_id
from app.widgets.form_fields import form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged
from app.widgets.states import error_notice, loading
from app.widgets.touch import touch_height


def _home(state, settings) -> str:
    if state.session == "signed_in":
        return "/"
    return "/welcome" if settings.is_kiosk else "/guest"  # a kiosk's start screen


@ft.component
def ReportOutageView() -> ft.View:
    services = use_services()
    state = use_app_state()
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(
        lambda s: ReportViewModel(
            repo=s.outage_reports,
            locator=s.locator,
            customer_code=(accounts.selected_code or "") if state.session == "signed_in" else "",
        )
    )
    go = ft.context.page.navigate

    async def submit() -> None:
        if await vm.submit():
            go(f"/report-outage/{vm.tracking_no}")

    kinds = tagged(
        "report-kind",
        ft.RadioGroup(
            value=vm.kind,
            on_change=lambda e: vm.choose(e.control.value),
            content=ft.Column(
                [
                    tagged(f"report-kind-{k}", ft.Radio(value=k, label=t.t(f"incidents.kind.{k}")))
                    for k in KINDS
                ],
                spacing=0,
            ),
        ),
    )
    body: list[ft.Control] = [ft.Text(t.t("incidents.intro")), kinds]
    if vm.hazard:
        body.append(safety_advice(t, services.settings.hotline))
    body.append(
        text_field(t, vm, "customer_code", "common.customer_code", "report-code", kind="text")
    )
    if vm.can_locate:
        if vm.position is not None:
            body.append(
                tagged(
                    "report-location",
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.MY_LOCATION, color=ft.Colors.PRIMARY),
                            ft.Text(t.t("incidents.location_used"), expand=True),
                            ft.TextButton(
                                t.t("incidents.location_forget"), on_click=vm.forget_location
                            ),
                        ]
                    ),
                )
            )
        else:
            body.append(
                tagged(
                    "report-locate",
                    ft.OutlinedButton(
                        t.t("incidents.use_location"),
                        icon=ft.Icons.MY_LOCATION,
                        on_click=vm.use_location,
                        disabled=vm.locating,
                        height=touch_height(),
                    ),
                )
            )
        if vm.location_refused:
            body.append(ft.Text(t.t("incidents.location_refused")))
    body += [
        text_field(t, vm, "address", "incidents.address", "report-address"),
        text_field(t, vm, "phone", "auth.phone", "report-phone", kind="phone"),
        text_field(t, vm, "description", "incidents.description", "report-description"),
        *form_messages(t, vm),
        submit_button(t.t("incidents.send"), "report-submit", vm, submit),
    ]
    return screen(
        "/report-outage",
        t.t("incidents.report"),
        body,
        back_to=_home(state, services.settings),
        max_width=FORM_WIDTH,
    )


@ft.component
def ReportStatusView() -> ft.View:
    services = use_services()
    state = use_app_state()
    t = use_t()
    tracking_no = ft.use_route_params().get("tracking_no", "")
    vm = use_view_model(
        lambda s: ReportStatusViewModel(repo=s.outage_reports, tracking_no=tracking_no),
        key=tracking_no,
    )
    use_load(vm.load, tracking_no)
    body: list[ft.Control] = [
        tagged(
            "report-tracking",
            ft.Text(
                t.t("incidents.tracking_no", tracking_no=tracking_no),
                theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
            ),
        ),
        ft.Text(t.t("incidents.keep_number")),
    ]
    r = vm.report
    if r is None:
        body.append(
            error_notice(t.error(vm.error), t.t("common.retry"), vm.load)
            if vm.error
            else loading(t.t("common.loading"))
        )
    else:
        body.append(
            ft.Text(
                t.t(
                    "incidents.your_report",
                    kind=t.t(f"incidents.kind.{r.kind}"),
                    at=t.datetime(r.created_at),
                )
            )
        )
        if r.kind == "hazard":
            body.append(safety_advice(t, services.settings.hotline))
            body.append(HazardPhoto(tracking_no, r.has_photo, vm.load))
        if r.incident is not None:
            body.append(incident_card(t, r.incident))
        else:
            body.append(
                tagged("report-unplaced", ft.Text(t.t("incidents.unplaced")), container=True)
            )
        body.append(
            tagged(
                "report-refresh",
                ft.OutlinedButton(
                    t.t("incidents.refresh"),
                    icon=ft.Icons.REFRESH,
                    on_click=vm.load,
                    height=touch_height(),
                ),
            )
        )
    return screen(
        f"/report-outage/{tracking_no}",
        t.t("incidents.status_title"),
        body,
        back_to=_home(state, services.settings),
        max_width=FORM_WIDTH,
    )


@ft.component
def IncidentView() -> ft.View:

    state = use_app_state()
    t = use_t()
    raw = ft.use_route_params().get("incident_id", "0")
    incident_id = route_id(raw)
    vm = use_view_model(
        lambda s: IncidentViewModel(repo=s.outage_reports, incident_id=incident_id),
        key=incident_id,
    )
    use_load(vm.load, incident_id)
    body: list[ft.Control] = []
    if vm.incident is None:
        body.append(
            error_notice(t.error(vm.error), t.t("common.retry"), vm.load)
            if vm.error
            else loading(t.t("common.loading"))
        )
    else:
        body.append(incident_card(t, vm.incident))
    back = "/notices" if state.session == "signed_in" else "/guest"
    return screen(
        f"/incidents/{incident_id}",
        t.t("incidents.incident_title"),
        body,
        back_to=back,
        max_width=FORM_WIDTH,
    )
