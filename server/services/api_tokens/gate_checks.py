"""What a personal token must pass before its request goes on (server/api_token_gate.py):
found and live (revoked, expired or its sign-in ended: 401), its rate (429), its scope (403
`insufficient_scope`), its codes (another code: 404 as for any code not yours; a bound code
whose link has ended kills the token: 401). The first read of a code each day by a token is
written to that code's audit, so the owner sees which tokens read its data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sqlalchemy import select

from domain.customer_code import InvalidCustomerCode, mask_phone, normalize_customer_code
from server.models import ApiToken, AuditRecord, Link, SignInSession, User, utcnow
from server.problems import AppError
from server.security import token_digest
from server.services.api_tokens import scopes as scope_rules
from server.services.api_tokens.tokens import revoke
from server.services.billing.periods import LOCAL_TZ, local_today

LAST_USE_STEP = timedelta(seconds=60)  # last_used_at is written at most once a minute


@dataclass(frozen=True)
class Admitted:
    token_id: int
    user_id: int
    session_id: int


def _dead(detail: str = "This API token is not valid: revoked, expired or unknown.") -> AppError:
    return AppError(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"})


async def admit(ctx, raw: str, method: str, path: str) -> Admitted:
    async with ctx.sessions() as session:
        row = (
            await session.execute(
                select(ApiToken, User, SignInSession.revoked_at)
                .join(User, User.id == ApiToken.user_id)
                .join(SignInSession, SignInSession.id == ApiToken.session_id)
                .where(ApiToken.token_hash == token_digest(raw))
            )
        ).first()
        now = utcnow()
        if (
            row is None
            or row.ApiToken.revoked_at
            or row.revoked_at
            or row.ApiToken.expires_at <= now
        ):
            raise _dead()
        token, user = row.ApiToken, row.User
        allowed, scope, code = scope_rules.needed(method, path)
        if not allowed or (scope is not None and scope not in token.scopes):
            raise AppError(
                403,
                "insufficient_scope",
                f"This token may not do this{f' (it needs {scope})' if scope else ''}: personal "
                "tokens only read usage, bills and outages.",
                headers={"WWW-Authenticate": 'Bearer error="insufficient_scope"'},
            )
        # After the scope: a call a token may never make is refused as such, not counted.
        wait = await ctx.limiter.take(ctx.settings.api_token_rate, "api-token", str(token.id))
        if wait:
            raise AppError(
                429,
                "rate_limited",
                f"This token made too many calls. Try again in {wait} seconds.",
                headers={"Retry-After": str(wait)},
            )
        if code is not None:
            code = await _check_code(session, token, user, code)
        if token.last_used_at is None or now - token.last_used_at > LAST_USE_STEP:
            token.last_used_at = now
        if code is not None:
            await _audit_first_read(ctx, session, token, user, code, scope)
        await session.commit()
        return Admitted(token.id, user.id, token.session_id)


async def _check_code(session, token: ApiToken, user: User, code: str) -> str | None:
    try:
        code = normalize_customer_code(code)
    except InvalidCustomerCode:
        return None  # the route answers 404 as for any code not yours
    if token.customer_codes is not None and code not in token.customer_codes:
        raise AppError(404, "account_not_found", "No customer code of yours has that number.")
    status = await session.scalar(
        select(Link.status).where(Link.user_id == user.id, Link.customer_code == code)
    )
    if token.customer_codes is not None and status != "approved":
        # The link this token was made for has ended (revoked, or the person left): so has it.
        await revoke(session, token, "api_token_link_ended")
        await session.commit()
        raise _dead("This API token ended with your link to one of its customer codes.")
    return code if status == "approved" else None


async def _audit_first_read(ctx, session, token: ApiToken, user: User, code: str, scope) -> None:
    today = local_today()
    seen = ctx.api_token_audited
    key = (token.id, code, today)
    if key in seen:
        return
    since = datetime.combine(today, time(0), LOCAL_TZ)
    detail = f"token #{token.id} '{token.name}'"
    found = await session.scalar(
        select(AuditRecord.id).where(
            AuditRecord.customer_code == code,
            AuditRecord.at >= since,
            AuditRecord.action == "api_token_read",
            AuditRecord.detail.startswith(detail),
        )
    )
    if found is None:
        session.add(
            AuditRecord(
                actor_user_id=user.id,
                actor=mask_phone(user.phone),
                action="api_token_read",
                customer_code=code,
                purpose="personal_api_token",
                detail=f"{detail} ({token.hint}…) read {scope or 'the account'}",
            )
        )
    if len(seen) > 100_000:
        seen.clear()
    seen.add(key)
