"""The services repository and view models against the real backend in-process: the owner
files household_norm, signs with the code from the dev outbox, cancels; a member is refused."""

from __future__ import annotations

import re

import httpx
import pytest

from app.services.auth_repository import AuthRepository
from app.services.errors import ForbiddenError
from app.services.service_requests_repository import ServiceRequestsRepository
from app.views.services.requests_view_model import RequestDetailViewModel
from app.views.services.view_model import CatalogueViewModel, ServiceFormViewModel
from domain import clock
from tests.app.services.test_client_against_server import BASE, client, transport  # noqa: F401

CODE = "PE01000123456"


async def sign_code(transport, phone: str, tracking_no: str) -> str:  # noqa: F811
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as dev:
        entries = (await dev.get("/dev/outbox", params={"to": phone})).json()
    body = next(e["body"] for e in entries if tracking_no in e["body"])
    return re.search(r"\b(\d{6})\b", body).group(1)


async def test_owner_files_signs_and_cancels(transport):  # noqa: F811
    api = client(transport)
    await AuthRepository(api).sign_in("0901234567", "DienNha@2025")
    repo = ServiceRequestsRepository(api)
    catalogue = CatalogueViewModel(repo=repo)
    await catalogue.load("vi")
    norm = catalogue.find("household_norm")
    assert norm is not None and norm.needs_signature
    form = ServiceFormViewModel(repo=repo, service=norm, customer_code=CODE)
    form.set("residents", "6")
    form.set("effective_date", clock.today().isoformat())
    assert await form.submit(), form.error
    assert form.must_sign
    assert await form.send_code(), form.error
    form.otp = await sign_code(transport, "0901234567", form.filed.tracking_no)
    assert await form.sign(), form.error
    assert form.filed.status == "submitted" and form.filed.signatures
    assert (await repo.mine())[0].id == form.filed.id
    detail = RequestDetailViewModel(repo=repo, request_id=form.filed.id)
    await detail.load()
    assert detail.can_cancel and await detail.cancel()
    assert detail.request.status == "cancelled"
    await api.aclose()


async def test_member_is_refused_an_owner_only_type(transport):  # noqa: F811
    api = client(transport)
    await AuthRepository(api).sign_in("0987654321", "DienNha@2025")
    repo = ServiceRequestsRepository(api)
    with pytest.raises(ForbiddenError) as refused:
        await repo.file(
            "household_norm",
            CODE,
            {"residents": 6, "effective_date": clock.today().isoformat()},
            None,
        )
    assert refused.value.code == "owner_only"
    await api.aclose()
