"""Tier-by-tier breakdown of an estimate or a bill: tiers, subtotal, VAT, total."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from domain.models.billing import BillPart, Breakdown


def _row(cells: list[str], bold: bool = False, flex: tuple[int, ...] = (2, 3, 3, 4)) -> ft.Row:
    weight = ft.FontWeight.BOLD if bold else None
    return ft.Row(
        [
            ft.Text(
                c,
                weight=weight,
                expand=f,
                text_align=ft.TextAlign.LEFT if i == 0 else ft.TextAlign.RIGHT,
            )
            for i, (c, f) in enumerate(zip(cells, flex, strict=True))
        ]
    )


def _part(t: Translator, part: BillPart, several: bool) -> list[ft.Control]:
    rows: list[ft.Control] = []
    if several:
        rows.append(
            ft.Text(
                t.t("breakdown.part", start=t.date(part.valid_from), days=part.days),
                theme_style=ft.TextThemeStyle.TITLE_SMALL,
            )
        )
    rows.append(
        _row(
            [t.t("bill.tier"), t.t("bill.energy_kwh"), t.t("bill.unit_price"), t.t("bill.amount")],
            bold=True,
        )
    )
    for line in part.tiers:
        rows.append(
            _row(
                [
                    str(line.tier),
                    t.kwh(line.kwh).removesuffix(" kWh"),
                    t.money(line.price),
                    t.money(line.amount),
                ]
            )
        )
    return rows


def _total(label: str, value: str, strong: bool = False) -> ft.Row:
    style = ft.TextThemeStyle.TITLE_MEDIUM if strong else None
    weight = ft.FontWeight.BOLD if strong else None
    return ft.Row(
        [
            ft.Text(label, theme_style=style, weight=weight, expand=True),
            ft.Text(value, theme_style=style, weight=weight),
        ],
    )


def breakdown_card(t: Translator, breakdown: Breakdown, identifier: str) -> ft.Control:
    several = len(breakdown.parts) > 1
    rows: list[ft.Control] = []
    for part in breakdown.parts:
        rows.extend(_part(t, part, several))
    vat_percent = t.number(breakdown.vat_rate * 100, 0)
    rows += [
        ft.Divider(),
        _total(t.t("bill.energy_used"), t.kwh(breakdown.kwh)),
        _total(t.t("bill.subtotal"), t.money(breakdown.subtotal)),
        _total(t.t("bill.vat_rate", rate=vat_percent), t.money(breakdown.vat)),
        _total(t.t("bill.total"), t.money(breakdown.total), strong=True),
    ]
    return ft.Semantics(
        identifier=identifier,
        container=True,
        content=ft.Card(ft.Container(ft.Column(rows, spacing=6), padding=16)),
    )
