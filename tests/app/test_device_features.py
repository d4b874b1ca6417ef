"""Device features behind fakes: photos for a service request (camera asked at the tap, a
refusal leaves file picking), uploads to the real attachment API in-process, location that
never raises, and which device gets what."""

from __future__ import annotations

import functools
import io

import pytest
from flet_permission_handler import PermissionStatus
from PIL import Image

from app.config import load_settings
from app.device.kit import DeviceKit, device_kit
from app.device.location import FletLocator, Located
from app.device.media import MAX_BYTES, Picked, check
from app.device.permissions import access_of
from app.services.auth_repository import AuthRepository
from app.services.service_requests_repository import ServiceRequestsRepository
from app.views.services.attach_view_model import AttachViewModel
from app.views.services.requests_view_model import RequestDetailViewModel
from tests.app.services.test_client_against_server import BASE, client, transport  # noqa: F401

CODE = "PE01000123456"


class FakePermissions:
    def __init__(self, answer: str = "granted") -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.settings_opened = 0

    async def ask(self, need):
        self.asked.append(need)
        return self.answer

    async def open_settings(self):
        self.settings_opened += 1
        return True


class FakeFiles:
    def __init__(self, *picked: Picked) -> None:
        self.picked = list(picked)
        self.opened = 0

    async def pick(self):
        self.opened += 1
        return self.picked


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (10.0, 46.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def phone_kit(perms: FakePermissions, files: FakeFiles) -> DeviceKit:
    return DeviceKit(files=files, permissions=perms, camera=True)


async def nothing() -> None:
    return None


async def refuse_to_send(name: str, data: bytes, content_type: str) -> None:
    raise AssertionError("nothing may be sent")


async def filed_request(api) -> tuple[ServiceRequestsRepository, int]:
    """meter_check needs no signature: filed, it can take attachments at once."""
    await AuthRepository(api).sign_in("0901234567", "DienNha@2025")
    repo = ServiceRequestsRepository(api)
    filed = await repo.file("meter_check", CODE, {"reason": "Công tơ quay nhanh bất thường"}, None)
    return repo, filed.id


async def test_camera_refused_leaves_picking_a_file_and_uploads_reach_the_api(transport):  # noqa: F811
    api = client(transport)
    repo, request_id = await filed_request(api)
    perms = FakePermissions("denied")
    files = FakeFiles(
        Picked("cot-dien.jpg", jpeg_with_gps()), Picked("giay-to.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    vm = AttachViewModel(
        send=functools.partial(repo.attach, request_id), device=phone_kit(perms, files)
    )
    assert perms.asked == []  # nothing asked until the person taps
    await vm.take_photo()
    assert perms.asked == ["camera"] and not vm.camera_open and vm.refused == "denied"
    assert vm.can_pick  # the other path is still there
    detail = RequestDetailViewModel(repo=repo, request_id=request_id)
    assert await vm.pick(detail.load), vm.error
    assert vm.notice == "device.attached" and vm.sent == 2
    names = [a.filename for a in detail.request.attachments]
    assert names == ["cot-dien.jpg", "giay-to.pdf"]
    await api.aclose()


async def test_a_taken_photo_is_uploaded_without_its_metadata(transport):  # noqa: F811
    api = client(transport)
    repo, request_id = await filed_request(api)
    perms = FakePermissions("granted")
    vm = AttachViewModel(
        send=functools.partial(repo.attach, request_id), device=phone_kit(perms, FakeFiles())
    )
    await vm.take_photo()
    assert vm.camera_open and vm.refused is None
    assert await vm.captured(jpeg_with_gps(), nothing), vm.error
    assert not vm.camera_open
    r = await repo.get(request_id)
    assert r.attachments[0].content_type == "image/jpeg"
    assert r.attachments[0].filename.startswith("anh-")
    response = await api.send(
        "GET", f"service-requests/{request_id}/attachments/{r.attachments[0].id}"
    )
    assert b"PhoneMaker" in jpeg_with_gps()
    assert b"PhoneMaker" not in response.content  # the server strips EXIF (GPS, camera)
    assert not Image.open(io.BytesIO(response.content)).getexif()
    await api.aclose()


async def test_blocked_camera_offers_the_settings():
    perms = FakePermissions("blocked")
    vm = AttachViewModel(send=refuse_to_send, device=phone_kit(perms, FakeFiles()))
    await vm.take_photo()
    assert vm.refused == "blocked"
    await vm.open_settings()
    assert perms.settings_opened == 1


async def test_files_are_checked_before_anything_is_sent():
    for picked, code in (
        (Picked("big.jpg", b"x" * (MAX_BYTES + 1)), "payload_too_large"),
        (Picked("notes.docx", b"PK..."), "unsupported_media_type"),
        (Picked("empty.png", b""), "file_empty"),
    ):
        assert check(picked) == code
        vm = AttachViewModel(
            send=refuse_to_send, device=phone_kit(FakePermissions(), FakeFiles(picked))
        )
        assert not await vm.pick(nothing)
        assert vm.error is not None and vm.error.code == code


def test_which_device_gets_what():
    mobile = load_settings(environ={"DIENNHA_PROFILE": "mobile"})
    kiosk = load_settings(environ={"DIENNHA_PROFILE": "kiosk"})
    web = load_settings(environ={"DIENNHA_PROFILE": "web"})
    phone = device_kit(mobile, "android", False)
    assert phone.camera and phone.files and phone.permissions and phone.locator
    browser = device_kit(web, "", True)
    assert browser.files and not browser.camera and browser.permissions is None
    assert browser.locator is None
    desktop = device_kit(mobile, "windows", False)
    assert desktop.files and not desktop.camera and desktop.locator is None
    counter = device_kit(kiosk, "linux", False)
    assert counter.files is None and not counter.camera and counter.locator is None


@pytest.mark.parametrize(
    ("answer", "reason"),
    [("denied", "denied"), ("blocked", "blocked"), ("unsupported", "unsupported")],
)
async def test_location_refused_says_why_and_never_raises(answer, reason):
    perms = FakePermissions(answer)
    located = await FletLocator(perms).locate()
    assert located == Located(None, reason) and perms.asked == ["location"]


async def test_location_granted_without_the_plugin_running_is_a_failed_fix():
    # Granted, but no Flutter side to answer (as here): a fix is "failed", not an exception.
    located = await FletLocator(FakePermissions("granted")).locate()
    assert located.fix is None and located.reason == "failed"


def test_every_plugin_status_maps():
    assert {access_of(s.value) for s in PermissionStatus} <= {"granted", "denied", "blocked"}
    assert access_of(None) == "unsupported"
    assert access_of("permanentlyDenied") == "blocked"
