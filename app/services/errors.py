"""The few error types a view shows; each carries a stable `code` the i18n catalogue translates."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class AppError(Exception):
    """Base of every error the client services raise; `code` maps to `error.<code>`."""

    code: str = "generic"
    status: int | None = None
    detail: str | None = None
    fields: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{type(self).__name__}({self.code}, status={self.status})"


class OfflineError(AppError):
    """The backend could not be reached (no network, DNS, refused, timed out)."""


class AuthError(AppError):
    """Wrong credentials, or the session ended and the person must sign in again."""


class ForbiddenError(AppError):
    """Signed in but not allowed, e.g. a link that is still awaiting approval."""


class NotFoundError(AppError):
    """Nothing there, or not yours (the API answers both the same way)."""


class ValidationError(AppError):
    """The input was refused; `fields` maps a field name to the server's message."""


class RateLimitedError(AppError):
    """Too many tries; `retry_after_s` says when to try again, if the server said."""

    retry_after_s: int | None = None


class ServerError(AppError):
    """The backend failed (5xx) or answered something the client cannot read."""


_BY_STATUS: dict[int, tuple[type[AppError], str]] = {
    400: (ValidationError, "bad_request"),
    401: (AuthError, "unauthorized"),
    403: (ForbiddenError, "forbidden"),
    404: (NotFoundError, "not_found"),
    409: (ValidationError, "conflict"),
    422: (ValidationError, "validation"),
    429: (RateLimitedError, "rate_limited"),
}


def error_for_status(
    status: int,
    code: str | None,
    detail: str | None,
    fields: dict[str, str] | None = None,
    retry_after_s: int | None = None,
) -> AppError:
    """Pick the error type by HTTP status; keep the server's stable code when it gave one."""
    kind, default_code = _BY_STATUS.get(status, (ServerError, "server"))
    if status < 500 and status not in _BY_STATUS:
        kind, default_code = ValidationError, "bad_request"
    error = kind(code=code or default_code, status=status, detail=detail, fields=fields or {})
    if isinstance(error, RateLimitedError):
        error.retry_after_s = retry_after_s
    return error
