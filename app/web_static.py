"""First load of the web client from the web process itself (not only behind the proxy):

- versioned URLs: the entry page points Flutter's entrypoint, assets and CanvasKit at
  `/_v/<version>/…` (the version hashes flet-web's and our files), so those files are sent
  `Cache-Control: public, max-age=31536000, immutable`; the entry page (and every route that
  falls back to it) is `no-cache`, as is anything not versioned (icons, manifest);
- compressed: brotli (or gzip) for text, JavaScript, WebAssembly, JSON and fonts, each file
  compressed once per process and kept (bounded);
- fonts nobody uses are not fetched: the KaTeX families (flutter_math_fork, for LaTeX in
  Markdown, which the app never shows) are taken out of FontManifest.json, so Flutter does
  not load them at start-up.

Off with DIENNHA_WEB_PLAIN_STATIC=1 (bench/first_load.py measures before/after that way)."""

from __future__ import annotations

import gzip
import hashlib
import importlib.metadata
import json
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any

PREFIX = "/_v/"
IMMUTABLE = b"public, max-age=31536000, immutable"
COMPRESSIBLE = re.compile(
    r"^(text/|application/(javascript|json|wasm|manifest\+json|xml)|image/svg|font/|application/font)"
)
CACHE_LIMIT = 48 * 1024 * 1024  # compressed bytes kept per process (about 3x the app)
UNUSED_FONTS = re.compile(r"KaTeX", re.IGNORECASE)
# Headers this middleware sets itself; the rest (COOP/COEP, …) are kept from Flet's answer.
_REPLACED = {
    b"content-length", b"content-type", b"etag", b"last-modified", b"cache-control",
    b"accept-ranges", b"content-encoding", b"vary",
}  # fmt: skip


def version_of(*dirs: Path) -> str:
    """Changes whenever flet-web is upgraded or one of our files changes."""
    h = hashlib.sha256(importlib.metadata.version("flet-web").encode())
    for d in dirs:
        for p in sorted(d.rglob("*")):
            if p.is_file():
                st = p.stat()
                h.update(f"{p.relative_to(d)}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:12]


def versioned_entry(html: bytes, version: str) -> bytes:
    """Point the boot script, the engine, assets and CanvasKit at the versioned prefix."""
    base = f"{PREFIX}{version}/".encode()
    for key in (b"entrypointBaseUrl", b"assetBase"):
        html = re.sub(rb"(flet\." + key + rb'=")/(")', rb"\1" + base + rb"\2", html)
    html = html.replace(
        b'flet.canvasKitBaseUrl="/canvaskit/"', b'flet.canvasKitBaseUrl="' + base + b'canvaskit/"'
    )
    html = html.replace(
        b'flet.fontFallbackBaseUrl="assets/fonts/"',
        b'flet.fontFallbackBaseUrl="' + base + b'assets/fonts/"',
    )
    for script in (b"flutter_bootstrap.js", b"python.js"):
        html = html.replace(b'src="' + script + b'"', b'src="' + base[1:] + script + b'"')
    return html


def without_unused_fonts(manifest: bytes) -> bytes:
    families = json.loads(manifest)
    return json.dumps(
        [f for f in families if not UNUSED_FONTS.search(f.get("family", ""))]
    ).encode()


def encoding_for(accept: str) -> str | None:
    offered = {part.split(";")[0].strip() for part in accept.lower().split(",")}
    if "br" in offered:
        return "br"
    return "gzip" if "gzip" in offered else None


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return brotli.compress(body, quality=9)
    return gzip.compress(body, compresslevel=9, mtime=0)


class FirstLoad:
    """ASGI middleware in front of Flet's static files (the WebSocket passes straight by)."""

    def __init__(self, app: Any, version: str) -> None:
        self.app = app
        self.version = version
        self._cache: OrderedDict[tuple[str, str], tuple[bytes, bytes, bytes, list, str | None]] = (
            OrderedDict()
        )
        self._cached_bytes = 0

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        versioned = path.startswith(PREFIX)
        if versioned:
            rest = path[len(PREFIX) :].partition("/")[2]
            scope = dict(scope, path="/" + rest, raw_path=("/" + rest).encode())
        if scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        headers = {k.decode().lower(): v.decode() for k, v in scope.get("headers", [])}
        encoding = None if "range" in headers else encoding_for(headers.get("accept-encoding", ""))
        key = (scope["path"], encoding or "identity")
        if key in self._cache:
            self._cache.move_to_end(key)
            ctype, etag, body, kept, used = self._cache[key]
            await self._send(send, ctype, etag, body, kept, versioned, headers, used)
            return
        status, start_headers, body = await _collect(self.app, scope, receive)
        ctype = _header(start_headers, b"content-type")
        if status != 200 or not COMPRESSIBLE.match(ctype.decode()):
            await self._pass(send, status, start_headers, body, versioned and status == 200, ctype)
            return
        if ctype.startswith(b"text/html"):
            body = versioned_entry(body, self.version)
        elif scope["path"] == "/assets/FontManifest.json":
            body = without_unused_fonts(body)
        etag = hashlib.sha256(body).hexdigest()[:20]
        if encoding and len(body) > 1024:
            body = compress(body, encoding)
        else:
            encoding = None
        kept = [(k, v) for k, v in start_headers if k.lower() not in _REPLACED]
        entry = (ctype, f'"{etag}-{encoding or "id"}"'.encode(), body, kept, encoding)
        self._keep(key, entry)
        await self._send(send, *entry[:4], versioned, headers, encoding)

    def _keep(
        self, key: tuple[str, str], entry: tuple[bytes, bytes, bytes, list, str | None]
    ) -> None:
        self._cache[key] = entry
        self._cached_bytes += len(entry[2])
        while self._cached_bytes > CACHE_LIMIT and self._cache:
            _, old = self._cache.popitem(last=False)
            self._cached_bytes -= len(old[2])

    async def _send(self, send, ctype, etag, body, kept, versioned, req, encoding) -> None:
        html = ctype.startswith(b"text/html")
        cache = b"no-cache" if html or not versioned else IMMUTABLE
        out = [
            *kept,
            (b"content-type", ctype),
            (b"etag", etag),
            (b"cache-control", cache),
            (b"vary", b"accept-encoding"),
        ]
        if encoding:
            out.append((b"content-encoding", encoding.encode()))
        if etag.decode() in req.get("if-none-match", ""):
            await send({"type": "http.response.start", "status": 304, "headers": out})
            await send({"type": "http.response.body", "body": b""})
            return
        out.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": 200, "headers": out})
        await send({"type": "http.response.body", "body": body})

    async def _pass(self, send, status, headers, body, immutable, ctype) -> None:
        headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
        headers.append((b"cache-control", IMMUTABLE if immutable else b"no-cache"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes:
    return next((v for k, v in headers if k.lower() == name), b"")


async def _collect(app: Any, scope: dict, receive: Any) -> tuple[int, list, bytes]:
    start: dict = {}
    chunks: list[bytes] = []

    async def capture(message: dict) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, capture)
    return start.get("status", 500), list(start.get("headers", [])), b"".join(chunks)
