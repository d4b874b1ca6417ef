"""The read path on PostgreSQL: asyncpg connections in a small pool of their own, next to the
engine's (the hot reads never touch the ORM pool).

Not asyncpg's Pool: its Python layers (proxy, holder, timeouts, reset) cost ~40 µs a query,
half of the whole query (bench/RESULTS.md). Nothing here changes session state and every
statement runs on its own (no transaction), so a connection goes back as it came unless it
broke or its query was interrupted; then it is closed, never reused."""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Sequence
from typing import Any

import asyncpg
from sqlalchemy.engine import URL

from server.problems import AppError

log = logging.getLogger("diennha.db")
# 08xxx connection exceptions, 57P0x shutdown / cannot connect now, a closed connection, and
# the socket errors (timeouts included) of a server that went away. InternalClientError is
# asyncpg refusing a statement on a connection whose protocol is still consuming an error:
# what an idle pooled connection looks like between pg_terminate_backend's FATAL arriving
# and the socket closing (seen as 500s in the fault test; the statement never ran).
LOST = (
    asyncpg.exceptions.PostgresConnectionError,
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.InterfaceError,
    asyncpg.exceptions.InternalClientError,
    OSError,
)
WAIT_SECONDS = 30.0  # for a free connection when all are busy (the engine's pool_timeout)


class Connections:
    """At most `size` connections, opened when needed, the most recently used first."""

    def __init__(self, dsn: str, connect_timeout: float, size: int) -> None:
        self.dsn, self.connect_timeout, self.size = dsn, connect_timeout, size
        self._idle: list[asyncpg.Connection] = []
        self._waiters: deque[asyncio.Future] = deque()
        self._open = 0  # open or being opened
        self.closed = False

    async def acquire(self) -> asyncpg.Connection:
        while self._idle:
            conn = self._idle.pop()
            if not conn.is_closed():  # one the server closed while idle is dropped here
                return conn
            self._open -= 1
        if self._open >= self.size:
            conn = await self._wait()
            if conn is not None:
                return conn
        self._open += 1  # the slot of a connection about to be opened (or of a dropped one)
        try:
            return await asyncpg.connect(self.dsn, timeout=self.connect_timeout)
        except BaseException:
            self._open -= 1
            raise

    async def _wait(self) -> asyncpg.Connection | None:
        """A released connection, or None: a slot was freed, open a new one."""
        loop = asyncio.get_running_loop()
        waiter = loop.create_future()
        self._waiters.append(waiter)
        # A plain timer, not asyncio.timeout(): waiting is common under load and that costs
        # a cancel scope per wait.
        timer = loop.call_later(WAIT_SECONDS, _expire, waiter)
        try:
            conn = await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self.release(waiter.result())  # handed over as we gave up
            waiter.cancel()
            raise
        finally:
            timer.cancel()
        if conn is None:
            self._open -= 1  # acquire() counts the new one again
        return conn

    def release(self, conn: asyncpg.Connection | None, broken: bool = False) -> None:
        if conn is not None and (broken or self.closed or conn.is_closed()):
            conn.terminate()
            self._open -= 1
            conn = None  # its slot is free: a waiter may open a new connection
        elif conn is None:
            self._open -= 1
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                if conn is None:
                    self._open += 1  # the waiter opens one in this slot
                waiter.set_result(conn)
                return
        if conn is not None:
            self._idle.append(conn)

    async def close(self) -> None:
        self.closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            try:
                await asyncio.wait_for(conn.close(), 5)
            except (TimeoutError, *LOST):
                conn.terminate()
        self._open -= len(idle)

    def terminate(self) -> None:
        self.closed = True
        for conn in self._idle:
            conn.terminate()
        self._open -= len(self._idle)
        self._idle = []


def _expire(waiter: asyncio.Future) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError("no free database connection"))


class PgReads:
    def __init__(self, engine, size: int) -> None:
        self.engine = engine
        dsn, timeout = asyncpg_dsn(engine.url)
        self._pool = Connections(dsn, timeout, size)

    async def _run(self, method: str, sql: str, args: list[Any]):
        pool = self._pool
        for attempt in (1, 2):
            try:
                conn = await pool.acquire()
            except LOST as exc:
                log.warning("read path cannot connect (%s): %s", attempt, type(exc).__name__)
                if attempt == 2:
                    raise lost() from exc
                continue
            try:
                result = await getattr(conn, method)(sql, *args)
            except LOST as exc:
                pool.release(conn, broken=True)
                # A read is safe to repeat: once on a fresh connection, then "try again".
                log.warning("read on a lost connection (%s): %s", attempt, type(exc).__name__)
                if attempt == 2:
                    raise lost() from exc
                continue
            except asyncpg.PostgresError:
                pool.release(conn)  # the statement failed; the connection is fine
                raise
            except BaseException:
                pool.release(conn, broken=True)  # interrupted mid-query (cancelled): not reused
                raise
            pool.release(conn)
            return result
        raise AssertionError("unreachable")

    async def all(self, query, **params: Any) -> Sequence:
        return await self._run("fetch", *query.args(params))

    async def first(self, query, **params: Any):
        return await self._run("fetchrow", *query.args(params))

    async def close(self) -> None:
        await self._pool.close()
        self._pool = Connections(self._pool.dsn, self._pool.connect_timeout, self._pool.size)

    def terminate(self) -> None:
        self._pool.terminate()
        self._pool = Connections(self._pool.dsn, self._pool.connect_timeout, self._pool.size)


def lost() -> AppError:
    # The same answer as a lost connection under the ORM (server/middleware.py): try again.
    detail = "This is unavailable for a moment. Try again shortly."
    return AppError(
        503,
        "temporarily_unavailable",
        detail,
        title="Service Unavailable",
        headers={"Retry-After": "1"},
    )


def asyncpg_dsn(url: URL) -> tuple[str, float]:
    """libpq-style DSN for asyncpg from the engine's URL (any PostgreSQL driver); query
    options such as `options=-csearch_path=…` and `application_name` become startup settings."""
    query = dict(url.query)
    timeout = float(str(query.pop("connect_timeout", 60)))
    plain = url.set(drivername="postgresql", query=query)
    return plain.render_as_string(hide_password=False), timeout
