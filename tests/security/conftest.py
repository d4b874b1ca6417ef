"""Security and fault tests reuse the server fixtures: every database test runs on SQLite and,
when DIENNHA_TEST_PG_URL is set, on PostgreSQL."""

from tests.server.billing_support import billing_demo  # noqa: F401 (fixture)
from tests.server.conftest import *  # noqa: F403 (fixtures: db_kind, ctx, app, client, api, demo…)
