"""The sentence a person reads about a bill's change, in Vietnamese or English (issue 18).

"Hóa đơn tăng 85.400 đ so với tháng trước: dùng nhiều hơn 32 kWh (+76.100 đ), kỳ dài hơn
2 ngày (+6.200 đ), giá điện tăng từ 10/05/2025 (+3.100 đ)." Effects of 0 đ are left out; the
others come largest first. Amounts are exact đồng, so the parts add up to the head figure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from domain.bill_explain import Effect, Explanation
from domain.digits import is_ascii_digits

Lang = Literal["vi", "en"]
Against = Literal["previous", "last_year"]

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_AGAINST = {
    ("vi", "previous"): "tháng trước",
    ("vi", "last_year"): "cùng kỳ năm trước",
    ("en", "previous"): "last month",
    ("en", "last_year"): "the same month last year",
}
_NOTHING = {
    ("vi", "previous"): "Đây là hóa đơn đầu tiên: chưa có hóa đơn trước để so sánh.",
    ("vi", "last_year"): "Chưa có hóa đơn cùng kỳ năm trước để so sánh.",
    ("en", "previous"): "This is the first bill: there is no earlier bill to compare with.",
    ("en", "last_year"): "There is no bill from the same month last year to compare with.",
}


def _group(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def money(amount: int, lang: Lang, signed: bool = False) -> str:
    """`85.400 đ` / `₫85,400`; signed adds + or − (a real minus sign)."""
    sign = ("+" if amount > 0 else "−" if amount < 0 else "") if signed else ""
    digits = _group(abs(amount), "." if lang == "vi" else ",")
    return f"{sign}{digits} đ" if lang == "vi" else f"{sign}₫{digits}"


def _kwh(value: Decimal, lang: Lang) -> str:
    value = abs(value)
    shown = value.quantize(Decimal(1) if value >= 10 else Decimal("0.1"))
    if shown == shown.to_integral():
        text = _group(int(shown), "." if lang == "vi" else ",")
    else:
        text = str(shown).replace(".", "," if lang == "vi" else ".")
    return f"{text} kWh"


def _day(value: date, lang: Lang) -> str:
    if lang == "vi":
        return value.strftime("%d/%m/%Y")
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _percent(rate: str) -> str:
    return f"{(Decimal(rate) * 100).normalize():f}%"


def _phrase(effect: Effect, lang: Lang) -> str:
    d, up = effect.detail, effect.amount > 0
    vi = lang == "vi"
    if effect.kind == "usage":
        kwh = _kwh(Decimal(str(d["kwh"])), lang)
        more = Decimal(str(d["kwh"])) > 0
        if vi:
            return f"dùng {'nhiều' if more else 'ít'} hơn {kwh}"
        return f"{kwh} {'more' if more else 'less'} used"
    if effect.kind == "days":
        change = int(str(d["days_after"])) - int(str(d["days_before"]))
        n = abs(change)
        if vi:
            return f"kỳ {'dài' if change > 0 else 'ngắn'} hơn {n} ngày"
        unit = "day" if n == 1 else "days"
        return f"a period {n} {unit} {'longer' if change > 0 else 'shorter'}"
    if effect.kind == "price":
        since = _day(date.fromisoformat(str(d["since"])), lang)
        if vi:
            return f"giá điện {'tăng' if up else 'giảm'} từ {since}"
        return f"prices {'up' if up else 'down'} from {since}"
    if effect.kind == "households":
        before, after = d["before"], d["after"]
        if vi:
            way = "thành"
            if is_ascii_digits(str(before)) and is_ascii_digits(str(after)):
                way = "lên" if int(str(after)) > int(str(before)) else "xuống"
            return f"số hộ dùng chung từ {before} {way} {after}"
        return f"households on the meter from {before} to {after}"
    if effect.kind == "vat":
        before, after = _percent(str(d["before"])), _percent(str(d["after"]))
        if vi:
            return f"thuế GTGT từ {before} {'lên' if up else 'xuống'} {after}"
        return f"VAT from {before} to {after}"
    return "điều chỉnh khác" if vi else "other adjustments"


def sentence(explanation: Explanation | None, against: Against, lang: Lang) -> str:
    """The whole sentence; `None` (nothing to compare with) says so."""
    if explanation is None:
        return _NOTHING[(lang, against)]
    other = _AGAINST[(lang, against)]
    diff = explanation.difference
    if lang == "vi":
        way = "tăng" if diff > 0 else "giảm" if diff < 0 else ""
        head = f"Hóa đơn {way} {money(abs(diff), lang)} so với {other}" if way else ""
        head = head or f"Hóa đơn bằng {other}"
    else:
        way = "higher" if diff > 0 else "lower" if diff < 0 else ""
        head = f"The bill is {money(abs(diff), lang)} {way} than {other}" if way else ""
        head = head or f"The bill is the same as {other}"
    shown = [e for e in explanation.effects if e.amount != 0]
    shown.sort(key=lambda e: -abs(e.amount))  # stable: ties keep the method's order
    if not shown:
        return f"{head}."
    parts = ", ".join(f"{_phrase(e, lang)} ({money(e.amount, lang, signed=True)})" for e in shown)
    return f"{head}: {parts}."
