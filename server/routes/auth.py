"""Phone sign-in: OTP, register, password and OTP login, token refresh, logout, password reset."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from domain.models import (
    LoginRequest,
    LogoutRequest,
    OtpLoginRequest,
    OtpRequest,
    PasswordReset,
    RefreshRequest,
    RegisterRequest,
    Tokens,
)
from server.deps import ClientIp, ContextDep, SessionDep
from server.routes.problems_doc import AUTH_ERRORS, errors
from server.services.identity import auth, otp

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/otp",
    status_code=status.HTTP_202_ACCEPTED,
    responses=errors(422, 429),
    summary="Send a one-time code by SMS (answer is the same whether the phone has an account)",
)
async def request_otp(body: OtpRequest, ctx: ContextDep, session: SessionDep, ip: ClientIp) -> dict:
    await otp.request_otp(ctx, session, body.phone, body.purpose, ip)
    return {
        "detail": "If this phone can receive a code, it is on its way. It is valid for 5 minutes."
    }


@router.post("/register", status_code=201, responses=errors(400, 409, 422))
async def register(body: RegisterRequest, ctx: ContextDep, session: SessionDep) -> Tokens:
    return await auth.register(ctx, session, body)


@router.post("/login", responses=AUTH_ERRORS)
async def login(body: LoginRequest, ctx: ContextDep, session: SessionDep, ip: ClientIp) -> Tokens:
    return await auth.login_password(ctx, session, body.phone, body.password, ip, body.device)


@router.post("/login/otp", responses=errors(400, 422))
async def login_otp(body: OtpLoginRequest, ctx: ContextDep, session: SessionDep) -> Tokens:
    return await auth.login_otp(ctx, session, body.phone, body.otp, body.device)


@router.post("/refresh", responses=errors(401, 422))
async def refresh(body: RefreshRequest, ctx: ContextDep, session: SessionDep) -> Tokens:
    return await auth.refresh(ctx, session, body.refresh_token)


@router.post("/logout", status_code=204, responses=errors(422))
async def logout(body: LogoutRequest, session: SessionDep) -> Response:
    await auth.logout(session, body.refresh_token, body.everywhere)
    return Response(status_code=204)


@router.post("/password/reset", status_code=204, responses=errors(400, 422))
async def reset_password(body: PasswordReset, ctx: ContextDep, session: SessionDep) -> Response:
    """Sets a new password with a `reset` one-time code; every sign-in of the account ends."""
    await auth.reset_password(ctx, session, body.phone, body.otp, body.new_password)
    return Response(status_code=204)
