"""E-mail over SMTP (aiosmtplib): UTF-8 subject and body, a Message-ID per outbox row."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, parseaddr

import aiosmtplib

from server.notify.sending import OutgoingMessage, PermanentSendError, SendError


class SmtpSender:
    """One SMTP transaction per message. SMTP has no idempotency key: the Message-ID is
    stable per outbox row (`<diennha-outbox-N@domain>`) so a repeat after a crash can be
    recognised by mail clients and by us, but it may still arrive twice (see dispatcher)."""

    channel = "email"

    def __init__(
        self,
        host: str,
        port: int,
        sender: str,
        *,
        username: str | None = None,
        password: str | None = None,
        security: str = "auto",
        timeout: float = 10.0,
    ) -> None:
        self.host, self.port, self.sender, self.timeout = host, port, sender, timeout
        self.username, self.password = username, password
        self.use_tls = security == "tls"
        # None lets aiosmtplib upgrade with STARTTLS whenever the server offers it.
        self.start_tls = {"starttls": True, "none": False}.get(security)
        self.domain = parseaddr(sender)[1].partition("@")[2] or "diennha.local"

    def build(self, msg: OutgoingMessage) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.sender
        mail["To"] = msg.to
        # one line: a line break in a header would be refused (and is how headers get injected)
        mail["Subject"] = " ".join((msg.subject or "Điện Nhà").split())
        mail["Date"] = formatdate(usegmt=True)
        mail["Message-ID"] = f"<{msg.idempotency_key}@{self.domain}>"
        mail["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a no-reply box
        mail.set_content(msg.body, charset="utf-8")
        return mail

    async def send(self, msg: OutgoingMessage) -> str:
        try:
            _, reply = await aiosmtplib.send(
                self.build(msg),
                hostname=self.host,
                port=self.port,
                username=self.username,
                password=self.password,
                use_tls=self.use_tls,
                start_tls=self.start_tls,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [r.code for r in exc.recipients]
            if all(500 <= c < 600 for c in codes):
                raise PermanentSendError(f"mail server refused the address ({codes})") from exc
            raise SendError(f"mail server deferred the address ({codes})") from exc
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600 and not isinstance(exc, aiosmtplib.SMTPAuthenticationError):
                raise PermanentSendError(f"mail server refused: {exc.code}") from exc
            raise SendError(f"mail server answered {exc.code}") from exc
        except (aiosmtplib.SMTPException, OSError) as exc:  # refused, timed out, dropped
            raise SendError(f"mail server unreachable: {type(exc).__name__}") from exc
        return reply[:200]

    async def aclose(self) -> None:
        return None
