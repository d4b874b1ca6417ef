"""Suite-wide hooks: the database header line and a closing summary of measured figures."""

from __future__ import annotations

import os
import sys

import pytest

from domain import clock
from tests import figures


def pytest_report_header(config) -> list[str]:
    pg = os.environ.get("DIENNHA_TEST_PG_URL")
    where = f"SQLite + PostgreSQL ({pg})" if pg else "SQLite only (DIENNHA_TEST_PG_URL not set)"
    today = clock.today()
    moved = (
        f" (moved {clock.offset_days():+d} days by {clock.ENV_VAR})" if clock.offset_days() else ""
    )
    return [
        f"database tests: {where}",
        f"business clock: today is {today:%Y-%m-%d}{moved}",
        f"python: {sys.version.split()[0]} ({sys.executable})",
    ]


def pytest_sessionstart(session) -> None:
    if not hasattr(session.config, "workerinput"):  # the controller, not an xdist worker
        figures.reset()


def pytest_terminal_summary(terminalreporter) -> None:
    found = figures.totals()
    if not found:
        return
    terminalreporter.section("figures")
    for name, value in found.items():
        terminalreporter.write_line(f"{name}: {value:g}")


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"
