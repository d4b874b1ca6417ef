"""Skip an included router at once when no path of it can match the request.

FastAPI 0.16x keeps included routers as branches and matches them one by one: the app asks
each branch, the branch tries every route with bookkeeping (scope keys set and restored per
candidate), and the chosen branch matches again to handle. A request for a router included
late (e.g. POST /public/outage-reports, 15th) paid ~80 route matches, ~12 % of its CPU in the
storm profile (bench/RESULTS.md). Each router here answers "no" from one `str.startswith` on
the literal heads of its paths (up to the first `{`) before FastAPI's own matching runs; a
possible match is left entirely to FastAPI, so 404, 405 and slash redirects are unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

Matcher = Callable[[Scope], tuple[Match, Scope]]


def literal_heads(router: APIRouter, prefix: str) -> tuple[str, ...] | None:
    """The fixed beginnings of every path of `router` when included under `prefix`; None when
    a route is not a plain APIRoute (a nested router or a mount: no filter then)."""
    if not router.routes or not all(isinstance(r, APIRoute) for r in router.routes):
        return None
    return tuple(
        sorted({prefix + r.path.split("{", 1)[0].rstrip("/") for r in router.routes})  # type: ignore[attr-defined]
    )


def _route_path(scope: Scope) -> str:
    path: str = scope["path"]
    root = scope.get("root_path", "")
    return path[len(root) :] if root and path.startswith(root) else path


def filter_router(router: APIRouter, prefix: str) -> bool:
    """Give `router` the quick "no"; False when it cannot have one (see literal_heads)."""
    heads = literal_heads(router, prefix)
    if heads is None:
        return False
    router_any: Any = router
    # Routers are module objects and every create_app() filters them: wrap FastAPI's own
    # matcher once, not the previous app's wrapper.
    full: Matcher = router_any.__dict__.get("_unfiltered_matches") or router.matches
    router_any._unfiltered_matches = full

    def matches(scope: Scope) -> tuple[Match, Scope]:
        if not _route_path(scope).startswith(heads):
            return Match.NONE, {}
        return full(scope)

    router_any.matches = matches  # per instance: FastAPI's branch calls router.matches(scope)
    return True
