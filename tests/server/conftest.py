"""Server fixtures: every database test runs on SQLite and, when configured, on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from server.context import ServerContext
from server.main import create_app
from server.seed.demo import DEMO_PASSWORD, seed_into
from tests.server.api import Api
from tests.server.dbfixtures import PgSchema, SqliteTemplate, make_settings, pg_available, worker_id


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture(scope="session")
def pg_schema(request) -> Iterator[PgSchema]:
    ok, why = pg_available()
    if not ok:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    schema = PgSchema(worker_id(request))
    yield schema
    schema.drop()


@pytest.fixture(params=["sqlite", "pg"])
def db_kind(request) -> str:
    return request.param


@pytest.fixture
def db_url(request, db_kind, tmp_path) -> str | None:
    holder = request.getfixturevalue("sqlite_template" if db_kind == "sqlite" else "pg_schema")
    return holder.fresh(tmp_path / "data")


@pytest.fixture
def settings_overrides() -> dict:
    """Override in a test module to change settings (e.g. tight rate limits)."""
    return {}


@pytest.fixture
def settings(tmp_path: Path, db_url, settings_overrides):
    return make_settings(tmp_path / "data", db_url, **settings_overrides)


@pytest.fixture
async def ctx(settings) -> AsyncIterator[ServerContext]:
    context = ServerContext.build(settings)
    yield context
    await context.close()


@pytest.fixture
async def app(ctx):
    return create_app(ctx=ctx)


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 5000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test/api/v1") as c:
        yield c


@pytest.fixture
async def demo(ctx) -> None:
    """The demo people and contracts (see server/seed/demo.py)."""
    async with ctx.sessions() as session:
        await seed_into(session)
        await session.commit()


@pytest.fixture
def api(client) -> Api:
    return Api(client, DEMO_PASSWORD)
