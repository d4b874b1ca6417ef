"""View models of the services screens: the catalogue, a request form with its OTP signing."""

from __future__ import annotations

from dataclasses import dataclass, field

import flet as ft

from app.services.errors import ValidationError
from app.services.protocols import ServiceRequestsRepo
from app.views.form_state import FormState
from app.views.services.form_rules import check_all
from domain.digits import is_ascii_digits
from domain.models.services import ServiceRequestPublic, ServiceTypePublic


@ft.observable
@dataclass(kw_only=True)
class CatalogueViewModel(FormState):
    repo: ServiceRequestsRepo
    types: list[ServiceTypePublic] = field(default_factory=list)
    lang: str = ""

    async def load(self, lang: str) -> None:
        async def call() -> None:
            self.types, self.lang = await self.repo.catalogue(lang), lang

        await self.run(call)

    def find(self, code: str) -> ServiceTypePublic | None:
        return next((t for t in self.types if t.code == code), None)

    def may_file(self, t: ServiceTypePublic, role: str | None, status: str | None) -> bool:
        """Whether the selected code lets this person file `t` (the server decides anyway)."""
        if not t.needs_code:
            return True
        if status != "approved":
            return False
        return t.who != "owner" or role == "owner"


@ft.observable
@dataclass(kw_only=True)
class ServiceFormViewModel(FormState):
    """Fill the catalogue's fields, file, then (when the type must be signed) sign by OTP."""

    repo: ServiceRequestsRepo
    service: ServiceTypePublic
    customer_code: str | None
    values: dict[str, str] = field(default_factory=dict)
    note: str = ""
    filed: ServiceRequestPublic | None = None  # waiting for its signature, or done
    code_sent: bool = False
    otp: str = ""
    signed: bool = False

    def set(self, name: str, value: str) -> None:
        self.values = {**self.values, name: value}
        if name in self.field_errors:
            self.field_errors = {k: v for k, v in self.field_errors.items() if k != name}

    @property
    def must_sign(self) -> bool:
        return self.filed is not None and self.filed.status == "awaiting_signature"

    async def submit(self) -> bool:
        fields, errors = check_all(self.service.fields, self.values)
        if errors:
            self.refuse(errors)
            return False

        async def call() -> None:
            code = self.customer_code if self.service.needs_code else None
            self.filed = await self.repo.file(self.service.code, code, fields, self.note or None)

        ok = await self.run(call)
        if not ok and isinstance(self.error, ValidationError):
            # The server's 422 names `fields.<name>`: show it next to that field.
            self.field_errors = {
                k.removeprefix("fields."): "invalid" for k in self.error.fields
            } or self.field_errors
        return ok

    async def send_code(self) -> bool:
        if self.filed is None:
            return False
        request_id = self.filed.id

        async def call() -> None:
            await self.repo.send_sign_code(request_id)
            self.code_sent, self.notice = True, "services.code_sent"

        ok = await self.run(call)
        if ok:
            self.notice = "services.code_sent"
        return ok

    async def sign(self) -> bool:
        if self.filed is None:
            return False
        if not is_ascii_digits(self.otp) or len(self.otp) != 6:
            self.refuse({"otp": "bad_format"})
            return False
        request_id = self.filed.id

        async def call() -> None:
            self.filed = await self.repo.sign(request_id, self.otp)
            self.signed = True

        return await self.run(call)

    def signed_lines(self) -> list[tuple[str, str]]:
        """Exactly what the signature covers, as the sheet shows it (label, value)."""
        if self.filed is None:
            return []
        labels = {f.name: f for f in self.service.fields}
        lines = [(labels[k].label if k in labels else k, _shown(labels.get(k), v))
                 for k, v in self.filed.fields.items()]  # fmt: skip
        if self.filed.note:
            lines.append(("note", self.filed.note))
        return lines


def _shown(spec, value) -> str:
    if spec is not None and spec.kind == "choice":
        return next((c.label for c in spec.choices if c.value == value), str(value))
    return str(value)
