"""What every channel sender shares: the message it gets, how it fails, and the dev sink."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from domain.customer_code import InvalidPhone, mask_phone, normalize_phone

log = logging.getLogger("diennha.outbox")


@dataclass(frozen=True)
class OutgoingMessage:
    outbox_id: int
    channel: str
    to: str
    subject: str | None
    body: str

    @property
    def idempotency_key(self) -> str:
        """Same key on every attempt of one outbox row: a gateway drops the repeats."""
        return f"diennha-outbox-{self.outbox_id}"


class SendError(Exception):
    """The channel could not take the message now; the dispatcher retries with backoff."""


class PermanentSendError(SendError):
    """The channel refused the message for good (bad address, rejected content): no retry."""


class Sender(Protocol):
    channel: str

    async def send(self, msg: OutgoingMessage) -> str:
        """Hands the message over; returns the channel's receipt (e.g. its message id)."""
        ...

    async def aclose(self) -> None: ...


def masked(to: str) -> str:
    """A recipient fit for logs: phones as 091****678, e-mail as a****@domain."""
    if "@" in to:
        local, _, domain = to.partition("@")
        return f"{local[:1]}****@{domain}"
    try:
        return mask_phone(normalize_phone(to))
    except InvalidPhone:
        return to[:6] + "…"


class DevSink:
    """Development without a gateway: the outbox row itself is the delivered message
    (GET /dev/outbox shows it), so sending only logs who would have got it."""

    def __init__(self, channel: str) -> None:
        self.channel = channel

    async def send(self, msg: OutgoingMessage) -> str:
        log.info("dev sink: %s to %s (outbox %s)", self.channel, masked(msg.to), msg.outbox_id)
        return "dev-sink"

    async def aclose(self) -> None:
        return None


class Unconfigured:
    """Production without a gateway for this channel: keep retrying (nothing is lost) and
    say why, so configuring the gateway and restarting delivers the backlog."""

    def __init__(self, channel: str, setting: str) -> None:
        self.channel, self.setting = channel, setting

    async def send(self, msg: OutgoingMessage) -> str:
        raise SendError(f"no {self.channel} gateway configured ({self.setting})")

    async def aclose(self) -> None:
        return None
