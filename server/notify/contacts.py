"""Where a person's outside notices about a customer code go (issue 16, `contact_update`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Contract, Link, User


@dataclass(frozen=True)
class NoticeContacts:
    phone: str  # SMS and Zalo
    email: str | None


async def notice_contacts(
    session: AsyncSession, user: User, customer_code: str | None
) -> NoticeContacts:
    """Where this person's SMS, Zalo and e-mail notices about this customer code go.

    The account's own phone and e-mail, except for the code's owner (an approved owner link
    at the moment of fan-out) when a done `contact_update` set the contract's
    `notice_phone` / `notice_email`: each set one replaces the owner's own, the other stays.
    Members and notices without a code keep the person's own contacts. Which channels are
    used at all (switches, consent) is decided by the caller, not here."""
    own = NoticeContacts(user.phone, user.email)
    if customer_code is None:
        return own
    row = (
        await session.execute(
            select(Contract.notice_phone, Contract.notice_email)
            .join(Link, Link.customer_code == Contract.customer_code)
            .where(
                Contract.customer_code == customer_code,
                Link.user_id == user.id,
                Link.role == "owner",
                Link.status == "approved",
            )
        )
    ).first()
    if row is None:
        return own
    phone, email = row
    return NoticeContacts(phone or own.phone, email or own.email)


async def notice_contacts_many(
    session: AsyncSession, wanted: set[tuple[int, str]]
) -> dict[tuple[int, str], tuple[str | None, str | None]]:
    """The contract's (notice_phone, notice_email) for each (user id, code) of `wanted` whose
    user is the code's approved owner and whose contract set at least one: notice_contacts()
    for a batch, in one statement. Pairs not in the answer keep the person's own contacts."""
    if not wanted:
        return {}
    users = sorted({u for u, _ in wanted})
    codes = sorted({c for _, c in wanted})
    rows = await session.execute(
        select(Link.user_id, Contract.customer_code, Contract.notice_phone, Contract.notice_email)
        .join(Link, Link.customer_code == Contract.customer_code)
        .where(
            Contract.customer_code.in_(codes),
            Link.user_id.in_(users),
            Link.role == "owner",
            Link.status == "approved",
            (Contract.notice_phone.is_not(None)) | (Contract.notice_email.is_not(None)),
        )
    )
    return {(u, c): (p, e) for u, c, p, e in rows.all() if (u, c) in wanted}
