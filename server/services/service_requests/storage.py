"""Where attachment bytes live: one interface, a folder under the data directory by default
(an S3-compatible bucket is the production backend; see the README's "not yet" list)."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from typing import Protocol


class AttachmentStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> None: ...

    async def get(self, key: str) -> bytes: ...


class FolderStore:
    """Files under `root`; keys are made by the server (never from a person's file name)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError("key outside the store")
        return path

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(self._write, self._path(key), data)

    @staticmethod
    def _write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_bytes(data)
        os.replace(tmp, path)

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._path(key).read_bytes)


def store_for(data_dir: Path) -> AttachmentStore:
    return FolderStore(Path(data_dir) / "attachments")
