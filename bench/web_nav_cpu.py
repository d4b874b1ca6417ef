"""CPU seconds per navigation of the web process (issue 20), the figure that stays meaningful
on a shared machine: `--tabs` protocol tabs sign in as the owner of two codes, then `--rounds`
times `--active` of them walk Sản lượng → Hóa đơn → Trang chủ at once; the web process's
utime+stime over the walks ÷ navigations. `--pyspy FILE` samples the web process during the
walks (py-spy raw format; read it with bench/pyspy_top.py). 127.0.0.1 only, bounded.

    python bench/web_nav_cpu.py --tabs 25 --active 10 --rounds 5 [--pyspy /tmp/nav.txt]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.web_sessions import PASSWORD, PHONES, ROUTES, api, cpu_s, pct, rss_mb, web  # noqa: E402
from bench.web_wire import WireTab  # noqa: E402


async def run(url: str, pid: int, args: argparse.Namespace) -> dict:
    tabs: list[WireTab] = []
    while len(tabs) < args.tabs:
        batch = [WireTab(url) for _ in range(min(5, args.tabs - len(tabs)))]
        await asyncio.gather(*(t.sign_in(PHONES[0], PASSWORD) for t in batch))
        tabs += batch
    await asyncio.sleep(2)
    # one warm-up walk: the first visit of each screen imports its modules
    for route, marker in ROUTES:
        await tabs[0].navigate(route, marker)
    spy = None
    if args.pyspy:
        spy = subprocess.Popen(  # noqa: ASYNC220 - a sampler beside the loop, not awaited
            [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid),
             "--format", "raw", "--rate", "250", "--nonblocking", "-o", args.pyspy],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        await asyncio.sleep(1)
    lat: list[float] = []
    cpu0, wall0 = cpu_s(pid), time.monotonic()
    for r in range(args.rounds):
        movers = [tabs[(r * args.active + i) % len(tabs)] for i in range(args.active)]

        async def walk(tab: WireTab) -> list[float]:
            return [await tab.navigate(route, marker) for route, marker in ROUTES]

        for run_ in await asyncio.gather(*(walk(t) for t in movers)):
            lat += run_
    cpu, wall = cpu_s(pid) - cpu0, time.monotonic() - wall0
    if spy is not None:
        spy.send_signal(2)
        spy.wait(30)
    out = {
        "tabs": args.tabs,
        "active": args.active,
        "navigations": len(lat),
        "cpu_ms_per_nav": round(cpu / len(lat) * 1000, 1),
        "nav_ms": {"p50": round(pct(lat, 0.5)), "p95": round(pct(lat, 0.95))},
        "wall_s": round(wall, 1),
        "rss_mb": round(rss_mb(pid), 1),
        "load": os.getloadavg(),
        "when_utc": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
    }
    for t in tabs:
        await t.close()
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--tabs", type=int, default=25)
    p.add_argument("--active", type=int, default=10)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--pyspy", default="")
    p.add_argument("--api-url", default="", help="reuse a running API")
    args = p.parse_args()
    assert args.tabs <= 200, "bounded"
    data = Path(tempfile.mkdtemp(prefix="web-nav-"))
    api_proc = None
    api_url = args.api_url
    if not api_url:
        api_proc, api_url = api(data)
    try:
        proc, url = web(api_url, data / "web.log")
        try:
            out = asyncio.run(run(url, proc.pid, args))
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    finally:
        if api_proc is not None:
            api_proc.terminate()
            api_proc.wait(timeout=15)
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
