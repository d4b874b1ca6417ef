"""Settings → personal access tokens: make one bound to the selected code, see it once, use it
from outside the app (as Home Assistant would), revoke it and see it refused."""

from __future__ import annotations

import re

import httpx

from tests.e2e.flet_page import (
    PHONE,
    by_id,
    shot,
    tap_to,
    text_of,
    type_into,
    unnamed_controls,
    wait_id,
    wait_text,
)
from tests.e2e.usage_bills_steps import AMI, OWNER, PASSWORD, select_code, sign_in


def test_phone_make_use_and_revoke_a_token(app_url, backend, new_page):
    page = new_page(PHONE)
    sign_in(page, app_url)
    select_code(page, AMI)
    tap_to(page, "open-settings", "open-api-tokens")
    by_id(page, "open-api-tokens").click()
    wait_id(page, "api-token-name")
    type_into(page, "Tên (ví dụ: Home Assistant)", "Home Assistant")
    by_id(page, "api-token-only-code").click()
    by_id(page, "api-token-create").click()
    wait_text(page, "api-token-created", "dnp_", timeout=20_000)
    token = re.search(r"dnp_[A-Za-z0-9_-]{20,}", text_of(page, "api-token-created")).group(0)
    assert unnamed_controls(page) == []
    shot(page, "phone-99-api-token-created")
    url = f"{backend}/accounts/{AMI}/usage/daily"
    headers = {"Authorization": f"Bearer {token}"}
    r = httpx.get(url, headers=headers, timeout=10)
    assert r.status_code == 200 and r.json(), r.text
    w = httpx.put(f"{backend}/accounts/{AMI}/alerts", json={}, headers=headers, timeout=10)
    assert (w.status_code, w.json()["code"]) == (403, "insufficient_scope")
    owner = httpx.post(
        f"{backend}/auth/login", json={"phone": OWNER, "password": PASSWORD}, timeout=10
    ).json()["access_token"]
    listed = httpx.get(
        f"{backend}/me/api-tokens", headers={"Authorization": f"Bearer {owner}"}, timeout=10
    ).json()
    [mine] = [t for t in listed if token.startswith(t["hint"])]
    assert mine["last_used_at"] and mine["customer_codes"] == [AMI]
    page.mouse.wheel(0, 1200)  # the list is below the form on a phone
    by_id(page, f"api-token-revoke-{mine['id']}").click()
    page.wait_for_function(
        "i => !document.querySelector(`[flt-semantics-identifier='api-token-revoke-${i}']`)",
        arg=mine["id"],
    )
    shot(page, "phone-99b-api-token-revoked")
    assert httpx.get(url, headers=headers, timeout=10).status_code == 401
