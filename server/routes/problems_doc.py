"""OpenAPI descriptions of error responses, so the contract shows problem details everywhere."""

from __future__ import annotations

from domain.models import Problem

_DESC = {
    400: "The request cannot be done as asked",
    401: "Not signed in, or the token is no longer valid",
    403: "Signed in, but not allowed",
    404: "Not found (or not yours)",
    409: "Conflicts with the current state",
    413: "Request body too large",
    415: "The file is not of an accepted type",
    422: "Fields missing or not valid",
    429: "Too many requests; see Retry-After",
}


def errors(*statuses: int) -> dict:
    """`responses=` entries; main.py moves their schema under application/problem+json."""
    return {s: {"model": Problem, "description": _DESC[s]} for s in statuses}


AUTH_ERRORS = errors(401, 422, 429)
ACCOUNT_ERRORS = errors(401, 403, 404, 422)
