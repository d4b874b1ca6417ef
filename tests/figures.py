"""Figures a test wants shown at the end of the run (examples fuzzed, attacks tried, notices
lost…). Written as JSON lines so they also add up across pytest-xdist workers."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

FILE = Path(os.environ.get("DIENNHA_FIGURES_FILE", "test-artifacts/figures.jsonl"))


def record(name: str, value: int | float) -> None:
    FILE.parent.mkdir(parents=True, exist_ok=True)
    with FILE.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"name": name, "value": value}) + "\n")


def reset() -> None:
    FILE.unlink(missing_ok=True)


def totals() -> dict[str, float]:
    if not FILE.exists():
        return {}
    sums: dict[str, float] = defaultdict(float)
    for line in FILE.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        sums[item["name"]] += item["value"]
    return dict(sorted(sums.items()))
