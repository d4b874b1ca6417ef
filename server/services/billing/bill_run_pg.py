"""The bill run's PostgreSQL path, straight on the psycopg connection under the session's
transaction: two set-based reads per batch and three COPYs.

- candidates: contracts of a code range not billed for the month, each with its latest
  earlier bill (LATERAL, one index probe), its approved links (an array) and a bill id taken
  from the sequence (an unused id is harmless; ids are not invoice numbers).
- energy: per meter, over each meter's own period, the daily sum and day count (AMI) or the
  last index read (manual), with `unnest` of the batch's arrays: one row per meter.
- write: inbox and outbox COPY first, then the invoice numbers under the counter's row lock,
  the bills COPY and (by the caller) the commit, so the lock is held for the shortest time."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from server import dialect
from server.services.billing.bill_run_rows import BILL_COLUMNS, NewBill, bill_line, iso
from server.services.billing.bill_sources import Candidate
from server.services.billing.notice_bulk import (
    NOTIFICATION_COLUMNS,
    OUTBOX_COLUMNS,
    bill_issued_copy,
)
from server.services.billing.periods import add_months

# The latest bill up to the month: if it is the month's, the contract is billed already;
# otherwise it is the previous one (one index probe for both questions).
_CANDIDATES = """
SELECT c.customer_code, c.area_code, c.meter_type, c.households, m.id, m.installed_on,
       m.base_wh, p.period_end, p.end_index_wh, l.users,
       nextval('bills_id_seq'),  -- the bills.id column default; the name, not a lookup per row
       c.supply_ends_on
FROM contracts c
JOIN meters m ON m.customer_code = c.customer_code
LEFT JOIN LATERAL (
    SELECT b.period_month, b.period_end, b.end_index_wh FROM bills b
    WHERE b.customer_code = c.customer_code AND b.period_month <= %(month)s
    ORDER BY b.period_month DESC LIMIT 1) p ON true
LEFT JOIN (
    SELECT customer_code, array_agg(user_id ORDER BY user_id) AS users FROM links
    WHERE status = 'approved' AND role IN ('owner', 'member') AND {links}  -- household_link()
    GROUP BY customer_code) l ON l.customer_code = c.customer_code
WHERE {contracts} AND {meters} AND p.period_month IS DISTINCT FROM %(month)s
  AND (c.supply_ends_on IS NULL OR (c.supply_ends_on >= %(month_before)s
       AND (p.period_end IS NULL OR p.period_end < c.supply_ends_on)))  -- bill_sources.unbilled
ORDER BY c.customer_code
LIMIT %(limit)s
"""


def _in_range(column: str, upto: bool) -> str:
    # the range on every table, so each is an index range scan (not a scan of all meters)
    return f"{column} > %(lo)s" + (f" AND {column} <= %(hi)s" if upto else "")


CANDIDATES_UPTO, CANDIDATES_REST = (
    _CANDIDATES.format(
        links=_in_range("customer_code", upto),
        contracts=_in_range("c.customer_code", upto),
        meters=_in_range("m.customer_code", upto),
    )
    for upto in (True, False)
)

ENERGY = """
SELECT p.meter_id, sum(d.wh)::bigint, count(*)::int
FROM unnest(%(ami)s::int[], %(ami_first)s::date[], %(ami_last)s::date[]) AS p(meter_id, a, z)
JOIN daily_readings d ON d.meter_id = p.meter_id AND d.day BETWEEN p.a AND p.z
GROUP BY p.meter_id
UNION ALL
SELECT p.meter_id, r.index_wh, -1
FROM unnest(%(manual)s::int[], %(man_first)s::date[], %(man_last)s::date[]) AS p(meter_id, a, z)
CROSS JOIN LATERAL (
    SELECT i.index_wh FROM index_readings i
    WHERE i.meter_id = p.meter_id AND i.read_on BETWEEN p.a AND p.z
    ORDER BY i.read_on DESC LIMIT 1) r
"""

# One statement per serial: the row lock lasts until the batch commits, so a batch that
# rolls back gives its numbers back and the committed numbers of a serial have no gap.
TAKE_NUMBERS = """
INSERT INTO invoice_counters (serial, last_no) VALUES (%s, %s)
ON CONFLICT (serial) DO UPDATE SET last_no = invoice_counters.last_no + EXCLUDED.last_no
RETURNING last_no
"""


async def driver_connection(session: AsyncSession):
    """The psycopg AsyncConnection under the session, or None (SQLite, asyncpg)."""
    conn = await session.connection()
    if not dialect.is_psycopg(conn):
        return None
    return (await conn.get_raw_connection()).driver_connection


async def candidates(
    raw, month: date, lo: str, hi: str | None, limit: int | None = None
) -> list[Candidate]:
    """Contracts of (lo, hi] (hi None: no end) without a bill for `month`, code order."""
    params = {"month": month, "month_before": add_months(month, -1), "lo": lo, "hi": hi}
    params["limit"] = limit
    cur = await raw.execute(CANDIDATES_REST if hi is None else CANDIDATES_UPTO, params)
    return [
        Candidate(
            code, area, kind, hh, meter, installed, base, pend, pwh, users or (), bill_id, ends
        )
        for code, area, kind, hh, meter, installed, base, pend, pwh, users, bill_id, ends in (
            await cur.fetchall()
        )
    ]


async def energy(
    raw, ami: dict[int, tuple[date, date]], manual: dict[int, tuple[date, date]]
) -> tuple[dict[int, tuple[int, int]], dict[int, int]]:
    """({meter: (Wh, days with a reading)} of AMI meters, {meter: last index} of manual ones)
    over each meter's inclusive (first, last)."""
    params = {
        "ami": _array(map(str, ami)),
        "ami_first": _array(iso(p[0]) for p in ami.values()),
        "ami_last": _array(iso(p[1]) for p in ami.values()),
        "manual": _array(map(str, manual)),
        "man_first": _array(iso(p[0]) for p in manual.values()),
        "man_last": _array(iso(p[1]) for p in manual.values()),
    }
    sums: dict[int, tuple[int, int]] = {}
    last: dict[int, int] = {}
    for meter, value, days in await (await raw.execute(ENERGY, params)).fetchall():
        if days < 0:
            last[meter] = value
        else:
            sums[meter] = (value, days)
    return sums, last


def _array(items) -> str:
    """An array literal of plain items (ints, ISO dates): psycopg's list adapter costs more."""
    return "{" + ",".join(items) + "}"


async def write(raw, bills: list[NewBill], month: date, now: str, announce: bool) -> set[int]:
    """Inserts the batch (ids already set); returns the users told. The caller commits."""
    told: set[int] = set()
    if announce:
        label = iso(month)[:7]
        inbox, outbox = [], []
        for b in bills:
            if b.users:
                p = b.priced
                texts = bill_issued_copy(
                    b.users, b.code, b.bill_id, label, p.kwh, p.total, iso(b.due), now
                )
                inbox.append(texts[0])
                outbox.append(texts[1])
                told.update(b.users)
        if inbox:
            await _copy(raw, f"notifications ({NOTIFICATION_COLUMNS})", "".join(inbox))
            await _copy(raw, f"outbox ({OUTBOX_COLUMNS})", "".join(outbox))
    by_serial: dict[str, list[NewBill]] = defaultdict(list)
    for b in bills:
        by_serial[b.serial].append(b)
    for serial in sorted(by_serial):  # a fixed order: two batches never wait on each other
        group = by_serial[serial]
        cur = await raw.execute(TAKE_NUMBERS, (serial, len(group)))
        first = (await cur.fetchone())[0] - len(group) + 1
        for offset, b in enumerate(group):
            b.number = first + offset
    await _copy(raw, f"bills ({BILL_COLUMNS})", "".join([bill_line(b, month, now) for b in bills]))
    return told


async def _copy(raw, target: str, text: str) -> None:
    async with raw.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
        await copy.write(text.encode())
