"""Security and fault tests reuse the server fixtures: every database test runs on SQLite and,
when DIENNHA_TEST_PG_URL is set, on PostgreSQL."""

from collections.abc import Iterator

import pytest

from tests.server.billing_support import billing_demo  # noqa: F401 (fixture)
from tests.server.conftest import *  # noqa: F403 (fixtures: db_kind, ctx, app, client, api, demo…)
from tests.server.dbfixtures import PgSchema, pg_available, worker_id


@pytest.fixture(scope="session")
def pg_schema(request) -> Iterator[PgSchema]:
    """A schema of our own: the star import gives this folder its own copy of the session
    fixtures, and two copies under tests/server's name would drop each other's schema."""
    ok, why = pg_available()
    if not ok:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    schema = PgSchema(f"{worker_id(request)}_sec")
    yield schema
    schema.drop()
