"""The interval CSV of `python -m server import-intervals FILE`, checked line by line.

UTF-8, comma separated, a header line, then one line per meter, day and direction:
    customer_code,date,channel,00:00,00:30,…,23:30
    PE01000123456,2026-11-30,import,0.120,0.115,…,0.180
    PE01000123456,2026-11-30,export,0,0,…,0
`channel` is `import` (energy drawn from the grid) or `export` (energy sent to it by a
rooftop-solar system; only on a meter that has one). Each line carries exactly 48 values in
kWh (≤ 3 decimals, not negative), the half-hours that START at 00:00, 00:30 … 23:30 local
time (Asia/Ho_Chi_Minh: no daylight saving, so every day has 48). Every meter-day needs its
import line; a day sent again replaces the earlier one. Dates are local days, not after
today. Errors name the line (`line N: …`, the header is line 1) and nothing is stored.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from server.services.intervals.codec import HEADER_SLOTS, SLOTS, kwh_to_wh

HEADER = ("customer_code", "date", "channel", *HEADER_SLOTS)
CHANNELS = ("import", "export")


@dataclass(slots=True)
class IntervalRow:
    """One line: a meter-day's 48 values (Wh) in one direction."""

    where: str
    code: str
    day: date
    channel: str
    values: list[int]
    index_wh: None = None  # (readings_store's meter helper reads it: AMI meters have none)


def parse_fields(where: str, code: str, day: str, channel: str, values: list[str], today: date):
    """One row from text fields; ValueError('<where>: …') when it is not valid."""
    try:
        try:
            code = normalize_customer_code(code)
        except InvalidCustomerCode:
            raise ValueError(f"customer_code {code!r} is not valid") from None
        try:
            when = date.fromisoformat(day.strip())
        except ValueError:
            raise ValueError(f"date {day!r} is not YYYY-MM-DD") from None
        if when > today:
            raise ValueError(f"date {when} is after today ({today})")
        channel = channel.strip().lower()
        if channel not in CHANNELS:
            raise ValueError(f"channel {channel!r} must be import or export")
        if len(values) != SLOTS:
            raise ValueError(f"{len(values)} half-hour values; a day has {SLOTS} (00:00 to 23:30)")
        wh = []
        for slot, text in enumerate(values):
            try:
                wh.append(kwh_to_wh(text))
            except ValueError as exc:
                raise ValueError(f"value {slot + 1} ({HEADER_SLOTS[slot]}) {exc}") from None
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return IntervalRow(where, code, when, channel, wh)


def csv_rows(lines: Iterable[str], today: date, errors: list[str]) -> Iterator[IntervalRow]:
    """Rows of an interval CSV; problems are appended to `errors` (line numbers count the
    header; a line that is not valid CSV stops the file)."""
    reader = csv.reader(lines)
    try:
        header = [h.strip() for h in next(reader, [])]
    except csv.Error as exc:
        errors.append(f"line 1: not CSV: {exc}")
        return
    if tuple(header) != HEADER:
        errors.append(
            "line 1: the header must be customer_code,date,channel,00:00,00:30,…,23:30 "
            f"(51 columns); got {len(header)} column(s) starting {','.join(header[:4])}"
        )
        return
    try:
        for fields in reader:
            where = f"line {reader.line_num}"
            if not fields or fields == [""]:
                continue
            if len(fields) < 3:
                errors.append(f"{where}: expected customer_code,date,channel and 48 values")
                continue
            try:
                yield parse_fields(where, *fields[:3], fields[3:], today)
            except ValueError as exc:
                errors.append(str(exc))
    except csv.Error as exc:
        errors.append(f"line {reader.line_num}: not CSV: {exc}")
