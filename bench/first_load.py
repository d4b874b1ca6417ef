"""Bytes on the wire and time to the first usable screen of the web client, before and after
app/web_static.py (issue 20). 127.0.0.1 only.

    python bench/first_load.py --out bench/first_load.json

For each mode (`plain`: DIENNHA_WEB_PLAIN_STATIC=1, Flet's own static files; `first_load`:
ours) a fresh web process and a fresh headless Chromium profile load the app under
throttling (default: 9 Mbit/s down, 1.5 Mbit/s up, 60 ms latency — the figures of
Chromium's "Fast 4G" preset), cold then reloaded:
bytes = sum of CDP `encodedDataLength` (what crossed the wire, headers included), requests,
KaTeX font requests, and seconds from navigation to the welcome screen's sign-in button in
the semantics tree."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.web_sessions import api, web  # noqa: E402


def load(page, cdp, url: str) -> dict:
    stats = {"bytes": 0, "requests": 0, "from_cache": 0, "katex": 0}

    def finished(e: dict) -> None:
        stats["bytes"] += int(e.get("encodedDataLength", 0))

    def sent(e: dict) -> None:
        stats["requests"] += 1
        if "KaTeX" in e["request"]["url"]:
            stats["katex"] += 1

    def cached(_e: dict) -> None:
        stats["from_cache"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.requestServedFromCache", cached)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=180_000)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")
    page.locator('[flt-semantics-identifier="welcome-sign-in"]').wait_for(timeout=180_000)
    stats["seconds_to_welcome"] = round(time.perf_counter() - start, 2)
    time.sleep(2)  # late fetches (fonts) count too
    stats["mb"] = round(stats["bytes"] / 1e6, 2)
    cdp.remove_listener("Network.loadingFinished", finished)
    cdp.remove_listener("Network.requestWillBeSent", sent)
    cdp.remove_listener("Network.requestServedFromCache", cached)
    return stats


def measure(
    api_url: str, data: Path, plain: bool, down_mbit: float, up_mbit: float, rtt_ms: int
) -> dict:
    from playwright.sync_api import sync_playwright

    env = {"DIENNHA_WEB_PLAIN_STATIC": "1" if plain else "0"}
    proc, url = web(api_url, data / f"web-{'plain' if plain else 'ours'}.log", **env)
    try:
        with sync_playwright() as p, tempfile.TemporaryDirectory() as profile:
            ctx = p.chromium.launch_persistent_context(
                profile, executable_path="/usr/bin/chromium", args=["--no-sandbox"],
                viewport={"width": 390, "height": 844},
            )  # fmt: skip
            page = ctx.new_page()
            cdp = ctx.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": rtt_ms,
                    "downloadThroughput": down_mbit * 1e6 / 8,
                    "uploadThroughput": up_mbit * 1e6 / 8,
                },
            )
            cold = load(page, cdp, url)
            warm = load(page, cdp, url)
            ctx.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
    return {"cold": cold, "reload": warm}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--down-mbit", type=float, default=9.0)
    parser.add_argument("--up-mbit", type=float, default=1.5)
    parser.add_argument("--rtt-ms", type=int, default=60)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="first-load-"))
    api_proc, api_url = api(data)
    report = {
        "throttle": {"down_mbit": args.down_mbit, "up_mbit": args.up_mbit, "rtt_ms": args.rtt_ms}
    }
    try:
        for name, plain in (("plain", True), ("first_load", False)):
            report[name] = measure(api_url, data, plain, args.down_mbit, args.up_mbit, args.rtt_ms)
            print(name, json.dumps(report[name]), flush=True)
    finally:
        api_proc.terminate()
        api_proc.wait(timeout=15)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
