"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from server.deps import ContextDep

router = APIRouter(tags=["operations"])


@router.get("/health")
async def health() -> dict:
    """The process is up (does not touch the database)."""
    return {"status": "ok"}


@router.get("/ready", responses={503: {"description": "Database not reachable"}})
async def ready(ctx: ContextDep):
    """The database answers; a load balancer sends traffic only when this is 200."""
    try:
        async with ctx.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse(
            {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": "The database is not reachable.",
                "code": "not_ready",
            },
            status_code=503,
            media_type="application/problem+json",
        )
    return {"status": "ready"}
