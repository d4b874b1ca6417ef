"""The bill explainer (issue 18): effects add up exactly to the difference, an unchanged factor
has a 0 effect, and the recomputation behind it is the real engine's bill."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.bill_explain import ORDER, BillFacts, explain, facts_of, recomputed, scaled
from domain.bill_explain_text import sentence
from domain.tariff_data import HOUSEHOLD_TARIFFS
from domain.tariff_households import compute_bill_with_norms

RATES = (Decimal("0.08"), Decimal("0.10"), Decimal("0.05"))
usage_wh = st.one_of(
    st.just(0),
    st.integers(0, 1500).map(lambda k: k * 1000),  # whole kWh (monthly index meters)
    st.integers(0, 1_500_000),  # daily sums in Wh
)


def _profile(draw: st.DrawFn, days: int, values: st.SearchStrategy) -> tuple:
    """1–3 runs of values over `days` days (a price or norm change inside the period)."""
    runs = draw(st.integers(1, 3)) if days > 1 else 1
    cuts = []
    if days > 1:
        cuts = sorted(
            draw(st.lists(st.integers(1, days - 1), min_size=runs - 1, max_size=runs - 1))
        )
    bounds = [0, *cuts, days]
    out = []
    for a, b in itertools.pairwise(bounds):
        value = draw(values)
        if b > a:
            out.append((b - a, value))
    return scaled(tuple(out), days)  # joins equal neighbours


@st.composite
def facts(draw: st.DrawFn, days: st.SearchStrategy = st.integers(27, 34)) -> BillFacts:
    d = draw(days)
    prices = _profile(draw, d, st.sampled_from(HOUSEHOLD_TARIFFS))
    homes = _profile(draw, d, st.integers(1, 6))
    rate = draw(st.sampled_from(RATES))
    wh = draw(usage_wh)
    total = BillFacts(wh, d, prices, homes, rate, 0)
    total_vnd = recomputed(total)
    # Now and then a bill issued by hand (a stored total the engine would not give).
    total_vnd += draw(st.one_of(st.just(0), st.just(0), st.integers(-5000, 5000)))
    return BillFacts(wh, d, prices, homes, rate, total_vnd)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[BillFacts, BillFacts, set[str]]:
    """(earlier, later, kinds kept unchanged). A first bill may be short (from installation)."""
    first_bill = draw(st.booleans())
    a = draw(facts(st.integers(1, 34) if first_bill else st.integers(27, 34)))
    b = draw(facts())
    kept = draw(st.sets(st.sampled_from(ORDER)))
    days = a.days if "days" in kept else b.days
    wh = b.wh
    if "usage" in kept:  # the same daily average: wh/days equal as fractions
        per_day = draw(st.integers(0, 50_000))
        a = BillFacts(per_day * a.days, a.days, a.prices, a.households, a.vat_rate, 0)
        wh = per_day * days
    prices = scaled(a.prices, days) if "price" in kept else scaled(b.prices, days)
    homes = scaled(a.households, days) if "households" in kept else scaled(b.households, days)
    rate = a.vat_rate if "vat" in kept else b.vat_rate
    a = BillFacts(a.wh, a.days, a.prices, a.households, a.vat_rate, recomputed(a))
    later = BillFacts(wh, days, prices, homes, rate, 0)
    later = BillFacts(wh, days, prices, homes, rate, recomputed(later) + (b.total - recomputed(b)))
    return a, later, kept


@settings(max_examples=3000, deadline=None)
@given(pairs())
def test_effects_add_up_exactly_and_unchanged_factors_give_zero(pair) -> None:
    earlier, later, kept = pair
    found = explain(later, earlier)
    assert found.difference == later.total - earlier.total
    assert sum(e.amount for e in found.effects) == found.difference
    amounts = {e.kind: e.amount for e in found.effects}
    for kind in kept:
        assert amounts[kind] == 0, (kind, found)
    assert amounts["other"] == (later.total - recomputed(later)) - (
        earlier.total - recomputed(earlier)
    )
    for lang in ("vi", "en"):
        assert sentence(found, "previous", lang).endswith(".")


@settings(max_examples=600, deadline=None)
@given(
    st.dates(date(2023, 5, 4), date(2028, 11, 1)),
    st.integers(27, 34),
    usage_wh,
    st.integers(1, 4),
    st.one_of(st.none(), st.tuples(st.integers(1, 33), st.integers(1, 4))),
)
def test_recomputation_is_the_engines_bill(start, days, wh, homes, change) -> None:
    """Real dates (price and VAT changes, norm changes inside): the synthetic recomputation the
    explainer uses gives the total the bill run would have issued."""
    end = start + timedelta(days=days - 1)
    norms = [] if change is None else [(start + timedelta(days=change[0] % days), change[1])]
    kwh = Decimal(wh) / 1000
    total = compute_bill_with_norms(kwh, start, end, homes, norms).total
    found = facts_of(wh, start, end, homes, norms, total)
    assert recomputed(found) == total


def _bill(kwh: int, start: date, end: date, homes: int = 1) -> BillFacts:
    total = compute_bill_with_norms(kwh, start, end, homes, []).total
    return facts_of(kwh * 1000, start, end, homes, [], total)


def test_the_issue_sentence_shape_in_vietnamese_and_english() -> None:
    april = _bill(150, date(2025, 3, 31), date(2025, 4, 28))
    may = _bill(200, date(2025, 4, 29), date(2025, 5, 31))
    found = explain(may, april)
    vi = sentence(found, "previous", "vi")
    assert vi.startswith(
        f"Hóa đơn tăng {found.difference:,} đ so với tháng trước: ".replace(",", ".")
    )
    assert "kỳ dài hơn 4 ngày (+" in vi and "giá điện tăng từ 10/05/2025 (+" in vi
    assert "dùng nhiều hơn 29 kWh (+" in vi  # 200 − 150 × 33/29 = 29.3 kWh at the daily habit
    en = sentence(found, "previous", "en")
    assert "a period 4 days longer" in en and "prices up from 10 May 2025" in en


def test_same_bill_twice_explains_nothing() -> None:
    june = _bill(150, date(2025, 6, 1), date(2025, 6, 30))
    found = explain(june, june)
    assert found.difference == 0 and all(e.amount == 0 for e in found.effects)
    assert sentence(found, "last_year", "vi") == "Hóa đơn bằng cùng kỳ năm trước."


def test_only_vat_changed_is_all_vat() -> None:
    dec = _bill(150, date(2026, 12, 1), date(2026, 12, 31))
    jan = _bill(150, date(2027, 1, 1), date(2027, 1, 31))
    found = explain(jan, dec)
    assert [e.kind for e in found.effects if e.amount] == ["vat"]
    assert found.effects[ORDER.index("vat")].amount == 320_700 * 2 // 100  # 10% − 8% of 320,700
    assert "thuế GTGT từ 8% lên 10%" in sentence(found, "previous", "vi")


def test_first_bill_says_so() -> None:
    assert sentence(None, "previous", "vi").startswith("Đây là hóa đơn đầu tiên")
    assert "no bill from the same month last year" in sentence(None, "last_year", "en")
