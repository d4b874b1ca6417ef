"""Đổi mật khẩu: the current password, a new one typed twice; other sign-ins end on success."""

from __future__ import annotations

from dataclasses import dataclass

import flet as ft

from app.services.errors import ValidationError
from app.services.protocols import ProfileRepo
from app.views.auth.view_model import check_password
from app.views.form_state import FormState


@ft.observable
@dataclass(kw_only=True)
class PasswordChangeViewModel(FormState):
    repo: ProfileRepo
    current_password: str = ""
    new_password: str = ""
    confirm: str = ""

    async def submit(self) -> bool:
        checks = {
            "current_password": None if self.current_password else "required",
            "new_password": check_password(self.new_password),
            "confirm": None if self.confirm == self.new_password else "password_mismatch",
        }
        if problems := {k: v for k, v in checks.items() if v}:
            self.refuse(problems)
            return False
        done = await self.run(
            lambda: self.repo.change_password(self.current_password, self.new_password)
        )
        if not done and isinstance(self.error, ValidationError) and self.error.fields:
            # The server names the field; its stable code says what is wrong with it.
            self.field_errors = {name: self.error.code for name in self.error.fields}
        if done:
            self.current_password = self.new_password = self.confirm = ""
            self.notice = "settings.password_changed"
        return done
