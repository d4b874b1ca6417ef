"""Async engine and session factory; SQLite tuned for a single-file deployment."""

from __future__ import annotations

from collections.abc import AsyncIterator

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from server import dialect
from server.config import Settings


def create_engine(settings: Settings) -> AsyncEngine:
    url = settings.database_url
    if dialect.is_sqlite_url(url):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # The same ceiling as before (2 x DIENNHA_DB_POOL_SIZE per process), all of it kept
    # open: "overflow" connections are closed on return whenever the pool is full, so under
    # steady load every request past the pool size opened a new PostgreSQL connection.
    # No pre-ping: it cost a round trip on every checkout. A connection the server killed
    # fails one statement; SQLAlchemy then sees the disconnect and recycles the whole pool
    # (measured in bench/RESULTS.md).
    return create_async_engine(
        url,
        pool_size=2 * settings.db_pool_size,
        max_overflow=0,
        pool_timeout=30,
        pool_recycle=1800,
    )


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets readers run while one writer commits; foreign keys are off by default in SQLite.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


async def session_scope(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with factory() as session:
        yield session
