"""Monthly partitions of interval_readings on PostgreSQL: one day's query touches one
partition, and detaching old months leaves newer data whole. SQLite has one table."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import func, select, text

from server.models import IntervalDay
from server.reads import SessionReads
from server.services.intervals import partitions
from server.services.intervals.curve import day_curve
from tests.server.api import OTHER_CODE
from tests.server.interval_support import TODAY, fixed_today, interval_demo  # noqa: F401


def _pg_only(db_kind: str) -> None:
    if db_kind != "pg":
        pytest.skip("partitions are PostgreSQL's; SQLite keeps one table")


@pytest.mark.usefixtures("interval_demo")
async def test_one_day_touches_one_partition(ctx, db_kind):
    _pg_only(db_kind)
    async with ctx.sessions() as session:
        assert await partitions.attached_months(session) == [
            date(2026, 9, 1),
            date(2026, 10, 1),
            date(2026, 11, 1),
        ]
        plan = "\n".join(
            (
                await session.execute(
                    text(
                        "EXPLAIN SELECT import_wh FROM interval_readings "
                        "WHERE meter_id = 3 AND day = DATE '2026-10-05'"
                    )
                )
            ).scalars()
        )
        month = "\n".join(
            (
                await session.execute(
                    text(
                        "EXPLAIN SELECT sum(import_total_wh) FROM interval_readings WHERE "
                        "meter_id = 3 AND day >= DATE '2026-10-01' AND day < DATE '2026-11-01'"
                    )
                )
            ).scalars()
        )
    assert _partitions(plan) == {"interval_readings_y2026m10"}, plan
    assert _partitions(month) == {"interval_readings_y2026m10"}, month


def _partitions(plan: str) -> set[str]:
    return set(re.findall(r"interval_readings_y\d{4}m\d{2}", plan))


@pytest.mark.usefixtures("interval_demo")
async def test_detaching_old_months_leaves_newer_data_whole(ctx, db_kind):
    async with ctx.sessions() as session:
        if db_kind != "pg":
            with pytest.raises(ValueError, match="nothing to detach"):
                await partitions.detach_before(session, date(2026, 11, 1))
            return
        newer = select(func.count(), func.sum(IntervalDay.import_total_wh)).where(
            IntervalDay.day >= date(2026, 11, 1)
        )
        before = (await session.execute(newer)).one()
        curve = await day_curve(SessionReads(session), OTHER_CODE, date(2026, 11, 10))
        october = await session.scalar(text("SELECT count(*) FROM interval_readings_y2026m10"))
        assert before[0] > 0 and october > 0
        detached = await partitions.detach_before(session, date(2026, 11, 1))
        await session.commit()
    assert detached == ["interval_readings_y2026m09", "interval_readings_y2026m10"]
    async with ctx.sessions() as session:
        assert (await session.execute(newer)).one() == before
        assert await day_curve(SessionReads(session), OTHER_CODE, date(2026, 11, 10)) == curve
        assert (
            await session.scalar(select(func.count()).where(IntervalDay.day < date(2026, 11, 1)))
            == 0
        )
        # the detached month is a table of its own, whole, ready to archive
        assert (
            await session.scalar(text("SELECT count(*) FROM interval_readings_y2026m10")) == october
        )
        assert await partitions.attached_months(session) == [date(2026, 11, 1)]
        made = await partitions.ensure_ahead(session, TODAY, 2)
        assert made == [date(2026, 12, 1), date(2027, 1, 1)]
