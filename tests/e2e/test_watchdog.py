"""The e2e watchdog: a page whose renderer never answers cannot hold the run. Killing our
Chromium makes the waiting call fail at once, and the next page comes from a new browser."""

from __future__ import annotations

import threading
import time

import pytest

from tests.e2e.browser import pids_with


def test_a_hung_renderer_is_cut_loose_and_the_next_page_works(browser, new_page):
    page = new_page({"width": 400, "height": 300})
    page.set_content("<p>busy</p>")
    assert pids_with(browser.mark), "our Chromium is found by its mark"
    timer = threading.Timer(2, browser.kill)
    timer.start()
    started = time.monotonic()
    with pytest.raises(Exception, match=r"closed|crash|Target"):
        page.evaluate("() => { for (;;) {} }")  # no timeout of its own: waits forever
    assert time.monotonic() - started < 30
    timer.join()

    fresh = new_page({"width": 400, "height": 300})
    assert fresh.evaluate("() => 6 * 7") == 42
    assert not browser.killed
