"""Helpers for billing tests: the demo with two years of billing data, staff headers, signed
webhook calls, and reading what landed in the database."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from domain import clock
from domain.customer_code import normalize_phone
from server.config import DEV_STAFF_KEY, DEV_WEBHOOK_SECRET
from server.models import Bill, Notification, PaymentEvent, User
from server.seed.billing import seed_billing
from server.seed.demo import seed_into
from server.services.billing.periods import month_end
from server.services.payments.wire import sign

STAFF = {"X-Staff-Key": DEV_STAFF_KEY}


@pytest.fixture
async def billing_demo(ctx) -> None:
    """Demo people and contracts plus readings, bills, payments, outages (server/seed)."""
    async with ctx.sessions() as session:
        await seed_into(session)
        await seed_billing(session, ctx.settings)
        await session.commit()


def signed(payload: dict | bytes, ts: int | None = None, secret: str = DEV_WEBHOOK_SECRET):
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    stamp = str(int(time.time()) if ts is None else ts)
    headers = {
        "Content-Type": "application/json",
        "X-Timestamp": stamp,
        "X-Signature": sign(secret, stamp, body),
    }
    return body, headers


async def notices(ctx, kind: str | None = None) -> list[tuple[int, str, str | None, str | None]]:
    """(user_id, kind, customer_code, ref_id) of every inbox notice, oldest first."""
    async with ctx.sessions() as session:
        q = select(
            Notification.user_id, Notification.kind, Notification.customer_code, Notification.ref_id
        ).order_by(Notification.id)
        if kind:
            q = q.where(Notification.kind == kind)
        return [tuple(r) for r in (await session.execute(q)).all()]


async def payment_events(ctx) -> list[tuple[str, int]]:
    async with ctx.sessions() as session:
        rows = await session.execute(
            select(PaymentEvent.outcome, PaymentEvent.status_code).order_by(PaymentEvent.id)
        )
        return [tuple(r) for r in rows.all()]


async def bill_row(ctx, bill_id: int) -> Bill:
    async with ctx.sessions() as session:
        return await session.get(Bill, bill_id)


async def count_bills(ctx) -> int:
    async with ctx.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(Bill)))


def month_days(month: date) -> list[date]:
    return [month + timedelta(days=i) for i in range((month_end(month) - month).days + 1)]


def daily(code: str, month: date, total_kwh: int) -> list[dict]:
    """Readings of a whole month summing exactly to total_kwh (the rest on the last day)."""
    days = month_days(month)
    each = total_kwh * 1000 // len(days)
    wh = [each] * len(days)
    wh[-1] += total_kwh * 1000 - each * len(days)
    return [
        {"customer_code": code, "date": d.isoformat(), "kwh": str(w / 1000)}
        for d, w in zip(days, wh, strict=True)
    ]


async def user_ids(ctx, *phones: str) -> list[int]:
    async with ctx.sessions() as session:
        ids = []
        for phone in phones:
            ids.append(
                await session.scalar(select(User.id).where(User.phone == normalize_phone(phone)))
            )
        return ids


async def all_bills(client, headers: dict, code: str, years: int = 3) -> list[dict]:
    """The code's bills of this year and the years before, newest first (early in January
    this year has none yet)."""
    this = clock.today().year
    found: list[dict] = []
    for year in range(this, this - years, -1):
        r = await client.get(f"/accounts/{code}/bills", params={"year": year}, headers=headers)
        assert r.status_code == 200, r.text
        found += r.json()
    return found
