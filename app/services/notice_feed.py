"""Keeps the live notice stream open for one signed-in session: reconnects with backoff."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Protocol

from app.services.errors import AppError, AuthError
from app.services.sse import SseEvent

log = logging.getLogger(__name__)


class EventSource(Protocol):
    def events(self, last_event_id: str | None = None) -> AsyncIterator[SseEvent]: ...


class NoticeFeed:
    """`run(on_event)` until cancelled, or until the session is gone for good."""

    def __init__(
        self,
        source: EventSource,
        *,
        first_delay_s: float = 1.0,
        max_delay_s: float = 60.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.source = source
        self.first_delay_s = first_delay_s
        self.max_delay_s = max_delay_s
        self._sleep = sleep
        self.last_event_id: str | None = None
        self.connections = 0

    def next_delay(self, delay: float) -> float:
        """Doubling, capped; with jitter so many clients don't reconnect in step."""
        return min(self.max_delay_s, delay * 2) * random.uniform(0.8, 1.0)  # noqa: S311

    async def run(self, on_event: Callable[[SseEvent], Awaitable[None]]) -> None:
        delay = self.first_delay_s
        while True:
            try:
                self.connections += 1
                async for event in self.source.events(self.last_event_id):
                    delay = self.first_delay_s  # it works again: start backoff from the bottom
                    if event.id:
                        self.last_event_id = event.id
                    await on_event(event)
            except AuthError as e:
                if e.code == "session_expired":
                    return  # the API client told the app: it shows the sign-in screen
                log.info("notice stream refused (%s), retrying", e.code)
            except AppError as e:
                log.info("notice stream lost (%s), retrying in %.0fs", e.code, delay)
            except Exception:  # a bad event or a bug must not end live badges for the session
                log.exception("notice stream failed, reconnecting")
            await self._sleep(delay)
            delay = self.next_delay(delay)
