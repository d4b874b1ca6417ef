"""A photo of the danger, on the status page of a hazard report: optional, one per report,
JPEG or PNG (the server strips its metadata). Taken with the camera on phones (asked on the
tap) or picked from files; kiosks offer neither, so the part does not show there."""

from __future__ import annotations

import flet as ft

from app.context import use_services, use_t
from app.views.services.attach_section import AttachPanel
from app.views.services.attach_view_model import Done
from app.widgets.semantics import tagged


@ft.component
def HazardPhoto(tracking_no: str, has_photo: bool, done: Done) -> ft.Control:
    services = use_services()
    t = use_t()
    if has_photo:
        return tagged(
            "hazard-photo-sent",
            ft.Row(
                [
                    ft.Icon(ft.Icons.CHECK_CIRCLE, color=ft.Colors.PRIMARY),
                    ft.Text(t.t("incidents.photo_sent"), expand=True),
                ]
            ),
        )

    async def send(name: str, data: bytes, content_type: str) -> object:
        await services.outage_reports.add_photo(tracking_no, name, data, content_type)
        return None

    title = ft.Text(t.t("incidents.photo_title"), theme_style=ft.TextThemeStyle.TITLE_SMALL)
    return tagged(
        "hazard-photo",
        AttachPanel(
            send,
            done,
            target=tracking_no,
            heading=[title],
            help_key="incidents.photo_help",
            images_only=True,
        ),
        container=True,
    )
