"""Planned outages as the public (and a linked customer) sees them: no personal data."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class OutagePublic(BaseModel):
    """One planned interruption of supply affecting an area (lịch tạm ngừng cung cấp điện)."""

    id: int
    area: str
    area_name: str | None = None  # readable name of the area; None: show the code
    starts_at: datetime
    ends_at: datetime
    reason: str
    reason_en: str | None = None  # the reason in English, when staff gave it
    status: str = "planned"  # planned | in_progress | done | cancelled

    def reason_in(self, lang: str) -> str:
        """The reason in the reader's language: English when staff gave it, else Vietnamese."""
        return self.reason_en if lang == "en" and self.reason_en else self.reason
