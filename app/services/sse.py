"""A Server-Sent Events parser (the WHATWG event-stream format) over an async line iterator."""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, AsyncIterator
from dataclasses import dataclass
from typing import Any

from domain.digits import ascii_int


@dataclass(frozen=True)
class SseEvent:
    event: str = "message"
    data: str = ""
    id: str | None = None
    retry_ms: int | None = None

    def json(self) -> Any:
        return json.loads(self.data)


async def parse_sse(lines: AsyncIterable[str]) -> AsyncIterator[SseEvent]:
    """Yields one event per blank-line-terminated block; comments (`: ping`) are skipped,
    several `data:` lines join with newlines, a block without data is no event, and
    `id` carries over to later events until changed (the Last-Event-ID to resume from)."""
    data: list[str] = []
    event, event_id, retry = "message", None, None
    async for raw in lines:
        line = raw.rstrip("\r\n")
        if not line:
            if data:
                yield SseEvent(event, "\n".join(data), event_id, retry)
            event, data, retry = "message", [], None
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value or "message"
        elif name == "data":
            data.append(value)
        elif name == "id" and "\0" not in value:
            event_id = value or None
        elif name == "retry" and (ms := ascii_int(value, max_digits=9)) is not None:
            retry = ms
    # An event cut off by the end of the stream (no blank line) is dropped, as browsers do.
