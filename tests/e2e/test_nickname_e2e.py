"""Issue 21.5 in the browser: the owner names a code from its card and the switcher says the
name with the code; the name is removed again at the end (other tests read the switcher)."""

from __future__ import annotations

from tests.e2e.flet_page import (
    DESKTOP,
    by_id,
    shot,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.test_links_e2e import OWNER, select_code, sign_in

HANOI = "PD01000654321"


def test_the_owner_names_a_code_and_the_switcher_says_it(app_url, new_page):
    page = new_page(DESKTOP)
    sign_in(page, app_url, OWNER)
    select_code(page, HANOI)
    wait_id(page, "nickname-edit").click()
    wait_id(page, "nickname-field")
    type_into(page, "Tên gợi nhớ (ví dụ: Nhà mẹ)", "Nhà mẹ")
    shot(page, "desktop-48-nickname-dialog")
    by_id(page, "nickname-save").click()
    wait_text(page, "account-switcher", "Nhà mẹ", timeout=20_000)
    assert "Nhà mẹ" in text_of(page, "account-card") and HANOI in text_of(page, "account-switcher")
    by_id(page, "account-switcher").click()
    page.get_by_role("menuitemcheckbox", name=f"Nhà mẹ · {HANOI}").wait_for(timeout=10_000)
    shot(page, "desktop-49-switcher-with-name")
    assert unnamed_controls(page) == []
    page.keyboard.press("Escape")
    # Remove the name again: an empty field takes it away.
    wait_id(page, "nickname-edit").click()
    wait_id(page, "nickname-field")
    type_into(page, "Tên gợi nhớ (ví dụ: Nhà mẹ)", "")
    by_id(page, "nickname-save").click()
    page.wait_for_function(
        "() => { const card = document.querySelector('[flt-semantics-identifier=\"account-card\"]');"
        " return card !== null && !card.innerText.includes('Nhà mẹ'); }",
        timeout=20_000,
    )
