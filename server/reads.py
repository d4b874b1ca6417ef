"""The read lane of the hot routes: statements built once, run on a pooled connection without
the ORM — asyncpg directly on PostgreSQL, SQLAlchemy Core elsewhere (SQLite).

Measured in bench/RESULTS.md: one query through an AsyncSession cost ~0.6–0.9 ms of Python
CPU, through Core on an AsyncConnection ~0.4–0.6 ms, through an asyncpg pool ~0.1 ms. Only
SELECTs run here, outside any transaction (each statement sees committed data, as in a
session); writes keep the ORM session."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql import Executable

from server.problems import AppError

log = logging.getLogger("diennha.db")
_PG = pg_asyncpg.dialect()
RETRY_AFTER = "1"


class Query:
    """One statement with named bind parameters, compiled for asyncpg once on first use."""

    __slots__ = ("_pg", "stmt")

    def __init__(self, stmt: Executable) -> None:
        self.stmt, self._pg = stmt, None

    def pg(self) -> tuple[str, tuple[str, ...]]:
        if self._pg is None:
            compiled = self.stmt.compile(dialect=_PG)
            self._pg = (str(compiled), tuple(compiled.positiontup or ()))
        return self._pg


Row = Sequence[Any]  # index access; asyncpg Record or SQLAlchemy Row


class Reads(Protocol):
    async def all(self, query: Query, **params: Any) -> Sequence[Row]: ...
    async def first(self, query: Query, **params: Any) -> Row | None: ...


class CoreReads:
    """SQLAlchemy Core on a pooled AsyncConnection: no session, no identity map."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def all(self, query: Query, **params: Any) -> Sequence[Row]:
        async with self.engine.connect() as conn:
            return (await conn.execute(query.stmt, params)).all()

    async def first(self, query: Query, **params: Any) -> Row | None:
        async with self.engine.connect() as conn:
            return (await conn.execute(query.stmt, params)).first()


def _lost() -> AppError:
    # The same answer as a lost connection under the ORM (server/middleware.py): try again.
    detail = "This is unavailable for a moment. Try again shortly."
    return AppError(
        503,
        "temporarily_unavailable",
        detail,
        title="Service Unavailable",
        headers={"Retry-After": RETRY_AFTER},
    )


def _asyncpg_errors() -> tuple[type[BaseException], ...]:
    import asyncpg

    ex = asyncpg.exceptions
    # 08xxx connection exceptions, 57P0x shutdown/cannot-connect-now, a closed connection,
    # and the socket errors of a server that went away.
    return (
        ex.PostgresConnectionError,
        ex.AdminShutdownError,
        ex.CrashShutdownError,
        ex.CannotConnectNowError,
        asyncpg.InterfaceError,
        OSError,
    )


class PgReads:
    """asyncpg's own pool next to the engine's (the hot reads never touch the ORM pool).
    Released connections skip asyncpg's reset round trip (RESET ALL, UNLISTEN…): nothing
    here changes session state, and an open transaction is still rolled back by asyncpg."""

    def __init__(self, engine: AsyncEngine, max_size: int) -> None:
        self.engine, self.max_size = engine, max_size
        self._dsn, self._timeout = _asyncpg_dsn(engine.url)
        self._pool = None
        self._lock = asyncio.Lock()
        self._lost = _asyncpg_errors()

    async def _start(self):
        import asyncpg

        async with self._lock:
            if self._pool is None:
                self._pool = await asyncpg.create_pool(
                    self._dsn,
                    min_size=1,
                    max_size=self.max_size,
                    timeout=self._timeout,
                    reset=_keep_session,
                    max_inactive_connection_lifetime=300,
                )
        return self._pool

    async def _run(self, method: str, query: Query, params: dict[str, Any]):
        sql, names = query.pg()
        args = [params[n] for n in names]
        for attempt in (1, 2):
            pool = self._pool or await self._start()
            try:
                async with pool.acquire() as conn:
                    return await getattr(conn, method)(sql, *args)
            except self._lost as exc:
                # A read is safe to repeat: once on a fresh connection, then "try again".
                log.warning("read on a lost connection (%s): %s", attempt, type(exc).__name__)
                if attempt == 2:
                    raise _lost() from exc
        raise AssertionError("unreachable")

    async def all(self, query: Query, **params: Any) -> Sequence[Row]:
        return await self._run("fetch", query, params)

    async def first(self, query: Query, **params: Any) -> Row | None:
        return await self._run("fetchrow", query, params)

    async def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            try:
                await asyncio.wait_for(pool.close(), 10)
            except (TimeoutError, *self._lost):
                pool.terminate()

    def terminate(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.terminate()


async def _keep_session(_conn) -> None:
    return None


def _asyncpg_dsn(url: URL) -> tuple[str, float]:
    """libpq-style DSN for asyncpg from the engine's URL (any PostgreSQL driver); query
    options such as `options=-csearch_path=…` and `application_name` become startup settings."""
    query = dict(url.query)
    timeout = float(query.pop("connect_timeout", 60))
    plain = url.set(drivername="postgresql", query=query)
    return plain.render_as_string(hide_password=False), timeout


def new_lane(engine: AsyncEngine) -> CoreReads | PgReads:
    if engine.dialect.name != "postgresql":
        return CoreReads(engine)
    size = engine.sync_engine.pool.size() if hasattr(engine.sync_engine.pool, "size") else 10
    lane = PgReads(engine, max(4, size))
    ref = weakref.ref(lane)

    @event.listens_for(engine.sync_engine, "engine_disposed")
    def _close(_engine) -> None:  # the context closing: close this pool with the engine's
        if (current := ref()) is None:
            return
        from sqlalchemy.util import await_
        from sqlalchemy.util.concurrency import in_greenlet

        if in_greenlet():  # AsyncEngine.dispose() runs this inside its greenlet
            await_(current.close())
        else:
            current.terminate()

    return lane


def reads_for(ctx) -> CoreReads | PgReads:
    """The lane on the database the context's sessions use (a test may swap the sessions)."""
    engine = ctx.sessions.kw.get("bind") or ctx.engine
    lane = ctx.extras.get("reads")
    if lane is None or lane.engine is not engine:
        lane = ctx.extras["reads"] = new_lane(engine)
    return lane
