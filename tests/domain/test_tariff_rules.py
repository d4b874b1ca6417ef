"""VAT dating, validation errors, tables of any shape and several changes in one period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from domain.tariff import TariffError, compute_bill, table_on, vat_rate_on
from domain.tariff_data import HOUSEHOLD_TARIFFS, VAT_RATES, TariffTable, VatRate

D = Decimal

# HYPOTHETICAL five-tier table (0–100, 101–200, 201–400, 401–700, 701+) in the shape of
# Decision 14/2025/QĐ-TTg. The PRICES ARE MADE UP for tests; this is not a live tariff.
HYPOTHETICAL_FIVE_TIER = TariffTable(
    date(2030, 1, 1),
    "HYPOTHETICAL-5-TIER",
    ((100, 1000), (100, 1200), (200, 1500), (300, 1800), (None, 2000)),
)


def test_vat_rate_boundary_at_end_of_2026() -> None:
    assert vat_rate_on(date(2026, 12, 31)) == D("0.08")
    assert vat_rate_on(date(2027, 1, 1)) == D("0.10")
    assert vat_rate_on(date(2023, 6, 30)) == D("0.10")
    assert vat_rate_on(date(2023, 7, 1)) == D("0.08")
    december = compute_bill(D(150), date(2026, 12, 1), date(2026, 12, 31))
    january = compute_bill(D(150), date(2027, 1, 1), date(2027, 1, 31))
    assert (december.vat_rate, december.vat, december.total) == (D("0.08"), 25_656, 346_356)
    assert (january.vat_rate, january.vat, january.total) == (D("0.10"), 32_070, 352_770)


def test_period_spanning_the_vat_change_takes_the_rate_on_its_end() -> None:
    bill = compute_bill(D(150), date(2026, 12, 16), date(2027, 1, 15))
    assert bill.vat_rate == D("0.10")
    assert len(bill.parts) == 1  # VAT changes do not split the kWh, price changes do


def test_vat_rounds_half_up_once_on_the_subtotal() -> None:
    table = TariffTable(date(2027, 1, 1), "TEST", ((None, 1005),))
    bill = compute_bill(D(1), date(2027, 1, 1), date(2027, 1, 1), tables=(table,))
    assert (bill.subtotal, bill.vat, bill.total) == (1005, 101, 1106)  # 100.5 → 101


def test_tables_are_found_by_date() -> None:
    assert table_on(date(2023, 5, 4)).decision == "1062/QĐ-BCT"
    assert table_on(date(2023, 11, 8)).decision == "1062/QĐ-BCT"
    assert table_on(date(2024, 10, 11)).decision == "2699/QĐ-BCT"
    assert table_on(date(2030, 1, 1)).decision == "1279/QĐ-BCT"


@pytest.mark.parametrize(
    ("kwh", "start", "end", "households", "code"),
    [
        (D(-1), date(2025, 6, 1), date(2025, 6, 30), 1, "negative_kwh"),
        (D("-0.5"), date(2025, 6, 1), date(2025, 6, 30), 1, "negative_kwh"),
        (D("NaN"), date(2025, 6, 1), date(2025, 6, 30), 1, "invalid_kwh"),
        (D("Infinity"), date(2025, 6, 1), date(2025, 6, 30), 1, "invalid_kwh"),
        (150.5, date(2025, 6, 1), date(2025, 6, 30), 1, "invalid_kwh"),
        (D("1.0005"), date(2025, 6, 1), date(2025, 6, 30), 1, "kwh_too_precise"),
        (D(1), date(2025, 6, 30), date(2025, 6, 1), 1, "period_reversed"),
        (D(1), date(2025, 6, 1), date(2025, 8, 2), 1, "period_too_long"),
        (D(1), date(2025, 6, 1), date(2025, 6, 30), 0, "invalid_households"),
        (D(1), date(2025, 6, 1), date(2025, 6, 30), 21, "invalid_households"),
        (D(1), date(2023, 5, 3), date(2023, 5, 20), 1, "period_before_tariffs"),
    ],
)
def test_invalid_input_raises_tariff_error_with_stable_code(
    kwh: object, start: date, end: date, households: int, code: str
) -> None:
    with pytest.raises(TariffError) as caught:
        compute_bill(kwh, start, end, households)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError) and str(caught.value)


def test_longest_allowed_period_is_62_days() -> None:
    assert compute_bill(D(1), date(2025, 6, 1), date(2025, 8, 1)).parts[0].days == 62


def test_period_before_first_table_names_the_first_decision() -> None:
    with pytest.raises(TariffError, match=r"2023-05-04.*1062/QĐ-BCT"):
        compute_bill(D(1), date(2020, 1, 1), date(2020, 1, 31))


def test_five_tier_hypothetical_table_works_unchanged() -> None:
    bill = compute_bill(
        D(750), date(2030, 1, 1), date(2030, 1, 31), tables=(HYPOTHETICAL_FIVE_TIER,)
    )
    assert [(t.width_kwh, t.kwh) for t in bill.parts[0].tiers] == [
        (100, 100), (100, 100), (200, 200), (300, 300), (None, 50)
    ]  # fmt: skip
    assert bill.subtotal == 100_000 + 120_000 + 300_000 + 540_000 + 100_000
    assert bill.vat == 116_000  # 10% in 2030


def test_period_spanning_two_changes_has_three_parts() -> None:
    tables = tuple(
        TariffTable(date(2030, 1, day), f"T{day}", ((50, low), (None, high)))
        for day, low, high in ((1, 1000, 2000), (11, 1100, 2100), (21, 1200, 2200))
    )
    bill = compute_bill(D(210), date(2030, 1, 5), date(2030, 1, 25), tables=tables)
    assert [(p.decision, p.days, p.kwh) for p in bill.parts] == [
        ("T1", 6, 60), ("T11", 10, 100), ("T21", 5, 50)
    ]  # fmt: skip
    assert [[t.width_kwh for t in p.tiers] for p in bill.parts] == [
        [14, None], [24, None], [12, None]
    ]  # fmt: skip
    assert [sum(t.amount for t in p.tiers) for p in bill.parts] == [106_000, 186_000, 98_000]
    assert (bill.subtotal, bill.vat, bill.total) == (390_000, 39_000, 429_000)


def test_cumulative_rounding_never_gives_a_negative_part() -> None:
    # Four one-day parts of 2 kWh would be 0.5 → 1 each if every part rounded on its own.
    tables = tuple(TariffTable(date(2030, 1, d), f"T{d}", ((None, 1000),)) for d in (1, 2, 3, 4))
    bill = compute_bill(D(2), date(2030, 1, 1), date(2030, 1, 4), tables=tables)
    assert [p.kwh for p in bill.parts] == [1, 0, 1, 0]
    assert sum(p.kwh for p in bill.parts) == 2


def test_table_data_is_validated() -> None:
    with pytest.raises(ValueError, match="open-ended"):
        TariffTable(date(2030, 1, 1), "BAD", ((50, 1000), (50, 2000)))
    with pytest.raises(ValueError, match="positive"):
        TariffTable(date(2030, 1, 1), "BAD", ((0, 1000), (None, 2000)))
    with pytest.raises(ValueError, match="fraction"):
        VatRate(date(2030, 1, 1), D("8"), "percent by mistake")


def test_live_tables_match_domain_md() -> None:
    assert [t.valid_from for t in HOUSEHOLD_TARIFFS] == [
        date(2023, 5, 4), date(2023, 11, 9), date(2024, 10, 11), date(2025, 5, 10)
    ]  # fmt: skip
    assert [p for _, p in HOUSEHOLD_TARIFFS[-1].tiers] == [1984, 2050, 2380, 2998, 3350, 3460]
    assert all(len(t.tiers) == 6 for t in HOUSEHOLD_TARIFFS)  # the five-tier one is not live
    assert [(v.valid_from, v.rate) for v in VAT_RATES][1:] == [
        (date(2023, 7, 1), D("0.08")), (date(2027, 1, 1), D("0.10"))
    ]  # fmt: skip


def test_a_final_bill_prorates_tier_widths_by_its_days_over_the_regular_period() -> None:
    # supply ends on 06-12: 12 of June's 30 days, so 50-kWh tiers are 20, 100-kWh ones 40
    short = compute_bill(100, date(2025, 6, 1), date(2025, 6, 12), norm_days=30)
    assert [(t.width_kwh, t.kwh) for t in short.parts[0].tiers] == [
        (20, D(20)), (20, D(20)), (40, D(40)), (40, D(20)),
    ]  # fmt: skip
    assert short.total > compute_bill(100, date(2025, 6, 1), date(2025, 6, 12)).total
    whole = compute_bill(150, date(2025, 6, 1), date(2025, 6, 30), norm_days=30)
    assert whole == compute_bill(150, date(2025, 6, 1), date(2025, 6, 30))  # the fast path
    # across the 2025-05-10 price change: each part's widths × its days / the regular 31
    split = compute_bill(100, date(2025, 5, 1), date(2025, 5, 12), norm_days=31)
    assert [p.days for p in split.parts] == [9, 3]
    assert [p.tiers[0].width_kwh for p in split.parts] == [15, 5]  # 50×9/31, 50×3/31
    for bad in (11, 63):
        with pytest.raises(TariffError) as err:
            compute_bill(100, date(2025, 6, 1), date(2025, 6, 12), norm_days=bad)
        assert err.value.code == "invalid_norm_days"
