"""A person's own name for each of their codes (issue 21.5): "Nhà mẹ" reads better than
PE01000123456 in the switcher. It is on the person's link, so nobody else ever sees it."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models import AccountPublic
from domain.user_text import clean_nickname
from server.access import AccountAccess
from server.models import Link
from server.services.accounts.links import account_fields


async def set_nickname(
    session: AsyncSession, access: AccountAccess, nickname: str | None
) -> AccountPublic:
    name = clean_nickname(nickname)
    await session.execute(update(Link).where(Link.id == access.link.link_id).values(nickname=name))
    await session.commit()
    fields = account_fields(access.link) | {"nickname": name}
    return AccountPublic(**fields)
