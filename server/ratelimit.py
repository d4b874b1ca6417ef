"""Rate limits and lock-outs on the `limits` library: in memory for one process, Redis for many."""

from __future__ import annotations

import bisect
import functools
import logging
import math
import time

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from server.problems import AppError

log = logging.getLogger("diennha.ratelimit")


SWEEP_SECONDS = 5.0


class SweepingMemoryStorage(MemoryStorage):
    """limits' MemoryStorage, sweeping expired entries at most every SWEEP_SECONDS.

    The library starts a sweep of every key after each hit once the previous sweep ended, and
    each key's sweep hops to a worker thread: in a storm of outage reports from thousands of
    phones (a key each) that sweep ran back to back and took a good share of a worker's CPU.
    The sweep only frees memory — the window checks compare times themselves — so doing it
    less often changes no limit."""

    _swept_at = -1e9

    async def _MemoryStorage__schedule_expiry(self) -> None:  # the library's private hook
        now = time.monotonic()
        if now - self._swept_at >= SWEEP_SECONDS:
            self._swept_at = now
            await super()._MemoryStorage__schedule_expiry()  # type: ignore[misc]

    async def _MemoryStorage__expire_events(self) -> None:  # the library's private sweep
        """The library's sweep, safe against a key cleared while it runs. limits 5.8 lists the
        keys, then reads `self.events[key]` after awaiting that key's lock and a thread hop: a
        right password clearing its phone's failure count meanwhile (`clear`) raised KeyError,
        which ended the sweep (nothing after that key freed) and logged "Task exception was
        never retrieved". Here a vanished key is skipped, and the cut is made in the loop:
        one bisect over a list no longer than the limit's count needs no thread."""
        now = time.time()
        for key in list(self.events):
            async with self.locks[key]:
                events = self.events.get(key)
                if events:
                    cut = bisect.bisect_left(events, -now, key=lambda event: -event.expiry)
                    if cut < len(events):
                        self.events[key] = events[:cut]
                if not self.events.get(key):
                    self.events.pop(key, None)
                    self.locks.pop(key, None)
        for key in list(self.expirations):
            if self.expirations.get(key, math.inf) <= time.time():
                self.storage.pop(key, None)
                self.expirations.pop(key, None)
                self.locks.pop(key, None)


def create_storage(redis_url: str | None) -> Storage:
    if redis_url:
        url = redis_url if redis_url.startswith("async+") else "async+" + redis_url
        return RedisStorage(url, implementation="redispy")
    return SweepingMemoryStorage()


def _fail_closed(fn):
    """If the shared limit store (Redis) is down, refuse with 503 rather than send unlimited
    SMS or allow unlimited password guesses."""

    @functools.wraps(fn)
    async def guarded(*args, **kwargs):
        try:
            return await fn(*args, **kwargs)
        except AppError:
            raise
        except Exception as exc:
            log.error("rate-limit store unavailable: %s", exc.__class__.__name__)
            raise AppError(
                503,
                "temporarily_unavailable",
                "This is unavailable for a moment. Try again shortly.",
                headers={"Retry-After": "5"},
            ) from exc

    return guarded


class RateLimiter:
    """Named rules ("3/10minutes;10/day") applied to keys such as a phone or an IP."""

    def __init__(self, storage: Storage, namespace: str = "diennha") -> None:
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self._ns = namespace
        self._parsed: dict[str, list[RateLimitItem]] = {}

    def _items(self, rule: str) -> list[RateLimitItem]:
        if rule not in self._parsed:
            self._parsed[rule] = parse_many(rule)
        return self._parsed[rule]

    @_fail_closed
    async def retry_after(self, rule: str, *key: str) -> int:
        """Seconds until one more hit is allowed under every window of `rule` (0 = now)."""
        wait = 0.0
        for item in self._items(rule):
            if not await self._limiter.test(item, self._ns, *key):
                stats = await self._limiter.get_window_stats(item, self._ns, *key)
                wait = max(wait, stats.reset_time - time.time())
        return math.ceil(wait) if wait > 0 else 0

    @_fail_closed
    async def hit(self, rule: str, *key: str) -> bool:
        """Counts one event in every window; False when any window was already full."""
        ok = True
        for item in self._items(rule):
            ok = await self._limiter.hit(item, self._ns, *key) and ok
        return ok

    async def take(self, rule: str, *key: str) -> int:
        """Counts one event first, atomically in the store (a lock in memory, a script in
        Redis), then says whether it was allowed: 0, or the seconds until one more is. Checking
        first and counting after let 25 requests sent at once all pass a limit of 5."""
        if await self.hit(rule, *key):
            return 0
        return max(await self.retry_after(rule, *key), 1)

    async def enforce(self, rule: str, *key: str, code: str = "rate_limited") -> None:
        """Counts one event, or raises 429 with Retry-After when the rule is exhausted."""
        wait = await self.take(rule, *key)
        if wait:
            raise AppError(
                429,
                code,
                f"Too many attempts. Try again in {_human(wait)}.",
                headers={"Retry-After": str(wait)},
            )

    @_fail_closed
    async def clear(self, rule: str, *key: str) -> None:
        for item in self._items(rule):
            await self._limiter.clear(item, self._ns, *key)

    async def reset_all(self) -> None:
        await self._storage.reset()


def _human(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    if seconds < 5400:
        return f"{math.ceil(seconds / 60)} minutes"
    return f"{math.ceil(seconds / 3600)} hours"
