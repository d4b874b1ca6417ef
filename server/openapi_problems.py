"""Rewrites the generated OpenAPI so error responses are documented as application/problem+json."""

from __future__ import annotations

import re
from functools import lru_cache

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from domain.digits import is_ascii_digits

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def problem_openapi(app: FastAPI) -> dict:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, routes=app.routes)
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault(
        "Problem",
        {
            "title": "Problem",
            "type": "object",
            "required": ["type", "title", "status", "code"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": ["string", "null"]},
                "code": {"type": "string"},
                "errors": {"type": ["array", "null"], "items": {"type": "object"}},
            },
        },
    )
    for path in schema.get("paths", {}).values():
        for op in path.values():
            for status, resp in op.get("responses", {}).items():
                if is_ascii_digits(status) and int(status) >= 400:
                    resp["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
    schema["paths"] = dict(sorted(schema["paths"].items()))
    app.openapi_schema = schema
    return schema


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method the API documents for `path` (the Allow header of a 405)."""
    matches = [
        (literal, ops)
        for pattern, literal, ops in _path_patterns(id(app), app)
        if pattern.fullmatch(path)
    ]
    # A literal path (/accounts/links) wins over a template that also matches (/accounts/{code}).
    exact = [ops for literal, ops in matches if literal]
    chosen = exact or [ops for _, ops in matches]
    return sorted(set().union(*chosen)) if chosen else []


@lru_cache(maxsize=4)
def _path_patterns(_app_id: int, app: FastAPI) -> list[tuple[re.Pattern, bool, frozenset[str]]]:
    out = []
    for template, ops in app.openapi()["paths"].items():
        regex = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template))
        out.append((re.compile(regex), "{" not in template, frozenset(m.upper() for m in ops)))
    return out
