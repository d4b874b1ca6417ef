"""The PostgreSQL bill run's fast path and its worker processes: the same bills and notices as
the portable path (SQLAlchemy inserts, what the run did before COPY) and as one process,
over first bills, a skipped month, two reading schedules, shared meters and skips; a run
stopped or failing midway leaves whole batches only and numbers without a gap."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, insert, select, text

from server.models import Bill, Contract, DailyReading, IndexReading, Link, Meter, ReadingSchedule
from server.services.billing.bill_run import run_bill_run
from server.services.billing.bill_run_batch import bill_range
from server.services.billing.periods import load_schedule
from tests.server.api import MEMBER, OWNER, PENDING
from tests.server.billing_support import user_ids

pytestmark = pytest.mark.usefixtures("demo")
MAY, JUNE = date(2025, 5, 1), date(2025, 6, 1)
TODAY = date(2025, 7, 15)
SLOW_AREA = "HCM-FT-02"  # read on the 20th (May) and 19th (June), not the month's last day
MANUAL_READS = (date(2025, 4, 30), date(2025, 5, 31), date(2025, 6, 30))
_BILL_ID = re.compile(r'("bill_id": ?)(\d+)|(\["bill", ")(\d+)(")')


@pytest.fixture(autouse=True)
def _pg_only(db_kind):
    if db_kind != "pg":
        pytest.skip("worker processes and the COPY path are PostgreSQL's")


def codes(n: int) -> list[str]:
    return [f"{prefix}{i:09d}" for prefix in ("PD07", "PE07") for i in range(1, n + 1)]


def _contract(k: int, code: str) -> tuple[dict, dict]:
    ami = k % 3 != 0
    contract = {
        "customer_code": code,
        "owner_phone": f"+8493{k:07d}",
        "name": f"KH {code}",
        "address": "1 Đường Thử",
        "area_code": SLOW_AREA if ami and k % 4 == 1 else "HCM-FT-01",
        "meter_type": "ami" if ami else "manual",
        "households": 2 if k % 7 == 0 else 1,
    }
    meter = {
        "id": 500_000 + k,
        "customer_code": code,
        "serial": f"T{k}",
        "installed_on": date(2024, 1, 1),
        "base_wh": 1_000_000 + 10 * k,
    }
    return contract, meter


async def seed(ctx, n: int) -> int:
    """n contracts per company prefix (two invoice serials): AMI with daily readings and
    manual with index reads, one household or two, two reading schedules, links approved
    and pending; a few miss a day or the June reading (skipped with a reason)."""
    owner, member, pending = await user_ids(ctx, OWNER, MEMBER, PENDING)
    rows: dict = {t: [] for t in (Contract, Meter, DailyReading, IndexReading, Link)}
    for k, code in enumerate(codes(n)):
        contract, meter = _contract(k, code)
        rows[Contract].append(contract)
        rows[Meter].append(meter)
        if contract["meter_type"] == "ami":
            for day in range(61):
                if k % 41 != 5 or day != 45:  # one June day missing now and then
                    wh = 2000 + (k * 37 + day * 113) % 9000 // 10 * 10
                    day_row = {"day": MAY + timedelta(days=day), "wh": wh, "estimated": False}
                    rows[DailyReading].append({"meter_id": meter["id"], **day_row})
        else:
            reads = MANUAL_READS[:2] if k % 43 == 3 else MANUAL_READS
            if k % 5 == 0:  # read mid-month too: the bill takes the period's last reading
                reads = (*reads, date(2025, 6, 15))
            for day in reads:
                used = (day - MANUAL_READS[0]).days * (3000 + 100 * (k % 300))
                read = {"read_on": day, "index_wh": 2_000_000 + used, "source": "reader"}
                rows[IndexReading].append({"meter_id": meter["id"], **read})
        for user, every, status in ((owner, 3, "approved"), (member, 5, "approved")):
            if k % every == 0:
                link = {"user_id": user, "role": "member", "status": status}
                rows[Link].append({"customer_code": code, **link})
        if k % 4 == 0:
            link = {"user_id": pending, "role": "member", "status": "pending"}
            rows[Link].append({"customer_code": code, **link})
    days = ((date(2025, 4, 1), 30), (MAY, 20), (JUNE, 19))
    schedule = [{"area_code": SLOW_AREA, "month": m, "read_on": m.replace(day=d)} for m, d in days]
    async with ctx.sessions() as session:
        await session.execute(insert(ReadingSchedule), schedule)
        for model, values in rows.items():
            for chunk in range(0, len(values), 5000):
                await session.execute(insert(model), values[chunk : chunk + 5000])
        await session.commit()
    return 2 * n


async def snapshot(ctx, month: date) -> tuple[list, list]:
    """(the month's bills without id, number and time; its bill_issued inbox rows and outbox
    intents with the bill named by its code instead of its id)."""
    async with ctx.sessions() as s:
        bills = await s.execute(
            text(
                "SELECT customer_code, period_start, period_end, households, start_index_wh,"
                " end_index_wh, wh, subtotal, vat, total, breakdown::text, invoice_serial,"
                " issued_on, due_date, status FROM bills WHERE period_month = :m"
                " ORDER BY customer_code"
            ),
            {"m": month},
        )
        bills = [tuple(b) for b in bills.all()]
        code_of = {str(i): c for i, c in (await s.execute(select(Bill.id, Bill.customer_code)))}
        inbox = await s.execute(
            text(
                "SELECT user_id, customer_code, ref_id, params::text, created_at IS NOT NULL"
                " FROM notifications WHERE kind = 'bill_issued' AND params->>'month' = :m"
            ),
            {"m": f"{month:%Y-%m}"},
        )
        outbox = await s.execute(
            text('SELECT channel, "to", body, status FROM outbox WHERE body LIKE :m'),
            {"m": f'%"month": "{month:%Y-%m}"%'},
        )

    def named(value: str) -> str:
        return _BILL_ID.sub(
            lambda m: f"{m[1]}{code_of[m[2]]}" if m[1] else f"{m[3]}{code_of[m[4]]}{m[5]}",
            value,
        )

    told = sorted((u, c, code_of[r], named(p), t) for u, c, r, p, t in inbox.all())
    queued = sorted((ch, to, named(body), st) for ch, to, body, st in outbox.all())
    return bills, told + queued


async def counters(ctx) -> dict[str, int]:
    async with ctx.sessions() as s:
        return dict((await s.execute(text("SELECT serial, last_no FROM invoice_counters"))).all())


async def numbers(ctx, month: date) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    async with ctx.sessions() as s:
        rows = await s.execute(
            select(Bill.invoice_serial, Bill.invoice_no).where(Bill.period_month == month)
        )
        for serial, number in rows.all():
            found.setdefault(serial, []).append(number)
    return {serial: sorted(found[serial]) for serial in found}


def assert_consecutive(found: dict[str, list[int]], after: dict[str, int]) -> None:
    """Each serial's numbers follow the counter as it was, without gap or repeat."""
    for serial, taken in found.items():
        first = after.get(serial, 0) + 1
        assert taken == list(range(first, first + len(taken))), serial


async def undo_month(ctx, month: date, saved: dict[str, int]) -> None:
    """Deletes the month's bills and bill_issued notices and puts the counters back."""
    label = f'"month": "{month:%Y-%m}"'
    async with ctx.sessions() as s:
        await s.execute(text("DELETE FROM outbox WHERE body LIKE :m"), {"m": f"%{label}%"})
        await s.execute(
            text("DELETE FROM notifications WHERE kind = 'bill_issued' AND params->>'month' = :m"),
            {"m": f"{month:%Y-%m}"},
        )
        await s.execute(delete(Bill).where(Bill.period_month == month))
        await s.execute(text("DELETE FROM invoice_counters"))
        for serial, last in saved.items():
            await s.execute(
                text("INSERT INTO invoice_counters VALUES (:s, :n)"), {"s": serial, "n": last}
            )
        await s.commit()


async def test_fast_path_in_one_or_three_processes_writes_what_the_portable_path_writes(ctx):
    await seed(ctx, 60)
    may = await run_bill_run(ctx.sessions, ctx.hub, MAY, today=TODAY, workers=1)
    assert may.created > 100
    skipped_may = codes(60)[::11]  # these miss May: June bills them from June 1 (first bill)
    async with ctx.sessions() as s:
        await s.execute(delete(Bill).where(Bill.customer_code.in_(skipped_may)))
        await s.commit()
    before = await counters(ctx)

    async with ctx.sessions() as s:
        schedule = await load_schedule(s, MAY, JUNE)
        portable = await bill_range(s, JUNE, TODAY, schedule, "", portable=True)
        await s.commit()
    expected = await snapshot(ctx, JUNE)
    assert_consecutive(await numbers(ctx, JUNE), before)
    assert {"missing_daily_readings", "no_index_reading"} <= set(portable.skipped)
    first_bills = [b for b in expected[0] if b[0] in skipped_may]
    assert first_bills and all(b[1] in (JUNE, date(2025, 5, 21)) for b in first_bills)
    assert any(b[3] == 2 for b in expected[0]) and len(expected[1]) > 100

    for workers in (1, 3):
        await undo_month(ctx, JUNE, before)
        result = await run_bill_run(
            ctx.sessions, ctx.hub, JUNE, today=TODAY, batch_size=7, workers=workers
        )
        assert (result.created, result.skipped) == (portable.created, portable.skipped)
        assert await snapshot(ctx, JUNE) == expected, f"{workers} worker(s)"
        assert_consecutive(await numbers(ctx, JUNE), before)


async def test_a_parallel_run_stopped_midway_is_finished_by_the_next(ctx):
    total = await seed(ctx, 150)
    asked = 0

    def stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > 8

    first = await run_bill_run(
        ctx.sessions, ctx.hub, MAY, today=TODAY, batch_size=10, stop=stop, workers=2
    )
    assert first.stopped and 0 < first.created < total
    assert sum(map(len, (await numbers(ctx, MAY)).values())) == first.created
    rest = await run_bill_run(ctx.sessions, ctx.hub, MAY, today=TODAY, batch_size=10, workers=2)
    assert not rest.stopped and rest.already_billed == first.created
    assert first.created + rest.created == total  # every seeded contract, each once
    assert_consecutive(await numbers(ctx, MAY), {})
    again = await run_bill_run(ctx.sessions, ctx.hub, MAY, today=TODAY, workers=2)
    assert (again.created, again.already_billed) == (0, total)


async def test_a_failing_batch_rolls_back_alone_and_gives_its_numbers_back(ctx):
    await seed(ctx, 100)
    poison = codes(100)[130]
    async with ctx.sessions() as s:
        await s.execute(
            text(
                "CREATE FUNCTION test_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                f" IF NEW.customer_code = '{poison}' THEN RAISE EXCEPTION 'poisoned bill';"
                " END IF; RETURN NEW; END $$"
            )
        )
        await s.execute(
            text(
                "CREATE TRIGGER test_poison BEFORE INSERT ON bills"
                " FOR EACH ROW EXECUTE FUNCTION test_poison()"
            )
        )
        await s.commit()
    try:
        with pytest.raises(Exception, match="poisoned bill"):
            await run_bill_run(ctx.sessions, ctx.hub, MAY, today=TODAY, batch_size=5, workers=2)
    finally:
        async with ctx.sessions() as s:
            await s.execute(text("DROP TRIGGER test_poison ON bills"))
            await s.execute(text("DROP FUNCTION test_poison()"))
            await s.commit()
    async with ctx.sessions() as s:
        billed = set((await s.execute(select(Bill.customer_code))).scalars())
    assert poison not in billed
    assert_consecutive(await numbers(ctx, MAY), {})  # the failed batch's numbers came back
    rest = await run_bill_run(ctx.sessions, ctx.hub, MAY, today=TODAY, batch_size=5, workers=2)
    assert rest.created > 0 and rest.already_billed == len(billed)
    assert_consecutive(await numbers(ctx, MAY), {})
