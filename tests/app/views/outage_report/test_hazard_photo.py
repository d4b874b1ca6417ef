"""A hazard report's photo from the status page, against the real backend in-process: the
camera is asked only at the tap and a refusal leaves picking a file; the photo arrives and
the status page says so; a PDF is refused before anything is sent; a second photo is
refused by the server (one per report) with a message, not a crash."""

from __future__ import annotations

import functools

from app.device.media import Picked
from app.services.outage_reports_repository import OutageReportsRepository
from app.views.outage_report.view_model import ReportStatusViewModel, ReportViewModel
from app.views.services.attach_view_model import AttachViewModel
from tests.app.services.test_client_against_server import client, transport  # noqa: F401
from tests.app.test_device_features import (
    FakeFiles,
    FakePermissions,
    jpeg_with_gps,
    phone_kit,
    refuse_to_send,
)


async def hazard(repo: OutageReportsRepository) -> ReportStatusViewModel:
    form = ReportViewModel(repo=repo)
    form.choose("hazard")
    form.customer_code = "PE01000123456"
    form.description = "Dây điện đứt rơi xuống đường"
    assert await form.submit(), form.error
    status = ReportStatusViewModel(repo=repo, tracking_no=form.tracking_no)
    await status.load()
    assert status.report is not None and status.report.kind == "hazard"
    return status


def photo_of(
    repo: OutageReportsRepository, tracking_no: str, perms: FakePermissions, files: FakeFiles
) -> AttachViewModel:
    return AttachViewModel(
        send=functools.partial(repo.add_photo, tracking_no),
        device=phone_kit(perms, files),
        images_only=True,
    )


async def test_camera_refused_a_picked_photo_reaches_the_report(transport):  # noqa: F811
    repo = OutageReportsRepository(client(transport))
    status = await hazard(repo)
    assert not status.report.has_photo
    perms = FakePermissions("denied")
    vm = photo_of(
        repo, status.tracking_no, perms, FakeFiles(Picked("day-dien.jpg", jpeg_with_gps()))
    )
    assert perms.asked == []  # nothing asked before the tap
    await vm.take_photo()
    assert perms.asked == ["camera"] and vm.refused == "denied" and not vm.camera_open
    assert vm.can_pick  # the other way is still there
    assert await vm.pick(status.load), vm.error
    assert vm.notice == "device.attached"
    assert status.report.has_photo  # the status page, reloaded, shows it was received


async def test_a_taken_photo_goes_and_a_second_is_refused_with_a_message(transport):  # noqa: F811
    repo = OutageReportsRepository(client(transport))
    status = await hazard(repo)
    vm = photo_of(repo, status.tracking_no, FakePermissions("granted"), FakeFiles())
    await vm.take_photo()
    assert vm.camera_open
    assert await vm.captured(jpeg_with_gps(), status.load), vm.error
    assert status.report.has_photo
    again = photo_of(repo, status.tracking_no, FakePermissions("granted"), FakeFiles())
    assert not await again.captured(jpeg_with_gps(), status.load)
    assert again.error is not None and again.error.code == "photo_exists"


async def test_a_pdf_is_refused_before_sending_for_a_hazard_but_not_for_a_request():
    pdf = Picked("bien-ban.pdf", b"%PDF-1.4\n%%EOF\n")
    vm = AttachViewModel(
        send=refuse_to_send, device=phone_kit(FakePermissions(), FakeFiles(pdf)), images_only=True
    )
    assert not await vm.pick(refuse_to_send)
    assert vm.error is not None and vm.error.code == "image_only"
    sent: list[str] = []

    async def keep(name: str, data: bytes, content_type: str) -> None:
        sent.append(content_type)

    async def done() -> None:
        return None

    request = AttachViewModel(send=keep, device=phone_kit(FakePermissions(), FakeFiles(pdf)))
    assert await request.pick(done), request.error
    assert sent == ["application/pdf"]
