"""Both PostgreSQL drivers the README offers (`postgresql+psycopg://`, `postgresql+asyncpg://`)
carry every bulk path: migrate, the demo seed (the bill run's COPY and the bulk notices),
a readings import and a bill run, through the real CLI on a database of their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from domain import clock
from server.services.billing.periods import add_months, month_label, month_start
from tests.server.dbfixtures import PG_URL, pg_available

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    """A database of its own (dropped afterwards), as a URL without a driver."""
    ok, why = pg_available()
    if not ok:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    assert PG_URL
    admin_url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    name = f"diennha_drivers_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            admin_url.set(database=name)
            .render_as_string(hide_password=False)
            .replace("postgresql+psycopg://", "postgresql://", 1)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _cli(url: str, data: Path, *args: str) -> subprocess.CompletedProcess:
    env = os.environ | {"DIENNHA_DATA_DIR": str(data), "DIENNHA_DB_URL": url, "DIENNHA_ENV": "dev"}
    return subprocess.run(
        [sys.executable, "-m", "server", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _count(url: str, sql: str) -> int:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        value = conn.execute(text(sql)).scalar_one()
    engine.dispose()
    return int(value)


@pytest.mark.pg
@pytest.mark.parametrize("driver", ["psycopg", "asyncpg"])
def test_seed_import_and_bill_run_on_each_driver(pg_database, driver, tmp_path):
    url = pg_database.replace("postgresql://", f"postgresql+{driver}://", 1)
    with create_engine(
        pg_database.replace("postgresql://", "postgresql+psycopg://", 1)
    ).begin() as c:
        c.execute(text("DROP SCHEMA public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    for step in (("migrate",), ("seed", "--demo")):
        out = _cli(url, tmp_path, *step)
        assert out.returncode == 0, out.stderr[-3000:]
    bills = _count(pg_database, "SELECT count(*) FROM bills")
    assert bills > 70  # two years of four contracts, made through bulk_insert (COPY)
    assert _count(pg_database, "SELECT count(*) FROM notifications") > 0

    # Bill a month again after removing it: the bill run's COPY of bills and of its notices.
    month = add_months(month_start(clock.today()), -2)
    removed = _count(pg_database, f"SELECT count(*) FROM bills WHERE period_month = '{month}'")
    with create_engine(
        pg_database.replace("postgresql://", "postgresql+psycopg://", 1)
    ).begin() as c:
        c.execute(text("DELETE FROM bills WHERE period_month = :m"), {"m": month})
    told = _count(pg_database, "SELECT count(*) FROM notifications")
    out = _cli(url, tmp_path, "bill-run", month_label(month))
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout)["created"] == removed > 0
    assert _count(pg_database, "SELECT count(*) FROM bills") == bills
    assert _count(pg_database, "SELECT count(*) FROM notifications") > told  # announced
    again = json.loads(_cli(url, tmp_path, "bill-run", month_label(month)).stdout)
    assert (again["created"], again["already_billed"]) == (0, removed)
