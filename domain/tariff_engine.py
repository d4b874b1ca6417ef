"""Compiled tariff schedule: tier allocation, proration and VAT in integer arithmetic."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date

from domain.models.billing import BillPart, Breakdown, TierLine
from domain.tariff_data import TariffTable, VatRate
from domain.tariff_lines import TariffError, half_up, prorate, tier_line, to_kwh

# Per (table, households, decimals): cumulative tier bounds in kWh units, the lines of the
# full tiers, the running sum of their amounts, and the table.
_Plan = tuple[list[int], tuple[TierLine, ...], list[int], TariffTable]


class TariffSchedule:
    """Tables and VAT rates sorted and precomputed once; `bill()` does the arithmetic."""

    def __init__(self, tables: Sequence[TariffTable], vat_rates: Sequence[VatRate]) -> None:
        self.tables = tuple(sorted(tables, key=lambda t: t.valid_from))
        self.vat_rates = tuple(sorted(vat_rates, key=lambda v: v.valid_from))
        if not self.tables or not self.vat_rates:
            raise ValueError("a schedule needs at least one tariff table and one VAT rate")
        self._table_days = [t.valid_from.toordinal() for t in self.tables]
        self._vat_days = [v.valid_from.toordinal() for v in self.vat_rates]
        if len(set(self._table_days)) != len(self._table_days):
            raise ValueError("two tariff tables share a valid_from date")
        self._vat_ratios = [v.rate.as_integer_ratio() for v in self.vat_rates]
        self._plans: dict[tuple[int, int, int], _Plan] = {}
        self._periods: dict[tuple[date, date], tuple[int, int, int, int]] = {}

    def table_index(self, day: date) -> int:
        index = bisect_right(self._table_days, day.toordinal()) - 1
        if index < 0:
            first = self.tables[0]
            raise TariffError(
                "period_before_tariffs",
                f"no tariff before {first.valid_from.isoformat()} ({first.decision})",
            )
        return index

    def vat_index(self, day: date) -> int:
        index = bisect_right(self._vat_days, day.toordinal()) - 1
        if index < 0:
            raise TariffError("no_vat_rate", f"no VAT rate is known for {day.isoformat()}")
        return index

    def bill(
        self, units: int, decimals: int, start: date, end: date, households: int,
        norm_days: int | None = None,
    ) -> Breakdown:  # fmt: skip
        """Breakdown of `units` × 10^-decimals kWh; arguments are already validated.
        `norm_days`: the days the full tier widths are for when the period is a shortened
        one (a final bill): every width × days / norm_days, as the parts of a split."""
        found = self._periods.get((start, end))
        if found is None:
            found = self._period(start, end)
        first, last, vat_index, period_days = found
        widths_days = period_days if norm_days is None else norm_days
        if first == last and widths_days == period_days:
            part, subtotal = self._whole(first, period_days, units, decimals, households)
            parts: tuple[BillPart, ...] = (part,)
        elif first == last:
            parts = (self._part(first, period_days, widths_days, units, decimals, households),)
            subtotal = sum(line.amount for line in parts[0].tiers)
        else:
            parts = self._split(first, last, start, end, widths_days, units, decimals, households)
            subtotal = sum(line.amount for part in parts for line in part.tiers)
        numerator, denominator = self._vat_ratios[vat_index]
        vat = half_up(subtotal * numerator, denominator)
        return Breakdown(
            kwh=to_kwh(units, decimals),
            subtotal=subtotal,
            vat_rate=self.vat_rates[vat_index].rate,
            vat=vat,
            total=subtotal + vat,
            parts=parts,
        )

    def _period(self, start: date, end: date) -> tuple[int, int, int, int]:
        """Table indexes, VAT index and days of a period; a bill run asks for few periods."""
        found = (
            self.table_index(start),
            self.table_index(end),
            self.vat_index(end),
            end.toordinal() - start.toordinal() + 1,
        )
        if len(self._periods) >= 4096:
            self._periods.clear()
        self._periods[(start, end)] = found
        return found

    def _split(
        self, first: int, last: int, start: date, end: date, period_days: int,
        units: int, decimals: int, households: int,
    ) -> tuple[BillPart, ...]:  # fmt: skip
        part_days, day_from = [], start.toordinal()
        for index in range(first, last + 1):
            day_to = self._table_days[index + 1] - 1 if index < last else end.toordinal()
            part_days.append(day_to - day_from + 1)
            day_from = day_to + 1
        shares = prorate(units, 10**decimals, part_days)
        return tuple(
            self._part(index, days, period_days, share, decimals, households)
            for index, days, share in zip(range(first, last + 1), part_days, shares, strict=True)
        )

    def _whole(
        self, index: int, days: int, units: int, decimals: int, households: int
    ) -> tuple[BillPart, int]:
        """Fast path for a period under one table: full tiers are precomputed per plan."""
        plan = self._plans.get((index, households, decimals))
        if plan is None:
            plan = self._plan(index, households, decimals)
        bounds, full_lines, full_amounts, table = plan
        full = bisect_right(bounds, units)
        lines = full_lines[:full]
        subtotal = full_amounts[full]
        rest = units - bounds[full - 1] if full else units
        if rest:
            width, price = table.tiers[full]
            line = tier_line(
                full + 1, None if width is None else width * households, rest, decimals, price
            )
            lines += (line,)
            subtotal += line.amount
        part = BillPart(
            valid_from=table.valid_from,
            decision=table.decision,
            days=days,
            kwh=to_kwh(units, decimals),
            tiers=lines,
        )
        return part, subtotal

    def _plan(self, index: int, households: int, decimals: int) -> _Plan:
        table, scale = self.tables[index], 10**decimals
        bounds: list[int] = []
        lines: list[TierLine] = []
        amounts, upper = [0], 0
        for tier, (width, price) in enumerate(table.tiers[:-1], start=1):
            assert width is not None  # only the last tier is open-ended
            upper += width * households * scale
            bounds.append(upper)
            lines.append(
                tier_line(tier, width * households, width * households * scale, decimals, price)
            )
            amounts.append(amounts[-1] + lines[-1].amount)
        plan = (bounds, tuple(lines), amounts, table)
        self._plans[(index, households, decimals)] = plan
        return plan

    def _part(
        self, index: int, days: int, period_days: int, units: int, decimals: int, households: int
    ) -> BillPart:
        table = self.tables[index]
        scale = 10**decimals
        lines: list[TierLine] = []
        remaining = units
        for tier, (width, price) in enumerate(table.tiers, start=1):
            if remaining <= 0:
                break
            if width is None:
                take = remaining
            else:
                width = half_up(width * households * days, period_days)
                take = min(remaining, width * scale)
                if take == 0:
                    continue
            lines.append(tier_line(tier, width, take, decimals, price))
            remaining -= take
        return BillPart(
            valid_from=table.valid_from,
            decision=table.decision,
            days=days,
            kwh=to_kwh(units, decimals),
            tiers=tuple(lines),
        )
