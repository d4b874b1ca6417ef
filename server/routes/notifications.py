"""The inbox: pages of notices with the unread count, marking read, and the live SSE stream."""

from __future__ import annotations

from collections.abc import AsyncIterable
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query
from fastapi.sse import EventSourceResponse, ServerSentEvent

from domain.digits import ascii_int
from domain.models import NotificationPage, NotificationPublic, ReadAllResult
from server.deps import CallerDep, ContextDep, CurrentUser, SessionDep
from server.notify import reading
from server.notify.stream import notice_events, sign_in_is_live
from server.routes.problems_doc import errors

router = APIRouter(prefix="/notifications", tags=["notifications"], responses=errors(401))
_READ = {"type": "read"}
NoticeId = Annotated[int, Path(ge=1, le=2**63 - 1, description="id of a notice in your inbox")]


@router.get("", responses=errors(422))
async def list_notifications(
    user: CurrentUser,
    session: SessionDep,
    unread: bool = False,
    cursor: Annotated[
        str | None, Query(pattern=r"^[0-9]{1,18}$", description="`next_cursor` of the last page")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> NotificationPage:
    """Newest first; `unread=true` shows only unread ones; `unread_count` is for the badge."""
    return await reading.page(
        session,
        user.id,
        user.language,
        unread=unread,
        cursor=int(cursor) if cursor else None,
        limit=limit,
    )


@router.post("/{notification_id}/read", responses=errors(404))
async def read_one(
    notification_id: NoticeId, user: CurrentUser, session: SessionDep, ctx: ContextDep
) -> NotificationPublic:
    """Marks one notice read (again is harmless); someone else's notice is a 404."""
    notice = await reading.mark_read(session, user.id, user.language, notification_id)
    await ctx.hub.publish(user.id, _READ)
    return notice


@router.post("/read-all")
async def read_all(user: CurrentUser, session: SessionDep, ctx: ContextDep) -> ReadAllResult:
    result = await reading.mark_all_read(session, user.id)
    await ctx.hub.publish(user.id, _READ)
    return result


@router.get("/stream", response_class=EventSourceResponse)
async def stream(
    caller: CallerDep,
    session: SessionDep,
    ctx: ContextDep,
    last_event_id: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> AsyncIterable[ServerSentEvent]:
    """Server-Sent Events: `unread` `{unread_count}` on connect and after every change,
    `notice` (a NotificationPublic, `id` = its id) for each new notice; `: ping` comments
    every 15 s. Sign in with the `Authorization: Bearer` header. On reconnect, the
    `Last-Event-ID` header replays the notices missed since that id. The stream ends (an
    `end` event, then the connection closes) when the sign-in ends or the access token
    expires: reconnect with a fresh token."""
    await session.close()  # a stream lives long: don't hold a pooled connection for it
    after = ascii_int(last_event_id)
    claims = caller.claims
    assert claims is not None  # set by current_caller

    async def live() -> bool:
        return await sign_in_is_live(ctx, claims)

    recheck = ctx.settings.stream_recheck_seconds
    async for event in notice_events(ctx, caller.user.id, after, live, recheck):
        yield event
