"""A bill run's rows as plain values and PostgreSQL COPY text, no ORM objects: the bill and
its breakdown JSON (byte for byte what the ORM path stored)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.models.billing import Breakdown
from domain.tariff_lines import to_kwh

_TO_JSON = Breakdown.__pydantic_serializer__.to_json
_JSON: dict[int, tuple[Breakdown, str, str]] = {}
_ISO: dict[date, str] = {}


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
    breakdown: Breakdown
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


def breakdown_json(b: Breakdown, copy: bool = False) -> str:
    """b.model_dump_json() without its per-call overhead (pydantic-core's serializer itself):
    the same bytes the ORM path stored, in half the time of model_dump + orjson; kept for
    the breakdowns bill_compose.price() hands out again. `copy`: as a COPY text field."""
    found = _JSON.get(id(b))
    if found is None or found[0] is not b:
        text = _TO_JSON(b).decode()
        if len(_JSON) >= 100_000:
            _JSON.clear()
        found = _JSON[id(b)] = (b, text, copy_text(text))  # b kept: its id is not reused
    return found[2] if copy else found[1]


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
    bd = b.breakdown
    return (
        f"{b.bill_id}\t{b.code}\t{iso(month)}\t{iso(b.start)}\t{iso(b.end)}\t{b.households}\t"
        f"{b.start_wh}\t{b.end_wh}\t{b.end_wh - b.start_wh}\t{bd.subtotal}\t{bd.vat}\t"
        f"{bd.total}\t{breakdown_json(bd, copy=True)}\t{b.serial}\t{b.number}\t"
        f"{iso(b.issued)}\t{iso(b.due)}\tunpaid\t{created_at}\n"
    )


BILL_COLUMNS = (
    "id, customer_code, period_month, period_start, period_end, households, start_index_wh, "
    "end_index_wh, wh, subtotal, vat, total, breakdown, invoice_serial, invoice_no, issued_on, "
    "due_date, status, created_at"
)


def bill_issued_params(b: NewBill, month_label: str) -> dict:
    """The params notify() would store for this bill (server/services/notice_kinds.py)."""
    return {
        "code": b.code,
        "bill_id": b.bill_id,
        "month": month_label,
        "kwh": str(to_kwh(b.end_wh - b.start_wh, 3)),
        "total": b.breakdown.total,
        "due_date": iso(b.due),
    }
