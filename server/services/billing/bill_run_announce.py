"""After each committed batch, the bill run wakes the open streams of the people it told
(what commit_and_announce does for one transaction), without holding up the billing: with
Redis every publish is a round trip, and a month's run tells some 100k people, so a few
tasks publish from a queue while the batches go on. The live badge is best effort; the
inbox rows are already committed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable

from server.notify.hub import NoticeHub

PUBLISHERS = 8
log = logging.getLogger("diennha.bill_run")


class Announcer:
    def __init__(self, hub: NoticeHub) -> None:
        self.hub = hub
        self.queue: asyncio.Queue[int] = asyncio.Queue()
        self.tasks = [asyncio.create_task(self._publish()) for _ in range(PUBLISHERS)]

    def add(self, user_ids: Iterable[int]) -> None:
        for user_id in user_ids:
            self.queue.put_nowait(user_id)

    async def _publish(self) -> None:
        while True:
            user_id = await self.queue.get()
            try:
                await self.hub.publish(user_id, {"type": "notice"})
            except Exception:  # a lost badge is no lost notice; the queue must go on
                log.warning("could not announce a bill notice", exc_info=True)
            finally:
                self.queue.task_done()

    async def close(self) -> None:
        """Waits until everyone queued has been told, then stops the publishers."""
        try:
            await self.queue.join()
        finally:
            for task in self.tasks:
                task.cancel()
            for task in self.tasks:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
