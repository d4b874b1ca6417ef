"""Logs never carry tokens, passwords, OTPs or full phone numbers."""

from __future__ import annotations

import logging

from server.logging_setup import RedactingFormatter, redact


def test_redacts_secrets_and_phones():
    line = (
        'POST /auth/login {"phone": "+84901234567", "password": "DienNha@2025"} '
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc "
        "refresh_token=SypGTN8E3j97nd_lcLGl_zwo4ArnZNUJ__OOM2E8mG4 "
        "GET /dev/outbox?to=0912345678 sms: Ma OTP dang nhap cua ban la 482913."
    )
    out = redact(line)
    for secret in ("+84901234567", "DienNha@2025", "eyJhbGci", "SypGTN8E", "0912345678", "482913"):
        assert secret not in out, secret
    assert "090****567" in out and "091****678" in out


def test_formatter_applies_to_args(caplog):
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "login for %s", ("0987654321",), None
    )
    assert "0987654321" not in RedactingFormatter("%(message)s").format(record)
