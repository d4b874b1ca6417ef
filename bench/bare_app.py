"""The yardstick of bench/http.py: a bare FastAPI app that answers each benchmarked endpoint
with a constant JSON body of the same bytes the real API returned, served by uvicorn with the
same settings as `python -m server serve` (workers, uvloop/httptools, redacting log config,
no access log). No middleware, no dependencies, no database: the framework's floor.

  DIENNHA_BENCH_BODIES=bodies.json python -m bench.bare_app --port 8002 --workers 2

bodies.json maps a name to the body text; GET and POST /bare/{name} return it."""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from fastapi import FastAPI, Request, Response


def create_app() -> FastAPI:
    bodies = json.loads(Path(os.environ["DIENNHA_BENCH_BODIES"]).read_text(encoding="utf-8"))
    constant = {name: text.encode() for name, text in bodies.items()}
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)

    @app.get("/bare/{name}")
    async def get_constant(name: str) -> Response:
        return Response(constant[name], media_type="application/json")

    @app.post("/bare/{name}")
    async def post_constant(name: str, request: Request) -> Response:
        await request.body()  # read what the client sent, as the real endpoint must
        return Response(constant[name], media_type="application/json")

    return app


def main() -> None:
    import uvicorn

    from server.logging_setup import log_config

    p = argparse.ArgumentParser()
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8002)
    p.add_argument("--workers", type=int, default=1)
    args = p.parse_args()
    # The same uvicorn.run arguments as server/__main__.py cmd_serve.
    uvicorn.run(
        "bench.bare_app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        log_level="info",
        log_config=log_config(),
        access_log=False,
    )


if __name__ == "__main__":
    main()
