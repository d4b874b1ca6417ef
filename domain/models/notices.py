"""Inbox notices on the wire: one notice, a page of them with the unread count, read results."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from domain.models.common import Page


class NotificationPublic(BaseModel):
    """A notice worded in the reader's language (rendered when read, from kind + params)."""

    id: int
    kind: str
    title: str
    body: str
    created_at: datetime
    read_at: datetime | None = None
    customer_code: str | None = None
    ref_type: str | None = None
    ref_id: str | None = None


class NotificationPage(Page[NotificationPublic]):
    """Newest first; `unread_count` counts the whole inbox, not this page."""

    unread_count: int


class UnreadCount(BaseModel):
    """The badge number; also what the live stream sends on every change."""

    unread_count: int


class ReadAllResult(BaseModel):
    marked: int
    unread_count: int
