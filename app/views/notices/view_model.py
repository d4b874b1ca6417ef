"""The signed-in person's inbox for the whole session: pages, unread count, the live stream."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.services.notice_feed import NoticeFeed
from app.services.protocols import NoticesRepo
from app.services.sse import SseEvent
from app.views.form_state import FormState
from domain.models import NotificationPublic

LINK_KINDS = {"link_request", "link_approved", "link_denied", "link_revoked"}


@ft.observable
@dataclass(kw_only=True)
class NoticeCenter(FormState):
    """One per session (made in app/session.py: build_session); the shell's badge and the inbox read it."""

    repo: NoticesRepo
    feed: NoticeFeed
    unread_count: int = 0
    items: list[NotificationPublic] = field(default_factory=list)
    next_cursor: str | None = None
    only_unread: bool = False
    loaded: bool = False
    live: bool = False
    # Bumped by every link notice: screens showing links (and the account list) reload on it.
    link_changes: int = 0
    on_link_change: Callable[[], Awaitable[None]] | None = None

    async def load(self) -> None:
        await self.run(self._first_page)

    async def _first_page(self) -> None:
        page = await self.repo.page(unread=self.only_unread)
        self.items, self.next_cursor = page.items, page.next_cursor
        self.unread_count, self.loaded = page.unread_count, True

    async def load_more(self) -> None:
        if not self.next_cursor:
            return

        async def call() -> None:
            page = await self.repo.page(unread=self.only_unread, cursor=self.next_cursor)
            known = {n.id for n in self.items}
            self.items = self.items + [n for n in page.items if n.id not in known]
            self.next_cursor, self.unread_count = page.next_cursor, page.unread_count

        await self.run(call)

    async def show_only_unread(self, only: bool) -> None:
        if only != self.only_unread:
            self.only_unread = only
            await self.load()

    async def mark_read(self, notice: NotificationPublic) -> None:
        if notice.read_at is not None:
            return

        async def call() -> None:
            done = await self.repo.mark_read(notice.id)
            self._replace(done)
            self.unread_count = max(0, self.unread_count - 1)

        await self.run(call)

    async def mark_all_read(self) -> None:
        async def call() -> None:
            result = await self.repo.mark_all_read()
            self.unread_count = result.unread_count
            await self._first_page()

        await self.run(call)

    async def on_event(self, event: SseEvent) -> None:
        """`unread` sets the badge; `notice` puts a new notice on top of a loaded inbox."""
        data: Any = event.json()
        if event.event == "unread":
            self.unread_count = int(data["unread_count"])
        elif event.event == "notice":
            notice = NotificationPublic.model_validate(data)
            if self.loaded and all(n.id != notice.id for n in self.items):
                self.items = [notice, *self.items]
            if notice.kind in LINK_KINDS:
                self.link_changes += 1
                if self.on_link_change:
                    await self.on_link_change()

    def _replace(self, notice: NotificationPublic) -> None:
        self.items = [notice if n.id == notice.id else n for n in self.items]
        if self.only_unread and notice.read_at:
            self.items = [n for n in self.items if n.id != notice.id]

    # -- the live stream, tied to the signed-in session ------------------------------------

    _task: asyncio.Task | None = field(default=None, init=False, repr=False)
    _listener: Any = field(default=None, init=False, repr=False)

    def follow_session(self, state: Any) -> None:
        """Stream while `state.session == "signed_in"`; stop and forget on sign-out.
        Call from the session's event loop (the listener may fire from anywhere)."""
        loop = asyncio.get_running_loop()

        def changed(sender: Any, name: str | None) -> None:
            if name in ("session", None):
                loop.call_soon_threadsafe(self._apply_session, sender.session)

        self._listener = changed  # observables hold listeners weakly
        state.subscribe(changed)
        self._apply_session(state.session)

    def _apply_session(self, session: str) -> None:
        if session == "signed_in":
            self.start()
        elif session == "signed_out":
            asyncio.get_running_loop().create_task(self.stop(forget=True))

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._stream())

    async def _stream(self) -> None:
        self.live = True
        try:
            await self.feed.run(self.on_event)
        finally:
            self.live = False

    async def stop(self, forget: bool = False) -> None:
        task, self._task = self._task, None
        if task and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if forget:  # someone else may sign in on this device next
            self.items, self.next_cursor, self.loaded = [], None, False
            self.unread_count, self.error, self.feed.last_event_id = 0, None, None
