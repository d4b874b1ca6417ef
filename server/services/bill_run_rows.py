"""A bill run's rows as plain values and PostgreSQL COPY text, no ORM objects: the bill, its
breakdown JSON (byte for byte what pydantic writes, built from cached fragments because the
tariff engine shares its tier lines between bills) and the bill_issued notice texts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

import orjson

from domain.models.billing import Breakdown, TierLine
from domain.tariff_lines import to_kwh

_LINES: dict[int, tuple[TierLine, str]] = {}  # id(line) -> (line kept alive, its JSON)
_PARTS: dict[tuple[date, str, int], str] = {}  # (valid_from, decision, days) -> JSON head
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


def _line_json(line: TierLine) -> str:
    hit = _LINES.get(id(line))
    if hit is not None and hit[0] is line:
        return hit[1]
    text = line.__pydantic_serializer__.to_json(line).decode()
    if len(_LINES) > 200_000:
        _LINES.clear()
    _LINES[id(line)] = (line, text)
    return text


def breakdown_json(b: Breakdown) -> str:
    """Equal to b.model_dump_json() (tests/server/test_bill_run_rows.py compares them)."""
    parts = []
    for part in b.parts:
        key = (part.valid_from, part.decision, part.days)
        head = _PARTS.get(key)
        if head is None:
            decision = orjson.dumps(part.decision).decode()
            head = _PARTS[key] = (
                f'{{"valid_from":"{iso(part.valid_from)}","decision":{decision},'
                f'"days":{part.days},"kwh":"'
            )
        lines = ",".join([_line_json(line) for line in part.tiers])
        parts.append(f'{head}{part.kwh}","tiers":[{lines}]}}')
    return (
        f'{{"kwh":"{b.kwh}","subtotal":{b.subtotal},"vat_rate":"{b.vat_rate}",'
        f'"vat":{b.vat},"total":{b.total},"parts":[{",".join(parts)}]}}'
    )


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
        f"{bd.total}\t{copy_text(breakdown_json(bd))}\t{b.serial}\t{b.number}\t"
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


def timestamp(moment: datetime) -> str:
    return moment.isoformat()


def json_str(text: str) -> str:
    """A JSON string literal as json.dumps(ensure_ascii=False) writes it."""
    return json.dumps(text, ensure_ascii=False)
