"""Turns a notice (kind + params) into text in one language; SMS folded to short GSM-7."""

from __future__ import annotations

import re
import string
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from domain import formats
from domain.user_text import clean_device, clean_name, clean_note
from domain.vietqr_tlv import ascii_fold
from server.notify.templates import FALLBACK, TEXTS

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SMS_LIMIT = 160  # one GSM-7 segment: a longer text costs two SMS
SMS_PREFIX = "Dien Nha: "
_OPTIONAL = re.compile(r"\[\[(.*?)\]\]", re.S)
_MONTHS_EN = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
_GSM7_EXTENDED = set("^{}\\[~]|€")  # these take two septets
_PUNCT = str.maketrans(
    {"₫": "VND ", "–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "`": "'"}
)


class RenderedNotice(NamedTuple):
    title: str
    body: str
    sms: str


class _Missing(KeyError):
    pass


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.astimezone(LOCAL_TZ).date()
    if isinstance(value, date):
        return value
    text = str(value)
    if len(text) > 10:
        return _as_local(text).date()
    return date.fromisoformat(text)


def _as_local(value: Any) -> datetime:
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return dt.astimezone(LOCAL_TZ) if dt.tzinfo else dt.replace(tzinfo=LOCAL_TZ)


def _money(value: Any, lang: str) -> str:
    return formats.money(int(value), lang)  # the screens' format (issue 21.9)


def _kwh(value: Any, lang: str) -> str:
    return formats.kwh(Decimal(str(value)), lang)


def _date(value: Any, lang: str) -> str:
    d = _as_date(value)
    return f"{d:%d/%m/%Y}" if lang == "vi" else f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def _time(value: Any, lang: str) -> str:
    t = _as_local(value)
    return f"{t:%H:%M} {_date(t, lang)}" if lang == "vi" else f"{t:%H:%M}, {_date(t, lang)}"


def _month(value: Any, lang: str) -> str:
    d = _as_date(f"{value}-01" if len(str(value)) == 7 else value)
    return f"{d:%m/%Y}" if lang == "vi" else f"{_MONTHS_EN[d.month - 1]} {d.year}"


_FORMATS = {
    "money": _money,
    "kwh": _kwh,
    "date": _date,
    "time": _time,
    "month": _month,
}


class _NoticeFormatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def get_value(self, key, args, kwargs):
        value = kwargs.get(key)
        if isinstance(value, dict):  # text given per language, e.g. announcements
            value = value.get(self.lang) or value.get("vi") or next(iter(value.values()), None)
        if value is None or value == "":
            raise _Missing(key)
        return value

    def format_field(self, value, format_spec):
        shape = _FORMATS.get(format_spec)
        if shape is None:
            return str(value)
        try:
            return shape(value, self.lang)
        except (ValueError, TypeError, InvalidOperation):
            return str(value)  # a surprising value is still better shown than lost

    def fill(self, template: str, params: dict) -> str:
        def optional(m: re.Match) -> str:
            try:
                done = self.format(m.group(1), **params)
            except _Missing:
                return ""
            # the second pass formats the whole text again: keep braces in values literal
            return done.replace("{", "{{").replace("}", "}}")

        text = _OPTIONAL.sub(optional, template)
        while True:
            try:
                return self.format(text, **params)
            except _Missing as missing:
                params = {**params, missing.args[0]: "…"}


# Text a caller chose that lands in a notice to someone else, or in our own words: the
# asker's name and note; a sign-in's device name (whoever signed in chose it).
_ASKERS_WORDS = {
    "link_request": {"name": clean_name, "note": clean_note},
    "new_sign_in": {"device": clean_device},
}


def render_notice(
    kind: str, params: dict | None, lang: str, customer_code: str | None = None
) -> RenderedNotice:
    lang = lang if lang in TEXTS else "vi"
    values = {"code": customer_code, **(params or {})}
    if kind in _ASKERS_WORDS:
        # Another person's words inside our notice: quoted, without links or phone numbers,
        # short — also for notices stored before they were cleaned on the way in.
        for key, clean in _ASKERS_WORDS[kind].items():
            if isinstance(values.get(key), str):
                values[key] = clean(values[key]) or ""
    if lang == "en" and values.get("reason_en"):
        values["reason"] = values["reason_en"]  # staff gave the outage's reason in English
    if kind == "outage_changed" and values.get("status") == "cancelled":
        kind = "outage_cancelled"
    texts = TEXTS[lang].get(kind, FALLBACK[lang])
    fmt = _NoticeFormatter(lang)
    title = fmt.fill(texts.title, values) or FALLBACK[lang].title
    body = fmt.fill(texts.body, values) or title
    sms = fmt.fill(texts.sms, values) or FALLBACK[lang].sms
    return RenderedNotice(title, body, gsm7_sms(sms))


def gsm7_sms(text: str, limit: int = SMS_LIMIT) -> str:
    """Prefixed, without diacritics, only GSM-7 characters, at most one SMS segment long."""
    folded = ascii_fold(SMS_PREFIX + text.replace("…", "...").translate(_PUNCT))
    out, used = [], 0
    for ch in folded:
        cost = 2 if ch in _GSM7_EXTENDED else 1
        if used + cost > limit:
            while out and used + 3 > limit:
                used -= 2 if out.pop() in _GSM7_EXTENDED else 1
            out.append("...")
            break
        out.append(ch)
        used += cost
    return "".join(out)
