"""Pieces of the services screens: a catalogue card, form inputs, the signing sheet, timeline."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.i18n import Translator
from app.widgets.semantics import tagged
from domain.models.services import FieldSpecPublic, ServiceTypePublic, TimelineEntry

STATUS_COLOURS = {
    "done": ft.Colors.TERTIARY,  # a theme role: dark mode keeps its contrast
    "rejected": ft.Colors.ERROR,
    "cancelled": ft.Colors.ON_SURFACE_VARIANT,
}


def status_chip(t: Translator, status: str) -> ft.Control:
    return ft.Container(
        ft.Text(
            t.t(f"services.status.{status}"),
            size=12,
            color=STATUS_COLOURS.get(status, ft.Colors.PRIMARY),
        ),
        border=ft.Border.all(1, STATUS_COLOURS.get(status, ft.Colors.PRIMARY)),
        border_radius=12,
        padding=ft.Padding.symmetric(horizontal=8, vertical=2),
    )


def type_card(
    t: Translator, s: ServiceTypePublic, on_file: Callable[[], None] | None, file_label: str
) -> ft.Control:
    facts: list[ft.Control] = [
        ft.Text(t.t(f"services.who.{s.who}"), size=12),
        ft.Text(t.t("services.turnaround", days=s.turnaround_days), size=12),
    ]
    if s.needs_signature:
        facts.append(ft.Text(t.t("services.needs_signature"), size=12))
    docs: list[ft.Control] = [ft.Text("• " + d) for d in s.documents] or [
        ft.Text(t.t("services.no_documents"))
    ]
    controls: list[ft.Control] = [
        ft.Text(s.name, theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Text(s.description),
        ft.Row(facts, wrap=True, spacing=12),
        ft.ExpansionTile(
            title=ft.Text(t.t("services.documents")),
            controls=[ft.Container(ft.Column(docs), padding=8)],
        ),
    ]
    if on_file is not None:
        controls.append(
            tagged(
                f"file-{s.code}", ft.FilledButton(file_label, icon=ft.Icons.SEND, on_click=on_file)
            )
        )
    return tagged(
        f"service-{s.code}",
        ft.Card(ft.Container(ft.Column(controls, spacing=8), padding=16)),
        container=True,
    )


def field_input(
    t: Translator,
    spec: FieldSpecPublic,
    value: str,
    error: str | None,
    on_change: Callable[[str], None],
) -> ft.Control:
    message = t.t(f"services.field_error.{error}", min=spec.min, max=spec.max) if error else None
    label = spec.label + ("" if spec.required else f" ({t.t('services.optional')})")

    def changed(e) -> None:
        on_change(e.control.value or "")

    if spec.kind == "choice":
        control: ft.Control = ft.Dropdown(
            label=label,
            value=value or None,
            options=[ft.DropdownOption(key=c.value, text=c.label) for c in spec.choices],
            error_text=message,
            on_select=changed,
            expand=True,
        )
    else:
        keyboard = {
            "number": ft.KeyboardType.NUMBER,
            "phone": ft.KeyboardType.PHONE,
            "email": ft.KeyboardType.EMAIL,
            "date": ft.KeyboardType.DATETIME,
        }.get(spec.kind, ft.KeyboardType.TEXT)
        control = ft.TextField(
            label=label,
            value=value,
            keyboard_type=keyboard,
            hint_text=t.t("services.date_hint") if spec.kind == "date" else None,
            multiline=spec.kind == "address",
            error=message,
            on_change=changed,
        )
    return tagged(f"field-{spec.name}", control)


def who(t: Translator, by: str) -> str:
    """The API names staff "staff" and people by their masked phone."""
    return t.t("services.by_staff") if by == "staff" else by


def timeline(t: Translator, entries: list[TimelineEntry]) -> ft.Control:
    rows: list[ft.Control] = [
        ft.ListTile(
            leading=ft.Icon(ft.Icons.RADIO_BUTTON_CHECKED, color=ft.Colors.PRIMARY),
            title=ft.Text(t.t(f"services.status.{e.status}")),
            subtitle=ft.Text(
                " · ".join(x for x in (t.datetime(e.at), e.note or "", who(t, e.by)) if x)
            ),
        )
        for e in entries
    ]
    return tagged("request-timeline", ft.Card(ft.Column(rows, spacing=0)), container=True)


def message_box(
    t: Translator, prefix: str, label_key: str, value: str, on_change: Callable, on_send, busy: bool
) -> list[ft.Control]:
    """A message field and its send button (the customer's and the staff screen's)."""
    return [
        tagged(
            f"{prefix}-input",
            ft.TextField(
                label=t.t(label_key),
                value=value,
                multiline=True,
                max_length=1000,
                on_change=lambda e: on_change(e.control.value or ""),
            ),
        ),
        tagged(
            f"{prefix}-send",
            ft.FilledButton(
                t.t("services.message_send"), icon=ft.Icons.SEND, on_click=on_send, disabled=busy
            ),
        ),
    ]
