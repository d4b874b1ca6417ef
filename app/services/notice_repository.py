"""The inbox over HTTP: pages with the unread count, marking read, and the live SSE stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx

from app.services.api_client import ApiClient
from app.services.errors import AuthError, OfflineError, error_for_status
from app.services.protocols import NoticesRepo
from app.services.sse import SseEvent, parse_sse
from domain.models import NotificationPage, NotificationPublic, ReadAllResult

PAGE_SIZE = 20
# The server sends a ping comment every 15 s: a silent minute means the connection is dead.
STREAM_TIMEOUT = httpx.Timeout(5.0, read=60.0)


class NoticeRepository(NoticesRepo):
    def __init__(
        self,
        api: ApiClient,
        base_url: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._api = api
        # Its own client: a stream holds its connection for hours, requests must not wait on it.
        self._stream_http = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/",
            timeout=STREAM_TIMEOUT,
            transport=transport,
            headers=api.forwarding_headers,
        )

    async def aclose(self) -> None:
        await self._stream_http.aclose()

    async def page(
        self, *, unread: bool = False, cursor: str | None = None, limit: int = PAGE_SIZE
    ) -> NotificationPage:
        params: dict[str, Any] = {"limit": limit}
        if unread:
            params["unread"] = "true"
        if cursor:
            params["cursor"] = cursor
        return NotificationPage.model_validate(await self._api.get("notifications", params))

    async def mark_read(self, notice_id: int) -> NotificationPublic:
        data = await self._api.post(f"notifications/{notice_id}/read")
        return NotificationPublic.model_validate(data)

    async def mark_all_read(self) -> ReadAllResult:
        return ReadAllResult.model_validate(await self._api.post("notifications/read-all"))

    async def events(self, last_event_id: str | None = None) -> AsyncIterator[SseEvent]:
        """One connection to the stream, its events as they come; returns when it ends.

        A normal request first: it refreshes an expired access token the way every call
        does, so the stream (which cannot retry itself) opens with a valid one."""
        await self.page(limit=1)
        headers = {"Accept": "text/event-stream"}
        if token := self._api.credentials.access_token:
            headers["Authorization"] = f"Bearer {token}"
        if last_event_id:
            headers["Last-Event-ID"] = last_event_id
        try:
            async with self._stream_http.stream(
                "GET", "notifications/stream", headers=headers
            ) as response:
                if response.status_code == 401:
                    raise AuthError(code="unauthorized", status=401)
                if response.status_code >= 400:
                    raise error_for_status(response.status_code, None, None)
                async for event in parse_sse(response.aiter_lines()):
                    yield event
        except httpx.TransportError as e:  # includes read timeouts and dropped connections
            raise OfflineError(code="offline") from e
