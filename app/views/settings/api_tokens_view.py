"""Mã truy cập cá nhân (Settings → /settings/api-tokens): create a read-only token for Home
Assistant or a spreadsheet, copy it once, see the live ones with their last use, revoke."""

from __future__ import annotations

import flet as ft

from app.context import use_accounts, use_app_state, use_t
from app.i18n import Translator
from app.views.hooks import use_view_model
from app.views.settings.api_tokens_view_model import DAYS, ApiTokensViewModel
from app.widgets.form_fields import field_error_text, form_messages, submit_button, text_field
from app.widgets.screen import FORM_WIDTH, screen
from app.widgets.semantics import tagged
from domain.models.api_tokens import SCOPES, ApiTokenPublic

HA_EXAMPLE = """sensor:
  - platform: rest
    name: Điện hôm qua
    resource: https://<máy chủ>/api/v1/accounts/<mã>/usage/daily
    headers:
      Authorization: Bearer <mã truy cập>
    value_template: "{{ value_json[-1].kwh }}"
    unit_of_measurement: kWh
    device_class: energy
    scan_interval: 3600"""


def _heading(text: str) -> ft.Control:
    return ft.Semantics(
        header=True, content=ft.Text(text, theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
    )


def _token_row(t: Translator, vm: ApiTokensViewModel, token: ApiTokenPublic) -> ft.Control:
    used = t.datetime(token.last_used_at) if token.last_used_at else t.t("api_tokens.never_used")
    lines = [
        ft.Text(f"{token.name} · {token.hint}…", weight=ft.FontWeight.BOLD),
        ft.Text(", ".join(t.t(f"api_tokens.scope.{s}") for s in token.scopes), size=12),
        ft.Text(
            t.t("api_tokens.codes", codes=", ".join(token.customer_codes))
            if token.customer_codes
            else t.t("api_tokens.all_codes"),
            size=12,
        ),
        ft.Text(t.t("api_tokens.last_used", when=used), size=12),
        ft.Text(
            t.t(
                "api_tokens.expired" if token.expired else "api_tokens.expires",
                when=t.date(token.expires_at.date()),
            ),
            size=12,
            color=ft.Colors.ERROR if token.expired else None,
        ),
    ]

    async def revoke() -> None:
        await vm.revoke(token.id)

    return tagged(
        f"api-token-{token.id}",
        ft.Card(
            ft.Container(
                ft.Row(
                    [
                        ft.Column(list(lines), spacing=2, expand=True),
                        tagged(
                            f"api-token-revoke-{token.id}",
                            ft.OutlinedButton(t.t("api_tokens.revoke"), on_click=revoke, height=48),
                        ),
                    ]
                ),
                padding=12,
            )
        ),
        container=True,
    )


def _form(t: Translator, vm: ApiTokensViewModel, code: str | None) -> list[ft.Control]:
    boxes = [
        tagged(
            f"api-token-scope-{s.split(':')[1]}",
            ft.Checkbox(
                label=t.t(f"api_tokens.scope.{s}"),
                value=s in vm.scopes,
                on_change=lambda e, s=s: vm.toggle_scope(s, bool(e.control.value)),
            ),
        )
        for s in SCOPES
    ]
    out: list[ft.Control] = [
        text_field(t, vm, "name", "api_tokens.name", "api-token-name"),
        ft.Text(t.t("api_tokens.scopes"), theme_style=ft.TextThemeStyle.LABEL_LARGE),
        *boxes,
    ]
    if err := field_error_text(t, vm, "scopes"):
        out.append(ft.Text(err, color=ft.Colors.ERROR, size=12))
    if code:
        out.append(
            tagged(
                "api-token-only-code",
                ft.Checkbox(
                    label=t.t("api_tokens.only_code", code=code),
                    value=vm.only_code == code,
                    on_change=lambda e: vm.bind_to(code if e.control.value else None),
                ),
            )
        )
    out.append(
        tagged(
            "api-token-days",
            ft.SegmentedButton(
                segments=[
                    ft.Segment(value=str(d), label=ft.Text(t.t("api_tokens.days", days=d)))
                    for d in DAYS
                ],
                selected=[str(vm.days)],
                show_selected_icon=False,
                on_change=lambda e: (
                    vm.set_days(int(e.control.selected[0])) if e.control.selected else None
                ),
            ),
            label=t.t("api_tokens.lifetime"),
        )
    )
    out.append(submit_button(t.t("api_tokens.create"), "api-token-create", vm, vm.create))
    return out


def _created(t: Translator, token: str) -> ft.Control:
    """The token, this once: plain text (read out by screen readers) and a copy button."""

    async def copy() -> None:
        await ft.Clipboard().set(token)

    colour = ft.Colors.ON_SECONDARY_CONTAINER
    return tagged(
        "api-token-created",
        ft.Card(
            ft.Container(
                ft.Column(
                    [
                        ft.Text(
                            t.t("api_tokens.copy_now"), weight=ft.FontWeight.BOLD, color=colour
                        ),
                        ft.Text(token, font_family="monospace", color=colour),
                        tagged(
                            "api-token-copy",
                            ft.OutlinedButton(
                                t.t("api_tokens.copy"), icon=ft.Icons.COPY, on_click=copy, height=48
                            ),
                        ),
                    ],
                    spacing=6,
                ),
                padding=12,
                bgcolor=ft.Colors.SECONDARY_CONTAINER,
            )
        ),
        container=True,
    )


@ft.component
def ApiTokensView() -> ft.View:
    accounts = use_accounts()
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: ApiTokensViewModel(repo=s.api_tokens))

    async def load() -> None:
        if state.session == "signed_in":
            await vm.load()

    ft.use_effect(load, [state.session])
    body: list[ft.Control] = [ft.Text(t.t("api_tokens.intro"))]
    if vm.created is not None:
        body.append(_created(t, vm.created.token))
    body += [_heading(t.t("api_tokens.new")), *_form(t, vm, accounts.selected_code)]
    body += form_messages(t, vm)
    body.append(_heading(t.t("api_tokens.live")))
    if vm.loaded and not vm.tokens:
        body.append(ft.Text(t.t("api_tokens.none")))
    body += [_token_row(t, vm, tok) for tok in vm.tokens]
    body += [
        _heading(t.t("api_tokens.guide")),
        ft.Text(t.t("api_tokens.guide_text")),
        tagged(
            "api-token-guide",
            ft.Container(
                ft.Text(HA_EXAMPLE, selectable=True, font_family="monospace", size=12),
                padding=12,
                bgcolor=ft.Colors.SURFACE_CONTAINER_HIGH,
                border_radius=8,
            ),
            container=True,
        ),
    ]
    return screen(
        "/settings/api-tokens",
        t.t("api_tokens.title"),
        body,
        back_to="/settings",
        max_width=FORM_WIDTH,
    )
