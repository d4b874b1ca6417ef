"""Pure rules of service requests: households from residents, working days, notice texts."""

from __future__ import annotations

from datetime import date

import pytest

from domain.working_days import add_working_days
from server.notify.render import render_notice
from server.notify.service_texts import EN, VI
from server.services.service_requests.effects import households_for
from server.services.service_requests.working_calendar import due_after


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


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Tết 2027 (lunar): days off Thu 04/02 to Wed 10/02; filed Wed 03/02, 2 days → Fri 12/02
        (date(2027, 2, 3), 2, date(2027, 2, 12)),
        # 30/04 (Fri) and 01/05 (Sat, substituted by Mon 03/05) in 2027
        (date(2027, 4, 29), 1, date(2027, 5, 4)),
        # Quốc khánh 2026: Mon 31/08 (substitute), Tue 01/09, Wed 02/09
        (date(2026, 8, 28), 1, date(2026, 9, 3)),
        # Giỗ Tổ Hùng Vương 2026 (10/3 lunar): Sun 26/04 and its substitute Mon 27/04
        (date(2026, 4, 24), 1, date(2026, 4, 28)),
        # across a year end: 01/01/2027 (Fri) is off
        (date(2026, 12, 31), 1, date(2027, 1, 4)),
    ],
)
def test_turnarounds_skip_vietnams_public_holidays(start, days, due):
    assert due_after(start, days) == due
    assert add_working_days(start, days) < due  # weekends alone would have said earlier


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
