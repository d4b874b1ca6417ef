"""Every number a request body takes is a JSON number: `true`, `false` and `"10"` are refused.

Pydantic's lax mode reads `false` as 0 and `"10"` as 10, so a body the OpenAPI document calls
invalid would be accepted (schemathesis found `"lon": false` taken as longitude 0). The rule is
checked on every wire schema of the app, so a new field cannot slip back to lax numbers.
"""

from __future__ import annotations

import importlib
import pkgutil
import typing

import pytest
from pydantic import ValidationError

import domain.models
import server.routes
from domain.models.common import WireModel


def _load_all() -> None:
    for package in (domain.models, server.routes):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            importlib.import_module(info.name)


def _subclasses(cls: type) -> list[type]:
    found = []
    for sub in cls.__subclasses__():
        found.append(sub)
        found.extend(_subclasses(sub))
    return found


def _numeric(annotation: object) -> bool:
    if annotation in (int, float):
        return True
    return any(_numeric(arg) for arg in typing.get_args(annotation))


def _numeric_fields() -> list[tuple[type, str]]:
    _load_all()
    return sorted(
        {
            (model, name)
            for model in _subclasses(WireModel)
            for name, field in model.model_fields.items()
            if _numeric(field.annotation)
        },
        key=lambda pair: (pair[0].__module__, pair[0].__qualname__, pair[1]),
    )


NUMERIC_FIELDS = _numeric_fields()


def test_the_rule_sees_the_known_numbers():
    names = {(m.__name__, f) for m, f in NUMERIC_FIELDS}
    assert ("OutageReportCreate", "lon") in names and ("ApiTokenIn", "expires_in_days") in names


@pytest.mark.parametrize(
    ("model", "name"), NUMERIC_FIELDS, ids=[f"{m.__name__}.{f}" for m, f in NUMERIC_FIELDS]
)
@pytest.mark.parametrize("value", [True, False, "10"], ids=["true", "false", "string"])
def test_numbers_are_numbers(model, name, value):
    shaped = [value] if typing.get_origin(model.model_fields[name].annotation) is list else value
    with pytest.raises(ValidationError) as refused:
        model.model_validate({name: shaped})
    assert any(error["loc"][:1] == (name,) for error in refused.value.errors()), (
        f"{model.__name__}.{name} took {shaped!r} for a number"
    )
