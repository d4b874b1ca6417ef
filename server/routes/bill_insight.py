"""Bill insight routes (issue 18): why a bill changed. Same access rule as the bills: an
approved link to the code (owner or member)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from domain.models.bill_explain import BillExplanation, BillReadings, EstimatedMonths
from server.access import AccountAccessDep
from server.routes.params import RowId
from server.routes.problems_doc import ACCOUNT_ERRORS
from server.services.bill_insight.bill_rows import bill_line
from server.services.bill_insight.explain import explain_bill, profile_language
from server.services.bill_insight.provenance import months_billed_on_estimates, provenance

router = APIRouter(prefix="/accounts/{code}/bills", tags=["bills"], responses=ACCOUNT_ERRORS)
BillId = RowId


@router.get("/{bill_id}/explain", response_model=BillExplanation)
async def explain(
    bill_id: BillId,
    access: AccountAccessDep,
    against: Annotated[Literal["previous", "last_year"], Query()] = "previous",
    lang: Annotated[Literal["vi", "en"] | None, Query(description="default: profile")] = None,
) -> BillExplanation:
    """The difference from the previous bill (or the same month last year) split into effects
    that add up to it exactly, and the sentence a person reads."""
    language = lang or await profile_language(access.reads, access.user_id)
    code = access.contract.customer_code
    return await explain_bill(access.reads, code, bill_id, against, language)


@router.get("/{bill_id}/readings", response_model=BillReadings)
async def readings(bill_id: BillId, access: AccountAccessDep) -> BillReadings:
    """How the bill's start and end indexes were read (remote AMI, manual on a date, the
    meter's installation, or estimated and why), with the estimated and missing days."""
    row = await bill_line(access.reads, access.contract.customer_code, bill_id)
    return BillReadings(bill_id=row.id, **await provenance(access.reads, row))


usage_router = APIRouter(prefix="/accounts/{code}/usage", tags=["usage"], responses=ACCOUNT_ERRORS)


@usage_router.get("/estimated-months", response_model=EstimatedMonths)
async def estimated_months(access: AccountAccessDep) -> EstimatedMonths:
    """Months (YYYY-MM, the month a bill's period ends in) of the last 25 whose bill counted
    days the head-end estimated: the monthly chart marks them."""
    return EstimatedMonths(months=await months_billed_on_estimates(access.reads, access.contract))
