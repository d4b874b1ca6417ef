"""deploy/Caddyfile in front of two real API workers: /api/* spreads over the workers and
survives one of them stopping, / goes to the web client, the SSE stream is not held back,
and the client address the API rate-limits on is the browser's, never a forged header.

Runs the real `caddy` binary (skipped without it); only the worker addresses, the site
address and the ports are rewritten for this machine."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import websockets

from tests.deploy.workers import (
    OWNER_PASSWORD,
    OWNER_PHONE,
    reachable,
    running_pair,
)
from tests.ports import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CADDYFILE = ROOT / "deploy" / "Caddyfile"

if shutil.which("caddy") is None:
    pytest.skip(
        "the caddy binary is not installed (apt-get install caddy)", allow_module_level=True
    )
_why_not = reachable()
if _why_not:
    pytest.skip(_why_not, allow_module_level=True)


def local_caddyfile(workers: list[str], public: int, internal: int, web: int) -> str:
    """The deployed Caddyfile with this machine's addresses in place of Docker's."""
    text = CADDYFILE.read_text(encoding="utf-8")
    swaps = {
        "dynamic a api 8000 {\n\t\trefresh 5s\n\t}": "to " + " ".join(workers),
        "{$DIENNHA_DOMAIN:localhost} {": f"http://127.0.0.1:{public} {{",
        "http://127.0.0.1:8081 {": f"http://127.0.0.1:{internal} {{",
        "reverse_proxy 127.0.0.1:8550": f"reverse_proxy 127.0.0.1:{web}",
    }
    for old, new in swaps.items():
        assert text.count(old) == 1, f"deploy/Caddyfile changed shape: {old!r}"
        text = text.replace(old, new)
    assert text.count("{\n\tservers {") == 1, "deploy/Caddyfile: its global options changed shape"
    return text.replace("{\n\tservers {", "{\n\tadmin off\n\tservers {", 1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("proxy")
    limits = {"DIENNHA_OTP_RATE_PER_IP": "3/hour"}
    with running_pair(workdir, limits) as pair:
        public, internal, web = free_port(), free_port(), free_port()
        workers = [b.removesuffix("/api/v1").removeprefix("http://") for b in (pair.a, pair.b)]
        config = workdir / "Caddyfile"
        config.write_text(local_caddyfile(workers, public, internal, web))
        caddy_env = os.environ | {"XDG_DATA_HOME": str(workdir), "XDG_CONFIG_HOME": str(workdir)}
        # the real web client, calling the API through Caddy's loopback door as in compose.yaml
        web_env = {k: v for k, v in os.environ.items() if not k.startswith("DIENNHA_")}
        web_env["DIENNHA_API_URL"] = f"http://127.0.0.1:{internal}/api/v1"
        processes: list[tuple[subprocess.Popen, Path]] = []
        try:
            for name, command, env in (
                ("caddy", ["caddy", "run", "--config", str(config), "--adapter", "caddyfile"], caddy_env),
                ("web", [sys.executable, "main.py", "--web", "--host", "127.0.0.1", "--port", str(web)], web_env),
            ):  # fmt: skip
                log = workdir / f"{name}.log"
                with log.open("wb") as out:
                    proc = subprocess.Popen(
                        command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
                    )
                processes.append((proc, log))
            _wait_for(f"http://127.0.0.1:{public}/api/v1/health", *processes[0])
            _wait_for(f"http://127.0.0.1:{web}/", *processes[1])
            yield pair, f"http://127.0.0.1:{public}", f"http://127.0.0.1:{internal}"
        finally:
            for proc, _ in processes:
                proc.terminate()
            for proc, _ in processes:
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    print(f"{proc.args[:3]} ignored SIGTERM for 20 s; killed")
                    proc.kill()
                    proc.wait(timeout=5)


def _wait_for(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, f"{proc.args[0]} exited:\n{log.read_text(errors='replace')}"
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"not serving in 60 s:\n{log.read_text()}"
        time.sleep(0.2)


def test_routes_api_to_the_workers_and_the_rest_to_the_web_client(stack):
    _, public, internal = stack
    assert httpx.get(f"{public}/api/v1/ready").json() == {"status": "ready"}
    for path in ("/", "/accounts/PE01000123456"):  # the client's own routes
        page = httpx.get(f"{public}{path}")
        assert page.status_code == 200 and "flutter" in page.text.lower(), path
    assert httpx.get(f"{internal}/api/v1/health").status_code == 200
    assert httpx.get(f"{internal}/").status_code == 404  # the internal door is API-only


async def test_web_client_websocket_upgrades_through_the_proxy(stack):
    _, public, _ = stack
    url = public.replace("http://", "ws://") + "/ws"
    async with websockets.connect(url, open_timeout=10) as ws:  # HTTP 101 through Caddy
        assert ws.response.status_code == 101


async def test_sse_events_pass_the_proxy_at_once(stack):
    _, public, _ = stack
    async with httpx.AsyncClient(base_url=f"{public}/api/v1", timeout=10) as client:
        login = await client.post(
            "/auth/login", json={"phone": OWNER_PHONE, "password": OWNER_PASSWORD}
        )
        assert login.status_code == 200, login.text
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        started = time.monotonic()
        async with client.stream(
            "GET", "/notifications/stream", headers=headers, timeout=None
        ) as stream:
            assert stream.status_code == 200
            lines = stream.aiter_lines()
            # the greeting (`event: unread`) is a few dozen bytes; a buffering proxy would
            # sit on it until a buffer fills or the stream ends
            first = await asyncio.wait_for(anext(lines), timeout=3)
            assert first.startswith(("event:", "retry:", "data:", "id:")), first
            assert time.monotonic() - started < 3


def _otp(base: str, phone: str, forwarded_for: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    r = httpx.post(
        f"{base}/api/v1/auth/otp", json={"phone": phone, "purpose": "login"}, headers=headers
    )
    return r.status_code


def test_web_client_door_keeps_the_browser_address_for_per_ip_limits(stack):
    """3 OTPs per IP per hour: one browser (as told by the web client) is limited, another
    browser behind the same web server is not."""
    _, _, internal = stack
    codes = [_otp(internal, f"090955510{i}", "203.0.113.7") for i in range(4)]
    assert codes == [202, 202, 202, 429]
    assert _otp(internal, "0909555110", "203.0.113.8") == 202


def test_public_door_ignores_a_forged_forwarded_for(stack):
    """From the internet, X-Forwarded-For is the caller's to invent: it must not buy a fresh
    per-IP allowance. All of these come from 127.0.0.1 and share its three OTPs."""
    _, public, _ = stack
    codes = [_otp(public, f"090955520{i}", f"198.51.100.{i}") for i in range(4)]
    assert codes == [202, 202, 202, 429]


def test_requests_keep_working_when_one_worker_stops(stack):
    pair, public, _ = stack
    pair.processes[0].terminate()
    pair.processes[0].wait(timeout=20)
    statuses = [httpx.get(f"{public}/api/v1/health", timeout=10).status_code for _ in range(8)]
    assert statuses == [200] * 8
