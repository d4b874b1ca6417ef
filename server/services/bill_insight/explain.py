"""A bill's explanation against the previous bill or the same month last year: the bills and
household norms read on the read path (server/reads.py, rows by column name), the arithmetic
in domain/bill_explain.py."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal, Protocol

from sqlalchemy import bindparam, select

from domain.bill_explain import BillFacts, Explanation, explain, facts_of
from domain.bill_explain_text import sentence
from domain.models.bill_explain import AgainstBill, BillEffect, BillExplanation
from domain.tariff_lines import to_kwh
from server.models import Bill as BillRow
from server.models import User
from server.models.services import HouseholdNorm
from server.reads import Query, Reads
from server.services.bill_insight.bill_rows import COLUMNS, BillLine, bill_line, bill_line_of
from server.services.billing.periods import add_months

Against = Literal["previous", "last_year"]
Lang = Literal["vi", "en"]


class Period(Protocol):
    """What the norms are read for: a bill (BillLine, or the ORM row when issuing an
    adjustment)."""

    @property
    def customer_code(self) -> str: ...
    @property
    def period_start(self) -> date: ...
    @property
    def period_end(self) -> date: ...
    @property
    def households(self) -> int: ...


_NORMS = Query(
    select(HouseholdNorm.valid_from, HouseholdNorm.households, HouseholdNorm.households_before)
    .where(
        HouseholdNorm.customer_code == bindparam("code"),
        HouseholdNorm.valid_from > bindparam("start"),
        HouseholdNorm.valid_from <= bindparam("end"),
    )
    .order_by(HouseholdNorm.valid_from, HouseholdNorm.id)
)


async def norms_of(reads: Reads, bill: Period) -> tuple[int, list[tuple[date, int]]]:
    """The households at the period's start and the norm changes inside the period."""
    inside = await reads.all(
        _NORMS, code=bill.customer_code, start=bill.period_start, end=bill.period_end
    )
    before = inside[0]["households_before"] if inside else bill.households
    return before, [(n["valid_from"], n["households"]) for n in inside]


async def facts(reads: Reads, row: BillLine) -> BillFacts:
    """What the bill was computed from: kWh, period, the norms inside it, its VAT rate."""
    before, norms = await norms_of(reads, row)
    return facts_of(
        row.wh, row.period_start, row.period_end, before, norms, row.total, row.vat_rate
    )


def _consumption() -> Any:
    kind = getattr(BillRow, "kind", None)
    return kind == "consumption" if kind is not None else True


_OF_CODE = select(*COLUMNS).where(BillRow.customer_code == bindparam("code"), _consumption())
_PREVIOUS = Query(
    _OF_CODE.where(BillRow.period_month < bindparam("month"))
    .order_by(BillRow.period_month.desc())
    .limit(1)
)
_SAME_MONTH = Query(_OF_CODE.where(BillRow.period_month == bindparam("month")).limit(1))


async def against_bill(reads: Reads, row: BillLine, against: Against) -> BillLine | None:
    """The previous consumption bill of the code, or the one of the same month a year ago."""
    if against == "previous":
        other = await reads.first(_PREVIOUS, code=row.customer_code, month=row.period_month)
    else:
        month = add_months(row.period_month, -12)
        other = await reads.first(_SAME_MONTH, code=row.customer_code, month=month)
    return None if other is None else bill_line_of(other)


async def explanation_of(
    reads: Reads, row: BillLine, against: Against
) -> tuple[BillLine | None, Explanation | None]:
    other = await against_bill(reads, row, against)
    if other is None:
        return None, None
    return other, explain(await facts(reads, row), await facts(reads, other))


_LANGUAGE = Query(select(User.language).where(User.id == bindparam("user_id")))


async def profile_language(reads: Reads, user_id: int) -> Lang:
    """The language of the caller's profile (Vietnamese unless it is English)."""
    row = await reads.first(_LANGUAGE, user_id=user_id)
    return "en" if row is not None and row["language"] == "en" else "vi"


async def explain_bill(
    reads: Reads, code: str, bill_id: int, against: Against, lang: Lang
) -> BillExplanation:
    row = await bill_line(reads, code, bill_id)
    other, found = await explanation_of(reads, row, against)
    return view(row, other, found, against, lang)


def view(
    row: BillLine, other: BillLine | None, found: Explanation | None, against: Against, lang: Lang
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
