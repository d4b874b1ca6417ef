"""Driving a Flet web page from Playwright: semantics on, find by identifier, type, screenshot."""

from __future__ import annotations

import time
from pathlib import Path

from playwright.sync_api import Locator, Page

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def open_app(page: Page, url: str) -> None:
    """Load the Flutter app and switch on its semantics tree (the DOM tests can read)."""
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    page.evaluate("document.querySelector('flt-semantics-placeholder').click()")


def by_id(page: Page, identifier: str) -> Locator:
    """The node tagged with `tagged(identifier, …)` in the app (topmost view last)."""
    return page.locator(f'[flt-semantics-identifier="{identifier}"]').last


def wait_id(page: Page, identifier: str, timeout: float = 20_000) -> Locator:
    node = by_id(page, identifier)
    node.wait_for(timeout=timeout)
    return node


def tap_to(page: Page, identifier: str, expect: str, timeout: float = 30_000) -> Locator:
    """Tap `identifier` until `expect` shows (a tap landing while Flutter is busy drawing
    can be lost: the control shows pressed and nothing happens); returns `expect`'s node."""
    deadline = time.monotonic() + timeout / 1000
    target = by_id(page, expect)
    while True:
        wait_id(page, identifier, timeout=max(1.0, deadline - time.monotonic()) * 1000).click()
        try:
            target.wait_for(timeout=min(8_000, max(1.0, deadline - time.monotonic()) * 1000))
            return target
        except Exception:
            if time.monotonic() >= deadline or by_id(page, identifier).count() == 0:
                raise


def type_into(page: Page, label: str, text: str) -> None:
    """Click the labelled field, then type: filling the DOM input directly is not seen by
    Flutter's text editing reliably, key presses are. A key can still be lost while the
    field takes focus, so the field's value is checked and typed again if it differs."""
    field = page.get_by_role("textbox", name=label)
    for attempt in range(3):
        field.click()
        time.sleep(0.2)
        if attempt:
            page.keyboard.press("ControlOrMeta+A")
            page.keyboard.press("Backspace")
        page.keyboard.type(text, delay=15)
        if _value_becomes(field, text):
            break
    time.sleep(0.2)


def _value_becomes(field: Locator, text: str, timeout: float = 2.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if field.input_value(timeout=500) == text:
                return True
        except Exception:  # not an <input> we can read: trust the keys
            return True
        time.sleep(0.1)
    return False


def shot(page: Page, name: str) -> Path:
    """Keep a screenshot in test-artifacts/e2e (after letting animations settle)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    time.sleep(0.8)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


UNNAMED_JS = """() => [...document.querySelectorAll('flt-semantics[role], flt-semantics input')]
  .filter(e => ['button','link','checkbox','tab','menuitem','menuitemcheckbox','radio',
                'switch','slider','textbox'].includes(e.getAttribute('role') ||
                (e.tagName === 'INPUT' ? 'textbox' : '')))
  .filter(e => !(e.getAttribute('aria-label') || e.textContent || '').trim()
               && !(e.closest('[aria-label]')?.getAttribute('aria-label') || '').trim())
  .map(e => e.outerHTML.slice(0, 160))"""


def unnamed_controls(page: Page) -> list[str]:
    """Interactive nodes a screen reader would announce without a name (should be none)."""
    return page.evaluate(UNNAMED_JS)


SCREEN_TEXT_JS = """() => { const host = document.querySelector('flt-semantics-host');
  if (!host) return '';
  return [...host.querySelectorAll('*')]
    .map(n => n.getAttribute('aria-label') || '').concat([host.innerText]).join(' '); }"""


def screen_text(page: Page) -> str:
    """Everything the semantics tree says right now (labels and text), as a screen reader
    could read it: what a person at the screen can reach."""
    return page.evaluate(SCREEN_TEXT_JS)


TEXT_JS = """e => [e, ...e.querySelectorAll('*')]
  .map(n => (n.getAttribute && n.getAttribute('aria-label')) || '')
  .concat([e.innerText]).join(' ')"""


def text_of(page: Page, identifier: str) -> str:
    """What a screen reader reads in that node, labels of merged children included."""
    return by_id(page, identifier).evaluate(TEXT_JS)


def wait_text(page: Page, identifier: str, text: str, timeout: float = 20_000) -> None:
    page.wait_for_function(
        f"([id, text]) => {{ const e = [...document.querySelectorAll("
        f'`[flt-semantics-identifier="${{id}}"]`)].pop(); return e && ({TEXT_JS})(e).includes(text); }}',
        arg=[identifier, text],
        timeout=timeout,
    )


SMALL_TARGETS_JS = """(min) => [...document.querySelectorAll(
    'flt-semantics[role=button], flt-semantics[role=tab], flt-semantics[role=checkbox], '
    + 'flt-semantics[role=switch], flt-semantics[role=radio], [flt-tappable]')]
  .map(e => ({r: e.getBoundingClientRect(), e}))
  .filter(({r}) => r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight)
  .filter(({r}) => r.height < min - 0.5)
  .map(({r, e}) => `${Math.round(r.height)}px `
       + (e.getAttribute('flt-semantics-identifier') || e.getAttribute('aria-label')
          || e.textContent || '').trim().slice(0, 40))"""


def small_targets(page: Page, minimum: int = 48) -> list[str]:
    """Tappable nodes fully on screen that are less than `minimum` px tall (issue 21.7)."""
    return page.evaluate(SMALL_TARGETS_JS, minimum)
