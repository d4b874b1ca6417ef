"""The live notice stream (SSE) under a real uvicorn: the unread count on connect and on every
change, new notices as events, heartbeats, disconnects, shutdown, and across workers (Redis)."""

from __future__ import annotations

import asyncio
import contextlib
import json

import fastapi.routing
import httpx
import pytest

from server.context import ServerContext
from server.main import create_app
from server.notify.reading import newest_id
from server.seed.demo import DEMO_PASSWORD
from tests.server.api import OWNER, OWNER_CODE, Api
from tests.server.notice_fakes import LiveServer
from tests.server.test_notices import give_notices, user_id

pytestmark = pytest.mark.usefixtures("demo")
REDIS_URL = "redis://127.0.0.1:6379/15"


class EventStream:
    """Reads one SSE response: events as dicts, comments (heartbeats) as {"comment": …}."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        # Lines are read by one task into a queue: a timeout while waiting must not cancel a
        # read inside httpx, which would end the line iterator for good.
        self._queue: asyncio.Queue[str | None] = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        try:
            async for line in self.response.aiter_lines():
                await self._queue.put(line)
        finally:
            await self._queue.put(None)

    async def next(self, within: float = 5.0) -> dict:
        event: dict = {}
        while True:
            line = await asyncio.wait_for(self._queue.get(), within)
            if line is None:
                raise StopAsyncIteration
            if line == "":
                if event:
                    return event
                continue
            field, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if field == "":
                return {"comment": value}
            event[field] = json.loads(value) if field == "data" else value

    async def next_event(self, within: float = 5.0) -> dict:
        while "comment" in (event := await self.next(within)):
            pass
        return event


@contextlib.asynccontextmanager
async def open_stream(base_url: str, headers: dict, **extra):
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as http:
        async with http.stream(
            "GET", "/notifications/stream", headers={**headers, **extra}
        ) as response:
            assert response.status_code == 200, await response.aread()
            assert response.headers["content-type"].startswith("text/event-stream")
            stream = EventStream(response)
            try:
                yield stream
            finally:
                stream._reader.cancel()
                with contextlib.suppress(asyncio.CancelledError, httpx.HTTPError):
                    await stream._reader


@pytest.fixture
async def live(ctx):
    server = LiveServer(create_app(ctx=ctx))
    await server.start()
    yield server
    await server.stop()


async def test_unread_count_on_connect_then_live_notice_then_read(api, client, ctx, live):
    h = await api.headers(OWNER)
    before = (await client.get("/notifications", headers=h)).json()["unread_count"]
    async with open_stream(live.base_url, h) as stream:
        first = await stream.next_event()
        assert first == {"event": "unread", "data": {"unread_count": before}, "retry": "3000"}
        tokens = await api.register("0367777777", name="Phạm Minh Khoa")
        asker = {"Authorization": f"Bearer {tokens['access_token']}"}
        r = await client.post("/accounts/links", json={"customer_code": OWNER_CODE}, headers=asker)
        assert r.status_code == 201
        notice = await stream.next_event()
        assert notice["event"] == "notice" and notice["data"]["kind"] == "link_request"
        assert notice["id"] == str(notice["data"]["id"])
        assert "Phạm Minh Khoa" in notice["data"]["body"]
        assert await stream.next_event() == {
            "event": "unread",
            "data": {"unread_count": before + 1},
        }
        await client.post("/notifications/read-all", headers=h)
        assert await stream.next_event() == {"event": "unread", "data": {"unread_count": 0}}
    uid = await user_id(ctx, OWNER)
    for _ in range(100):  # the server notices the client left and lets go of the subscription
        if uid not in ctx.hub._queues:
            break
        await asyncio.sleep(0.05)
    assert uid not in ctx.hub._queues


async def test_heartbeat_comments_keep_the_stream_alive(api, live, monkeypatch):
    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.2)
    async with open_stream(live.base_url, await api.headers(OWNER)) as stream:
        assert (await stream.next())["event"] == "unread"
        assert await stream.next(within=2) == {"comment": "ping"}
        assert await stream.next(within=2) == {"comment": "ping"}


async def test_reconnect_with_last_event_id_replays_what_was_missed(api, ctx, live):
    h = await api.headers(OWNER)
    async with open_stream(live.base_url, h) as stream:
        await stream.next_event()
    before = await newest(ctx)
    await give_notices(ctx, OWNER, 2)
    async with open_stream(live.base_url, h, **{"Last-Event-ID": str(before)}) as stream:
        assert (await stream.next_event())["event"] == "unread"
        missed = [await stream.next_event(), await stream.next_event()]
        assert [m["event"] for m in missed] == ["notice", "notice"]
        assert int(missed[0]["id"]) > before and int(missed[1]["id"]) > int(missed[0]["id"])


async def newest(ctx) -> int:
    async with ctx.sessions() as s:
        return await newest_id(s, await user_id(ctx, OWNER))


async def test_server_shutdown_ends_open_streams(api, live):
    async with open_stream(live.base_url, await api.headers(OWNER)) as stream:
        await stream.next_event()
        live.server.should_exit = True
        with pytest.raises(StopAsyncIteration):
            while True:
                await stream.next(within=5)  # the stream ends instead of holding the server
    await live.stop(within=5)


async def test_a_notice_made_by_one_worker_reaches_a_stream_on_another(settings):
    redis = pytest.importorskip("redis.asyncio")
    probe = redis.from_url(REDIS_URL)
    try:
        await probe.ping()
        await probe.flushdb()  # rate-limit counters of earlier runs live here too
    except Exception:
        pytest.skip("no Redis at 127.0.0.1:6379")
    finally:
        await probe.aclose()
    shared = settings.model_copy(update={"redis_url": REDIS_URL})
    worker_a, worker_b = ServerContext.build(shared), ServerContext.build(shared)
    live_a = LiveServer(create_app(ctx=worker_a))
    await live_a.start()
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(ctx=worker_b)),
            base_url="http://worker-b/api/v1",
        ) as on_b:
            api_b = Api(on_b, DEMO_PASSWORD)
            h = await api_b.headers(OWNER)
            uid = await user_id(worker_b, OWNER)
            async with open_stream(live_a.base_url, h) as stream:
                await stream.next_event()
                # until worker A's Redis subscription is live, B's events have no listener
                for _ in range(50):
                    await worker_b.hub.publish(uid, {"type": "read"})
                    with contextlib.suppress(TimeoutError):
                        if (await stream.next_event(within=0.1))["event"] == "unread":
                            break
                tokens = await api_b.register("0368888888", name="Vũ Thu Trang")
                asker = {"Authorization": f"Bearer {tokens['access_token']}"}
                await on_b.post(
                    "/accounts/links", json={"customer_code": OWNER_CODE}, headers=asker
                )
                for _ in range(20):
                    event = await stream.next_event()
                    if event["event"] == "notice":
                        break
                assert event["data"]["kind"] == "link_request"
                assert "Vũ Thu Trang" in event["data"]["body"]
    finally:
        await live_a.stop()
        await worker_a.close()
        await worker_b.close()
