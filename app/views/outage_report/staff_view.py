"""Staff screen: open incidents by area with counts, estimate field and the next moves."""

from __future__ import annotations

import flet as ft

from app.context import use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.outage_report.staff_view_model import StaffIncidentsViewModel
from app.views.outage_report.widgets import status_chip
from app.widgets.form_fields import form_messages
from app.widgets.screen import centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, error_notice, loading
from app.widgets.touch import touch_height
from domain.models.incidents import IncidentStaff


def _mover(vm: StaffIncidentsViewModel, incident_id: int, status: str):
    """An async handler: Flet awaits coroutine functions, never a lambda's coroutine."""

    async def move(_=None) -> None:
        await vm.move(incident_id, status)

    return move


def _row(t: Translator, vm: StaffIncidentsViewModel, inc: IncidentStaff) -> ft.Control:
    facts = [
        t.t("incidents.staff_reports", n=inc.reports),
        t.t("incidents.staff_opened", at=t.datetime(inc.opened_at)),
    ]
    if inc.eta:
        facts.append(t.t("incidents.eta", at=t.datetime(inc.eta)))
    code = vm.field_errors.get(f"eta-{inc.id}")
    controls: list[ft.Control] = [
        ft.Row(
            [
                *(
                    [
                        ft.Icon(
                            ft.Icons.WARNING_AMBER,
                            color=ft.Colors.ERROR,
                            tooltip=t.t("incidents.kind.hazard"),
                        )
                    ]
                    if inc.hazard
                    else []
                ),
                ft.Text(
                    inc.area_name or inc.area,
                    theme_style=ft.TextThemeStyle.TITLE_MEDIUM,
                    expand=True,
                ),
                status_chip(t, inc.status),
            ]
        ),
        ft.Text(" · ".join(facts)),
    ]
    if inc.next:
        controls.append(
            tagged(
                f"incident-{inc.id}-eta",
                ft.TextField(
                    label=t.t("incidents.eta_hours"),
                    value=vm.eta_hours.get(inc.id, ""),
                    on_change=lambda e, i=inc.id: vm.set_eta(i, e.control.value),
                    keyboard_type=ft.KeyboardType.NUMBER,
                    error=t.t(f"field_error.{code}") if code else None,
                    width=240,
                ),
            )
        )
        controls.append(
            ft.Row(
                [
                    tagged(
                        f"incident-{inc.id}-move-{s}",
                        ft.FilledTonalButton(
                            t.t(f"incidents.move.{s}"),
                            on_click=_mover(vm, inc.id, s),
                            disabled=vm.busy,
                            height=touch_height(),
                        ),
                    )
                    for s in inc.next
                ],
                wrap=True,
            )
        )
    controls.append(
        tagged(
            f"incident-{inc.id}-open",
            ft.TextButton(
                t.t("incidents.open_reports"),
                icon=ft.Icons.LIST_ALT,
                on_click=lambda: ft.context.page.navigate(f"/staff/incidents/{inc.id}"),
            ),
        )
    )
    return tagged(
        f"incident-{inc.id}",
        ft.Card(ft.Container(ft.Column(controls, spacing=8), padding=16)),
        container=True,
    )


@ft.component
def StaffIncidentsView() -> ft.Control:

    t = use_t()
    vm = use_view_model(lambda s: StaffIncidentsViewModel(repo=s.outage_reports))
    use_load(vm.load)
    body: list[ft.Control] = [
        page_title(t.t("incidents.staff_title"), back_to="/"),
        ft.Row(
            [
                tagged(
                    "incidents-refresh",
                    ft.OutlinedButton(
                        t.t("incidents.refresh"),
                        icon=ft.Icons.REFRESH,
                        on_click=vm.load,
                        height=touch_height(),
                    ),
                ),
                tagged(
                    "incidents-unplaced",
                    ft.OutlinedButton(
                        t.t("incidents.unplaced_title"),
                        icon=ft.Icons.WHERE_TO_VOTE_OUTLINED,
                        on_click=lambda: ft.context.page.navigate("/staff/outage-reports"),
                        height=touch_height(),
                    ),
                ),
                tagged(
                    "incidents-areas",
                    ft.OutlinedButton(
                        t.t("incidents.boundaries_title"),
                        icon=ft.Icons.MAP_OUTLINED,
                        on_click=lambda: ft.context.page.navigate("/staff/areas"),
                        height=touch_height(),
                    ),
                ),
            ],
            wrap=True,
        ),
        *form_messages(t, vm),
    ]
    if not vm.loaded:
        body.append(
            error_notice(t.error(vm.error), t.t("common.retry"), vm.load)
            if vm.error
            else loading(t.t("common.loading"))
        )
    elif not vm.items:
        body.append(empty(t.t("incidents.staff_none"), ft.Icons.POWER_OUTLINED))
    body += [_row(t, vm, inc) for inc in vm.items]
    return centred(body)
