"""Service requests: the catalogue, filing with per-type validation, who may file, OTP signing."""

from __future__ import annotations

import pytest

from server.services.service_requests.catalogue import service_types
from tests.server.api import MEMBER, OTHER_CODE, OWNER, OWNER_CODE, PENDING, UNKNOWN_CODE
from tests.server.service_support import file_and_sign, norm_body, sign_code

pytestmark = pytest.mark.usefixtures("demo")
ISSUE_TYPES = {
    "new_connection", "change_holder", "change_purpose", "household_norm", "meter_check",
    "meter_move", "suspend", "terminate", "reconnect", "contact_update",
}  # fmt: skip


async def test_catalogue_lists_every_type_in_both_languages_for_guests(client):
    vi = (await client.get("/public/service-types")).json()
    en = (await client.get("/public/service-types", params={"lang": "en"})).json()
    # bill_review (issue 18) is named in the catalogue but filed from a bill (from_bill).
    assert {t["code"] for t in vi if not t["from_bill"]} == ISSUE_TYPES
    assert {t["code"] for t in en if not t["from_bill"]} == ISSUE_TYPES
    assert {t["code"] for t in vi if t["from_bill"]} == {"bill_review"}
    norm_vi = next(t for t in vi if t["code"] == "household_norm")
    norm_en = next(t for t in en if t["code"] == "household_norm")
    assert norm_vi["who"] == "owner" and norm_vi["needs_signature"] is True
    assert norm_vi["turnaround_days"] == 3 and norm_vi["documents"]
    assert norm_vi["name"] != norm_en["name"] and "4 người" in norm_vi["description"]
    assert {f["name"] for f in norm_vi["fields"]} == {"residents", "effective_date"}
    check = next(t for t in vi if t["code"] == "meter_check")
    assert check["who"] == "member" and check["needs_signature"] is False
    new = next(t for t in vi if t["code"] == "new_connection")
    assert new["who"] == "anyone" and new["needs_code"] is False
    purpose = next(f for f in new["fields"] if f["name"] == "purpose")
    assert purpose["kind"] == "choice" and purpose["choices"][0]["label"] == "Sinh hoạt"


def test_every_catalogue_field_has_a_known_kind_and_both_labels():
    for t in service_types().values():
        for f in t.raw["fields"]:
            assert f["kind"] in {"text", "number", "date", "choice", "address", "phone", "email"}
            assert f["label"]["vi"] and f["label"]["en"]


async def test_owner_files_household_norm_it_waits_for_a_signature(api, client):
    h = await api.headers(OWNER)
    r = await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)
    assert r.status_code == 201, r.text
    sr = r.json()
    assert sr["status"] == "awaiting_signature" and sr["tracking_no"].startswith("DV")
    assert sr["timeline"][0]["status"] == "awaiting_signature" and sr["due_on"] is None


async def test_fields_are_validated_per_type(api, client):
    h = await api.headers(OWNER)
    body = {
        "type": "household_norm",
        "customer_code": OWNER_CODE,
        "fields": {"residents": 0, "effective_date": "2001-01-01", "colour": "red"},
    }
    r = await client.post("/service-requests", json=body, headers=h)
    assert r.status_code == 422 and r.json()["code"] == "validation_failed"
    fields = {e["field"] for e in r.json()["errors"]}
    assert fields == {"fields.residents", "fields.effective_date", "fields.colour"}
    r = await client.post(
        "/service-requests", json={"type": "household_norm", "customer_code": OWNER_CODE}, headers=h
    )
    assert {e["field"] for e in r.json()["errors"]} == {
        "fields.residents", "fields.effective_date"
    }  # fmt: skip
    r = await client.post("/service-requests", json={"type": "teleport", "fields": {}}, headers=h)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "type"


async def test_member_cannot_file_owner_only_types_but_may_ask_for_a_meter_check(api, client):
    h = await api.headers(MEMBER)
    r = await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)
    assert r.status_code == 403 and r.json()["code"] == "owner_only"
    body = {"type": "meter_check", "customer_code": OWNER_CODE, "fields": {"reason": "Số nhảy"}}
    r = await client.post("/service-requests", json=body, headers=h)
    assert r.status_code == 201 and r.json()["status"] == "submitted"
    assert r.json()["due_on"] is not None


@pytest.mark.parametrize(
    ("phone", "code", "status", "problem"),
    [
        (PENDING, OWNER_CODE, 403, "link_not_approved"),
        (OWNER, OTHER_CODE, 404, "account_not_found"),
        (OWNER, UNKNOWN_CODE, 404, "account_not_found"),
    ],
)
async def test_codes_without_an_approved_link_are_refused_as_usual(
    api, client, phone, code, status, problem
):
    h = await api.headers(phone)
    body = {"type": "meter_check", "customer_code": code, "fields": {"reason": "x"}}
    r = await client.post("/service-requests", json=body, headers=h)
    assert (r.status_code, r.json()["code"]) == (status, problem)


async def test_new_connection_needs_no_code_and_anyone_signed_in_may_file(api, client):
    tokens = await api.register("0365555555")
    h = {"Authorization": f"Bearer {tokens['access_token']}"}
    fields = {
        "full_name": "Ngô Thị Hoa", "id_number": "079123456789", "address": "12 Lê Lợi, Q1",
        "purpose": "household", "households": 1,
    }  # fmt: skip
    sr = await file_and_sign(client, h, "0365555555", {"type": "new_connection", "fields": fields})
    assert sr["status"] == "submitted" and sr["customer_code"] is None
    assert sr["signatures"][0]["content_sha256"] == sr["content_sha256"]


async def test_signing_keeps_who_when_device_ip_and_content_hash(api, client, ctx):
    h = await api.headers(OWNER) | {"User-Agent": "DienNha-test/1.0"}
    sr = await file_and_sign(client, h, OWNER, norm_body(OWNER_CODE))
    assert sr["status"] == "submitted" and [e["status"] for e in sr["timeline"]] == [
        "awaiting_signature", "submitted"
    ]  # fmt: skip
    assert (
        len(sr["signatures"]) == 1 and sr["signatures"][0]["content_sha256"] == sr["content_sha256"]
    )
    from sqlalchemy import select

    from server.models.services import ServiceSignature

    async with ctx.sessions() as s:
        sig = (await s.execute(select(ServiceSignature))).scalar_one()
    assert (
        sig.ip == "203.0.113.7" and sig.device == "DienNha-test/1.0" and sig.signer.endswith("567")
    )
    # the SMS named the request
    r = await client.get("/dev/outbox", params={"to": OWNER})
    assert any(sr["tracking_no"] in m["body"] for m in r.json())


async def test_wrong_reused_other_purpose_and_other_request_codes_are_refused(api, client):
    h = await api.headers(OWNER)
    a = (await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)).json()
    b = (await client.post("/service-requests", json=norm_body(OWNER_CODE, 8), headers=h)).json()
    # a code of another purpose (login) signs nothing
    await client.post("/auth/otp", json={"phone": OWNER, "purpose": "login"})
    login_code = await api.last_otp(OWNER)
    r = await client.post(f"/service-requests/{a['id']}/sign", json={"otp": login_code}, headers=h)
    assert r.status_code == 400 and r.json()["code"] == "otp_invalid"
    # a code sent for request b does not sign request a
    await client.post(f"/service-requests/{b['id']}/sign/otp", headers=h)
    code_b = await sign_code(client, OWNER, b["tracking_no"])
    r = await client.post(f"/service-requests/{a['id']}/sign", json={"otp": code_b}, headers=h)
    assert r.status_code == 400
    wrong = "000000" if code_b != "000000" else "111111"
    r = await client.post(f"/service-requests/{b['id']}/sign", json={"otp": wrong}, headers=h)
    assert r.status_code == 400
    r = await client.post(f"/service-requests/{b['id']}/sign", json={"otp": code_b}, headers=h)
    assert r.status_code == 200 and r.json()["status"] == "submitted"
    # reused: b is signed; a new code for a, then reusing b's code fails
    await client.post(f"/service-requests/{a['id']}/sign/otp", headers=h)
    r = await client.post(f"/service-requests/{a['id']}/sign", json={"otp": code_b}, headers=h)
    assert r.status_code == 400
    r = await client.post(f"/service-requests/{b['id']}/sign", json={"otp": code_b}, headers=h)
    assert r.status_code == 409 and r.json()["code"] == "invalid_transition"


async def test_expired_code_is_refused(api, client, ctx):
    from sqlalchemy import update

    from server.models import OtpCode, utcnow

    h = await api.headers(OWNER)
    sr = (await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)).json()
    await client.post(f"/service-requests/{sr['id']}/sign/otp", headers=h)
    otp = await sign_code(client, OWNER, sr["tracking_no"])
    async with ctx.sessions() as s:
        await s.execute(
            update(OtpCode).where(OtpCode.purpose == "sign").values(expires_at=utcnow())
        )
        await s.commit()
    r = await client.post(f"/service-requests/{sr['id']}/sign", json={"otp": otp}, headers=h)
    assert r.status_code == 400 and r.json()["code"] == "otp_invalid"


async def test_content_hash_changes_when_a_field_changes(api, client, ctx):
    from server.models.services import ServiceRequest
    from server.services.service_requests.content import content_sha256

    h = await api.headers(OWNER)
    sr = await file_and_sign(client, h, OWNER, norm_body(OWNER_CODE))
    async with ctx.sessions() as s:
        row = await s.get(ServiceRequest, sr["id"])
        assert content_sha256(row) == sr["signatures"][0]["content_sha256"]
        row.fields = {**row.fields, "residents": 7}
        assert content_sha256(row) != sr["signatures"][0]["content_sha256"]


async def test_signatures_are_append_only_in_the_database(api, client, ctx):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    h = await api.headers(OWNER)
    await file_and_sign(client, h, OWNER, norm_body(OWNER_CODE))
    async with ctx.sessions() as s:
        with pytest.raises(DBAPIError):
            await s.execute(text("UPDATE service_signatures SET content_sha256 = 'x'"))
        await s.rollback()
        with pytest.raises(DBAPIError):
            await s.execute(text("DELETE FROM service_signatures"))


async def test_wrong_sign_codes_use_up_the_code_and_signing_writes_its_proof(api, client, ctx):
    """Five wrong tries burn the sign code (the right one is refused after them); a new code
    signs, and the signature, the timeline, the audit record and the filer's notice land
    together (one statement on PostgreSQL, rows on SQLite)."""
    from sqlalchemy import select

    from server.models import AuditRecord, Notification, OtpCode

    h = await api.headers(OWNER)
    sr = (await client.post("/service-requests", json=norm_body(OWNER_CODE), headers=h)).json()
    await client.post(f"/service-requests/{sr['id']}/sign/otp", headers=h)
    otp = await sign_code(client, OWNER, sr["tracking_no"])
    wrong = "000000" if otp != "000000" else "111111"
    for _ in range(ctx.settings.otp_max_attempts):
        r = await client.post(f"/service-requests/{sr['id']}/sign", json={"otp": wrong}, headers=h)
        assert r.status_code == 400 and r.json()["code"] == "otp_invalid"
    r = await client.post(f"/service-requests/{sr['id']}/sign", json={"otp": otp}, headers=h)
    assert r.status_code == 400  # burnt
    async with ctx.sessions() as s:
        code = (await s.execute(select(OtpCode).where(OtpCode.purpose == "sign"))).scalar_one()
    assert code.attempts == ctx.settings.otp_max_attempts and code.used_at is not None
    signed = await file_and_sign(client, h, OWNER, {**norm_body(OWNER_CODE), "note": "x"})
    assert signed["status"] == "submitted" and signed["due_on"]
    assert signed["tracking_no"].startswith("DV") and signed["tracking_no"].endswith(
        f"{signed['id']:07d}"
    )
    async with ctx.sessions() as s:
        audit = (
            await s.scalars(select(AuditRecord.detail).where(AuditRecord.action.like("service%")))
        ).all()
        notices = (
            await s.scalars(select(Notification.kind).where(Notification.ref_id == str(sr["id"])))
        ).all()
        told = (
            await s.scalars(
                select(Notification.ref_id).where(Notification.kind == "service_request_submitted")
            )
        ).all()
    assert notices == []  # nothing was signed for the burnt request
    assert told == [str(signed["id"])]
    assert f"{signed['tracking_no']} sha256={signed['content_sha256']}" in audit
    assert f"{sr['tracking_no']} household_norm" in audit  # filed, though never signed
