"""ASGI middleware: a request carrying a personal API token (`Bearer dnp_…`, issue 19) is
checked here — live, not expired, its rate, its scope, its codes — and then goes on as its own
sign-in with a short access token minted for it, so every route and both read paths apply the
one link rule of server/deps.py unchanged. Nothing else passes through here."""

from __future__ import annotations

import time

from server.problems import AppError, problem_response
from server.services.api_tokens import gate_checks
from server.services.api_tokens.tokens import is_personal


class ApiTokenGate:
    def __init__(self, app, prefix: str) -> None:
        self.app, self.prefix = app, prefix

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            return await self.app(scope, receive, send)
        token = _bearer(scope)
        if token is None or not is_personal(token):
            return await self.app(scope, receive, send)
        ctx = scope["app"].state.ctx
        path = scope["path"][len(self.prefix) :]
        try:
            passed = await gate_checks.admit(ctx, token, scope["method"], path)
        except AppError as exc:
            response = problem_response(exc.status, exc.code, exc.detail, headers=exc.headers)
            return await response(scope, receive, send)
        headers = [(k, v) for k, v in scope["headers"] if k != b"authorization"]
        headers.append((b"authorization", b"Bearer " + _access(ctx, passed).encode()))
        scope = dict(scope, headers=headers)
        scope.setdefault("state", {})["api_token_id"] = passed.token_id
        return await self.app(scope, receive, send)


def _bearer(scope) -> str | None:
    for key, value in scope["headers"]:
        if key == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            return credentials.strip() if scheme.lower() == "bearer" else None
    return None


def _access(ctx, passed: gate_checks.Admitted) -> str:
    """A short access token of the token's own sign-in, kept until a minute before it ends."""
    cache = ctx.api_token_access
    hit = cache.get(passed.token_id)
    if hit is not None and hit[1] - time.time() > 60:
        return hit[0]
    token = ctx.tokens.issue(passed.user_id, passed.session_id)
    cache[passed.token_id] = (token, time.time() + ctx.tokens.lifetime.total_seconds())
    return token
