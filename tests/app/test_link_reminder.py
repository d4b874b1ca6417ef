"""Issue 21.6: the waiting relative reminds the owner; "too soon" shows from when they may, and
the card says when they asked and reminded (vi/en words exist)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.i18n import Translator
from app.services.errors import RateLimitedError, ServerError
from app.views.links.view_model import LinksViewModel
from app.views.links.widgets import reminder_lines
from domain.models import LinkReminder
from tests.app.test_links import AT, owner_world

WAITING = "PE02000777888"


@dataclass
class Answer:
    reminder: LinkReminder | None = None
    error: Exception | None = None


def with_remind(vm: LinksViewModel, answer: Answer) -> list[str]:
    calls: list[str] = []

    async def remind(code: str) -> LinkReminder:
        calls.append(code)
        if answer.error:
            raise answer.error
        assert answer.reminder is not None
        return answer.reminder

    vm.repo.remind = remind  # the fake repository grows the new method for this test
    return calls


async def test_a_reminder_is_kept_for_the_card():
    vm, _, _ = owner_world()
    sent = LinkReminder(
        requested_at=AT, reminded_at=AT + timedelta(days=2), next_at=AT + timedelta(days=3)
    )
    calls = with_remind(vm, Answer(reminder=sent))
    await vm.remind(WAITING)
    assert calls == [WAITING] and vm.reminded[WAITING] == sent and vm.error is None
    (line,) = reminder_lines(Translator("vi"), vm.reminded[WAITING], None)
    assert "lúc" in line.value and "nhắc lại" in line.value


async def test_too_soon_is_a_time_not_an_error():
    vm, _, _ = owner_world()
    error = RateLimitedError(code="reminder_too_soon")
    error.retry_after_s = 3600
    with_remind(vm, Answer(error=error))
    before = datetime.now(UTC)
    await vm.remind(WAITING)
    assert vm.error is None and WAITING not in vm.reminded
    assert timedelta(minutes=59) < vm.remind_from[WAITING] - before <= timedelta(minutes=61)
    (line,) = reminder_lines(Translator("en"), None, vm.remind_from[WAITING])
    assert "remind them again from" in line.value


async def test_other_failures_are_shown_as_errors():
    vm, _, _ = owner_world()
    with_remind(vm, Answer(error=ServerError(code="server_error")))
    await vm.remind(WAITING)
    assert vm.error is not None and not vm.remind_from


def test_no_reminder_yet_adds_no_line():
    assert reminder_lines(Translator("vi"), None, None) == []
