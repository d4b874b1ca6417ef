"""Spreads one notice to the outside channels a person chose and consented to.

`notify()` writes, with the inbox row, one outbox row on the `notice` channel (the intent).
The dispatcher expands it here, in the transaction that marks the intent done, so each
notice is fanned out exactly once and the person's settings are read at that moment."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.auth import Channels
from server.consents import current_consents
from server.models import Device, OutboxMessage, User
from server.notify.contacts import NoticeContacts, notice_contacts
from server.notify.render import RenderedNotice, render_notice

NOTICE_CHANNEL = "notice"
_EMAIL_FOOTER = {
    "vi": "\n\n—\nĐiện Nhà. Bạn nhận thư này vì đã bật thông báo qua e-mail; "
    "tắt trong ứng dụng: Cài đặt › Thông báo.",
    "en": "\n\n—\nĐiện Nhà. You get this because e-mail notices are on; "
    "turn them off in the app: Settings › Notices.",
}


def notice_intent(
    user_id: int, kind: str, params: dict, customer_code: str | None, ref: tuple | None
) -> OutboxMessage:
    data = {"user_id": user_id, "kind": kind, "params": params, "customer_code": customer_code}
    if ref:
        data["ref"] = list(ref)
    return OutboxMessage(
        channel=NOTICE_CHANNEL,
        to=f"user:{user_id}",
        body=json.dumps(data, ensure_ascii=False, default=str),
    )


def channel_plan(
    user: User, consents: dict[str, bool], to: NoticeContacts
) -> list[tuple[str, str]]:
    """(channel, address) pairs: the person's switch AND, for e-mail/SMS/Zalo, their consent.
    SMS stays for people who chose it (the elderly, no smartphone); e-mail needs an address.
    The addresses are `to` (see notice_contacts: the contract's notice contacts for its owner)."""
    wants = Channels(**(user.channels or {}))
    plan = []
    if wants.email and consents.get("notices_email") and to.email:
        plan.append(("email", to.email))
    if wants.sms and consents.get("notices_sms"):
        plan.append(("sms", to.phone))
    if wants.zalo and consents.get("notices_zalo"):
        plan.append(("zalo", to.phone))
    return plan


def _message(intent_id: int, n: int, channel: str, to: str, text: RenderedNotice, lang: str):
    subject, body = text.title, text.body
    if channel == "email":
        subject, body = f"Điện Nhà: {text.title}", text.body + _EMAIL_FOOTER[lang]
    elif channel == "sms":
        subject, body = None, text.sms
    return OutboxMessage(
        channel=channel,
        to=to,
        subject=subject[:200] if subject else None,
        body=body,
        dedupe_key=f"notice:{intent_id}:{channel}:{n}",
    )


async def fan_out(session: AsyncSession, intent_id: int, intent_body: str) -> list[str]:
    """Adds the channel messages of one intent to the session; returns their channels."""
    data = json.loads(intent_body)
    user = await session.get(User, data["user_id"])
    if user is None:  # the account was erased meanwhile: nothing to send
        return []
    to = await notice_contacts(session, user, data.get("customer_code"))
    plan = channel_plan(user, await current_consents(session, user.id), to)
    if Channels(**(user.channels or {})).push:
        tokens = await session.execute(select(Device.token).where(Device.user_id == user.id))
        plan += [("push", token) for token in tokens.scalars()]
    if not plan:
        return []
    lang = user.language if user.language in _EMAIL_FOOTER else "vi"
    text = render_notice(data["kind"], data.get("params"), lang, data.get("customer_code"))
    for n, (channel, to) in enumerate(plan):
        session.add(_message(intent_id, n, channel, to, text, lang))
    return [channel for channel, _ in plan]
