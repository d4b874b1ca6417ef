"""Schema migrations with alembic, driven from code (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from server import dialect
from server.config import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(settings: Settings) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", settings.sync_database_url.replace("%", "%%"))
    return cfg


def upgrade(settings: Settings, revision: str = "head") -> None:
    if dialect.is_sqlite_url(settings.database_url):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.upgrade(alembic_config(settings), revision)


def revision(settings: Settings, message: str) -> None:
    """Developer tool: `python -m server makemigration "message"` autogenerates a revision."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    command.revision(alembic_config(settings), message=message, autogenerate=True)
