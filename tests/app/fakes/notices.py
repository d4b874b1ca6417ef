"""Fake inbox: pages with the unread count, marking read, and a live stream fed by a queue."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.services.protocols import NoticesRepo
from app.services.sse import SseEvent
from domain.models import NotificationPage, NotificationPublic, ReadAllResult

AT = datetime(2026, 11, 24, 3, tzinfo=UTC)


def notice(
    nid: int, kind: str = "bill_issued", read: bool = False, **extra: Any
) -> NotificationPublic:
    return NotificationPublic(
        id=nid,
        kind=kind,
        title=f"N{nid}",
        body="…",
        created_at=AT,
        read_at=AT if read else None,
        **extra,
    )


@dataclass
class FakeNotices(NoticesRepo):
    inbox: list[NotificationPublic] = field(default_factory=list)
    page_size: int = 2
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    # The live stream: events to hand out per connection; None ends that connection.
    queue: asyncio.Queue[SseEvent | Exception | None] = field(default_factory=asyncio.Queue)
    connects: list[str | None] = field(default_factory=list)

    def _unread(self) -> int:
        return sum(n.read_at is None for n in self.inbox)

    async def page(
        self, *, unread: bool = False, cursor: str | None = None, limit: int = 20
    ) -> NotificationPage:
        self.calls.append(("page", unread, cursor))
        items = [n for n in self.inbox if not unread or n.read_at is None]
        start = int(cursor) if cursor else 0
        chunk = items[start : start + self.page_size]
        more = start + self.page_size < len(items)
        return NotificationPage(
            items=chunk,
            next_cursor=str(start + self.page_size) if more else None,
            unread_count=self._unread(),
        )

    async def mark_read(self, notice_id: int) -> NotificationPublic:
        self.calls.append(("read", notice_id))
        self.inbox = [
            n.model_copy(update={"read_at": AT}) if n.id == notice_id else n for n in self.inbox
        ]
        return next(n for n in self.inbox if n.id == notice_id)

    async def mark_all_read(self) -> ReadAllResult:
        self.calls.append(("read_all",))
        marked = self._unread()
        self.inbox = [n.model_copy(update={"read_at": n.read_at or AT}) for n in self.inbox]
        return ReadAllResult(marked=marked, unread_count=0)

    async def events(self, last_event_id: str | None = None) -> AsyncIterator[SseEvent]:
        self.connects.append(last_event_id)
        while True:
            item = await self.queue.get()
            if item is None:
                return
            if isinstance(item, Exception):
                raise item
            yield item
