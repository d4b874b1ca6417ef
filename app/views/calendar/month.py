"""Calendar grids in Vietnam's time: month grids (Monday first) and outage days (month
arithmetic itself is app/views/months.py, shared with usage and bills)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

from app.i18n import LOCAL_TZ
from domain.models.incidents import IncidentPublic
from domain.models.outages import OutagePublic

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # calendar.weekday.<name>


def month_grid(month: date) -> list[list[date | None]]:
    """Weeks of `month`, Monday first; None pads the days of the neighbouring months."""
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(
        month.year, month.month
    )
    return [[d if d.month == month.month else None for d in week] for week in weeks]


def outage_days(outage: OutagePublic) -> list[date]:
    """Local days an outage touches; one ending exactly at midnight does not touch the next."""
    return _local_days(outage.starts_at, outage.ends_at)


def incident_days(incident: IncidentPublic, now: datetime) -> list[date]:
    """Local days an unplanned outage touches: from its opening to its closing, or to now
    while it is still open."""
    return _local_days(incident.opened_at, incident.closed_at or max(now, incident.opened_at))


def _local_days(starts: datetime, ends: datetime) -> list[date]:
    start = starts.astimezone(LOCAL_TZ)
    end = ends.astimezone(LOCAL_TZ)
    last = (end - timedelta(microseconds=1)).date() if end > start else start.date()
    days, day = [], start.date()
    while day <= last:
        days.append(day)
        day += timedelta(days=1)
    return days
