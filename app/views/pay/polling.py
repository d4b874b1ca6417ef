"""Waiting for a payment while its VietQR is on screen: shared by the one-bill and the
pay-all view models. A subclass says how to check once (`check_once`)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import flet as ft

from app.views.form_state import FormState
from app.views.pay.qr_image import QrImage

POLL_SECONDS = 4.0


@ft.observable
@dataclass(kw_only=True)
class PollsUntilPaid(FormState):
    poll_seconds: float = POLL_SECONDS
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)
    image: QrImage | None = None  # the QR on screen; None when refused or not yet drawn
    paid: bool = False
    loaded: bool = False
    stopped: bool = False

    async def poll_until_paid(self) -> None:
        """Check every few seconds while a QR is on screen; stop once paid, when the screen
        closes (`stop`) or when the QR was refused."""
        while not self.stopped and self.loaded and not self.paid and self.image is not None:
            await self.sleep(self.poll_seconds)
            if self.stopped:
                return
            await self.check_once()

    async def check_once(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        self.stopped = True
