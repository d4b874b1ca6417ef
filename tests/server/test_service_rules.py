"""Pure rules of service requests: households from residents, working days, notice texts."""

from __future__ import annotations

from datetime import date

import pytest

from domain.working_days import add_working_days
from server.notify.render import render_notice
from server.notify.service_texts import EN, VI
from server.services.service_requests.effects import households_for


@pytest.mark.parametrize(
    ("residents", "households"), [(1, 1), (4, 1), (5, 2), (6, 2), (8, 2), (9, 3)]
)
def test_four_residents_count_as_one_household(residents, households):
    assert households_for(residents) == households


def test_working_days_skip_weekends():
    friday = date(2026, 12, 4)
    assert add_working_days(friday, 1) == date(2026, 12, 7)
    assert add_working_days(friday, 3) == date(2026, 12, 9)
    assert add_working_days(date(2026, 12, 5), 1) == date(2026, 12, 7)  # from a Saturday


PARAMS = {
    "tracking_no": "DV2612030000001",
    "type": "household_norm",
    "service": {"vi": "Thay đổi định mức số hộ", "en": "Change of household norm"},
    "code": "PE01000123456",
    "note": "Thiếu giấy tờ",
    "appointment_date": "2026-12-07",
    "appointment_window": "08-12",
    "text": "Sáng mai 9 giờ",
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("kind", sorted(VI))
def test_every_service_notice_reads_well_in_both_languages(kind, lang):
    assert set(VI) == set(EN)
    text = render_notice(kind, PARAMS, lang, "PE01000123456")
    for part in text:
        assert part and "…" not in part and "{" not in part and "[[" not in part, part
    assert "DV2612030000001" in text.title and text.sms.isascii() and len(text.sms) <= 160
    if kind == "service_request_scheduled":
        assert ("07/12/2026" if lang == "vi" else "7 Dec 2026") in text.body
