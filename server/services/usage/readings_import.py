"""Meter readings from staff: one CSV format (CLI) and the same rows as JSON (staff route),
checked line by line and stored all-or-nothing.

CSV (UTF-8, comma, header line required, columns in any order):
    customer_code,date,kwh,index_kwh,estimated
    PE01000123456,2025-06-01,12.345,,0       AMI meter: energy used that day (kWh, ≤3 decimals)
    PD01000654321,2025-06-30,,10234.5,       manual meter: register index read that day (kWh)
`estimated` (optional: 1/0, true/false, empty = false) marks a day the head-end filled in.
Dates are local days, YYYY-MM-DD, not after today. A day sent again replaces the earlier
value, unless it lies in a period that is already billed (then it is refused: corrections of
billed energy go through a bill adjustment, not a silent change of history).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.customer_code import InvalidCustomerCode, normalize_customer_code

COLUMNS = ("customer_code", "date", "kwh", "index_kwh", "estimated")
REQUIRED = {"customer_code", "date"}
MAX_DAILY_KWH = Decimal(2_000_000)  # int4 Wh holds 2.1 GWh a day
MAX_INDEX_KWH = Decimal(10) ** 12
_NUMBER = re.compile(r"[0-9]{1,15}(\.[0-9]{1,9})?")
_TRUE, _FALSE = {"1", "true", "yes"}, {"", "0", "false", "no"}


class ReadingsRejected(Exception):
    """The input has errors; nothing was stored. `errors` are 'line N: …' messages."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} error(s); nothing imported")
        self.errors = errors


@dataclass(slots=True)
class ReadingRow:
    where: str
    code: str
    day: date
    wh: int | None
    index_wh: int | None
    estimated: bool


def _wh(text: str, name: str, limit: Decimal) -> int:
    if not _NUMBER.fullmatch(text):  # Decimal() takes any script's digits, and "1e9", "NaN"
        raise ValueError(f"{name} {text!r} is not a number")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{name} {text!r} is not a number") from None
    if not value.is_finite() or value < 0 or value > limit:
        raise ValueError(f"{name} must be between 0 and {limit}")
    wh = value * 1000
    if wh != wh.to_integral_value():
        raise ValueError(f"{name} may have at most 3 decimals")
    return int(wh)


def parse_row(where: str, raw: dict[str, str | None], today: date) -> ReadingRow:
    """One reading from CSV/JSON text fields; ValueError('<where>: …') when it is not valid."""
    get = {k: (raw.get(k) or "").strip() for k in COLUMNS}
    try:
        try:
            code = normalize_customer_code(get["customer_code"])
        except InvalidCustomerCode:
            raise ValueError(f"customer_code {get['customer_code']!r} is not valid") from None
        try:
            day = date.fromisoformat(get["date"])
        except ValueError:
            raise ValueError(f"date {get['date']!r} is not YYYY-MM-DD") from None
        if day > today:
            raise ValueError(f"date {day} is after today ({today})")
        if bool(get["kwh"]) == bool(get["index_kwh"]):
            raise ValueError("give either kwh (AMI meter) or index_kwh (manual meter)")
        wh = _wh(get["kwh"], "kwh", MAX_DAILY_KWH) if get["kwh"] else None
        index_wh = _wh(get["index_kwh"], "index_kwh", MAX_INDEX_KWH) if get["index_kwh"] else None
        flag = get["estimated"].lower()
        if flag not in _TRUE | _FALSE:
            raise ValueError(f"estimated {get['estimated']!r} must be 1/0 or true/false")
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return ReadingRow(where, code, day, wh, index_wh, flag in _TRUE)


def csv_rows(lines: Iterable[str], today: date, errors: list[str]) -> Iterator[ReadingRow]:
    """Rows of a CSV file; problems are appended to `errors` (line numbers count the header)."""
    reader = csv.DictReader(lines)
    header = [h.strip() for h in (reader.fieldnames or [])]
    unknown = [h for h in header if h not in COLUMNS]
    missing = REQUIRED - set(header)
    if unknown or missing or not ({"kwh", "index_kwh"} & set(header)):
        errors.append(
            f"line 1: the header must name the columns {', '.join(COLUMNS)} "
            f"(customer_code, date and kwh or index_kwh at least); got {', '.join(header) or 'nothing'}"
        )
        return
    reader.fieldnames = header
    for record in reader:
        where = f"line {reader.line_num}"
        if None in record:
            errors.append(f"{where}: more fields than the header has")
            continue
        try:
            yield parse_row(where, record, today)
        except ValueError as exc:
            errors.append(str(exc))
