"""Signed-in benchmark users and the requests wrk sends: for N owners of AMI contracts, a
sign-in session row and an access token signed with the server's secret (what /auth/login
would hand out, without N argon2 verifications), and per endpoint one request line each."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import psycopg

from server.security import TokenIssuer
from server.services.billing.periods import add_months, local_today, month_end, month_start

DEVICE = "bench-http"
API = "/api/v1"


@dataclass
class BenchUser:
    user_id: int
    code: str
    paid_bill: int
    unpaid_bill: int
    token: str = ""


def sign_in(conninfo: str, secret: str, n: int, minutes: int = 120) -> list[BenchUser]:
    """n distinct owners with an AMI contract, a paid and an unpaid bill; fresh sessions.
    The bills are older than last month: bench/bill_run.py --reset deletes and recreates
    last month's bills, which may run at the same time on a shared machine."""
    issuer = TokenIssuer(secret, minutes)
    before = add_months(month_start(local_today()), -1)
    with psycopg.connect(conninfo) as db:
        db.execute("DELETE FROM sessions WHERE device = %s", (DEVICE,))
        owners = db.execute("SELECT count(*) FROM links WHERE role = 'owner'").fetchone()[0]
        step = max(1, int(owners / (n * 1.5)))  # spread over the whole user table
        rows = db.execute(
            """
            SELECT DISTINCT ON (l.user_id) l.user_id, c.customer_code,
              (SELECT id FROM bills b WHERE b.customer_code = c.customer_code
                 AND b.status = 'paid' AND b.period_month < %(before)s
                 ORDER BY b.period_month DESC LIMIT 1),
              (SELECT id FROM bills b WHERE b.customer_code = c.customer_code
                 AND b.status = 'unpaid' AND b.period_month < %(before)s
                 ORDER BY b.period_month DESC LIMIT 1)
            FROM links l JOIN contracts c ON c.customer_code = l.customer_code
            WHERE l.role = 'owner' AND l.status = 'approved' AND c.meter_type = 'ami'
              AND l.user_id %% %(step)s = 0
            ORDER BY l.user_id LIMIT %(n)s
            """,
            {"step": step, "n": n, "before": before},
        ).fetchall()
        users = [BenchUser(*r) for r in rows if r[2] is not None and r[3] is not None]
        for u in users:
            sid = db.execute(
                "INSERT INTO sessions (user_id, device, created_at, last_seen_at) "
                "VALUES (%s, %s, now(), now()) RETURNING id",
                (u.user_id, DEVICE),
            ).fetchone()[0]
            u.token = issuer.issue(u.user_id, sid)
        db.commit()
    if len(users) < n:
        print(f"note: only {len(users)} benchmark users found (asked for {n})")
    return users


def endpoints(users: list[BenchUser], today: date | None = None) -> dict[str, list[str]]:
    """name -> request lines (METHOD, PATH, TOKEN, BODY separated by tabs)."""
    today = today or local_today()
    this_month = month_start(today)
    last_month = add_months(this_month, -1)
    m24 = f"from={add_months(this_month, -23):%Y-%m}&to={this_month:%Y-%m}"
    daily = f"from={last_month}&to={month_end(last_month)}"

    def each(path: str) -> list[str]:
        return [
            "\t".join(
                ("GET", API + path.format(code=u.code, paid=u.paid_bill, unpaid=u.unpaid_bill),
                 u.token, "")
            )
            for u in users
        ]  # fmt: skip

    rng = random.Random(9)
    estimates = []
    for _ in range(len(users)):
        start = date(2025, 6, 1) + timedelta(days=rng.randint(0, 120))
        body = {
            "kwh": f"{rng.randint(50, 900)}.{rng.randint(0, 99):02d}",
            "period_start": start.isoformat(),
            "period_end": (start + timedelta(days=29)).isoformat(),
            "households": 1,
        }
        estimates.append(f"POST\t{API}/public/estimate\t\t{json.dumps(body)}")
    return {
        "accounts": each("/accounts"),
        "usage_monthly_24": each("/accounts/{code}/usage/monthly?" + m24),
        "usage_daily_month": each("/accounts/{code}/usage/daily?" + daily),
        "bills_year": each(f"/accounts/{{code}}/bills?year={today.year}"),
        "bill": each("/accounts/{code}/bills/{paid}"),
        "payment_qr": each("/accounts/{code}/bills/{unpaid}/payment-qr"),
        "public_estimate": estimates,
    }


def write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bare_lines(name: str, line: str) -> list[str]:
    """The same method, headers and body against the bare app's constant endpoint."""
    method, _path, token, body = line.split("\t", 3)
    return ["\t".join((method, f"/bare/{name}", token, body))]
