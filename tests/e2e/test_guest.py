"""Guest mode: estimate a bill, look up outages by customer code, tariffs, fraud warning."""

from __future__ import annotations

from tests.e2e.flet_page import DESKTOP, PHONE, by_id, open_app, shot, tap_to, type_into, wait_id


def test_guest_estimates_and_looks_up_outages(app_url, new_page):
    page = new_page(DESKTOP)
    open_app(page, app_url)
    tap_to(page, "welcome-guest", "estimate-submit")
    by_id(page, "estimate-from").click()  # Material date picker, in Vietnamese
    page.get_by_role("button", name="15,").first.click()
    page.get_by_role("button", name="OK").click()
    page.wait_for_function(
        "() => document.querySelector('[flt-semantics-identifier=\"estimate-from\"]')"
        "?.innerText.includes('15/')",
        timeout=10_000,
    )
    type_into(page, "Điện năng tiêu thụ (kWh)", "150")
    by_id(page, "estimate-submit").click()
    result = wait_id(page, "estimate-result")
    assert "Tổng cộng" in result.inner_text() and " đ" in result.inner_text()

    type_into(page, "Mã khách hàng", "PE01000123456")
    by_id(page, "outage-submit").click()
    wait_id(page, "outage-results")
    shot(page, "desktop-10-guest-estimate-outages")

    by_id(page, "link-tariffs").click()
    tiers = wait_id(page, "tariffs-current")
    assert "Bậc 1" in tiers.inner_text()
    shot(page, "desktop-11-tariffs")


def test_guest_reads_the_fraud_warning_in_english(app_url, new_page):
    page = new_page(PHONE)
    open_app(page, app_url)
    wait_id(page, "language-switch").click()
    wait_id(page, "welcome-guest").click()
    by_id(page, "link-fraud").click()
    articles = wait_id(page, "articles-fraud")
    assert "OTP" in articles.inner_text()
    assert page.get_by_text("Fraud warning").count() >= 1
    shot(page, "phone-12-fraud-warning-en")


def test_unknown_code_in_outage_look_up(app_url, new_page):
    page = new_page(PHONE)
    open_app(page, f"{app_url}guest")
    type_into(page, "Mã khách hàng", "PE09999999999")
    by_id(page, "outage-submit").click()
    assert "Không có hợp đồng" in wait_id(page, "form-error").inner_text()


def test_backend_down_shows_offline_banner(offline_app_url, new_page):
    page = new_page(PHONE)
    open_app(page, f"{offline_app_url}guest")
    type_into(page, "Điện năng tiêu thụ (kWh)", "100")
    by_id(page, "estimate-submit").click()
    wait_id(page, "offline-banner")
    # Issue 21.2: the browser reached us, so the person's network is fine: say so, once.
    page.get_by_text("Dịch vụ Điện Nhà đang tạm gián đoạn", exact=False).first.wait_for()
    assert page.get_by_text("Không có kết nối mạng", exact=False).count() == 0
    wait_id(page, "offline-retry")
    shot(page, "phone-13-offline")


def test_dark_theme_and_english_from_settings(app_url, new_page):
    page = new_page(PHONE)
    open_app(page, f"{app_url}settings")
    wait_id(page, "settings-theme")
    page.get_by_role("button", name="Tối").click()
    page.get_by_role("button", name="English").click()
    page.get_by_text("Light/dark theme").wait_for()
    shot(page, "phone-14-settings-dark-en")
    by_id(page, "back").click()
    wait_id(page, "welcome-guest").click()
    assert "Estimate" in wait_id(page, "estimate-submit").inner_text()
    shot(page, "phone-15-guest-dark-en")


def test_the_official_site_opens_beside_the_fraud_warning(app_url, new_page):
    """Flet 1.0 pages have no launch_url (0.x did): the button goes through UrlLauncher and
    the links allow-list, and the browser opens the site in a new tab."""
    page = new_page(PHONE)
    page.context.route("https://diennha.vn/**", lambda route: route.fulfill(body="diennha.vn"))
    open_app(page, app_url)
    wait_id(page, "welcome-guest").click()
    by_id(page, "link-fraud").click()
    with page.context.expect_page(timeout=15_000) as opened:
        wait_id(page, "official-site").click()
    assert opened.value.url.startswith("https://diennha.vn")
