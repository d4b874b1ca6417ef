"""A small pool of threads of its own for CPU-heavy calls (argon2, PDF): never on the event loop,
never more than a few at once, and never from the thread pool FastAPI uses for everything else."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from server.problems import AppError

T = TypeVar("T")


class CpuPool:
    """argon2 and fpdf release the GIL in their C parts (argon2 entirely), so a thread each is
    real parallelism; `workers` bounds what a burst of sign-ins can take, and at most
    `max_waiting` calls queue behind them — past that the caller gets a 503 "try again"
    instead of an ever longer wait."""

    def __init__(self, workers: int = 2, max_waiting: int = 64) -> None:
        self.workers, self.max_waiting = workers, max_waiting
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="diennha-cpu")
        self._queued = 0

    async def run(self, fn: Callable[..., T], *args) -> T:
        if self._queued >= self.workers + self.max_waiting:
            raise AppError(
                503,
                "temporarily_unavailable",
                "This is unavailable for a moment. Try again shortly.",
                headers={"Retry-After": "2"},
            )
        self._queued += 1
        try:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, functools.partial(fn, *args))
        finally:
            self._queued -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
