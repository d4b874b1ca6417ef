"""Demo data: contracts in HCMC and Hanoi, an owner with two codes, relatives with links."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.config import Settings
from server.db import create_engine, create_session_factory
from server.models import (
    Area,
    Article,
    Consent,
    Contract,
    Link,
    Notification,
    Office,
    User,
    utcnow,
)
from server.security import hash_password
from server.seed.boundaries import BOUNDARIES

DEMO_PASSWORD = "DienNha@2025"  # noqa: S105 (documented demo password)
# (phone, name)
PEOPLE = [
    ("+84901234567", "Nguyễn Văn An"),
    ("+84912345678", "Trần Thị Bình"),
    ("+84987654321", "Lê Minh Châu"),
    ("+84938000111", "Phạm Quốc Dũng"),
]
# A counter clerk: staff screens (service requests, incidents) with a sign-in, no household.
STAFF = ("+84977000999", "Võ Thị Giao Dịch")
# (code, owner phone, name, address, area, meter type, households)
CONTRACTS = [
    (
        "PE01000123456",
        "+84901234567",
        "Nguyễn Văn An",
        "12 Nguyễn Huệ, Phường Sài Gòn, TP. Hồ Chí Minh",
        "HCM-SG-01",
        "ami",
        1,
    ),
    (
        "PD01000654321",
        "+84901234567",
        "Nguyễn Văn An",
        "8 Hàng Bài, Phường Hoàn Kiếm, Hà Nội",
        "HN-HK-02",
        "manual",
        1,
    ),
    (
        "PE02000777888",
        "+84938000111",
        "Phạm Quốc Dũng",
        "45 Lê Lợi, Phường Bến Thành, TP. Hồ Chí Minh",
        "HCM-SG-01",
        "ami",
        2,
    ),
    (
        "PE03000999000",
        "+84909999000",
        "Võ Thị Em",
        "7 Trần Hưng Đạo, Phường Cầu Ông Lãnh, TP. Hồ Chí Minh",
        "HCM-SG-02",
        "manual",
        1,
    ),
]
# (phone, code, role, status, note)
LINKS = [
    ("+84901234567", "PE01000123456", "owner", "approved", None),
    ("+84901234567", "PD01000654321", "owner", "approved", None),
    ("+84938000111", "PE02000777888", "owner", "approved", None),
    ("+84912345678", "PE01000123456", "member", "pending", "Con gái"),
    ("+84987654321", "PE01000123456", "member", "approved", "Em trai, ở cùng nhà"),
]
AREAS = [
    ("HCM-SG-01", "Sài Gòn – Bến Thành, TP. Hồ Chí Minh"),
    ("HCM-SG-02", "Cầu Ông Lãnh, TP. Hồ Chí Minh"),
    ("HN-HK-02", "Hoàn Kiếm, Hà Nội"),
]
OFFICES = [
    (
        "Điện lực Sài Gòn",
        "8 Nguyễn Huệ, Phường Sài Gòn, TP. Hồ Chí Minh",
        "02822201177",
        "7:30–16:30 (T2–T6), 7:30–11:30 (T7)",
        "HCM-SG-01",
    ),
    (
        "Điện lực Hoàn Kiếm",
        "69 Đinh Tiên Hoàng, Phường Hoàn Kiếm, Hà Nội",
        "02422200898",
        "8:00–17:00 (T2–T6)",
        "HN-HK-02",
    ),
]


async def seed_demo(settings: Settings, only_if_empty: bool = True) -> bool:
    engine = create_engine(settings)
    try:
        async with create_session_factory(engine)() as session:
            if only_if_empty and await session.scalar(select(func.count()).select_from(Contract)):
                return False
            await seed_into(session)
            await _seed_extensions(session, settings)
            await session.commit()
            return True
    finally:
        await engine.dispose()


async def seed_into(session: AsyncSession) -> None:
    await seed_articles(session)
    pw = hash_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for phone, name in PEOPLE:
        u = User(
            phone=phone,
            full_name=name,
            password_hash=pw,
            language="vi",
            channels={"push": True, "email": False, "sms": False, "zalo": False},
        )
        session.add(u)
        users[phone] = u
    session.add(
        User(
            phone=STAFF[0],
            full_name=STAFF[1],
            password_hash=pw,
            language="vi",
            is_staff=True,
            channels={"push": True, "email": False, "sms": False, "zalo": False},
        )
    )
    for code, owner, name, address, area, meter, households in CONTRACTS:
        session.add(
            Contract(
                customer_code=code,
                owner_phone=owner,
                name=name,
                address=address,
                area_code=area,
                meter_type=meter,
                households=households,
            )
        )
    for code, name in AREAS:
        session.add(Area(code=code, name=name, boundary=BOUNDARIES.get(code)))
    for name, address, phone, hours, area in OFFICES:
        session.add(Office(name=name, address=address, phone=phone, hours=hours, area=area))
    await session.flush()
    # Record times (links decided, requests filed) are the machine's real time, as the app
    # writes them: with the business clock moved (DIENNHA_TODAY), a link decided "in 2028"
    # hid the requests filed since from their owner.
    now = utcnow()
    for u in users.values():
        session.add(Consent(user_id=u.id, purpose="service", granted=True, source="seed"))
    links = []
    for phone, code, role, status, note in LINKS:
        links.append(
            Link(
                user_id=users[phone].id,
                customer_code=code,
                role=role,
                status=status,
                note=note,
                requested_at=now - timedelta(days=3),
                decided_at=None if status == "pending" else now - timedelta(days=2),
            )
        )
    session.add_all(links)
    await session.flush()
    pending = next(lk for lk in links if lk.status == "pending")
    session.add(
        Notification(
            user_id=users["+84901234567"].id,
            kind="link_request",
            customer_code=pending.customer_code,
            params={"asker": "091****678", "name": "Trần Thị Bình", "note": pending.note},
            ref_type="link",
            ref_id=str(pending.id),
        )
    )


async def seed_articles(session: AsyncSession) -> None:
    data = json.loads((Path(__file__).parent / "articles.json").read_text(encoding="utf-8"))
    for item in data:
        published = datetime.fromisoformat(
            item.get("published", "2026-01-01T00:00:00+00:00").replace("Z", "+00:00")
        )
        for lang in ("vi", "en"):
            t = item[lang]
            session.add(
                Article(
                    kind=item["kind"],
                    slug=item["slug"],
                    language=lang,
                    title=t["title"],
                    summary=t["summary"],
                    body=t["body"],
                    published_at=published,
                )
            )


async def _seed_extensions(session: AsyncSession, settings: Settings) -> None:
    """Billing data (readings, bills, outages) when that feature is installed."""
    try:
        from server.seed.billing import seed_billing
    except ImportError:
        return
    await seed_billing(session, settings)
    from server.seed.intervals import seed_intervals

    await seed_intervals(session)
