"""The in-memory rate-limit store sweeps expired entries rarely (a storm of outage reports
from thousands of phones made the library's sweep-after-every-hit cost a worker's CPU) and
still refuses and allows exactly as before."""

from __future__ import annotations

import asyncio
import time

from limits.aio.storage import MemoryStorage

from server.ratelimit import RateLimiter, SweepingMemoryStorage, create_storage


async def test_sweeps_at_most_once_per_period_and_limits_hold(monkeypatch):
    sweeps = []
    original = MemoryStorage._MemoryStorage__schedule_expiry  # type: ignore[attr-defined]

    async def counting(self):
        sweeps.append(1)
        await original(self)

    monkeypatch.setattr(MemoryStorage, "_MemoryStorage__schedule_expiry", counting)
    storage = create_storage(None)
    assert isinstance(storage, SweepingMemoryStorage)
    limiter = RateLimiter(storage)
    for phone in range(300):
        assert await limiter.take("2/10minutes", "phone", str(phone)) == 0
        assert await limiter.take("2/10minutes", "phone", str(phone)) == 0
        assert await limiter.take("2/10minutes", "phone", str(phone)) > 0  # the third: refused
    assert len(sweeps) == 1


async def test_a_key_cleared_during_the_sweep_is_skipped_and_the_rest_still_swept():
    """limits 5.8's own sweep raised KeyError when a key vanished while it waited for another
    key's lock (a right password clears the phone's failure count), and stopped sweeping."""
    storage = SweepingMemoryStorage()
    limiter = RateLimiter(storage)
    for who in ("busy", "cleared", "stale"):
        assert await limiter.take("5/15minutes", "login-fail", who) == 0
    keys = {who: next(k for k in storage.events if k.split("/")[-4] == who) for who in
            ("busy", "cleared", "stale")}  # fmt: skip
    for event in storage.events[keys["stale"]]:
        event.expiry = time.time() - 1  # this one's window has passed
    lock = storage.locks[keys["busy"]]
    await lock.acquire()  # the sweep will wait here, as it does behind a hit in flight
    sweep = asyncio.create_task(storage._MemoryStorage__expire_events())  # type: ignore[attr-defined]
    await asyncio.sleep(0)
    await limiter.clear("5/15minutes", "login-fail", "cleared")  # meanwhile: a right password
    lock.release()
    await sweep  # raises KeyError with the library's sweep
    assert keys["cleared"] not in storage.events
    assert keys["stale"] not in storage.events  # swept: the keys after the vanished one too
    assert len(storage.events[keys["busy"]]) == 1  # a live count is kept
