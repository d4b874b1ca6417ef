"""Checks the catalogue's field rules on the device, so a person sees mistakes before sending."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from domain.models.services import FieldSpecPublic

PHONE = re.compile(r"(\+?84|0)[35789][0-9]{8}")  # fullmatch; ASCII digits only
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def check_field(spec: FieldSpecPublic, text: str) -> tuple[Any, str | None]:
    """(value to send, error code or None). Error codes: required, not_number, too_small,
    too_large, bad_date, not_choice, bad_format, too_long (i18n `services.field_error.<code>`)."""
    text = (text or "").strip()
    if not text:
        return None, "required" if spec.required else None
    if spec.kind == "number":
        if not re.fullmatch(r"[0-9]{1,6}", text):
            return None, "not_number"
        n = int(text)
        if spec.min is not None and n < spec.min:
            return None, "too_small"
        if spec.max is not None and n > spec.max:
            return None, "too_large"
        return n, None
    if spec.kind == "date":
        try:
            return date.fromisoformat(text).isoformat(), None
        except ValueError:
            return None, "bad_date"
    if spec.kind == "choice":
        return (text, None) if text in {c.value for c in spec.choices} else (None, "not_choice")
    if spec.kind == "phone":
        compact = re.sub(r"[\s.-]", "", text)
        return (compact, None) if PHONE.fullmatch(compact) else (None, "bad_format")
    if spec.max_length is not None and len(text) > spec.max_length:
        return None, "too_long"
    if spec.kind == "email" and not EMAIL.match(text):
        return None, "bad_format"
    if spec.pattern and not re.fullmatch(spec.pattern, text):
        return None, "bad_format"
    return text, None


def check_all(
    fields: list[FieldSpecPublic], values: dict[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in fields:
        value, error = check_field(spec, values.get(spec.name, ""))
        if error:
            errors[spec.name] = error
        elif value is not None:
            out[spec.name] = value
    return out, errors
