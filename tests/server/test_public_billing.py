"""Public tariffs and estimate: the same engine as bills, DOMAIN.md's worked examples."""

from __future__ import annotations

import pytest


async def test_tariffs_are_the_dated_tables(client):
    r = await client.get("/public/tariffs")
    assert r.status_code == 200
    tables = r.json()["tables"]
    assert [t["decision"] for t in tables] == [
        "1062/QĐ-BCT",
        "2941/QĐ-BCT",
        "2699/QĐ-BCT",
        "1279/QĐ-BCT",
    ]
    assert [t["price"] for t in tables[-1]["tiers"]] == [1984, 2050, 2380, 2998, 3350, 3460]
    assert tables[-1]["valid_from"] == "2025-05-10" and tables[-1]["valid_to"] is None


@pytest.mark.parametrize(
    ("body", "subtotal", "vat", "total", "parts"),
    [
        (
            {"kwh": "150", "period_start": "2025-06-01", "period_end": "2025-06-30"},
            320700,
            25656,
            346356,
            1,
        ),
        (
            {"kwh": "200", "period_start": "2025-05-01", "period_end": "2025-05-31"},
            434491,
            34759,
            469250,
            2,
        ),
    ],
)
async def test_estimate_holds_the_worked_examples(client, body, subtotal, vat, total, parts):
    r = await client.post("/public/estimate", json=body)
    assert r.status_code == 200, r.text
    e = r.json()
    assert (e["subtotal"], e["vat"], e["total"], len(e["parts"])) == (subtotal, vat, total, parts)
    assert e["vat_rate"] == "0.08"


async def test_estimate_split_tiers_of_may_2025(client):
    body = {"kwh": "200", "period_start": "2025-05-01", "period_end": "2025-05-31"}
    old, new = (await client.post("/public/estimate", json=body)).json()["parts"]
    assert (old["days"], old["kwh"], new["days"], new["kwh"]) == (9, "58", 22, "142")
    assert [t["width_kwh"] for t in old["tiers"]][:3] == [15, 15, 29]


@pytest.mark.parametrize(
    "body",
    [
        {"kwh": "-1", "period_start": "2025-06-01", "period_end": "2025-06-30"},
        {"kwh": "1.0001", "period_start": "2025-06-01", "period_end": "2025-06-30"},
        {"kwh": "100", "period_start": "2025-06-30", "period_end": "2025-06-01"},
        {"kwh": "100", "period_start": "2025-01-01", "period_end": "2025-06-30"},
        {"kwh": "100", "period_start": "2025-06-01", "period_end": "2025-06-30", "households": 0},
        {"kwh": "100", "period_start": "2025-06-01", "period_end": "2025-06-30", "x": 1},
    ],
)
async def test_estimate_input_is_checked(client, body):
    r = await client.post("/public/estimate", json=body)
    assert r.status_code == 422 and r.json()["code"] == "validation_failed"


async def test_estimate_before_the_first_tariff_is_a_clear_problem(client):
    body = {"kwh": "100", "period_start": "2020-01-01", "period_end": "2020-01-31"}
    r = await client.post("/public/estimate", json=body)
    assert (r.status_code, r.json()["code"]) == (400, "period_before_tariffs")
