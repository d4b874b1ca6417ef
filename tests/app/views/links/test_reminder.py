"""Issue 21.6: the waiting relative reminds the owner; "too soon" shows from when they may, and
the card says when they asked and reminded (vi/en words exist)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.i18n import Translator
from app.services.errors import RateLimitedError, ServerError
from app.views.links.widgets import reminder_lines
from domain.models import LinkReminder
from tests.app.fakes.links import AT
from tests.app.views.links.test_view_model import owner_world

WAITING = "PE02000777888"
SENT = LinkReminder(
    requested_at=AT, reminded_at=AT + timedelta(days=2), next_at=AT + timedelta(days=3)
)


async def test_a_reminder_is_kept_for_the_card():
    vm, repo, _ = owner_world(reminder=SENT)
    await vm.remind(WAITING)
    assert ("remind", WAITING) in repo.calls and vm.reminded[WAITING] == SENT
    assert vm.error is None
    (line,) = reminder_lines(Translator("vi"), vm.reminded[WAITING], None)
    assert "lúc" in line.value and "nhắc lại" in line.value


async def test_too_soon_is_a_time_not_an_error():
    error = RateLimitedError(code="reminder_too_soon")
    error.retry_after_s = 3600
    vm, _, _ = owner_world(fail_with=error)
    before = datetime.now(UTC)
    await vm.remind(WAITING)
    assert vm.error is None and WAITING not in vm.reminded
    assert timedelta(minutes=59) < vm.remind_from[WAITING] - before <= timedelta(minutes=61)
    (line,) = reminder_lines(Translator("en"), None, vm.remind_from[WAITING])
    assert "remind them again from" in line.value


async def test_other_failures_are_shown_as_errors():
    vm, _, _ = owner_world(fail_with=ServerError(code="server_error"))
    await vm.remind(WAITING)
    assert vm.error is not None and not vm.remind_from


def test_no_reminder_yet_says_when_they_asked_or_nothing():
    assert reminder_lines(Translator("vi"), None, None) == []
    (line,) = reminder_lines(Translator("vi"), None, None, AT)
    assert line.value.startswith("Bạn gửi yêu cầu lúc")
