"""Month arithmetic in Vietnam's time (months as their first day), for every screen with months:
usage, bills, the calendar. The arithmetic itself is domain/months.py, shared with the server."""

from __future__ import annotations

from datetime import date

from domain import clock
from domain.months import add_months, days_of, parse_month
from domain.months import month_end as last_of_month
from domain.months import month_start as first_of_month

__all__ = ["add_months", "days_of", "first_of_month", "last_of_month", "local_today", "parse_month"]


def local_today() -> date:
    """Today in Việt Nam on the one business clock (domain/clock.py)."""
    return clock.today()
