"""End-to-end fixtures: the real backend and the web client as subprocesses, headless Chromium.

Skips (with the reason) when Debian's Chromium or Playwright is not available.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.browser import CHROMIUM, E2E_TEST_LIMIT_S, Chromium, screenshot_pages
from tests.e2e.usage_bills_steps import make_unpaid
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing browser test leaves a screenshot of each of its pages in
    test-artifacts/e2e/failed-<test>-<try><context><page>.png, taken here, right after the
    failure: a try that is rerun keeps its fixtures open past it, and its report says "rerun"."""
    outcome = yield
    if call.when == "call" and outcome.get_result().failed:
        screenshot_pages(item)


# Browser tests get one more try (pytest-rerunfailures; the summary counts reruns): on two
# shared cores, software-rendered Flutter now and then loses a tap or stalls its canvas for
# longer than a wait. A real fault fails both tries. Nothing else in the suite is retried.
E2E_RERUNS = 1


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.flaky(reruns=E2E_RERUNS, reruns_delay=2))


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args} exited early:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout}s:\n{log.read_text()[-2000:]}")


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT
    )


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium): no browser tests")
    pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def backend_data(tmp_path_factory) -> Path:
    """The backend's data folder (its SQLite file is `diennha.sqlite3`)."""
    return tmp_path_factory.mktemp("e2e-data")


@pytest.fixture(scope="session")
def backend(chromium_path, backend_data) -> Iterator[str]:
    """`python -m server serve` on a fresh SQLite file with the demo data; yields the API URL."""
    data = backend_data
    env = {
        **os.environ,
        "DIENNHA_DATA_DIR": str(data),
        "DIENNHA_ENV": "dev",
        # Every browser here signs in from 127.0.0.1, and the address's count holds every
        # password check, right or wrong (issue 14): the whole suite is one address for half
        # an hour, more sign-ins than one household's. The limit itself: tests/server.
        "DIENNHA_LOGIN_FAIL_PER_IP": "2000/15minutes",
    }
    for step in (["-m", "server", "migrate"], ["-m", "server", "seed", "--demo", "--if-empty"]):
        subprocess.run(
            [sys.executable, *step], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120
        )
    port = free_port()
    log = data / "api.log"
    proc = start(["-m", "server", "serve", "--host", "127.0.0.1", "--port", str(port)], env, log)
    api = f"http://127.0.0.1:{port}/api/v1"
    try:
        wait_http(f"{api}/ready", proc, log)
        yield api
    finally:
        stop(proc)


def web_client(api_url: str, log: Path, **extra_env: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "DIENNHA_API_URL": api_url, "DIENNHA_PROFILE": "web", **extra_env}
    env.pop("FLET_SERVER_PORT", None)
    proc = start(["main.py", "--web", "--port", str(port)], env, log)
    url = f"http://127.0.0.1:{port}/"
    wait_http(url, proc, log)
    return proc, url


@pytest.fixture(scope="session")
def app_url(backend, tmp_path_factory) -> Iterator[str]:
    """`python main.py --web` against the backend; yields the page URL."""
    proc, url = web_client(backend, tmp_path_factory.mktemp("e2e-web") / "web.log")
    try:
        yield url
    finally:
        stop(proc)


KIOSK_IDLE_S = 10
KIOSK_WARNING_S = 6


@pytest.fixture(scope="session")
def kiosk_url(backend, tmp_path_factory) -> Iterator[str]:
    """The kiosk profile in web mode with a short idle time (the countdown after 4 s)."""
    proc, url = web_client(
        backend,
        tmp_path_factory.mktemp("e2e-kiosk") / "web.log",
        DIENNHA_PROFILE="kiosk",
        DIENNHA_KIOSK_IDLE_S=str(KIOSK_IDLE_S),
        DIENNHA_KIOSK_IDLE_WARNING_S=str(KIOSK_WARNING_S),
    )
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def calm_kiosk_url(backend, tmp_path_factory) -> Iterator[str]:
    """The kiosk profile with the usual idle time, for walks through the start screen that
    are not about idling (a slow look-up must not meet a 4-second countdown)."""
    proc, url = web_client(
        backend,
        tmp_path_factory.mktemp("e2e-kiosk-calm") / "web.log",
        DIENNHA_PROFILE="kiosk",
        DIENNHA_KIOSK_IDLE_S="300",
    )
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def offline_app_url(chromium_path, tmp_path_factory) -> Iterator[str]:
    """The web client pointed at a port where nothing listens: the backend is 'down'."""
    dead = f"http://127.0.0.1:{free_port()}/api/v1"
    proc, url = web_client(dead, tmp_path_factory.mktemp("e2e-offline") / "web.log")
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="package")
def browser(chromium_path) -> Iterator[Chromium]:
    # Package scope: Playwright's sync API keeps an event loop running in this thread while it
    # is started, which would stop every asyncio test collected after the e2e folder.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = Chromium(pw, chromium_path)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def browser_watchdog(request) -> Iterator[None]:
    """Kills this test's browser if the test is still waiting on it after E2E_TEST_LIMIT_S."""
    if "browser" not in request.fixturenames:
        yield
        return
    chromium = request.getfixturevalue("browser")

    test_thread = threading.get_ident()

    def bite() -> None:
        frame = sys._current_frames().get(test_thread)
        where = "".join(traceback.format_stack(frame)[-12:]) if frame else "(no stack)"
        sys.stderr.write(f"\nwatchdog: the test was waiting here:\n{where}")
        sys.stderr.write(
            f"\nwatchdog: {request.node.nodeid} still running after {E2E_TEST_LIMIT_S:.0f} s "
            "(DIENNHA_E2E_TEST_LIMIT_S): Chromium was killed, so a call waiting on a hung page "
            "fails now instead of holding the run\n"
        )
        chromium.kill()

    timer = threading.Timer(E2E_TEST_LIMIT_S, bite)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()


@pytest.fixture
def new_page(browser, request):
    """new_page(viewport) -> a Page in a fresh context (no cookies or storage shared)."""
    contexts = request.node.e2e_contexts = []
    request.node.e2e_browser = browser

    def make(viewport: dict):
        context = browser.get().new_context(viewport=viewport, locale="vi-VN")
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        with contextlib.suppress(Exception):  # gone with a killed browser
            context.close()


@pytest.fixture
def unpaid_bill(backend, backend_data) -> dict:
    """The AMI code's newest bill, made unpaid for this test (as the API lists it): tests that
    pay do not hope the demo still has an unpaid bill left on the day they run."""
    return make_unpaid(backend, backend_data / "diennha.sqlite3")
