"""One open incident per area: a report joins it, or opens it. The unique partial index on
incidents(area_code) WHERE open settles a race: the loser's insert fails, it rolls back and
joins the winner's incident (SQLite serialises writers; PostgreSQL makes the loser wait on
the index until the winner commits, then raises)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, and_, bindparam, func, literal_column, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incident_states import OPEN
from domain.models.incidents import IncidentBrief
from server.models import Contract
from server.models.incidents import Incident, IncidentEvent, OutageReport

ATTEMPTS = 5


async def _newest_report(session: AsyncSession, incident_id: int) -> datetime | None:
    """The newest report's time through the (incident_id, id) index: one row, not max() over
    the thousands of reports a storm gives one incident."""
    return await session.scalar(
        select(OutageReport.created_at)
        .where(OutageReport.incident_id == incident_id)
        .order_by(OutageReport.id.desc())
        .limit(1)
    )


async def _lapse_if_stale(
    session: AsyncSession, inc: Incident, now: datetime, window: timedelta
) -> bool:
    """An incident nobody confirmed whose newest report is older than the window lapses
    (conditional UPDATE: of two reports that both see it stale, one lapses it)."""
    if inc.status != "reported":
        return False
    newest = await _newest_report(session, inc.id) or inc.opened_at
    if now - newest <= window:
        return False
    done = await session.execute(
        update(Incident)
        .where(Incident.id == inc.id, Incident.status == "reported")
        .values(status="lapsed", closed_at=now, updated_at=now)
    )
    if done.rowcount:
        session.add(IncidentEvent(incident_id=inc.id, status="lapsed", by="system", at=now))
        await session.flush()
    return True


async def open_incident_for(
    session: AsyncSession, area: str, hazard: bool, now: datetime, window: timedelta
) -> Incident:
    """The area's open incident (made if none), flushed; the caller commits with its report.
    On a lost race the session is rolled back, so call this before adding anything else."""
    for attempt in range(ATTEMPTS):
        inc = await session.scalar(
            select(Incident).where(Incident.area_code == area, Incident.status.in_(OPEN))
        )
        if inc is not None and await _lapse_if_stale(session, inc, now, window):
            inc = None
        if inc is None:
            inc = Incident(
                area_code=area, status="reported", hazard=hazard, opened_at=now, updated_at=now
            )
            session.add(inc)
            try:
                await session.flush()
            except IntegrityError:
                await session.rollback()  # another report opened it first: join that one
                if attempt == ATTEMPTS - 1:
                    raise
                continue
            session.add(IncidentEvent(incident_id=inc.id, status="reported", by="system", at=now))
            return inc
        if hazard and not inc.hazard:
            await session.execute(
                update(Incident).where(Incident.id == inc.id).values(hazard=True, updated_at=now)
            )
            inc.hazard = True
        return inc
    raise RuntimeError("unreachable")


def _placement_statement() -> Select:
    """Built once: the code's area (else the point's), that area's open incident and its
    newest report's time. Bind parameters only (no expanding IN, no per-call construction),
    so each report reuses the compiled statement; the IN list of open states is literal, the
    same text as the partial unique index's predicate, which PostgreSQL can then use."""
    by_code = (
        select(Contract.area_code)
        .where(Contract.customer_code == bindparam("code", type_=Contract.customer_code.type))
        .scalar_subquery()
    )
    area = func.coalesce(by_code, bindparam("point_area", type_=Contract.area_code.type))
    placed = select(area.label("area")).subquery()
    newest = (
        select(OutageReport.created_at)
        .where(OutageReport.incident_id == Incident.id)
        .order_by(OutageReport.id.desc())
        .limit(1)
        .correlate(Incident)
        .scalar_subquery()
    )
    is_open = Incident.status.in_([literal_column(f"'{s}'") for s in sorted(OPEN)])
    return (
        select(placed.c.area, Incident.id, Incident.status, Incident.hazard, Incident.eta,
               func.coalesce(newest, Incident.opened_at).label("newest"))
        .select_from(placed)
        .outerjoin(Incident, and_(Incident.area_code == placed.c.area, is_open))
    )  # fmt: skip


_PLACEMENT = _placement_statement()


async def place_and_join(
    session: AsyncSession,
    customer_code: str | None,
    point_area: str | None,
    hazard: bool,
    now: datetime,
    window: timedelta,
) -> tuple[str | None, IncidentBrief | None]:
    """A report's area and open incident in one round trip on the usual path: the code's
    area (else the area the point fell in, found in process), that area's open incident and
    its newest report's time, all in one SELECT. Only when there is no open incident, or the
    one there is stale (it must lapse), or a first hazard marks it, does open_incident_for()
    take over with its race-safe insert; so "concurrent reports for one area open exactly one
    incident" rests on the same unique index as before."""
    if customer_code is None and point_area is None:
        return None, None
    row = (
        await session.execute(_PLACEMENT, {"code": customer_code, "point_area": point_area})
    ).first()
    if row is None or row.area is None:
        return None, None
    fresh = row.id is not None and (row.status != "reported" or now - row.newest <= window)
    if fresh and not (hazard and not row.hazard):
        return row.area, IncidentBrief(id=row.id, status=row.status, eta=row.eta)
    inc = await open_incident_for(session, row.area, hazard, now, window)
    return row.area, IncidentBrief(id=inc.id, status=inc.status, eta=inc.eta)  # type: ignore[arg-type]
