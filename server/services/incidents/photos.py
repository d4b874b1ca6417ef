"""A hazard report's photo: the checks and storage of service-request attachments (type read
from the bytes, 5 MB, images re-encoded without EXIF/GPS), JPEG or PNG only, one per report."""

from __future__ import annotations

from fastapi import Response
from sqlalchemy.ext.asyncio import AsyncSession

from server.models.incidents import OutageReport
from server.problems import AppError
from server.services.service_requests.attachments import MAX_BYTES, clean_image, sniff
from server.services.service_requests.storage import AttachmentStore

IMAGES = ("image/jpeg", "image/png")


async def add_photo(
    session: AsyncSession, store: AttachmentStore, r: OutageReport, data: bytes
) -> None:
    if r.kind != "hazard":
        raise AppError(409, "photo_not_allowed", "Only reports of a hazard take a photo.")
    if r.photo_key is not None:
        raise AppError(409, "photo_exists", "This report has its photo already.")
    if len(data) > MAX_BYTES:
        raise AppError(413, "payload_too_large", "A photo may be at most 5 MB.")
    content_type = sniff(data)
    if content_type not in IMAGES:
        raise AppError(415, "unsupported_media_type", "Only JPEG or PNG photos are accepted.")
    data = clean_image(data, content_type)
    key = f"outage-reports/{r.id}/photo"
    await store.put(key, data, content_type)
    r.photo_key, r.photo_type = key, content_type
    await session.commit()


async def photo_response(store: AttachmentStore, r: OutageReport) -> Response:
    if r.photo_key is None or r.photo_type is None:
        raise AppError(404, "photo_not_found", "This report has no photo.")
    return Response(await store.get(r.photo_key), media_type=r.photo_type)
