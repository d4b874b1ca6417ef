"""JSON bodies of the hot read routes: orjson over plain dicts in the field order of the
route's declared response model, written as pydantic writes that model (decimals as strings,
dates ISO, UTC datetimes with Z); tests/server/test_read_path.py compares the two."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response


class JsonBody(Response):
    """A route returning this skips FastAPI's validation and re-encoding of the value; the
    route still declares `response_model` for the OpenAPI document."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_UTC_Z)
