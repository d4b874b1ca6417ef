"""Photos and documents for a service request or a hazard report: picked from files
(everywhere but kiosks) or taken with the camera (phones, through Flet's official
`flet-camera`, asked only on the tap). `Picked` is what both give; `check` refuses what the
server would refuse, before uploading."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024  # the server's limit (server/services/service_requests/attachments)
TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}
IMAGE_TYPES = frozenset({"image/jpeg", "image/png"})  # a hazard report's photo (no PDF)


@dataclass(frozen=True)
class Picked:
    name: str
    data: bytes

    @property
    def content_type(self) -> str:
        return TYPES.get(self.name.rsplit(".", 1)[-1].lower(), "application/octet-stream")


def check(picked: Picked, types: frozenset[str] | None = None) -> str | None:
    """An error code for the screen, or None when the file may go (`types`: the content
    types allowed, default every one the server takes for service requests)."""
    if not picked.data:
        return "file_empty"
    if len(picked.data) > MAX_BYTES:
        return "payload_too_large"
    if types is not None and picked.content_type not in types:
        return "image_only"
    if picked.content_type not in TYPES.values():
        return "unsupported_media_type"
    return None


class FileSource(Protocol):
    async def pick(self) -> list[Picked]: ...


class FletFiles:
    """The system's file chooser (the browser's on the web): JPEG, PNG or PDF, several at once."""

    async def pick(self) -> list[Picked]:
        import flet as ft

        files = await ft.FilePicker().pick_files(
            allowed_extensions=sorted(TYPES), allow_multiple=True, with_data=True
        )
        picked = []
        for f in files or []:
            data = f.bytes
            if data is None and f.path:  # desktop pickers may give a path only
                data = await asyncio.to_thread(Path(f.path).read_bytes)
            picked.append(Picked(f.name, data or b""))
        return picked
