"""The one place that knows SQLite from PostgreSQL (outside migrations and the column types of
server/models/base.py). Code that needs a difference asks here, with whatever it holds: an
engine, a session, a connection, a session factory, a dialect or a URL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

POSTGRESQL, SQLITE = "postgresql", "sqlite"


def dialect_of(bind: Any) -> Dialect:
    """The dialect of an engine, connection, session (its bind) or session factory."""
    if isinstance(bind, Dialect):
        return bind
    if isinstance(bind, async_sessionmaker):
        bind = bind.kw["bind"]
    if isinstance(bind, AsyncSession):
        bind = bind.get_bind()
    if isinstance(bind, AsyncEngine | AsyncConnection):
        return bind.dialect
    return bind.dialect  # sync Engine, Connection, Session bind


def is_postgresql(bind: Any) -> bool:
    return dialect_of(bind).name == POSTGRESQL


def is_psycopg(bind: Any) -> bool:
    """PostgreSQL through psycopg 3 (COPY and server-side binding are used there)."""
    d = dialect_of(bind)
    return d.name == POSTGRESQL and d.driver == "psycopg"


def fast_copy_driver(bind: Any) -> str | None:
    """The PostgreSQL driver whose bulk paths we use (psycopg or asyncpg), else None."""
    d = dialect_of(bind)
    return d.driver if d.name == POSTGRESQL and d.driver in ("psycopg", "asyncpg") else None


def is_sqlite_url(url: str) -> bool:
    return url.startswith(SQLITE)


def upsert_insert(bind: Any) -> Any:
    """`insert` with ON CONFLICT clauses for the database behind `bind`."""
    return pg_insert if is_postgresql(bind) else sqlite_insert
