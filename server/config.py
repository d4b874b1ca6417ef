"""Server settings from the environment (prefix DIENNHA_), with safe development defaults."""

from __future__ import annotations

import math
import sys
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET = "dev-only-secret-change-me-0123456789abcdef"  # noqa: S105 (refused in prod)
DEV_WEBHOOK_SECRET = "dev-only-webhook-secret"  # noqa: S105
DEV_STAFF_KEY = "dev-only-staff-key"


MAKE_KEY = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
# Thresholds chosen so that a key made the documented ways is refused with a probability below
# 1e-8 (tests/security/test_prod_keys.py computes it exactly for the weakest, 32 hex digits:
# 2e-9 for the entropy and symbol checks; a repeated 10-character run adds ~3e-10). At 90 bits
# and 10 symbols one `secrets.token_hex(16)` in ~10,000 was refused (nine distinct hex digits).
MIN_KEY_CHARS, MIN_KEY_BITS, MIN_KEY_SYMBOLS, MAX_REPEATED_RUN = 32, 80, 7, 10


def entropy_problem(counts: Counter[str], length: int) -> float | None:
    """The estimated bits of a key with these character counts when too few, else None: the
    characters' Shannon entropy times the length, and at least MIN_KEY_SYMBOLS distinct ones."""
    bits = -sum(n * math.log2(n / length) for n in counts.values())
    return bits if len(counts) < MIN_KEY_SYMBOLS or bits < MIN_KEY_BITS else None


def key_problem(name: str, value: str) -> str | None:
    """Why a production key is guessable, or None. The signing key, the webhook secret and the
    staff key each guard everything (tokens, payments, staff routes): at least 32 characters
    that look random — a rough estimate of at least 80 bits (32 hex digits pass, "x" * 40 or
    "password" * 4 do not), no repeating pattern and no 10-character run seen twice."""
    if len(value) < MIN_KEY_CHARS:
        return f"{name} must have at least {MIN_KEY_CHARS} characters"
    if (bits := entropy_problem(Counter(value), len(value))) is not None:
        return (
            f"{name} is too predictable (about {bits:.0f} bits from "
            f"{len(set(value))} distinct characters; at least {MIN_KEY_BITS} bits "
            f"from {MIN_KEY_SYMBOLS})"
        )
    period = next(
        p for p in range(1, len(value) + 1) if value == (value[:p] * len(value))[: len(value)]
    )
    if period <= len(value) // 2:
        return f"{name} repeats a {period}-character pattern"
    runs = [value[i : i + MAX_REPEATED_RUN] for i in range(len(value) - MAX_REPEATED_RUN + 1)]
    if len(set(runs)) < len(runs):
        return f"{name} repeats a run of {MAX_REPEATED_RUN} characters"
    return None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIENNHA_", env_file=None, extra="ignore")

    env: Literal["dev", "prod"] = "dev"
    data_dir: Path = Path("data")
    db_url: str | None = Field(default=None, description="SQLAlchemy URL; SQLite file by default")
    db_pool_size: int = 10
    # Collector tuning of a serving process (server/gc_tuning.py); `serve` turns it on.
    gc_tuning: bool = False
    redis_url: str | None = None

    secret_key: str = DEV_SECRET
    webhook_secret: str = DEV_WEBHOOK_SECRET
    staff_key: str = DEV_STAFF_KEY
    access_token_minutes: int = 15
    refresh_token_days: int = 60

    otp_ttl_seconds: int = 300
    otp_max_attempts: int = 5
    # `limits` notation; several windows separated by ';'
    otp_rate_per_phone: str = "3/10minutes;10/day"
    otp_rate_per_ip: str = "20/hour"
    sign_otp_rate_per_user: str = "5/10minutes;20/day"  # OTP signatures of service requests
    otp_rate_global: str = "20000/day"
    login_fail_per_phone: str = "5/15minutes"
    login_fail_per_ip: str = "50/15minutes"
    link_requests_per_user: str = "10/day"
    # A denied asker may ask the same code again only this long after the denial (real time).
    link_reask_after_denial_hours: float = 72.0
    # GET /public/bill-status: anyone with a customer code sees its latest bill's total and
    # status, so each address may ask only so often (a kiosk counter is one address).
    public_lookup_per_ip: str = "60/hour;300/day"
    # Outage reports (issue 17): per address (a kiosk counter is one) and per phone given.
    outage_report_per_ip: str = "30/hour;300/day"
    outage_report_per_phone: str = "3/10minutes;10/day"
    # An incident nobody confirmed lapses when its newest report is older than this; the
    # next report of the area then opens a new one.
    incident_window_minutes: int = Field(180, ge=5)
    api_token_rate: str = "60/minute;5000/day"  # noqa: S105 (a rate per personal API token)

    # Threads for argon2 and PDFs (server/cpu.py), and how many calls may wait for one.
    cpu_workers: int = Field(2, ge=1, le=32)
    cpu_max_waiting: int = Field(64, ge=0)
    # The live notice stream asks again this often whether its sign-in is live (< the 15 s ping).
    stream_recheck_seconds: float = 10.0

    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = 64 * 1024
    public_base_url: str = "http://127.0.0.1:8000"

    # Payment receiving account (VietQR) — the bank BIN and account the dynamic QR pays to.
    bank_bin: str = "970436"
    bank_account: str = "0071000123456"
    bank_account_name: str = "TONG CONG TY DIEN LUC DEMO"

    # The company's customer-service line, shown on the fraud page (articles write `{hotline}`)
    # and with safety advice. A demo value: every company sets its own.
    hotline: str = Field("1900 1234", pattern=r"^[0-9][0-9 .]{2,19}$")
    company_name: str = "Công ty Điện lực Demo"

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_sender: str = "Dien Nha <no-reply@diennha.local>"
    sms_gateway_url: str | None = None
    zalo_gateway_url: str | None = None
    gateway_token: str | None = None
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_security: Literal["auto", "starttls", "tls", "none"] = "auto"
    gateway_timeout_seconds: float = 10.0
    # Outbox dispatcher (server/notify/dispatcher.py). The lease must outlast one send
    # (gateway/SMTP timeout) by a wide margin, or a slow send could be claimed twice.
    dispatcher_in_app: bool = Field(True, description="run the dispatcher in each API worker")
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 20
    outbox_lease_seconds: float = 120.0
    outbox_max_attempts: int = 10
    outbox_backoff_base_seconds: float = 15.0
    outbox_backoff_max_seconds: float = 3600.0

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_prod(self) -> Settings:
        if self.env == "prod":
            weak = [
                name
                for name, dev in (
                    ("DIENNHA_SECRET_KEY", DEV_SECRET),
                    ("DIENNHA_WEBHOOK_SECRET", DEV_WEBHOOK_SECRET),
                    ("DIENNHA_STAFF_KEY", DEV_STAFF_KEY),
                )
                if getattr(self, name.removeprefix("DIENNHA_").lower()) in (dev, "")
            ]
            if weak:
                raise ValueError(f"production needs real secrets: set {', '.join(weak)}")
            problems = [
                p
                for name in ("DIENNHA_SECRET_KEY", "DIENNHA_WEBHOOK_SECRET", "DIENNHA_STAFF_KEY")
                if (p := key_problem(name, getattr(self, name.removeprefix("DIENNHA_").lower())))
            ]
            if problems:
                raise ValueError("; ".join(problems) + f" ({MAKE_KEY})")
        return self

    @property
    def is_dev(self) -> bool:
        return self.env == "dev"

    @cached_property
    def database_url(self) -> str:
        """The async URL the app uses (sqlite+aiosqlite, postgresql+psycopg or +asyncpg)."""
        if not self.db_url:
            return f"sqlite+aiosqlite:///{(self.data_dir / 'diennha.sqlite3').resolve()}"
        url = self.db_url
        for plain in ("postgresql://", "postgres://"):
            if url.startswith(plain):
                return "postgresql+psycopg://" + url[len(plain) :]
        if url.startswith("sqlite://") and not url.startswith("sqlite+aiosqlite://"):
            return "sqlite+aiosqlite://" + url[len("sqlite://") :]
        return url

    @cached_property
    def sync_database_url(self) -> str:
        """The same database for alembic and bulk tools, with a synchronous driver."""
        url = self.database_url
        if url.startswith("sqlite+aiosqlite://"):
            return "sqlite://" + url[len("sqlite+aiosqlite://") :]
        if url.startswith("postgresql+asyncpg://"):
            return "postgresql+psycopg://" + url[len("postgresql+asyncpg://") :]
        return url


def settings_or_exit() -> Settings:
    """The settings from the environment for a command-line entry point (`python -m server …`
    and its subcommands): each configuration error on stderr by its variable name, exit 2."""
    try:
        return Settings()
    except ValidationError as exc:
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or "settings"
            name = f"DIENNHA_{field.upper()}" if field != "settings" else "settings"
            print(
                f"configuration error: {name}: {err['msg'].removeprefix('Value error, ')}",
                file=sys.stderr,
            )
        sys.exit(2)
