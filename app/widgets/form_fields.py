"""Form pieces bound to a FormState: labelled fields, submit button, error and notice lines."""

from __future__ import annotations

from collections.abc import Callable

import flet as ft

from app.i18n import Translator
from app.views.form_state import FormState
from app.widgets.semantics import tagged
from app.widgets.states import error_notice
from app.widgets.touch import touch_height


def field_error_text(t: Translator, form: FormState, name: str) -> str | None:
    code = form.field_errors.get(name)
    return t.t(f"field_error.{code}") if code else None


def text_field(
    t: Translator,
    form: FormState,
    name: str,
    label_key: str,
    identifier: str,
    *,
    kind: str = "text",
    autofocus: bool = False,
    on_submit: Callable | None = None,
) -> ft.Control:
    """A labelled field bound to `form.<name>`; kind is text | phone | password | otp | name."""
    keyboard = {
        "phone": ft.KeyboardType.PHONE,
        "otp": ft.KeyboardType.NUMBER,
        "number": ft.KeyboardType.NUMBER,
        "name": ft.KeyboardType.NAME,
    }.get(kind, ft.KeyboardType.TEXT)
    field = ft.TextField(
        label=t.t(label_key),
        value=getattr(form, name),
        on_change=lambda e: setattr(form, name, e.control.value),
        on_submit=on_submit,
        error=field_error_text(t, form, name),
        error_max_lines=3,  # a hint such as the customer-code rule must not be cut off
        keyboard_type=keyboard,
        max_length=6 if kind == "otp" else None,
        autofocus=autofocus,
        disabled=form.busy,
    )
    if kind == "password":
        return tagged(identifier, PasswordField(t, field))
    return tagged(identifier, field)


@ft.component
def PasswordField(t: Translator, field: ft.TextField) -> ft.Control:
    """A password field whose show/hide button is named for screen readers (Flutter's own
    reveal button has no label)."""
    shown, set_shown = ft.use_state(False)
    field.password = not shown
    field.suffix_icon = ft.IconButton(
        ft.Icons.VISIBILITY_OFF_OUTLINED if shown else ft.Icons.VISIBILITY_OUTLINED,
        tooltip=t.t("auth.hide_password" if shown else "auth.show_password"),
        on_click=lambda: set_shown(not shown),
    )
    return field


def submit_button(label: str, identifier: str, form: FormState, on_click: Callable) -> ft.Control:
    content: ft.Control = ft.Text(label)
    if form.busy:
        content = ft.Row(
            [ft.ProgressRing(width=16, height=16, stroke_width=2), ft.Text(label)],
            tight=True,
        )
    return tagged(
        identifier,
        ft.FilledButton(
            content=content, on_click=on_click, disabled=form.busy, height=touch_height()
        ),
    )


def form_messages(t: Translator, form: FormState) -> list[ft.Control]:
    out: list[ft.Control] = []
    if form.notice:
        out.append(
            ft.Semantics(
                live_region=True,
                content=ft.Row(
                    [
                        ft.Icon(ft.Icons.CHECK_CIRCLE_OUTLINE, color=ft.Colors.PRIMARY),
                        ft.Text(t.t(form.notice), expand=True),
                    ]
                ),
            )
        )
    if form.error:
        out.append(tagged("form-error", error_notice(t.error(form.error)), container=True))
    return out


def action_button(
    identifier: str,
    label: str,
    icon: ft.IconData,
    on_click: Callable,
    *,
    disabled: bool = False,
    kind: type[ft.OutlinedButton] | type[ft.FilledTonalButton] = ft.OutlinedButton,
    style: ft.ButtonStyle | None = None,
) -> ft.Control:
    """A labelled action of a settings list (sign out, export, delete…), full touch height."""
    return tagged(
        identifier,
        kind(
            label,
            icon=icon,
            on_click=on_click,
            disabled=disabled,
            height=touch_height(),
            style=style,
        ),
    )
