"""Registers, index reads and bills of the generated history, consistent with the readings:
an AMI bill's energy is the sum of its period's daily readings (what the bill run checks),
a manual bill's is the difference of two whole-kWh index reads; priced by the real tariff
engine and numbered per invoice serial as the bill run numbers them."""

from __future__ import annotations

import operator
import random
from datetime import UTC, date, datetime, time, timedelta
from typing import ClassVar

from domain.tariff import compute_bill
from domain.tariff_lines import to_kwh
from server.services.billing.bill_compose import PAYMENT_TERM
from server.services.billing.invoices import invoice_serial
from server.services.billing.periods import add_months

PAY_CHANNELS = ("vietqr", "bank_transfer", "momo", "zalopay", "counter")


class BillMaker:
    COLUMNS: ClassVar[list[str]] = [
        "customer_code", "period_month", "period_start", "period_end", "households",
        "start_index_wh", "end_index_wh", "wh", "subtotal", "vat", "total", "breakdown",
        "invoice_serial", "invoice_no", "issued_on", "due_date", "status", "paid_at",
        "channel", "transaction_id", "created_at",
    ]  # fmt: skip
    INDEX_COLUMNS: ClassVar[list[str]] = ["meter_id", "read_on", "index_wh", "source"]

    def __init__(self, specs, first: date, bill_until: date, rng: random.Random) -> None:
        self.rng, self.bill_until = rng, bill_until
        self.ami = {r: [s for s in specs if s.ami and s.region == r] for r in ("HCM", "HN")}
        self.manual = {r: [s for s in specs if not s.ami and s.region == r] for r in ("HCM", "HN")}
        self.regs = {r: [s.base_wh for s in self.ami[r]] for r in self.ami}
        self.last = {r: list(self.regs[r]) for r in self.ami}
        self.manual_regs = {r: [s.base_wh for s in self.manual[r]] for r in self.manual}
        self.manual_last = {r: list(self.manual_regs[r]) for r in self.manual}
        self.factor_sum = {"HCM": 0.0, "HN": 0.0}
        self.period_start = {"HCM": first, "HN": first}
        self.pending: dict[date, list] = {}
        self.index_rows: list[tuple] = []
        self.counters: dict[str, int] = {}
        self.late = {s.code for s in specs if rng.random() < 0.03}  # two unpaid: one overdue

    def add_ami_day(self, region: str, whs: list[int]) -> None:
        self.regs[region] = list(map(operator.add, self.regs[region], whs))

    def add_manual_day(self, region: str, factor: float) -> None:
        self.factor_sum[region] += factor

    def read(self, region: str, day: date, month: date) -> int:
        """The reading day of `region`: closes every meter's period; returns index reads."""
        start, fsum = self.period_start[region], self.factor_sum[region]
        keep = month <= self.bill_until
        bills = self.pending.setdefault(month, []) if keep else []
        for k, s in enumerate(self.ami[region]):
            bills.append((s, start, day, self.last[region][k], self.regs[region][k]))
        self.last[region] = list(self.regs[region])
        for k, s in enumerate(self.manual[region]):
            used = int(s.daily_wh * fsum * max(0.5, self.rng.gauss(1.0, 0.05)))
            self.manual_regs[region][k] += used
            index = self.manual_regs[region][k] // 1000 * 1000
            self.index_rows.append((s.meter_id, day, index, "reader"))
            bills.append((s, start, day, self.manual_last[region][k], index))
            self.manual_last[region][k] = index
        self.period_start[region] = day + timedelta(days=1)
        self.factor_sum[region] = 0.0
        return len(self.manual[region])

    def take_index_rows(self) -> list[tuple]:
        rows, self.index_rows = self.index_rows, []
        return rows

    def month_rows(self, month: date) -> list[tuple]:
        rows, rng = [], self.rng
        for s, start, end, start_wh, end_wh in sorted(self.pending.pop(month, []), key=_code):
            b = compute_bill(to_kwh(end_wh - start_wh, 3), start, end, s.households)
            issued = end + timedelta(days=1)
            serial = invoice_serial(s.code, issued)
            number = self.counters[serial] = self.counters.get(serial, 0) + 1
            unpaid = month == self.bill_until or (
                s.code in self.late and month == add_months(self.bill_until, -1)
            )
            paid_at = channel = tx = None
            if not unpaid:
                paid_day = issued + timedelta(days=rng.randint(1, 6))
                paid_at = datetime.combine(paid_day, time(rng.randint(1, 13)), UTC)
                channel, tx = rng.choice(PAY_CHANNELS), f"FT{serial}{number:08d}"
            rows.append(
                (s.code, month, start, end, s.households, start_wh, end_wh, end_wh - start_wh,
                 b.subtotal, b.vat, b.total, b.model_dump(mode="json"), serial, number, issued,
                 issued + PAYMENT_TERM, "unpaid" if unpaid else "paid", paid_at, channel, tx,
                 datetime.combine(issued, time(0), UTC))
            )  # fmt: skip
        return rows


def _code(item) -> str:
    return item[0].code
