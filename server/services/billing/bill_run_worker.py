"""A bill-run worker process: takes the next code range from the shared counter, bills it in
its own transaction on its own connection (two in flight), reports each committed batch to
the parent, and stops taking ranges when the parent says so or on SIGTERM. It never outlives
the parent (PR_SET_PDEATHSIG): without the parent the month's run lock is gone, so a worker
left running would bill outside it — the kernel kills it and its open batches roll back."""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import signal
import traceback
from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from server.services.billing.bill_run_batch import bill_range
from server.services.billing.periods import Schedule

_PR_SET_PDEATHSIG = 1
_stopping = False  # set by SIGTERM; a flag, since a signal handler must not take locks


@dataclass(frozen=True)
class Job:
    url: str  # SQLAlchemy URL with the psycopg driver, password included
    month: date
    today: date
    schedule: Schedule
    ranges: list[tuple[str, str | None]]
    in_flight: int
    parent_pid: int


def worker_main(job: Job, next_range, halt, reports) -> None:
    """Process entry: reports ("batch", pid, (created, skipped, told)), ("failed", pid,
    traceback) and finally ("done", pid, None)."""
    _die_with_parent(job.parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which stops us
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        asyncio.run(_work(job, next_range, halt, reports))
    except BaseException:  # report, then exit normally so the parent reads the report
        reports.put(("failed", os.getpid(), traceback.format_exc()))
    reports.put(("done", os.getpid(), None))


def _on_sigterm(_signo, _frame) -> None:
    global _stopping
    _stopping = True


def _die_with_parent(parent_pid: int) -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent_pid:  # the parent died before the line above
        os._exit(1)


def _take(next_range, count: int) -> int | None:
    with next_range.get_lock():
        index = next_range.value
        if index >= count:
            return None
        next_range.value = index + 1
        return index


async def _work(job: Job, next_range, halt, reports) -> None:
    engine = create_async_engine(job.url, pool_size=job.in_flight, max_overflow=0)
    sessions = async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
    pid = os.getpid()

    async def report(out) -> None:
        reports.put(("batch", pid, (out.created, out.skipped, sorted(out.told))))

    try:
        await bill_ranges(sessions, job, next_range, halt, report, lambda: _stopping)
    finally:
        await engine.dispose()


async def bill_ranges(sessions, job: Job, next_range, halt, report, stopping) -> None:
    """Takes ranges until none is left, `halt` is set or `stopping()`; each range is billed
    and committed, then `await report(outcome)`. The first failure stops the taking, lets the
    batches in flight finish and is raised."""
    slots, tasks, failed = asyncio.Semaphore(job.in_flight), [], []

    async def bill(after: str, upto: str | None) -> None:
        try:
            async with sessions() as session:
                out = await bill_range(session, job.month, job.today, job.schedule, after, upto)
                await session.commit()
            await report(out)
        except BaseException as exc:
            failed.append(exc)
            halt.set()  # the other processes take no further range either
        finally:
            slots.release()

    while True:
        await slots.acquire()
        index = None
        if not (failed or stopping() or halt.is_set()):
            index = _take(next_range, len(job.ranges))
        if index is None:
            slots.release()
            break
        tasks.append(asyncio.create_task(bill(*job.ranges[index])))
    await asyncio.gather(*tasks)
    if failed:
        raise failed[0]
