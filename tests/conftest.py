"""Suite-wide fixtures and a closing summary of the figures the issues ask to see."""

from __future__ import annotations

import os

import pytest


def pytest_report_header(config) -> list[str]:
    pg = os.environ.get("DIENNHA_TEST_PG_URL")
    return [
        f"database tests: SQLite{' + PostgreSQL (' + pg + ')' if pg else ' only (DIENNHA_TEST_PG_URL not set)'}"
    ]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"
