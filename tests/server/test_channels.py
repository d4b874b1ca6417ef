"""Channel adapters against real servers on 127.0.0.1: SMTP (aiosmtpd) and an HTTP gateway."""

from __future__ import annotations

import pytest

from server.config import Settings
from server.notify.channels import build_senders
from server.notify.email import SmtpSender
from server.notify.push import LoggingPushSender
from server.notify.sending import (
    DevSink,
    OutgoingMessage,
    PermanentSendError,
    SendError,
    Unconfigured,
)
from server.notify.sms import SmsGateway
from server.notify.zalo import ZaloGateway
from tests.ports import free_port
from tests.server.notice_fakes import FakeGateway, LocalSmtp


@pytest.fixture
def smtp():
    server = LocalSmtp()
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def gateway():
    gw = FakeGateway()
    await gw.start()
    yield gw
    await gw.stop()


def mail(to: str = "an.nguyen@example.vn", outbox_id: int = 42) -> OutgoingMessage:
    return OutgoingMessage(
        outbox_id,
        "email",
        to,
        "Điện Nhà: Hóa đơn tiền điện tháng 06/2025",
        "Mã KH PE01000123456: hóa đơn tháng 06/2025 là 1.234.567 đ.\nCảm ơn quý khách — Điện Nhà",
    )


async def test_email_reaches_a_real_smtp_server_in_utf8(smtp):
    sender = SmtpSender("127.0.0.1", smtp.port, "Điện Nhà <no-reply@diennha.local>")
    receipt = await sender.send(mail())
    assert receipt
    [got] = smtp.messages
    assert got["Subject"] == "Điện Nhà: Hóa đơn tiền điện tháng 06/2025"
    assert got["To"] == "an.nguyen@example.vn"
    assert got["From"].addresses[0].display_name == "Điện Nhà"
    assert got["Message-ID"] == "<diennha-outbox-42@diennha.local>"
    assert got.get_content_charset() == "utf-8"
    assert "1.234.567 đ" in got.get_content() and "Cảm ơn quý khách" in got.get_content()


async def test_email_subject_stays_one_line(smtp):
    sender = SmtpSender("127.0.0.1", smtp.port, "no-reply@diennha.local")
    msg = OutgoingMessage(43, "email", "a@example.vn", "Tri ân\r\nBcc: x@evil.test", "…")
    await sender.send(msg)
    assert smtp.messages[0]["Subject"] == "Tri ân Bcc: x@evil.test"
    assert smtp.messages[0]["Bcc"] is None


async def test_email_refused_address_is_permanent_and_deferral_is_not(smtp):
    sender = SmtpSender("127.0.0.1", smtp.port, "no-reply@diennha.local")
    smtp.box.refuse_rcpt = "550 5.1.1 No such user"
    with pytest.raises(PermanentSendError):
        await sender.send(mail("nobody@example.vn"))
    smtp.box.refuse_rcpt = "451 4.3.0 Try again later"
    with pytest.raises(SendError) as caught:
        await sender.send(mail())
    assert not isinstance(caught.value, PermanentSendError)
    assert smtp.messages == []


async def test_email_server_down_is_a_retryable_error():
    sender = SmtpSender("127.0.0.1", free_port(), "no-reply@diennha.local", timeout=2)
    with pytest.raises(SendError) as caught:
        await sender.send(mail())
    assert not isinstance(caught.value, PermanentSendError)


async def test_sms_gateway_gets_token_idempotency_key_and_text(gateway):
    sms = SmsGateway(gateway.url, gateway.token)
    msg = OutgoingMessage(7, "sms", "+84901234567", None, "Dien Nha: Ma KH PE01000123456 ...")
    assert await sms.send(msg) == "gw-1"
    [req] = gateway.requests
    assert req["headers"]["authorization"] == "Bearer gw-token"
    assert req["headers"]["idempotency-key"] == "diennha-outbox-7"
    assert req["json"] == {
        "to": "+84901234567",
        "text": "Dien Nha: Ma KH PE01000123456 ...",
        "reference": "diennha-outbox-7",
    }
    # the same outbox row again (after a crash): the gateway knows the key, we count it sent
    assert "duplicate" in await sms.send(msg)
    assert gateway.accepted["diennha-outbox-7"] == 1
    await sms.aclose()


async def test_zalo_gateway_payload_keeps_diacritics(gateway):
    zalo = ZaloGateway(gateway.url, gateway.token)
    await zalo.send(OutgoingMessage(8, "zalo", "+84901234567", "Đăng nhập mới", "Tài khoản…"))
    body = gateway.requests[0]["json"]
    assert body == {
        "phone": "84901234567",
        "title": "Đăng nhập mới",
        "text": "Tài khoản…",
        "tracking_id": "diennha-outbox-8",
    }
    await zalo.aclose()


@pytest.mark.parametrize(("mode", "permanent"), [("500", False), ("429", False), ("400", True)])
async def test_gateway_errors_are_classified(gateway, mode, permanent):
    gateway.mode = mode
    sms = SmsGateway(gateway.url, gateway.token)
    with pytest.raises(SendError) as caught:
        await sms.send(OutgoingMessage(9, "sms", "+84901234567", None, "x"))
    assert isinstance(caught.value, PermanentSendError) is permanent
    await sms.aclose()


async def test_wrong_token_is_refused_for_good(gateway):
    sms = SmsGateway(gateway.url, "not-the-token")
    with pytest.raises(PermanentSendError):
        await sms.send(OutgoingMessage(10, "sms", "+84901234567", None, "x"))
    await sms.aclose()


async def test_gateway_down_or_slow_is_retryable():
    refused = SmsGateway(f"http://127.0.0.1:{free_port()}/send", "t")
    with pytest.raises(SendError) as caught:
        await refused.send(OutgoingMessage(11, "sms", "+84901234567", None, "x"))
    assert not isinstance(caught.value, PermanentSendError)
    await refused.aclose()
    slow_gw = FakeGateway(delay=1.0)
    await slow_gw.start()
    slow = SmsGateway(slow_gw.url, slow_gw.token, timeout=0.2)
    with pytest.raises(SendError, match="ReadTimeout"):
        await slow.send(OutgoingMessage(12, "sms", "+84901234567", None, "x"))
    await slow.aclose()
    await slow_gw.stop()


async def test_push_logging_sender_keeps_what_it_sent():
    push = LoggingPushSender()
    assert await push.send(OutgoingMessage(13, "push", "tok-abcdef-123", "T", "B")) == "logged"
    assert push.sent[0].outbox_id == 13


def test_senders_by_settings(tmp_path):
    dev = build_senders(Settings(env="dev", data_dir=tmp_path))
    assert all(isinstance(dev[c], DevSink) for c in ("sms", "zalo", "email"))
    prod = build_senders(
        Settings(
            env="prod",
            data_dir=tmp_path,
            secret_key="Sk3v-9ZrT_x81mWb2LpQe7HsYc0NdUaF4jGk",  # prod refuses guessable keys
            webhook_secret="Wh7q-2MnB_v40xLc9KpRe3TsZd8FuYaG1jHo",
            staff_key="St5w-8PyD_n63kQf1JrVa9XsMc2GbLeU0hTi",
        )
    )
    assert all(isinstance(prod[c], Unconfigured) for c in ("sms", "zalo", "email"))
    real = build_senders(
        Settings(
            data_dir=tmp_path,
            smtp_host="127.0.0.1",
            sms_gateway_url="http://127.0.0.1:9/sms",
            zalo_gateway_url="http://127.0.0.1:9/zalo",
        )
    )
    assert isinstance(real["email"], SmtpSender) and isinstance(real["sms"], SmsGateway)
    assert isinstance(real["zalo"], ZaloGateway) and isinstance(real["push"], LoggingPushSender)


async def test_unconfigured_channel_retries_instead_of_dropping():
    with pytest.raises(SendError) as caught:
        await Unconfigured("sms", "DIENNHA_SMS_GATEWAY_URL").send(
            OutgoingMessage(14, "sms", "+84901234567", None, "x")
        )
    assert not isinstance(caught.value, PermanentSendError)
