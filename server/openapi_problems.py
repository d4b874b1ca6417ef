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


STAFF_TAG = "staff"


def public_openapi(app: FastAPI) -> dict:
    """The document production serves to anyone: without the staff routes (the inventory of
    what a stolen staff key would open) and without the schemas only they use. The full
    document stays inside the app (405 answers read it) and in development."""
    full = problem_openapi(app)
    paths = {}
    for path, ops in full["paths"].items():
        kept = {m: op for m, op in ops.items() if STAFF_TAG not in op.get("tags", [])}
        if kept:
            paths[path] = kept
    schemas = full.get("components", {}).get("schemas", {})
    used: set[str] = set()
    todo = [paths]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in used and name in schemas:
                    used.add(name)
                    todo.append(schemas[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    components = dict(full.get("components", {}))
    components["schemas"] = {k: v for k, v in schemas.items() if k in used}
    tags = [t for t in full.get("tags", []) if t.get("name") != STAFF_TAG]
    out = {**full, "paths": paths, "components": components}
    if "tags" in full:
        out["tags"] = tags
    return out


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
