"""Attaching files: "Chọn tệp" everywhere but kiosks, and "Chụp ảnh" on phones (camera asked
for on that tap; refused → files still work). `AttachPanel` is the part both uses share: the
attachments of one of my requests (`AttachSection`) and a hazard report's photo
(app/views/outage_report/hazard_photo.py)."""

from __future__ import annotations

import logging

import flet as ft

from app.context import use_services, use_t
from app.device.kit import DeviceKit
from app.i18n import Translator
from app.views.hooks import use_view_model
from app.views.services.attach_view_model import AttachViewModel, Done, Send
from app.widgets.semantics import tagged
from app.widgets.states import field_error
from domain.models.services import AttachmentPublic

log = logging.getLogger(__name__)
CAMERA_HEIGHT = 360


@ft.component
def CameraCapture(vm: AttachViewModel, done: Done) -> ft.Control:
    """flet-camera's preview of the back camera, a shutter and a cancel (no audio)."""
    import flet_camera as fc

    t = use_t()
    camera, _ = ft.use_state(lambda: fc.Camera(expand=True, preview_enabled=True))
    ready, set_ready = ft.use_state(False)

    async def start() -> None:
        try:
            cameras = await camera.get_available_cameras()
            back = next(
                (c for c in cameras if c.lens_direction == fc.CameraLensDirection.BACK), None
            )
            if back is None and cameras:
                back = cameras[0]
            if back is None:
                raise RuntimeError("no camera")
            await camera.initialize(back, fc.ResolutionPreset.HIGH, enable_audio=False)
            set_ready(True)
        except Exception:
            log.info("camera could not start", exc_info=True)
            vm.refused = "unsupported"
            vm.close_camera()

    async def shoot() -> None:
        data = await camera.take_picture()
        await vm.captured(bytes(data), done)

    ft.use_effect(start, [])
    return ft.Column(
        [
            ft.Container(camera, height=CAMERA_HEIGHT, border_radius=12),
            ft.Row(
                [
                    tagged(
                        "camera-shoot",
                        ft.FilledButton(
                            t.t("device.shoot"), icon=ft.Icons.CAMERA, on_click=shoot,
                            disabled=not ready or vm.busy,
                        ),
                    ),
                    tagged("camera-cancel", ft.TextButton(t.t("common.cancel"), on_click=vm.close_camera)),
                ]
            ),
        ]
    )  # fmt: skip


def attachment_list(t: Translator, items: list[AttachmentPublic]) -> list[ft.Control]:
    return [
        ft.ListTile(
            leading=ft.Icon(
                ft.Icons.PICTURE_AS_PDF if a.content_type == "application/pdf" else ft.Icons.IMAGE
            ),
            title=ft.Text(a.filename),
            subtitle=ft.Text(f"{max(1, a.size // 1024)} KB · {t.datetime(a.uploaded_at)}"),
        )
        for a in items
    ]


def refusal(t: Translator, vm: AttachViewModel) -> ft.Control | None:
    if vm.refused is None:
        return None
    text = ft.Text(t.t(f"device.camera_{vm.refused}"), expand=True)
    row: list[ft.Control] = [ft.Icon(ft.Icons.NO_PHOTOGRAPHY), text]
    if vm.refused == "blocked":
        row.append(ft.TextButton(t.t("device.open_settings"), on_click=vm.open_settings))
    return tagged("camera-refused", ft.Row(row))


@ft.component
def AttachSection(request_id: int, items: list[AttachmentPublic], done: Done) -> ft.Control:
    services = use_services()
    t = use_t()

    async def send(name: str, data: bytes, content_type: str) -> object:
        return await services.service_requests.attach(request_id, name, data, content_type)

    title = ft.Text(t.t("services.attachments"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    return AttachPanel(
        send,
        done,
        target=request_id,
        heading=[title, *attachment_list(t, items)],
        help_key="device.attach_help",
    )


@ft.component
def AttachPanel(
    send: Send,
    done: Done,
    *,
    target: object,
    heading: list[ft.Control],
    help_key: str,
    images_only: bool = False,
) -> ft.Control:
    """The heading (a title, what is attached), the buttons this device offers, the camera
    when open, and what happened. Nothing to offer (a kiosk): the heading alone. `target` names
    what the files go to: shown for another one, the panel starts afresh with its `send`."""
    t = use_t()
    vm = use_view_model(
        lambda s: AttachViewModel(
            send=send,
            device=s.device or DeviceKit(files=None, permissions=None),
            images_only=images_only,
        ),
        key=target,
    )
    body: list[ft.Control] = list(heading)
    if not (vm.can_pick or vm.can_photograph):
        return ft.Column(body) if len(body) > 1 else ft.Container(visible=False)
    if vm.camera_open:
        body.append(CameraCapture(vm, done))
    buttons: list[ft.Control] = []
    if vm.can_photograph and not vm.camera_open:
        buttons.append(
            tagged(
                "attach-photo",
                ft.OutlinedButton(
                    t.t("device.take_photo"), icon=ft.Icons.PHOTO_CAMERA,
                    on_click=vm.take_photo, disabled=vm.busy,
                ),
            )
        )  # fmt: skip
    if vm.can_pick:

        async def pick() -> None:
            await vm.pick(done)

        buttons.append(
            tagged(
                "attach-file",
                ft.OutlinedButton(
                    t.t("device.pick_file"), icon=ft.Icons.ATTACH_FILE, on_click=pick,
                    disabled=vm.busy,
                ),
            )
        )  # fmt: skip
    body += [ft.Row(buttons, wrap=True), ft.Text(t.t(help_key), size=12)]
    if note := refusal(t, vm):
        body.append(note)
    if vm.error:
        body.append(field_error(t.error(vm.error)))
    elif vm.notice:
        body.append(tagged("attach-done", ft.Text(t.t(vm.notice), color=ft.Colors.PRIMARY)))
    return ft.Column(body)
