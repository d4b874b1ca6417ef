"""Finding 9 of issue 14: production refuses a guessable signing key, webhook secret or staff
key (it started with one-character ones: only the signing key's length was checked)."""

from __future__ import annotations

import secrets

import pytest
from pydantic import ValidationError

from server.config import Settings

NAMES = {"secret_key": "DIENNHA_SECRET_KEY", "webhook_secret": "DIENNHA_WEBHOOK_SECRET",
         "staff_key": "DIENNHA_STAFF_KEY"}  # fmt: skip
WEAK = ["x", "a" * 31, "x" * 40, "password" * 4, "ab" * 20, "0" * 64, "1234567890" * 3 + "12"]


def _strong() -> dict[str, str]:
    return {field: secrets.token_urlsafe(32) for field in NAMES}


@pytest.mark.parametrize("field", NAMES)
@pytest.mark.parametrize("weak", WEAK)
def test_production_refuses_each_guessable_key(field, weak):
    with pytest.raises(ValidationError) as refused:
        Settings(env="prod", **(_strong() | {field: weak}))
    assert NAMES[field] in str(refused.value)
    assert weak not in str(refused.value) or len(weak) < 2  # the key is not echoed


@pytest.mark.parametrize(
    "make",
    [
        lambda: secrets.token_urlsafe(32),
        lambda: secrets.token_hex(16),
        lambda: secrets.token_hex(32),
    ],
)
def test_production_takes_keys_made_the_documented_ways(make):
    for _ in range(200):
        Settings(env="prod", secret_key=make(), webhook_secret=make(), staff_key=make())


def test_development_keeps_its_defaults():
    Settings(env="dev")
