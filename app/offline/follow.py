"""Ties the offline cache to a session: filled after sign-in and on reconnecting, wiped with
the person's sign-out or a lost session (AppState.on_forget)."""

from __future__ import annotations

import asyncio
from typing import Any

from app.offline.cache import OfflineCache
from app.offline.sync import OfflineSync


class OfflineFollower:
    def __init__(self, cache: OfflineCache, sync: OfflineSync) -> None:
        self.cache = cache
        self.sync = sync
        self._listener: Any = None
        self._task: asyncio.Task | None = None
        self._was_offline = False

    def follow(self, state: Any) -> None:
        """Call from the session's event loop."""
        loop = asyncio.get_running_loop()
        state.on_forget.append(self.cache.wipe)

        def changed(sender: Any, name: str | None) -> None:
            if name in ("session", "offline", None):
                loop.call_soon_threadsafe(self._apply, sender.session, sender.offline)

        self._listener = changed  # observables hold listeners weakly
        state.subscribe(changed)
        self._apply(state.session, state.offline)

    def _apply(self, session: str, offline: bool) -> None:
        back_online = self._was_offline and not offline
        self._was_offline = offline
        if session != "signed_in" or offline:
            return
        if self._task is None or self._task.done() or back_online:
            self._task = asyncio.get_running_loop().create_task(
                self.sync.refresh(force=back_online)
            )

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
