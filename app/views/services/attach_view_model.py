"""Attaching photos or PDFs — to one of my service requests, or a photo to a hazard report:
pick files, or (phones) take a photo. The camera permission is asked at that tap, and a
refusal leaves picking files. Where the files go is the `send` function given."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import flet as ft

from app.device.kit import DeviceKit
from app.device.media import IMAGE_TYPES, Picked, check
from app.device.permissions import Access
from app.views.form_state import FormState, InputError
from domain import clock

Done = Callable[[], Awaitable[object]]
Send = Callable[[str, bytes, str], Awaitable[object]]  # (file name, bytes, content type)


@ft.observable
@dataclass(kw_only=True)
class AttachViewModel(FormState):
    send: Send
    device: DeviceKit
    images_only: bool = False  # a hazard photo: JPEG or PNG, no PDF
    camera_open: bool = False
    refused: Access | None = None  # the camera was refused: say so, point at "choose a file"
    sent: int = 0

    @property
    def can_pick(self) -> bool:
        return self.device.files is not None

    @property
    def can_photograph(self) -> bool:
        return self.device.camera and self.device.permissions is not None

    async def take_photo(self) -> None:
        if not self.can_photograph or self.device.permissions is None:
            return
        access = await self.device.permissions.ask("camera")
        self.refused = None if access == "granted" else access
        self.camera_open = access == "granted"

    def close_camera(self) -> None:
        self.camera_open = False

    async def open_settings(self) -> None:
        if self.device.permissions is not None:
            await self.device.permissions.open_settings()

    async def captured(self, data: bytes, done: Done) -> bool:
        self.camera_open = False
        name = f"anh-{clock.now():%Y%m%d-%H%M%S}.jpg"
        return await self.upload([Picked(name, data)], done)

    async def pick(self, done: Done) -> bool:
        if self.device.files is None:
            return False
        picked = await self.device.files.pick()
        return await self.upload(picked, done) if picked else False

    async def upload(self, picked: list[Picked], done: Done) -> bool:
        """Each file checked here first (size, type), then sent; stops at the first refusal."""
        for p in picked:
            if code := check(p, IMAGE_TYPES if self.images_only else None):
                self.error, self.notice = InputError(code=code), None
                return False

        async def call() -> None:
            for p in picked:
                await self.send(p.name, p.data, p.content_type)
                self.sent += 1
            await done()

        ok = await self.run(call)
        if ok:
            self.notice = "device.attached"
        return ok
