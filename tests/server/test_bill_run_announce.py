"""The bill run's announcer tells everyone queued before it closes, and one failed publish
(Redis gone for a moment) neither stops the others nor the run."""

from __future__ import annotations

import asyncio

from server.services.billing.bill_run_announce import Announcer


class FlakyHub:
    """A hub whose publish fails for one user and is slow for everyone."""

    def __init__(self, failing: int) -> None:
        self.failing = failing
        self.told: list[int] = []

    async def publish(self, user_id: int, event: dict) -> None:
        await asyncio.sleep(0.001)
        if user_id == self.failing:
            raise ConnectionError("redis went away")
        assert event == {"type": "notice"}
        self.told.append(user_id)


async def test_everyone_queued_is_told_once_even_when_one_publish_fails():
    hub = FlakyHub(failing=7)
    announcer = Announcer(hub)  # type: ignore[arg-type]
    announcer.add(range(0, 50))
    announcer.add(range(50, 100))
    await asyncio.wait_for(announcer.close(), 5)  # a dead publisher would hang the join
    assert sorted(hub.told) == [n for n in range(100) if n != 7]
    assert all(task.done() for task in announcer.tasks)


async def test_closing_with_nothing_queued_returns_at_once():
    announcer = Announcer(FlakyHub(failing=-1))  # type: ignore[arg-type]
    await asyncio.wait_for(announcer.close(), 1)
