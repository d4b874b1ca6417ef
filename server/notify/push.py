"""Push to the app on a phone: the adapter interface and a logging implementation.

No FCM/APNs client here (they need credentials and internet); a real one implements
`PushSender` and is chosen in channels.py. Until then push messages are logged and counted
as handed over, which is what development and this machine need."""

from __future__ import annotations

import logging
from typing import Protocol

from server.notify.sending import OutgoingMessage

log = logging.getLogger("diennha.push")


class PushSender(Protocol):
    """`msg.to` is the device token from POST /me/devices; subject is the title."""

    channel: str

    async def send(self, msg: OutgoingMessage) -> str: ...

    async def aclose(self) -> None: ...


class LoggingPushSender:
    channel = "push"

    def __init__(self) -> None:
        self.sent: list[OutgoingMessage] = []  # what a test or a developer can look at

    async def send(self, msg: OutgoingMessage) -> str:
        log.info("push to device %s… (outbox %s)", msg.to[:6], msg.outbox_id)
        self.sent.append(msg)
        del self.sent[:-100]
        return "logged"

    async def aclose(self) -> None:
        return None
