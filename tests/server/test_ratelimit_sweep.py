"""The in-memory rate-limit store sweeps expired entries rarely (a storm of outage reports
from thousands of phones made the library's sweep-after-every-hit cost a worker's CPU) and
still refuses and allows exactly as before."""

from __future__ import annotations

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
