"""Zalo notification messages through a ZNS gateway (HTTP), addressed by phone number."""

from __future__ import annotations

from server.notify.gateway import HttpGateway
from server.notify.sending import OutgoingMessage


class ZaloGateway(HttpGateway):
    """`POST {zalo_gateway_url}` with `{"phone": "849…", "title", "text", "tracking_id": key}`;
    Zalo writes phone numbers as 84… without the plus; its texts keep their diacritics."""

    channel = "zalo"

    def payload(self, msg: OutgoingMessage) -> dict:
        return {
            "phone": msg.to.removeprefix("+"),
            "title": msg.subject,
            "text": msg.body,
            "tracking_id": msg.idempotency_key,
        }
