"""Real databases for tests: a migrated SQLite template copied per test, and PostgreSQL with one
schema per xdist worker, migrated once and truncated between tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from server import migrate
from server.config import Settings
from server.models import Base

PG_URL = os.environ.get("DIENNHA_TEST_PG_URL")


def make_settings(data_dir: Path, db_url: str | None, **overrides) -> Settings:
    values = {
        "env": "dev",
        "data_dir": data_dir,
        "db_url": db_url,
        # generous limits so tests that are not about limits never meet them
        "otp_rate_per_phone": "50/minute",
        "otp_rate_per_ip": "1000/minute",
        "login_fail_per_ip": "1000/minute",
    }
    values.update(overrides)
    return Settings(**values)


class SqliteTemplate:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(make_settings(root, None))
        self.file = root / "diennha.sqlite3"

    def fresh(self, data_dir: Path) -> str | None:
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.file, data_dir / "diennha.sqlite3")
        return None  # the default URL under data_dir


class PgSchema:
    def __init__(self, worker: str) -> None:
        # One schema per test process: parallel runs (xdist workers, several developers on one
        # database server) never see each other's tables.
        self.schema = f"t_{worker}_{os.getpid()}".replace("-", "_")
        base = self.base = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
        sep = "&" if "?" in base else "?"
        self.url = f"{base}{sep}options=-csearch_path%3D{self.schema}"
        admin = create_engine(base)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {self.schema}"))
        admin.dispose()
        migrate.upgrade(make_settings(Path("/tmp"), self.url))
        self.engine = create_engine(self.url)

    def drop(self) -> None:
        self.engine.dispose()
        admin = create_engine(self.base)
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE"))
        admin.dispose()

    def fresh(self, _data_dir: Path) -> str:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with self.engine.begin() as conn:
            # TRUNCATE skips the audit log's row triggers, which is right for a test reset.
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            # Monthly partitions of interval_readings (and detached ones) are made by the app.
            for (name,) in conn.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                    "AND tablename LIKE 'interval\\_readings\\_y%'"
                )
            ):
                conn.execute(text(f'DROP TABLE "{name}"'))
        return self.url


def pg_available() -> tuple[bool, str]:
    if not PG_URL:
        return False, "DIENNHA_TEST_PG_URL is not set"
    try:
        eng = create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1))
        with eng.connect() as conn:
            conn.execute(text("SELECT 1"))
        eng.dispose()
    except Exception as exc:  # report why, then skip
        return (
            False,
            f"PostgreSQL at DIENNHA_TEST_PG_URL is not reachable: {exc.__class__.__name__}",
        )
    return True, ""


def worker_id(request: pytest.FixtureRequest) -> str:
    return getattr(request.config, "workerinput", {}).get("workerid", "main")
