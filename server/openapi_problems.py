"""Rewrites the generated OpenAPI so error responses are documented as application/problem+json."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

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
                if status.isdigit() and int(status) >= 400:
                    resp["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
    schema["paths"] = dict(sorted(schema["paths"].items()))
    app.openapi_schema = schema
    return schema
