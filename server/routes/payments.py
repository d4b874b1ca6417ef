"""The bank/gateway payment callback (see server/services/payments/webhook.py for the signature)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request
from starlette.exceptions import HTTPException

from domain.digits import ascii_int
from server.deps import ClientIp, ContextDep, SessionDep
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.routes.problems_doc import errors
from server.services.payments.webhook import Webhook
from server.services.payments.wire import WebhookPayment, WebhookResult

router = APIRouter(tags=["operations"])


@router.post(
    "/payments/webhook",
    responses=errors(401, 404, 409, 413, 422),
    response_model_exclude_none=True,  # batch fields only when a batch was paid (issue 21)
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": WebhookPayment.model_json_schema()}},
        }
    },
)
async def payment_webhook(
    request: Request,
    ctx: ContextDep,
    session: SessionDep,
    ip: ClientIp,
    x_signature: Annotated[str | None, Header(description="hex HMAC-SHA256")] = None,
    x_timestamp: Annotated[str | None, Header(description="Unix seconds")] = None,
) -> WebhookResult:
    """A payment confirmed by the bank. X-Signature = hex HMAC-SHA256(secret,
    f"{X-Timestamp}.{raw body}"); the timestamp must be within 5 minutes. Idempotent by
    transaction_id (a repeat answers 200 `duplicate`); the amount must equal the bill total.
    Every call is audited; the bill's approved links are told once. `bill_no` may carry a
    payment batch reference (issue 21): every bill of the batch is paid, all or nothing
    (409 batch_bill_paid when one was paid meanwhile); the answer then adds `batch`,
    `bill_ids` and `adjustment_ids`."""
    hook = Webhook(session, ctx.settings.webhook_secret, ip)
    limit = ctx.settings.max_body_bytes
    declared = ascii_int(request.headers.get("content-length", ""))
    if declared is not None and declared > limit:  # refused unread, but audited
        raise await hook.refuse_too_large(limit, declared=declared)
    try:
        body = await request.body()  # BodySizeLimit stops reading past the limit
    except HTTPException as exc:
        if exc.status_code != 413:
            raise
        raise await hook.refuse_too_large(limit, declared=None) from None
    try:
        result = await hook.handle(body, x_timestamp, x_signature)
        await commit_and_announce(session, ctx.hub)
    except AppError:
        raise  # refused: its audit row is written
    except Exception:
        await hook.record_failure()
        raise
    return result
