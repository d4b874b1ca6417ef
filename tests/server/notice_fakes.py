"""Fakes for notice tests: a real HTTP gateway and a real SMTP server on 127.0.0.1, a clock."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections import Counter
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage

import uvicorn
from aiosmtpd.controller import Controller

from server.models import utcnow
from tests.ports import free_port


def bound_socket(port: int = 0) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    return sock


class QuietServer(uvicorn.Server):
    """uvicorn without signal handlers: a fake must not take over the test's Ctrl-C."""

    @contextlib.contextmanager
    def capture_signals(self):
        yield


class FakeGateway:
    """An SMS/Zalo gateway as a real HTTP server. Like a real one it keeps the idempotency
    keys it accepted and answers a repeat with 409; `mode` makes it fail on purpose."""

    def __init__(self, token: str = "gw-token", delay: float = 0.0) -> None:
        self.port, self.token, self.delay = free_port(), token, delay
        self.mode = "ok"  # ok | 500 | 400 | 429 | slow
        self.requests: list[dict] = []  # every POST that reached us
        self.accepted: Counter[str] = Counter()  # idempotency key -> times accepted
        self._server: QuietServer | None = None
        self._task: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/send"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            msg = await receive()
            body += msg.get("body", b"")
            if not msg.get("more_body"):
                break
        headers = {k.decode(): v.decode() for k, v in scope["headers"]}
        self.requests.append({"headers": headers, "json": json.loads(body or b"{}")})
        if self.delay:
            await asyncio.sleep(self.delay)
        status, answer = self._answer(headers)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": json.dumps(answer).encode()})

    def _answer(self, headers: dict) -> tuple[int, dict]:
        if headers.get("authorization") != f"Bearer {self.token}":
            return 401, {"error": "bad token"}
        if self.mode in ("500", "400", "429"):
            return int(self.mode), {"error": "on purpose"}
        key = headers.get("idempotency-key", "")
        if self.accepted[key]:
            return 409, {"error": "duplicate", "id": key}
        self.accepted[key] += 1
        return 200, {"id": f"gw-{len(self.accepted)}"}

    async def start(self) -> None:
        sock = bound_socket(self.port)
        config = uvicorn.Config(self, log_level="warning", lifespan="off")
        self._server = QuietServer(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        while not self._server.started:  # noqa: ASYNC110 (uvicorn offers a flag only)
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
            await self._task
            self._server = None

    def keys_sent_more_than_once(self) -> list[str]:
        return [k for k, n in self.accepted.items() if n > 1]


class _Mailbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse_rcpt: str | None = None  # e.g. "550 5.1.1 no such user"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse_rcpt:
            return self.refuse_rcpt
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


class LocalSmtp:
    """A real SMTP server (aiosmtpd) on 127.0.0.1; can be stopped and started on one port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.box = _Mailbox()
        self._controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.box.messages

    def start(self) -> None:
        self._controller = Controller(self.box, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


class FakeClock:
    """Real time plus an offset: tests jump ahead instead of sleeping through backoffs."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


class LiveServer:
    """The app under a real uvicorn on 127.0.0.1 in this event loop — signals, lifespan and
    all, as in production — for what ASGITransport can't do (streaming responses)."""

    def __init__(self, app) -> None:
        self.app = app
        self.server: uvicorn.Server | None = None
        self._task: asyncio.Task | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    async def start(self) -> None:
        sock = bound_socket()
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self._task = asyncio.create_task(self.server.serve(sockets=[sock]))
        while not self.server.started:
            assert not self._task.done(), "the server did not start"
            await asyncio.sleep(0.01)

    async def stop(self, within: float = 10.0) -> None:
        if self.server is not None and self._task is not None:
            self.server.should_exit = True
            await asyncio.wait_for(self._task, within)
            self.server = None
