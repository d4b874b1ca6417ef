"""Slow clients (issue 14): many half-sent requests, bounded in number and time, all on
127.0.0.1. The API stays responsive behind them, and the compose Caddyfile closes a request
whose head is not complete within its `read_header` timeout — uvicorn alone never does, so
the proxy is what keeps half-open connections from piling up."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from server.main import create_app
from tests import figures
from tests.ports import free_port
from tests.server.notice_fakes import LiveServer

ROOT = Path(__file__).resolve().parents[2]
CADDYFILE = ROOT / "deploy" / "Caddyfile"
SLOW = 150  # half-sent requests held open at once
HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


@contextlib.asynccontextmanager
async def half_sent(port: int, count: int):
    """`count` connections that each sent part of a request head and then one byte a second."""
    writers: list[asyncio.StreamWriter] = []
    readers: list[asyncio.StreamReader] = []
    for _ in range(count):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(HEAD)
        await writer.drain()
        readers.append(reader)
        writers.append(writer)

    async def trickle() -> None:
        while True:
            await asyncio.sleep(1)
            for w in writers:
                if not w.is_closing():
                    with contextlib.suppress(ConnectionError):
                        w.write(b"a")

    dripping = asyncio.create_task(trickle())
    try:
        yield readers
    finally:
        dripping.cancel()
        for w in writers:
            w.close()


async def _worst_health(url: str, seconds: float) -> float:
    worst, deadline = 0.0, time.monotonic() + seconds
    async with httpx.AsyncClient(timeout=5) as http:
        await http.get(url)  # connect first: the connection's own cost is not the question
        while time.monotonic() < deadline:
            t0 = time.perf_counter()
            assert (await http.get(url)).status_code == 200
            worst = max(worst, time.perf_counter() - t0)
            await asyncio.sleep(0.05)
    return worst


@pytest.fixture
async def live(ctx):
    server = LiveServer(create_app(ctx=ctx))
    await server.start()
    yield server
    await server.stop(within=15)


async def test_the_api_answers_while_many_requests_are_half_sent(live):
    async with half_sent(live.port, SLOW):
        worst = await _worst_health(f"{live.base_url}/health", 2.0)
    figures.record(f"slowest /health beside {SLOW} half-sent requests (ms)", round(worst * 1000))
    assert worst < 0.5, f"/health took {worst * 1000:.0f} ms beside {SLOW} half-sent requests"


def test_the_compose_caddyfile_times_out_slow_request_heads_and_bodies():
    text = CADDYFILE.read_text(encoding="utf-8")
    timeouts = dict(re.findall(r"\t\t\t(read_header|read_body|write|idle) (\d+)s", text))
    assert int(timeouts["read_header"]) <= 10 and int(timeouts["read_body"]) <= 60
    assert "write" not in timeouts  # the notice stream is one long response


def _local(api_port: int, public: int) -> str:
    """The compose Caddyfile on this machine, its read_header shortened to 1 s for the test."""
    text = CADDYFILE.read_text(encoding="utf-8")
    swaps = {
        "dynamic a api 8000 {\n\t\trefresh 5s\n\t}": f"to 127.0.0.1:{api_port}",
        "{$DIENNHA_DOMAIN:localhost} {": f"http://127.0.0.1:{public} {{",
        "http://127.0.0.1:8081 {": f"http://127.0.0.1:{free_port()} {{",
        "reverse_proxy 127.0.0.1:8550": f"reverse_proxy 127.0.0.1:{free_port()}",
        "read_header 10s": "read_header 1s",
        "{\n\tservers {": "{\n\tadmin off\n\tservers {",
    }
    for old, new in swaps.items():
        assert text.count(old) == 1, f"deploy/Caddyfile changed shape: {old!r}"
        text = text.replace(old, new)
    return text


@pytest.mark.skipif(shutil.which("caddy") is None, reason="no caddy binary (apt-get install caddy)")
async def test_caddy_closes_half_sent_requests_and_keeps_answering(live, tmp_path):
    public = free_port()
    config = tmp_path / "Caddyfile"
    config.write_text(_local(live.port, public))
    env = os.environ | {"XDG_DATA_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path)}
    log = (tmp_path / "caddy.log").open("wb")
    caddy = await asyncio.create_subprocess_exec(
        "caddy", "run", "--config", str(config), "--adapter", "caddyfile",
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{public}/api/v1/health"
        deadline = time.monotonic() + 30
        async with httpx.AsyncClient(timeout=2) as http:  # the API runs in this event loop
            while True:
                assert caddy.returncode is None, (tmp_path / "caddy.log").read_text()
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get(url)).status_code == 200:
                        break
                assert time.monotonic() < deadline, "caddy did not start"
                await asyncio.sleep(0.2)
        started = time.monotonic()
        async with half_sent(public, SLOW) as readers:
            worst = await _worst_health(url, 1.0)

            async def closed(reader: asyncio.StreamReader) -> bool:
                with contextlib.suppress(ConnectionError):
                    await reader.read()  # until Caddy closes (a 408, or nothing)
                return True

            done = await asyncio.wait_for(asyncio.gather(*(closed(r) for r in readers)), 10)
        took = time.monotonic() - started
    finally:
        caddy.terminate()
        await asyncio.wait_for(caddy.wait(), 10)
        log.close()
    figures.record("seconds until Caddy closed every half-sent request", round(took, 1))
    assert all(done) and took < 6, f"half-sent requests stayed open {took:.1f} s"
    assert worst < 0.5, f"/health through Caddy took {worst * 1000:.0f} ms"
