"""First load from the web process: versioned URLs cached for good, the entry page never;
brotli or gzip; KaTeX fonts out of Flutter's font manifest; revalidation answers 304."""

from __future__ import annotations

import json

import brotli
import httpx
from starlette.applications import Starlette
from starlette.staticfiles import StaticFiles

from app.web_static import PREFIX, FirstLoad

INDEX = b"""<html><head><base href="/"><script>
flet.canvasKitBaseUrl="/canvaskit/";
flet.fontFallbackBaseUrl="assets/fonts/";
flet.entrypointBaseUrl="/";
flet.assetBase="/";
</script><script src="python.js"></script></head>
<body><script src="flutter_bootstrap.js" async></script></body></html>"""
FONTS = [
    {"family": "MaterialIcons", "fonts": [{"asset": "fonts/MaterialIcons-Regular.otf"}]},
    {"family": "packages/flutter_math_fork/KaTeX_Main", "fonts": [{"asset": "k.ttf"}]},
]
JS = b"var flutter = 1;\n" * 400


def client(tmp_path) -> httpx.AsyncClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_bytes(INDEX)
    (tmp_path / "main.dart.js").write_bytes(JS)
    (tmp_path / "assets" / "FontManifest.json").write_text(json.dumps(FONTS))
    inner = Starlette()
    inner.mount("/", StaticFiles(directory=tmp_path, html=True))
    app = FirstLoad(inner, version="abc123")
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_the_entry_page_points_at_versioned_files_and_is_never_cached(tmp_path):
    async with client(tmp_path) as c:
        r = await c.get("/", headers={"Accept-Encoding": "br"})
    assert r.headers["cache-control"] == "no-cache"
    html = r.content  # httpx decodes br
    assert b'flet.entrypointBaseUrl="/_v/abc123/"' in html
    assert b'flet.assetBase="/_v/abc123/"' in html
    assert b'flet.canvasKitBaseUrl="/_v/abc123/canvaskit/"' in html
    assert b'src="_v/abc123/flutter_bootstrap.js"' in html and b'src="_v/abc123/python.js"' in html


async def test_versioned_files_are_immutable_and_compressed(tmp_path):
    async with client(tmp_path) as c:
        br = await c.get(f"{PREFIX}abc123/main.dart.js", headers={"Accept-Encoding": "br, gzip"})
        gz = await c.get(f"{PREFIX}abc123/main.dart.js", headers={"Accept-Encoding": "gzip"})
        plain = await c.get("/main.dart.js", headers={"Accept-Encoding": "identity"})
        again = await c.get(f"{PREFIX}abc123/main.dart.js", headers={"Accept-Encoding": "br, gzip"})
    assert br.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert br.headers["content-encoding"] == "br" and br.content == JS
    assert int(br.headers["content-length"]) == len(brotli.compress(JS, quality=9))
    assert gz.headers["content-encoding"] == "gzip" and gz.content == JS  # httpx decodes
    assert "content-encoding" not in plain.headers and plain.content == JS
    assert plain.headers["cache-control"] == "no-cache"  # not versioned: revalidate
    assert again.headers["etag"] == br.headers["etag"] and again.content == JS


async def test_revalidation_answers_304(tmp_path):
    async with client(tmp_path) as c:
        first = await c.get("/", headers={"Accept-Encoding": "gzip"})
        second = await c.get(
            "/", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["etag"]}
        )
    assert second.status_code == 304 and second.content == b""


async def test_katex_fonts_are_not_in_the_manifest(tmp_path):
    async with client(tmp_path) as c:
        r = await c.get(f"{PREFIX}abc123/assets/FontManifest.json")
    families = [f["family"] for f in r.json()]
    assert families == ["MaterialIcons"]


async def test_a_range_request_and_a_miss_pass_through(tmp_path):
    async with client(tmp_path) as c:
        ranged = await c.get(
            "/main.dart.js", headers={"Range": "bytes=0-9", "Accept-Encoding": "br"}
        )
        missing = await c.get(f"{PREFIX}abc123/nope.png")
    assert ranged.status_code == 206 and "content-encoding" not in ranged.headers
    assert missing.status_code == 404 and missing.headers["cache-control"] == "no-cache"
