"""Finding 9 of issue 14: production refuses a guessable signing key, webhook secret or staff
key (it started with one-character ones: only the signing key's length was checked)."""

from __future__ import annotations

import math
import secrets
from collections import Counter

import pytest
from pydantic import ValidationError

from server.config import Settings, entropy_problem, key_problem

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


def _partitions(n: int, largest: int, parts: int):
    if n == 0:
        yield []
        return
    for first in range(min(n, largest), 0, -1):
        if parts:
            for rest in _partitions(n - first, first, parts - 1):
                yield [first, *rest]


def test_a_documented_key_is_refused_almost_never():
    """Exact, not sampled: the probability that 32 random hex digits (token_hex(16), the
    weakest documented way) fail the entropy or symbol check, summed over every way 32
    characters can fall on 16 symbols. The earlier thresholds (90 bits, 10 symbols) refused
    one key in ~10,000 and failed CI once; they give 9.6e-5 here."""
    length, alphabet = 32, 16
    refused = 0
    for counts in _partitions(length, length, alphabet):
        if entropy_problem(Counter(dict(enumerate(counts))), length) is None:
            continue
        same = Counter(counts).values()
        symbols = math.perm(alphabet, len(counts)) // math.prod(map(math.factorial, same))
        refused += math.factorial(length) // math.prod(map(math.factorial, counts)) * symbols
    assert refused / alphabet**length < 1e-8


def test_a_repeated_run_is_refused():
    key = secrets.token_hex(8)
    assert key_problem("K", key[:11] + "passphrase" + key[11:] + "passphrase") is not None
