"""Where attachment bytes live: one interface; a folder under the data directory by default,
an S3-compatible bucket when DIENNHA_S3_BUCKET is set (production; tested against moto's
server). Credentials come from boto3's usual chain (AWS_ACCESS_KEY_ID… or an instance role)."""

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


class S3Store:
    """Objects in one bucket; boto3 is synchronous, so calls run in a worker thread."""

    def __init__(self, bucket: str, endpoint_url: str | None = None, client=None) -> None:
        if client is None:
            import boto3  # only deployments that store in S3 need it (extra "s3")

            client = boto3.client("s3", endpoint_url=endpoint_url)
        self.bucket, self.client = bucket, client

    async def put(self, key: str, data: bytes, content_type: str) -> None:
        await asyncio.to_thread(
            self.client.put_object,
            Bucket=self.bucket,
            Key=key,
            Body=data,
            ContentType=content_type,
            ServerSideEncryption="AES256",
        )

    async def get(self, key: str) -> bytes:
        def read() -> bytes:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"].read()

        return await asyncio.to_thread(read)


_S3: dict[tuple[str, str | None], S3Store] = {}


def store_for(data_dir: Path) -> AttachmentStore:
    bucket = os.environ.get("DIENNHA_S3_BUCKET", "").strip()
    if not bucket:
        return FolderStore(Path(data_dir) / "attachments")
    endpoint = os.environ.get("DIENNHA_S3_ENDPOINT_URL") or None
    # One client per bucket and endpoint: making a boto3 client costs milliseconds.
    if (bucket, endpoint) not in _S3:
        _S3[(bucket, endpoint)] = S3Store(bucket, endpoint)
    return _S3[(bucket, endpoint)]
