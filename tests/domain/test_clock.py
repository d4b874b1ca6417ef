"""The one business clock: real time by default, moved by whole days by DIENNHA_TODAY or in a
test, the time of day kept; a bad DIENNHA_TODAY names itself."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from domain import clock

ROOT = Path(__file__).resolve().parents[2]


def test_shifted_to_moves_today_and_keeps_the_time_of_day():
    real = datetime.now(UTC)
    with clock.shifted_to(date(2028, 2, 29)):
        assert clock.today() == date(2028, 2, 29)
        assert clock.now().astimezone(clock.LOCAL_TZ).date() == date(2028, 2, 29)
        moved = (clock.now() - real).total_seconds()
        assert abs(moved - round(moved / 86_400) * 86_400) < 5  # whole days only
        with clock.shifted_to(date(2027, 12, 31)):
            assert clock.today() == date(2027, 12, 31)
        assert clock.today() == date(2028, 2, 29)


def _today_in_a_process(value: str) -> subprocess.CompletedProcess:
    env = {**os.environ, clock.ENV_VAR: value}
    code = "from domain import clock; print(clock.today().isoformat())"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_environment_moves_a_whole_process():
    out = _today_in_a_process("2028-02-29")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2028-02-29"


@pytest.mark.parametrize("value", ["29/02/2028", "2027-02-29", "tomorrow"])
def test_a_bad_date_stops_with_a_message_naming_the_variable(value):
    out = _today_in_a_process(value)
    assert out.returncode != 0
    assert "DIENNHA_TODAY" in out.stderr and "YYYY-MM-DD" in out.stderr
