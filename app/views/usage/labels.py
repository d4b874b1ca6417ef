"""Words and numbers of the usage screens: month names, values in kWh or VND, changes in %."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date

from app.i18n import Translator
from app.views.usage.series import Point, Unit, percent_change


def month_label(t: Translator, month: date) -> str:
    """`Tháng 11/2026` / `November 2026`."""
    if t.locale == "vi":
        return t.t("usage.month", month=f"{month.month:02d}/{month.year}")
    return format_date(month, "MMMM yyyy", locale="en_US")


def short_month(t: Translator, month: date) -> str:
    """Axis label: `T11` / `Nov`, with the year on January so the turn of the year shows."""
    if t.locale == "vi":
        text = f"T{month.month}"
    else:
        text = format_date(month, "MMM", locale="en_US")
    return f"{text}\n{month:%y}" if month.month == 1 else text


def value_text(t: Translator, value: Decimal | int | None, unit: Unit, daily: bool = False) -> str:
    """kWh with one decimal for days, whole or one decimal for months; money in VND."""
    if value is None:
        return t.t("usage.no_value")
    if unit == "vnd":
        return t.money(int(value))
    kwh = Decimal(value)
    if daily or kwh != kwh.to_integral_value():
        # Half up, as on bills (babel alone would round 3,25 to 3,2).
        return t.kwh(kwh.quantize(Decimal("0.1"), ROUND_HALF_UP), 1)
    return t.kwh(kwh, 0)


def axis_value(t: Translator, value: float, unit: Unit) -> str:
    """Money in thousands, the unit said once by axis_title (not "200k" on every line)."""
    if unit == "vnd":
        return t.number(round(value / 1000))
    return t.number(value, 0 if value == int(value) else 1)


def axis_title(t: Translator, unit: Unit) -> str:
    return t.t("usage.axis_vnd") if unit == "vnd" else "kWh"


def change_text(t: Translator, change: Decimal | None) -> str:
    if change is None:
        return t.t("usage.no_change")
    sign = "+" if change > 0 else ("-" if change < 0 else "")
    return f"{sign}{t.number(abs(change), 1)}%"


def bar_caption(t: Translator, point: Point, *, monthly: bool, unit: Unit) -> str:
    """What a tapped bar says: its value, and for a month last year's and the change."""
    if not monthly:
        text = t.t(
            "usage.day_value", date=t.date(point.key), value=value_text(t, point.value, unit, True)
        )
        return text + (f" ({t.t('usage.estimated_day')})" if point.estimated else "")
    text = t.t(
        "usage.month_value", month=month_label(t, point.key), value=value_text(t, point.value, unit)
    )
    if not point.billed:
        text += f" ({t.t('usage.so_far')})"
    elif point.estimated:  # issue 18: billed on days the head-end estimated
        text += f" ({t.t('usage.estimated_month_key')})"
    if point.previous is not None:
        change = None
        if point.value is not None and point.billed:
            change = percent_change(point.value, point.previous)
        previous = value_text(t, point.previous, unit)
        if change is None:
            text += "\n" + t.t("usage.vs_last_year_plain", value=previous)
        else:
            text += "\n" + t.t("usage.vs_last_year", value=previous, change=change_text(t, change))
    return text
