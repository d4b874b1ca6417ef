"""The alembic revisions build exactly the schema the ORM models describe, on both databases,
and go down and up again cleanly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from server import migrate
from server.models import Base


def test_one_head(settings):
    heads = ScriptDirectory.from_config(migrate.alembic_config(settings)).get_heads()
    assert len(heads) == 1, f"several alembic heads, merge them: {heads}"


def test_models_match_migrations(settings):
    engine = create_engine(settings.sync_database_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert not diff, f"models and migrations differ — add a revision: {diff}"
