"""Pieces shared by the staff regrouping screens: a report as staff read it, area choices."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.widgets.states import error_notice, loading
from domain.models.incidents import AreaStaff, OutageReportStaff

STAFF_HOME = "/staff/incidents"


def area_options(areas: list[AreaStaff]) -> list[ft.DropdownOption]:
    return [ft.DropdownOption(key=a.code, text=f"{a.name} ({a.code})") for a in areas]


def report_lines(t: Translator, r: OutageReportStaff) -> list[str]:
    """What staff need to call back and to judge where it belongs."""
    where = r.address or (f"{r.lat:.5f}, {r.lon:.5f}" if r.lat is not None else None)
    lines = [f"{t.t(f'incidents.kind.{r.kind}')} · {t.datetime(r.created_at)} · {r.tracking_no}"]
    lines += [x for x in (r.customer_code, where, r.phone, r.description) if x]
    return lines


def report_text(t: Translator, r: OutageReportStaff) -> ft.Control:
    first, *rest = report_lines(t, r)
    return ft.Column(
        [ft.Text(first, weight=ft.FontWeight.BOLD), *(ft.Text(x, selectable=True) for x in rest)],
        spacing=2,
        expand=True,
    )


def loading_or_error(t: Translator, vm, retry) -> ft.Control:
    if vm.error:
        return error_notice(t.error(vm.error), t.t("common.retry"), retry)
    return loading(t.t("common.loading"))
