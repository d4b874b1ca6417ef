"""`python -m server bill-run --workers 2` stopped from outside: SIGTERM ends it between
batches (the batches in hand commit, exit 1, "stopped"), SIGKILL of the parent takes its
worker processes with it (their open batches roll back); either way the next run bills the
rest, one bill per contract, invoice numbers consecutive per serial."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from server.models import Bill
from tests.server.test_bill_run_parallel import MAY, assert_consecutive, numbers, seed

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture(autouse=True)
def _pg_only(db_kind):
    if db_kind != "pg":
        pytest.skip("worker processes are for PostgreSQL")


def _start(settings, batch: str = "2") -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DIENNHA_")}
    env |= {"DIENNHA_ENV": "dev", "DIENNHA_DATA_DIR": str(settings.data_dir)}
    env["DIENNHA_DB_URL"] = settings.db_url
    # batches of 2: hundreds of commits, so the run lasts a few seconds on a fast machine
    command = ["-m", "server", "bill-run", "2025-05", "--batch", batch, "--workers", "2"]
    return subprocess.Popen(
        [sys.executable, *command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _count(ctx) -> int:
    async with ctx.sessions() as s:
        return int(await s.scalar(select(func.count()).select_from(Bill)))


def _workers(pid: int) -> list[int]:
    """The spawned worker processes of `pid` (not multiprocessing's resource tracker)."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[stat.rindex(")") + 2 :].split()[1]) == pid and b"spawn_main" in command:
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


@pytest.fixture
async def slow_batches(ctx):
    """Every batch's bills COPY waits 0.1 s in PostgreSQL (a statement trigger), so the run
    lasts seconds however fast the machine: a run of 300 bills in batches of 2 once ended
    before the signal could reach it (CI, November 2026)."""
    statements = (
        "CREATE FUNCTION slow_batch() RETURNS trigger LANGUAGE plpgsql AS"
        " $$BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END$$",
        "CREATE TRIGGER slow_batch BEFORE INSERT ON bills"
        " FOR EACH STATEMENT EXECUTE FUNCTION slow_batch()",
    )
    async with ctx.sessions() as s:
        for statement in statements:
            await s.execute(text(statement))
        await s.commit()
    yield
    async with ctx.sessions() as s:
        await s.execute(text("DROP TRIGGER IF EXISTS slow_batch ON bills"))
        await s.execute(text("DROP FUNCTION IF EXISTS slow_batch()"))
        await s.commit()


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["sigterm", "sigkill"])
async def test_a_parallel_run_stopped_from_outside_is_finished_by_the_next(
    ctx, settings, sig, slow_batches
):
    total = await seed(ctx, 300)
    proc = _start(settings)
    try:
        deadline = time.monotonic() + 90
        while not (workers := _workers(proc.pid)) or await _count(ctx) < 20:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "no worker process or no bills in 90 s"
            await asyncio.sleep(0.02)
        await asyncio.sleep(1.5)  # the worker imports for about a second, then bills too
        assert proc.poll() is None, "the run ended before it could be stopped"
        proc.send_signal(sig)
        out, err = await asyncio.to_thread(proc.communicate, timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    left = await _count(ctx)
    assert 0 < left < total, f"not stopped halfway ({left} of {total})"
    for _ in range(100):  # no worker outlives the parent (PR_SET_PDEATHSIG)
        if not any(map(_alive, workers)):
            break
        await asyncio.sleep(0.05)
    else:
        raise AssertionError(f"worker processes {workers} outlived the bill run")
    if sig == signal.SIGTERM:
        assert proc.returncode == 1, err
        report = json.loads(out)
        assert report["stopped"] is True and report["created"] == left
    else:
        assert proc.returncode == -signal.SIGKILL
    assert_consecutive(await numbers(ctx, MAY), {})

    rest = _start(settings, batch="100")
    out, err = await asyncio.to_thread(rest.communicate, timeout=120)
    assert rest.returncode == 0, err
    report = json.loads(out)
    assert (report["created"], report["already_billed"]) == (total - left, left)
    assert await _count(ctx) == total
    assert_consecutive(await numbers(ctx, MAY), {})
