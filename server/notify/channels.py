"""Chooses the sender of each channel from settings: real gateways, or the dev sink."""

from __future__ import annotations

from server.config import Settings
from server.notify.email import SmtpSender
from server.notify.push import LoggingPushSender
from server.notify.sending import DevSink, Sender, Unconfigured
from server.notify.sms import SmsGateway
from server.notify.zalo import ZaloGateway


def _missing(settings: Settings, channel: str, setting: str) -> Sender:
    return DevSink(channel) if settings.is_dev else Unconfigured(channel, setting)


def build_senders(settings: Settings) -> dict[str, Sender]:
    s, timeout = settings, settings.gateway_timeout_seconds
    senders: dict[str, Sender] = {"push": LoggingPushSender()}
    senders["sms"] = (
        SmsGateway(s.sms_gateway_url, s.gateway_token, timeout=timeout)
        if s.sms_gateway_url
        else _missing(s, "sms", "DIENNHA_SMS_GATEWAY_URL")
    )
    senders["zalo"] = (
        ZaloGateway(s.zalo_gateway_url, s.gateway_token, timeout=timeout)
        if s.zalo_gateway_url
        else _missing(s, "zalo", "DIENNHA_ZALO_GATEWAY_URL")
    )
    senders["email"] = (
        SmtpSender(
            s.smtp_host,
            s.smtp_port,
            s.smtp_sender,
            username=s.smtp_username,
            password=s.smtp_password,
            security=s.smtp_security,
            timeout=timeout,
        )
        if s.smtp_host
        else _missing(s, "email", "DIENNHA_SMTP_HOST")
    )
    return senders


async def close_senders(senders: dict[str, Sender]) -> None:
    for sender in senders.values():
        await sender.aclose()
