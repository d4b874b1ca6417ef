"""Kiosk pieces: the "Tôi đã xong" button, the inactivity countdown, big start-screen tiles."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.app_state import AppState
from app.context import Kiosk
from app.i18n import Translator, translator
from app.widgets.semantics import tagged
from app.widgets.touch import KIOSK_TOUCH
from domain.models.bills import BillStatusPublic

TOUCH = KIOSK_TOUCH
BIG_TEXT = 22


def unpaid_note(t: Translator, bill: BillStatusPublic) -> str | None:
    """What the newest bill's card does not say: other unpaid bills and an overdue one."""
    parts: list[str] = []
    if bill.unpaid_count > 1:
        parts.append(
            t.t("kiosk.unpaid_more", count=bill.unpaid_count, amount=t.money(bill.unpaid_total))
        )
    if bill.overdue_count and bill.oldest_unpaid_due:
        parts.append(t.t("kiosk.overdue_risk", date=t.date(bill.oldest_unpaid_due)))
    return " ".join(parts) or None


async def end_session(kiosk: Kiosk) -> None:
    """Sign out on the server, wipe everything, and show the start screen."""
    await kiosk.holder.end()
    ft.context.page.navigate("/welcome")


def done_button(t: Translator, kiosk: Kiosk, height: int = 48) -> ft.Control:
    """Always in the top bar while someone is signed in at a kiosk."""

    async def done() -> None:
        await end_session(kiosk)

    return tagged(
        "kiosk-done",
        ft.FilledButton(
            t.t("kiosk.done"),
            icon=ft.Icons.LOGOUT,
            on_click=done,
            height=height,
            tooltip=t.t("kiosk.done_help"),
            disabled=kiosk.holder.ending,
        ),
    )


def idle_dialog(state: AppState, kiosk: Kiosk) -> ft.AlertDialog | None:
    """The last seconds before an idle kiosk wipes itself, with a way to carry on."""
    seconds = kiosk.idle.remaining
    if seconds is None:
        return None
    t = translator(state.locale)
    signed_in = state.session == "signed_in"
    message = t.t("kiosk.idle_signed_in" if signed_in else "kiosk.idle_guest", seconds=seconds)
    actions: list[ft.Control] = [
        tagged(
            "kiosk-still-here",
            ft.FilledButton(t.t("kiosk.still_here"), on_click=kiosk.idle.touch, height=TOUCH),
        )
    ]
    if signed_in:
        actions.insert(0, done_button(t, kiosk, height=TOUCH))
    return ft.AlertDialog(
        modal=True,
        title=ft.Text(t.t("kiosk.idle_title")),
        content=tagged(
            "kiosk-countdown",
            ft.Semantics(
                live_region=True,
                content=ft.Column(
                    [
                        ft.Text(message, size=BIG_TEXT, weight=ft.FontWeight.BOLD),
                        ft.Text(t.t("kiosk.idle_note")),
                    ],
                    tight=True,
                    spacing=12,
                ),
            ),
            container=True,
        ),
        actions=actions,
        actions_alignment=ft.MainAxisAlignment.END,
        on_dismiss=kiosk.idle.touch,
    )


def big_tile(
    identifier: str, icon: ft.IconData, title: str, help_text: str, on_click: Callable
) -> ft.Control:
    """A start-screen choice: the whole card is one large target."""
    return tagged(
        identifier,
        ft.Card(
            ft.Container(
                ft.Row(
                    [
                        ft.Icon(icon, size=40, color=ft.Colors.PRIMARY),
                        ft.Column(
                            [
                                ft.Text(title, size=BIG_TEXT, weight=ft.FontWeight.BOLD),
                                ft.Text(help_text, size=16, color=ft.Colors.ON_SURFACE_VARIANT),
                            ],
                            spacing=4,
                            expand=True,
                        ),
                        ft.Icon(ft.Icons.CHEVRON_RIGHT, size=32),
                    ],
                    spacing=16,
                ),
                padding=20,
                on_click=on_click,
                ink=True,
                border_radius=12,
            )
        ),
        col={"xs": 12, "md": 6},
    )
