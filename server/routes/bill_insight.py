"""Bill insight routes (issue 18): why a bill changed. Same access rule as the bills: an
approved link to the code (owner or member)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from domain.models.bill_explain import BillExplanation, BillReadings, EstimatedMonths
from server.access import AccountAccessDep
from server.deps import SessionDep
from server.models import User
from server.routes.params import RowId
from server.routes.problems_doc import ACCOUNT_ERRORS
from server.services.bill_insight.bill_rows import find_bill
from server.services.bill_insight.explain import explain_bill
from server.services.bill_insight.provenance import months_billed_on_estimates, provenance

router = APIRouter(prefix="/accounts/{code}/bills", tags=["bills"], responses=ACCOUNT_ERRORS)
BillId = RowId


@router.get("/{bill_id}/explain", response_model=BillExplanation)
async def explain(
    bill_id: BillId,
    access: AccountAccessDep,
    session: SessionDep,
    against: Annotated[Literal["previous", "last_year"], Query()] = "previous",
    lang: Annotated[Literal["vi", "en"] | None, Query(description="default: profile")] = None,
) -> BillExplanation:
    """The difference from the previous bill (or the same month last year) split into effects
    that add up to it exactly, and the sentence a person reads."""
    if lang is None:  # the profile's language
        user = await session.get(User, access.user_id)
        lang = "en" if user is not None and user.language == "en" else "vi"
    language = lang
    return await explain_bill(session, access.contract.customer_code, bill_id, against, language)


@router.get("/{bill_id}/readings", response_model=BillReadings)
async def readings(bill_id: BillId, access: AccountAccessDep, session: SessionDep) -> BillReadings:
    """How the bill's start and end indexes were read (remote AMI, manual on a date, the
    meter's installation, or estimated and why), with the estimated and missing days."""
    row = await find_bill(session, access.contract.customer_code, bill_id)
    return BillReadings(bill_id=row.id, **await provenance(session, row))


usage_router = APIRouter(prefix="/accounts/{code}/usage", tags=["usage"], responses=ACCOUNT_ERRORS)


@usage_router.get("/estimated-months", response_model=EstimatedMonths)
async def estimated_months(access: AccountAccessDep, session: SessionDep) -> EstimatedMonths:
    """Months (YYYY-MM, the month a bill's period ends in) of the last 25 whose bill counted
    days the head-end estimated: the monthly chart marks them."""
    return EstimatedMonths(months=await months_billed_on_estimates(session, access.contract))
