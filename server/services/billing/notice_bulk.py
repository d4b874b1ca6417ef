"""Many notices at once (bill run): the same rows notify() writes — an inbox row and an outbox
intent per notice, announced after commit — without one ORM object each.

notify_many inserts dicts (COPY on psycopg, executemany elsewhere); the bill run on
PostgreSQL goes further with bill_issued_copy: both tables' COPY text formatted directly,
byte for byte what notify() would store (tests/server/test_bill_run_rows.py compares)."""

from __future__ import annotations

import json
import re

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from server.models import Notification, OutboxMessage, utcnow
from server.notify import inbox
from server.notify.fanout import NOTICE_CHANNEL, notice_intent
from server.notify.kinds import BILL_ISSUED
from server.services.billing.batch_sql import bulk_insert

Notice = tuple[int, str, dict, str | None, tuple[str, str] | None]  # user, kind, params, code, ref

NOTIFICATION_COLUMNS = "user_id, kind, params, customer_code, ref_type, ref_id, created_at"
OUTBOX_COLUMNS = 'channel, "to", body, created_at, status, attempts, next_attempt_at'


async def notify_many(session: AsyncSession, notices: list[Notice]) -> None:
    """Adds every notice to the caller's transaction, exactly as notify() would one by one."""
    if not notices:
        return
    now = utcnow()
    inbox_rows, intents = [], []
    for user_id, kind, params, code, ref in notices:
        inbox_rows.append(
            {
                "user_id": user_id,
                "kind": kind,
                "params": params,
                "customer_code": code,
                "ref_type": ref[0] if ref else None,
                "ref_id": ref[1] if ref else None,
                "created_at": now,
                "read_at": None,
            }
        )
        intent = notice_intent(user_id, kind, params, code, ref)
        intents.append(
            {
                "channel": intent.channel,
                "to": intent.to,
                "subject": intent.subject,
                "body": intent.body,
                "dedupe_key": intent.dedupe_key,
                "created_at": now,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
            }
        )
    await bulk_insert(session, Notification, inbox_rows)
    await bulk_insert(session, OutboxMessage, intents)
    # notify()'s announce list, so commit_and_announce() wakes these users' open streams
    session.info.setdefault(inbox._ANNOUNCE, set()).update(n[0] for n in notices)


# Needs no JSON or COPY escaping: customer codes, months, dates, decimal strings.
_PLAIN = re.compile(r"[A-Za-z0-9.\-]*")


def bill_issued_copy(
    user_ids, code: str, bill_id: int, month: str, kwh: str, total: int, due: str, now: str
) -> tuple[str, str]:
    """(notifications COPY text, outbox COPY text) of one bill's bill_issued notices to
    `user_ids`, as NOTIFICATION_COLUMNS and OUTBOX_COLUMNS; `now` is the ISO timestamp."""
    if not _PLAIN.fullmatch(f"{code}{month}{kwh}{due}"):
        return _escaped(user_ids, code, bill_id, month, kwh, total, due, now)
    params = (
        f'{{"code":"{code}","bill_id":{bill_id},"month":"{month}","kwh":"{kwh}",'
        f'"total":{total},"due_date":"{due}"}}'
    )
    spaced = (
        f'{{"code": "{code}", "bill_id": {bill_id}, "month": "{month}", "kwh": "{kwh}", '
        f'"total": {total}, "due_date": "{due}"}}'
    )
    tail = f', "customer_code": "{code}", "ref": ["bill", "{bill_id}"]}}'
    inbox_text, outbox_text = [], []
    for user in user_ids:
        inbox_text.append(f"{user}\t{BILL_ISSUED}\t{params}\t{code}\tbill\t{bill_id}\t{now}\n")
        body = f'{{"user_id": {user}, "kind": "{BILL_ISSUED}", "params": {spaced}{tail}'
        outbox_text.append(f"{NOTICE_CHANNEL}\tuser:{user}\t{body}\t{now}\tpending\t0\t{now}\n")
    return "".join(inbox_text), "".join(outbox_text)


def _escaped(user_ids, code, bill_id, month, kwh, total, due, now) -> tuple[str, str]:
    from server.services.billing.bill_run_rows import copy_text

    params = {
        "code": code,
        "bill_id": bill_id,
        "month": month,
        "kwh": kwh,
        "total": total,
        "due_date": due,
    }
    inbox_text, outbox_text = [], []
    for user in user_ids:
        fields = [str(user), BILL_ISSUED, orjson.dumps(params).decode(), code, "bill"]
        inbox_text.append("\t".join(map(copy_text, [*fields, str(bill_id), now])) + "\n")
        data = {"user_id": user, "kind": BILL_ISSUED, "params": params, "customer_code": code}
        data["ref"] = ["bill", str(bill_id)]
        body = json.dumps(data, ensure_ascii=False, default=str)
        fields = [NOTICE_CHANNEL, f"user:{user}", body, now, "pending", "0", now]
        outbox_text.append("\t".join(map(copy_text, fields)) + "\n")
    return "".join(inbox_text), "".join(outbox_text)
