"""Fault: `python -m server bill-run` is stopped halfway, politely (SIGTERM: it finishes the
batch in hand) and brutally (SIGKILL: the batches in flight roll back). Each time a second run
bills the rest: one bill per contract, invoice numbers 1..N per serial, no gap, no repeat."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time
from datetime import date

import pytest
from sqlalchemy import func, select

from server.models import Bill
from tests import figures
from tests.security.bulk_contracts import seed_billable
from tests.security.server_process import ROOT, server_env

pytestmark = pytest.mark.slow
JUNE = date(2025, 6, 1)
PER_PREFIX = 250  # 500 contracts: a run of a few seconds at batches of 20
BATCH = "20"


async def _count(ctx) -> int:
    async with ctx.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(Bill)))


def _start(settings) -> subprocess.Popen:
    env = server_env(settings.data_dir, **({"db_url": settings.db_url} if settings.db_url else {}))
    return subprocess.Popen(
        [sys.executable, "-m", "server", "bill-run", "2025-06", "--batch", BATCH],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _interrupt(ctx, settings, sig: signal.Signals, total: int) -> int:
    """Starts a run, sends `sig` once some bills exist, returns how many bills it left."""
    proc = _start(settings)
    try:
        deadline = time.monotonic() + 60
        while await _count(ctx) < 3 * int(BATCH):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the bill run made no bills in 60 s"
            await asyncio.sleep(0.05)
        proc.send_signal(sig)
        out, err = await asyncio.to_thread(proc.communicate, timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    left = await _count(ctx)
    assert 0 < left < total, f"the run was not stopped halfway ({left} of {total})"
    if sig == signal.SIGTERM:  # a graceful stop says so and exits 1
        assert proc.returncode == 1, err
        assert json.loads(out)["stopped"] is True and json.loads(out)["created"] == left
    else:
        assert proc.returncode == -signal.SIGKILL
    return left


def _finish(settings) -> dict:
    proc = _start(settings)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    return json.loads(out)


async def _check_bills(ctx, total: int) -> None:
    async with ctx.sessions() as s:
        rows = (
            await s.execute(select(Bill.customer_code, Bill.invoice_serial, Bill.invoice_no))
        ).all()
    assert len(rows) == total and len({code for code, _, _ in rows}) == total
    by_serial: dict[str, list[int]] = {}
    for _, serial, number in rows:
        by_serial.setdefault(serial, []).append(number)
    for serial, numbers in by_serial.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), f"gaps or repeats in {serial}"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
async def test_a_stopped_bill_run_is_completed_by_the_next_without_gaps(ctx, settings, sig):
    total = await seed_billable(ctx, JUNE, PER_PREFIX)
    left = await _interrupt(ctx, settings, sig, total)
    rest = _finish(settings)
    figures.record("faults injected", 1)
    assert (rest["created"], rest["already_billed"], rest["stopped"]) == (total - left, left, False)
    await _check_bills(ctx, total)
    again = _finish(settings)  # and a third run changes nothing
    assert (again["created"], again["already_billed"]) == (0, total)
    await _check_bills(ctx, total)
