"""Planned outages affecting one customer code, and the alert thresholds a person sets."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from domain.models.alerts import AlertSettings
from domain.models.outages import OutagePublic
from server.access import AccountAccessDep
from server.deps import SessionDep
from server.routes.problems_doc import ACCOUNT_ERRORS
from server.routes.ranges import ahead_window
from server.services.billing.periods import local_today
from server.services.notices.outages import outages_in_area
from server.services.usage import alerts

router = APIRouter(prefix="/accounts/{code}", tags=["outages"], responses=ACCOUNT_ERRORS)
OUTAGE_DAYS, MAX_OUTAGE_DAYS = 31, 366


@router.get("/outages")
async def outages(
    access: AccountAccessDep,
    first: Annotated[date | None, Query(alias="from", description="default today")] = None,
    last: Annotated[date | None, Query(alias="to", description="default from+30")] = None,
) -> list[OutagePublic]:
    """Planned outages of this code's area overlapping from..to (local days)."""
    first, last = ahead_window(first, last, local_today(), OUTAGE_DAYS, MAX_OUTAGE_DAYS)
    return await outages_in_area(access.reads, access.contract.area_code, first, last)


@router.get("/alerts", tags=["alerts"])
async def get_alerts(access: AccountAccessDep) -> AlertSettings:
    """Your thresholds for this code (null = off)."""
    return await alerts.get_alerts(access.reads, access.user_id, access.customer_code)


@router.put("/alerts", tags=["alerts"])
async def put_alerts(
    body: AlertSettings, access: AccountAccessDep, session: SessionDep
) -> AlertSettings:
    """Replaces your thresholds: kWh in one day (AMI), projected bill in VND (null turns off)."""
    return await alerts.put_alerts(session, access.user_id, access.customer_code, body)
