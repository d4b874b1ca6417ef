"""The web process's tabs: every open tab is a Python session here, so a month-end of
signed-in tabs left open is memory and live refresh tokens. This reclaims both:

- a signed-in tab with no tap, key or edit for `idle_s` (default 15 min) is signed out on
  the server (its refresh token revoked), its data dropped, and it returns to the sign-in
  screen with a note (a fresh, light guest session);
- a closed tab is kept `reconnect_s` (default 60 s) for a reload or a network blip, then Flet
  evicts it (checked every 10 s) and `page.on_close` revokes its token;
- after sessions go, the freed memory is handed back to the OS (gc + glibc malloc_trim).

Settings: DIENNHA_WEB_IDLE_S, DIENNHA_WEB_RECONNECT_S (0 disables the idle sign-out)."""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

IDLE_S = 15 * 60
RECONNECT_S = 60
TICK_S = 15.0


def env_seconds(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.isascii() and raw.isdigit() else default


@dataclass
class Tab:
    page: Any
    holder: Any  # app.session.SessionHolder
    last: float


@dataclass
class WebSessions:
    idle_s: int = IDLE_S
    clock: Callable[[], float] = time.monotonic
    tabs: dict[int, Tab] = field(default_factory=dict)
    reclaimed: int = 0
    closed: int = 0
    _task: asyncio.Task | None = None

    def track(self, page: Any, holder: Any) -> None:
        """Call from the tab's main(): its taps, edits and choices count as activity."""
        key = id(page)
        self.tabs[key] = Tab(page, holder, self.clock())
        if self.idle_s > 0 and (self._task is None or self._task.done()):
            self._task = asyncio.get_running_loop().create_task(self._run())

        def touch() -> None:
            tab = self.tabs.get(key)
            if tab is not None:
                tab.last = self.clock()

        count_activity(page, touch)

    def forget(self, page: Any) -> None:
        """The tab is gone for good (Flet evicted it and its holder closed, revoking)."""
        if self.tabs.pop(id(page), None) is not None:
            self.closed += 1
            release_memory()

    async def reclaim_idle(self) -> int:
        """Sign out every signed-in tab idle for `idle_s`; returns how many."""
        now = self.clock()
        due = [
            t
            for t in list(self.tabs.values())
            if now - t.last >= self.idle_s and t.holder.current.state.session == "signed_in"
        ]
        for tab in due:
            try:
                await tab.holder.end()  # POST /auth/logout, wipe, a fresh signed-out session
                tab.holder.current.state.error = "session_idle"
                tab.page.navigate("/sign-in")  # "signed out after a while without use"
            except Exception:
                log.exception("reclaiming an idle tab failed")
            tab.last = now
            self.reclaimed += 1
        if due:
            release_memory()
        return len(due)

    async def _run(self) -> None:
        while self.tabs:
            await asyncio.sleep(min(TICK_S, max(1.0, self.idle_s / 4)))
            await self.reclaim_idle()


def count_activity(page: Any, on_activity: Callable[[], None]) -> None:
    """Every event a person causes reaches Python through the session's dispatcher; wrapping
    this one session's dispatcher sees them all (the kiosk's watch_activity also asks for key
    presses, which a web tab does not need: edits arrive as change events)."""
    from app.views.kiosk.idle_watch import ACTIVITY_EVENTS

    session = page.session
    dispatch = session.dispatch_event

    async def counted(control_id: int, event_name: str, event_data: Any) -> None:
        if event_name in ACTIVITY_EVENTS:
            on_activity()
        await dispatch(control_id, event_name, event_data)

    session.dispatch_event = counted


def release_memory() -> None:
    """Give freed session memory back to the OS: Python's allocator keeps arenas, glibc keeps
    freed heap pages until asked (without this the process never shrinks after a peak)."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): the OS reclaims in its time
        pass


_REGISTRY: WebSessions | None = None


def registry() -> WebSessions:
    """One per web process (all tabs share its event loop)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = WebSessions(idle_s=env_seconds("DIENNHA_WEB_IDLE_S", IDLE_S))
    return _REGISTRY
