"""create_app(): the FastAPI application factory (routers, errors, middleware, lifespan)."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse

from server.api_token_gate import ApiTokenGate
from server.config import Settings
from server.context import ServerContext
from server.deps import reject_unknown_query
from server.gc_tuning import tune_gc
from server.middleware import BodySizeLimit, InternalErrors, SecurityHeaders
from server.notify.runtime import running_notices
from server.openapi_problems import problem_openapi, public_openapi
from server.problems import install_problem_handlers
from server.route_index import filter_router
from server.routes import (
    accounts,
    api_tokens,
    auth,
    bill_insight,
    bill_review,
    billing_api,
    dev,
    health,
    incidents_admin,
    incidents_public,
    incidents_regroup,
    intervals,
    intervals_admin,
    me,
    notifications,
    payment_batches,
    public,
    rooms,
    service_admin,
    service_requests,
)
from server.services.service_requests.attachments import UPLOAD_BODY_LIMIT

API = "/api/v1"


def create_app(settings: Settings | None = None, ctx: ServerContext | None = None) -> FastAPI:
    settings = settings or (ctx.settings if ctx else Settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = app.state.ctx is None
        if own:
            app.state.ctx = ServerContext.build(settings)
        await app.state.ctx.hub.start()
        if settings.gc_tuning:
            tune_gc()
        try:
            async with running_notices(app.state.ctx):
                yield
        finally:
            if own:
                await app.state.ctx.close()
                app.state.ctx = None

    app = FastAPI(
        title="Điện Nhà API",
        version="1.0.0",
        # Production serves the document without the staff routes (public_openapi, below).
        openapi_url=f"{API}/openapi.json" if settings.is_dev else None,
        docs_url=f"{API}/docs" if settings.is_dev else None,
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    install_problem_handlers(app)

    # Every router one level under the app, the most requested first: FastAPI matches
    # included routers level by level, each level twice, which cost ~0.2 ms per request
    # when they were nested api -> billing -> usage (bench/RESULTS.md).
    routers = [*billing_api.HOT, accounts, public, notifications, me, auth]
    routers += [*billing_api.REST, health, *([dev] if settings.is_dev else [])]
    routers += [service_requests, service_admin]
    routers += [bill_insight, bill_review]  # issue 18
    routers += [incidents_public, incidents_admin, incidents_regroup]  # issue 17
    routers += [intervals, intervals_admin, api_tokens]  # issue 19
    routers += [payment_batches]  # issue 21
    routers += [rooms]  # issue 18, tenants
    extra = [bill_insight.usage_router, bill_review.staff_router, rooms.me_router]
    extra += [service_requests.public_router]
    for router in [*(module.router for module in routers), *extra]:
        app.include_router(router, prefix=API, dependencies=[Depends(reject_unknown_query)])
        filter_router(router, API)  # server/route_index.py: a quick "no" for other paths

    # Outermost last: CORS answers preflights before the size limit reads any body; unexpected
    # errors become problems innermost, so their 500s get the headers and CORS too.
    app.add_middleware(ApiTokenGate, prefix=API)  # personal tokens (issue 19), innermost
    app.add_middleware(InternalErrors)
    app.add_middleware(
        BodySizeLimit,
        limit=settings.max_body_bytes,
        audited=frozenset({f"{API}/payments/webhook"}),
        uploads=re.compile(
            rf"{API}/(service-requests/\d+/attachments|public/outage-reports/[A-Za-z0-9]+/photo)"
        ),
        upload_limit=UPLOAD_BODY_LIMIT,
    )
    app.add_middleware(SecurityHeaders, hsts=not settings.is_dev)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            allow_credentials=False,  # bearer tokens, never cookies: no CSRF surface
            max_age=600,
        )
    app.openapi = lambda: problem_openapi(app)  # type: ignore[method-assign]  # FastAPI's way
    if not settings.is_dev:

        @app.get(f"{API}/openapi.json", include_in_schema=False)
        async def openapi_without_staff_routes() -> JSONResponse:
            return JSONResponse(public_openapi(app))

    return app
