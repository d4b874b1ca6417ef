"""Green Button Download My Data of one customer code: a documented CSV, or the ESPI (NAESB
REQ.21) Atom feed — a UsagePoint (electricity), one MeterReading with its ReadingType per
direction (import: flowDirection 1 "forward"; export for solar customers: 19 "reverse"), energy
in Wh (uom 72, powerOfTenMultiplier 0, deltaData, 1800-second intervals) and one IntervalBlock
per day of 48 IntervalReadings (start in Unix seconds, UTC). Both are produced month by month
as an async stream: memory holds one month of one meter whatever the range.

CSV (UTF-8, header line): customer_code,start,end,import_kwh,export_kwh
    start/end: ISO 8601 local time with offset (+07:00); export_kwh empty without solar.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta
from itertools import chain
from operator import itemgetter
from typing import NamedTuple
from xml.sax.saxutils import escape

from server.reads import Reads
from server.services.billing.periods import LOCAL_TZ, add_months, month_start
from server.services.intervals.codec import SLOTS, unpack, wh_text
from server.services.intervals.curve import StoredDay, stored_days

CSV_HEADER = "customer_code,start,end,import_kwh,export_kwh\n"
ATOM, ESPI = "http://www.w3.org/2005/Atom", "http://naesb.org/espi"
HALF_HOUR = 1800
# (reading type id, flowDirection, title)
DIRECTIONS = ((1, 1, "Energy delivered (import)"), (2, 19, "Energy received (export)"))


async def _days(
    reads: Reads, meter: int | None, first: date, last: date
) -> AsyncIterator[StoredDay]:
    """The stored days of first..last, oldest first, read a month at a time (the read path:
    one pooled connection per month, no ORM session held while the stream is sent)."""
    if meter is None:
        return
    month = month_start(first)
    while month <= last:
        end = min(last, add_months(month, 1) - timedelta(days=1))
        for row in await stored_days(reads, meter, max(first, month), end):
            yield row
        month = add_months(month, 1)


def _local_start(day: date) -> datetime:
    return datetime.combine(day, time(0), LOCAL_TZ)


_TIMES = [f"T{s // 2:02d}:{30 * (s % 2):02d}:00+07:00" for s in range(SLOTS + 1)]


# kWh text of 0 … 19.999 kWh a half-hour (40 kW), made once (~1.3 MB): one itemgetter call
# per day instead of two divisions and a format per value; negative (never imported) and
# larger values take wh_text.
_WH_TEXT = [wh_text(wh) for wh in range(20_000)]


def _kwh_texts(values: tuple[int, ...]) -> tuple[str, ...]:
    if min(values) >= 0:
        try:
            return itemgetter(*values)(_WH_TEXT)
        except IndexError:
            pass
    return tuple(wh_text(wh) for wh in values)


class _DayTemplate(NamedTuple):
    """The 48 lines of any day as a %-template cut where the day goes: `day.join(pieces)`,
    then the next day (the end of 23:30) and `tail`; %s for each value's kWh text."""

    pieces: list[str]
    tail: str

    def lines(self, day: str, next_day: str, values: tuple[str, ...]) -> str:
        return (day.join(self.pieces) + next_day + self.tail) % values


def _day_templates(code: str, solar: bool) -> tuple[_DayTemplate, _DayTemplate]:
    """Without and with export values."""
    code, none, day = code.replace("%", "%%"), "0.000" if solar else "", "\x00"

    def template(export: str) -> _DayTemplate:
        lines = "".join(
            f"{code},{day}{_TIMES[s]},{day}{_TIMES[s + 1]},%s,{export}\n" for s in range(SLOTS - 1)
        )
        lines += f"{code},{day}{_TIMES[SLOTS - 1]},"
        return _DayTemplate(lines.split(day), f"{_TIMES[0]},%s,{export}\n")

    return template(none), template("%s")


async def csv_stream(reads: Reads, code: str, meter, solar: bool, first: date, last: date):
    """The CSV, a chunk per stored day. Each day is one %-format of a template of its 48
    lines with the values' texts from a table (bench/intervals.py: ~17 MB/s when each
    half-hour was its own f-string, ~90 MB/s so, cached). The bytes are those of the
    line-per-half-hour writer (tests/server/test_intervals_export_csv.py compares them)."""
    yield CSV_HEADER
    plain, with_export = _day_templates(code, solar)
    async for row in _days(reads, meter, first, last):
        imp = _kwh_texts(unpack(row.import_wh))
        day, next_day = row.day.isoformat(), (row.day + timedelta(days=1)).isoformat()
        if row.export_wh is None:
            yield plain.lines(day, next_day, imp)
        else:
            exp = _kwh_texts(unpack(row.export_wh))
            both = tuple(chain.from_iterable(zip(imp, exp, strict=True)))
            yield with_export.lines(day, next_day, both)


def _entry(self_href: str, up_href: str, related: list[str], title: str, content: str, now: str):
    links = "".join(f'<link rel="related" href="{h}"/>' for h in related)
    return (
        f"<entry><id>urn:uuid:{_uuid(self_href)}</id>"
        f'<link rel="self" href="{self_href}"/><link rel="up" href="{up_href}"/>{links}'
        f"<title>{escape(title)}</title><content>{content}</content>"
        f"<published>{now}</published><updated>{now}</updated></entry>"
    )


def _uuid(text: str) -> str:
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, "diennha:" + text))


def _reading_type(flow: int) -> str:
    return (
        "<espi:ReadingType>"
        "<espi:accumulationBehaviour>4</espi:accumulationBehaviour>"  # deltaData
        "<espi:commodity>1</espi:commodity>"  # electricity, secondary metered
        "<espi:dataQualifier>12</espi:dataQualifier>"  # normal
        f"<espi:flowDirection>{flow}</espi:flowDirection>"
        f"<espi:intervalLength>{HALF_HOUR}</espi:intervalLength>"
        "<espi:kind>12</espi:kind>"  # energy
        "<espi:phase>769</espi:phase>"  # s12N: split-phase/single-phase household
        "<espi:powerOfTenMultiplier>0</espi:powerOfTenMultiplier>"
        "<espi:timeAttribute>0</espi:timeAttribute>"
        "<espi:uom>72</espi:uom>"  # Wh
        "</espi:ReadingType>"
    )


def _block(day: date, values: tuple[int, ...]) -> str:
    start = int(_local_start(day).timestamp())
    readings = "".join(
        f"<espi:IntervalReading><espi:timePeriod><espi:duration>{HALF_HOUR}</espi:duration>"
        f"<espi:start>{start + s * HALF_HOUR}</espi:start></espi:timePeriod>"
        f"<espi:value>{v}</espi:value></espi:IntervalReading>"
        for s, v in enumerate(values)
    )
    return (
        f"<espi:IntervalBlock><espi:interval><espi:duration>{SLOTS * HALF_HOUR}</espi:duration>"
        f"<espi:start>{start}</espi:start></espi:interval>{readings}</espi:IntervalBlock>"
    )


async def espi_stream(reads: Reads, code: str, meter, solar: bool, first: date, last: date):
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    base = f"/espi/1_1/resource/RetailCustomer/{code}"
    up = f"{base}/UsagePoint/1"
    directions = DIRECTIONS if solar else DIRECTIONS[:1]
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<feed xmlns="{ATOM}" xmlns:espi="{ESPI}">',
        f"<id>urn:uuid:{_uuid(base + first.isoformat() + last.isoformat())}</id>",
        f"<title>Green Button usage of {code} {first} – {last}</title><updated>{now}</updated>",
        _entry(
            up,
            f"{base}/UsagePoint",
            [f"{up}/MeterReading", "/espi/1_1/resource/LocalTimeParameters/1"],
            f"Customer code {code}",
            "<espi:UsagePoint><espi:ServiceCategory><espi:kind>0</espi:kind>"
            "</espi:ServiceCategory></espi:UsagePoint>",
            now,
        ),
        _entry(
            "/espi/1_1/resource/LocalTimeParameters/1",
            "/espi/1_1/resource/LocalTimeParameters",
            [],
            "Asia/Ho_Chi_Minh (UTC+7, no daylight saving)",
            "<espi:LocalTimeParameters><espi:dstEndRule>00000000</espi:dstEndRule>"
            "<espi:dstOffset>0</espi:dstOffset><espi:dstStartRule>00000000</espi:dstStartRule>"
            "<espi:tzOffset>25200</espi:tzOffset></espi:LocalTimeParameters>",
            now,
        ),
    ]
    for rt, flow, title in directions:
        mr = f"{up}/MeterReading/{rt}"
        rt_href = f"/espi/1_1/resource/ReadingType/{rt}"
        head.append(
            _entry(
                mr,
                f"{up}/MeterReading",
                [f"{mr}/IntervalBlock", rt_href],
                title,
                "<espi:MeterReading/>",
                now,
            )
        )
        head.append(
            _entry(rt_href, "/espi/1_1/resource/ReadingType", [], title, _reading_type(flow), now)
        )
    yield "".join(head)
    # One IntervalBlock entry per day and direction, a month at a time.
    async for row in _days(reads, meter, first, last):
        parts = []
        for rt, _flow, title in directions:
            blob = row.import_wh if rt == 1 else row.export_wh
            values = unpack(blob) if blob is not None else (0,) * SLOTS
            mr = f"{up}/MeterReading/{rt}"
            parts.append(
                _entry(
                    f"{mr}/IntervalBlock/{row.day:%Y%m%d}",
                    f"{mr}/IntervalBlock",
                    [],
                    f"{title} {row.day}",
                    _block(row.day, values),
                    now,
                )
            )
        yield "".join(parts)
    yield "</feed>\n"
