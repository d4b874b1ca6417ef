"""A bill run's rows as plain values and PostgreSQL COPY text, no ORM objects: the priced
bill (its money and breakdown JSON byte for byte what the ORM path stored) and the bill."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from domain.models.billing import Breakdown
from domain.tariff import compute_bill
from domain.tariff_lines import to_kwh

_TO_JSON = Breakdown.__pydantic_serializer__.to_json
_ISO: dict[date, str] = {}


class Priced(NamedTuple):
    """What a bill keeps of its Breakdown: plain values, a few hundred bytes."""

    subtotal: int
    vat: int
    total: int
    kwh: str  # str(Breakdown.kwh): "150", "150.5"
    json: str  # the breakdown as the bills.breakdown column holds it
    copy_json: str  # the same as a COPY text field


@lru_cache(maxsize=1 << 14)  # some 25 MB (the JSON is UCS-2: "QĐ-BCT")
def price(wh: int, start: date, end: date, households: int, norm_days: int | None = None) -> Priced:
    """compute_bill of `wh` Wh over the inclusive period, remembered: the bills of an area
    share their period and kWh repeat (manual meters read whole kWh), so a month's run
    prices about half of its bills only. The engine is pure; TariffError is not cached."""
    # whole kWh as an int: the engine's own fast case, the same breakdown as the Decimal
    kwh = wh // 1000 if wh % 1000 == 0 else to_kwh(wh, 3)
    b = compute_bill(kwh, start, end, households, norm_days=norm_days)
    text = breakdown_json(b)
    return Priced(b.subtotal, b.vat, b.total, str(b.kwh), text, copy_text(text))


@dataclass(slots=True)
class NewBill:
    """A bill ready to insert; `users` are the approved links to tell, `bill_id` is known
    before the insert on PostgreSQL (taken from the sequence with the candidates)."""

    code: str
    households: int
    start: date
    end: date
    start_wh: int
    end_wh: int
    priced: Priced
    serial: str
    issued: date = date.min
    due: date = date.min
    users: tuple[int, ...] = ()
    bill_id: int | None = None
    number: int = 0


def iso(day: date) -> str:
    text = _ISO.get(day)
    if text is None:
        if len(_ISO) > 50_000:
            _ISO.clear()
        text = _ISO[day] = day.isoformat()
    return text


def breakdown_json(b: Breakdown) -> str:
    """b.model_dump_json() without its per-call overhead (pydantic-core's serializer itself):
    the bytes the ORM path stored (orjson of model_dump), in half the time."""
    return _TO_JSON(b).decode()


def copy_text(value: str) -> str:
    """A string as a field of COPY's text format (JSON escapes only need the backslash)."""
    if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
        value = (
            value.replace("\\", "\\\\")
            .replace("\t", "\\t")
            .replace("\n", "\\n")
            .replace("\r", "\\r")
        )
    return value


def bill_line(b: NewBill, month: date, created_at: str) -> str:
    """One row of COPY bills (BILL_COLUMNS), tab-separated, newline-terminated."""
    p = b.priced
    return (
        f"{b.bill_id}\t{b.code}\t{iso(month)}\t{iso(b.start)}\t{iso(b.end)}\t{b.households}\t"
        f"{b.start_wh}\t{b.end_wh}\t{b.end_wh - b.start_wh}\t{p.subtotal}\t{p.vat}\t"
        f"{p.total}\t{p.copy_json}\t{b.serial}\t{b.number}\t"
        f"{iso(b.issued)}\t{iso(b.due)}\tunpaid\t{created_at}\n"
    )


BILL_COLUMNS = (
    "id, customer_code, period_month, period_start, period_end, households, start_index_wh, "
    "end_index_wh, wh, subtotal, vat, total, breakdown, invoice_serial, invoice_no, issued_on, "
    "due_date, status, created_at"
)


def bill_issued_params(b: NewBill, month_label: str) -> dict:
    """The params notify() would store for this bill (server/notify/kinds.py)."""
    return {
        "code": b.code,
        "bill_id": b.bill_id,
        "month": month_label,
        "kwh": str(to_kwh(b.end_wh - b.start_wh, 3)),
        "total": b.priced.total,
        "due_date": iso(b.due),
    }
