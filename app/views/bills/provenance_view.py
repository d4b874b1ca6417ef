"""Cách ghi chỉ số: how the bill's start and end indexes were read (issue 18) — remote (AMI),
by hand on a date, the meter's installation, or estimated and why; estimated days by date."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_t
from app.i18n import Translator
from app.views.bills.provenance_view_model import ProvenanceViewModel
from app.views.bills.widgets import line, section
from app.views.hooks import use_load, use_view_model
from app.widgets.semantics import tagged
from app.widgets.states import error_notice, loading
from domain.models.bill_explain import IndexSource


def source_text(t: Translator, s: IndexSource) -> str:
    """`Ghi tay ngày 31/10/2026 (nhân viên ghi chỉ số)`, `Ước tính: 2 ngày hệ thống bù`…"""
    day = t.date(s.on) if s.on else ""
    if s.method == "estimated":
        if s.reason == "ami_days_estimated":
            return t.t("provenance.estimated_days", count=s.count or 0)
        return t.t("provenance.estimated")
    if s.method == "manual":
        who = t.t(f"provenance.by_{s.source}") if s.source in ("reader", "customer") else ""
        return t.t("provenance.manual", date=day, who=who).strip()
    return t.t(f"provenance.{s.method}", date=day)


def provenance_controls(t: Translator, vm: ProvenanceViewModel) -> list[ft.Control]:
    r = vm.readings
    if r is None:
        return [error_notice(t.error(vm.error)) if vm.error else loading(t.t("common.loading"))]
    rows: list[ft.Control] = [
        tagged("bill-provenance-start", line(t.t("bills.start_index"), source_text(t, r.start)), container=True),
        tagged("bill-provenance-end", line(t.t("bills.end_index"), source_text(t, r.end)), container=True),
    ]  # fmt: skip
    if r.estimated_days:
        days = ", ".join(t.date(d) for d in r.estimated_days)
        rows.append(
            tagged(
                "bill-provenance-estimated",
                ft.Text(t.t("provenance.estimated_list", days=days), size=12),
                container=True,
            )
        )
    if r.missing_days:
        rows.append(ft.Text(t.t("provenance.missing", count=r.missing_days), size=12))
    return rows


@ft.component
def BillProvenanceSection(bill_id: int) -> ft.Control:
    accounts = use_accounts()
    t = use_t()
    vm = use_view_model(lambda s: ProvenanceViewModel(repo=s.bills))

    async def load() -> None:
        await vm.load(accounts.selected_code, bill_id)

    use_load(load, accounts.selected_code, bill_id)
    return section(t.t("provenance.title"), provenance_controls(t, vm), "bill-provenance")
