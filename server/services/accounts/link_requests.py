"""Asking to link a customer code: the owner is approved at once; anyone else waits for the
owner, who is told. Identical requests racing each other make one link; a denied asker waits
before asking again."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from domain.customer_code import mask_phone
from domain.models import AccountPublic
from domain.user_text import clean_name, clean_note
from server.context import ServerContext
from server.models import Contract, Link, User, utcnow
from server.notify.inbox import commit_and_announce, enqueue, notify
from server.problems import AppError
from server.services.accounts.links import NOT_YOURS, PURPOSE, account_view
from server.services.audit import records as audit


async def request_link(
    ctx: ServerContext, session: AsyncSession, user: User, code: str, note: str | None
) -> tuple[AccountPublic, bool]:
    """Returns the account view and whether a new request was made (False = already linked)."""
    contract = await session.get(Contract, code)
    if contract is None:
        raise AppError(404, "account_not_found", NOT_YOURS)
    uid = user.id  # a rollback below expires `user` and `contract`: read them again after one
    link = await _link_of(session, uid, code)
    is_owner = contract.owner_phone == user.phone
    if link is not None and (
        link.status == "approved" or (link.status == "pending" and not is_owner)
    ):
        return account_view(contract, link), False
    if link is not None and link.status == "denied" and not is_owner:
        _wait_after_denial(ctx, link)
    note = clean_note(note)  # the owner reads it inside our notice and in the links list
    now = utcnow()
    if link is None:
        link = Link(user_id=user.id, customer_code=code, requested_at=now, note=note)
        link.role, link.status = "member", "pending"
        session.add(link)
        try:
            await session.flush()  # the unique (user, code) row: one of identical racing requests
        except IntegrityError:
            # Identical requests sent at once: the first made the link; the others answer
            # with it, as a repeat would (they used to be 500s, each costing an allowance).
            await session.rollback()
            return await _as_it_is(session, uid, code)
    elif not await _claim_again(session, link, "approved" if is_owner else "pending"):
        await session.rollback()  # a racing re-ask claimed it first
        return await _as_it_is(session, uid, code)
    # Counted once the request is really new: a repeat or a lost race costs no allowance; a
    # refusal here rolls the new request back.
    try:
        await ctx.limiter.enforce(ctx.settings.link_requests_per_user, "link-req", str(user.id))
    except AppError:
        await session.rollback()
        raise
    link.note, link.requested_at, link.decided_at = note, now, None
    if is_owner:
        link.role, link.status, link.decided_at = "owner", "approved", now
        audit.record(session, "owner_linked", PURPOSE, actor=user, customer_code=code, subject=user)
    else:
        link.role, link.status = "member", "pending"
        audit.record(
            session,
            "link_requested",
            PURPOSE,
            actor=user,
            customer_code=code,
            subject=user,
            detail=note,
        )
        await session.flush()
        await tell_owner(session, contract, user, link)
    await commit_and_announce(session, ctx.hub)
    return account_view(contract, link), True


async def _link_of(session: AsyncSession, user_id: int, code: str) -> Link | None:
    return (
        await session.execute(
            select(Link).where(Link.user_id == user_id, Link.customer_code == code)
        )
    ).scalar_one_or_none()


async def _as_it_is(session: AsyncSession, user_id: int, code: str) -> tuple[AccountPublic, bool]:
    """The answer to a request that lost a race to an identical one: the link that one made."""
    contract = await session.get(Contract, code, populate_existing=True)
    link = await _link_of(session, user_id, code)
    if contract is None or link is None:
        raise AppError(409, "link_conflict", "Another request changed this link. Try again.")
    return account_view(contract, link), False


async def _claim_again(session: AsyncSession, link: Link, new_status: str) -> bool:
    """A denied, revoked or (for the owner) pending link is asked again by one request only:
    racing identical requests all read the old status, one UPDATE changes it."""
    done = await session.execute(
        update(Link)
        .where(Link.id == link.id, Link.status == link.status)
        .values(status=new_status)
        .execution_options(synchronize_session=False)
    )
    return done.rowcount == 1


def _wait_after_denial(ctx: ServerContext, link: Link) -> None:
    """After a denial the asker may ask again only after a pause: asking is a notice in the
    owner's inbox, and a denied asker must not be able to keep sending them."""
    pause = timedelta(hours=ctx.settings.link_reask_after_denial_hours)
    ends = (link.decided_at or link.requested_at) + pause
    wait = (ends - utcnow()).total_seconds()
    if wait > 0:
        raise AppError(
            429,
            "link_recently_denied",
            "The owner declined this request. You can ask again later.",
            headers={"Retry-After": str(math.ceil(wait))},
        )


async def tell_owner(
    session: AsyncSession, contract: Contract, asker: User, link: Link, reminder: bool = False
) -> None:
    """The owner's notice (in the app, or by SMS for an owner without it); a reminder is the
    same request surfaced again as a new unread notice."""
    owner_links = (
        (
            await session.execute(
                select(Link.user_id).where(
                    Link.customer_code == contract.customer_code,
                    Link.role == "owner",
                    Link.status == "approved",
                )
            )
        )
        .scalars()
        .all()
    )
    params = {
        "asker": mask_phone(asker.phone),
        "name": clean_name(asker.full_name),
        "note": clean_note(link.note) or "",
    }
    for owner_id in owner_links:
        notify(
            session,
            owner_id,
            "link_request",
            params,
            customer_code=contract.customer_code,
            ref=("link", str(link.id)),
        )
    if not owner_links:
        # The owner has no app account yet: the contract phone gets an SMS so the asker isn't stuck.
        enqueue(
            session,
            "sms",
            contract.owner_phone,
            f"Dien Nha: {mask_phone(asker.phone)} xin lien ket voi ma khach hang "
            f"{contract.customer_code}. Cai ung dung Dien Nha de duyet hoac tu choi.",
            dedupe_key=f"link-request-sms:{link.id}:{(utcnow() if reminder else link.requested_at).timestamp():.0f}",
        )
