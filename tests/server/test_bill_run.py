"""The monthly bill run: numbers equal the tariff engine's, a re-run changes nothing, a run
stopped between batches finishes on the next run without gaps, approved links are told."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from domain.tariff import compute_bill
from server.models import Bill
from server.services.billing.bill_run import run_bill_run
from server.services.billing.periods import local_today
from tests.server.api import MEMBER, OTHER_CODE, OWNER, OWNER_CODE, OWNER_MANUAL_CODE, PENDING
from tests.server.billing_support import STAFF, count_bills, daily, notices, user_ids

pytestmark = pytest.mark.usefixtures("demo")
MAY, JUNE = date(2025, 5, 1), date(2025, 6, 1)


async def _load(client, readings: list[dict]) -> None:
    r = await client.post("/admin/readings", json={"readings": readings}, headers=STAFF)
    assert r.status_code == 200, r.text


async def _bills(ctx) -> list[dict]:
    async with ctx.sessions() as session:
        rows = (await session.execute(select(Bill).order_by(Bill.id))).scalars().all()
        return [{c.name: getattr(b, c.name) for c in Bill.__table__.columns} for b in rows]


async def _run(client, month: str) -> dict:
    r = await client.post("/admin/bill-run", json={"month": month}, headers=STAFF)
    assert r.status_code == 200, r.text
    return r.json()["counts"]


async def test_bills_hold_the_worked_examples_and_chain_their_indexes(client, ctx):
    await _load(client, daily(OWNER_CODE, MAY, 200) + daily(OWNER_CODE, JUNE, 150))
    assert (await _run(client, "2025-05"))["created"] == 1
    assert (await _run(client, "2025-06"))["created"] == 1
    may, june = await _bills(ctx)
    # DOMAIN.md: 200 kWh in May 2025 (price change on 05-10) and 150 kWh in June 2025
    assert (may["wh"], may["subtotal"], may["vat"], may["total"]) == (
        200_000,
        434491,
        34759,
        469250,
    )
    assert len(may["breakdown"]["parts"]) == 2
    assert (june["wh"], june["subtotal"], june["vat"], june["total"]) == (
        150_000,
        320700,
        25656,
        346356,
    )
    assert june["start_index_wh"] == may["end_index_wh"] == may["start_index_wh"] + 200_000
    assert (june["period_start"], june["period_end"]) == (JUNE, date(2025, 6, 30))
    # run late (today), so issued today and payable within seven days from today
    today = local_today()
    assert may["invoice_serial"] == f"1C{today.year % 100}TPE"
    assert june["invoice_no"] == may["invoice_no"] + 1
    assert (june["issued_on"], june["due_date"]) == (today, today + timedelta(days=7))
    assert june["status"] == "unpaid"


async def test_manual_meter_bill_from_index_readings(client, ctx):
    rows = [
        {"customer_code": OWNER_MANUAL_CODE, "date": "2025-05-31", "index_kwh": "10234"},
        {"customer_code": OWNER_MANUAL_CODE, "date": "2025-06-30", "index_kwh": "10384"},
    ]
    await _load(client, rows)
    counts = await _run(client, "2025-06")
    assert counts["created"] == 1, counts
    (bill,) = await _bills(ctx)
    assert (bill["start_index_wh"], bill["end_index_wh"]) == (10_234_000, 10_384_000)
    assert bill["total"] == compute_bill(Decimal(150), JUNE, date(2025, 6, 30)).total == 346356


async def test_a_second_run_changes_nothing_and_tells_nobody_again(client, ctx):
    await _load(client, daily(OWNER_CODE, JUNE, 150) + daily(OTHER_CODE, JUNE, 321))
    first = await _run(client, "2025-06")
    before, told = await _bills(ctx), await notices(ctx, "bill_issued")
    again = await _run(client, "2025-06")
    assert (first["created"], again["created"], again["already_billed"]) == (2, 0, 2)
    assert await _bills(ctx) == before
    assert await notices(ctx, "bill_issued") == told


async def test_bill_issued_reaches_approved_links_only(client, ctx):
    await _load(client, daily(OWNER_CODE, JUNE, 150))
    await _run(client, "2025-06")
    owner, member, pending = await user_ids(ctx, OWNER, MEMBER, PENDING)
    told = await notices(ctx, "bill_issued")
    assert sorted(u for u, *_ in told) == sorted([owner, member])
    assert pending not in {u for u, *_ in told}


async def test_a_run_stopped_between_batches_finishes_next_time_without_gaps(client, ctx):
    await _load(client, daily(OWNER_CODE, JUNE, 150) + daily(OTHER_CODE, JUNE, 321))
    stopped = await run_bill_run(ctx.sessions, ctx.hub, JUNE, batch_size=1, stop=lambda: True)
    assert (stopped.created, stopped.stopped) == (1, True)
    assert await count_bills(ctx) == 1
    rest = await run_bill_run(ctx.sessions, ctx.hub, JUNE, batch_size=1)
    assert (rest.created, rest.already_billed) == (1, 1)
    numbers = sorted(b["invoice_no"] for b in await _bills(ctx))
    assert numbers == [1, 2]


async def test_missing_days_or_readings_skip_a_contract_with_a_reason(client, ctx):
    await _load(client, daily(OWNER_CODE, JUNE, 150)[:-1])  # June 30 missing
    counts = await _run(client, "2025-06")
    assert counts["created"] == 0
    assert counts["skipped"] == {"missing_daily_readings": 1}


async def test_future_or_unfinished_months_are_refused(client):
    r = await client.post("/admin/bill-run", json={"month": "2999-01"}, headers=STAFF)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "month"
    r = await client.post("/admin/bill-run", json={"month": "2025-13"}, headers=STAFF)
    assert r.status_code == 422
    r = await client.post("/admin/bill-run", json={"month": "2025-06"})
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"  # no credentials at all


async def test_a_second_run_of_the_same_month_waits_its_turn(client, ctx, db_kind):
    if db_kind != "pg":
        pytest.skip("the run lock is a PostgreSQL advisory lock; SQLite has one writer anyway")
    from server.services.billing.bill_run import _one_run_per_month

    async with _one_run_per_month(ctx.sessions, JUNE):
        r = await client.post("/admin/bill-run", json={"month": "2025-06"}, headers=STAFF)
    assert (r.status_code, r.json()["code"]) == (409, "bill_run_in_progress")
    assert (
        await client.post("/admin/bill-run", json={"month": "2025-06"}, headers=STAFF)
    ).status_code == 200
