"""Pieces of the QR screen: the QR on its white plate, payee details, waiting, paid, refusal."""

from __future__ import annotations

import flet as ft

from app.i18n import Translator
from app.views.bills.widgets import channel_text, credit_text, line, period_short, section
from app.views.pay.banks import bank_name
from app.views.pay.checks import bill_number
from app.views.pay.layout import paid_frame
from app.views.pay.qr_image import QrImage
from app.widgets.semantics import tagged
from domain.models.bills import Bill, PaymentQr

PLATE_PADDING = 12


def qr_plate(t: Translator, image: QrImage, qr: PaymentQr) -> ft.Control:
    """Black on a white plate in both themes: scanners need the contrast and the quiet zone."""
    return tagged(
        "pay-qr",
        ft.Container(
            ft.Image(
                src=image.png,
                width=image.size,
                height=image.size,
                filter_quality=ft.FilterQuality.NONE,
                exclude_from_semantics=True,  # the plate says what it is
            ),
            bgcolor=ft.Colors.WHITE,
            padding=PLATE_PADDING,
            border_radius=12,
            border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT),
        ),
        label=t.t("pay.qr_label", amount=t.money(qr.amount), bill=qr.bill_no),
        container=True,
    )


def amount_lines(t: Translator, qr: PaymentQr) -> list[ft.Control]:
    return [
        tagged(
            "pay-amount",
            ft.Text(
                t.money(qr.amount),
                theme_style=ft.TextThemeStyle.HEADLINE_MEDIUM,
                weight=ft.FontWeight.BOLD,
                text_align=ft.TextAlign.CENTER,
            ),
            container=True,
        ),
        tagged(
            "pay-bill-no",
            ft.Text(
                t.t("pay.bill_no", bill=qr.bill_no),
                text_align=ft.TextAlign.CENTER,
            ),
            container=True,
        ),
    ]


def payee_section(t: Translator, qr: PaymentQr) -> ft.Control:
    rows = [
        line(t.t("pay.bank"), bank_name(qr.bank_bin)),
        line(t.t("pay.account"), qr.account),
        line(t.t("pay.account_name"), qr.account_name),
        line(t.t("pay.purpose"), qr.purpose),
    ]
    return section(t.t("pay.payee_title"), rows, "pay-payee")


def steps_section(t: Translator) -> ft.Control:
    rows: list[ft.Control] = [ft.Text(t.t(f"pay.step_{n}")) for n in ("open", "check", "confirm")]
    rows.append(ft.Text(t.t("pay.step_same_phone"), weight=ft.FontWeight.W_500))
    return section(t.t("pay.steps_title"), rows, "pay-steps")


def fraud_note(t: Translator) -> ft.Control:
    return tagged(
        "pay-fraud-note",
        ft.Container(
            ft.Row(
                [
                    ft.Icon(ft.Icons.GPP_GOOD_OUTLINED, color=ft.Colors.ON_TERTIARY_CONTAINER),
                    ft.Text(
                        t.t("pay.never_asks"), color=ft.Colors.ON_TERTIARY_CONTAINER, expand=True
                    ),
                ],
                vertical_alignment=ft.CrossAxisAlignment.START,
            ),
            bgcolor=ft.Colors.TERTIARY_CONTAINER,
            border_radius=12,
            padding=12,
        ),
        container=True,
    )


def waiting_line(t: Translator, key: str = "pay.waiting") -> ft.Control:
    return tagged(
        "pay-waiting",
        ft.Semantics(
            live_region=True,
            content=ft.Row(
                [
                    ft.ProgressRing(width=16, height=16, stroke_width=2),
                    ft.Text(t.t(key), expand=True, size=13),
                ]
            ),
        ),
        container=True,
    )


def next_bill_button(t: Translator, vm_next, remaining: int) -> ft.Control | None:
    """After one bill is paid: the next unpaid one, so all can be paid in turn."""
    if vm_next is None:
        return None
    return tagged(
        "pay-next",
        # A sentence-long label: it wraps on a phone instead of being cut off (seen cut at
        # "(01/10" in a 390 px screenshot); at least 48 px tall for a finger.
        ft.FilledButton(
            content=ft.Text(
                t.t("pay.next_bill", period=period_short(t, vm_next), remaining=t.money(remaining)),
                text_align=ft.TextAlign.CENTER,
            ),
            icon=ft.Icons.QR_CODE_2,
            style=ft.ButtonStyle(
                padding=ft.Padding.symmetric(horizontal=20, vertical=12),
                shape=ft.RoundedRectangleBorder(radius=24),
            ),
            on_click=lambda: ft.context.page.navigate(f"/bills/{vm_next.id}/pay"),
        ),
    )


def paid_card(t: Translator, bill: Bill, next_button: ft.Control | None = None) -> ft.Control:
    rows: list[ft.Control] = [
        ft.Icon(ft.Icons.CHECK_CIRCLE, size=72, color=ft.Colors.PRIMARY),
        ft.Text(
            t.t("bills.status.paid"),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.BOLD,
            text_align=ft.TextAlign.CENTER,
        ),
        ft.Text(t.money(bill.amount_due), theme_style=ft.TextThemeStyle.TITLE_LARGE),
        *credit_text(t, bill, "pay-credit"),
        ft.Text(t.t("pay.bill_no", bill=bill_number(bill))),
    ]
    if bill.paid_at is not None:
        rows.append(
            ft.Text(
                t.t(
                    "pay.paid_detail",
                    when=t.datetime(bill.paid_at),
                    channel=channel_text(t, bill.channel),
                ),
                text_align=ft.TextAlign.CENTER,
            )
        )
    if next_button is not None:
        rows.append(next_button)
    rows.append(
        tagged(
            "pay-open-bill",
            ft.OutlinedButton(
                t.t("pay.open_bill"),
                icon=ft.Icons.RECEIPT_LONG,
                on_click=lambda: ft.context.page.navigate(f"/bills/{bill.id}"),
            ),
        )
    )
    return paid_frame(rows)


def refused_card(t: Translator, reason: str, on_retry) -> ft.Control:
    return tagged(
        "pay-refused",
        ft.Container(
            ft.Column(
                [
                    ft.Row(
                        [
                            ft.Icon(ft.Icons.GPP_BAD_OUTLINED, color=ft.Colors.ON_ERROR_CONTAINER),
                            ft.Text(
                                t.t("pay.refused_title"),
                                weight=ft.FontWeight.BOLD,
                                color=ft.Colors.ON_ERROR_CONTAINER,
                                expand=True,
                            ),
                        ]
                    ),
                    ft.Text(t.t(f"pay.refused_{reason}"), color=ft.Colors.ON_ERROR_CONTAINER),
                    ft.Text(t.t("pay.refused_advice"), color=ft.Colors.ON_ERROR_CONTAINER),
                    tagged("pay-retry", ft.TextButton(t.t("common.retry"), on_click=on_retry)),
                ],
                spacing=8,
            ),
            bgcolor=ft.Colors.ERROR_CONTAINER,
            border_radius=12,
            padding=16,
        ),
        container=True,
    )
