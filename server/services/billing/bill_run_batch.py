"""One batch of a bill run in the caller's transaction: the unbilled contracts of a code
range, their bills composed, numbered and inserted with their bill_issued notices. On psycopg
through bill_run_pg (set-based reads, COPY text); elsewhere through the portable queries and
inserts. The caller commits, then announces to `told`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Bill, utcnow
from server.notify.kinds import BILL_ISSUED
from server.services.billing import bill_run_pg as pg
from server.services.billing import bill_sources as src
from server.services.billing.batch_sql import bulk_insert, one_of
from server.services.billing.bill_compose import compose_bills
from server.services.billing.bill_run_rows import NewBill, bill_issued_params, iso
from server.services.billing.credits import carry_waiting_credits
from server.services.billing.invoices import take_numbers
from server.services.billing.notice_bulk import notify_many
from server.services.billing.periods import Schedule


@dataclass(slots=True)
class BatchOutcome:
    looked_at: int = 0
    last_code: str = ""
    created: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    told: set[int] = field(default_factory=set)

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


async def bill_range(
    session: AsyncSession,
    month: date,
    today: date,
    schedule: Schedule,
    after: str,
    upto: str | None = None,
    limit: int | None = None,
    backdate: bool = False,
    announce: bool = True,
    portable: bool = False,
) -> BatchOutcome:
    """Bills the unbilled contracts with codes in (after, upto] (upto None: no end), at most
    `limit` of them. `backdate` dates each bill the day after its reading whatever `today`
    is, and `announce` False writes no notices: both for loading history (server/seed).
    `portable` takes the portable path on PostgreSQL too (to compare the two)."""
    out = BatchOutcome(last_code=after)
    raw = None if portable else await pg.driver_connection(session)
    if raw is not None:
        batch = await pg.candidates(raw, month, after, upto, limit)
    else:
        batch = await src.unbilled(session, month, after, upto, limit, links=announce)
    if not batch:
        return out
    out.looked_at, out.last_code = len(batch), batch[-1].code
    bills = await compose_bills(session, batch, month, today, schedule, out.skip, backdate, raw)
    if bills:
        if raw is not None:
            out.told = await pg.write(raw, bills, month, utcnow().isoformat(), announce)
        else:
            out.told = await _write_portable(session, bills, month, announce)
        out.created = len(bills)
        await carry_waiting_credits(session, [b.code for b in bills], utcnow())
    return out


async def _write_portable(
    session: AsyncSession, bills: list[NewBill], month: date, announce: bool
) -> set[int]:
    """Numbers and inserts the bills, reads their ids back, writes the notices."""
    by_serial: dict[str, list[NewBill]] = {}
    for b in bills:
        by_serial.setdefault(b.serial, []).append(b)
    for serial in sorted(by_serial):  # a fixed order: two runs never wait on each other
        first = await take_numbers(session, serial, len(by_serial[serial]))
        for offset, b in enumerate(by_serial[serial]):
            b.number = first + offset
    now = utcnow()
    await bulk_insert(session, Bill, [_bill_dict(b, month, now) for b in bills])
    created = await session.execute(
        select(Bill.id, Bill.customer_code).where(
            one_of(session, Bill.customer_code, [b.code for b in bills]),
            Bill.period_month == month,
        )
    )
    ids = {code: bill_id for bill_id, code in created.all()}
    if not announce:
        return set()
    label, notices = iso(month)[:7], []
    for b in bills:
        b.bill_id = ids[b.code]
        params = bill_issued_params(b, label)
        for user_id in b.users:
            notices.append((user_id, BILL_ISSUED, params, b.code, ("bill", str(b.bill_id))))
    await notify_many(session, notices)
    return {n[0] for n in notices}


def _bill_dict(b: NewBill, month: date, now) -> dict:
    p = b.priced
    return {
        "customer_code": b.code,
        "period_month": month,
        "period_start": b.start,
        "period_end": b.end,
        "households": b.households,
        "start_index_wh": b.start_wh,
        "end_index_wh": b.end_wh,
        "wh": b.end_wh - b.start_wh,
        "subtotal": p.subtotal,
        "vat": p.vat,
        "total": p.total,
        "breakdown": orjson.loads(p.json),  # equal to Breakdown.model_dump(mode="json")
        "invoice_serial": b.serial,
        "invoice_no": b.number,
        "issued_on": b.issued,
        "due_date": b.due,
        "status": "unpaid",
        "created_at": now,
    }
