"""Staff screen for one incident (issue 17): its reports with the phone and address to call
back, some split off to the area they belong to, or all merged into another incident."""

from __future__ import annotations

import flet as ft

from app.context import use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.outage_report.regroup_view_model import StaffIncidentViewModel
from app.views.outage_report.staff_widgets import (
    STAFF_HOME,
    area_options,
    loading_or_error,
    report_text,
)
from app.views.outage_report.widgets import status_chip
from app.views.route_ids import route_id
from app.widgets.form_fields import field_error_text, form_messages, submit_button
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty
from domain.models.incidents import OutageReportStaff


def _merge_section(t: Translator, vm: StaffIncidentViewModel, on_merge) -> list[ft.Control]:
    if not vm.others:
        return [ft.Text(t.t("incidents.merge_none"))]
    options = [
        ft.DropdownOption(
            key=str(i.id),
            text=f"#{i.id} · {i.area_name or i.area} · {t.t(f'incidents.status.{i.status}')}",
        )
        for i in vm.others
    ]
    return [
        tagged(
            "incident-merge-into",
            ft.Dropdown(
                label=t.t("incidents.merge_into"),
                value=str(vm.merge_into) if vm.merge_into else None,
                options=options,
                on_select=lambda e: vm.choose_merge(e.control.value),
                error_text=field_error_text(t, vm, "merge_into"),
                expand=True,
            ),
            label=t.t("incidents.merge_into"),
        ),
        submit_button(t.t("incidents.merge"), "incident-merge", vm, on_merge),
    ]


def _split_section(t: Translator, vm: StaffIncidentViewModel) -> list[ft.Control]:
    picked = field_error_text(t, vm, "reports")
    out: list[ft.Control] = [
        ft.Text(t.t("incidents.split_hint", n=len(vm.selected))),
        tagged(
            "incident-split-area",
            ft.Dropdown(
                label=t.t("incidents.split_area"),
                value=vm.split_area or None,
                options=area_options(vm.split_areas),
                on_select=lambda e: vm.choose_split_area(e.control.value),
                error_text=field_error_text(t, vm, "split_area"),
                expand=True,
            ),
            label=t.t("incidents.split_area"),
        ),
        submit_button(t.t("incidents.split"), "incident-split", vm, vm.split),
    ]
    if picked:
        out.insert(1, ft.Text(t.t("incidents.split_pick"), color=ft.Colors.ERROR))
    return out


def _report_row(t: Translator, vm: StaffIncidentViewModel, r: OutageReportStaff) -> ft.Control:
    return tagged(
        f"report-{r.id}",
        ft.Row(
            [
                ft.Checkbox(
                    value=r.id in vm.selected,
                    on_change=lambda _e, i=r.id: vm.toggle(i),
                    tooltip=t.t("incidents.select_report", tracking_no=r.tracking_no),
                ),
                report_text(t, r),
            ],
            vertical_alignment=ft.CrossAxisAlignment.START,
        ),
    )


@ft.component
def StaffIncidentView() -> ft.Control:
    t = use_t()
    incident_id = route_id(ft.use_route_params().get("incident_id", "0"))
    vm = use_view_model(
        lambda s: StaffIncidentViewModel(repo=s.outage_reports, incident_id=incident_id),
        key=incident_id,
    )
    use_load(vm.load, incident_id)

    async def merge(_=None) -> None:
        if await vm.merge():  # this one is closed now: show the one its reports joined
            ft.context.page.navigate(f"/staff/incidents/{vm.moved_to}")

    body: list[ft.Control] = [
        page_title(t.t("incidents.detail_staff_title", id=incident_id), back_to=STAFF_HOME),
        *form_messages(t, vm),
    ]
    if not vm.loaded:
        return centred([*body, loading_or_error(t, vm, vm.load)])
    inc = vm.incident
    if inc is not None:
        body.append(
            ft.Row(
                [
                    ft.Text(inc.area_name or inc.area, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
                    status_chip(t, inc.status),
                ],
                wrap=True,
            )
        )
    else:
        body.append(ft.Text(t.t("incidents.not_open")))
    if vm.moved_to and vm.notice == "incidents.split_done":
        link = ft.TextButton(
            t.t("incidents.open_target", id=vm.moved_to),
            on_click=lambda: ft.context.page.navigate(f"/staff/incidents/{vm.moved_to}"),
        )
        body.append(ft.Row([tagged("incident-moved-to", link)]))  # in a Row: left, not centred
    body.append(ft.Text(t.t("incidents.staff_reports", n=len(vm.reports))))
    if not vm.reports:
        body.append(empty(t.t("incidents.no_reports"), ft.Icons.POWER_OUTLINED))
    body += [_report_row(t, vm, r) for r in vm.reports]
    if inc is not None:
        body += [
            ft.Divider(),
            ft.Text(t.t("incidents.split_title"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ]
        body += _split_section(t, vm)
        body += [
            ft.Divider(),
            ft.Text(t.t("incidents.merge_title"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ]
        body += _merge_section(t, vm, merge)
    return centred(body)
