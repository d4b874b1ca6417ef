"""What a done request changes: households from a date, the contract holder and its access."""

from __future__ import annotations

import math
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain import clock
from server.models import Contract, Link, User, utcnow
from server.models.services import HouseholdNorm, ServiceRequest
from server.notify.inbox import notify
from server.problems import AppError
from server.services.audit import records as audit

RESIDENTS_PER_HOUSEHOLD = 4  # Bộ Công Thương: four residents (tenants included) are one household


def households_for(residents: int) -> int:
    return max(1, math.ceil(residents / RESIDENTS_PER_HOUSEHOLD))


def effective_date(r: ServiceRequest) -> date | None:
    text = r.fields.get("effective_date")
    return date.fromisoformat(text) if text else None


def check_effective(r: ServiceRequest) -> None:
    """A change of holder takes effect on its date: it cannot be completed before it."""
    day = effective_date(r)
    if r.type == "change_holder" and day is not None and day > clock.today():
        raise AppError(
            409,
            "not_yet_effective",
            f"This change takes effect on {day.isoformat()}; finish it then.",
        )


async def apply_effects(session: AsyncSession, r: ServiceRequest, staff: str) -> None:
    if r.type == "household_norm":
        await _household_norm(session, r, staff)
    elif r.type == "change_holder":
        await _change_holder(session, r, staff)
    elif r.type in ("contact_update", "terminate"):
        await _contract_fields(session, r, staff)


async def _contract_fields(session: AsyncSession, r: ServiceRequest, staff: str) -> None:
    """contact_update: where the contract's notices go; terminate: the last day of supply
    (the bill run bills that month as the final bill and nothing after it)."""
    contract = await session.get(Contract, r.customer_code)
    if r.type == "contact_update":
        contract.notice_phone = r.fields.get("notice_phone", contract.notice_phone)
        contract.notice_email = r.fields.get("notice_email", contract.notice_email)
        action, detail = "contract_contact_changed", "notice contacts changed"
    else:
        contract.supply_ends_on = date.fromisoformat(r.fields["end_date"])
        action, detail = "contract_terminated", f"supply ends {r.fields['end_date']}"
    audit.record(
        session, action, "electricity_contract", actor=None, actor_label=staff[:40],
        customer_code=contract.customer_code, detail=f"{r.tracking_no}: {detail}",
    )  # fmt: skip


async def _household_norm(session: AsyncSession, r: ServiceRequest, staff: str) -> None:
    households = households_for(int(r.fields["residents"]))
    day = effective_date(r) or clock.today()
    earlier = await session.scalar(
        select(HouseholdNorm.households)
        .where(HouseholdNorm.customer_code == r.customer_code, HouseholdNorm.valid_from < day)
        .order_by(HouseholdNorm.valid_from.desc(), HouseholdNorm.id.desc())
        .limit(1)
    )
    contract = await session.get(Contract, r.customer_code)
    norm = HouseholdNorm(
        customer_code=r.customer_code,
        valid_from=day,
        households=households,
        households_before=earlier if earlier is not None else contract.households,
        request_id=r.id,
    )
    session.add(norm)
    await apply_due_norms(session, r.customer_code)
    audit.record(
        session, "household_norm_changed", "electricity_contract", actor=None,
        actor_label=staff[:40], customer_code=r.customer_code,
        detail=f"{r.tracking_no}: {households} households from {day.isoformat()}",
    )  # fmt: skip


async def apply_due_norms(session: AsyncSession, code: str | None = None) -> int:
    """Sets each contract's households to its latest norm whose date has come (run before a
    bill run for norms dated in the future)."""
    await session.flush()
    q = select(HouseholdNorm).where(
        HouseholdNorm.applied_at.is_(None), HouseholdNorm.valid_from <= clock.today()
    )
    if code is not None:
        q = q.where(HouseholdNorm.customer_code == code)
    done = 0
    for norm in await session.scalars(q.order_by(HouseholdNorm.valid_from, HouseholdNorm.id)):
        contract = await session.get(Contract, norm.customer_code)
        if contract is not None:
            contract.households = norm.households
        norm.applied_at = utcnow()
        done += 1
    return done


async def _change_holder(session: AsyncSession, r: ServiceRequest, staff: str) -> None:
    """The new holder's phone becomes the contract phone; every existing link ends (the old
    owner's too), the contract's notice contacts are cleared and the new owner approves
    members anew. Each step is audited."""
    contract = await session.get(Contract, r.customer_code)
    new_phone = r.fields["new_holder_phone"]
    now = utcnow()
    links = await session.execute(
        select(Link, User)
        .join(User, User.id == Link.user_id)
        .where(
            Link.customer_code == contract.customer_code, Link.status.in_(("approved", "pending"))
        )
    )
    for link, person in links.all():
        link.status, link.decided_at = "revoked", now
        audit.record(
            session, "link_ended_holder_changed", audit.LINK_PURPOSE, actor=None,
            actor_label=staff[:40], customer_code=contract.customer_code, subject=person,
            detail=r.tracking_no,
        )  # fmt: skip
        notify(
            session, person.id, "link_revoked", {"code": contract.customer_code},
            customer_code=contract.customer_code, ref=("link", str(link.id)),
        )  # fmt: skip
    old_phone = contract.owner_phone
    contract.owner_phone = new_phone
    # the old holder's notice contacts must not receive the new holder's notices
    contract.notice_phone = contract.notice_email = None
    contract.name = r.fields["new_holder_name"]
    audit.record(
        session, "contract_holder_changed", "electricity_contract", actor=None,
        actor_label=staff[:40], customer_code=contract.customer_code,
        detail=f"{r.tracking_no}: holder {old_phone[-3:]} -> {new_phone[-3:]}",
    )  # fmt: skip
