"""Kiosk inactivity: after `idle_s` without a tap or key the session ends; the last
`warning_s` seconds count down on screen so someone still there can keep going."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import flet as ft

# Flet events a person causes (taps, typing, choosing); page resizes, connects and the
# route change that follows our own navigation are not someone at the counter.
ACTIVITY_EVENTS = frozenset(
    {
        "click",
        "tap",
        "tap_down",
        "long_press",
        "change",
        "submit",
        "select",
        "selection_change",
        "focus",
        "dismiss",
        "keyboard_event",
        "scroll",
    }
)


@ft.observable
@dataclass(kw_only=True)
class IdleWatch:
    idle_s: int
    warning_s: int
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    # Seconds left, shown only in the warning window; None otherwise.
    remaining: int | None = None
    # Nothing to wipe until someone has touched the kiosk since the last fresh start.
    used: bool = False
    _last: float = field(default=0.0, init=False, repr=False)

    def __post_init__(self) -> None:
        self.warning_s = max(1, min(self.warning_s, self.idle_s - 1))
        self._last = self.clock()

    @property
    def enabled(self) -> bool:
        return self.idle_s > 0

    def touch(self) -> None:
        """Someone is there: start the quiet time again and hide the countdown."""
        self._last = self.clock()
        self.used = True
        if self.remaining is not None:
            self.remaining = None

    def reset(self) -> None:
        """A fresh session began: nobody has used it yet."""
        self._last = self.clock()
        self.used = False
        self.remaining = None

    def tick(self) -> bool:
        """Once a second: update the countdown; True when the time is up."""
        if not self.enabled or not self.used:
            return False
        left = self.idle_s - (self.clock() - self._last)
        if left <= 0:
            self.remaining = None
            return True
        shown = int(left + 0.999) if left <= self.warning_s else None
        if shown != self.remaining:
            self.remaining = shown
        return False

    async def run(
        self, on_timeout: Callable[[], Awaitable[None]], sleep=asyncio.sleep, period: float = 1.0
    ) -> None:
        """The session's ticker (cancelled when the window or tab closes)."""
        while True:
            await sleep(period)
            if self.tick():
                await on_timeout()
                self.reset()


def watch_activity(page: ft.Page, on_activity: Callable[[], None]) -> None:
    """Count every tap, key and edit in this page's session as activity.

    Flet has no page-wide pointer hook, but every event a person causes reaches Python
    through the session's dispatcher; wrapping this one session's dispatcher (not the class)
    sees them all without touching each control."""
    session = page.session
    dispatch = session.dispatch_event

    async def counted(control_id: int, event_name: str, event_data) -> None:
        if event_name in ACTIVITY_EVENTS:
            on_activity()
        await dispatch(control_id, event_name, event_data)

    session.dispatch_event = counted  # type: ignore[method-assign]
    page.on_keyboard_event = lambda _e: None  # ask the client to send key presses at all
