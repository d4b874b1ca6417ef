"""Staff screens for places (issue 17): reports nobody could place (address only), put in an
area by hand; and area boundaries, edited as GeoJSON."""

from __future__ import annotations

import flet as ft

from app.context import use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.outage_report.regroup_view_model import (
    AreaBoundariesViewModel,
    UnplacedReportsViewModel,
)
from app.views.outage_report.staff_widgets import (
    STAFF_HOME,
    area_options,
    loading_or_error,
    report_text,
)
from app.widgets.form_fields import field_error_text, form_messages, submit_button
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty
from domain.models.incidents import AreaStaff, OutageReportStaff


def _unplaced_card(t: Translator, vm: UnplacedReportsViewModel, r: OutageReportStaff) -> ft.Control:
    async def place(_=None) -> None:
        await vm.place(r.id)

    return tagged(
        f"unplaced-{r.id}",
        ft.Card(
            ft.Container(
                ft.Column(
                    [
                        report_text(t, r),
                        ft.Row(
                            [
                                tagged(
                                    f"unplaced-{r.id}-area",
                                    ft.Dropdown(
                                        label=t.t("incidents.place_area"),
                                        value=vm.chosen.get(r.id) or None,
                                        options=area_options(vm.areas),
                                        on_select=lambda e, i=r.id: vm.choose(i, e.control.value),
                                        error_text=field_error_text(t, vm, f"area-{r.id}"),
                                        expand=True,
                                    ),
                                    label=t.t("incidents.place_area"),
                                    expand=True,
                                ),
                                submit_button(
                                    t.t("incidents.place"), f"unplaced-{r.id}-place", vm, place
                                ),
                            ],
                        ),
                    ],
                    spacing=8,
                ),
                padding=16,
            )
        ),
        container=True,
    )


@ft.component
def UnplacedReportsView() -> ft.Control:
    t = use_t()
    vm = use_view_model(lambda s: UnplacedReportsViewModel(repo=s.outage_reports))
    use_load(vm.load)
    body: list[ft.Control] = [
        page_title(t.t("incidents.unplaced_title"), back_to=STAFF_HOME),
        ft.Text(t.t("incidents.unplaced_intro")),
        *form_messages(t, vm),
    ]
    if vm.placed_in and vm.notice:
        body.append(
            ft.TextButton(
                t.t("incidents.open_target", id=vm.placed_in),
                on_click=lambda: ft.context.page.navigate(f"/staff/incidents/{vm.placed_in}"),
            )
        )
    if not vm.loaded:
        body.append(loading_or_error(t, vm, vm.load))
    elif not vm.items:
        body.append(empty(t.t("incidents.unplaced_none"), ft.Icons.WHERE_TO_VOTE_OUTLINED))
    body += [_unplaced_card(t, vm, r) for r in vm.items]
    return centred(body)


def _area_row(t: Translator, vm: AreaBoundariesViewModel, a: AreaStaff) -> ft.Control:
    drawn = t.t("incidents.boundary_drawn" if a.boundary else "incidents.boundary_missing")
    row: list[ft.Control] = [
        ft.Column(
            [ft.Text(a.name, weight=ft.FontWeight.BOLD), ft.Text(f"{a.code} · {drawn}")],
            spacing=2,
            expand=True,
        ),
        tagged(
            f"area-{a.code}-edit",
            ft.OutlinedButton(t.t("incidents.boundary_edit"), on_click=lambda: vm.edit(a.code)),
        ),
    ]
    controls: list[ft.Control] = [ft.Row(row)]
    if vm.editing == a.code:
        controls += [
            tagged(
                "boundary-text",
                ft.TextField(
                    label=t.t("incidents.boundary_label"),
                    hint_text=t.t("incidents.boundary_hint"),
                    value=vm.text,
                    multiline=True,
                    min_lines=4,
                    max_lines=12,
                    on_change=lambda e: vm.set_text(e.control.value),
                    error=field_error_text(t, vm, "boundary"),
                    error_max_lines=3,
                ),
            ),
            ft.Row(
                [
                    submit_button(t.t("incidents.boundary_save"), "boundary-save", vm, vm.save),
                    ft.TextButton(t.t("common.cancel"), on_click=lambda: vm.edit(None)),
                ]
            ),
        ]
    column = ft.Column(controls, spacing=8, horizontal_alignment=ft.CrossAxisAlignment.STRETCH)
    return tagged(
        f"area-{a.code}",
        ft.Card(ft.Container(column, padding=16)),
        container=True,
    )


@ft.component
def AreaBoundariesView() -> ft.Control:
    t = use_t()
    vm = use_view_model(lambda s: AreaBoundariesViewModel(repo=s.outage_reports))
    use_load(vm.load)
    body: list[ft.Control] = [
        page_title(t.t("incidents.boundaries_title"), back_to=STAFF_HOME),
        ft.Text(t.t("incidents.boundaries_intro")),
        *form_messages(t, vm),
    ]
    if not vm.loaded:
        body.append(loading_or_error(t, vm, vm.load))
    body += [_area_row(t, vm, a) for a in vm.areas]
    return centred(body)
