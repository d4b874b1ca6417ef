"""Fixtures for client tests: a scripted backend behind httpx.MockTransport, memory stores."""

from __future__ import annotations

import httpx
import pytest

from app.services.api_client import ApiClient
from app.services.credentials import Credentials
from app.services.token_store import MemoryTokenStore
from tests.app.fake_backend import BASE, FakeBackend


@pytest.fixture
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def store() -> MemoryTokenStore:
    return MemoryTokenStore()


@pytest.fixture
async def api(backend: FakeBackend, store: MemoryTokenStore):
    client = ApiClient(BASE, Credentials(store), transport=httpx.MockTransport(backend))
    yield client
    await client.aclose()
