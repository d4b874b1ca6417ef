"""Bill review in one tap (issue 18): a `bill_review` service request tied to a bill, carrying
a snapshot of the explanation and the readings as they were when it was filed; staff close it
`no_change` (with the reason the customer reads) or `corrected` (an adjustment bill)."""

from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from domain.customer_code import mask_phone
from domain.models.bill_review import ReviewClose, ReviewClosed
from server.access import AccountAccess
from server.context import ServerContext
from server.models import User, utcnow
from server.models.services import ServiceRequest
from server.notify.inbox import commit_and_announce
from server.problems import AppError
from server.reads import SessionReads
from server.services.audit import records as audit
from server.services.bill_insight.adjustments import issue_adjustment
from server.services.bill_insight.bill_rows import bill_line, find_bill
from server.services.bill_insight.explain import explanation_of, view
from server.services.bill_insight.provenance import provenance
from server.services.billing.invoices import bill_number
from server.services.service_requests.catalogue import service_types
from server.services.service_requests.filing import PURPOSE
from server.services.service_requests.staff import get as staff_get
from server.services.service_requests.timeline import add_event, move, tell
from server.services.service_requests.working_calendar import due_after

TYPE = "bill_review"
OPEN = ("submitted", "received", "scheduled", "in_progress")


async def open_review(session: AsyncSession, code: str, bill_id: int) -> ServiceRequest | None:
    rows = await session.scalars(
        select(ServiceRequest).where(
            ServiceRequest.customer_code == code,
            ServiceRequest.type == TYPE,
            ServiceRequest.status.in_(OPEN),
        )
    )
    return next((r for r in rows if r.fields.get("bill_id") == bill_id), None)


async def file_review(
    ctx: ServerContext, session: AsyncSession, access: AccountAccess, bill_id: int, note: str | None
) -> ServiceRequest:
    code = access.contract.customer_code
    user = await session.get(User, access.user_id)
    if user is None:  # the sign-in was checked a moment ago; an erasure in between
        raise AppError(401, "unauthorized", "This sign-in has ended.")
    reads = SessionReads(session)  # the snapshot as this transaction sees it
    row = await bill_line(reads, code, bill_id)
    if await open_review(session, code, bill_id) is not None:
        raise AppError(409, "review_open", "This bill is already being reviewed.")
    other, found = await explanation_of(reads, row, "previous")
    snapshot = {
        "explanation": view(row, other, found, "previous", "vi").model_dump(mode="json"),
        # the same sentence in English, for staff or a customer reading in English
        "sentence_en": view(row, other, found, "previous", "en").sentence,
        "readings": await provenance(reads, row),
        "total": row.total,
        "kwh": str(row.wh / 1000),
    }
    now = utcnow()
    r = ServiceRequest(
        tracking_no=f"tmp-{secrets.token_hex(6)}",
        type=TYPE,
        customer_code=code,
        area_code=access.contract.area_code,
        filer_user_id=user.id,
        fields={
            "bill_id": bill_id,
            "bill_no": bill_number(row.invoice_serial, row.invoice_no),
            "period": f"{row.period_start.isoformat()}..{row.period_end.isoformat()}",
            "snapshot": snapshot,
        },
        note=note,
        status="submitted",
        created_at=now,
        updated_at=now,
    )
    session.add(r)
    await session.flush()
    r.tracking_no = f"DV{clock.today():%y%m%d}{r.id:07d}"
    r.due_on = due_after(clock.today(), service_types()[TYPE].turnaround_days)
    add_event(session, r, r.status, mask_phone(user.phone))
    await tell(session, r, "service_request_submitted", {"note": ""})
    audit.record(
        session, "bill_review_filed", PURPOSE, actor=user, customer_code=code,
        detail=f"{r.tracking_no} bill {bill_id}",
    )  # fmt: skip
    await session.flush()
    await commit_and_announce(session, ctx.hub)
    return r


async def walk_to_in_progress(session: AsyncSession, r: ServiceRequest, by: str) -> None:
    """Closing straight from the queue: the steps not taken yet are taken now, each recorded."""
    if r.status == "submitted":
        await move(session, r, "received", "staff", by)
    if r.status in ("received", "scheduled"):
        await move(session, r, "in_progress", "staff", by)
    if r.status != "in_progress":
        raise AppError(409, "invalid_transition", f"This request is {r.status}; it is closed.")


async def close_review(
    ctx: ServerContext, session: AsyncSession, staff: str, request_id: int, body: ReviewClose
) -> ReviewClosed:
    r = await staff_get(session, request_id)
    if r.type != TYPE:
        raise AppError(409, "not_a_bill_review", "This request is not a bill review.")
    await walk_to_in_progress(session, r, "staff")
    bill = await find_bill(session, r.customer_code or "", int(r.fields["bill_id"]))
    adjustment_id = None
    if body.outcome == "corrected":
        assert body.corrected_kwh is not None
        adj = await issue_adjustment(session, r, bill, body.corrected_kwh, body.reason, staff)
        adjustment_id = adj.id
    r.fields = {**r.fields, "outcome": body.outcome, "adjustment_id": adjustment_id}
    r.reason = body.reason
    await move(session, r, "done", "staff", "staff", body.reason)
    if body.outcome == "no_change":
        await tell(session, r, "bill_review_no_change", {"bill_id": bill.id, "reason": body.reason})
    audit.record(
        session, f"bill_review_{body.outcome}", PURPOSE, actor=None, actor_label=staff[:40],
        customer_code=r.customer_code, detail=f"{r.tracking_no}: {body.reason}"[:300],
    )  # fmt: skip
    await session.flush()
    await commit_and_announce(session, ctx.hub)
    return ReviewClosed(
        request_id=r.id, status=r.status, outcome=body.outcome, adjustment_id=adjustment_id
    )
