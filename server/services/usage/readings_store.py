"""Stores checked readings: resolves codes to meters (creating a contract's first meter),
refuses meter-type mismatches, duplicates and billed days, then upserts in chunks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from server import dialect
from server.models import Bill, Contract, DailyReading, IndexReading, Meter
from server.services.usage.readings_import import ReadingRow, ReadingsRejected

CHUNK = 5000
MAX_ERRORS = 50


@dataclass
class ImportResult:
    daily: int = 0
    index: int = 0
    meters_created: int = 0


async def store_readings(
    session: AsyncSession, rows: Iterable[ReadingRow], errors: list[str]
) -> ImportResult:
    """Checks and writes every row in the caller's transaction; raises ReadingsRejected (and
    the caller rolls back) if anything is wrong — a file goes in whole or not at all."""
    result, seen, chunk = ImportResult(), set(), []
    for row in rows:
        key = (row.code, row.day)
        if key in seen:
            errors.append(f"{row.where}: {row.code} {row.day} appears twice in this input")
            continue
        seen.add(key)
        chunk.append(row)
        if len(chunk) >= CHUNK:
            await _store_chunk(session, chunk, errors, result)
            chunk = []
        if len(errors) >= MAX_ERRORS:
            break
    if chunk:
        await _store_chunk(session, chunk, errors, result)
    if errors:
        raise ReadingsRejected(errors[:MAX_ERRORS])
    return result


async def _store_chunk(session, chunk: list[ReadingRow], errors: list[str], result) -> None:
    codes = sorted({r.code for r in chunk})
    contracts = dict(
        (
            await session.execute(
                select(Contract.customer_code, Contract.meter_type).where(
                    Contract.customer_code.in_(codes)
                )
            )
        ).all()
    )
    meters = await _meters(session, chunk, contracts, result)
    billed = dict(
        (
            await session.execute(
                select(Bill.customer_code, func.max(Bill.period_end))
                .where(Bill.customer_code.in_(codes))
                .group_by(Bill.customer_code)
            )
        ).all()
    )
    daily, index = [], []
    for r in chunk:
        kind = contracts.get(r.code)
        if kind is None:
            errors.append(f"{r.where}: customer code {r.code} does not exist")
        elif (kind == "ami") != (r.wh is not None):
            column = "kwh (daily energy)" if kind == "ami" else "index_kwh (register index)"
            errors.append(f"{r.where}: {r.code} has a {kind} meter: give {column}")
        elif r.code in billed and r.day <= billed[r.code]:
            errors.append(
                f"{r.where}: {r.code} is billed up to {billed[r.code]}; {r.day} cannot change"
            )
        elif r.wh is not None:
            daily.append(
                {"meter_id": meters[r.code], "day": r.day, "wh": r.wh, "estimated": r.estimated}
            )
        else:
            index.append({"meter_id": meters[r.code], "read_on": r.day, "index_wh": r.index_wh})
    if errors:
        return  # keep checking the rest, write nothing
    insert = dialect.upsert_insert(session)
    if daily:
        stmt = insert(DailyReading)
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["meter_id", "day"],
                set_={"wh": stmt.excluded.wh, "estimated": stmt.excluded.estimated},
            ),
            daily,
        )
        result.daily += len(daily)
    if index:
        stmt = insert(IndexReading)
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["meter_id", "read_on"], set_={"index_wh": stmt.excluded.index_wh}
            ),
            index,
        )
        result.index += len(index)


async def _meters(session, chunk, contracts, result) -> dict[str, int]:
    """code -> meter id. A contract's first readings install its meter record: an AMI meter
    from its first day (register 0), a manual one from the day after its first index read,
    which is the register the first bill starts from."""
    codes = [c for c in {r.code for r in chunk} if c in contracts]
    found = dict(
        (
            await session.execute(
                select(Meter.customer_code, Meter.id).where(Meter.customer_code.in_(codes))
            )
        ).all()
    )
    for code in sorted(set(codes) - set(found)):
        first = min((r for r in chunk if r.code == code), key=lambda r: r.day)
        installed, base = first.day, 0
        if contracts[code] != "ami" and first.index_wh is not None:
            installed, base = first.day + timedelta(days=1), first.index_wh
        meter = Meter(
            customer_code=code, serial=f"M{code[2:]}", installed_on=installed, base_wh=base
        )
        session.add(meter)
        await session.flush()
        found[code] = meter.id
        result.meters_created += 1
    return found
