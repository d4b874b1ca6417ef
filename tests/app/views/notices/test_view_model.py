"""Thông báo: the inbox view model, the live badge from a (fake) stream, deep links."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from app.app_state import AppState
from app.services.errors import AuthError, OfflineError
from app.services.notice_feed import NoticeFeed
from app.services.preferences import MemoryPreferences
from app.services.sse import SseEvent
from app.views.notices.deep_links import target_for
from app.views.notices.view_model import NoticeCenter
from domain.models import NotificationPublic
from tests.app.fakes import FakeAuth, FakeNotices, notice

AT = datetime(2026, 11, 24, 3, tzinfo=UTC)


def unread_event(count: int) -> SseEvent:
    return SseEvent("unread", json.dumps({"unread_count": count}))


def notice_event(n: NotificationPublic) -> SseEvent:
    return SseEvent("notice", n.model_dump_json(), id=str(n.id))


async def no_sleep(_: float) -> None:
    await asyncio.sleep(0)


def center_for(repo: FakeNotices, **kwargs) -> NoticeCenter:
    return NoticeCenter(repo=repo, feed=NoticeFeed(repo, sleep=no_sleep), **kwargs)


async def settle(condition, tries: int = 200) -> None:
    for _ in range(tries):
        if condition():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never became true")


async def test_pages_filter_and_mark_read():
    repo = FakeNotices(inbox=[notice(5), notice(4, read=True), notice(3), notice(2)])
    center = center_for(repo)
    await center.load()
    assert [n.id for n in center.items] == [5, 4] and center.unread_count == 3
    await center.load_more()
    assert [n.id for n in center.items] == [5, 4, 3, 2] and center.next_cursor is None
    await center.mark_read(center.items[0])
    assert center.items[0].read_at is not None and center.unread_count == 2
    await center.mark_read(center.items[0])  # already read: no call
    assert repo.calls.count(("read", 5)) == 1
    await center.show_only_unread(True)
    assert [n.id for n in center.items] == [3, 2]
    await center.mark_read(center.items[0])
    assert [n.id for n in center.items] == [2]  # read ones leave the unread view
    await center.mark_all_read()
    assert center.unread_count == 0 and center.items == []


async def test_badge_follows_the_stream_and_new_notices_go_on_top():
    repo = FakeNotices(inbox=[notice(1)])
    center = center_for(repo)
    await center.load()
    center.start()
    await repo.queue.put(unread_event(1))
    await settle(lambda: center.live)
    await repo.queue.put(notice_event(notice(7, "payment_due")))
    await repo.queue.put(unread_event(2))
    await settle(lambda: center.unread_count == 2)
    assert [n.id for n in center.items] == [7, 1]
    await repo.queue.put(notice_event(notice(7, "payment_due")))  # a replay: not twice
    await repo.queue.put(unread_event(0))  # read on another device
    await settle(lambda: center.unread_count == 0)
    assert [n.id for n in center.items] == [7, 1]
    await center.stop()
    assert not center.live


async def test_link_notices_reload_link_screens_and_accounts():
    reloads: list[int] = []

    async def reload_accounts() -> None:
        reloads.append(1)

    repo = FakeNotices()
    center = center_for(repo, on_link_change=reload_accounts)
    center.start()
    await repo.queue.put(notice_event(notice(9, "link_request", customer_code="PE01000123456")))
    await settle(lambda: center.link_changes == 1)
    assert reloads == [1]
    await repo.queue.put(notice_event(notice(10, "bill_issued")))
    await repo.queue.put(unread_event(2))
    await settle(lambda: center.unread_count == 2)
    assert center.link_changes == 1 and center.items == []  # inbox not loaded: nothing kept
    await center.stop()


async def test_reconnects_with_backoff_and_resumes_from_the_last_id():
    repo = FakeNotices()
    delays: list[float] = []

    async def sleep(delay: float) -> None:
        delays.append(delay)
        await asyncio.sleep(0)

    feed = NoticeFeed(repo, first_delay_s=1, max_delay_s=8, sleep=sleep)
    center = NoticeCenter(repo=repo, feed=feed)
    center.start()
    await repo.queue.put(notice_event(notice(41)))
    await repo.queue.put(None)  # the server closed the stream
    for _ in range(5):
        await repo.queue.put(OfflineError(code="offline"))
    await repo.queue.put(unread_event(3))
    await settle(lambda: center.unread_count == 3)
    assert repo.connects[0] is None and set(repo.connects[1:]) == {"41"}
    assert delays[0] == 1  # after a clean end: the shortest wait
    assert delays[1:4] == sorted(delays[1:4]) and max(delays) <= 8  # doubling, capped
    assert delays[1] >= 1.6
    await center.stop()


async def test_a_dead_session_ends_the_stream():
    repo = FakeNotices()
    center = center_for(repo)
    center.start()
    await repo.queue.put(AuthError(code="session_expired", status=401))
    await settle(lambda: center._task is not None and center._task.done())
    assert not center.live


async def test_stream_follows_sign_in_and_sign_out():
    repo = FakeNotices(inbox=[notice(1)])
    state = AppState(auth=FakeAuth(), prefs=MemoryPreferences())
    state.session = "signed_out"
    center = center_for(repo)
    center.follow_session(state)
    assert center._task is None
    state.signed_in()
    await settle(lambda: center.live)
    await center.load()
    await repo.queue.put(unread_event(1))
    await settle(lambda: center.unread_count == 1)
    await state.sign_out()
    await settle(lambda: not center.live and center.items == [])
    assert center.unread_count == 0 and not center.loaded  # the next person starts empty
    state.signed_in()  # someone signs in again on this device
    await settle(lambda: center.live)
    await center.stop()


def test_deep_links():
    code = {"customer_code": "PE01000123456"}
    assert target_for(notice(1, "bill_issued", ref_type="bill", ref_id="97", **code)) == "/bills/97"
    assert (
        target_for(notice(2, "outage_planned", ref_type="outage", ref_id="2", **code))
        == "/calendar"
    )
    assert (
        target_for(notice(3, "outage_changed", ref_type="outage", ref_id="2", **code))
        == "/calendar"
    )
    assert target_for(notice(4, "link_request", ref_type="link", ref_id="4", **code)) == "/links"
    assert (
        target_for(notice(5, "reading_date", ref_type="reading", ref_id="2026-11")) == "/calendar"
    )
    assert target_for(notice(6, "abnormal_use", ref_type="day", ref_id="2026-11-20")) == "/usage"
    assert target_for(notice(7, "new_sign_in")) == "/settings/password"
    assert target_for(notice(8, "announcement", ref_type="announcement", ref_id="3")) is None
    assert target_for(notice(9, "bill_issued", ref_type="bill", ref_id="../x")) is None


async def test_an_unreadable_event_reconnects_instead_of_ending_the_badge():
    repo = FakeNotices()
    center = center_for(repo)
    center.start()
    await repo.queue.put(SseEvent("unread", "{not json"))
    await repo.queue.put(SseEvent("unread", '{"other": 1}'))
    await repo.queue.put(unread_event(5))
    await settle(lambda: center.unread_count == 5)
    assert len(repo.connects) == 3 and center.live
    await center.stop()
