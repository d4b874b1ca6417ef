"""The staff side of a bill review (issue 18): the customer's doubt with the explanation they
read, then close it `no_change` (the reason goes to the customer) or `corrected` with the kWh
the bill should have had (an adjustment bill is issued)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import flet as ft

from app.i18n import Translator
from app.views.services.staff_view_model import StaffRequestViewModel
from app.widgets.semantics import tagged
from domain.models.services import ServiceRequestPublic

_KWH = re.compile(r"^[0-9]{1,6}([.,][0-9]{1,3})?$")


@dataclass
class ReviewForm:
    reason: str = ""
    kwh: str = ""


def snapshot_lines(t: Translator, r: ServiceRequestPublic) -> list[ft.Control]:
    snap = r.fields.get("snapshot") or {}
    sentence = (snap.get("explanation") or {}).get("sentence")
    if t.locale == "en" and snap.get("sentence_en"):  # reviews filed before it: vi only
        sentence = snap["sentence_en"]
    readings = snap.get("readings") or {}
    rows: list[ft.Control] = []
    if sentence:
        rows.append(tagged("staff-review-sentence", ft.Text(sentence, italic=True), container=True))
    if readings:
        rows.append(
            ft.Text(
                t.t(
                    "insight.staff_readings",
                    start=readings.get("start_index", "?"),
                    end=readings.get("end_index", "?"),
                    kwh=snap.get("kwh", "?"),
                    method=(readings.get("end") or {}).get("method", "?"),
                )
            )
        )
    return rows


async def close(vm: StaffRequestViewModel, form: ReviewForm, outcome: str) -> bool:
    reason = form.reason.strip()
    errors = {}
    if len(reason) < 3:
        errors["note"] = "required"
    kwh = form.kwh.strip().replace(",", ".")
    if outcome == "corrected" and not _KWH.match(kwh):
        errors["corrected_kwh"] = "invalid"
    if errors:
        vm.refuse(errors)
        return False

    async def call() -> None:
        vm.request = await vm.repo.close_review(
            vm.request_id, outcome, reason, kwh if outcome == "corrected" else None
        )

    return await vm.run(call)


def review_controls(t: Translator, vm: StaffRequestViewModel, form: ReviewForm) -> list[ft.Control]:
    r = vm.request
    if r is None or r.status in ("done", "rejected", "cancelled"):
        return []

    def typed_reason(e) -> None:
        form.reason = e.control.value or ""

    def typed_kwh(e) -> None:
        form.kwh = e.control.value or ""

    def closer(outcome: str):
        async def handler(_=None) -> None:
            await close(vm, form, outcome)

        return handler

    return [
        ft.Text(t.t("insight.staff_close"), theme_style=ft.TextThemeStyle.TITLE_MEDIUM),
        tagged(
            "staff-review-reason",
            ft.TextField(
                label=t.t("insight.staff_reason"),
                value=form.reason,
                multiline=True,
                max_length=500,
                on_change=typed_reason,
                error=t.t("services.field_error.required") if "note" in vm.field_errors else None,
            ),
        ),
        tagged(
            "staff-review-kwh",
            ft.TextField(
                label=t.t("insight.staff_kwh"),
                value=form.kwh,
                keyboard_type=ft.KeyboardType.NUMBER,
                on_change=typed_kwh,
                error=t.t("insight.staff_kwh_invalid")
                if "corrected_kwh" in vm.field_errors
                else None,
            ),
        ),
        ft.Row(
            [
                tagged(
                    "staff-review-no-change",
                    ft.OutlinedButton(
                        t.t("insight.staff_no_change"), on_click=closer("no_change"),
                        disabled=vm.busy,
                    ),
                ),
                tagged(
                    "staff-review-corrected",
                    ft.FilledButton(
                        t.t("insight.staff_corrected"), on_click=closer("corrected"),
                        disabled=vm.busy,
                    ),
                ),
            ],
            wrap=True,
        ),
    ]  # fmt: skip
