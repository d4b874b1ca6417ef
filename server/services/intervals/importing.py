"""An interval import end to end: the partitions its months need (committed first: making one
locks the parent briefly, not for the whole import), then every row in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from server.services.intervals import partitions
from server.services.intervals.csv_import import IntervalRow
from server.services.intervals.store import IntervalResult, store_intervals


async def import_rows(sessions, rows: Iterable[IntervalRow], errors: list[str]) -> IntervalResult:
    """All or nothing; raises ReadingsRejected (server/services/usage/readings_import.py) with line-numbered errors. Rows are read once
    into memory as packed values (~250 bytes a meter-day) so the months are known before the
    transaction starts."""
    checked = list(rows)  # a line's errors are in `errors`; store_intervals adds its own
    async with sessions() as session:
        await partitions.ensure_months(session, (r.day for r in checked))
        await session.commit()
    async with sessions() as session:
        result = await store_intervals(session, checked, errors)
        await session.commit()
        return result
