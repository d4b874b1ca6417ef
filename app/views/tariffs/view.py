"""Biểu giá điện: the household tiers in force, VAT, and earlier tables on demand."""

from __future__ import annotations

import flet as ft

from app.context import use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.tariffs.view_model import TariffsViewModel
from app.widgets.screen import screen
from app.widgets.semantics import tagged
from app.widgets.states import empty, load_failed, loading
from domain.models.billing import TariffTablePublic


def tier_rows(t: Translator, table: TariffTablePublic) -> list[ft.Control]:
    rows: list[ft.Control] = []
    for tier in table.tiers:
        span = (
            t.t("tariffs.range", start=tier.from_kwh, end=tier.to_kwh)
            if tier.to_kwh
            else t.t("tariffs.range_open", start=tier.from_kwh)
        )
        rows.append(
            ft.Row(
                [
                    ft.Text(
                        t.t("tariffs.tier", tier=tier.tier), weight=ft.FontWeight.BOLD, width=72
                    ),
                    ft.Text(span, expand=True),
                    ft.Text(t.money(tier.price), weight=ft.FontWeight.BOLD),
                ]
            )
        )
    return rows


def table_heading(t: Translator, table: TariffTablePublic) -> str:
    return t.t("tariffs.valid_from", date=t.date(table.valid_from), decision=table.decision)


@ft.component
def TariffsView() -> ft.View:
    t = use_t()
    vm = use_view_model(lambda s: TariffsViewModel(public=s.public))
    use_load(vm.load)

    if vm.busy and not vm.tariffs:
        body: list[ft.Control] = [loading(t.t("common.loading"))]
    elif vm.error:
        body = [load_failed(t, vm.error, vm.load)]
    elif not vm.current:
        body = [empty(t.t("tariffs.empty"))]
    else:
        body = [
            ft.Text(table_heading(t, vm.current), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
            ft.Text(t.t("tariffs.note")),
            tagged(
                "tariffs-current",
                ft.Card(ft.Container(ft.Column(tier_rows(t, vm.current), spacing=10), padding=16)),
                container=True,
            ),
        ]
        if vm.vat:
            body.append(ft.Text(t.t("tariffs.vat", rate=t.number(vm.vat.rate * 100, 0))))
        body += [
            ft.ExpansionTile(
                title=ft.Text(table_heading(t, table)),
                controls=[ft.Container(ft.Column(tier_rows(t, table)), padding=16)],
            )
            for table in vm.older
        ]
    return screen("/guest/tariffs", t.t("tariffs.title"), body, back_to="/guest")
