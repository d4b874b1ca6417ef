"""On PostgreSQL the interval import stages its rows by COPY and writes them in one INSERT …
ON CONFLICT; it must store exactly what the executemany path stores (the path SQLite keeps):
the same interval rows (new and replaced, with and without export), the same daily readings
made, the same result (matched, created, differences) and the same refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from server.models import DailyReading, IntervalDay, Meter
from server.services.intervals import partitions, store
from server.services.intervals.csv_import import csv_rows
from server.services.usage.readings_import import ReadingsRejected
from tests.server.api import OTHER_CODE, OWNER_CODE
from tests.server.interval_support import (  # noqa: F401 (fixtures)
    TODAY,
    fixed_today,
    header,
    interval_demo,
    line,
    spread,
)

pytestmark = pytest.mark.usefixtures("interval_demo")


async def _daily(ctx, code: str, day: date) -> int | None:
    async with ctx.sessions() as session:
        return await session.scalar(
            select(DailyReading.wh)
            .join(Meter, Meter.id == DailyReading.meter_id)
            .where(Meter.customer_code == code, DailyReading.day == day)
        )


async def _snapshot(session) -> tuple[list, list]:
    intervals = (
        await session.execute(
            select(
                Meter.customer_code,
                IntervalDay.day,
                IntervalDay.import_wh,
                IntervalDay.import_total_wh,
                IntervalDay.export_wh,
                IntervalDay.export_total_wh,
            )
            .join(Meter, Meter.id == IntervalDay.meter_id)
            .order_by(Meter.customer_code, IntervalDay.day)
        )
    ).all()
    daily = (
        await session.execute(
            select(Meter.customer_code, DailyReading.day, DailyReading.wh, DailyReading.estimated)
            .join(Meter, Meter.id == DailyReading.meter_id)
            .order_by(Meter.customer_code, DailyReading.day)
        )
    ).all()
    return [tuple(r) for r in intervals], [tuple(r) for r in daily]


async def _run(ctx, monkeypatch, text: str, copy: bool):
    """One import in a transaction rolled back afterwards: (result or errors, tables)."""
    rows_errors: list[str] = []
    rows = list(csv_rows(text.splitlines(True), TODAY, rows_errors))
    async with ctx.sessions() as session:
        await partitions.ensure_months(session, (r.day for r in rows))
        await session.commit()
    opened: list = []
    real_open = store._Stage.open

    async def spy(session):
        stage = await real_open(session) if copy else None
        opened.append(stage)
        return stage

    monkeypatch.setattr(store._Stage, "open", spy)
    monkeypatch.setattr(store, "CHUNK", 3)  # several chunks: staging across them
    async with ctx.sessions() as session:
        try:
            outcome = await store.store_intervals(session, rows, list(rows_errors))
        except ReadingsRejected as exc:
            outcome = exc.errors
        tables = await _snapshot(session)
        await session.rollback()
    assert opened and (opened[0] is not None) == copy  # the path under test ran
    return outcome, tables


async def test_copy_path_stores_what_the_executemany_path_stores(ctx, db_kind, monkeypatch):
    if db_kind != "pg":
        pytest.skip("COPY staging is PostgreSQL's; SQLite has the executemany path only")
    billed = [date(2026, 10, 20), date(2026, 10, 21)]  # demo bills run to 31/10
    open_days = [date(2026, 11, d) for d in (3, 4, 5, 6, 7)]
    lines = [header()]
    for code in (OTHER_CODE, OWNER_CODE):
        for day in billed:
            lines.append(line(code, day, "import", spread(await _daily(ctx, code, day))))
        for n, day in enumerate(open_days):
            wh = await _daily(ctx, code, day)
            lines.append(line(code, day, "import", spread(wh + (250 * n if n % 2 else 0))))
        lines.append(line(code, TODAY, "import", spread(4321)))  # no daily reading yet
    for day in [*billed[:1], *open_days[:3]]:
        lines.append(line(OWNER_CODE, day, "export", ["0.125", "0", "1.5"] + ["0.001"] * 45))
    text = "\n".join(lines) + "\n"

    (copied, copied_tables) = await _run(ctx, monkeypatch, text, copy=True)
    (plain, plain_tables) = await _run(ctx, monkeypatch, text, copy=False)
    assert copied == plain
    assert (copied.meter_days, copied.export_days) == (2 * 8, 4)
    assert (copied.daily_created, copied.differences_count) == (2, 4)
    assert copied_tables == plain_tables
    before = (await _run_nothing(ctx))[0]
    assert copied_tables[0] != before  # the import changed the stored curves


async def _run_nothing(ctx):
    async with ctx.sessions() as session:
        return await _snapshot(session)


async def test_copy_path_refuses_what_the_executemany_path_refuses(ctx, db_kind, monkeypatch):
    if db_kind != "pg":
        pytest.skip("COPY staging is PostgreSQL's")
    day = date(2026, 10, 20)
    wh = await _daily(ctx, OTHER_CODE, day)
    good = [line(OTHER_CODE, date(2026, 11, d), "import", spread(1000)) for d in (1, 2, 3, 4)]
    text = "\n".join([header(), *good, line(OTHER_CODE, day, "import", spread(wh + 1)), *good[:1]])
    before = await _run_nothing(ctx)
    copied, copied_tables = await _run(ctx, monkeypatch, text, copy=True)
    plain, plain_tables = await _run(ctx, monkeypatch, text, copy=False)
    assert copied == plain and len(copied) == 2
    assert {"is already billed" in e for e in copied} == {True, False}
    assert any(e.startswith("line 7: ") and "appears twice" in e for e in copied)
    assert copied_tables == plain_tables == before  # nothing written by either
