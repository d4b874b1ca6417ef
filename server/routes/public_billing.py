"""Public billing data (no sign-in, no personal data): tariff tables, the bill estimate with
the engine real bills use, and planned outages by customer code or area."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import select

from domain.customer_code import InvalidCustomerCode, normalize_customer_code
from domain.models.billing import Breakdown, EstimateRequest, TariffsPublic
from domain.models.outages import OutagePublic
from domain.tariff import TariffError, compute_bill, public_tariffs
from server.deps import ClientIp, ContextDep, SessionDep
from server.models import Contract
from server.problems import AppError
from server.reads import reads_for
from server.routes.problems_doc import errors
from server.routes.ranges import ahead_window, invalid
from server.services.billing.periods import local_today
from server.services.notices.outages import outages_in_area

router = APIRouter(prefix="/public", tags=["public"])
_TARIFFS = public_tariffs()  # dated data compiled into the code base: built once per process


@router.get("/tariffs")
async def tariffs() -> TariffsPublic:
    """Household tariff tables and VAT rates, oldest first, each with valid_from/valid_to."""
    return _TARIFFS


@router.post("/estimate", responses=errors(400, 422))
async def estimate(body: EstimateRequest) -> Breakdown:
    """What `kwh` over the period would cost: tiers (split by days when prices changed),
    subtotal, VAT on the subtotal, total — the same engine as real bills. A well-formed
    request the tariffs cannot price (a period before the first table) is a 400."""
    try:
        return compute_bill(body.kwh, body.period_start, body.period_end, body.households)
    except TariffError as exc:
        raise AppError(400, exc.code, str(exc)) from None


@router.get("/outages", responses=errors(400, 404, 422, 429))
async def public_outages(
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
    customer_code: Annotated[str | None, Query(max_length=20)] = None,
    area: Annotated[str | None, Query(max_length=20, pattern=r"^[A-Za-z0-9-]+$")] = None,
    first: Annotated[date | None, Query(alias="from", description="default today")] = None,
    last: Annotated[date | None, Query(alias="to", description="default from+30")] = None,
) -> list[OutagePublic]:
    """Planned outages of an area, given directly or through a customer code (the answer has
    the area and times only, never who lives there). Neither or both: 400 `code_or_area`.
    A 404 tells whether a code exists, so look-ups by code count against the address's
    allowance (`public_lookup_per_ip`, as for bill status); look-ups by area do not."""
    if (customer_code is None) == (area is None):
        raise AppError(400, "code_or_area", "Give either customer_code or area, not both.")
    if customer_code is not None:
        await ctx.limiter.enforce(ctx.settings.public_lookup_per_ip, "public-outages-ip", ip)
        try:
            code = normalize_customer_code(customer_code)
        except InvalidCustomerCode as exc:
            raise invalid("customer_code", str(exc)) from None
        area = await session.scalar(
            select(Contract.area_code).where(Contract.customer_code == code)
        )
        if area is None:
            raise AppError(404, "customer_code_not_found", "No contract has that customer code.")
    first, last = ahead_window(first, last, local_today(), 31, 366)
    assert area is not None  # given, or found by code above
    return await outages_in_area(reads_for(ctx), area, first, last)
