"""Shapes used by every feature: problem details, pages, validated field types."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from domain.customer_code import normalize_customer_code, normalize_phone

T = TypeVar("T")


def _phone(value: str) -> str:
    return normalize_phone(value)


def _code(value: str) -> str:
    return normalize_customer_code(value)


# The patterns publish in the OpenAPI document exactly what the validators accept. [0-9], never
# \d: pydantic's patterns, like Python's, take \d to mean any script's digits (domain/digits.py).
_SEP = r"[\s().-]*"
PHONE_PATTERN = rf"^{_SEP}(?:\+?84|0){_SEP}[35789](?:{_SEP}[0-9]){{8}}{_SEP}$"
CODE_PATTERN = r"^[\s.-]*[Pp][\s.-]*[A-Za-z](?:[\s.-]*[A-Za-z0-9]){11}[\s.-]*$"
# Accepts 0912…/84912…/+84912… and spaces; always E.164 afterwards.
Phone = Annotated[
    str, Field(min_length=10, max_length=20, pattern=PHONE_PATTERN), AfterValidator(_phone)
]
# Accepts lower case and spaces; always 13 upper-case characters afterwards.
CustomerCode = Annotated[
    str, Field(min_length=13, max_length=20, pattern=CODE_PATTERN), AfterValidator(_code)
]
OtpCode = Annotated[str, Field(pattern=r"^[0-9]{6}$")]


def _json_number(value: object) -> object:
    # pydantic's lax mode reads `false` as 0 and "10" as 10; the schema says number, so a body
    # with either is refused. A whole float (87.0) stays an integer, as JSON Schema counts it.
    if isinstance(value, bool | str | bytes):
        raise ValueError("give a number (not true/false or text)")
    return value


# Marks a number of a request body as a JSON number only, after its bounds so the schema keeps
# them: `Annotated[int, Field(ge=1, le=20), JSON_NUMBER]` (tests/server/test_wire_numbers.py).
JSON_NUMBER = BeforeValidator(_json_number)


class WireModel(BaseModel):
    """Base of every wire schema: unknown fields in requests are refused, not ignored."""

    model_config = ConfigDict(extra="forbid")


class ProblemField(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details, with a stable machine `code` the client maps to a message."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    code: str
    errors: list[ProblemField] | None = None


class Page(BaseModel, Generic[T]):
    """A cursor page: pass `next_cursor` back as `cursor` for the next one."""

    items: list[T]
    next_cursor: str | None = None
