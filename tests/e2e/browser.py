"""Our headless Chromium for the e2e tests: its switches, a handle that relaunches it and can
kill it from another thread (the watchdog), and screenshots of a failing test's pages."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import uuid
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# A test that waits on the browser for longer than this has met a hung renderer (a call such
# as page.evaluate or a key press has no timeout of its own): the watchdog kills Chromium so
# the waiting call fails at once, the test fails saying why, and the next test (or the rerun)
# gets a new browser. Without it one hang held the whole CI run until its 90 minutes ran out.
E2E_TEST_LIMIT_S = float(os.environ.get("DIENNHA_E2E_TEST_LIMIT_S", "240"))


def pids_with(arg: str) -> list[int]:
    """Processes whose command line holds `arg` (Linux /proc; none elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if arg.encode() in (entry / "cmdline").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


class Chromium:
    """The headless Chromium the e2e tests share: launched on first use, launched again when
    it is gone; `kill()` may be called from any thread."""

    def __init__(self, playwright, path: str):
        self._pw = playwright
        self._path = path
        # Chromium ignores switches it does not know: this one finds our browser's process.
        self.mark = f"--diennha-e2e={os.getpid()}-{uuid.uuid4().hex}"
        self._browser = None
        self.killed = False

    def get(self):
        if self._browser is None or not self._browser.is_connected():
            self._browser = self._pw.chromium.launch(
                executable_path=self._path, args=[*CHROMIUM_ARGS, self.mark]
            )
            self.killed = False
        return self._browser

    def kill(self) -> None:
        self.killed = True
        for pid in pids_with(self.mark):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def close(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            self._browser.close()


def screenshot_pages(item) -> None:
    from tests.e2e.flet_page import ARTIFACTS

    chromium = getattr(item, "e2e_browser", None)
    if chromium is not None and chromium.killed:
        return  # nothing left to photograph
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", item.name)
    attempt = getattr(item, "execution_count", 1)
    for i, context in enumerate(getattr(item, "e2e_contexts", ())):
        for j, page in enumerate(context.pages):
            path = ARTIFACTS / f"failed-{name}-{attempt}{i}{j}.png"
            try:  # a stalled tab must not turn the failure into an error of its own
                page.screenshot(path=str(path), timeout=10_000)
                print(f"screenshot of the failure: {path}")
            except Exception as e:
                print(f"no screenshot of {name} page {i}{j}: {e}")
