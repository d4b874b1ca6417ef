"""Every /accounts/{code}/… route and who may call it. A route missing here fails
test_every_account_route_is_in_the_matrix, so new routes cannot skip the authorisation test.

kind "data": any approved link (owner or member); "owner": the contract owner only;
"self": the caller's own link (leave), allowed for any non-owner link."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RouteRule:
    kind: str  # data | owner | self
    body: dict | None = None
    query: dict = field(default_factory=dict)
    # status codes that mean "allowed" for callers who may call it
    ok: frozenset[int] = frozenset({200})


MATRIX: dict[tuple[str, str], RouteRule] = {
    ("GET", "/accounts/{code}"): RouteRule("data"),
    ("GET", "/accounts/{code}/links"): RouteRule("owner"),
    ("GET", "/accounts/{code}/audit"): RouteRule("owner"),
    ("POST", "/accounts/{code}/links/{link_id}/approve"): RouteRule(
        "owner", ok=frozenset({200, 409})
    ),
    ("POST", "/accounts/{code}/links/{link_id}/deny"): RouteRule("owner", ok=frozenset({200, 409})),
    ("POST", "/accounts/{code}/links/{link_id}/revoke"): RouteRule(
        "owner", ok=frozenset({200, 409})
    ),
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
