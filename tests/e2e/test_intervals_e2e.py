"""Theo giờ on Sản lượng: the solar demo code's hourly bars with export, a tapped hour, the
table of 48 half-hours, the compare switch, on a phone and a desktop window."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.flet_page import (
    DESKTOP,
    PHONE,
    by_id,
    shot,
    text_of,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.usage_bills_steps import AMI, go, select_code, sign_in


def look_at_hourly(page: Page, size: str) -> None:
    wait_id(page, "usage-chart")
    by_id(page, "usage-mode").get_by_text("Theo giờ").click()
    wait_id(page, "intervals-chart", timeout=20_000)
    assert "Phát lên lưới" in text_of(page, "intervals-card")  # the solar customer's legend
    assert "kWh" in text_of(page, "intervals-peak")
    assert "kWh" in text_of(page, "intervals-export")
    assert unnamed_controls(page) == []
    box = by_id(page, "intervals-chart").bounding_box()
    assert box is not None  # tap the 19–20 h bar, just above the axis
    page.mouse.click(box["x"] + 44 + (box["width"] - 44) * 19.5 / 24, box["y"] + box["height"] - 35)
    wait_text(page, "intervals-selected", "19:00–20:00")
    shot(page, f"{size}-97-usage-hourly-chart")
    by_id(page, "intervals-against").get_by_text("Cùng thứ tuần trước").click()
    by_id(page, "intervals-shown").get_by_text("Bảng").click()
    wait_id(page, "intervals-table")
    table = text_of(page, "intervals-table")
    assert "23:30" in table and "Tuần trước" in table and "Chênh lệch" in table
    shot(page, f"{size}-98-usage-hourly-table")
    before = text_of(page, "intervals-day")
    by_id(page, "intervals-day-prev").click()
    page.wait_for_function(
        "d => { const e = document.querySelector('[flt-semantics-identifier=\"intervals-day\"]');"
        " return e && !e.innerText.includes(d); }",
        arg=before,
    )
    wait_id(page, "intervals-table")


def test_phone_hourly_usage_of_the_solar_code(app_url, backend, new_page):
    page = new_page(PHONE)
    sign_in(page, app_url)
    select_code(page, AMI)
    go(page, "Sản lượng", phone=True)
    look_at_hourly(page, "phone")


def test_desktop_hourly_usage_of_the_solar_code(app_url, backend, new_page):
    page = new_page(DESKTOP)
    sign_in(page, app_url)
    select_code(page, AMI)
    go(page, "Sản lượng", phone=False)
    look_at_hourly(page, "desktop")
