"""Live fan-out of "something changed for user N" to that user's open SSE streams.

One process: in memory. Several workers: through Redis pub/sub, so a notice created by one
worker reaches a stream held open by another."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections import defaultdict
from collections.abc import AsyncIterator

log = logging.getLogger("diennha.hub")
CHANNEL = "diennha:notices"


class NoticeHub:
    def __init__(self, redis=None) -> None:
        self._queues: dict[int, set[asyncio.Queue]] = defaultdict(set)
        self._redis = redis
        self._listener: asyncio.Task | None = None

    @classmethod
    def create(cls, redis_url: str | None) -> NoticeHub:
        if not redis_url:
            return cls()
        import redis.asyncio as aioredis

        return cls(aioredis.from_url(redis_url.removeprefix("async+")))

    async def publish(self, user_id: int, event: dict) -> None:
        if self._redis is None:
            self._deliver(user_id, event)
            return
        try:
            await self._redis.publish(CHANNEL, json.dumps({"u": user_id, "e": event}))
        except Exception:  # a live badge is best effort; the inbox row is already stored
            log.warning("could not publish a notice event to Redis", exc_info=True)
            self._deliver(user_id, event)

    def _deliver(self, user_id: int, event: dict) -> None:
        for q in list(self._queues.get(user_id, ())):
            with contextlib.suppress(asyncio.QueueFull):
                q.put_nowait(event)

    async def start(self) -> None:
        """Subscribes before the worker takes traffic, so no early event is missed."""
        if self._redis is None or (self._listener is not None and not self._listener.done()):
            return
        pubsub = self._redis.pubsub()
        try:
            await pubsub.subscribe(CHANNEL)
        except Exception:  # Redis not up yet: the listener keeps trying; /ready says 503
            log.warning("notice fan-out cannot reach Redis yet", exc_info=True)
        self._listener = asyncio.create_task(self._listen(pubsub))

    async def _listen(self, pubsub) -> None:
        delay = 0.5
        while True:
            try:
                async for msg in pubsub.listen():
                    delay = 0.5
                    if msg.get("type") == "message":
                        data = json.loads(msg["data"])
                        self._deliver(int(data["u"]), data["e"])
            except asyncio.CancelledError:
                await pubsub.aclose()
                raise
            except Exception:  # Redis restarted or the connection dropped: resubscribe
                log.warning("notice fan-out lost Redis; retrying in %.1f s", delay, exc_info=True)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10)
                with contextlib.suppress(Exception):
                    await pubsub.aclose()
                pubsub = self._redis.pubsub()
                with contextlib.suppress(Exception):
                    await pubsub.subscribe(CHANNEL)

    async def ping(self) -> None:
        """Raises when the shared Redis is configured and not answering."""
        if self._redis is not None:
            await self._redis.ping()

    def _ensure_listener(self) -> None:
        if self._redis is not None and (self._listener is None or self._listener.done()):
            self._listener = asyncio.create_task(self.start())

    async def subscribe(self, user_id: int) -> AsyncIterator[dict]:
        """Events for one user until the caller stops iterating."""
        self._ensure_listener()
        q: asyncio.Queue = asyncio.Queue(maxsize=100)
        self._queues[user_id].add(q)
        try:
            while True:
                yield await q.get()
        finally:
            self._queues[user_id].discard(q)
            if not self._queues[user_id]:
                del self._queues[user_id]

    async def close(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._listener
        if self._redis is not None:
            await self._redis.aclose()
