"""Fake repositories for view-model tests: canned answers, a call log, a failure to raise.

Each fake subclasses the Protocol of app/services/protocols.py it stands for, next to the real
repository: mypy checks both (`./test`'s gates), and tests/app/test_protocols.py checks that
every method is spelt the same way in the Protocol, the real class and the fake."""

from tests.app.fakes.accounts import FakeAccounts, FakeAuth, account
from tests.app.fakes.bills import FakeBills
from tests.app.fakes.links import FakeLinks, link
from tests.app.fakes.notices import FakeNotices, notice
from tests.app.fakes.outages import FakeIncidents, FakeOutages
from tests.app.fakes.profile import FakeProfile, user
from tests.app.fakes.public import BILL_STATUS, BREAKDOWN, FakePublic, article, outage
from tests.app.fakes.rooms import FakeRooms, room, share
from tests.app.fakes.services import FakeServiceRequests
from tests.app.fakes.usage import FakeUsage

__all__ = [
    "BILL_STATUS",
    "BREAKDOWN",
    "FakeAccounts",
    "FakeAuth",
    "FakeBills",
    "FakeIncidents",
    "FakeLinks",
    "FakeNotices",
    "FakeOutages",
    "FakeProfile",
    "FakePublic",
    "FakeRooms",
    "FakeServiceRequests",
    "FakeUsage",
    "account",
    "article",
    "link",
    "notice",
    "outage",
    "room",
    "share",
    "user",
]
