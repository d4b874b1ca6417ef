"""A signed-in tab without a browser: speaks Flet's WebSocket protocol (msgpack frames
`[0x00][[action, body]]`, flet/messaging/protocol.py) the way the Flutter client does, so one
Python process can hold hundreds of sessions against the web process.

What it does like the browser: registers with a page size and route, answers the server's
method calls (`push_route` → a route change back), types into fields (props + `change`
event), taps (`click`). What it does not: draw, so the server-side cost is the same but
the client's is nothing; a real tab also sends resize/semantics events (measured apart with
Chromium in bench/web_sessions.py)."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import msgpack
import websockets

REGISTER, PATCH, EVENT, PROPS, INVOKE = 1, 2, 3, 4, 5


def pack(action: int, body: Any) -> bytes:
    return b"\x00" + msgpack.packb([action, body])


def walk(node: Any, found: dict[int, dict]) -> None:
    if isinstance(node, dict):
        if "_i" in node:
            found[node["_i"]] = node
        for v in node.values():
            walk(v, found)
    elif isinstance(node, list | tuple):
        for v in node:
            walk(v, found)


_tabs_made = 0


def _next_address() -> str:
    """A distinct documentation-range address per tab (198.18.0.0/15, RFC 2544)."""
    global _tabs_made
    _tabs_made += 1
    return f"198.18.{_tabs_made // 250}.{_tabs_made % 250 + 1}"


class WireTab:
    """One person's tab. Each comes from its own address, as people do: the web host believes
    X-Forwarded-For from 127.0.0.1 (app/web_host.py) and names that address to the API, whose
    per-address sign-in limit (50 checks / 15 min) would otherwise lock the 51st tab out."""

    def __init__(self, url: str, width: int = 390, height: int = 844) -> None:
        self.url = url.replace("http://", "ws://").rstrip("/") + "/ws"
        self.size = (width, height)
        self.address = _next_address()
        self.route = ""  # the route the tab shows (a navigation to it would change nothing)
        self.controls: dict[int, dict] = {}
        self.ws: Any = None
        self.received = 0
        self._pump: asyncio.Task | None = None
        self._waiting: tuple[bytes, asyncio.Future[float], float] | None = None

    async def open(self, route: str = "/sign-in") -> None:
        self.ws = await websockets.connect(
            self.url,
            max_size=None,
            ping_interval=None,
            additional_headers={"X-Forwarded-For": self.address},
        )
        # A browser reads every frame as it comes, idle or not. A tab that read only while
        # waiting for a screen would let frames pile up (websockets stops reading after 16),
        # miss the server's pings and be dropped: its next navigation would look "lost".
        self._pump = asyncio.create_task(self._read_all())
        self.route = route
        page = {"route": route, "width": self.size[0], "height": self.size[1], "web": True}
        await self.ws.send(pack(REGISTER, {"session_id": "", "page_name": "", "page": page}))

    async def _read_all(self) -> None:
        try:
            async for frame in self.ws:
                self.received += len(frame)
                message = msgpack.unpackb(frame[1:], strict_map_key=False, ext_hook=lambda c, d: d)
                if message[0] == INVOKE:
                    await self._answer(message[1])
                walk(message, self.controls)
                if self._waiting and self._waiting[0] in frame:
                    _, future, began = self._waiting
                    self._waiting = None
                    if not future.done():
                        future.set_result(time.perf_counter() - began)
        finally:
            if self._waiting and not self._waiting[1].done():
                self._waiting[1].set_exception(ConnectionError("the web process closed the tab"))

    def _expect(self, marker: bytes) -> asyncio.Future[float]:
        """Wait for the first frame from now on carrying `marker` (a tag or text of the
        expected screen); set up before the action, so a fast answer cannot be missed."""
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting = (marker, future, time.perf_counter())
        return future

    async def _answer(self, call: dict) -> None:
        reply = {"control_id": call["control_id"], "call_id": call["call_id"]}
        await self.ws.send(pack(INVOKE, reply | {"result": None, "error": None}))
        if call.get("name") == "push_route":
            await self.go(call["args"]["route"])

    async def go(self, route: str) -> None:
        """What the browser sends when the route changes (page control id 1)."""
        self.route = route
        await self.ws.send(pack(PROPS, {"id": 1, "props": {"route": route}}))
        await self.ws.send(
            pack(EVENT, {"target": 1, "name": "route_change", "data": {"route": route}})
        )

    def field(self, label: str) -> int:
        return next(
            i
            for i, c in self.controls.items()
            if c.get("_c") == "TextField" and c.get("label") == label
        )

    def tagged(self, identifier: str) -> int:
        return next(
            c["content"]["_i"] for c in self.controls.values() if c.get("identifier") == identifier
        )

    async def type(self, label: str, text: str) -> None:
        i = self.field(label)
        await self.ws.send(pack(PROPS, {"id": i, "props": {"value": text}}))
        await self.ws.send(pack(EVENT, {"target": i, "name": "change", "data": text}))

    async def tap(self, identifier: str) -> None:
        await self.ws.send(
            pack(EVENT, {"target": self.tagged(identifier), "name": "click", "data": None})
        )

    async def sign_in(self, phone: str, password: str) -> float:
        form = self._expect(b"sign-in-submit")
        await self.open("/sign-in")
        await asyncio.wait_for(form, 180)
        start = time.perf_counter()
        await self.type("Số điện thoại", phone)
        await self.type("Mật khẩu", password)
        await asyncio.sleep(0.2)  # the two edits re-render before the tap, as typing would
        home = self._expect(b"account-card")
        await self.tap("sign-in-submit")
        await asyncio.wait_for(home, 180)
        return time.perf_counter() - start

    async def navigate(self, route: str, marker: bytes) -> float:
        start = time.perf_counter()
        screen = self._expect(marker)
        await self.go(route)
        await screen
        return time.perf_counter() - start

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self._pump is not None:
            await asyncio.gather(self._pump, return_exceptions=True)
