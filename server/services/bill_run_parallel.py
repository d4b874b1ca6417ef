"""A bill run in several processes (PostgreSQL): the parent holds the month's run lock, cuts
the work into code ranges and starts `workers` spawned processes (bill_run_worker.py) that
take the ranges one by one from a shared counter — the fast ones take more — each on its own
connection. The parent adds up their committed batches, announces the notices after each
commit, and on stop() tells them to take no further range: the batches in hand finish and
commit whole, so a re-run bills exactly the rest."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
from collections.abc import Callable
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.notify.hub import NoticeHub
from server.services.bill_run_batch import BatchOutcome
from server.services.bill_run_worker import Job, worker_main
from server.services.periods import Schedule

POLL_S = 0.02  # how often stop() is looked at while waiting for reports


class BillRunFailed(RuntimeError):
    """A worker failed or died; its batch rolled back, the committed ones stay."""


async def run_in_processes(
    sessions: async_sessionmaker[AsyncSession],
    hub: NoticeHub,
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
        for _ in range(min(workers, len(ranges)))
    ]
    for proc in procs:  # from this thread: PR_SET_PDEATHSIG follows the starting thread
        proc.start()
    running = {proc.pid: proc for proc in procs}
    failures: list[str] = []
    try:
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
                result.add(BatchOutcome(created=created, skipped=skipped))
                for user_id in told:
                    await hub.publish(user_id, {"type": "notice"})
            elif kind == "failed":
                failures.append(payload)
                halt.set()
            elif kind == "done":
                running.pop(pid, None)
    finally:
        halt.set()
        for proc in procs:
            await asyncio.to_thread(proc.join, 60)
            if proc.is_alive():
                proc.kill()
        reports.close()
    if failures:
        raise BillRunFailed(failures[0])
    result.stopped = next_range.value < len(ranges)
