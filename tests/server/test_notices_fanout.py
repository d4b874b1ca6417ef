"""A notice reaches the person's channels only as they chose and consented (both databases)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.models import Delivery, OutboxMessage
from server.notify.dispatcher import Dispatcher
from server.notify.email import SmtpSender
from server.notify.push import LoggingPushSender
from server.notify.sms import SmsGateway
from server.notify.zalo import ZaloGateway
from tests.server.api import OWNER
from tests.server.test_notices import give_notices

pytestmark = pytest.mark.usefixtures("demo")
ALL_ON = {"email": True, "sms": True, "zalo": True, "push": True}
CONSENT = {"notices_email": True, "notices_sms": True, "notices_zalo": True}


class Channels:
    """Real local servers behind every outside channel, and a dispatcher sending to them."""

    def __init__(self, ctx, sms_gw, zalo_gw, smtp) -> None:
        self.sms_gw, self.zalo_gw, self.smtp = sms_gw, zalo_gw, smtp
        self.push = LoggingPushSender()
        self.senders = {
            "sms": SmsGateway(sms_gw.url, sms_gw.token),
            "zalo": ZaloGateway(zalo_gw.url, zalo_gw.token),
            "email": SmtpSender("127.0.0.1", smtp.port, "Điện Nhà <no-reply@diennha.local>"),
            "push": self.push,
        }
        self.dispatcher = Dispatcher(ctx.sessions, self.senders)

    async def settle(self) -> None:
        """Sends what is queued so far (a sign-in notice, the seed's) and forgets it."""
        await self.dispatcher.run_until_idle()
        self.sms_gw.requests.clear()
        self.zalo_gw.requests.clear()
        self.smtp.messages.clear()
        self.push.sent.clear()

    def counts(self) -> dict[str, int]:
        return {
            "sms": len(self.sms_gw.requests),
            "zalo": len(self.zalo_gw.requests),
            "email": len(self.smtp.messages),
            "push": len(self.push.sent),
        }


@pytest.fixture
async def channels(ctx):
    from tests.server.notice_fakes import FakeGateway, LocalSmtp

    sms_gw, zalo_gw, smtp = FakeGateway(), FakeGateway(), LocalSmtp()
    await sms_gw.start()
    await zalo_gw.start()
    smtp.start()
    ch = Channels(ctx, sms_gw, zalo_gw, smtp)
    await ch.dispatcher.run_until_idle()  # the demo seed's own notices go first
    assert ch.counts() == {"sms": 0, "zalo": 0, "email": 0, "push": 0}  # nobody opted in
    yield ch
    for sender in ch.senders.values():
        await sender.aclose()
    await sms_gw.stop()
    await zalo_gw.stop()
    smtp.stop()


async def setup_owner(api, client, live: Channels, **me) -> dict:
    h = await api.headers(OWNER)
    r = await client.patch("/me", json=me, headers=h)
    assert r.status_code == 200, r.text
    r = await client.post(
        "/me/devices", json={"platform": "android", "token": "fcm-token-0001"}, headers=h
    )
    assert r.status_code == 204
    await live.settle()
    return h


async def test_every_chosen_and_consented_channel_gets_the_notice(api, client, ctx, channels):
    await setup_owner(
        api, client, channels, email="an.nguyen@example.vn", channels=ALL_ON, consents=CONSENT
    )
    await give_notices(ctx, OWNER, 1)
    await channels.dispatcher.run_until_idle()
    assert channels.counts() == {"sms": 1, "zalo": 1, "email": 1, "push": 1}
    [mail] = channels.smtp.messages
    assert mail["To"] == "an.nguyen@example.vn"
    assert mail["Subject"] == "Điện Nhà: Lịch ghi chỉ số công tơ"
    assert "sẽ được ghi chỉ số vào ngày 01/07/2025" in mail.get_content()
    assert "Cài đặt › Thông báo" in mail.get_content()  # how to turn it off
    sms = channels.sms_gw.requests[0]["json"]
    assert sms["to"] == "+84901234567" and sms["text"].isascii()
    assert sms["text"] == "Dien Nha: Ma KH PE01000123456: ghi chi so cong to ngay 01/07/2025."
    zalo = channels.zalo_gw.requests[0]["json"]
    assert zalo["phone"] == "84901234567" and zalo["title"] == "Lịch ghi chỉ số công tơ"
    push = channels.push.sent[0]
    assert push.to == "fcm-token-0001" and push.subject == "Lịch ghi chỉ số công tơ"
    async with ctx.sessions() as s:
        rows = list((await s.execute(select(OutboxMessage))).scalars())
        intents = [m for m in rows if m.channel == "notice"]
        fan = (
            await s.execute(select(Delivery).where(Delivery.outbox_id == intents[-1].id))
        ).scalar_one()
    assert fan.ok and fan.detail == "fan-out: email, sms, zalo, push"
    assert {m.status for m in rows} == {"sent"}


async def test_withdrawn_consent_stops_email_and_sms(api, client, ctx, channels):
    h = await setup_owner(
        api, client, channels, email="an.nguyen@example.vn", channels=ALL_ON, consents=CONSENT
    )
    withdraw = {"consents": {"notices_email": False, "notices_sms": False}}
    assert (await client.patch("/me", json=withdraw, headers=h)).status_code == 200
    await give_notices(ctx, OWNER, 2)
    await channels.dispatcher.run_until_idle()
    assert channels.counts() == {"sms": 0, "zalo": 2, "email": 0, "push": 2}


async def test_switch_without_consent_or_without_address_sends_nothing_outside(
    api, client, ctx, channels
):
    # channels on, consents never given, no e-mail address: only the inbox (and push)
    await setup_owner(api, client, channels, channels={**ALL_ON, "push": False})
    await give_notices(ctx, OWNER, 1)
    await channels.dispatcher.run_until_idle()
    assert channels.counts() == {"sms": 0, "zalo": 0, "email": 0, "push": 0}
    # consent given but the address still missing: e-mail stays off; SMS kept for who chose it
    h = await api.headers(OWNER)
    await client.patch(
        "/me",
        json={"consents": CONSENT, "channels": {**ALL_ON, "zalo": False, "push": False}},
        headers=h,
    )
    await channels.settle()
    await give_notices(ctx, OWNER, 1)
    await channels.dispatcher.run_until_idle()
    assert channels.counts() == {"sms": 1, "zalo": 0, "email": 0, "push": 0}


async def test_english_speakers_get_english_mail(api, client, ctx, channels):
    await setup_owner(
        api,
        client,
        channels,
        email="an.nguyen@example.vn",
        language="en",
        channels={"email": True},
        consents={"notices_email": True},
    )
    await give_notices(ctx, OWNER, 1)
    await channels.dispatcher.run_until_idle()
    [mail] = channels.smtp.messages
    assert mail["Subject"] == "Điện Nhà: Meter reading date"
    assert "will be read on 1 Jul 2025" in mail.get_content()


async def test_erased_account_gets_nothing(api, client, ctx, channels):
    h = await setup_owner(
        api, client, channels, email="an.nguyen@example.vn", channels=ALL_ON, consents=CONSENT
    )
    await give_notices(ctx, OWNER, 1)
    assert (await client.delete("/me", headers=h)).status_code == 204
    await channels.dispatcher.run_until_idle()
    assert channels.counts() == {"sms": 0, "zalo": 0, "email": 0, "push": 0}
