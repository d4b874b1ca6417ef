"""The Green Button CSV of csv_stream (a %-template per day, values' texts from a table) is
byte for byte the CSV of the writer it replaced (one f-string per half-hour, kept below as the
reference), on values chosen to break a formatter: zero, one Wh, 999/1000/1001 Wh, the edge
of the table (19.999/20.000 kWh), the largest half-hour an import accepts, values no import
accepts (negative, int32 extremes: floor division as Python's), export present on some days
and absent on others with and without a solar installation, a missing day, the ends of a
month, a year and a leap February; on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.models import IntervalDay
from server.reads import reads_for
from server.services.intervals import export, partitions
from server.services.intervals.codec import SLOTS, pack, unpack, wh_text

METER = 987_654
CODE = "PE01000999999"
EDGE = [0, 1, 5, 10, 99, 100, 999, 1000, 1001, 1010, 1100, 9999, 10_000, 19_999, 20_000, 12_345]
EDGE += [100_000_000]
ODD = [-1, -999, -1000, -1001, -2_147_483_648, 2_147_483_647]  # never imported; still exact


def _values(seed: int, extra: list[int]) -> list[int]:
    out = extra + [(seed * 7919 + s * 104_729) % 3_000 for s in range(SLOTS - len(extra))]
    return out[:SLOTS]


# day -> (import, export or None); 2026-01-01 and 2024-02-27 are missing on purpose.
DAYS: dict[date, tuple[list[int], list[int] | None]] = {
    date(2025, 12, 30): (_values(1, EDGE), _values(2, list(reversed(EDGE)))),
    date(2025, 12, 31): ([0] * SLOTS, None),  # the year's last day: ends 2026-01-01T00:00
    date(2026, 1, 2): (_values(3, ODD), [0] * SLOTS),
    date(2026, 1, 3): (_values(4, [-1, -1001]), None),  # negative but inside the table's span
    date(2024, 2, 26): (_values(5, [1]), None),
    date(2024, 2, 28): (_values(6, [999]), _values(7, [1001])),
    date(2024, 2, 29): (_values(8, [100_000_000]), None),
    date(2024, 3, 1): (_values(9, []), _values(10, [0, 1])),
}


@pytest.fixture
async def stored(ctx) -> None:
    async with ctx.sessions() as session:
        await partitions.ensure_months(session, DAYS)
        await session.commit()
    async with ctx.sessions() as session:
        for day, (imp, exp) in DAYS.items():
            session.add(
                IntervalDay(
                    meter_id=METER,
                    day=day,
                    import_wh=pack(imp),
                    import_total_wh=sum(imp) % 2**31,
                    export_wh=pack(exp) if exp is not None else None,
                    export_total_wh=sum(exp) if exp is not None else None,
                )
            )
        await session.commit()


async def _chunks(stream) -> list[str]:
    return [chunk async for chunk in stream]


RANGES = [
    (date(2025, 12, 29), date(2026, 1, 4)),  # a year end, a missing day, absent first/last
    (date(2024, 2, 25), date(2024, 3, 2)),  # a leap February into March
    (date(2024, 2, 29), date(2024, 2, 29)),  # one day
    (date(2023, 5, 1), date(2023, 5, 31)),  # nothing stored: the header only
]


async def _reference(reads, code: str, meter: int, solar: bool, first: date, last: date):
    """The writer csv_stream replaced (issue 19's first version), kept as the reference."""
    yield export.CSV_HEADER
    times = export._TIMES
    none = "0.000" if solar else ""
    async for row in export._days(reads, meter, first, last):
        imp = unpack(row.import_wh)
        exp = unpack(row.export_wh) if row.export_wh is not None else None
        day, next_day = row.day.isoformat(), (row.day + timedelta(days=1)).isoformat()
        ends = [day + t for t in times[1:SLOTS]] + [next_day + times[0]]
        yield "".join(
            f"{code},{day}{times[s]},{ends[s]},{imp[s] // 1000}.{imp[s] % 1000:03d},"
            f"{wh_text(exp[s]) if exp is not None else none}\n"
            for s in range(SLOTS)
        )


@pytest.mark.usefixtures("stored")
async def test_csv_is_the_reference_writers_byte_for_byte(ctx):
    reads = reads_for(ctx)
    compared = 0
    for first, last in RANGES:
        for solar in (True, False):
            want = await _chunks(_reference(reads, CODE, METER, solar, first, last))
            got = await _chunks(export.csv_stream(reads, CODE, METER, solar, first, last))
            assert "".join(got).encode() == "".join(want).encode(), (first, solar)
            assert got == want  # the same chunks too: the header, then one per stored day
            compared += len("".join(want).splitlines()) - 1
    assert compared == 2 * 48 * (4 + 4 + 1)


@pytest.mark.usefixtures("stored")
async def test_csv_lines_are_what_the_format_documents(ctx):
    """Pins the format itself (both paths above could drift together)."""
    reads = reads_for(ctx)
    first, last = RANGES[0]
    text = "".join(await _chunks(export.csv_stream(reads, CODE, METER, True, first, last)))
    lines = text.split("\n")
    assert lines[0] == "customer_code,start,end,import_kwh,export_kwh"
    assert (
        lines[1] == f"{CODE},2025-12-30T00:00:00+07:00,2025-12-30T00:30:00+07:00,0.000,100000.000"
    )
    assert (
        lines[1 + 14] == f"{CODE},2025-12-30T07:00:00+07:00,2025-12-30T07:30:00+07:00,20.000,0.005"
    )
    assert lines[1 + 8] == f"{CODE},2025-12-30T04:00:00+07:00,2025-12-30T04:30:00+07:00,1.001,1.001"
    assert (
        lines[48 + 48] == f"{CODE},2025-12-31T23:30:00+07:00,2026-01-01T00:00:00+07:00,0.000,0.000"
    )
    jan2 = lines[1 + 96 : 1 + 96 + 6]
    assert [ln.split(",")[3:] for ln in jan2] == [
        ["-1.999", "0.000"],
        ["-1.001", "0.000"],
        ["-1.000", "0.000"],
        ["-2.999", "0.000"],
        ["-2147484.352", "0.000"],
        ["2147483.647", "0.000"],
    ]
    assert lines[-1] == "" and len(lines) == 2 + 48 * 4
    no_solar = await _chunks(export.csv_stream(reads, CODE, METER, False, first, last))
    assert no_solar[2].splitlines()[0].endswith(",0.000,")  # 12-31: no export, no solar
    assert len(no_solar) == 1 + 4  # the header, then a chunk per stored day


def test_a_code_with_a_percent_sign_stays_text():
    plain, _ = export._day_templates("A%sB", True)
    text = plain.lines("2026-01-01", "2026-01-02", ("1.000",) * 48)
    assert text.startswith("A%sB,2026-01-01T00:00:00+07:00,2026-01-01T00:30:00+07:00,1.000,0.000\n")
    assert text.endswith("A%sB,2026-01-01T23:30:00+07:00,2026-01-02T00:00:00+07:00,1.000,0.000\n")
