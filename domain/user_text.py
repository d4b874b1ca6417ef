"""Words one person writes that another person reads inside an official notice (a link
request's name and note): no links, no phone numbers, no control or direction characters, no
quote marks that could close the quotes we put around them, and short."""

from __future__ import annotations

import re
import unicodedata

REMOVED = "[…]"
NAME_MAX, NOTE_MAX, DEVICE_MAX, NICKNAME_MAX = 60, 120, 40, 40
# Links: a scheme, www., or a host name ending in a common top-level domain.
_LINK = re.compile(
    r"(?i)(?:[a-z][a-z0-9+.-]*://\S*|www\.\S*|"
    r"\b[\w-]+(?:\s*\.\s*[\w-]+)*\s*\.\s*(?:vn|com|net|org|info|xyz|top|io|me|app|link|site|"
    r"online|shop|click|ly|co|cc|tk|gl|to|biz|asia|store|live|pro|one)\b(?:/\S*)?)"
)
# Phone numbers and other long numbers: six or more digits of ANY script (deliberately \d,
# the one place it is meant: a fake hotline in Arabic-Indic digits is still a hotline), with
# the separators people put between them.
_NUMBER = re.compile(r"\+?\d(?:[\s().\-/_]*\d){5,}")
_QUOTES = str.maketrans({c: "'" for c in '"“”„‟«»‹›「」『』〝〞＂'})


def _plain(text: str) -> str:
    # NFKC folds fullwidth and compatibility forms (ｗｗｗ．, ①) into what the patterns see.
    text = unicodedata.normalize("NFKC", text)
    kept = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(kept.translate(_QUOTES).split())


def quoted_user_text(text: str | None, limit: int) -> str:
    """Text safe to show inside quotes in our own notice: see the module docstring."""
    if not text:
        return ""
    text = _plain(text)
    text = _LINK.sub(REMOVED, text)
    text = _NUMBER.sub(REMOVED, text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def clean_name(text: str | None) -> str:
    return quoted_user_text(text, NAME_MAX)


def clean_device(text: str | None) -> str:
    return quoted_user_text(text, DEVICE_MAX)


def clean_nickname(text: str | None) -> str | None:
    """A person's own name for a code: plain, short; read only by them, on screen."""
    return quoted_user_text(text, NICKNAME_MAX) or None


def clean_note(text: str | None) -> str | None:
    return quoted_user_text(text, NOTE_MAX) or None
