"""Busy/error bookkeeping shared by every view model that submits something."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import flet as ft
from pydantic import ValidationError as SchemaError

from app.services.errors import AppError, ValidationError


class InputError(ValidationError):
    """Refused before sending: the client checked the field itself."""


@ft.observable
@dataclass(kw_only=True)
class FormState:
    busy: bool = False
    error: AppError | None = None
    # field name -> error code (translated as `field_error.<code>`)
    field_errors: dict[str, str] = field(default_factory=dict)
    notice: str | None = None  # a message key for a success note ("code sent")

    async def run(self, action: Callable[[], Awaitable[object]]) -> bool:
        """Run one submit; True on success. Errors land in `error`/`field_errors`."""
        if self.busy:
            return False
        self.busy = True
        self.error = None
        self.field_errors = {}
        self.notice = None
        try:
            await action()
            return True
        except ValidationError as e:
            self.field_errors = {name: "invalid" for name in e.fields} | _input_fields(e)
            self.error = e
        except AppError as e:
            self.error = e
        except SchemaError as e:
            names = {str(err["loc"][0]) for err in e.errors() if err.get("loc")}
            self.field_errors = {name: "invalid" for name in names}
            self.error = AppError(code="validation")
        finally:
            self.busy = False
        return False

    def refuse(self, fields: dict[str, str]) -> None:
        """Client-side check failed: show the field errors without calling the server."""
        self.field_errors = fields
        self.error = InputError(code="check_fields", fields=fields)


def _input_fields(error: ValidationError) -> dict[str, str]:
    return dict(error.fields) if isinstance(error, InputError) else {}
