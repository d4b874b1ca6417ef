"""Notices at run time: the dispatcher task of an API worker (or of its own process), and the
"server is stopping" signal that ends live streams so a worker can shut down promptly."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from server.config import Settings
from server.notify.channels import build_senders, close_senders
from server.notify.dispatcher import Dispatcher, RetryPolicy
from server.notify.sending import Sender

log = logging.getLogger("diennha.outbox")


def make_dispatcher(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    senders: dict[str, Sender] | None = None,
) -> Dispatcher:
    s = settings
    return Dispatcher(
        sessions,
        senders if senders is not None else build_senders(s),
        policy=RetryPolicy(
            s.outbox_max_attempts, s.outbox_backoff_base_seconds, s.outbox_backoff_max_seconds
        ),
        lease_seconds=s.outbox_lease_seconds,
        batch_size=s.outbox_batch_size,
        poll_seconds=s.outbox_poll_seconds,
    )


def _uvicorn_server():
    """The uvicorn Server running us, found through the SIGTERM handler it installed (the
    only handle uvicorn offers); None under other servers, in threads and in tests."""
    handler = signal.getsignal(signal.SIGTERM)
    server = getattr(handler, "__self__", None)
    return server if hasattr(server, "should_exit") else None


class NotifyRuntime:
    def __init__(self, dispatcher: Dispatcher | None) -> None:
        self.dispatcher = dispatcher
        self.closing = asyncio.Event()  # set when the server stops: live streams end
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task] = []

    @classmethod
    def for_app(cls, settings: Settings, sessions: async_sessionmaker[AsyncSession]):
        run = settings.dispatcher_in_app
        return cls(make_dispatcher(settings, sessions) if run else None)

    def start(self) -> None:
        if self.dispatcher is not None:
            self._tasks.append(asyncio.create_task(self.dispatcher.run(self._stop)))
        server = _uvicorn_server()
        if server is not None:
            self._tasks.append(asyncio.create_task(self._watch(server)))

    async def _watch(self, server) -> None:
        # uvicorn waits for open responses before it shuts the app down; streams must end first.
        while not server.should_exit and not self._stop.is_set():  # noqa: ASYNC110 (a flag)
            await asyncio.sleep(0.25)
        self.closing.set()

    async def stop(self) -> None:
        self.closing.set()
        self._stop.set()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                try:
                    await asyncio.wait_for(task, timeout=15)
                except TimeoutError:
                    log.warning("notify runtime: a task did not stop in time")
        if self.dispatcher is not None:
            await close_senders(self.dispatcher.senders)


@contextlib.asynccontextmanager
async def running_notices(ctx) -> AsyncIterator[NotifyRuntime]:
    """For the app's lifespan: dispatcher (unless DIENNHA_DISPATCHER_IN_APP=false) and the
    shutdown signal for streams, reachable by routes as `ctx.notices`."""
    runtime = NotifyRuntime.for_app(ctx.settings, ctx.sessions)
    ctx.notices = runtime
    runtime.start()
    try:
        yield runtime
    finally:
        await runtime.stop()
        ctx.notices = None
