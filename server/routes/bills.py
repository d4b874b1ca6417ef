"""Bills of one customer code: a year's list, one bill, its VietQR, its e-invoice PDF."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from domain.models.bills import Bill, BillSummary, PaymentQr
from server.access import AccountAccessDep
from server.deps import ContextDep, SettingsDep
from server.json_body import JsonBody
from server.routes.params import RowId
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.services.billing import bills as billing
from server.services.billing.invoice_pdf import render_invoice
from server.services.billing.periods import local_today

router = APIRouter(prefix="/accounts/{code}/bills", tags=["bills"], responses=ACCOUNT_ERRORS)
BillId = RowId


@router.get("", response_model=list[BillSummary])
async def list_bills(
    access: AccountAccessDep,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="default this year")] = None,
) -> JsonBody:
    """Bills whose period ends in `year`, newest first; status overdue = unpaid after due date."""
    year = year or local_today().year
    return JsonBody(await billing.list_bills(access.reads, access.customer_code, year))


@router.get("/{bill_id}", response_model=Bill)
async def get_bill(bill_id: BillId, access: AccountAccessDep) -> Response:
    """The whole bill with its tier breakdown (one part per tariff in force in the period)."""
    bill = await billing.read_bill(access.reads, access.customer_code, bill_id)
    return Response(bill.model_dump_json(), media_type="application/json")


@router.get("/{bill_id}/payment-qr", responses=errors(409), response_model=PaymentQr)
async def payment_qr(bill_id: BillId, access: AccountAccessDep, settings: SettingsDep) -> Response:
    """Dynamic VietQR paying this bill's amount due (total less credits carried from adjustment
    bills), with its bill number (409 `bill_already_paid` when paid, `paid_by_credit` when a
    credit covers it)."""
    qr = await billing.payment_qr(access.reads, access.customer_code, bill_id, settings)
    return Response(qr.model_dump_json(), media_type="application/json")


@router.get(
    "/{bill_id}/invoice.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "PDF"}},
)
async def invoice_pdf(
    bill_id: BillId,
    access: AccountAccessDep,
    ctx: ContextDep,
    lang: Annotated[Literal["vi", "en"], Query(description="en adds English labels")] = "vi",
) -> Response:
    """Copy of the e-invoice as PDF (Vietnamese, with the VietQR while unpaid; `lang=en` adds
    each label's English in brackets — the Vietnamese stays the legal text)."""
    settings = ctx.settings
    row = await billing.bill_fields(access.reads, access.customer_code, bill_id)
    bill = billing.bill_view(row)
    qr = None
    if row.status != "paid" and bill.amount_due > 0:
        code, serial, number = row.customer_code, row.invoice_serial, row.invoice_no
        due = bill.amount_due
        qr = billing.qr_for(code, serial, number, due, settings, row.period_end).payload
    credits = await billing.credit_lines(access.reads, bill_id) if row.credit else ()
    # Drawing a PDF takes tens of milliseconds of CPU: in the CPU pool, off the event loop.
    seller = settings.bank_account_name
    pdf = await ctx.cpu.run(render_invoice, bill, access.contract, qr, seller, lang, credits)
    name = f"hoa-don-{bill.invoice_serial}-{bill.invoice_no}.pdf"
    return Response(
        pdf,
        media_type="application/pdf",
        # A bill is personal data: kiosks and shared devices must keep no copy (not `private`).
        headers={"Content-Disposition": f'inline; filename="{name}"', "Cache-Control": "no-store"},
    )
