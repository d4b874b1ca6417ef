"""A bill's explanation against the previous bill or the same month last year: the bills and
household norms from the database, the arithmetic in domain/bill_explain.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.bill_explain import BillFacts, Explanation, explain, facts_of
from domain.bill_explain_text import sentence
from domain.models.bill_explain import AgainstBill, BillEffect, BillExplanation
from domain.tariff_lines import to_kwh
from server.models import Bill as BillRow
from server.models.services import HouseholdNorm
from server.services.bill_insight.bill_rows import find_bill
from server.services.billing.periods import add_months

Against = Literal["previous", "last_year"]
Lang = Literal["vi", "en"]


async def norms_of(session: AsyncSession, row: BillRow) -> tuple[int, list[tuple[date, int]]]:
    """The households at the period's start and the norm changes inside the period."""
    changes = (
        await session.execute(
            select(HouseholdNorm)
            .where(
                HouseholdNorm.customer_code == row.customer_code,
                HouseholdNorm.valid_from > row.period_start,
                HouseholdNorm.valid_from <= row.period_end,
            )
            .order_by(HouseholdNorm.valid_from, HouseholdNorm.id)
        )
    ).scalars()
    inside = list(changes)
    before = inside[0].households_before if inside else row.households
    return before, [(n.valid_from, n.households) for n in inside]


async def facts(session: AsyncSession, row: BillRow) -> BillFacts:
    """What the bill was computed from: kWh, period, the norms inside it, its VAT rate."""
    before, norms = await norms_of(session, row)
    rate = Decimal(str(row.breakdown["vat_rate"]))
    return facts_of(row.wh, row.period_start, row.period_end, before, norms, row.total, rate)


async def against_bill(session: AsyncSession, row: BillRow, against: Against) -> BillRow | None:
    """The previous consumption bill of the code, or the one of the same month a year ago."""
    q = select(BillRow).where(BillRow.customer_code == row.customer_code, _consumption())
    if against == "previous":
        q = q.where(BillRow.period_month < row.period_month).order_by(BillRow.period_month.desc())
    else:
        q = q.where(BillRow.period_month == add_months(row.period_month, -12))
    return (await session.execute(q.limit(1))).scalar_one_or_none()


def _consumption():
    kind = getattr(BillRow, "kind", None)
    return kind == "consumption" if kind is not None else True


async def explanation_of(
    session: AsyncSession, row: BillRow, against: Against
) -> tuple[BillRow | None, Explanation | None]:
    other = await against_bill(session, row, against)
    if other is None:
        return None, None
    return other, explain(await facts(session, row), await facts(session, other))


async def explain_bill(
    session: AsyncSession, code: str, bill_id: int, against: Against, lang: Lang
) -> BillExplanation:
    row = await find_bill(session, code, bill_id)
    other, found = await explanation_of(session, row, against)
    return view(row, other, found, against, lang)


def view(
    row: BillRow, other: BillRow | None, found: Explanation | None, against: Against, lang: Lang
) -> BillExplanation:
    return BillExplanation(
        bill_id=row.id,
        against=against,
        against_bill=None
        if other is None
        else AgainstBill(
            id=other.id,
            period_start=other.period_start,
            period_end=other.period_end,
            kwh=to_kwh(other.wh, 3),
            total=other.total,
        ),
        difference=None if found is None else found.difference,
        effects=[]
        if found is None
        else [BillEffect(kind=e.kind, amount=e.amount, detail=e.detail) for e in found.effects],
        sentence=sentence(found, against, lang),
    )
