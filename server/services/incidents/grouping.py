"""One open incident per area: a report joins it, or opens it. The unique partial index on
incidents(area_code) WHERE open settles a race: the loser's insert fails, it rolls back and
joins the winner's incident (SQLite serialises writers; PostgreSQL makes the loser wait on
the index until the winner commits, then raises)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.incident_states import OPEN
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
