"""Issue 14.6: does asking for a sign-in code take longer for a phone with an account?

Sends `--pairs` pairs of `POST /auth/otp` to one API process in memory (ASGI, no network):
each pair is one known phone and one unknown phone, in random order, back to back, so load
drift on a shared machine hits both alike. Reports each side's median and p90, the median of
the paired differences (known − unknown) with a bootstrap 95 % interval (one that holds 0: no
difference seen at this number of samples), and how often an attacker allowed k codes a day
per phone (the per-phone limit: 3 in 10 minutes, 10 a day) would guess right.

  python bench/otp_timing.py --pairs 400 [--db postgresql+psycopg://…/diennha_bench_otp]"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from server import migrate
from server.context import ServerContext
from server.main import create_app
from server.seed.demo import seed_into
from tests.server.api import OWNER
from tests.server.dbfixtures import make_settings


def _attacker_accuracy(known: list[float], unknown: list[float], k: int) -> float:
    """Best accuracy of a threshold on the median of k answers for one phone (k = what the
    per-phone limit lets an attacker ask a day): 0.5 is a coin toss. Resampled from the
    measured times, in process, so without the network's jitter: an upper bound."""
    rng = random.Random(11)
    a = [statistics.median(rng.choices(known, k=k)) for _ in range(2000)]
    b = [statistics.median(rng.choices(unknown, k=k)) for _ in range(2000)]
    best = 0.5
    for cut in sorted(a + b)[::20]:
        right = sum(x > cut for x in a) + sum(y <= cut for y in b)
        best = max(best, right / 4000, 1 - right / 4000)
    return round(best, 3)


def _bootstrap_median(diffs: list[float], rounds: int = 2000) -> tuple[float, float]:
    rng = random.Random(7)
    meds = sorted(statistics.median(rng.choices(diffs, k=len(diffs))) for _ in range(rounds))
    return meds[int(0.025 * rounds)], meds[int(0.975 * rounds)]


async def _run(pairs: int, db_url: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        limits = {"otp_rate_per_phone": "1000000/hour", "otp_rate_per_ip": "1000000/hour"}
        settings = make_settings(Path(tmp), db_url, otp_rate_global="1000000/day", **limits)
        migrate.upgrade(settings)
        ctx = ServerContext.build(settings)
        async with ctx.sessions() as session:
            await seed_into(session)
            await session.commit()
        app = create_app(ctx=ctx)
        transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 5000))
        times: dict[str, list[float]] = {"known": [], "unknown": []}
        diffs: list[float] = []
        async with httpx.AsyncClient(transport=transport, base_url="http://t/api/v1") as c:

            async def ask(phone: str) -> float:
                start = time.perf_counter()
                r = await c.post("/auth/otp", json={"phone": phone, "purpose": "login"})
                assert r.status_code == 202, r.text
                return (time.perf_counter() - start) * 1000

            for _ in range(20):  # warm-up: imports, statement caches
                await ask(OWNER)
                await ask("0399000000")
            for _ in range(pairs):
                # One phone each, asked again and again as an attacker would: each request
                # then also retires the phone's previous code, on both sides.
                order = [("known", OWNER), ("unknown", "0399000000")]
                random.shuffle(order)
                got = {who: await ask(phone) for who, phone in order}
                times["known"].append(got["known"])
                times["unknown"].append(got["unknown"])
                diffs.append(got["known"] - got["unknown"])
        await ctx.close()
    low, high = _bootstrap_median(diffs)
    return {
        "pairs": pairs,
        **{
            f"{who}_ms": (round(statistics.median(v), 2), round(sorted(v)[int(0.9 * len(v))], 2))
            for who, v in times.items()
        },
        "median_diff_ms": round(statistics.median(diffs), 3),
        "ci95_ms": (round(low, 3), round(high, 3)),
        **{
            f"attacker_k{k}": _attacker_accuracy(times["known"], times["unknown"], k)
            for k in (3, 10)
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=400)
    parser.add_argument("--db", default=None, help="default: a temporary SQLite file")
    args = parser.parse_args()
    result = asyncio.run(_run(args.pairs, args.db))
    for key, value in result.items():
        print(f"{key:16} {value}")


if __name__ == "__main__":
    main()
