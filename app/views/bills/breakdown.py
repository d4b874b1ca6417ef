"""A bill's tiers: Bậc · kWh · Đơn giá · Thành tiền, one table per tariff when prices changed."""

from __future__ import annotations

from datetime import date, timedelta

import flet as ft

from app.i18n import Translator
from app.views.bills.widgets import bill_kwh, line, section
from app.widgets.breakdown import tier_rows
from domain.models.billing import BillPart
from domain.models.bills import Bill


def part_spans(bill: Bill) -> list[tuple[date, date]]:
    """The days each part covers: parts follow one another from the period's first day
    (a part's `valid_from` is when its tariff took effect, often before the period)."""
    spans, start = [], bill.period_start
    for part in bill.breakdown.parts:
        start = max(start, part.valid_from)
        end = start + timedelta(days=part.days - 1)
        spans.append((start, end))
        start = end + timedelta(days=1)
    return spans


def part_rows(
    t: Translator, part: BillPart, span: tuple[date, date], split: bool, index: int
) -> list[ft.Control]:
    rows: list[ft.Control] = []
    if split:
        rows.append(
            ft.Semantics(
                identifier=f"bill-part-{index}",
                container=True,
                content=ft.Column(
                    [
                        ft.Text(
                            t.t(
                                "bills.part_title",
                                start=t.date(span[0]),
                                end=t.date(span[1]),
                                days=part.days,
                            ),
                            theme_style=ft.TextThemeStyle.TITLE_SMALL,
                        ),
                        ft.Text(
                            t.t(
                                "bills.part_detail",
                                decision=part.decision,
                                valid_from=t.date(part.valid_from),
                                kwh=bill_kwh(t, part.kwh),
                            ),
                            size=12,
                            color=ft.Colors.ON_SURFACE_VARIANT,
                        ),
                    ],
                    spacing=2,
                ),
            )
        )
    rows += tier_rows(t, part)
    return rows


def breakdown_section(t: Translator, bill: Bill) -> ft.Control:
    parts = bill.breakdown.parts
    split = len(parts) > 1
    rows: list[ft.Control] = []
    if split:
        rows.append(ft.Text(t.t("bills.split_note"), size=13))
    for i, (part, span) in enumerate(zip(parts, part_spans(bill), strict=True)):
        if i:
            rows.append(ft.Divider(height=8))
        rows += part_rows(t, part, span, split, i)
    rate = t.number(bill.vat_rate * 100, 0)
    rows += [
        ft.Divider(height=8),
        line(t.t("bill.subtotal"), t.money(bill.subtotal)),
        line(t.t("bill.vat_rate", rate=rate), t.money(bill.vat)),
        line(t.t("bill.total"), t.money(bill.total), strong=True),
        ft.Text(t.t("bills.prices_note"), size=12, color=ft.Colors.ON_SURFACE_VARIANT),
    ]
    return section(t.t("bills.breakdown_title"), rows, "bill-breakdown")
