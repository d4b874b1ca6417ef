"""Pure-ASGI middleware: body size limit, security headers, and unexpected errors turned into
the generic problem inside them (cheap on the hot path)."""

from __future__ import annotations

import json
import logging
import re

from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
_DOCS = ("/api/v1/docs", "/api/v1/redoc")
log = logging.getLogger("diennha.errors")


class SecurityHeaders:
    """API responses are data, never pages: forbid framing, sniffing, caching of personal data."""

    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        self.app, self.hsts = app, hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope["path"].startswith(_DOCS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for k, v in SECURITY_HEADERS:
                    if k not in present and not (docs and k == b"content-security-policy"):
                        headers.append((k, v))
                if self.hsts:
                    headers.append(
                        (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
                    )
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses bodies over `limit` bytes with 413 problem details, also without Content-Length.

    On `audited` paths a declared oversize body is not answered here: the route gets to
    write its audit row first (the payment webhook audits every attempt); reading past the
    limit still stops at the limit there too."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        audited: frozenset[str] = frozenset(),
        uploads: re.Pattern[str] | None = None,
        upload_limit: int = 0,
    ) -> None:
        self.app, self.limit, self.audited = app, limit, audited
        # Paths that take files (service-request attachments) have a larger limit of their own.
        self.uploads, self.upload_limit = uploads, upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit
        if self.uploads is not None and self.uploads.fullmatch(scope["path"]):
            limit = self.upload_limit
        for k, v in () if scope["path"] in self.audited else scope.get("headers", []):
            # bytes.isdigit() is ASCII only; a 5,000-digit length would choke int().
            big = k == b"content-length" and v.isascii() and v.isdigit()
            if big and (len(v) > 18 or int(v) > limit):
                await _too_large(send, limit)
                return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # An HTTPException passes through FastAPI's body parsing to the problem handler.
                    raise HTTPException(413, f"The request body is larger than {limit} bytes.")
            return message

        await self.app(scope, limited_receive, send)


async def _too_large(send: Send, limit: int) -> None:
    detail = f"The request body is larger than {limit} bytes."
    await _send_json(send, 413, _problem(413, "payload_too_large", "Content Too Large", detail))


def _problem(status: int, code: str, title: str, detail: str) -> dict:
    kebab = code.replace("_", "-")
    return {
        "type": f"https://diennha.vn/problems/{kebab}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }


async def _send_json(
    send: Send, status: int, problem: dict, headers: list[tuple[bytes, bytes]] = ()
) -> None:
    body = json.dumps(problem).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class InternalErrors:
    """An unexpected exception becomes the generic 500 problem here, inside the security
    headers and CORS: Starlette's own last-resort handler sits outside every middleware, so
    its 500s went out without them. The trace goes to the log, never to the caller."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if started:  # too late for a problem body: let the server close the connection
                raise
            where = f"{scope.get('method')} {scope.get('path')}"
            if isinstance(exc, DBAPIError) and exc.connection_invalidated:
                # The database dropped the connection (restart, failover); the pool reconnects,
                # so the caller may simply try again.
                log.warning("database connection lost on %s: %s", where, exc.orig)
                detail = "This is unavailable for a moment. Try again shortly."
                problem = _problem(503, "temporarily_unavailable", "Service Unavailable", detail)
                await _send_json(send, 503, problem, [(b"retry-after", b"1")])
                return
            log.exception("unhandled error on %s", where)
            detail = "Something went wrong on our side."
            await _send_json(
                send, 500, _problem(500, "internal_error", "Internal Server Error", detail)
            )
