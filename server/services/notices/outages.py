"""Planned outages: staff create or change one for an area, and every APPROVED link to a
contract in that area gets a notice (pending, denied and revoked links never do); people and
guests list the outages of a code's area in a date window."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.outages import OutagePublic
from server.models import Area, Contract, Link, Outage, utcnow
from server.notify.inbox import notify
from server.notify.kinds import OUTAGE_CHANGED, OUTAGE_PLANNED
from server.problems import AppError
from server.reads import Query, Reads
from server.services.billing.periods import LOCAL_TZ


def outage_view(row: Outage, area_name: str | None = None) -> OutagePublic:
    return OutagePublic(
        id=row.id,
        area=row.area_code,
        area_name=area_name,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        reason=row.reason,
        reason_en=row.reason_en,
        status=row.status,
    )


def local_window(first: date, last: date) -> tuple[datetime, datetime]:
    """UTC instants bounding the local days first..last."""
    start = datetime.combine(first, time.min, LOCAL_TZ)
    end = datetime.combine(last + timedelta(days=1), time.min, LOCAL_TZ)
    return start, end


_IN_AREA = Query(
    select(
        Outage.id,
        Outage.area_code,
        Area.name.label("area_name"),
        Outage.starts_at,
        Outage.ends_at,
        Outage.reason,
        Outage.reason_en,
        Outage.status,
    )
    .outerjoin(Area, Area.code == Outage.area_code)
    .where(
        Outage.area_code == bindparam("area"),
        Outage.starts_at < bindparam("end"),
        Outage.ends_at > bindparam("start"),
    )
    .order_by(Outage.starts_at, Outage.id)
)


async def outages_in_area(reads: Reads, area: str, first: date, last: date) -> list[OutagePublic]:
    """Outages of `area` overlapping the local days first..last, cancelled ones included (people
    who were told of an outage need to see that it is off). On the read path."""
    start, end = local_window(first, last)
    rows = await reads.all(_IN_AREA, area=area, start=start, end=end)
    return [
        OutagePublic(
            id=r["id"],
            area=r["area_code"],
            area_name=r["area_name"],
            starts_at=r["starts_at"],
            ends_at=r["ends_at"],
            reason=r["reason"],
            reason_en=r["reason_en"],
            status=r["status"],
        )
        for r in rows
    ]


async def area_name(session: AsyncSession, code: str) -> str | None:
    return await session.scalar(select(Area.name).where(Area.code == code))


async def save_area(session: AsyncSession, code: str, name: str) -> Area:
    """Creates or renames an area (staff), without committing."""
    row = await session.get(Area, code, with_for_update=True)
    if row is None:
        row = Area(code=code, name=name)
        session.add(row)
    elif row.name != name:
        row.name, row.updated_at = name, utcnow()
    await session.flush()
    return row


async def save_outage(
    session: AsyncSession,
    *,
    outage_id: int | None,
    area: str,
    starts_at: datetime,
    ends_at: datetime,
    reason: str,
    reason_en: str | None = None,
    cancelled: bool = False,
) -> tuple[Outage, bool]:
    """Creates (outage_id None) or changes an outage and adds the notices, without committing.
    Returns (row, created). A change that changes nothing sends nothing."""
    if outage_id is None:
        if cancelled:
            raise AppError(422, "invalid_outage", "A new outage cannot be cancelled already.")
        row = Outage(
            area_code=area,
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason,
            reason_en=reason_en,
            status="planned",
        )
        session.add(row)
        await session.flush()
        await _tell_area(session, row, OUTAGE_PLANNED)
        return row, True
    existing = await session.get(Outage, outage_id, with_for_update=True)
    if existing is None:
        raise AppError(404, "outage_not_found", "There is no outage with that id.")
    row = existing
    if row.area_code != area:
        raise AppError(409, "outage_area_fixed", "An outage cannot move to another area.")
    if row.status == "cancelled":
        raise AppError(409, "outage_cancelled", "This outage is cancelled; plan a new one.")
    status = "cancelled" if cancelled else "changed"
    same = (row.starts_at, row.ends_at, row.reason, row.reason_en)
    if not cancelled and same == (starts_at, ends_at, reason, reason_en):
        return row, False
    row.starts_at, row.ends_at, row.reason, row.status = starts_at, ends_at, reason, status
    row.reason_en = reason_en
    row.version += 1
    row.updated_at = utcnow()
    await session.flush()
    await _tell_area(session, row, OUTAGE_CHANGED)
    return row, False


async def _tell_area(session: AsyncSession, row: Outage, kind: str) -> None:
    links = await session.execute(
        select(Link.user_id, Link.customer_code)
        .join(Contract, Contract.customer_code == Link.customer_code)
        .where(Contract.area_code == row.area_code, Link.status == "approved")
    )
    # "area" is what the notice's words show: the readable name where there is one
    params = {
        "outage_id": row.id,
        "area": await area_name(session, row.area_code) or row.area_code,
        "area_code": row.area_code,
        "starts_at": row.starts_at.isoformat(),
        "ends_at": row.ends_at.isoformat(),
        "reason": row.reason,
        "reason_en": row.reason_en or "",  # notices in English use it when there is one
    }
    if kind == OUTAGE_CHANGED:
        params |= {"status": row.status, "version": row.version}
    for user_id, code in links.all():
        notify(
            session,
            user_id,
            kind,
            {"code": code, **params},
            customer_code=code,
            ref=("outage", str(row.id)),
        )
