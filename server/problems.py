"""RFC 9457 problem details: the one error type services raise, and handlers for every error."""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from server.openapi_problems import allowed_methods

log = logging.getLogger("diennha.errors")
PROBLEM_JSON = "application/problem+json"
TYPE_BASE = "https://diennha.vn/problems/"


class AppError(Exception):
    """A problem a caller can act on; `code` is stable and the client translates it."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers
        self.field = field  # the form field at fault, so the client can mark it


def not_found(code: str = "not_found", detail: str = "Nothing here with that id.") -> AppError:
    return AppError(404, code, detail)


def problem_response(
    status: int,
    code: str,
    detail: str | None,
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict] | None = None,
) -> JSONResponse:
    body = {
        "type": TYPE_BASE + code.replace("_", "-"),
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


_HTTP_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}


def _field_name(loc: tuple) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or str(loc[-1] if loc else "")


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError):
        errors = [{"field": exc.field, "message": exc.detail}] if exc.field else None
        return problem_response(
            exc.status, exc.code, exc.detail, title=exc.title, headers=exc.headers, errors=errors
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError):
        errors = [
            {"field": _field_name(tuple(e.get("loc", ()))), "message": _message(e)}
            for e in exc.errors()
        ]
        return problem_response(
            422, "validation_failed", "Some fields are missing or not valid.", errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            # Bytes that are not UTF-8 JSON are a validation failure like any other bad body.
            errors = [{"field": "body", "message": "the body is not valid UTF-8 JSON"}]
            return problem_response(
                422, "validation_failed", "The request body could not be read.", errors=errors
            )
        code = _HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}")
        detail = exc.detail if isinstance(exc.detail, str) else None
        headers = exc.headers
        if exc.status_code == 405:
            allow = allowed_methods(request.app, request.url.path)
            headers = {**(headers or {}), "Allow": ", ".join(allow)}
            detail = f"This address accepts {', '.join(allow)}."
        if exc.status_code == 404 and detail == "Not Found":
            detail = "There is no such address in this API."
        return problem_response(
            exc.status_code, code, detail, headers=dict(headers) if headers else None
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        # The trace goes to the log, never to the caller.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "internal_error", "Something went wrong on our side.")


def _message(error: dict) -> str:
    msg = str(error.get("msg", "invalid value"))
    # pydantic prefixes messages of custom validators ("Value error, ...")
    return msg.removeprefix("Value error, ")
