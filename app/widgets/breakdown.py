"""Tier-by-tier breakdown of an estimate or a bill: tiers, subtotal, VAT, total."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from domain.models.billing import BillPart, Breakdown


def tier_rows(t: Translator, part: BillPart) -> list[ft.Control]:
    """One tariff's tiers, shared by the estimate and the bill. Each tier is a sentence that
    wraps (`Bậc 1: 50 kWh × 1.984 đ`) beside its amount, so at 200 % text on a phone nothing
    is squeezed into columns too narrow for a number."""
    muted = ft.Colors.ON_SURFACE_VARIANT
    rows: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(t.t("bill.tier_header"), color=muted, expand=True),
                ft.Text(t.t("bill.amount"), color=muted),
            ]
        )
    ]
    for tier in part.tiers:
        kwh = t.number(tier.kwh, 0 if tier.kwh == tier.kwh.to_integral() else 2)
        rows.append(
            ft.Row(
                [
                    ft.Text(
                        t.t("bill.tier_line", tier=tier.tier, kwh=kwh, price=t.money(tier.price)),
                        expand=True,
                    ),
                    ft.Text(t.money(tier.amount), weight=ft.FontWeight.W_500),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            )
        )
    return rows


def _part(t: Translator, part: BillPart, several: bool) -> list[ft.Control]:
    rows: list[ft.Control] = []
    if several:
        rows.append(
            ft.Text(
                t.t("breakdown.part", start=t.date(part.valid_from), days=part.days),
                theme_style=ft.TextThemeStyle.TITLE_SMALL,
            )
        )
    return rows + tier_rows(t, part)


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
