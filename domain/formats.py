"""Money and energy as a person reads them, one way for screens, notices, SMS and the PDF:
`1.234.567 đ` and `187,4 kWh` in Vietnamese, `₫1,234,567` and `187.4 kWh` in English."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

_BABEL = {"vi": "vi_VN", "en": "en_US"}


def money(vnd: int, lang: str) -> str:
    if lang == "vi":
        return f"{format_decimal(vnd, locale=_BABEL['vi'])} đ"
    return str(format_currency(vnd, "VND", locale=_BABEL.get(lang, "en_US")))


def number(value: Decimal | float | int, lang: str, digits: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=_BABEL.get(lang, "en_US")))


def kwh(value: Decimal | float | int, lang: str, digits: int | None = None) -> str:
    """Whole kWh when the value is whole, otherwise one decimal (daily readings)."""
    if digits is None:
        exact = Decimal(str(value))
        digits = 0 if exact == exact.to_integral() else 1
    return f"{number(value, lang, digits)} kWh"
