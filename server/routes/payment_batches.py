"""One VietQR paying the total of several unpaid bills of a customer code (issue 21)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from domain.models.payment_batches import PaymentBatch, PaymentBatchCreate
from server.access import AccountAccessDep
from server.deps import SessionDep, SettingsDep
from server.routes.problems_doc import ACCOUNT_ERRORS, errors
from server.services.payments.batches import make_batch

router = APIRouter(prefix="/accounts/{code}", tags=["bills"], responses=ACCOUNT_ERRORS)


@router.post(
    "/payment-batches",
    status_code=201,
    responses={200: {"model": PaymentBatch, "description": "a live identical batch, reused"}}
    | errors(404, 409, 422),
    response_model=PaymentBatch,
)
async def create_payment_batch(
    access: AccountAccessDep,
    session: SessionDep,
    settings: SettingsDep,
    response: Response,
    body: PaymentBatchCreate | None = None,
) -> PaymentBatch:
    """Thanh toán tất cả: a batch of unpaid bills and its dynamic VietQR paying their total
    (the batch reference in fields 62.01 and 62.08). No body: every unpaid bill and every
    adjustment bill owed. 200 when a live identical batch is reused; 409 nothing_to_pay."""
    batch, made = await make_batch(
        session, access.customer_code, access.user_id, body or PaymentBatchCreate(), settings
    )
    if not made:
        response.status_code = 200
    return batch
