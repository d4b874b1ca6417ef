"""The small tables of a generated scale: users (owners and relatives), consents, contracts,
links, meters and the reading schedule of the Hà Nội areas."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from bench import gen_model as gm
from server.security import hash_password
from server.services.billing.periods import add_months, month_end, month_start

BENCH_PASSWORD = "Bench@2025"
MEMBER_SHARE = 0.2  # contracts with a relative linked as well
CHANNELS = {"push": True, "email": False, "sms": True, "zalo": False}


def static_tables(specs: list[gm.ContractSpec], first: date, today: date, rng: random.Random):
    """(table, columns, rows) in foreign-key order."""
    joined = datetime.combine(first - timedelta(days=30), time(3), UTC)
    owners = specs[-1].owner + 1 if specs else 0
    members = [
        (s, owners + i) for i, s in enumerate(x for x in specs if rng.random() < MEMBER_SHARE)
    ]
    n_users = owners + len(members)
    pw = hash_password(BENCH_PASSWORD)  # one argon2 hash for all: hashing 100k would take hours
    names = [gm.person_name(rng) for _ in range(n_users)]
    yield (
        "users",
        [
            "id",
            "phone",
            "full_name",
            "email",
            "password_hash",
            "language",
            "channels",
            "is_staff",
            "created_at",
        ],
        (
            (
                u + 1,
                gm.phone_of(u),
                names[u],
                None,
                pw,
                "en" if u % 10 == 0 else "vi",
                CHANNELS,
                False,
                joined,
            )
            for u in range(n_users)
        ),
    )
    yield (
        "consents",
        ["user_id", "purpose", "granted", "at", "source", "text_version"],
        ((u + 1, "service", True, joined, "bench", "v1") for u in range(n_users)),
    )
    yield (
        "contracts",
        [
            "customer_code",
            "owner_phone",
            "name",
            "address",
            "area_code",
            "meter_type",
            "households",
            "created_at",
        ],
        (
            (
                s.code,
                gm.phone_of(s.owner),
                names[s.owner],
                gm.address(rng, s),
                s.area,
                "ami" if s.ami else "manual",
                s.households,
                joined,
            )
            for s in specs
        ),
    )
    link_rows = [(s.code, s.owner + 1, "owner", "approved", None, joined, joined) for s in specs]
    for s, user in members:
        status = "approved" if rng.random() < 0.8 else "pending"
        link_rows.append(
            (
                s.code,
                user + 1,
                "member",
                status,
                "Người nhà",
                joined,
                joined if status == "approved" else None,
            )
        )
    yield (
        "links",
        ["id", "customer_code", "user_id", "role", "status", "note", "requested_at", "decided_at"],
        ((i + 1, *row) for i, row in enumerate(link_rows)),
    )
    yield (
        "meters",
        ["id", "customer_code", "serial", "installed_on", "base_wh"],
        ((s.meter_id, s.code, f"M{s.code[2:]}", first, s.base_wh) for s in specs),
    )
    schedule = []
    month = add_months(first, -1)
    while month <= add_months(month_start(today), 1):
        for area in gm.HN_AREAS:
            schedule.append((area, month, gm.read_day_of("HN", month_end(month))))
        month = add_months(month, 1)
    yield ("reading_schedule", ["area_code", "month", "read_on"], schedule)
