"""A bill run in several processes (PostgreSQL): the parent holds the month's run lock, cuts
the work into code ranges and starts `workers` - 1 spawned processes (bill_run_worker.py);
they and the parent itself take the ranges one by one from a shared counter — the fast ones
take more — each on its own connections. The parent adds up the committed batches,
announces the notices after each commit, and on stop() tells everyone to take no further
range: the batches in hand finish and commit whole, so a re-run bills exactly the rest.
A spawned worker costs about a second of CPU to start (imports), hence the parent works."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
from collections.abc import Callable
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.services.billing.bill_run_announce import Announcer
from server.services.billing.bill_run_batch import BatchOutcome
from server.services.billing.bill_run_worker import Job, bill_ranges, worker_main
from server.services.billing.periods import Schedule

POLL_S = 0.02  # how often stop() is looked at while waiting for reports


class BillRunFailed(RuntimeError):
    """A worker failed or died; its batch rolled back, the committed ones stay."""


async def run_in_processes(
    sessions: async_sessionmaker[AsyncSession],
    announcer: Announcer,
    month: date,
    today: date,
    schedule: Schedule,
    ranges: list[tuple[str, str | None]],
    stop: Callable[[], bool] | None,
    in_flight: int,
    workers: int,
    result,
) -> None:
    url = sessions.kw["bind"].url.set(drivername="postgresql+psycopg")
    job = Job(
        url.render_as_string(hide_password=False),
        month,
        today,
        schedule,
        ranges,
        in_flight,
        os.getpid(),
    )
    mp = multiprocessing.get_context("spawn")  # no fork of an event loop and open sockets
    next_range, halt, reports = mp.Value("i", 0), mp.Event(), mp.Queue()
    procs = [
        mp.Process(target=worker_main, args=(job, next_range, halt, reports), daemon=True)
        for _ in range(min(workers, len(ranges)) - 1)  # this process is a worker too
    ]
    for proc in procs:  # from this thread: PR_SET_PDEATHSIG follows the starting thread
        proc.start()

    async def add(out: BatchOutcome) -> None:
        result.add(out)
        announcer.add(out.told)

    failures: list[str] = []
    stopping = stop if stop is not None else _never
    here = asyncio.create_task(bill_ranges(sessions, job, next_range, halt, add, stopping))
    try:
        await _collect(procs, reports, halt, stop, add, failures)
    except BaseException:
        halt.set()  # cancelled or broken: this process takes no further range either
        raise
    finally:
        (own,) = await asyncio.gather(here, return_exceptions=True)
        halt.set()
        for proc in procs:
            await asyncio.to_thread(proc.join, 60)
            if proc.is_alive():
                proc.kill()
        reports.close()
    if isinstance(own, BaseException):
        raise own
    if failures:
        raise BillRunFailed(failures[0])
    result.stopped = next_range.value < len(ranges)


def _never() -> bool:
    return False


async def _collect(procs, reports, halt, stop, add, failures: list[str]) -> None:
    """Adds up the workers' reports until each has said "done" or died; looks at stop()
    every POLL_S and relays it to them through `halt`."""
    running = {proc.pid: proc for proc in procs}
    while running:
        if stop is not None and not halt.is_set() and stop():
            halt.set()
        try:
            kind, pid, payload = await asyncio.to_thread(reports.get, True, POLL_S)
        except queue.Empty:
            for pid, proc in list(running.items()):
                if proc.exitcode not in (None, 0):  # killed: no "done" will come
                    failures.append(f"bill-run worker {pid} died ({proc.exitcode})")
                    running.pop(pid)
                    halt.set()
            continue
        if kind == "batch":
            created, skipped, told = payload
            await add(BatchOutcome(created=created, skipped=skipped, told=set(told)))
        elif kind == "failed":
            failures.append(payload)
            halt.set()
        elif kind == "done":
            running.pop(pid, None)
