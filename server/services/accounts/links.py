"""Customer codes of a person and link approval by the contract owner."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import AccountPublic, LinkPublic
from domain.user_text import clean_name, clean_note
from server.access import NOT_YOURS, AccountContract, LinkedAccount
from server.context import ServerContext
from server.models import Contract, Link, User, utcnow
from server.notify.inbox import commit_and_announce, notify
from server.problems import AppError
from server.reads import Query, Reads
from server.services.accounts.masking import mask_address, mask_name
from server.services.audit import records as audit

PURPOSE = audit.LINK_PURPOSE


def account_view(contract: Contract, link: Link) -> AccountPublic:
    """The account view of ORM rows (after a write)."""
    contract_fields = AccountContract(
        customer_code=contract.customer_code,
        meter_type=contract.meter_type,
        area_code=contract.area_code,
        name=contract.name,
        address=contract.address,
        households=contract.households,
    )
    linked = LinkedAccount(
        link.id,
        link.role,
        link.status,
        contract_fields,
        nickname=link.nickname,
        requested_at=link.requested_at,
    )
    return AccountPublic(**account_fields(linked))


def account_fields(linked: LinkedAccount) -> dict:
    """AccountPublic's fields, in its order: name and address masked and the area left out
    until the link is approved."""
    c = linked.contract
    approved = linked.status == "approved"
    if linked.role == "tenant":  # a tenant sees their room, never the household's contract
        c = AccountContract(c.customer_code, c.meter_type, "", "", "", 1)
        approved = True
    return {
        "customer_code": c.customer_code,
        "role": linked.role,
        "status": linked.status,
        "name": c.name if approved else mask_name(c.name),
        "address": c.address if approved else mask_address(c.address),
        "meter_type": c.meter_type,
        "area": (c.area_code or None) if approved else None,
        "link_id": linked.link_id,
        "households": c.households,
        "nickname": linked.nickname,
        # when the caller asked: a waiting relative sees since when (issue 21.6)
        "requested_at": linked.requested_at,
    }


_LINKS = Query(
    select(
        Link.id,
        User.phone,
        User.full_name,
        Link.role,
        Link.status,
        Link.note,
        Link.requested_at,
        Link.decided_at,
    )
    .join(User, User.id == Link.user_id)
    .where(Link.customer_code == bindparam("code"))
    .order_by(Link.requested_at)
)


async def list_links(reads: Reads, code: str) -> list[LinkPublic]:
    """Everyone linked to (or asking for) a customer code, for its owner; on the read path."""
    return [
        LinkPublic(
            id=r["id"],
            phone=r["phone"],
            full_name=clean_name(r["full_name"]),
            role=r["role"],
            status=r["status"],
            note=clean_note(r["note"]),
            requested_at=r["requested_at"],
            decided_at=r["decided_at"],
        )
        for r in await reads.all(_LINKS, code=code)
    ]


_TRANSITIONS = {
    "approve": ({"pending"}, "approved", "link_approved"),
    "deny": ({"pending"}, "denied", "link_denied"),
    "revoke": ({"approved", "pending"}, "revoked", "link_revoked"),
}


async def decide(
    ctx: ServerContext, session: AsyncSession, owner: User, code: str, link_id: int, action: str
) -> LinkPublic:
    allowed, new_status, event = _TRANSITIONS[action]
    row = (
        await session.execute(
            select(Link, User)
            .join(User, User.id == Link.user_id)
            .where(Link.id == link_id, Link.customer_code == code)
        )
    ).first()
    if row is None:
        raise AppError(
            404, "link_not_found", "There is no such link request for this customer code."
        )
    link, asker = row
    if link.role == "owner":
        raise AppError(409, "owner_link", "The contract owner's own link cannot be changed.")
    if link.status not in allowed:
        raise AppError(
            409, "invalid_link_state", f"This link is {link.status}; it cannot be {action}d now."
        )
    link.status, link.decided_at = new_status, utcnow()
    audit.record(session, event, PURPOSE, actor=owner, customer_code=code, subject=asker)
    notify(session, asker.id, event, {"code": code}, customer_code=code, ref=("link", str(link.id)))
    await session.flush()
    await commit_and_announce(session, ctx.hub)
    return link_view(link, asker)


def link_view(link: Link, user: User) -> LinkPublic:
    return LinkPublic(
        id=link.id,
        phone=user.phone,
        full_name=clean_name(user.full_name),  # the asker's own words, shown to the owner
        role=link.role,
        status=link.status,
        note=clean_note(link.note),
        requested_at=link.requested_at,
        decided_at=link.decided_at,
    )


async def leave(ctx: ServerContext, session: AsyncSession, user: User, code: str) -> None:
    """A member leaves, or withdraws a request still waiting; doing it twice is harmless."""
    link = (
        await session.execute(
            select(Link).where(Link.user_id == user.id, Link.customer_code == code)
        )
    ).scalar_one_or_none()
    if link is None:
        raise AppError(404, "account_not_found", NOT_YOURS)
    if link.role == "owner":
        raise AppError(
            409, "owner_cannot_leave", "The contract owner cannot leave their own contract."
        )
    if link.status in ("revoked", "denied"):
        return
    link.status, link.decided_at = "revoked", utcnow()
    audit.record(
        session, "link_left", PURPOSE, actor=user, customer_code=link.customer_code, subject=user
    )
    await commit_and_announce(session, ctx.hub)
