"""Fakes for the bills and QR-pay view models: canned bills, QR payloads, batches, adjustments,
explanations, call logs, failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from app.services.errors import AppError, ValidationError
from app.services.protocols import BillsRepo
from domain.models.bill_explain import BillExplanation, BillReadings, IndexSource
from domain.models.bill_review import Adjustment, ReviewFiled
from domain.models.bills import Bill, BillSummary, PaymentQr
from domain.models.payment_batches import PaymentBatch
from domain.tariff import compute_bill
from domain.vietqr import build_payload

BANK_BIN, ACCOUNT = "970436", "0071000123456"


def bill(
    bill_id: int,
    start: date,
    end: date,
    kwh: int,
    status: str = "paid",
    code: str = "PE01000123456",
) -> Bill:
    breakdown = compute_bill(kwh, start, end)
    paid = status == "paid"
    return Bill(
        id=bill_id,
        customer_code=code,
        period_start=start,
        period_end=end,
        invoice_serial=f"1C{end:%y}TPE",
        invoice_no=f"{bill_id:08d}",
        kwh=Decimal(kwh),
        total=breakdown.total,
        due_date=end + timedelta(days=8),
        status=status,
        paid_at=datetime(end.year, end.month, end.day, 3, tzinfo=UTC) + timedelta(days=3)
        if paid
        else None,
        start_index=Decimal(1000),
        end_index=Decimal(1000 + kwh),
        subtotal=breakdown.subtotal,
        vat_rate=breakdown.vat_rate,
        vat=breakdown.vat,
        issued_on=end + timedelta(days=1),
        households=1,
        channel="vietqr" if paid else None,
        breakdown=breakdown,
    )


def payment_qr(of: Bill, **changes: Any) -> PaymentQr:
    number = f"{of.invoice_serial}{of.invoice_no}"
    due = of.amount_due
    payload = build_payload(BANK_BIN, ACCOUNT, due, number, f"Tien dien {of.customer_code}")
    data = {
        "payload": payload,
        "amount": due,
        "bill_no": number,
        "bank_bin": BANK_BIN,
        "account": ACCOUNT,
        "account_name": "TONG CONG TY DIEN LUC DEMO",
        "purpose": f"Tien dien {of.customer_code}",
    }
    return PaymentQr(**(data | changes))


def demo_bills() -> dict[int, Bill]:
    """2025: May is split by the 10 May price change; 2026: Sep overdue, Oct unpaid."""
    return {
        b.id: b
        for b in (
            bill(26, date(2025, 5, 1), date(2025, 5, 31), 200),
            bill(30, date(2025, 6, 1), date(2025, 6, 30), 150),
            bill(90, date(2026, 9, 1), date(2026, 9, 30), 190, "overdue"),
            bill(94, date(2026, 10, 1), date(2026, 10, 31), 187, "unpaid"),
            bill(86, date(2026, 8, 1), date(2026, 8, 31), 196),
        )
    }


@dataclass
class FakeBills(BillsRepo):
    by_id: dict[int, Bill] = field(default_factory=demo_bills)
    qr_for: dict[int, PaymentQr] = field(default_factory=dict)
    fail_with: AppError | None = None
    pdf_fails: AppError | None = None
    # bill id -> after how many bill() calls it reads as paid (the webhook arriving)
    paid_after: dict[int, int] = field(default_factory=dict)
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    explained: dict[tuple[int, str], BillExplanation] = field(default_factory=dict)
    explain_calls: list[tuple[Any, ...]] = field(default_factory=list)
    adjustment_list: list[Adjustment] = field(default_factory=list)
    batches: list[PaymentBatch] = field(default_factory=list)
    batch_qr: PaymentQr | None = None  # a tampered QR for the batch, when a test sets one

    async def bills(self, code: str, year: int) -> list[BillSummary]:
        self.calls.append(("bills", code, year))
        if self.fail_with:
            raise self.fail_with
        found = [b for b in self.by_id.values() if b.period_end.year == year]
        return [
            BillSummary.model_validate(b.model_dump())
            for b in sorted(found, key=lambda b: b.period_end, reverse=True)
        ]

    async def bill(self, code: str, bill_id: int) -> Bill:
        self.calls.append(("bill", code, bill_id))
        if self.fail_with:
            raise self.fail_with
        found = self.by_id[bill_id]
        reads = sum(1 for c in self.calls if c[:1] == ("bill",) and c[2] == bill_id)
        if bill_id in self.paid_after and reads > self.paid_after[bill_id]:
            paid_at = datetime(2026, 11, 24, 2, tzinfo=UTC)
            found = found.model_copy(
                update={"status": "paid", "paid_at": paid_at, "channel": "vietqr"}
            )
        return found

    async def payment_qr(self, code: str, bill_id: int) -> PaymentQr:
        self.calls.append(("qr", code, bill_id))
        found = self.by_id[bill_id]
        if found.channel == "credit":
            raise ValidationError(code="paid_by_credit", status=409)
        if found.status == "paid":
            raise ValidationError(code="bill_already_paid", status=409)
        return self.qr_for.get(bill_id) or payment_qr(found)

    async def payment_batch(self, code: str, bill_ids: list[int] | None = None) -> PaymentBatch:
        """Issue 21: one QR for every unpaid bill (or `bill_ids`); the same open batch again
        while nothing changed, like the server's reuse of a live identical batch."""
        self.calls.append(("batch", code, tuple(bill_ids or ())))
        if self.fail_with:
            raise self.fail_with
        chosen = [
            b
            for b in self.by_id.values()
            if b.status != "paid" and (bill_ids is None or b.id in bill_ids)
        ]
        owed = [a for a in self.adjustment_list if a.status in ("unpaid", "overdue")]
        if not chosen and not owed:
            raise ValidationError(code="nothing_to_pay", status=409)
        reference = f"TTFAKE{len(self.batches) + 1:07d}"
        amount = sum(b.amount_due for b in chosen) + sum(a.total for a in owed)
        batch = PaymentBatch(
            reference=reference,
            customer_code=code,
            bill_ids=sorted(b.id for b in chosen),
            adjustment_ids=sorted(a.id for a in owed),
            amount=amount,
            status="open",
            expires_at=datetime(2026, 11, 25, 2, tzinfo=UTC),
            qr=self.batch_qr
            or PaymentQr(
                payload=build_payload(BANK_BIN, ACCOUNT, amount, reference, f"TD {reference}"),
                amount=amount,
                bill_no=reference,
                bank_bin=BANK_BIN,
                account=ACCOUNT,
                account_name="TONG CONG TY DIEN LUC DEMO",
                purpose=f"TD {reference}",
            ),
        )
        for old in self.batches:
            if (old.bill_ids, old.adjustment_ids, old.amount) == (
                batch.bill_ids,
                batch.adjustment_ids,
                batch.amount,
            ):
                return old
        self.batches.append(batch)
        return batch

    async def explain(self, code, bill_id, against="previous", lang="vi"):
        """Issue 18: a canned explanation per (bill id, against), else "nothing to compare"."""
        self.explain_calls.append((code, bill_id, against, lang))
        if self.fail_with:
            raise self.fail_with
        found = self.explained.get((bill_id, against))
        return found or BillExplanation(
            bill_id=bill_id, against=against, against_bill=None, difference=None,
            effects=[], sentence=f"{lang}: nothing to compare",
        )  # fmt: skip

    async def adjustments(self, code, year):
        """Issue 18: adjustment bills issued in `year` (none unless a test adds some)."""
        self.explain_calls.append(("adjustments", code, year))
        return [a for a in self.adjustment_list if a.issued_on.year == year]

    async def request_review(self, code, bill_id, note=None):
        self.explain_calls.append(("review", code, bill_id))
        if any(c[:3] == ("review", code, bill_id) for c in self.explain_calls[:-1]):
            raise ValidationError(code="review_open", status=409)
        return ReviewFiled(
            request_id=700 + bill_id, tracking_no="DV2611300000001", status="submitted"
        )

    async def adjustment(self, code, adjustment_id):
        return next(a for a in self.adjustment_list if a.id == adjustment_id)

    async def adjustment_qr(self, code, adjustment_id):
        found = await self.adjustment(code, adjustment_id)
        bill = PaymentQr(
            payload=build_payload("970436", "0011001234567", amount=found.total,
                                  bill_number=found.invoice_serial + found.invoice_no),
            amount=found.total, bill_no=found.invoice_serial + found.invoice_no,
            bank_bin="970436", account="0011001234567", account_name="EVN HCMC",
            purpose="DC",
        )  # fmt: skip
        return bill

    async def readings(self, code: str, bill_id: int) -> BillReadings:
        """How the bill's indexes were read: remote (AMI) at both ends, nothing estimated."""
        self.calls.append(("readings", code, bill_id))
        if self.fail_with:
            raise self.fail_with
        found = self.by_id[bill_id]
        ami = IndexSource(method="ami", on=found.period_end)
        return BillReadings(
            bill_id=bill_id,
            meter_type="ami",
            days=(found.period_end - found.period_start).days + 1,
            start_index=found.start_index,
            end_index=found.end_index,
            start=ami.model_copy(update={"on": found.period_start}),
            end=ami,
        )

    async def invoice_pdf(self, code: str, bill_id: int, lang: str = "vi") -> tuple[bytes, str]:
        self.calls.append(("pdf", code, bill_id, lang))
        if self.pdf_fails:
            raise self.pdf_fails
        return b"%PDF-1.4 fake", f"hoa-don-{bill_id}.pdf"
