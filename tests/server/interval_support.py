"""Helpers for interval tests: a fixed day, the demo with billing and intervals, CSV lines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from domain import clock
from server.seed.billing import seed_billing
from server.seed.demo import seed_into
from server.seed.intervals import seed_intervals
from server.services.intervals.csv_import import HEADER

TODAY = date(2026, 11, 18)  # HCMC codes billed up to 31/10; 1–17/11 have unbilled daily readings


@pytest.fixture(autouse=True)
def fixed_today() -> Iterator[None]:
    with clock.shifted_to(TODAY):
        yield


@pytest.fixture
async def interval_demo(ctx) -> None:
    async with ctx.sessions() as session:
        await seed_into(session)
        await seed_billing(session, ctx.settings)
        await seed_intervals(session)
        await session.commit()


def header() -> str:
    return ",".join(HEADER)


def line(code: str, day: date | str, channel: str, values: list[str]) -> str:
    return ",".join([code, str(day), channel, *values])


def spread(total_wh: int, n: int = 48) -> list[str]:
    """n kWh strings summing exactly to total_wh."""
    base = [total_wh // n] * n
    base[-1] += total_wh - sum(base)
    return [f"{v // 1000}.{v % 1000:03d}" for v in base]
