"""What the one-bill and the pay-all QR screens share: the save/share button, the paid card's
frame and the layout (QR column beside the details on a wide screen, one column on a phone)."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.pay.qr_card import card_lines, draw_qr_card
from app.views.pay.qr_image import QrImage
from app.widgets.file_export import can_share, save_bytes
from app.widgets.screen import centred
from app.widgets.semantics import tagged
from app.widgets.touch import touch_height
from domain.models.bills import Bill, PaymentQr


def save_button(t: Translator, image: QrImage, qr: PaymentQr, bill: Bill | None) -> ft.Control:
    """Save (or share, where the platform can) the QR as a PNG card with its payee lines."""

    async def save() -> None:
        png = draw_qr_card(
            image, t.t("pay.card_title"), card_lines(t, qr, bill), t.t("pay.card_hint")
        )
        if await save_bytes(png, f"vietqr-{qr.bill_no}.png", "image/png", t.t("pay.title")):
            ft.context.page.show_dialog(
                ft.SnackBar(ft.Text(t.t("pay.saved")), show_close_icon=True)
            )

    share = can_share()
    return tagged(
        "pay-save",
        ft.OutlinedButton(
            t.t("pay.share" if share else "pay.save"),
            icon=ft.Icons.SHARE if share else ft.Icons.DOWNLOAD,
            on_click=save,
            height=touch_height(),
        ),
    )


def paid_frame(rows: list[ft.Control]) -> ft.Control:
    """The paid card: said aloud once (live region), its lines centred."""
    return tagged(
        "pay-paid",
        ft.Semantics(
            live_region=True,
            content=ft.Card(
                ft.Container(
                    ft.Column(rows, horizontal_alignment=ft.CrossAxisAlignment.CENTER, spacing=8),
                    padding=24,
                )
            ),
        ),
        container=True,
    )


def qr_screen(
    title: ft.Control,
    qr_column: list[ft.Control],
    details: list[ft.Control],
    wide: bool,
    first: list[ft.Control] | None = None,
) -> ft.Control:
    """Wide: the QR column (fixed width) beside the details. Narrow: `first` (what the QR
    pays, when it pays several), the QR column, then the details."""
    if wide:
        body = ft.Row(
            [
                ft.Column(
                    qr_column,
                    spacing=12,
                    width=360,
                    horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
                ),
                ft.Column([*(first or []), *details], spacing=12, expand=True),
            ],
            spacing=24,
            vertical_alignment=ft.CrossAxisAlignment.START,
        )
        return centred([title, body], max_width=960)
    return ft.Column(
        [title, *(first or []), *qr_column, *details],
        spacing=12,
        horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
    )
