"""Staff profile of the web client: the service-request queue and one request's next steps."""

from __future__ import annotations

import flet as ft

from app.context import use_app_state, use_t
from app.i18n import Translator
from app.views.hooks import use_load, use_view_model
from app.views.route_ids import route_id
from app.views.services.staff_review import ReviewForm, review_controls, snapshot_lines
from app.views.services.staff_view_model import (
    WINDOWS,
    StaffQueueViewModel,
    StaffRequestViewModel,
)
from app.views.services.view_model import CatalogueViewModel
from app.views.services.widgets import message_box, status_chip, timeline, who
from app.widgets.screen import FORM_WIDTH, PAGE_WIDTH, centred, page_title
from app.widgets.semantics import tagged
from app.widgets.states import empty, error_notice, field_error, loading

QUEUE_STATUSES = ("", "submitted", "received", "scheduled", "in_progress")


def _call(action, *args, **kwargs):
    """An event handler that awaits `action(*args)`: Flet awaits coroutine functions only,
    so a lambda returning a coroutine would never run."""

    async def handler(_=None) -> None:
        await action(*args, **kwargs)

    return handler


def filters(t: Translator, vm: StaffQueueViewModel) -> ft.Control:
    chips: list[ft.Control] = [
        tagged(
            f"staff-filter-{s or 'all'}",
            ft.Chip(
                label=ft.Text(t.t(f"services.status.{s}") if s else t.t("services.staff_all")),
                selected=(vm.status or "") == s,
                on_select=_call(vm.filter, status=s),
            ),
        )
        for s in QUEUE_STATUSES
    ]
    chips.append(
        tagged(
            "staff-filter-overdue",
            ft.Chip(
                label=ft.Text(t.t("services.staff_overdue")),
                selected=vm.overdue_only,
                on_select=_call(vm.toggle_overdue),
            ),
        )
    )
    return ft.Row(chips, wrap=True, spacing=8)


@ft.component
def StaffQueueView() -> ft.Control:
    t = use_t()
    vm = use_view_model(lambda s: StaffQueueViewModel(repo=s.staff_requests))
    use_load(vm.load)
    go = ft.context.page.navigate
    body: list[ft.Control] = [page_title(t.t("services.staff_title"), back_to="/"), filters(t, vm)]
    if vm.error:
        body.append(error_notice(t.error(vm.error), t.t("common.retry"), vm.load))
    elif not vm.loaded:
        body.append(loading(t.t("common.loading")))
    elif not vm.items:
        body.append(empty(t.t("services.staff_empty"), ft.Icons.INBOX_OUTLINED))
    for r in vm.items:
        facts = [r.tracking_no, r.type, r.customer_code or "", t.date(r.created_at.date())]
        if r.due_on:
            facts.append(t.t("services.due_on", date=t.date(r.due_on)))
        body.append(
            tagged(
                f"staff-request-{r.tracking_no}",
                ft.Card(
                    ft.ListTile(
                        leading=ft.Icon(
                            ft.Icons.WARNING_AMBER if r.overdue else ft.Icons.ASSIGNMENT_OUTLINED,
                            color=ft.Colors.ERROR if r.overdue else ft.Colors.PRIMARY,
                        ),
                        title=ft.Text(" · ".join(x for x in facts[:2])),
                        subtitle=ft.Text(" · ".join(x for x in facts[2:] if x)),
                        trailing=status_chip(t, r.status),
                        on_click=lambda _, rid=r.id: go(f"/staff/services/{rid}"),
                    )
                ),
            )
        )
    return centred(body, PAGE_WIDTH)


def step_controls(t: Translator, vm: StaffRequestViewModel) -> list[ft.Control]:
    steps = vm.next_steps
    if not steps:
        return []

    def typed_note(e) -> None:
        vm.note = e.control.value or ""

    def typed_date(e) -> None:
        vm.appointment_date = e.control.value or ""

    def picked_window(e) -> None:
        vm.window = e.control.value or WINDOWS[0]

    controls: list[ft.Control] = [
        ft.Text(t.t("services.staff_next"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        tagged(
            "staff-note",
            ft.TextField(
                label=t.t("services.staff_note"),
                value=vm.note,
                multiline=True,
                max_length=500,
                on_change=typed_note,
                error=t.t("services.field_error.required") if "note" in vm.field_errors else None,
            ),
        ),
    ]
    if "scheduled" in steps:
        controls.append(
            ft.Row(
                [
                    tagged(
                        "staff-appointment-date",
                        ft.TextField(
                            label=t.t("services.staff_appointment_date"),
                            hint_text=t.t("services.date_hint"),
                            value=vm.appointment_date,
                            on_change=typed_date,
                            error=t.t("services.field_error.bad_date")
                            if "appointment_date" in vm.field_errors
                            else None,
                        ),
                        expand=True,
                    ),
                    tagged(
                        "staff-appointment-window",
                        ft.Dropdown(
                            label=t.t("services.staff_window"),
                            value=vm.window,
                            options=[ft.DropdownOption(key=w, text=w) for w in WINDOWS],
                            on_select=picked_window,
                            width=160,
                        ),
                    ),
                ]
            )
        )
    controls.append(
        ft.Row(
            [
                tagged(
                    f"staff-move-{s}",
                    ft.FilledButton(
                        t.t(f"services.staff_to.{s}"),
                        on_click=_call(vm.move, s),
                        disabled=vm.busy,
                    ),
                )
                for s in steps
            ],
            wrap=True,
        )
    )
    return controls


@ft.component
def StaffRequestView() -> ft.Control:
    state = use_app_state()
    t = use_t()
    raw_id = ft.use_route_params().get("request_id", "0")
    vm = use_view_model(
        lambda s: StaffRequestViewModel(repo=s.staff_requests, request_id=route_id(raw_id))
    )
    names = use_view_model(lambda s: CatalogueViewModel(repo=s.service_requests))
    form = use_view_model(lambda s: ReviewForm())

    async def load() -> None:
        await names.load(state.locale)
        await vm.load()

    use_load(load, state.locale)
    body: list[ft.Control] = [page_title(t.t("services.detail_title"), back_to="/staff/services")]
    r = vm.request
    if r is None:
        body.append(
            error_notice(t.error(vm.error), t.t("common.retry"), load)
            if vm.error
            else loading(t.t("common.loading"))
        )
        return centred(body, FORM_WIDTH)
    service = names.find(r.type)
    labels = {f.name: f.label for f in service.fields} if service else {}
    body += [
        ft.Row(
            [
                ft.Text(
                    f"{r.tracking_no} · {service.name if service else r.type}",
                    theme_style=ft.TextThemeStyle.TITLE_LARGE,
                    expand=True,
                ),
                status_chip(t, r.status),
            ]
        ),
    ]
    if r.customer_code:
        body.append(ft.Text(t.t("services.for_code", code=r.customer_code)))
    fields: list[ft.Control] = [
        ft.Row(
            [
                ft.Text(labels.get(k, k), weight=ft.FontWeight.BOLD, expand=True),
                ft.Text(str(v), expand=True),
            ]
        )
        for k, v in r.fields.items()
        if k != "snapshot"  # a bill review's snapshot: shown as its sentence (issue 18)
    ]
    fields += snapshot_lines(t, r)
    if r.note:
        fields.append(ft.Text(r.note))
    body.append(
        tagged("staff-fields", ft.Card(ft.Container(ft.Column(fields), padding=16)), container=True)
    )
    if r.appointment:
        body.append(
            ft.Text(
                t.t(
                    "services.appointment",
                    date=t.date(r.appointment.date),
                    window=r.appointment.window,
                )
            )
        )
    if r.attachments:
        body.append(
            ft.Text(t.t("services.attachments"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM)
        )
        body += [
            ft.Text(f"• {a.filename} ({a.content_type}, {a.size // 1024} KB)")
            for a in r.attachments
        ]
    body += review_controls(t, vm, form) if r.type == "bill_review" else step_controls(t, vm)
    body += [
        ft.Text(t.t("services.timeline"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        timeline(t, r.timeline),
    ]
    body.append(ft.Text(t.t("services.messages"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM))
    body += [
        ft.ListTile(title=ft.Text(m.text), subtitle=ft.Text(f"{who(t, m.by)} · {t.datetime(m.at)}"))
        for m in r.messages
    ]

    def typed(text: str) -> None:
        vm.message = text

    body += message_box(
        t, "staff-message", "services.staff_message_label", vm.message, typed, vm.send_message,
        vm.busy,
    )  # fmt: skip
    if vm.error and (line := field_error(t.error(vm.error))):
        body.append(line)
    return centred(body, FORM_WIDTH)
