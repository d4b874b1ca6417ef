"""Bill review and adjustment bills (issue 18). Customer side under /accounts/{code} (any
approved link, like the bills); staff closing a review under /admin/bill-reviews."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from domain.models.bill_review import (
    Adjustment,
    AdjustmentSummary,
    ReviewClose,
    ReviewClosed,
    ReviewCreate,
    ReviewFiled,
)
from domain.models.bills import PaymentQr
from server.access import AccountAccessDep
from server.deps import ContextDep, SessionDep
from server.json_body import JsonBody
from server.routes.admin import StaffDep
from server.routes.params import RowId
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.services.bill_insight import adjustment_views as views
from server.services.bill_insight.adjustment_pdf import render_adjustment
from server.services.bill_insight.review import close_review, file_review
from server.services.billing.periods import local_today

router = APIRouter(prefix="/accounts/{code}", tags=["bills"], responses=ACCOUNT_ERRORS)
staff_router = APIRouter(prefix="/admin/bill-reviews", tags=["staff"], responses=errors(401, 403))
Id = RowId


@router.post(
    "/bills/{bill_id}/review", status_code=201, responses=errors(409), response_model=ReviewFiled
)
async def request_review(
    bill_id: Id, access: AccountAccessDep, session: SessionDep, ctx: ContextDep,
    body: ReviewCreate | None = None,
) -> ReviewFiled:  # fmt: skip
    """Yêu cầu kiểm tra lại hóa đơn: a `bill_review` service request tied to this bill, with a
    snapshot of its explanation and readings (409 review_open while one is open)."""
    r = await file_review(ctx, session, access, bill_id, body.note if body else None)
    return ReviewFiled(request_id=r.id, tracking_no=r.tracking_no, status=r.status)


@router.get("/adjustments", response_model=list[AdjustmentSummary])
async def list_adjustments(
    access: AccountAccessDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="default this year")] = None,
) -> JsonBody:
    """Adjustment bills issued in `year`, newest first; total is signed (< 0: a credit)."""
    code = access.contract.customer_code
    return JsonBody(await views.list_adjustments(access.reads, code, year or local_today().year))


@router.get("/adjustments/{adjustment_id}", response_model=Adjustment)
async def get_adjustment(adjustment_id: Id, access: AccountAccessDep) -> Adjustment:
    return await views.one(access.reads, access.contract.customer_code, adjustment_id)


@router.get(
    "/adjustments/{adjustment_id}/payment-qr", responses=errors(409), response_model=PaymentQr
)
async def adjustment_qr(adjustment_id: Id, access: AccountAccessDep, ctx: ContextDep) -> PaymentQr:
    """Its own dynamic VietQR (409 when paid, or when it returns money)."""
    row = await views.find_adjustment(access.reads, access.contract.customer_code, adjustment_id)
    return views.qr_of(row, ctx.settings)


@router.get(
    "/adjustments/{adjustment_id}/invoice.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "PDF"}},
)
async def adjustment_pdf(adjustment_id: Id, access: AccountAccessDep, ctx: ContextDep) -> Response:
    row = await views.find_adjustment(access.reads, access.contract.customer_code, adjustment_id)
    number = await views.adjusted_number(access.reads, row)
    qr = views.qr_of(row, ctx.settings).payload if row.status == "unpaid" else None
    adj = views.full(row)
    seller = ctx.settings.bank_account_name
    pdf = await ctx.cpu.run(render_adjustment, adj, number, access.contract, qr, seller)
    name = f"hoa-don-dieu-chinh-{adj.invoice_serial}-{adj.invoice_no}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store"},
    )


@staff_router.post(
    "/{request_id}/close", responses=errors(404, 409, 422), response_model=ReviewClosed
)
async def close(
    request_id: Id, body: ReviewClose, staff: StaffDep, session: SessionDep, ctx: ContextDep
) -> ReviewClosed:
    """Close a bill review: `no_change` (the reason is what the customer reads) or
    `corrected` with corrected_kwh, which issues an adjustment bill of the difference."""
    return await close_review(ctx, session, staff, request_id, body)
