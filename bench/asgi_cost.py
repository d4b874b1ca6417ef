"""CPU cost per request inside one API process, without HTTP or a load generator: calls the
ASGI app directly, `--concurrency` requests at a time, and divides this process's CPU time
by the requests served. On a busy 2-core machine this is the steady figure for comparing
code changes (the HTTP benchmark's throughput moves with whatever else runs).

  python bench/asgi_cost.py --db postgresql://postgres@127.0.0.1:5432/diennha_bench \
      --requests 3000 --only usage_monthly_24,accounts"""

from __future__ import annotations

import argparse
import asyncio
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import Request

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import http_setup
from server.config import Settings
from server.context import ServerContext
from server.main import create_app


async def call(app, line: str) -> int:
    method, target, token, body = line.split("\t", 3)
    url = urlsplit(target)
    headers = [(b"host", b"127.0.0.1")]
    if token:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    if body:
        headers += [(b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode())]  # fmt: skip
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
        "scheme": "http", "path": url.path, "raw_path": url.path.encode(),
        "query_string": url.query.encode(), "root_path": "", "headers": headers,
        "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8000),
    }  # fmt: skip
    sent = False
    status = 0

    async def receive():
        nonlocal sent
        if sent:
            await asyncio.sleep(3600)
        sent = True
        return {"type": "http.request", "body": body.encode(), "more_body": False}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(scope, receive, send)
    return status


async def measure(app, lines: list[str], n: int, concurrency: int) -> tuple[float, float]:
    queue = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(lines[i % len(lines)])
    bad = []

    async def worker():
        while not queue.empty():
            line = queue.get_nowait()
            if (status := await call(app, line)) != 200:
                bad.append((status, line[:80]))

    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    assert not bad, bad[:3]
    return cpu / n * 1e6, n / wall


async def main_async(args) -> None:
    secret = secrets.token_urlsafe(48)
    conninfo = args.db.replace("postgresql+psycopg://", "postgresql://")
    users = http_setup.sign_in(conninfo, secret, args.users)
    eps = http_setup.endpoints(users)
    settings = Settings(
        env="prod", db_url=conninfo, secret_key=secret, webhook_secret=secrets.token_urlsafe(32),
        staff_key=secrets.token_urlsafe(32), dispatcher_in_app=False,
    )  # fmt: skip
    if args.driver == "asyncpg":
        settings.db_url = "postgresql+asyncpg://" + conninfo.removeprefix("postgresql://")
    ctx = ServerContext.build(settings)
    if args.pool:  # A/B of pool settings: "pool_size,max_overflow,pre_ping(0/1)"
        from sqlalchemy.ext.asyncio import create_async_engine

        from server.db import create_session_factory

        size, overflow, ping = (int(x) for x in args.pool.split(","))
        await ctx.engine.dispose()
        ctx.engine = create_async_engine(
            settings.database_url, pool_size=size, max_overflow=overflow, pool_pre_ping=bool(ping)
        )
        ctx.sessions = create_session_factory(ctx.engine)
    app = create_app(ctx=ctx)
    statements: list[str] = []
    if args.show_sql:
        from sqlalchemy import event

        @event.listens_for(ctx.engine.sync_engine, "before_cursor_execute")
        def _log(conn, cursor, statement, *rest):
            statements.append(" ".join(statement.split())[:150])

    if args.async_deps:
        _async_overrides(app)
    try:
        for name, lines in eps.items():
            if args.only and name not in args.only.split(","):
                continue
            await measure(app, lines, min(300, args.requests), args.concurrency)  # warm-up
            if args.show_sql:
                statements.clear()
                await call(app, lines[0])
                print(f"{name}: {len(statements)} statements", *statements, sep="\n  ")
            # The least CPU of --rounds equal rounds: on a shared machine the other processes
            # only ever add (cache misses, preemption), so the minimum is the steadiest figure.
            runs = [
                await measure(app, lines, args.requests // args.rounds, args.concurrency)
                for _ in range(args.rounds)
            ]
            us, rps = min(runs)
            print(f"{name:<18} {us:8.0f} µs CPU/request in the API process  ({rps:,.0f} req/s)")
    finally:
        await ctx.close()


def _async_overrides(app) -> None:
    """A/B: the sync dependencies as coroutines (FastAPI runs a `def` one in a thread)."""

    from server import deps

    async def get_context(request: Request):
        return request.app.state.ctx

    async def reject_unknown_query(request: Request) -> None:
        deps.reject_unknown_query(request)

    app.dependency_overrides[deps.get_context] = get_context
    app.dependency_overrides[deps.reject_unknown_query] = reject_unknown_query


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True)
    p.add_argument("--requests", type=int, default=3000)
    p.add_argument("--concurrency", type=int, default=32)
    p.add_argument("--users", type=int, default=300)
    p.add_argument("--only", default="")
    p.add_argument("--driver", choices=["psycopg", "asyncpg"], default="psycopg")
    p.add_argument("--pool", default="", help="A/B: pool_size,max_overflow,pre_ping e.g. 20,0,0")
    p.add_argument("--async-deps", action="store_true")
    p.add_argument("--show-sql", action="store_true", help="print one request's statements")
    p.add_argument("--rounds", type=int, default=1, help="report the least CPU of N rounds")
    args = p.parse_args()
    try:
        import uvloop

        uvloop.run(main_async(args))
    except ImportError:
        asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
