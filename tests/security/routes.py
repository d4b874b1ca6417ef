"""The API's operations as the OpenAPI document lists them, with sample path parameters, for
tests that must cover every route (new routes included) without naming them."""

from __future__ import annotations

import re

API = "/api/v1"
SAMPLE = {"code": "PE01000123456", "slug": "canh-bao-lua-dao"}


def operations(app) -> list[tuple[str, str, dict]]:
    """(METHOD, path under /api/v1, operation object) of every documented operation."""
    spec = app.openapi()
    return [
        (method.upper(), path.removeprefix(API), op)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
    ]


def concrete(path: str) -> str:
    """The path with each {parameter} filled by a sample value (client base URL is /api/v1)."""
    return re.sub(r"{(\w+)}", lambda m: SAMPLE.get(m.group(1), "1"), path)
