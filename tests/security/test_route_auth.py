"""Every route in the OpenAPI document, enumerated (so new routes are covered without a test
edit): those that need a credential refuse a missing or bad one with 401 problem+json before
anything else is looked at; those that need none are on an explicit public list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from server.security import AUDIENCE, ISSUER
from tests import figures
from tests.security.routes import concrete, operations

# Routes anyone may call. A new route is either protected or added here on purpose.
PUBLIC = {
    ("GET", "/health"),
    ("GET", "/ready"),
    ("POST", "/auth/otp"),
    ("POST", "/auth/register"),
    ("POST", "/auth/login"),
    ("POST", "/auth/login/otp"),
    ("POST", "/auth/refresh"),
    ("POST", "/auth/logout"),
    ("POST", "/auth/password/reset"),
    ("GET", "/public/articles"),
    ("GET", "/public/company"),
    ("GET", "/public/articles/{slug}"),
    ("GET", "/public/bill-status"),  # no personal data; limited per address
    ("POST", "/public/estimate"),
    ("GET", "/public/offices"),
    ("GET", "/public/outages"),
    ("GET", "/public/service-types"),  # the catalogue; guests read it
    ("GET", "/public/tariffs"),
    ("POST", "/public/outage-reports"),  # guests report; limited per address and phone
    ("GET", "/public/outage-reports/{tracking_no}"),  # random tracking number, no personal data
    ("POST", "/public/outage-reports/{tracking_no}/photo"),  # the reporter's hazard photo
    ("GET", "/public/incidents"),  # areas' unplanned outages, no personal data
    ("GET", "/public/incidents/{incident_id}"),
    ("POST", "/payments/webhook"),  # its own credential: the HMAC signature
    ("GET", "/dev/outbox"),  # development settings only (absent in production)
}


def bad_tokens(settings) -> dict[str, str | None]:
    now = datetime.now(UTC)
    claims = {"sub": "1", "sid": 1, "aud": AUDIENCE, "iss": ISSUER, "typ": "access"}
    return {
        "missing": None,
        "garbage": "not-a-token",
        "expired": jwt.encode(
            claims | {"iat": now - timedelta(hours=1), "exp": now - timedelta(minutes=1)},
            settings.secret_key,
        ),
        "unknown session": jwt.encode(
            claims | {"sid": 999_999, "iat": now, "exp": now + timedelta(minutes=5)},
            settings.secret_key,
        ),
        "wrong key": jwt.encode(claims | {"iat": now, "exp": now + timedelta(minutes=5)}, "k" * 40),
    }


def test_every_route_is_protected_or_deliberately_public(app):
    ops = operations(app)
    unprotected = {(m, p) for m, p, op in ops if not op.get("security")}
    assert unprotected - PUBLIC == set(), "routes without a credential, not on the public list"
    stale = PUBLIC - {(m, p) for m, p, _ in ops}
    assert stale == set(), f"public list names routes that no longer exist: {stale}"


@pytest.mark.usefixtures("demo")
@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
async def test_every_protected_route_refuses_missing_and_bad_tokens(app, client, settings):
    protected = [(m, p) for m, p, op in operations(app) if op.get("security")]
    assert len(protected) > 30  # the enumeration found the API, not an empty document
    failures, tried = [], 0
    for method, path in protected:
        for name, token in bad_tokens(settings).items():
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            # a body that would fail validation: the credential must be checked first
            r = await client.request(method, concrete(path), headers=headers, json={"x": 1})
            tried += 1
            ok = (
                r.status_code == 401
                and r.headers["content-type"] == "application/problem+json"
                and r.json()["code"] == "unauthorized"
                and r.headers.get("www-authenticate") == "Bearer"
            )
            if not ok:
                failures.append(f"{method} {path} with {name} token: {r.status_code} {r.text[:80]}")
    figures.record("attacks tried", tried)
    assert not failures, "\n".join(failures)


@pytest.mark.usefixtures("demo")
async def test_every_staff_route_refuses_customers_and_a_wrong_key(app, client, api):
    staff_routes = [
        (m, p)
        for m, p, op in operations(app)
        if any("StaffKey" in scheme for scheme in op.get("security", []))
    ]
    assert len(staff_routes) >= 5
    customer = await api.headers("0901234567")
    failures = []
    for method, path in staff_routes:
        for who, headers in (("customer", customer), ("wrong key", {"X-Staff-Key": "guess"})):
            r = await client.request(method, concrete(path), headers=headers, json={"x": 1})
            if (r.status_code, r.json().get("code")) != (403, "staff_only"):
                failures.append(f"{method} {path} as {who}: {r.status_code} {r.text[:80]}")
    figures.record("attacks tried", 2 * len(staff_routes))
    assert not failures, "\n".join(failures)
