"""Message catalogues (vi first, en) and locale-aware money, energy and date formatting."""

from __future__ import annotations

import json
import logging
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from app.services.errors import AppError, RateLimitedError
from domain import formats

log = logging.getLogger(__name__)

LOCALES = ("vi", "en")
_BABEL = {"vi": "vi_VN", "en": "en_US"}
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
_DIR = Path(__file__).parent


@cache
def catalogue(locale: str) -> dict[str, str]:
    """`<locale>.json` plus one `<locale>.<feature>.json` per feature (kept apart so features
    can grow their words without touching each other's files); a key defined twice is a bug."""
    messages: dict[str, str] = {}
    for path in [_DIR / f"{locale}.json", *sorted(_DIR.glob(f"{locale}.*.json"))]:
        with path.open(encoding="utf-8") as f:
            part = json.load(f)
        twice = messages.keys() & part.keys()
        if twice:
            raise ValueError(f"{path.name} repeats message keys: {sorted(twice)}")
        messages.update(part)
    return messages


class Translator:
    """`t("key", name=...)` plus formatters; one instance per language, cheap to pass around."""

    def __init__(self, locale: str) -> None:
        self.locale = locale if locale in LOCALES else "vi"
        self._babel = _BABEL[self.locale]
        self._messages = catalogue(self.locale)

    def t(self, key: str, **params: object) -> str:
        text = self._messages.get(key)
        if text is None:
            log.warning("missing %s message %r", self.locale, key)
            return key
        return text.format(**params) if params else text

    def has(self, key: str) -> bool:
        return key in self._messages

    def error(self, error: AppError | str) -> str:
        """A message the person can act on, from the error's stable code."""
        code = error if isinstance(error, str) else error.code
        if isinstance(error, RateLimitedError) and error.retry_after_s:
            minutes = max(1, round(error.retry_after_s / 60))
            return self.t("error.rate_limited_wait", minutes=minutes)
        for key in (f"error.{code}", _fallback_key(error)):
            if key and self.has(key):
                return self.t(key)
        return self.t("error.generic")

    def money(self, vnd: int) -> str:
        """`1.234.567 đ` in Vietnamese, `₫1,234,567` in English (as notices and the PDF)."""
        return formats.money(vnd, self.locale)

    def number(self, value: Decimal | float | int, digits: int = 0) -> str:
        return formats.number(value, self.locale, digits)

    def kwh(self, value: Decimal | float | int, digits: int | None = None) -> str:
        """Whole kWh when the value is whole, otherwise one decimal (daily readings)."""
        return formats.kwh(value, self.locale, digits)

    def date(self, value: date) -> str:
        pattern = "dd/MM/yyyy" if self.locale == "vi" else "d MMM yyyy"
        return format_date(value, pattern, locale=self._babel)

    def datetime(self, value: datetime) -> str:
        """Shown in Vietnam's time whatever the device's zone is."""
        pattern = "HH:mm dd/MM/yyyy" if self.locale == "vi" else "HH:mm, d MMM yyyy"
        return format_datetime(value, pattern, tzinfo=LOCAL_TZ, locale=self._babel)


def _fallback_key(error: AppError | str) -> str | None:
    if isinstance(error, str):
        return None
    return f"error.kind.{type(error).__name__}"


@cache
def translator(locale: str) -> Translator:
    return Translator(locale)
