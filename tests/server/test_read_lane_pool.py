"""The read path's small connection pool (server/pg_reads.py) with fake connections: never more
than its size open, a broken or interrupted connection is closed and its slot reused, a waiter
that gives up leaks nothing, and a lost connection is retried once then answered 503."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from server import pg_reads
from server.pg_reads import Connections, PgReads
from server.problems import AppError
from server.reads import Query


class FakeConn:
    opened = 0

    def __init__(self) -> None:
        FakeConn.opened += 1
        self.closed, self.fail_with, self.delay = False, None, 0.01
        self.closes_on_failure = True

    def is_closed(self) -> bool:
        return self.closed

    def terminate(self) -> None:
        self.closed = True

    async def close(self) -> None:
        self.closed = True

    async def fetch(self, sql, *args):
        await asyncio.sleep(self.delay)
        if self.fail_with is not None:
            self.closed = self.closes_on_failure
            raise self.fail_with
        return [(sql, *args)]


@pytest.fixture
def fake_connect(monkeypatch) -> list[FakeConn]:
    made: list[FakeConn] = []

    async def connect(dsn, **_options):
        await asyncio.sleep(0)
        made.append(FakeConn())
        return made[-1]

    monkeypatch.setattr(pg_reads.asyncpg, "connect", connect)
    return made


async def _use(pool: Connections, seconds: float = 0.01) -> FakeConn:
    conn = await pool.acquire()
    await asyncio.sleep(seconds)
    pool.release(conn)
    return conn


async def test_never_more_than_size_connections(fake_connect):
    pool = Connections("dsn", 5, size=3)
    used = await asyncio.gather(*(_use(pool) for _ in range(40)))
    assert len(fake_connect) == 3 and {id(c) for c in used} == {id(c) for c in fake_connect}
    assert pool._open == 3 and len(pool._idle) == 3 and not pool._waiters


async def test_a_broken_connection_frees_its_slot_for_a_waiter(fake_connect):
    pool = Connections("dsn", 5, size=1)
    first = await pool.acquire()
    waiting = asyncio.create_task(pool.acquire())
    await asyncio.sleep(0.01)
    pool.release(first, broken=True)
    second = await waiting
    assert first.closed and second is not first and pool._open == 1
    pool.release(second)
    assert await pool.acquire() is second  # reused while open


async def test_a_connection_closed_while_idle_is_replaced(fake_connect):
    pool = Connections("dsn", 5, size=2)
    conn = await _use(pool)
    conn.closed = True  # the server ended it
    fresh = await pool.acquire()
    assert fresh is not conn and pool._open == 1


async def test_a_waiter_that_gives_up_leaks_nothing(fake_connect, monkeypatch):
    monkeypatch.setattr(pg_reads, "WAIT_SECONDS", 0.05)
    pool = Connections("dsn", 5, size=1)
    held = await pool.acquire()
    with pytest.raises(TimeoutError):
        await pool.acquire()
    cancelled = asyncio.create_task(pool.acquire())
    await asyncio.sleep(0.01)
    cancelled.cancel()
    pool.release(held)
    with pytest.raises(asyncio.CancelledError):
        await cancelled
    assert await pool.acquire() is held and pool._open == 1


class FakeEngine:
    url = make_url("postgresql://u@h/db")


async def test_lost_connection_is_retried_once_then_503(fake_connect, monkeypatch):
    lane = PgReads(FakeEngine(), 2)
    query = Query(text("SELECT 1"))
    first = await lane._pool.acquire()
    first.fail_with = asyncpg.exceptions.ConnectionDoesNotExistError("gone")
    lane._pool.release(first)
    assert await lane.all(query) == [("SELECT 1",)]  # retried on a fresh connection
    assert first.closed and lane._pool._open == 1
    for conn in fake_connect:
        conn.fail_with = asyncpg.exceptions.AdminShutdownError("shutdown")
    real_connect = pg_reads.asyncpg.connect

    async def broken_connect(dsn, **options):
        conn = await real_connect(dsn, **options)
        conn.fail_with = ConnectionResetError()
        return conn

    monkeypatch.setattr(pg_reads.asyncpg, "connect", broken_connect)
    with pytest.raises(AppError) as err:
        await lane.all(query)
    assert (err.value.status, err.value.code) == (503, "temporarily_unavailable")
    assert lane._pool._open == 0


async def test_a_pooled_connection_told_to_shut_down_while_idle_is_retried(fake_connect):
    """pg_terminate_backend's FATAL reached an idle connection: asyncpg still calls it open
    but refuses the next statement (InternalClientError). The read goes to a fresh one."""
    lane = PgReads(FakeEngine(), 2)
    query = Query(text("SELECT 1"))
    first = await lane._pool.acquire()
    first.fail_with = asyncpg.exceptions.InternalClientError(
        "cannot switch to state 12; another operation (2) is in progress"
    )
    first.closes_on_failure = False
    lane._pool.release(first)
    assert await lane.all(query) == [("SELECT 1",)]
    assert first.closed and lane._pool._idle == [fake_connect[1]] and lane._pool._open == 1


async def test_an_interrupted_query_closes_its_connection(fake_connect):
    lane = PgReads(FakeEngine(), 2)
    query = Query(text("SELECT 1"))
    task = asyncio.create_task(lane.all(query))
    await asyncio.sleep(0.001)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert fake_connect[0].closed and lane._pool._open == 0 and not lane._pool._idle
