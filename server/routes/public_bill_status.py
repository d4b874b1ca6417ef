"""The latest bill's status by customer code for guests and kiosks (no sign-in, no personal
data: period, total, due date and status; never the name, address, readings or invoice)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from domain.customer_code import normalize_customer_code
from domain.models.bills import BillStatusPublic
from server.deps import ClientIp, ContextDep, SessionDep
from server.models import Bill, Contract
from server.problems import AppError
from server.routes.problems_doc import errors
from server.services.billing.bills import bill_status
from server.services.billing.credits import amount_due, credit_column
from server.services.billing.periods import local_today

router = APIRouter(prefix="/public", tags=["public"])
# The normal form only (upper case, no spaces): clients normalise what people type.
CODE_PATTERN = r"^P[A-Z][A-Z0-9]{11}$"


@router.get("/bill-status", responses=errors(404, 422, 429))
async def latest_bill_status(
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
    customer_code: Annotated[
        str, Query(pattern=CODE_PATTERN, description="13 characters, e.g. PE01000123456")
    ],
) -> BillStatusPublic:
    """Whether the code's newest bill is paid, and how much and by when if not. Anyone who
    has the code (it is printed on every bill) may ask, so the answer carries nothing about
    the person, and each address may ask only a few times (`public_lookup_per_ip`)."""
    await ctx.limiter.enforce(ctx.settings.public_lookup_per_ip, "public-lookup-ip", ip)
    code = normalize_customer_code(customer_code)  # already in normal form: the pattern
    row = (
        await session.execute(
            select(Bill.period_start, Bill.period_end, Bill.total, Bill.due_date, Bill.status)
            .where(Bill.customer_code == code)
            .order_by(Bill.period_month.desc())
            .limit(1)
        )
    ).first()
    if row is None:
        if await session.scalar(
            select(Contract.customer_code).where(Contract.customer_code == code)
        ):
            raise AppError(404, "no_bill_yet", "This customer code has no bill yet.")
        raise AppError(404, "customer_code_not_found", "No contract has that customer code.")
    today = local_today()
    unpaid = (
        await session.execute(
            select(Bill.total, Bill.due_date, credit_column()).where(
                Bill.customer_code == code, Bill.status != "paid"
            )
        )
    ).all()
    return BillStatusPublic(
        customer_code=code,
        period_start=row.period_start,
        period_end=row.period_end,
        total=row.total,
        due_date=row.due_date,
        status=bill_status(row.status, row.due_date, today),  # type: ignore[arg-type]
        unpaid_count=len(unpaid),
        # what is left to pay: a credit from an adjustment bill lowers it (issue 18)
        unpaid_total=sum(amount_due(u.total, u.credit) for u in unpaid),
        overdue_count=sum(bill_status("unpaid", u.due_date, today) == "overdue" for u in unpaid),
        oldest_unpaid_due=min((u.due_date for u in unpaid), default=None),
    )
