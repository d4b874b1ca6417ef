"""SMS through the operator's brandname gateway (HTTP); texts arrive already GSM-7 and short."""

from __future__ import annotations

from server.notify.gateway import HttpGateway
from server.notify.sending import OutgoingMessage


class SmsGateway(HttpGateway):
    """`POST {sms_gateway_url}` with `{"to": "+849…", "text": "…", "reference": key}`."""

    channel = "sms"

    def payload(self, msg: OutgoingMessage) -> dict:
        return {"to": msg.to, "text": msg.body, "reference": msg.idempotency_key}
