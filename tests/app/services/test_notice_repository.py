"""NoticeRepository over httpx.MockTransport, and the Server-Sent Events parser."""

from __future__ import annotations

import httpx
import pytest

from app.services.errors import AuthError, OfflineError
from app.services.notice_repository import NoticeRepository
from app.services.sse import parse_sse
from tests.app.fake_backend import BASE, FakeBackend, problem, tokens

NOTICE = {
    "id": 7,
    "kind": "link_request",
    "title": "Yêu cầu liên kết mới",
    "body": "Trần Thị Bình xin liên kết",
    "created_at": "2026-11-24T03:08:00Z",
    "read_at": None,
    "customer_code": "PE01000123456",
    "ref_type": "link",
    "ref_id": "4",
}
PAGE = {"items": [NOTICE], "next_cursor": "7", "unread_count": 3}
STREAM = (
    b'event: unread\r\ndata: {"unread_count": 3}\r\nretry: 3000\r\n\r\n'
    b": ping\n\n"
    b"event: notice\nid: 7\ndata: " + httpx.Response(200, json=NOTICE).content + b"\n\n"
    b"data: line one\ndata: line two\n\n"
    b'event: unread\ndata: {"unread_count": 4}\n'  # cut off: no blank line, never delivered
)


async def lines(text: str):
    for line in text.splitlines():
        yield line


async def test_parser_joins_data_skips_comments_and_keeps_the_id():
    events = [e async for e in parse_sse(lines(STREAM.decode()))]
    assert [e.event for e in events] == ["unread", "notice", "message"]
    assert events[0].json() == {"unread_count": 3} and events[0].retry_ms == 3000
    assert events[1].id == "7" and events[1].json()["ref_id"] == "4"
    assert events[2].data == "line one\nline two" and events[2].id == "7"  # ids carry over


@pytest.fixture
def repo(api, backend: FakeBackend):
    api.credentials._access_token = "access-1"
    r = NoticeRepository(api, BASE, transport=httpx.MockTransport(backend))
    yield r


async def test_pages_and_marking_read(repo, backend: FakeBackend):
    seen: list[httpx.Request] = []

    def page(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=PAGE)

    backend.on("GET", "notifications", page)
    backend.on("POST", "notifications/7/read", NOTICE | {"read_at": "2026-11-24T04:00:00Z"})
    backend.on("POST", "notifications/read-all", {"marked": 3, "unread_count": 0})
    got = await repo.page(unread=True, cursor="12")
    assert got.unread_count == 3 and got.items[0].ref_type == "link"
    assert dict(seen[0].url.params) == {"limit": "20", "unread": "true", "cursor": "12"}
    assert (await repo.mark_read(7)).read_at is not None
    assert (await repo.mark_all_read()).unread_count == 0
    await repo.aclose()


async def test_stream_sends_token_and_last_event_id(repo, backend: FakeBackend):
    streamed: list[httpx.Request] = []

    def stream(request: httpx.Request) -> httpx.Response:
        streamed.append(request)
        return httpx.Response(200, headers={"content-type": "text/event-stream"}, content=STREAM)

    backend.on("GET", "notifications", PAGE)
    backend.on("GET", "notifications/stream", stream)
    events = [e async for e in repo.events("5")]
    assert [e.event for e in events] == ["unread", "notice", "message"]
    sent = streamed[0].headers
    assert sent["Authorization"] == "Bearer access-1" and sent["Last-Event-ID"] == "5"
    assert sent["Accept"] == "text/event-stream"


async def test_an_expired_token_is_refreshed_before_the_stream_opens(api, backend, store):
    await store.save("refresh-0-0123456789")
    api.credentials._access_token = "old"
    backend.on(
        "GET",
        "notifications",
        lambda r: (
            problem(401, "unauthorized")
            if r.headers["Authorization"] == "Bearer old"
            else httpx.Response(200, json=PAGE)
        ),
    )
    backend.on("POST", "auth/refresh", lambda r: httpx.Response(200, json=tokens(2)))
    tokens_seen: list[str] = []

    def stream(request: httpx.Request) -> httpx.Response:
        tokens_seen.append(request.headers["Authorization"])
        return httpx.Response(200, content=b'event: unread\ndata: {"unread_count": 1}\n\n')

    backend.on("GET", "notifications/stream", stream)
    repo = NoticeRepository(api, BASE, transport=httpx.MockTransport(backend))
    assert [e.json() async for e in repo.events()] == [{"unread_count": 1}]
    assert tokens_seen == ["Bearer access-2"]


async def test_refusals_and_dropped_connections_are_app_errors(repo, backend: FakeBackend):
    backend.on("GET", "notifications", PAGE)
    backend.on("GET", "notifications/stream", lambda r: problem(401, "unauthorized"))
    with pytest.raises(AuthError):
        [e async for e in repo.events()]

    def dropped(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadError("connection reset", request=request)

    backend.on("GET", "notifications/stream", dropped)
    with pytest.raises(OfflineError):
        [e async for e in repo.events()]
