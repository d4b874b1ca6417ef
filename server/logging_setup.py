"""Log configuration with redaction: no tokens, OTPs or full phone numbers ever reach a log."""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    # JWTs and other bearer tokens
    (re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*"), "<jwt>"),
    (re.compile(r"(?i)(bearer\s+)[\w.~+/=-]+"), r"\1<token>"),
    (
        re.compile(
            r'(?i)("?(?:refresh_token|access_token|password|otp|new_password)"?\s*[:=]\s*"?)[^"&\s,}]+'
        ),
        r"\1<redacted>",
    ),
    # Vietnamese mobiles in any form: keep the first 3 and last 3 digits
    (re.compile(r"(?<!\d)(?:\+?84|0)([35789]\d)\d{4}(\d{3})(?!\d)"), r"0\1****\2"),
    (re.compile(r"(?<!\d)%2B84([35789]\d)\d{4}(\d{3})(?!\d)"), r"0\1****\2"),
    # six-digit codes next to the word OTP / ma
    (re.compile(r"(?i)((?:otp|ma)\D{0,60})\d{6}"), r"\1<otp>"),
]


def redact(text: str) -> str:
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_config(level: str = "INFO") -> dict:
    """dictConfig for our loggers and uvicorn's, all through the redacting formatter."""
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "redacting",
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"redacting": {"()": RedactingFormatter, "format": FORMAT}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "propagate": True},
            "uvicorn.error": {"handlers": [], "propagate": True},
            "uvicorn.access": {"handlers": [], "propagate": True},
        },
    }
