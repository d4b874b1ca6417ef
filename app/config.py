"""Client settings: flet.toml plus environment overrides, read once into a frozen object."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from domain.digits import is_ascii_digits

Profile = Literal["mobile", "kiosk", "web"]
TokenStoreKind = Literal["auto", "keyring", "secure_storage", "memory"]
PROFILES: tuple[Profile, ...] = ("mobile", "kiosk", "web")
# Flutter's renderer in the browser (Flet's WebRenderer). CanvasKit by default: skwasm, which
# "auto" picks on Chromium, now and then spins in FreeType's autohinter (af_glyph_hints_reload)
# after sign-in and freezes the tab for good (seen about 1 sign-in in 40 in headless Chromium).
WEB_RENDERERS = ("canvaskit", "skwasm", "auto")
TOKEN_STORES: tuple[TokenStoreKind, ...] = ("auto", "keyring", "secure_storage", "memory")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
DEFAULT_FILE = Path(__file__).resolve().parent.parent / "flet.toml"


class ConfigError(Exception):
    """flet.toml or the environment is unusable; the message names the file and key."""


@dataclass(frozen=True)
class Payee:
    """A bank account the company is paid into: a payment QR to anything else is refused."""

    bank_bin: str
    account: str


@dataclass(frozen=True)
class Settings:
    brand: str
    api_url: str
    default_locale: Literal["vi", "en"]
    profile: Profile
    request_timeout_s: float
    token_store: TokenStoreKind
    otp_only: bool
    idle_sign_out_s: int
    idle_warning_s: int
    large_touch_targets: bool
    link_hosts: tuple[str, ...]
    official_site: str
    payees: tuple[Payee, ...]
    web_host: str
    web_port: int
    web_renderer: str
    source: str
    # The company's line for hazards (fallen or sparking wires): shown at once on the report
    # screen, offline too. Data, not code: [app] hotline in flet.toml.
    hotline: str = "1900545454"

    @property
    def is_kiosk(self) -> bool:
        return self.profile == "kiosk"


def load_settings(path: Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Read `path` (default: flet.toml beside main.py) and apply DIENNHA_* overrides."""
    path = path or Path(os.environ.get("DIENNHA_CONFIG", DEFAULT_FILE))
    env = os.environ if environ is None else environ
    raw = _read_toml(path)
    src = str(path)
    app = _table(raw, "app", src)
    profile = env.get("DIENNHA_PROFILE") or _get(app, "app.profile", str, src, "mobile")
    if profile not in PROFILES:
        raise ConfigError(
            f"{src}: profile {profile!r} (app.profile or DIENNHA_PROFILE) must be one of "
            f"{', '.join(PROFILES)}"
        )
    section = _table(raw, profile, src)
    api_url = env.get("DIENNHA_API_URL") or _get(app, "app.api_url", str, src)
    locale = _get(app, "app.default_locale", str, src, "vi")
    if locale not in ("vi", "en"):
        raise ConfigError(f"{src}: app.default_locale must be 'vi' or 'en', not {locale!r}")
    renderer = env.get("DIENNHA_WEB_RENDERER") or _get(
        section, f"{profile}.web_renderer", str, src, "canvaskit"
    )
    if renderer not in WEB_RENDERERS:
        raise ConfigError(
            f"{src}: {profile}.web_renderer (or DIENNHA_WEB_RENDERER) {renderer!r} must be one "
            f"of {', '.join(WEB_RENDERERS)}"
        )
    store = _get(section, f"{profile}.token_store", str, src, "auto")
    if store not in TOKEN_STORES:
        raise ConfigError(f"{src}: {profile}.token_store must be one of {', '.join(TOKEN_STORES)}")
    return Settings(
        brand=_get(app, "app.brand", str, src, "Điện Nhà"),
        api_url=check_api_url(api_url.rstrip("/"), src),
        default_locale=locale,
        profile=profile,
        request_timeout_s=float(_get(app, "app.request_timeout_s", (int, float), src, 15)),
        token_store=store,
        otp_only=_get(section, f"{profile}.otp_only", bool, src, False),
        idle_sign_out_s=_env_int(env, "DIENNHA_KIOSK_IDLE_S", src)
        if profile == "kiosk" and "DIENNHA_KIOSK_IDLE_S" in env
        else _get(section, f"{profile}.idle_sign_out_s", int, src, 0),
        idle_warning_s=_env_int(env, "DIENNHA_KIOSK_IDLE_WARNING_S", src)
        if profile == "kiosk" and "DIENNHA_KIOSK_IDLE_WARNING_S" in env
        else _get(section, f"{profile}.idle_warning_s", int, src, 30),
        large_touch_targets=_get(section, f"{profile}.large_touch_targets", bool, src, False),
        link_hosts=_link_hosts(app, src),
        official_site=_get(app, "app.official_site", str, src, ""),
        payees=_payees(app, src),
        web_host=_get(section, f"{profile}.host", str, src, "127.0.0.1"),
        web_port=_get(section, f"{profile}.port", int, src, 8550),
        web_renderer=renderer,
        source=src,
        hotline=_get(app, "app.hotline", str, src, "1900545454"),
    )


def check_api_url(url: str, src: str) -> str:
    """Tokens never travel in clear text: http only for this machine, https otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{src}: app.api_url (or DIENNHA_API_URL) {url!r} is not an http(s) URL")
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise ConfigError(
            f"{src}: app.api_url (or DIENNHA_API_URL) {url!r} must use https:// "
            "(plain http is allowed only for localhost/127.0.0.1)"
        )
    return url


def _env_int(env: Mapping[str, str], name: str, src: str) -> int:
    value = env[name].strip()
    if not is_ascii_digits(value) or len(value) > 9:
        raise ConfigError(f"{src}: {name}={value!r} must be a whole number of seconds")
    return int(value)


def _link_hosts(app: dict[str, Any], src: str) -> tuple[str, ...]:
    hosts = _get(app, "app.link_hosts", list, src, [])
    if not all(isinstance(h, str) and h and "/" not in h for h in hosts):
        raise ConfigError(f"{src}: app.link_hosts must be a list of host names")
    return tuple(h.lower().rstrip(".") for h in hosts)


def _payees(app: dict[str, Any], src: str) -> tuple[Payee, ...]:
    rows = _get(app, "app.payees", list, src, [])
    payees = []
    for row in rows:
        if not (
            isinstance(row, dict)
            and is_ascii_digits(str(row.get("bank_bin", "")))
            and len(str(row["bank_bin"])) == 6
            and str(row.get("account", "")).isalnum()
        ):
            raise ConfigError(f"{src}: each app.payees entry needs bank_bin (6 digits) and account")
        payees.append(Payee(bank_bin=str(row["bank_bin"]), account=str(row["account"])))
    return tuple(payees)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found (set DIENNHA_CONFIG or restore it)") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None


def _table(raw: dict[str, Any], key: str, src: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ConfigError(f"{src}: table [{key}] is missing")
    return value


_MISSING: Any = object()


def _get(table: dict[str, Any], dotted: str, kind: Any, src: str, default: Any = _MISSING) -> Any:
    key = dotted.rsplit(".", 1)[-1]
    if key not in table:
        if default is _MISSING:
            raise ConfigError(f"{src}: key {dotted} is missing")
        return default
    value = table[key]
    # bool is an int in Python; a number where a flag is expected is a mistake worth naming.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ConfigError(f"{src}: key {dotted} has the wrong type ({type(value).__name__})")
    return value
