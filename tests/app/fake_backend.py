"""A scripted backend for httpx.MockTransport: routes by `METHOD path`, records requests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

BASE = "http://127.0.0.1:8000/api/v1"
Handler = Callable[[httpx.Request], httpx.Response]


def problem(status: int, code: str, detail: str = "", **extra: Any) -> httpx.Response:
    body = {"type": "about:blank", "title": "x", "status": status, "detail": detail, "code": code}
    body.update(extra)
    return httpx.Response(status, json=body, headers={"content-type": "application/problem+json"})


def tokens(n: int) -> dict:
    return {
        "access_token": f"access-{n}",
        "refresh_token": f"refresh-{n}-0123456789",
        "token_type": "bearer",
        "expires_in": 900,
    }


@dataclass
class FakeBackend:
    """Routes `METHOD path` (path after /api/v1) to handlers; records every request."""

    routes: dict[str, Handler] = field(default_factory=dict)
    calls: list[httpx.Request] = field(default_factory=list)

    def on(self, method: str, path: str, handler: Handler | dict | list | int) -> None:
        if not callable(handler):
            value = handler
            handler = (
                (lambda _r: httpx.Response(value))
                if isinstance(value, int)
                else (lambda _r: httpx.Response(200, json=value))
            )
        self.routes[f"{method} {path}"] = handler

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        path = request.url.path.removeprefix("/api/v1/")
        handler = self.routes.get(f"{request.method} {path}")
        if handler is None:
            return problem(404, "not_found", f"no fake for {request.method} {path}")
        return handler(request)

    def paths(self) -> list[str]:
        return [f"{r.method} {r.url.path.removeprefix('/api/v1/')}" for r in self.calls]

    @staticmethod
    def body(request: httpx.Request) -> Any:
        return json.loads(request.content)
