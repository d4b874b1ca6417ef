"""Per-type validation of a request's fields against the catalogue: 422 errors[{field, message}]."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from domain import clock
from domain.customer_code import InvalidPhone, normalize_phone
from server.services.service_requests.catalogue import ServiceType

_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")


def clean_fields(t: ServiceType, given: dict[str, Any]) -> tuple[dict, list[dict]]:
    """The fields as they will be stored (normalised), and the errors found."""
    errors: list[dict] = []
    out: dict[str, Any] = {}
    known = {f["name"] for f in t.raw["fields"]}
    for name in sorted(set(given) - known):
        errors.append({"field": f"fields.{name}", "message": "not a field of this service"})
    for spec in t.raw["fields"]:
        name = spec["name"]
        value = given.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.get("required"):
                errors.append({"field": f"fields.{name}", "message": "required"})
            continue
        try:
            out[name] = _clean(spec, value)
        except ValueError as exc:
            errors.append({"field": f"fields.{name}", "message": str(exc)})
    if t.code == "suspend" and not errors and out["to_date"] < out["from_date"]:
        errors.append({"field": "fields.to_date", "message": "must not be before from_date"})
    if t.code == "contact_update" and not errors and not out:
        errors.append({"field": "fields.notice_phone", "message": "give a phone or an e-mail"})
    return out, errors


def _clean(spec: dict, value: Any) -> Any:
    kind = spec["kind"]
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise ValueError("must be a whole number")
        try:
            n = int(value)
        except ValueError:
            raise ValueError("must be a whole number") from None
        if "min" in spec and n < spec["min"]:
            raise ValueError(f"must be at least {spec['min']}")
        if "max" in spec and n > spec["max"]:
            raise ValueError(f"must be at most {spec['max']}")
        return n
    if not isinstance(value, str):
        raise ValueError("must be text")
    value = value.strip()
    if kind == "date":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a date YYYY-MM-DD") from None
        earliest = clock.today() + timedelta(days=spec.get("min_days_ahead", 0))
        if day < earliest:
            raise ValueError(f"must be on or after {earliest.isoformat()}")
        if day > clock.today() + timedelta(days=366):
            raise ValueError("must be within a year")
        return day.isoformat()
    if kind == "choice":
        if value not in {c["value"] for c in spec["choices"]}:
            raise ValueError("not one of the choices")
        return value
    if kind == "phone":
        try:
            return normalize_phone(value)
        except InvalidPhone:
            raise ValueError("not a Vietnamese mobile number") from None
    if len(value) > spec.get("max_length", 300):
        raise ValueError(f"at most {spec.get('max_length', 300)} characters")
    if kind == "email" and not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    if "pattern" in spec and not re.fullmatch(spec["pattern"], value):
        raise ValueError("not in the expected form")
    return value
