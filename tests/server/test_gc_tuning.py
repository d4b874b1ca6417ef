"""The serving process's collector settings (server/gc_tuning.py), in a process of its own:
freezing this test process would keep every later test's cyclic garbage forever."""

from __future__ import annotations

import json
import subprocess
import sys

from server.config import Settings
from server.gc_tuning import MIDDLE, OLD, YOUNG

PROBE = """
import gc, json
import server.main  # what a serving process has loaded by then
from server.gc_tuning import tune_gc
before = gc.get_freeze_count()
tune_gc()
print(json.dumps({"before": before, "after": gc.get_freeze_count(),
                  "threshold": gc.get_threshold()}))
"""


def test_tuning_freezes_what_start_up_made_and_raises_the_young_threshold():
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True
    ).stdout
    probe = json.loads(out)
    assert probe["before"] == 0 and probe["after"] > 10_000
    assert probe["threshold"] == [YOUNG, MIDDLE, OLD]


def test_off_unless_the_serve_command_turns_it_on(monkeypatch):
    monkeypatch.delenv("DIENNHA_GC_TUNING", raising=False)
    assert Settings().gc_tuning is False
    monkeypatch.setenv("DIENNHA_GC_TUNING", "true")
    assert Settings().gc_tuning is True
