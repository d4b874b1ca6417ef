"""The read path of the API: every authenticated account route reads through here (the access
check of server/access.py and the services it calls); the ORM session is for writes.
Statements are built once with SQLAlchemy and run on a pooled connection without the ORM —
asyncpg directly on PostgreSQL, SQLAlchemy Core elsewhere (SQLite) — and rows come back as
mappings by column name (`row["customer_code"]`; an asyncpg Record or a Core RowMapping).

Measured in bench/RESULTS.md: one query through an AsyncSession cost ~0.6–0.9 ms of Python
CPU, through Core on an AsyncConnection ~0.4–0.6 ms, on an asyncpg connection ~0.05 ms. Only
SELECTs run here, outside any transaction (each statement sees committed data, as in a
session); writes keep the ORM session."""

from __future__ import annotations

import weakref
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import event
from sqlalchemy.dialects.postgresql import asyncpg as pg_asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.sql.selectable import ExecutableReturnsRows

from server import dialect
from server.pg_reads import PgReads

if TYPE_CHECKING:
    from server.context import ServerContext

_PG = pg_asyncpg.dialect()


class Query:
    """One statement with named bind parameters, compiled for asyncpg once on first use."""

    __slots__ = ("_pg", "stmt")

    def __init__(self, stmt: ExecutableReturnsRows) -> None:
        self.stmt = stmt
        self._pg: tuple[str, tuple[str, ...], dict[str, Any]] | None = None

    def pg(self) -> tuple[str, tuple[str, ...], dict[str, Any]]:
        """SQL with $n placeholders, the parameter name of each, and the values of the
        statement's own constants (`column == "approved"` binds one too)."""
        if self._pg is None:
            compiled: Any = self.stmt.compile(dialect=_PG)
            if compiled.post_compile_params:  # IN (…) lists expand per call: not supported
                raise ValueError("the read path runs fixed SQL: no expanding IN parameters")
            names = tuple(compiled.positiontup or ())
            constants = {
                n: compiled.binds[n].effective_value
                for n in names
                if not compiled.binds[n].required
            }
            self._pg = (str(compiled), names, constants)
        return self._pg

    def args(self, params: dict[str, Any]) -> tuple[str, list[Any]]:
        sql, names, constants = self.pg()
        if constants:
            params = {**constants, **params}
        return sql, [params[n] for n in names]


# Read by column name: an asyncpg Record or a SQLAlchemy RowMapping (label every column whose
# name would be ambiguous or empty, e.g. `Link.id.label("link_id")`, a literal's `kind`).
Row = Mapping[Any, Any]


class Reads(Protocol):
    async def all(self, query: Query, **params: Any) -> Sequence[Row]: ...
    async def first(self, query: Query, **params: Any) -> Row | None: ...


class CoreReads:
    """SQLAlchemy Core on a pooled AsyncConnection: no session, no identity map."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def all(self, query: Query, **params: Any) -> Sequence[Row]:
        async with self.engine.connect() as conn:
            return (await conn.execute(query.stmt, params)).mappings().all()

    async def first(self, query: Query, **params: Any) -> Row | None:
        async with self.engine.connect() as conn:
            return (await conn.execute(query.stmt, params)).mappings().first()


def new_lane(engine: AsyncEngine) -> CoreReads | PgReads:
    """asyncpg on PostgreSQL whatever the engine's driver; Core on anything else."""
    if not dialect.is_postgresql(engine):
        return CoreReads(engine)

    size = engine.sync_engine.pool.size() if hasattr(engine.sync_engine.pool, "size") else 10
    lane = PgReads(engine, max(4, size))  # as many as the engine's pool
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


Lane = CoreReads | PgReads  # what ServerContext.reads holds


def reads_for(ctx: ServerContext) -> Lane:
    """The read path on the database the context's sessions use (a test may swap the sessions)."""
    engine = ctx.sessions.kw.get("bind") or ctx.engine
    lane = ctx.reads
    if lane is None or lane.engine is not engine:
        lane = ctx.reads = new_lane(engine)
    return lane


class SessionReads:
    """The same statements inside an ORM session's transaction: for jobs that already hold a
    session (the reminder sweep) calling services written for the read path."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.engine = session.get_bind()

    async def all(self, query: Query, **params: Any) -> Sequence[Row]:
        return (await self.session.execute(query.stmt, params)).mappings().all()

    async def first(self, query: Query, **params: Any) -> Row | None:
        return (await self.session.execute(query.stmt, params)).mappings().first()
