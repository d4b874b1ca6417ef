"""Wire shapes: EstimateRequest validation, Breakdown JSON, GET /public/tariffs body."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from domain.models.billing import Breakdown, EstimateRequest
from domain.tariff import compute_bill, public_tariffs


def estimate(**fields: object) -> EstimateRequest:
    body = {"kwh": "150", "period_start": "2025-06-01", "period_end": "2025-06-30"} | fields
    return EstimateRequest.model_validate_json(json.dumps(body))


def test_estimate_request_accepts_strings_numbers_and_defaults_one_household() -> None:
    assert estimate().kwh == Decimal(150)
    assert estimate(kwh=150.5).kwh == Decimal("150.5")
    assert estimate(kwh="12.345", households=3).households == 3
    assert estimate().households == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"kwh": "-1"},
        {"kwh": "100001"},
        {"kwh": "1.0005"},
        {"kwh": "NaN"},
        {"households": 0},
        {"households": 21},
        {"period_end": "2025-05-31"},
        {"period_end": "2025-08-02"},
        {"surprise": 1},
    ],
)
def test_estimate_request_refuses(fields: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        estimate(**fields)


def test_estimate_request_feeds_compute_bill() -> None:
    request = estimate(kwh="200", period_start="2025-05-01", period_end="2025-05-31")
    bill = compute_bill(request.kwh, request.period_start, request.period_end, request.households)
    assert bill.total == 469_250


def test_breakdown_json_has_the_fixed_names_and_string_decimals() -> None:
    body = json.loads(
        compute_bill(Decimal(200), date(2025, 5, 1), date(2025, 5, 31)).model_dump_json()
    )
    assert set(body) == {"kwh", "subtotal", "vat_rate", "vat", "total", "parts"}
    assert (body["kwh"], body["vat_rate"], body["total"]) == ("200", "0.08", 469_250)
    part = body["parts"][0]
    assert set(part) == {"valid_from", "decision", "days", "kwh", "tiers"}
    assert (part["valid_from"], part["kwh"]) == ("2024-10-11", "58")
    assert part["tiers"][0] == {
        "tier": 1,
        "width_kwh": 15,
        "kwh": "15",
        "price": 1893,
        "amount": 28_395,
    }
    assert Breakdown.model_validate(body).total == 469_250


def test_breakdown_is_immutable_because_lines_are_shared() -> None:
    bill = compute_bill(Decimal(150), date(2025, 6, 1), date(2025, 6, 30))
    with pytest.raises(ValidationError):
        bill.parts[0].tiers[0].amount = 0  # type: ignore[misc]


def test_public_tariffs_lists_every_table_with_published_bounds() -> None:
    body = public_tariffs()
    assert [t.decision for t in body.tables] == [
        "1062/QĐ-BCT", "2941/QĐ-BCT", "2699/QĐ-BCT", "1279/QĐ-BCT"
    ]  # fmt: skip
    latest = body.tables[-1]
    assert (latest.valid_from, latest.valid_to) == (date(2025, 5, 10), None)
    assert body.tables[0].valid_to == date(2023, 11, 8)
    assert [(t.tier, t.from_kwh, t.to_kwh, t.price) for t in latest.tiers] == [
        (1, 0, 50, 1984), (2, 51, 100, 2050), (3, 101, 200, 2380),
        (4, 201, 300, 2998), (5, 301, 400, 3350), (6, 401, None, 3460),
    ]  # fmt: skip
    rates = [(v.valid_from, v.valid_to, v.rate) for v in body.vat_rates]
    assert rates[1:] == [
        (date(2023, 7, 1), date(2026, 12, 31), Decimal("0.08")),
        (date(2027, 1, 1), None, Decimal("0.10")),
    ]
    assert json.loads(body.model_dump_json())["vat_rates"][1]["rate"] == "0.08"
