"""Attachments: the type sniffed from the bytes, size and count limits, images re-encoded
without metadata (GPS!), PDFs with active content refused, stored through AttachmentStore."""

from __future__ import annotations

import hashlib
import io
import re
import secrets

from fastapi import Response
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.service_states import FINAL
from server.models import User, utcnow
from server.models.services import ServiceAttachment, ServiceRequest
from server.problems import AppError
from server.services.service_requests.storage import AttachmentStore

MAX_BYTES = 5 * 1024 * 1024
MAX_FILES = 5
UPLOAD_BODY_LIMIT = MAX_BYTES + 64 * 1024  # the multipart envelope around one file
MAX_PIXELS = 40_000_000  # a decompression bomb is refused, not decoded
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA|RichMedia|XFA)\b")
_SAFE_NAME = re.compile(r"[^\w .()-]+")


def sniff(data: bytes) -> str | None:
    """The content type the bytes say they are, whatever the file is called."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def clean_image(data: bytes, content_type: str) -> bytes:
    """Decoded and encoded again from the pixels only: EXIF (GPS, camera), XMP, comments and
    anything appended after the image are gone; the picture keeps its orientation."""
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            upright = ImageOps.exif_transpose(img)
            pixels = upright.copy()
            pixels.info = {}
            out = io.BytesIO()
            if content_type == "image/jpeg":
                pixels.convert("RGB").save(out, "JPEG", quality=90, exif=b"")
            else:
                pixels.save(out, "PNG")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise AppError(422, "attachment_unreadable", "The image could not be read.") from None
    return out.getvalue()


def check_pdf(data: bytes) -> None:
    if _PDF_ACTIVE.search(data):
        raise AppError(
            422,
            "attachment_active_content",
            "PDFs with scripts, actions or embedded files are refused.",
        )


def safe_name(name: str | None, content_type: str) -> str:
    ext = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}[content_type]
    stem = _SAFE_NAME.sub("_", (name or "tep").rsplit(".", 1)[0]).strip()[:80] or "tep"
    return stem + ext


async def add_attachment(
    session: AsyncSession,
    store: AttachmentStore,
    user: User,
    r: ServiceRequest,
    filename: str | None,
    data: bytes,
) -> ServiceAttachment:
    if r.status in FINAL:
        raise AppError(409, "request_closed", f"This request is {r.status}; nothing can be added.")
    if len(data) > MAX_BYTES:
        raise AppError(413, "payload_too_large", "A file may be at most 5 MB.")
    count = await session.scalar(select(func.count()).where(ServiceAttachment.request_id == r.id))
    if count >= MAX_FILES:
        raise AppError(409, "too_many_attachments", "A request holds at most 5 files.")
    content_type = sniff(data)
    if content_type is None:
        raise AppError(415, "unsupported_media_type", "Only JPEG, PNG or PDF files are accepted.")
    if content_type == "application/pdf":
        check_pdf(data)
    else:
        data = clean_image(data, content_type)
    key = f"{r.id}/{secrets.token_hex(16)}"
    await store.put(key, data, content_type)
    a = ServiceAttachment(
        request_id=r.id,
        filename=safe_name(filename, content_type),
        content_type=content_type,
        size=len(data),
        storage_key=key,
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user.id,
        uploaded_at=utcnow(),
    )
    session.add(a)
    await session.commit()
    return a


async def get_attachment(
    session: AsyncSession, r: ServiceRequest, attachment_id: int
) -> ServiceAttachment:
    a = await session.scalar(
        select(ServiceAttachment).where(
            ServiceAttachment.id == attachment_id, ServiceAttachment.request_id == r.id
        )
    )
    if a is None:
        raise AppError(404, "attachment_not_found", "This request has no file with that id.")
    return a


async def file_response(store: AttachmentStore, a: ServiceAttachment) -> Response:
    data = await store.get(a.storage_key)
    return Response(
        data,
        media_type=a.content_type,
        headers={"Content-Disposition": f'attachment; filename="{a.filename}"'},
    )
