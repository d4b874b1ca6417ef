"""Yêu cầu của tôi: the list, and one request with its timeline, appointment, cancel, messages."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_t
from app.views.hooks import use_load, use_view_model
from app.views.route_ids import route_id
from app.views.services.attach_section import AttachSection
from app.views.services.requests_view_model import MyRequestsViewModel, RequestDetailViewModel
from app.views.services.view_model import CatalogueViewModel
from app.views.services.widgets import message_box, status_chip, timeline, who
from app.widgets.screen import FORM_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, error_notice, field_error, loading


@ft.component
def MyRequestsView() -> ft.Control:
    state = use_app_state()
    t = use_t()
    vm = use_view_model(lambda s: MyRequestsViewModel(repo=s.service_requests))
    names = use_view_model(lambda s: CatalogueViewModel(repo=s.service_requests))

    async def load() -> None:
        await names.load(state.locale)
        await vm.load()

    use_load(load, state.locale)
    go = ft.context.page.navigate
    body: list[ft.Control] = [page_title(t.t("services.mine"), back_to="/services")]
    if not vm.loaded:
        body.append(
            error_notice(t.error(vm.error), t.t("common.retry"), load)
            if vm.error
            else loading(t.t("common.loading"))
        )
    elif not vm.items:
        body.append(empty(t.t("services.none"), ft.Icons.ASSIGNMENT_OUTLINED))
    for r in vm.items:
        s = names.find(r.type)
        subtitle = [r.tracking_no, r.customer_code or "", t.date(r.created_at.date())]
        if r.appointment:
            subtitle.append(t.t("services.appointment_short", date=t.date(r.appointment.date)))
        body.append(
            tagged(
                f"request-{r.tracking_no}",
                ft.Card(
                    ft.ListTile(
                        title=ft.Text(s.name if s else r.type),
                        subtitle=ft.Text(" · ".join(x for x in subtitle if x)),
                        trailing=status_chip(t, r.status),
                        on_click=lambda _, rid=r.id: go(f"/services/requests/{rid}"),
                    )
                ),
            )
        )
    return centred(body, FORM_WIDTH)


@ft.component
def RequestDetailView() -> ft.Control:
    state = use_app_state()
    t = use_t()
    raw_id = ft.use_route_params().get("request_id", "0")
    request_id = route_id(raw_id)
    vm = use_view_model(
        lambda s: RequestDetailViewModel(repo=s.service_requests, request_id=request_id)
    )
    names = use_view_model(lambda s: CatalogueViewModel(repo=s.service_requests))

    async def load() -> None:
        await names.load(state.locale)
        await vm.load()

    use_load(load, state.locale)
    body: list[ft.Control] = [
        page_title(t.t("services.detail_title"), back_to="/services/requests")
    ]
    r = vm.request
    if r is None:
        body.append(
            error_notice(t.error(vm.error), t.t("common.retry"), load)
            if vm.error
            else loading(t.t("common.loading"))
        )
        return centred(body, FORM_WIDTH)
    s = names.find(r.type)
    body += [
        ft.Row(
            [
                ft.Text(
                    s.name if s else r.type, theme_style=ft.TextThemeStyle.TITLE_LARGE, expand=True
                ),
                status_chip(t, r.status),
            ]
        ),
        ft.Text(t.t("services.tracking_no", tracking_no=r.tracking_no), selectable=True),
    ]
    if r.customer_code:
        body.append(ft.Text(t.t("services.for_code", code=r.customer_code)))
    if r.appointment:
        body.append(
            tagged(
                "request-appointment",
                ft.Text(
                    t.t(
                        "services.appointment",
                        date=t.date(r.appointment.date),
                        window=r.appointment.window,
                    ),
                    weight=ft.FontWeight.BOLD,
                ),
            )
        )
    if r.due_on and r.status not in ("done", "rejected", "cancelled"):
        key = "services.overdue" if r.overdue else "services.due_on"
        body.append(
            ft.Text(t.t(key, date=t.date(r.due_on)), color=ft.Colors.ERROR if r.overdue else None)
        )
    if r.reason:
        body.append(ft.Text(t.t("services.reason", reason=r.reason), color=ft.Colors.ERROR))
    if r.status not in ("done", "rejected", "cancelled") or r.attachments:
        body.append(AttachSection(r.id, r.attachments, vm.load))  # photos and PDFs
    body += [
        ft.Text(t.t("services.timeline"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        timeline(t, r.timeline),
    ]
    if r.signatures:
        sig = r.signatures[-1]
        body.append(
            ft.Text(
                t.t(
                    "services.signed_at",
                    time=t.datetime(sig.signed_at),
                    hash=sig.content_sha256[:16],
                ),
                size=12,
            )
        )
    if vm.can_cancel:
        body.append(
            tagged(
                "cancel-request",
                ft.OutlinedButton(
                    t.t("services.cancel"), icon=ft.Icons.CANCEL_OUTLINED, on_click=vm.ask_cancel
                ),
            )
        )
    if vm.confirming_cancel:
        body.append(
            ft.Card(ft.Container(ft.Column([
                ft.Text(t.t("services.cancel_confirm")),
                ft.Row([
                    tagged("cancel-yes", ft.FilledButton(t.t("services.cancel_yes"), on_click=vm.cancel)),
                    tagged("cancel-no", ft.TextButton(t.t("services.cancel_no"), on_click=vm.keep)),
                ]),
            ]), padding=16))
        )  # fmt: skip
    body.append(ft.Text(t.t("services.messages"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    body += [
        ft.ListTile(title=ft.Text(m.text), subtitle=ft.Text(f"{who(t, m.by)} · {t.datetime(m.at)}"))
        for m in r.messages
    ] or [ft.Text(t.t("services.no_messages"), color=ft.Colors.ON_SURFACE_VARIANT)]

    def typed(text: str) -> None:
        vm.draft = text

    body += message_box(
        t, "message", "services.message_label", vm.draft, typed, vm.send_message, vm.busy
    )
    if vm.error and (line := field_error(t.error(vm.error))):
        body.append(line)
    return centred(body, FORM_WIDTH)
