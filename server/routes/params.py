"""Path and query parameters many routes share.

A row id is a positive 64-bit integer: a larger number in a URL would overflow the database's
BIGINT and fail as a 500, so it is refused as 422 before any query (tests/server/test_api_docs
checks that every integer parameter of the contract has a maximum).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ROW_ID = 2**62
RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
