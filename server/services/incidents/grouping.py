"""One open incident per area: a report joins it, or opens it. The unique partial index on
incidents(area_code) WHERE open settles a race: the loser's insert fails, it rolls back and
joins the winner's incident (SQLite serialises writers; PostgreSQL makes the loser wait on
the index until the winner commits, then raises)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import and_, func, literal, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incident_states import OPEN
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


async def place_and_join(
    session: AsyncSession,
    customer_code: str | None,
    point_area: str | None,
    hazard: bool,
    now: datetime,
    window: timedelta,
) -> tuple[str | None, Incident | None]:
    """A report's area and open incident in one round trip on the usual path: the code's
    area (else the area the point fell in, found in process), that area's open incident and
    its newest report's time, all in one SELECT. Only when there is no open incident, or the
    one there is stale (it must lapse), or a first hazard marks it, does open_incident_for()
    take over with its race-safe insert; so "concurrent reports for one area open exactly one
    incident" rests on the same unique index as before."""
    if customer_code is not None:
        by_code = (
            select(Contract.area_code)
            .where(Contract.customer_code == customer_code)
            .scalar_subquery()
        )
        area_expr = by_code if point_area is None else func.coalesce(by_code, point_area)
    elif point_area is not None:
        area_expr = literal(point_area, Contract.area_code.type)
    else:
        return None, None
    placed = select(area_expr.label("area")).subquery()
    newest = (
        select(OutageReport.created_at)
        .where(OutageReport.incident_id == Incident.id)
        .order_by(OutageReport.id.desc())
        .limit(1)
        .correlate(Incident)
        .scalar_subquery()
    )
    row = (
        await session.execute(
            select(placed.c.area, Incident, newest)
            .select_from(placed)
            .outerjoin(
                Incident, and_(Incident.area_code == placed.c.area, Incident.status.in_(OPEN))
            )
        )
    ).first()
    area, inc, newest_at = row if row is not None else (None, None, None)
    if area is None:
        return None, None
    fresh = inc is not None and (
        inc.status != "reported" or now - (newest_at or inc.opened_at) <= window
    )
    if fresh and not (hazard and not inc.hazard):
        return area, inc
    return area, await open_incident_for(session, area, hazard, now, window)
