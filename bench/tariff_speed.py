"""Bills per second of domain.tariff.compute_bill in one process (issue 9: >= 100k/s)."""

from __future__ import annotations

import random
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from domain.tariff import compute_bill


def rate(cases: list[tuple[Decimal, date, date, int]], seconds: float = 2.0) -> float:
    """Bills per second over `cases`, repeated until `seconds` have passed."""
    done, started = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - started) < seconds:
        for kwh, start, end, households in cases:
            compute_bill(kwh, start, end, households)
        done += len(cases)
    return done / elapsed


def main() -> None:
    rng = random.Random(9)
    june = (date(2025, 6, 1), date(2025, 6, 30))
    # Common case: one tariff table, one household, whole kWh as a bill run sees them.
    common = [(Decimal(rng.randint(0, 1200)), *june, 1) for _ in range(20_000)]
    # Worst single-part case for the caches: nearly every kWh distinct, with three decimals.
    fractional = [(Decimal(rng.randint(0, 1_200_000)).scaleb(-3), *june, 1) for _ in range(20_000)]
    # Period across the 2025-05-10 price change: two parts, prorated widths.
    split = [
        (Decimal(rng.randint(0, 1200)), date(2025, 5, 1), date(2025, 5, 31), 1)
        for _ in range(20_000)
    ]
    for name, cases in (("common", common), ("fractional", fractional), ("split", split)):
        print(f"{name:>10}: {rate(cases):>10,.0f} bills/s")


if __name__ == "__main__":
    main()
