"""The one business clock of Điện Nhà, shared by the server, the seed, the client and the tests.

Everything that depends on the calendar — demo data, billing periods, due dates, "overdue",
upcoming outages, the months a screen shows — reads `today()` / `now()` here, never
`date.today()` or `datetime.now()`. Security timestamps (token expiry, one-time codes, rate
limits) keep the machine's real time: they measure elapsed time, not the calendar.

The clock is the real time shifted by a whole number of days (the time of day stays real, so
"now" keeps moving). Two ways to move it:
- `DIENNHA_TODAY=2028-02-29` in the environment of a process (server, web client, seed);
- `shifted_to(date(2028, 2, 29))` in a test (a context manager; `set_today` without one).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ENV_VAR = "DIENNHA_TODAY"


def _real_now() -> datetime:
    return datetime.now(UTC)


def _offset_to(day: date) -> timedelta:
    return timedelta(days=(day - _real_now().astimezone(LOCAL_TZ).date()).days)


def _from_env() -> timedelta:
    text = os.environ.get(ENV_VAR, "").strip()
    if not text:
        return timedelta(0)
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{ENV_VAR}={text!r} is not a date of the form YYYY-MM-DD") from exc
    return _offset_to(day)


_offset: timedelta = _from_env()


def now() -> datetime:
    """The current instant (aware, UTC) on the business calendar."""
    return _real_now() + _offset


def today() -> date:
    """Today in Việt Nam: readings, due dates and "overdue" follow the local calendar."""
    return now().astimezone(LOCAL_TZ).date()


def set_today(day: date | None) -> None:
    """Move the calendar so that `today()` is `day` (None: back to the real date)."""
    global _offset
    _offset = timedelta(0) if day is None else _offset_to(day)


def offset_days() -> int:
    return _offset.days


@contextmanager
def shifted_to(day: date) -> Iterator[None]:
    """`with shifted_to(date(2028, 2, 29)):` — today() is that day inside the block."""
    global _offset
    before = _offset
    set_today(day)
    try:
        yield
    finally:
        _offset = before
