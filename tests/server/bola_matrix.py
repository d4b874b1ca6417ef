"""Every /accounts/{code}/… route and who may call it. A route missing here fails
test_every_account_route_is_in_the_matrix, so new routes cannot skip the authorisation test.
Adding an account route, step by step: CONTRIBUTING.md "Add an account route" (the route
takes server/access.py's AccountAccessDep or OwnerAccessDep, reads through `access.reads`,
and gets a line here; tests/server/test_read_path.py fails if it skips the access dependency
or opens an ORM session to read).

kind "data": any approved link (owner or member); "owner": the contract owner only;
"tenant": a tenant's own room (issue 18), an approved `tenant` link only;
"self": the caller's own link (leave), allowed for any non-owner link; "waiting": the caller's
own request while it waits (remind the owner), 404 for everyone else."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RouteRule:
    kind: str  # data | owner | tenant | self | waiting
    body: dict | None = None
    query: dict = field(default_factory=dict)
    # status codes that mean "allowed" for callers who may call it
    ok: frozenset[int] = frozenset({200})


MATRIX: dict[tuple[str, str], RouteRule] = {
    ("GET", "/accounts/{code}"): RouteRule("data"),
    ("PUT", "/accounts/{code}/nickname"): RouteRule("data", body={"nickname": "Nhà mẹ"}),
    ("GET", "/accounts/{code}/links"): RouteRule("owner"),
    ("GET", "/accounts/{code}/audit"): RouteRule("owner"),
    ("POST", "/accounts/{code}/links/{link_id}/approve"): RouteRule(
        "owner", ok=frozenset({200, 409})
    ),
    ("POST", "/accounts/{code}/links/{link_id}/deny"): RouteRule("owner", ok=frozenset({200, 409})),
    ("POST", "/accounts/{code}/links/{link_id}/revoke"): RouteRule(
        "owner", ok=frozenset({200, 409})
    ),
    # billing (bills first: the bill_id resolver loads readings the forecast then uses);
    # before links/me, which ends the member's link
    ("GET", "/accounts/{code}/bills"): RouteRule("data"),
    ("GET", "/accounts/{code}/bills/{bill_id}"): RouteRule("data"),
    ("GET", "/accounts/{code}/bills/{bill_id}/payment-qr"): RouteRule("data"),
    ("POST", "/accounts/{code}/payment-batches"): RouteRule(
        "data", body={}, ok=frozenset({200, 201, 409})
    ),
    ("GET", "/accounts/{code}/bills/{bill_id}/invoice.pdf"): RouteRule("data"),
    ("GET", "/accounts/{code}/bills/{bill_id}/explain"): RouteRule("data"),
    ("GET", "/accounts/{code}/bills/{bill_id}/readings"): RouteRule("data"),
    ("GET", "/accounts/{code}/usage/estimated-months"): RouteRule("data"),
    # issue 18: adjustment bills (before the review route: each resolves a fresh review)
    ("GET", "/accounts/{code}/adjustments"): RouteRule("data"),
    ("GET", "/accounts/{code}/adjustments/{adjustment_id}"): RouteRule("data"),
    ("GET", "/accounts/{code}/adjustments/{adjustment_id}/payment-qr"): RouteRule("data"),
    ("GET", "/accounts/{code}/adjustments/{adjustment_id}/invoice.pdf"): RouteRule("data"),
    ("POST", "/accounts/{code}/bills/{bill_id}/review"): RouteRule(
        "data", body={"note": "kiểm tra"}, ok=frozenset({201, 409})
    ),
    ("GET", "/accounts/{code}/usage/daily"): RouteRule("data"),
    ("GET", "/accounts/{code}/usage/monthly"): RouteRule("data"),
    ("GET", "/accounts/{code}/usage/intervals"): RouteRule("data"),
    ("GET", "/accounts/{code}/usage/export"): RouteRule("data"),
    ("GET", "/accounts/{code}/reading-schedule"): RouteRule("data"),
    ("GET", "/accounts/{code}/forecast"): RouteRule("data"),
    ("GET", "/accounts/{code}/outages"): RouteRule("data"),
    ("GET", "/accounts/{code}/alerts"): RouteRule("data"),
    ("PUT", "/accounts/{code}/alerts"): RouteRule(
        "data", body={"kwh_per_day": "15.5", "bill_forecast_vnd": 500000}
    ),
    # issue 18: rooms let on the code (owner) and a tenant's own room
    ("GET", "/accounts/{code}/rooms"): RouteRule("owner"),
    ("POST", "/accounts/{code}/rooms"): RouteRule(
        "owner", body={"name": "P2", "residents": 3, "moved_in": "2025-01-01"}, ok=frozenset({201})
    ),
    ("PATCH", "/accounts/{code}/rooms/{room_id}"): RouteRule("owner", body={"residents": 3}),
    ("PUT", "/accounts/{code}/rooms/{room_id}/readings"): RouteRule(
        "owner", body={"month": "2025-06", "kwh": "12.5"}
    ),
    ("POST", "/accounts/{code}/rooms/{room_id}/invite"): RouteRule(
        "owner", body={"phone": "0368888888"}
    ),
    ("GET", "/accounts/{code}/my-room"): RouteRule("tenant"),
    ("GET", "/accounts/{code}/my-room/shares"): RouteRule("tenant"),
    ("POST", "/accounts/{code}/links/me/remind"): RouteRule("waiting", ok=frozenset({200, 429})),
    ("DELETE", "/accounts/{code}/links/me"): RouteRule("self", ok=frozenset({204, 409})),
}

# Path parameters other than {code}: name -> async function(api, client, owner_headers, code) -> str
RESOLVERS: dict = {}


def resolver(name: str):
    def register(fn):
        RESOLVERS[name] = fn
        return fn

    return register


_fresh = iter(range(1_000_000, 9_999_999))


@resolver("link_id")
async def _fresh_pending_link_id(api, client, owner_headers, code) -> str:
    """A new request from a new person each call, so one call's decision can't change another's."""
    tokens = await api.register(f"039{next(_fresh)}")
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    r = await client.post("/accounts/links", json={"customer_code": code}, headers=h)
    return str(r.json()["link_id"])


@resolver("bill_id")
async def _billed_bill_id(api, client, owner_headers, code) -> str:
    """A real bill of `code`: last month's daily readings through the staff API, then the
    bill run (idempotent, so later calls find the same bill)."""
    from datetime import timedelta

    from server.config import DEV_STAFF_KEY
    from server.services.billing.periods import add_months, local_today, month_end, month_label

    month = add_months(local_today().replace(day=1), -1)
    r = await client.get(
        f"/accounts/{code}/bills", params={"year": month.year}, headers=owner_headers
    )
    for bill in r.json():
        if bill["period_end"] == month_end(month).isoformat():
            return str(bill["id"])
    staff = {"X-Staff-Key": DEV_STAFF_KEY}
    days = [month + timedelta(days=i) for i in range((month_end(month) - month).days + 1)]
    readings = [{"customer_code": code, "date": d.isoformat(), "kwh": "5.5"} for d in days]
    r = await client.post("/admin/readings", json={"readings": readings}, headers=staff)
    assert r.status_code == 200, r.text
    r = await client.post("/admin/bill-run", json={"month": month_label(month)}, headers=staff)
    assert r.status_code == 200, r.text
    return await _billed_bill_id(api, client, owner_headers, code)


@resolver("adjustment_id")
async def _adjustment_id(api, client, owner_headers, code) -> str:
    """A fresh adjustment bill of `code`: a review of a real bill, corrected by staff."""
    from decimal import Decimal

    from server.config import DEV_STAFF_KEY

    bill_id = await _billed_bill_id(api, client, owner_headers, code)
    r = await client.post(f"/accounts/{code}/bills/{bill_id}/review", headers=owner_headers)
    assert r.status_code == 201, r.text
    bill = (await client.get(f"/accounts/{code}/bills/{bill_id}", headers=owner_headers)).json()
    body = {"outcome": "corrected", "reason": "kiểm tra", "corrected_kwh": "0"}
    body["corrected_kwh"] = str(Decimal(bill["kwh"]) + 10)
    r = await client.post(
        f"/admin/bill-reviews/{r.json()['request_id']}/close",
        json=body,
        headers={"X-Staff-Key": DEV_STAFF_KEY},
    )
    assert r.status_code == 200, r.text
    return str(r.json()["adjustment_id"])


@resolver("room_id")
async def _fresh_room_id(api, client, owner_headers, code) -> str:
    """A new room on `code`, without a tenant."""
    body = {"name": "Phòng thử", "residents": 2, "moved_in": "2025-01-01"}
    r = await client.post(f"/accounts/{code}/rooms", json=body, headers=owner_headers)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])
