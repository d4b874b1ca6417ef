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


class WireTab:
    def __init__(self, url: str, width: int = 390, height: int = 844) -> None:
        self.url = url.replace("http://", "ws://").rstrip("/") + "/ws"
        self.size = (width, height)
        self.controls: dict[int, dict] = {}
        self.ws: Any = None
        self.received = 0

    async def open(self, route: str = "/sign-in") -> None:
        self.ws = await websockets.connect(self.url, max_size=None, ping_interval=None)
        page = {"route": route, "width": self.size[0], "height": self.size[1], "web": True}
        await self.ws.send(pack(REGISTER, {"session_id": "", "page_name": "", "page": page}))

    async def until(self, marker: bytes, timeout: float = 180) -> float:  # noqa: ASYNC109
        """Read frames until one carries `marker` (a tag or text of the expected screen);
        returns the seconds it took."""
        start = time.perf_counter()
        while True:
            frame = await asyncio.wait_for(self.ws.recv(), timeout)
            self.received += len(frame)
            message = msgpack.unpackb(frame[1:], strict_map_key=False, ext_hook=lambda c, d: d)
            if message[0] == INVOKE:
                await self._answer(message[1])
            walk(message, self.controls)
            if marker in frame:
                return time.perf_counter() - start

    async def _answer(self, call: dict) -> None:
        reply = {"control_id": call["control_id"], "call_id": call["call_id"]}
        await self.ws.send(pack(INVOKE, reply | {"result": None, "error": None}))
        if call.get("name") == "push_route":
            await self.go(call["args"]["route"])

    async def go(self, route: str) -> None:
        """What the browser sends when the route changes (page control id 1)."""
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
        await self.open("/sign-in")
        await self.until(b"sign-in-submit")
        start = time.perf_counter()
        await self.type("Số điện thoại", phone)
        await self.type("Mật khẩu", password)
        await asyncio.sleep(0.2)  # the two edits re-render before the tap, as typing would
        await self.tap("sign-in-submit")
        await self.until(b"account-card")
        return time.perf_counter() - start

    async def navigate(self, route: str, marker: bytes) -> float:
        start = time.perf_counter()
        await self.go(route)
        await self.until(marker)
        return time.perf_counter() - start

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
