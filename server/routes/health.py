"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from sqlalchemy import text

from server.context import ServerContext
from server.deps import ContextDep
from server.problems import problem_response

router = APIRouter(tags=["operations"])


@router.get("/health")
async def health() -> dict:
    """The process is up (does not touch the database)."""
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "Database or Redis not reachable"}})
async def ready(ctx: ContextDep):
    """The database (and Redis, when configured) answer; load balancers route only on 200."""
    for what, check in (("database", _database), ("Redis", _redis)):
        try:
            await asyncio.wait_for(check(ctx), timeout=3)
        except Exception:
            return problem_response(503, "not_ready", f"The {what} is not reachable.")
    return {"status": "ready"}


async def _database(ctx: ServerContext) -> None:
    async with ctx.engine.connect() as conn:
        await conn.execute(text("SELECT 1"))


async def _redis(ctx: ServerContext) -> None:
    await ctx.hub.ping()
