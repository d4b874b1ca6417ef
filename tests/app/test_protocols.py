"""The repository Protocols of app/services/protocols.py against the real httpx repositories
and the fakes the view-model tests use: same methods, spelt the same way.

mypy checks the types (both subclass the Protocol), but it lets a positional parameter be
renamed; a view model calling `estimate(kwh, period_start=…)` would then work against the
real repository and fail against the fake, or the other way round. So this test compares
parameter names, kinds and defaults, and that async stays async."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from app.services import protocols
from app.services.accounts_repository import AccountsRepository
from app.services.auth_repository import AuthRepository
from app.services.bill_repository import BillRepository
from app.services.link_repository import LinkRepository
from app.services.notice_repository import NoticeRepository
from app.services.outage_reports_repository import OutageReportsRepository
from app.services.outage_repository import OutageRepository
from app.services.profile_repository import ProfileRepository
from app.services.public_repository import PublicRepository
from app.services.rooms_repository import RoomsRepository
from app.services.service_requests_repository import ServiceRequestsRepository
from app.services.staff_requests_repository import StaffRequestsRepository
from app.services.usage_repository import UsageRepository
from tests.app import fakes

# Protocol -> (the real repository, its fake or None when no view-model test needs one)
IMPLEMENTATIONS: dict[type, tuple[type, type | None]] = {
    protocols.AuthRepo: (AuthRepository, fakes.FakeAuth),
    protocols.AccountsRepo: (AccountsRepository, fakes.FakeAccounts),
    protocols.PublicRepo: (PublicRepository, fakes.FakePublic),
    protocols.OutagesRepo: (OutageRepository, fakes.FakeOutages),
    protocols.IncidentsRepo: (OutageReportsRepository, fakes.FakeIncidents),
    protocols.LinksRepo: (LinkRepository, fakes.FakeLinks),
    protocols.NoticesRepo: (NoticeRepository, fakes.FakeNotices),
    protocols.ProfileRepo: (ProfileRepository, fakes.FakeProfile),
    protocols.UsageRepo: (UsageRepository, fakes.FakeUsage),
    protocols.BillsRepo: (BillRepository, fakes.FakeBills),
    protocols.ServiceRequestsRepo: (ServiceRequestsRepository, fakes.FakeServiceRequests),
    protocols.StaffRequestsRepo: (StaffRequestsRepository, None),
    protocols.RoomsRepo: (RoomsRepository, fakes.FakeRooms),  # issue 18, tenants
}


def members(protocol: type) -> list[str]:
    return sorted(n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_"))


def shape(fn: Any) -> tuple[Any, ...]:
    params = [(p.name, p.kind, p.default) for p in inspect.signature(fn).parameters.values()]
    return (
        inspect.iscoroutinefunction(fn) or inspect.isasyncgenfunction(fn),
        params,
    )


def cases() -> list[Any]:
    out = []
    for protocol, (real, fake) in IMPLEMENTATIONS.items():
        for cls in (real, fake):
            if cls is not None:
                out.append(pytest.param(protocol, cls, id=f"{protocol.__name__}-{cls.__name__}"))
    return out


def test_every_protocol_is_listed():
    declared = {
        v
        for v in vars(protocols).values()
        if isinstance(v, type)
        and getattr(v, "_is_protocol", False)
        and v.__module__ == protocols.__name__
    }
    assert declared == set(IMPLEMENTATIONS)


@pytest.mark.parametrize(("protocol", "cls"), cases())
def test_implementation_matches_its_protocol(protocol: type, cls: type):
    assert protocol in cls.__mro__, f"{cls.__name__} must subclass {protocol.__name__}"
    for name in members(protocol):
        own = next((k for k in cls.__mro__ if name in vars(k)), None)
        assert own is not None and own is not protocol, f"{cls.__name__}.{name} is missing"
        # An async generator (`events`) is declared in the Protocol as a plain def returning
        # an AsyncIterator: compare the parameters only.
        want_async, want = shape(getattr(protocol, name))
        got_async, got = shape(getattr(cls, name))
        assert got == want, f"{cls.__name__}.{name}{got} differs from the Protocol {want}"
        if not inspect.isasyncgenfunction(getattr(cls, name)):
            assert got_async == want_async, f"{cls.__name__}.{name}: async differs"


def test_a_renamed_parameter_is_caught():
    """The check itself: the drift that issue 15 found (start/end for period_start/end)."""

    class Drifted(fakes.FakePublic):
        async def estimate(self, kwh, start, end, households=1):  # type: ignore[no-untyped-def,override]
            raise NotImplementedError

    with pytest.raises(AssertionError, match="estimate"):
        test_implementation_matches_its_protocol(protocols.PublicRepo, Drifted)
