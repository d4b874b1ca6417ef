"""The one read path of the account routes (server/access.py on server/reads.py): every
/accounts route goes through the one access dependency and none opens an ORM session to read;
the access check is ONE statement (sign-in, link and contract) and a hot route adds only its
own; rows come back by column name on both databases; bodies exactly as pydantic writes their
declared models; sign-out and expiry effective at once despite the token-claims cache; the
401/404/403 answers of the link rule; a killed PostgreSQL connection absorbed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import psycopg
import pytest
from fastapi.routing import APIRoute
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter
from sqlalchemy import event, func, select

from domain.models import AccountPublic
from domain.models.bill_explain import BillExplanation, BillReadings, EstimatedMonths
from domain.models.bills import Bill, BillSummary, PaymentQr
from domain.models.usage import DailyUsage, MonthlyUsage
from domain.tariff_lines import to_kwh
from server.access import account_access, own_accounts
from server.deps import get_session
from server.pg_reads import PgReads
from server.reads import CoreReads, Query, reads_for
from server.services.billing.kwh import kwh_text
from server.services.billing.periods import add_months, local_today, month_end, month_start
from tests.server.api import MEMBER, OTHER_CODE, OWNER, OWNER_CODE, OWNER_MANUAL_CODE, PENDING
from tests.server.billing_support import billing_demo  # noqa: F401 (fixture)
from tests.server.dbfixtures import PG_URL

pytestmark = pytest.mark.usefixtures("billing_demo")


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_kwh_text_is_the_decimal_text(wh):
    assert kwh_text(wh) == str(to_kwh(wh, 3))


async def _routes(client, headers) -> dict[str, tuple[str, type]]:
    this = month_start(local_today())
    last = add_months(this, -1)
    year = local_today().year
    bills = (await client.get(f"/accounts/{OWNER_CODE}/bills", headers=headers)).json()
    bills += (
        await client.get(f"/accounts/{OWNER_CODE}/bills?year={year - 1}", headers=headers)
    ).json()
    paid = next(b["id"] for b in bills if b["status"] == "paid")
    unpaid = next(b["id"] for b in bills if b["status"] != "paid")
    base = f"/accounts/{OWNER_CODE}"
    return {
        "accounts": ("/accounts", list[AccountPublic]),
        "account": (base, AccountPublic),
        "monthly 24": (
            f"{base}/usage/monthly?from={add_months(this, -23):%Y-%m}&to={this:%Y-%m}",
            list[MonthlyUsage],
        ),
        "monthly manual": (f"/accounts/{OWNER_MANUAL_CODE}/usage/monthly", list[MonthlyUsage]),
        "daily": (f"{base}/usage/daily?from={last}&to={month_end(last)}", list[DailyUsage]),
        "bills": (f"{base}/bills?year={year - 1}", list[BillSummary]),
        "paid bill": (f"{base}/bills/{paid}", Bill),
        "unpaid bill": (f"{base}/bills/{unpaid}", Bill),
        "payment-qr": (f"{base}/bills/{unpaid}/payment-qr", PaymentQr),
        "explain": (f"{base}/bills/{paid}/explain", BillExplanation),
        "readings": (f"{base}/bills/{paid}/readings", BillReadings),
        "estimated months": (f"{base}/usage/estimated-months", EstimatedMonths),
    }


async def test_bodies_are_what_pydantic_writes_for_the_declared_model(client, api):
    owner = await api.headers(OWNER)
    for name, (path, model) in (await _routes(client, owner)).items():
        r = await client.get(path, headers=owner)
        assert r.status_code == 200, (name, r.text)
        assert r.headers["content-type"] == "application/json"
        adapter = TypeAdapter(model)
        # Validated and written again by pydantic: the same bytes (every field, its order,
        # decimals as strings, UTC times with Z).
        assert adapter.dump_json(adapter.validate_json(r.content)) == r.content, name
        assert r.content not in (b"[]", b"{}"), name
    paid_at = [b["paid_at"] for b in (await client.get(_year_bills(), headers=owner)).json()]
    assert any(p and p.endswith("Z") for p in paid_at)


def _year_bills() -> str:
    return f"/accounts/{OWNER_CODE}/bills?year={local_today().year - 1}"


async def test_sign_out_ends_read_access_at_once(client, api):
    tokens = await api.login(OWNER)
    owner = {"Authorization": f"Bearer {tokens['access_token']}"}
    routes = await _routes(client, owner)
    for path, _ in routes.values():  # every route has now seen (and kept) the token's claims
        assert (await client.get(path, headers=owner)).status_code == 200, path
    r = await client.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 204
    for name, (path, _) in routes.items():
        r = await client.get(path, headers=owner)
        assert (r.status_code, r.json()["code"]) == (401, "unauthorized"), name
        assert r.headers["www-authenticate"] == "Bearer"


async def test_an_expired_token_is_refused_although_its_claims_were_kept(client, api, ctx):
    signed_in = ctx.tokens.verify((await api.login(OWNER))["access_token"])
    ctx.tokens.lifetime = timedelta(seconds=2)
    short = ctx.tokens.issue(signed_in.user_id, signed_in.session_id)
    owner = {"Authorization": f"Bearer {short}"}
    paths = (f"/accounts/{OWNER_CODE}/usage/monthly", "/accounts", "/me")
    for p in paths:
        assert (await client.get(p, headers=owner)).status_code == 200, p
    await asyncio.sleep(3)
    for p in paths:
        r = await client.get(p, headers=owner)
        assert (r.status_code, r.json()["code"]) == (401, "unauthorized"), p


async def test_the_link_rule_answers(client, api):
    owner, member, pending = [await api.headers(p) for p in (OWNER, MEMBER, PENDING)]
    month = "usage/monthly"
    cases = [
        (owner, f"/accounts/{OTHER_CODE}/{month}", 404, "account_not_found"),
        (owner, f"/accounts/not-a-code/{month}", 404, "account_not_found"),
        (owner, f"/accounts/pe01000123456/{month}", 200, None),  # normalised
        (pending, f"/accounts/{OWNER_CODE}/{month}", 403, "link_not_approved"),
        (pending, f"/accounts/{OWNER_CODE}", 403, "link_not_approved"),
        ({}, f"/accounts/{OWNER_CODE}/{month}", 401, "unauthorized"),
        ({"Authorization": "Bearer x.y.z"}, f"/accounts/{OWNER_CODE}/{month}", 401, None),
        ({"Authorization": "Bearer x.y.z"}, "/accounts", 401, "unauthorized"),
        (owner, f"/accounts/{OWNER_MANUAL_CODE}/usage/daily", 409, "manual_meter"),
        (owner, f"/accounts/{OWNER_CODE}/bills/999999", 404, "bill_not_found"),
    ]
    for headers, path, status, code in cases:
        r = await client.get(path, headers=headers)
        assert r.status_code == status, (path, r.text)
        if code:
            assert r.json()["code"] == code, path
    # a pending link is listed (masked) under /accounts, but opens nothing
    listed = (await client.get("/accounts", headers=pending)).json()
    assert [a["status"] for a in listed if a["customer_code"] == OWNER_CODE] == ["pending"]
    assert listed[0]["area"] is None and "*" in listed[0]["name"]
    assert (await client.get("/accounts", headers=member)).status_code == 200


def _dependencies(dependant):
    for sub in dependant.dependencies:
        yield sub.call
        yield from _dependencies(sub)


def test_every_account_route_goes_through_the_one_access_dependency(app):
    routes = [
        route
        for top in app.routes  # included routers keep their own routes (FastAPI 0.16x)
        for route in getattr(getattr(top, "original_router", None), "routes", [top])
    ]
    account_routes = [
        (r, r.path.removeprefix("/api/v1"))
        for r in routes
        if isinstance(r, APIRoute) and r.path.removeprefix("/api/v1").startswith("/accounts")
    ]
    assert len(account_routes) >= 18
    for route, path in account_routes:
        calls = set(_dependencies(route.dependant))
        method = next(iter(route.methods))
        if path in (
            "/accounts/links",
            "/accounts/{code}/links/me",
            "/accounts/{code}/links/me/remind",
        ):
            continue  # asking for a link / leaving or reminding: the caller has no approved link
        expected = own_accounts if path == "/accounts" else account_access
        assert expected in calls, (method, path)
        if method == "GET":  # reads never open an ORM session
            assert get_session not in calls, (method, path)


async def test_the_access_check_is_one_statement(client, api, ctx, db_kind):
    if db_kind != "sqlite":
        pytest.skip("counted through SQLAlchemy's events (Core on SQLite; asyncpg has none)")
    owner = await api.headers(OWNER)
    seen: list[str] = []

    def count(conn, cursor, statement, *args) -> None:
        seen.append(statement)

    event.listen(ctx.engine.sync_engine, "before_cursor_execute", count)
    try:
        for path, statements in (
            (f"/accounts/{OWNER_CODE}", 1),  # the check answers the route by itself
            ("/accounts", 1),
            (f"/accounts/{OWNER_CODE}/usage/monthly", 2),  # + the route's own statement
            (f"/accounts/{OWNER_CODE}/bills", 2),
        ):
            seen.clear()
            assert (await client.get(path, headers=owner)).status_code == 200, path
            assert len(seen) == statements, (path, seen)
    finally:
        event.remove(ctx.engine.sync_engine, "before_cursor_execute", count)


async def test_the_path_matches_the_database_and_rows_read_by_name(ctx, db_kind):
    lane = reads_for(ctx)
    assert isinstance(lane, PgReads if db_kind == "pg" else CoreReads)
    assert reads_for(ctx) is lane and ctx.reads is lane
    row = await lane.first(Query(select(func.lower("ABC").label("word"))))
    assert row is not None and row["word"] == "abc"
    [one] = await lane.all(Query(select(func.lower("X").label("word"))))
    assert one["word"] == "x"


async def test_a_killed_pooled_connection_is_absorbed(client, api, ctx, db_kind):
    if db_kind != "pg":
        pytest.skip("PostgreSQL only: the asyncpg pool")
    owner = await api.headers(OWNER)
    path = f"/accounts/{OWNER_CODE}/usage/monthly"
    assert (await client.get(path, headers=owner)).status_code == 200
    pid = (await reads_for(ctx).first(Query(select(func.pg_backend_pid().label("pid")))))["pid"]
    conninfo = PG_URL.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(conninfo, autocommit=True) as c:
        assert c.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
    for _ in range(3):
        r = await client.get(path, headers=owner)
        assert r.status_code == 200, r.text
