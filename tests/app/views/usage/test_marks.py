"""Issue 18: the daily chart marks an estimated day by shape (an outlined bar) and a missing
day by a stub at the axis — not only by colour; days after the last reading stay empty."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import flet as ft

from app.i18n import Translator
from app.views.usage.chart import CURRENT, usage_chart
from app.views.usage.series import Point


def test_estimated_days_are_outlined_and_missing_days_have_a_stub() -> None:
    day = date(2026, 11, 1)
    points = [
        Point(day, Decimal("6.2")),
        Point(day + timedelta(days=1), Decimal("5.9"), estimated=True),
        Point(day + timedelta(days=2), None),  # missing: a later day has a reading
        Point(day + timedelta(days=3), Decimal("6.4")),
        Point(day + timedelta(days=4), None),  # not read yet: nothing drawn
    ]
    chart = usage_chart(
        Translator("vi"), points, monthly=False, unit="kwh", width=390, selected=None,
        on_select=lambda _: None,
    )  # fmt: skip
    rods = [g.rods for g in chart.groups]
    assert rods[0][0].color == CURRENT and rods[0][0].border_side is None
    hollow = rods[1][0]
    assert hollow.color == ft.Colors.SURFACE and hollow.border_side.color == CURRENT
    assert hollow.to_y == 5.9
    stub = rods[2][0]
    assert stub.color == ft.Colors.OUTLINE and 0 < stub.to_y < 1
    assert stub.tooltip.text == "thiếu số liệu"
    assert rods[4] == []


def test_months_billed_on_estimates_are_outlined_and_say_so() -> None:
    t = Translator("vi")
    points = [
        Point(date(2026, 9, 1), Decimal(190), Decimal(170)),
        Point(date(2026, 10, 1), Decimal(187), Decimal(180), estimated=True),
    ]
    chart = usage_chart(
        t, points, monthly=True, unit="kwh", width=390, selected=None, on_select=lambda _: None
    )
    this_year = [g.rods[-1] for g in chart.groups]
    assert this_year[0].border_side is None and this_year[1].color == ft.Colors.SURFACE
    assert "hóa đơn có ngày ước tính" in this_year[1].tooltip.text
