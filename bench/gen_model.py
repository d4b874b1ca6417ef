"""The synthetic utility behind bench/generate.py: areas, contracts, people, links and the
consumption model (per-household level × season of the region × weekend × daily noise).

Everything is drawn from one seeded RNG, so a scale is the same data on every run."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date

# Relative use by month, January first (as server/seed/billing.py): HCMC peaks in the hot
# dry season, Hà Nội in its summer with a small winter bump.
SEASON = {
    "HCM": (0.85, 0.9, 1.05, 1.25, 1.35, 1.25, 1.1, 1.05, 1.0, 0.95, 0.9, 0.85),
    "HN": (1.0, 0.9, 0.85, 0.9, 1.15, 1.35, 1.4, 1.3, 1.1, 0.9, 0.85, 0.95),
}
# Hà Nội areas read on the 18th (rows in reading_schedule); HCMC on the last day (no row).
HN_READ_DAY = 18
HCM_AREAS = [f"HCM-{d}-{n:02d}" for d in ("SG", "BT", "TD", "GV", "CL") for n in range(1, 7)]
HN_AREAS = [f"HN-{d}-{n:02d}" for d in ("HK", "BD", "CG", "DD") for n in range(1, 4)]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Quốc", "Thu", "Ngọc", "Hữu", "Thanh", "Đức", "Kim"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Em", "Giang", "Hà", "Hải", "Khoa", "Lan", "Mai", "Nam"]
STREETS = ["Nguyễn Huệ", "Lê Lợi", "Hai Bà Trưng", "Trần Hưng Đạo", "Lý Thường Kiệt", "Hàng Bài"]
CITY = {"HCM": "TP. Hồ Chí Minh", "HN": "Hà Nội"}
NOISE_SIZE = 4096  # power of two: indexes are masked, not divided


@dataclass(slots=True)
class ContractSpec:
    code: str
    meter_id: int
    region: str  # HCM | HN
    area: str
    ami: bool
    households: int
    daily_wh: float  # the household's level: Wh on a day of season factor 1
    base_wh: int  # register when the meter was installed
    owner: int  # user index


def region_of(area: str) -> str:
    return "HN" if area.startswith("HN") else "HCM"


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def phone_of(user_index: int) -> str:
    """+8490xxxxxxx, +8491…: unique per user, valid Vietnamese mobile numbers."""
    return f"+849{user_index // 10_000_000}{user_index % 10_000_000:07d}"


def contracts(n: int, ami_share: float, rng: random.Random) -> list[ContractSpec]:
    """n contracts, 60 % in HCMC (PE…) and 40 % in Hà Nội (PD…); about 12 % of owners hold a
    second code (a shop, a parent's house), the next one in the list."""
    out, owner = [], -1
    for i in range(n):
        hcm = rng.random() < 0.6
        area = rng.choice(HCM_AREAS if hcm else HN_AREAS)
        if not (out and rng.random() < 0.12 and out[-1].owner == owner):
            owner += 1
        level = math.exp(rng.gauss(math.log(5.0), 0.45)) * 1000  # median 5 kWh a day
        households = 2 if rng.random() < 0.05 else 1
        out.append(
            ContractSpec(
                code=f"P{'E' if hcm else 'D'}{i:011d}",
                meter_id=i + 1,
                region="HCM" if hcm else "HN",
                area=area,
                ami=rng.random() < ami_share,
                households=households,
                daily_wh=level * households,
                base_wh=rng.randrange(3_000, 40_000) * 1000,
                owner=owner,
            )
        )
    return out


def noise_table(rng: random.Random) -> list[float]:
    return [max(0.4, rng.gauss(1.0, 0.12)) for _ in range(NOISE_SIZE)]


def estimated_table(rng: random.Random) -> list[str]:
    """'t' on about 1.5 % of entries: days the head-end system filled in."""
    return ["t" if rng.random() < 0.015 else "f" for _ in range(NOISE_SIZE)]


def day_factor(region: str, day: date) -> float:
    return SEASON[region][day.month - 1] * (1.08 if day.weekday() >= 5 else 1.0)


def read_day_of(region: str, month_end: date) -> date:
    return month_end.replace(day=HN_READ_DAY) if region == "HN" else month_end


def address(rng: random.Random, spec: ContractSpec) -> str:
    return f"{rng.randint(1, 400)} {rng.choice(STREETS)}, {spec.area}, {CITY[spec.region]}"
