"""Issue 21.6 in the browser: the waiting relative opens the links page, reminds the owner, and
reads when they asked and from when they may remind again; the owner has the request again."""

from __future__ import annotations

from tests.e2e.flet_page import PHONE, by_id, shot, text_of, unnamed_controls, wait_id, wait_text
from tests.e2e.test_links_e2e import CODE, RELATIVE, sign_in


def test_the_waiting_relative_reminds_the_owner(app_url, new_page):
    page = new_page(PHONE)
    sign_in(page, app_url, RELATIVE)
    wait_id(page, "open-links").click()
    wait_id(page, f"remind-{CODE}", timeout=30_000).click()
    # The seeded request is three days old: the first reminder goes; a repeat run within a
    # day is told from when (both lines say "nhắc lại").
    wait_text(page, f"my-request-{CODE}", "nhắc lại", timeout=20_000)
    card = text_of(page, f"my-request-{CODE}")
    assert "Chờ duyệt" in card and "Hủy yêu cầu" in card
    shot(page, "phone-47-relative-reminded")
    assert unnamed_controls(page) == []
    by_id(page, f"remind-{CODE}").click()  # at once again: too soon, said calmly
    wait_text(page, f"my-request-{CODE}", "nhắc lại", timeout=20_000)
