"""Hand bytes made in the app (an e-invoice PDF, a QR image) to the person: a download in the
browser, the share sheet on phones, a save dialog on desktops. Nothing goes through a URL."""

from __future__ import annotations

import flet as ft


def can_share() -> bool:
    """The native share sheet exists in the phone apps (a browser downloads instead)."""
    page = ft.context.page
    return not page.web and page.platform is not None and page.platform.is_mobile()


async def save_bytes(data: bytes, file_name: str, mime_type: str, title: str) -> bool:
    """Download (web), share sheet (iOS/Android) or save dialog (desktop); False if cancelled."""
    if can_share():
        shared = await ft.Share().share_files(
            [ft.ShareFile.from_bytes(data, mime_type=mime_type, name=file_name)], title=title
        )
        return shared.status != ft.ShareResultStatus.DISMISSED
    saved = await ft.FilePicker().save_file(dialog_title=title, file_name=file_name, src_bytes=data)
    return bool(saved) or ft.context.page.web  # a browser download gives no path back
