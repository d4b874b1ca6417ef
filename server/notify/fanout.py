"""Spreads one notice to the outside channels a person chose and consented to.

`notify()` writes, with the inbox row, one outbox row on the `notice` channel (the intent).
The dispatcher expands it here, in the transaction that marks the intent done, so each
notice is fanned out exactly once and the person's settings are read at that moment."""

from __future__ import annotations

import json

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.models.auth import Channels
from server.consents import current_consents_many
from server.models import Device, OutboxMessage, User
from server.notify.contacts import NoticeContacts, notice_contacts_many
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
    wants: Channels, consents: dict[str, bool], to: NoticeContacts
) -> list[tuple[str, str]]:
    """(channel, address) pairs: the person's switch AND, for e-mail/SMS/Zalo, their consent.
    SMS stays for people who chose it (the elderly, no smartphone); e-mail needs an address.
    The addresses are `to` (see notice_contacts: the contract's notice contacts for its owner)."""
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
    return {
        "channel": channel,
        "to": to,
        "subject": subject[:200] if subject else None,
        "body": body,
        "dedupe_key": f"notice:{intent_id}:{channel}:{n}",
    }


async def fan_out(session: AsyncSession, intent_id: int, intent_body: str) -> list[str]:
    """Adds the channel messages of one intent to the session's transaction; their channels."""
    return (await fan_out_many(session, [(intent_id, intent_body)]))[intent_id]


async def fan_out_many(
    session: AsyncSession, intents: list[tuple[int, str]]
) -> dict[int, list[str]]:
    """Expands many intents (id, body) at once: the people, their consents, the contracts'
    notice contacts and the devices are each read in one statement for the whole batch, and
    the channel messages inserted in one executemany. Returns intent id → channels used.

    Per person the outcome is what it was one by one: an erased account gets nothing, the
    switches AND consents choose the channels, the owner's notices about a code go to the
    contract's notice contacts (notice_contacts), push to every registered device."""
    parsed = {intent_id: json.loads(body) for intent_id, body in intents}
    user_ids = sorted({int(d["user_id"]) for d in parsed.values()})
    people = {
        row.id: row
        for row in await session.execute(
            select(User.id, User.phone, User.email, User.language, User.channels).where(
                User.id.in_(user_ids)
            )
        )
    }
    wants = {uid: Channels(**(row.channels or {})) for uid, row in people.items()}
    outside = [uid for uid, w in wants.items() if w.email or w.sms or w.zalo]
    consents = await current_consents_many(session, outside)
    pairs = {
        (int(d["user_id"]), d["customer_code"])
        for d in parsed.values()
        if d.get("customer_code") and int(d["user_id"]) in consents
    }
    contract_contacts = await notice_contacts_many(session, pairs)
    devices: dict[int, list[str]] = {}
    pushed = [uid for uid, w in wants.items() if w.push]
    if pushed:
        tokens = await session.execute(
            select(Device.user_id, Device.token)
            .where(Device.user_id.in_(pushed))
            .order_by(Device.user_id, Device.id)
        )
        for uid, token in tokens.all():
            devices.setdefault(uid, []).append(token)

    used: dict[int, list[str]] = {}
    messages: list[dict] = []
    for intent_id, data in parsed.items():
        uid, code = int(data["user_id"]), data.get("customer_code")
        person = people.get(uid)
        if person is None:  # the account was erased meanwhile: nothing to send
            used[intent_id] = []
            continue
        plan: list[tuple[str, str]] = []
        if uid in consents:
            phone, email = (
                contract_contacts.get((uid, code), (None, None)) if code else (None, None)
            )
            to = NoticeContacts(phone or person.phone, email or person.email)
            plan = channel_plan(wants[uid], consents[uid], to)
        plan += [("push", token) for token in devices.get(uid, [])]
        used[intent_id] = [channel for channel, _ in plan]
        if not plan:
            continue
        lang = person.language if person.language in _EMAIL_FOOTER else "vi"
        text = render_notice(data["kind"], data.get("params"), lang, code)
        messages += [
            _message(intent_id, n, channel, to_, text, lang)
            for n, (channel, to_) in enumerate(plan)
        ]
    if messages:
        await session.execute(insert(OutboxMessage), messages)
    return used
