"""Dịch vụ: the catalogue for guests and signed-in people, and the form with OTP signing."""

from __future__ import annotations

from functools import partial
from typing import cast

import flet as ft

from app.context import use_accounts, use_app_state, use_services, use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.services.view_model import CatalogueViewModel, ServiceFormViewModel
from app.views.services.widgets import field_input, type_card
from app.widgets.screen import FORM_WIDTH, centred, page_title, screen
from app.widgets.semantics import tagged
from app.widgets.states import empty, error_notice, field_error, loading


def catalogue_body(
    t: Translator, vm: CatalogueViewModel, on_file, file_label: str, reload
) -> list[ft.Control]:
    if vm.error and not vm.types:
        return [error_notice(t.error(vm.error), t.t("common.retry"), reload)]
    if not vm.types:
        return [loading(t.t("common.loading"))]
    return [ft.Text(t.t("services.intro"))] + [
        type_card(t, s, on_file(s), file_label) for s in vm.types if not s.from_bill
    ]


@ft.component
def GuestServicesView() -> ft.View:
    """Guests read the catalogue and the documents to bring, as EVN's guides do."""
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: CatalogueViewModel(repo=s.service_requests))

    async def load() -> None:
        await vm.load(state.locale)

    use_load(load, state.locale)
    go = ft.context.page.navigate
    body = catalogue_body(
        t, vm, lambda s: lambda: go("/sign-in"), t.t("services.sign_in_to_file"), load
    )
    return screen("/guest/services", t.t("services.title"), body, back_to="/guest")


@ft.component
def ServicesView() -> ft.Control:
    services = use_services()
    accounts = use_accounts()
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: CatalogueViewModel(repo=s.service_requests))

    async def load() -> None:
        await vm.load(state.locale)

    use_load(load, state.locale)
    go = ft.context.page.navigate
    selected = accounts.selected

    def on_file(s):
        if not vm.may_file(
            s, selected.role if selected else None, selected.status if selected else None
        ):
            return None
        return lambda: go(f"/services/new/{s.code}")

    body: list[ft.Control] = [
        page_title(t.t("services.title"), back_to="/"),
        tagged(
            "my-requests",
            ft.OutlinedButton(
                t.t("services.mine"),
                icon=ft.Icons.LIST_ALT,
                on_click=lambda: go("/services/requests"),
            ),
        ),
    ]
    if services.staff_requests.looks_like_staff():
        body.append(
            tagged(
                "staff-queue",
                ft.FilledTonalButton(
                    t.t("services.staff_title"),
                    icon=ft.Icons.SUPPORT_AGENT,
                    on_click=lambda: go("/staff/services"),
                ),
            )
        )
    if selected:
        body.append(ft.Text(t.t("services.for_code", code=selected.customer_code)))
    body += catalogue_body(t, vm, on_file, t.t("services.file"), load)
    return centred(body, FORM_WIDTH + 160)


def signing_sheet(t: Translator, vm: ServiceFormViewModel) -> list[ft.Control]:
    """Shows exactly what the signature covers before the code is asked for."""
    assert vm.filed is not None
    lines: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(
                    label if label != "note" else t.t("services.note"),
                    weight=ft.FontWeight.BOLD,
                    expand=True,
                ),
                ft.Text(value, expand=True),
            ]
        )
        for label, value in vm.signed_lines()
    ]
    controls: list[ft.Control] = [
        ft.Text(t.t("services.sign_title"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        ft.Text(
            t.t("services.sign_intro", tracking_no=vm.filed.tracking_no, service=vm.service.name)
        ),
        tagged(
            "signed-content", ft.Card(ft.Container(ft.Column(lines), padding=16)), container=True
        ),
        ft.Text(
            t.t("services.sign_hash", hash=vm.filed.content_sha256[:16]), size=12, selectable=True
        ),
        ft.Text(t.t("services.sign_warning"), color=ft.Colors.ERROR, size=12),
        tagged(
            "send-sign-code",
            ft.OutlinedButton(
                t.t("services.send_code" if not vm.code_sent else "services.send_again"),
                icon=ft.Icons.SMS,
                on_click=vm.send_code,
                disabled=vm.busy,
            ),
        ),
    ]
    if vm.code_sent:

        def typed(e) -> None:
            vm.otp = (e.control.value or "").strip()

        controls += [
            tagged(
                "sign-otp",
                ft.TextField(
                    label=t.t("auth.otp"),
                    value=vm.otp,
                    keyboard_type=ft.KeyboardType.NUMBER,
                    max_length=6,
                    on_change=typed,
                    error=t.t("services.field_error.bad_format")
                    if "otp" in vm.field_errors
                    else None,
                ),
            ),
            tagged(
                "sign-submit",
                ft.FilledButton(
                    t.t("services.sign"), icon=ft.Icons.DRAW, on_click=vm.sign, disabled=vm.busy
                ),
            ),
        ]
    return controls


@ft.component
def ServiceFormView() -> ft.Control:
    services = use_services()
    accounts = use_accounts()
    state = use_app_state()
    t = use_t()
    type_code = ft.use_route_params().get("type", "")
    catalogue = use_view_model(lambda s: CatalogueViewModel(repo=s.service_requests))
    form, set_form = ft.use_state(cast(ServiceFormViewModel | None, None))

    async def load() -> None:
        await catalogue.load(state.locale)
        s = catalogue.find(type_code)
        if s is not None and form is None:
            set_form(
                ServiceFormViewModel(
                    repo=services.service_requests, service=s, customer_code=accounts.selected_code
                )
            )

    ft.use_effect(load, [state.locale])
    go = ft.context.page.navigate

    def leave_when_filed() -> None:
        """Signed (or nothing to sign): the request's own page shows its progress."""
        if form is not None and form.filed is not None and (form.signed or not form.must_sign):
            go(f"/services/requests/{form.filed.id}")

    filed = form.filed if form is not None else None
    ft.use_effect(
        leave_when_filed,
        [filed.id if filed else None, filed.status if filed else None],
    )
    body: list[ft.Control] = [page_title(t.t("services.new_title"), back_to="/services")]
    if form is None:
        if catalogue.error:
            body.append(error_notice(t.error(catalogue.error), t.t("common.retry"), load))
        elif catalogue.types:
            body.append(empty(t.t("services.unknown_type")))
        else:
            body.append(loading(t.t("common.loading")))
        return centred(body, FORM_WIDTH)
    vm: ServiceFormViewModel = form
    body.append(ft.Text(vm.service.name, theme_style=ft.TextThemeStyle.TITLE_LARGE))
    if vm.service.needs_code:
        body.append(ft.Text(t.t("services.for_code", code=vm.customer_code or "—")))
    if vm.must_sign:
        body += signing_sheet(t, vm)
    else:
        body += [
            field_input(t, spec, vm.values.get(spec.name, ""), vm.field_errors.get(spec.name),
                        partial(vm.set, spec.name))
            for spec in vm.service.fields
        ]  # fmt: skip

        def noted(e) -> None:
            vm.note = e.control.value or ""

        body.append(
            tagged(
                "field-note",
                ft.TextField(
                    label=t.t("services.note"),
                    value=vm.note,
                    multiline=True,
                    max_length=500,
                    on_change=noted,
                ),
            )
        )
        body.append(
            tagged(
                "service-submit",
                ft.FilledButton(
                    t.t("services.submit"), icon=ft.Icons.SEND, on_click=vm.submit, disabled=vm.busy
                ),
            )
        )
    if vm.notice:
        body.append(ft.Text(t.t(vm.notice), color=ft.Colors.PRIMARY))
    if vm.error and (line := field_error(t.error(vm.error))):
        body.append(line)
    return centred(body, FORM_WIDTH)
