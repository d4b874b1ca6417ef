"""The live stream of one person's notices (Server-Sent Events): the unread count when it
opens and after every change, each new notice as it arrives; ends on shutdown, and when its
sign-in ends or its access token expires (asked again before every delivery and at least every
`recheck_seconds`, shorter than the 15 s ping; the client reconnects with a fresh token)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable
from typing import cast

from fastapi.sse import ServerSentEvent
from sqlalchemy import select

from server.access import LIVE_SIGN_IN
from server.context import ServerContext
from server.models import User
from server.notify import reading
from server.reads import reads_for
from server.security import AccessClaims
from server.signin import is_live, sign_in_params

RETRY_MS = 3000  # how long a disconnected EventSource waits before it reconnects


def _unread(count: int, retry: int | None = None) -> ServerSentEvent:
    return ServerSentEvent(event="unread", data={"unread_count": count}, retry=retry)


async def _changes(ctx: ServerContext, user_id: int, after_id: int, replay: bool):
    """Reads what changed in a short session (no connection is held between events)."""
    async with ctx.sessions() as session:
        lang = (await session.execute(select(User.language).where(User.id == user_id))).scalar()
        news = await reading.newer_than(session, user_id, lang or "vi", after_id) if replay else []
        return news, await reading.unread_count(session, user_id)


async def sign_in_is_live(ctx: ServerContext, claims: AccessClaims) -> bool:
    """The sign-in rule (server/signin.py) asked again later, for what outlives its request (the live
    notice stream): the token has not expired and its sign-in and user still exist, unrevoked."""
    if time.time() >= claims.expires_at:
        return False
    row = await reads_for(ctx).first(LIVE_SIGN_IN, **sign_in_params(claims))
    return row is not None and is_live(claims, row["revoked_at"], row["signed_in_at"])


def _ended() -> ServerSentEvent:
    return ServerSentEvent(event="end", data={"reason": "sign_in_ended"})


async def _always() -> bool:
    return True


async def notice_events(
    ctx: ServerContext,
    user_id: int,
    last_event_id: int | None,
    live: Callable[[], Awaitable[bool]] = _always,
    recheck_seconds: float = 10.0,
) -> AsyncIterator[ServerSentEvent]:
    runtime = ctx.notices
    closing = runtime.closing if runtime else asyncio.Event()
    events = ctx.hub.subscribe(user_id)
    # Start listening before reading the state, so a notice committed in between isn't missed.
    pending = asyncio.ensure_future(anext(events))
    stop = asyncio.ensure_future(closing.wait())
    await asyncio.sleep(0)
    try:
        async with ctx.sessions() as session:
            last_id = await reading.newest_id(session, user_id)
        after = last_event_id if last_event_id is not None else last_id
        news, count = await _changes(ctx, user_id, after, replay=last_event_id is not None)
        yield _unread(count, RETRY_MS)
        for n in news:
            yield ServerSentEvent(event="notice", data=n, id=str(n.id))
        last_id = max([last_id, *(n.id for n in news)])
        while True:
            await asyncio.wait(
                {pending, stop}, timeout=recheck_seconds, return_when=asyncio.FIRST_COMPLETED
            )
            if stop.done():
                return
            if not await live():
                yield _ended()
                return
            if not pending.done():
                continue  # a quiet interval: the sign-in was checked, keep waiting
            event = pending.result()
            pending = asyncio.ensure_future(anext(events))
            news, count = await _changes(
                ctx, user_id, last_id, replay=event.get("type") == "notice"
            )
            for n in news:
                yield ServerSentEvent(event="notice", data=n, id=str(n.id))
                last_id = max(last_id, n.id)
            yield _unread(count)
    finally:
        stop.cancel()
        pending.cancel()
        with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
            await pending
        await cast(AsyncGenerator, events).aclose()
